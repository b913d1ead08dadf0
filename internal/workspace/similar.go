package workspace

import (
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
)

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

// flip orients r the other way round.
func (r PairResult) flip() PairResult {
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
		r = r.flip()
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
			Passages: []Passage{{0, n, 0, n, "exact"}}}, true
	}
	k, flipped := pairKey(ha, hb)
	r, ok := w.pairs[k]
	if ok && flipped {
		r = r.flip()
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
	spans = []Chunk{{0, len(w.Articles[i].Text)}}
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
			out = append(out, Chunk{s, e})
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	return out
}
