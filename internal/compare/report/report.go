// Package report is the shape of a comparison of articles, as compare.Run
// makes it and `annotate -compare` prints it: pairs with their relation,
// shared passages and matched sentences, each article's unique text, and
// story groups. Offsets are Unicode code points, end exclusive. It holds
// types only, so readers of a report need not link the engine.
package report

import "encoding/json"

// Report is the comparison of one set of articles.
type Report struct {
	Pairs  []Pair              `json:"pairs"`
	Unique map[string][]Span   `json:"unique"`
	Groups [][]json.RawMessage `json:"groups"`
	Docs   []DocInfo           `json:"docs"`
}

// DocInfo describes one input article.
type DocInfo struct {
	ID    json.RawMessage `json:"id"`
	Lang  string          `json:"lang"` // ISO 639-1, "" when unknown
	Terms int             `json:"terms"`
}

// Pair is one compared pair of articles.
type Pair struct {
	A        json.RawMessage `json:"a"`
	B        json.RawMessage `json:"b"`
	Score    float64         `json:"score"`
	Relation string          `json:"relation"`
	Passages []Passage       `json:"passages"`
	// Sentences pairs each sentence with its best counterpart in the other
	// article; Best says whose sentence found it ("a", "b" or "both").
	Sentences []Sentence `json:"sentences"`
	Scores    Scores     `json:"scores"`
}

// Passage is a shared passage, code-point offsets, end exclusive.
type Passage struct {
	AStart int    `json:"a_start"`
	AEnd   int    `json:"a_end"`
	BStart int    `json:"b_start"`
	BEnd   int    `json:"b_end"`
	Kind   string `json:"kind"`
}

// Sentence is a matched sentence pair, code-point offsets, end exclusive.
type Sentence struct {
	AStart int     `json:"a_start"`
	AEnd   int     `json:"a_end"`
	BStart int     `json:"b_start"`
	BEnd   int     `json:"b_end"`
	Score  float64 `json:"score"`
	Best   string  `json:"best"`
}

// Scores are the pair measures behind the relation.
type Scores struct {
	Cosine     float64 `json:"cosine"`
	ContainAB  float64 `json:"contain_ab"`
	ContainBA  float64 `json:"contain_ba"`
	Jaccard    float64 `json:"jaccard"`
	CoverA     float64 `json:"cover_a"`
	CoverB     float64 `json:"cover_b"`
	LongestRun int     `json:"longest_run"`
}

// Span is a code-point range, end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}
