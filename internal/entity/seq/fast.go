package seq

import (
	"strings"
	"unicode"

	"gloss/internal/entity/features"
	"gloss/internal/entity/perceptron"
)

// Fast tags with a frozen model, caching per word both its token
// information and the summed weights of the features it contributes in
// each role (itself, or a neighbour at ±1, ±2). Only context features are
// looked up per position, and tokens two or more tokens away from any
// upper-case letter (a sentence-opening "The" or "But" does not count) are
// fixed to O without scoring. Apart from those rules it computes exactly
// what Doc.Tag with the same model computes (tested on the golden
// articles; dev-set figures move by at most 0.1), several times faster. A
// Fast is not safe for concurrent use; keep one per goroutine and reuse it
// across documents.
type Fast struct {
	M     *perceptron.Model
	Res   *features.Resources
	cache map[string]*wordEntry
	edges [features.NumRoles][]float32
	sc    perceptron.Scratch
	emit  []float32
	toks  []features.Tok
	ents  []*wordEntry
	words []string
	near  []bool
	path  []int
	feats []uint64
	hits  [][]features.GazHit
	all   [][]features.GazHit
}

type wordEntry struct {
	tok   features.Tok
	upper bool                         // has an upper-case letter
	fn    bool                         // a capitalised function word ("The", "In")
	emis  [features.NumRoles][]float32 // nil until first needed
}

// nearDist is how far from a token with an upper-case letter the tagger
// still scores tokens.
const nearDist = 1

// MaxCache bounds the word cache; it is cleared when full.
const MaxCache = 200_000

// NewFast returns a fast tagger for a frozen model and its resources.
func NewFast(m *perceptron.Model, res *features.Resources) *Fast {
	f := &Fast{M: m, Res: res, cache: map[string]*wordEntry{}}
	for role := range f.edges {
		f.edges[role] = make([]float32, m.NT)
		f.feats = res.WordFeatures(features.Edge(role), role, f.feats[:0])
		m.AddWeights(f.edges[role], f.feats)
	}
	return f
}

func (f *Fast) entry(w string) *wordEntry {
	if e, ok := f.cache[w]; ok {
		return e
	}
	if len(f.cache) >= MaxCache {
		clear(f.cache)
	}
	toks := f.Res.Prepare([]string{w}, nil)
	e := &wordEntry{tok: toks[0], upper: hasUpper(w)}
	e.fn = e.upper && toks[0].Shape == "Xx" && openers[toks[0].Lower]
	f.cache[w] = e
	return e
}

func (f *Fast) roleWeights(e *wordEntry, role int) []float32 {
	if e.emis[role] == nil {
		v := make([]float32, f.M.NT)
		f.feats = f.Res.WordFeatures(&e.tok, role, f.feats[:0])
		f.M.AddWeights(v, f.feats)
		e.emis[role] = v
	}
	return e.emis[role]
}

// Tag tags one sentence of document d (whose history it reads and updates).
func (f *Fast) Tag(d *Doc, words []string) []Span {
	n := len(words)
	if n == 0 {
		return nil
	}
	f.prepare(words)
	head := features.Headline(f.toks)
	if head && features.TitleCase(f.toks) {
		f.words = append(f.words[:0], words...)
		for i := range f.words {
			if i > 0 && f.toks[i].Common {
				f.words[i] = f.toks[i].Lower
			}
		}
		f.prepare(f.words)
		head = features.Headline(f.toks)
	}
	if cap(f.all) < n {
		f.all = make([][]features.GazHit, n)
	}
	all := f.all[:n]
	for i := range all {
		all[i] = all[i][:0]
	}
	for _, g := range f.Res.Gaz {
		f.hits = g.Match(f.toks, nil, f.hits)
		for i, h := range f.hits {
			all[i] = append(all[i], h...)
		}
	}
	nT := f.M.NT
	if cap(f.emit) < n*nT {
		f.emit = make([]float32, n*nT)
	}
	emit := f.emit[:n*nT]
	offs := [features.NumRoles]int{0, -1, 1, -2, 2}
	// Names contain a capital (or digit-and-capital, "Lumi-2"), and the
	// lower-case words inside them ("Bank of the West", "Ludwig van
	// Beethoven") stand next to a capitalised one; a token two or more
	// tokens away from any token with an upper-case letter is outside every
	// name, so it is fixed to O without scoring it.
	if cap(f.near) < n {
		f.near = make([]bool, n)
	}
	near := f.near[:n]
	clear(near)
	for i := 0; i < n; i++ {
		// A function word capitalised only because it opens the sentence
		// ("The", "But") is not evidence of a name: of 3,878 such openers
		// in CoNLL-2003 train+dev and wikigold, 22 begin one.
		if f.ents[i].upper && !(i == 0 && f.ents[i].fn) {
			for k := max(0, i-nearDist); k <= min(n-1, i+nearDist); k++ {
				near[k] = true
			}
		}
	}
	for i := 0; i < n; i++ {
		e := emit[i*nT : i*nT+nT]
		near[i] = !near[i] // now: fixed to O
		if near[i] {
			continue
		}
		clear(e)
		for role, off := range offs {
			var w []float32
			if k := i + off; k < 0 || k >= n {
				w = f.edges[role]
			} else {
				w = f.roleWeights(f.ents[k], role)
			}
			w = w[:len(e)]
			for t := range e {
				e[t] += w[t]
			}
		}
		f.feats = f.Res.ContextFeatures(f.toks, i, head, all[i], d.Hist, f.feats[:0])
		f.M.AddWeights(e, f.feats)
	}
	f.path = f.M.DecodeSegments(n, emit, near, f.path, &f.sc)
	path := f.path
	d.spans = Spans(path, d.spans)
	for _, s := range d.spans {
		d.Hist.Record(f.toks, s.Start, s.End, s.Label)
	}
	return d.spans
}

func (f *Fast) prepare(words []string) {
	f.toks = f.toks[:0]
	f.ents = f.ents[:0]
	for _, w := range words {
		e := f.entry(w)
		f.toks = append(f.toks, e.tok)
		f.ents = append(f.ents, e)
	}
}

// openers are function words that often open a sentence.
var openers = map[string]bool{}

func init() {
	for _, w := range strings.Fields("the a an in on at but and he she it they we i this that these those there his her its their our as for after when while if some many most") {
		openers[w] = true
	}
}

func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
