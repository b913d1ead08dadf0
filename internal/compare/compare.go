// Package compare is the one call the UI and the command line make to
// compare a set of articles: which are copies of which, the passages they
// share, each sentence's best counterpart elsewhere, what each adds that no
// other has, and which articles tell the same story. Its Report marshals to
// the JSON of `annotate -compare`, with offsets in Unicode code points.
package compare

import (
	"encoding/json"
	"fmt"
	"sort"

	"gloss/internal/compare/report"
	"gloss/internal/docio"
	"gloss/internal/similarity"
	"gloss/internal/similarity/lsh"
)

// The report's types live in package report, which holds no code, so
// that what only reads or writes a report (exports in the browser, the
// HTML report) does not link the engine; these aliases keep compare's API.
type (
	Report   = report.Report
	DocInfo  = report.DocInfo
	Pair     = report.Pair
	Passage  = report.Passage
	Sentence = report.Sentence
	Scores   = report.Scores
	Span     = report.Span
)

// MinSentenceScore is the least score of a sentence match worth reporting;
// lower ones are word overlap by chance.
const MinSentenceScore = 0.2

// AllPairsMax is the largest set compared all against all (1,225 pairs,
// a few seconds in the browser); bigger sets compare only the candidate
// pairs of MinHash/LSH and shared key stems.
const AllPairsMax = 50

// Run compares docs. IDs must be distinct; texts may be empty.
func Run(docs []docio.Doc) (*Report, error) {
	seen := map[string]bool{}
	texts := make([]string, len(docs))
	for i, d := range docs {
		k := idKey(d.ID)
		if seen[k] {
			return nil, fmt.Errorf("duplicate document id %s", d.ID)
		}
		seen[k] = true
		texts[i] = d.Text
	}
	set := similarity.NewSet(texts)
	runes := make([]*docio.Runes, len(docs))
	rep := &Report{Pairs: []Pair{}, Unique: map[string][]Span{}, Groups: [][]json.RawMessage{}}
	for i, d := range set.Docs {
		runes[i] = docio.NewRunes(d.Text)
		rep.Docs = append(rep.Docs, DocInfo{ID: docs[i].ID, Lang: string(d.Lang), Terms: len(d.Terms)})
	}
	var candidates [][2]int
	if len(docs) <= AllPairsMax {
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				candidates = append(candidates, [2]int{i, j})
			}
		}
	} else {
		candidates = largeCandidates(set)
		// Beyond a pasted set, sentence pairs would dwarf the report and
		// the time; unique content then rests on passages alone.
		set.NoSentences = true
	}
	results := make([]similarity.PairResult, 0, len(candidates))
	byDoc := make([][]similarity.PairResult, len(docs))
	for _, c := range candidates {
		r := set.Pair(c[0], c[1])
		results = append(results, r)
		byDoc[c[0]] = append(byDoc[c[0]], r)
		byDoc[c[1]] = append(byDoc[c[1]], r)
	}
	for _, r := range results {
		if len(docs) > AllPairsMax && r.Relation == similarity.Unrelated {
			continue
		}
		rep.Pairs = append(rep.Pairs, pairJSON(set, docs, runes, r))
	}
	for i := range docs {
		spans := []Span{}
		for _, k := range set.Unique(i, byDoc[i]) {
			se := set.Docs[i].Sentences[k]
			spans = append(spans, Span{Start: runes[i].Index(se.Start), End: runes[i].Index(se.End)})
		}
		rep.Unique[idKey(docs[i].ID)] = spans
	}
	for _, g := range similarity.Groups(len(docs), results) {
		ids := make([]json.RawMessage, len(g))
		for k, i := range g {
			ids[k] = docs[i].ID
		}
		rep.Groups = append(rep.Groups, ids)
	}
	return rep, nil
}

func pairJSON(set *similarity.Set, docs []docio.Doc, runes []*docio.Runes, r similarity.PairResult) Pair {
	ra, rb := runes[r.I], runes[r.J]
	p := Pair{
		A: docs[r.I].ID, B: docs[r.J].ID,
		Score:     round(r.Scores.Score()),
		Relation:  string(r.Relation),
		Passages:  []Passage{},
		Sentences: []Sentence{},
		Scores: Scores{
			Cosine: round(r.Scores.Cosine), ContainAB: round(r.Scores.ContainAB), ContainBA: round(r.Scores.ContainBA),
			Jaccard: round(r.Scores.Jaccard), CoverA: round(r.Scores.CoverA), CoverB: round(r.Scores.CoverB),
			LongestRun: r.Scores.LongestRun,
		},
	}
	for _, ps := range r.Passages {
		p.Passages = append(p.Passages, Passage{AStart: ra.Index(ps.AStart), AEnd: ra.Index(ps.AEnd), BStart: rb.Index(ps.BStart), BEnd: rb.Index(ps.BEnd), Kind: ps.Kind})
	}
	sa, sb := set.Docs[r.I].Sentences, set.Docs[r.J].Sentences
	type key struct{ a, b int }
	idx := map[key]int{}
	add := func(a, b int, score float64, who string) {
		if b < 0 || score < MinSentenceScore {
			return
		}
		k := key{a, b}
		if n, ok := idx[k]; ok {
			p.Sentences[n].Best = "both"
			return
		}
		idx[k] = len(p.Sentences)
		p.Sentences = append(p.Sentences, Sentence{
			AStart: ra.Index(sa[a].Start), AEnd: ra.Index(sa[a].End), BStart: rb.Index(sb[b].Start), BEnd: rb.Index(sb[b].End),
			Score: round(score), Best: who,
		})
	}
	for _, m := range r.BestAB {
		add(m.A, m.B, m.Score, "a")
	}
	for _, m := range r.BestBA {
		add(m.B, m.A, m.Score, "b")
	}
	sort.SliceStable(p.Sentences, func(x, y int) bool {
		if p.Sentences[x].AStart != p.Sentences[y].AStart {
			return p.Sentences[x].AStart < p.Sentences[y].AStart
		}
		return p.Sentences[x].BStart < p.Sentences[y].BStart
	})
	return p
}

// round keeps scores to 4 decimals so the JSON is stable and readable.
func round(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}

// idKey is the id as used for the keys of Report.Unique: a string id
// without its quotes, a number id as written.
func idKey(id json.RawMessage) string {
	var s string
	if json.Unmarshal(id, &s) == nil {
		return s
	}
	return string(id)
}

// largeCandidates merges the two candidate sources of a big collection:
// MinHash/LSH on shingles (copies and edits) and shared key stems
// (independent reports of one story).
func largeCandidates(set *similarity.Set) [][2]int {
	seen := map[[2]int]bool{}
	var out [][2]int
	for _, c := range append(lsh.Candidates(set.Docs, lsh.DefaultParams), similarity.StoryCandidates(set.Docs, set.DF)...) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a][0] != out[b][0] {
			return out[a][0] < out[b][0]
		}
		return out[a][1] < out[b][1]
	})
	return out
}
