// Package wire holds what the annotator's engine worker and its page
// exchange: the results (mentions, pair comparisons) and the messages that
// carry them (EngineRequest, EngineResponse and their compact encoding).
// It imports nothing beyond the standard library's basics, so that the
// engine's wasm (cmd/engine) does not carry the rest of the workspace.
package wire

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// Mention is an automatically recognised entity: Text[Start:End] with a label.
type Mention struct {
	Start, End int
	Label      string
}

// Chunk is a stretch of text: byte offsets, end exclusive.
type Chunk struct{ Start, End int }

// Passage is a passage two articles share, byte offsets into each.
type Passage struct {
	AStart, AEnd, BStart, BEnd int
	Kind                       string // "exact" or "edited"
}

// SentenceLink pairs a sentence of A with its best counterpart in B.
type SentenceLink struct {
	AStart, AEnd, BStart, BEnd int
	Score                      float64
}

// PairResult is the comparison of two texts, oriented A then B.
type PairResult struct {
	Score     float64
	Relation  string
	Passages  []Passage
	Sentences []SentenceLink
	// UniqueA and UniqueB are the stretches each says and the other does
	// not.
	UniqueA, UniqueB []Chunk
	// Compared is false for pairs the prefilter judged unrelated without
	// running the full comparison; Score is then the prefilter's.
	Compared bool
	// Partial is true while the sentences are not matched yet (see
	// internal/workspace/engine): score, relation and passages are final,
	// Sentences and the unique stretches are not there yet.
	Partial bool
}

// Unrelated is the relation of pairs that share next to nothing.
const Unrelated = "unrelated"

// Flip orients r the other way round.
func (r PairResult) Flip() PairResult {
	out := r
	out.Passages = make([]Passage, len(r.Passages))
	for i, p := range r.Passages {
		out.Passages[i] = Passage{p.BStart, p.BEnd, p.AStart, p.AEnd, p.Kind}
	}
	out.Sentences = make([]SentenceLink, len(r.Sentences))
	for i, s := range r.Sentences {
		out.Sentences[i] = SentenceLink{s.BStart, s.BEnd, s.AStart, s.AEnd, s.Score}
	}
	out.UniqueA, out.UniqueB = r.UniqueB, r.UniqueA
	return out
}

// PrefilterMin is the word-trigram Jaccard below which two articles are
// taken as unrelated without the full comparison. Rewrites of one report
// share far more; independent reports of one story share some trigrams of
// names and set phrases.
const PrefilterMin = 0.03

// Shingles is the set of hashed word trigrams of a text.
type Shingles map[uint64]bool

// ShinglesOf returns the word trigrams of text, lower-cased.
func ShinglesOf(text string) Shingles {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := make(Shingles, len(words))
	for i := 0; i+3 <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+3] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out[h.Sum64()] = true
	}
	return out
}

// Related reports whether two texts are worth comparing in full; when
// they are not, r is their settled result (Unrelated, with the Jaccard of
// their trigrams as score).
func Related(a, b Shingles) (r PairResult, ok bool) {
	s := jaccard(a, b)
	if s < PrefilterMin {
		return PairResult{Score: s, Relation: Unrelated}, false
	}
	return PairResult{}, true
}

func jaccard(a, b Shingles) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	in := 0
	for k := range a {
		if b[k] {
			in++
		}
	}
	return float64(in) / float64(len(a)+len(b)-in)
}
