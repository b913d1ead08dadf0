package workspace

import (
	"gloss/internal/workspace/wire"

	"slices"
)

// The result types live in package wire, which the engine worker shares
// with the page without the rest of the workspace.
type (
	Passage      = wire.Passage
	SentenceLink = wire.SentenceLink
	PairResult   = wire.PairResult
	Shingles     = wire.Shingles
)

// Unrelated is the relation of pairs that share next to nothing.
const Unrelated = wire.Unrelated

// PrefilterMin is the word-trigram Jaccard below which two articles are
// taken as unrelated without the full comparison (wire.PrefilterMin).
const PrefilterMin = wire.PrefilterMin

// ShinglesOf returns the word trigrams of text, lower-cased.
func ShinglesOf(text string) Shingles { return wire.ShinglesOf(text) }

// Related reports whether two texts are worth comparing in full; when
// they are not, r is their settled result.
func Related(a, b Shingles) (PairResult, bool) { return wire.Related(a, b) }

func pairKey(ha, hb string) (string, bool) {
	if ha <= hb {
		return ha + "|" + hb, false
	}
	return hb + "|" + ha, true
}

// SetPair stores the comparison of the texts with hashes ha and hb,
// oriented ha then hb.
func (w *Workspace) SetPair(ha, hb string, r PairResult) {
	if w.pairs == nil {
		w.pairs = map[string]PairResult{}
	}
	k, flipped := pairKey(ha, hb)
	if flipped {
		r = r.Flip()
	}
	w.pairs[k] = r
	w.pairRev++
}

// PairRev changes whenever a comparison is stored. It is apart from Rev so
// that views derived from the articles alone (entity index, quotes) are not
// recomputed for every compared pair.
func (w *Workspace) PairRev() int { return w.pairRev }

// Pair returns the comparison of articles at positions i and j, oriented
// i then j.
func (w *Workspace) Pair(i, j int) (PairResult, bool) {
	if i < 0 || j < 0 || i >= len(w.Articles) || j >= len(w.Articles) || i == j {
		return PairResult{}, false
	}
	ha, hb := w.Articles[i].Hash, w.Articles[j].Hash
	if ha == hb {
		// The same text twice.
		n := len(w.Articles[i].Text)
		return PairResult{Score: 1, Relation: "near-duplicate", Compared: true,
			Passages: []Passage{{AStart: 0, AEnd: n, BStart: 0, BEnd: n, Kind: "exact"}}}, true
	}
	k, flipped := pairKey(ha, hb)
	r, ok := w.pairs[k]
	if ok && flipped {
		r = r.Flip()
	}
	return r, ok
}

// AllPairsMax is the largest workspace whose pairs are all compared in
// full; bigger ones compare only the pairs the prefilter finds related.
const AllPairsMax = 12

// Uncompared returns the pairs of article positions with no comparison
// yet, in order.
func (w *Workspace) Uncompared() [][2]int {
	var out [][2]int
	for i := range w.Articles {
		for j := i + 1; j < len(w.Articles); j++ {
			if _, ok := w.Pair(i, j); !ok {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// NeedsPrefilter reports whether a workspace of n articles compares only
// the pairs the prefilter finds related.
func NeedsPrefilter(n int) bool { return n > AllPairsMax }

// PendingPairs returns the pairs of article positions still to compare in
// full, in order. Pairs the prefilter rules out are settled on the spot as
// Unrelated with the prefilter's score. The page does the same work in
// slices (Shingles, Related); this is the one-call form.
func (w *Workspace) PendingPairs() [][2]int {
	pairs := w.Uncompared()
	if !NeedsPrefilter(len(w.Articles)) {
		return pairs
	}
	sh := make([]Shingles, len(w.Articles))
	for i, a := range w.Articles {
		sh[i] = ShinglesOf(a.Text)
	}
	var out [][2]int
	for _, pr := range pairs {
		if r, ok := Related(sh[pr[0]], sh[pr[1]]); !ok {
			w.SetPair(w.Articles[pr[0]].Hash, w.Articles[pr[1]].Hash, r)
			continue
		}
		out = append(out, pr)
	}
	return out
}

// Unique returns what only article i says: the stretches unique against
// every other article. ok is false while some of its pairs are not compared
// in full.
func (w *Workspace) Unique(i int) (spans []Chunk, ok bool) {
	if i < 0 || i >= len(w.Articles) {
		return nil, false
	}
	rs := make([]PairResult, 0, len(w.Articles))
	for j := range w.Articles {
		if j == i {
			continue
		}
		r, ok := w.Pair(i, j)
		if !ok || r.Partial {
			return nil, false
		}
		if r.Compared { // unrelated pairs take nothing away
			rs = append(rs, r)
		}
	}
	spans = []Chunk{{Start: 0, End: len(w.Articles[i].Text)}}
	for _, r := range rs {
		spans = intersect(spans, r.UniqueA)
	}
	return spans, true
}

// intersect returns the overlap of two lists of disjoint ranges; a is
// sorted, b need not be.
func intersect(a, b []Chunk) []Chunk {
	if !slices.IsSortedFunc(b, func(x, y Chunk) int { return x.Start - y.Start }) {
		b = slices.Clone(b)
		slices.SortFunc(b, func(x, y Chunk) int { return x.Start - y.Start })
	}
	var out []Chunk
	for i, j := 0, 0; i < len(a) && j < len(b); {
		s, e := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End)
		if s < e {
			out = append(out, Chunk{Start: s, End: e})
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	return out
}
