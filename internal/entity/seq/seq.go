// Package seq runs the name tagger over a document: it prepares each
// sentence's tokens, matches gazetteers, extracts features, asks a Scorer
// (a trainer during training, the frozen model at run time) for the best
// BILOU tag path, decodes entity spans and feeds them into the
// document-level history that later sentences' features consult. Training
// and inference share this one code path so features can never drift
// apart.
package seq

import "gloss/internal/entity/features"

// Labels are the name labels the tagger predicts, in tag order.
var Labels = []string{"PER", "ORG", "LOC", "MISC"}

// NT is the number of BILOU tags: O plus B, I, L, U per label.
var NT = 1 + 4*len(Labels)

const (
	posB = iota
	posI
	posL
	posU
)

func tag(lab, pos int) int { return 1 + 4*lab + pos }

// Constraints returns the allowed transitions ((NT+1)×NT, row NT is the
// sentence start) and the end scores that keep BILOU paths well formed.
func Constraints() ([]bool, []float32) {
	allow := make([]bool, (NT+1)*NT)
	end := make([]float32, NT)
	open := func(t int) bool { // tag leaves an entity open
		if t == 0 {
			return false
		}
		p := (t - 1) % 4
		return p == posB || p == posI
	}
	for p := 0; p <= NT; p++ {
		for t := 0; t < NT; t++ {
			var ok bool
			tp := (t - 1) % 4
			tl := (t - 1) / 4
			if p < NT && open(p) {
				pl := (p - 1) / 4
				ok = t != 0 && tl == pl && (tp == posI || tp == posL)
			} else {
				ok = t == 0 || tp == posB || tp == posU
			}
			allow[p*NT+t] = ok
		}
	}
	for t := 0; t < NT; t++ {
		if open(t) {
			end[t] = negInf
		}
	}
	return allow, end
}

var negInf = float32(-1e30)

// Span is an entity over token indexes [Start, End) with a label index.
type Span struct{ Start, End, Label int }

// Spans decodes a BILOU path.
func Spans(path []int, out []Span) []Span {
	out = out[:0]
	start := -1
	for i, t := range path {
		if t == 0 {
			start = -1
			continue
		}
		lab, pos := (t-1)/4, (t-1)%4
		switch pos {
		case posU:
			out = append(out, Span{i, i + 1, lab})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, Span{start, i + 1, lab})
			}
			start = -1
		}
	}
	return out
}

// Encode writes the BILOU path of spans over n tokens.
func Encode(spans []Span, n int) []int {
	p := make([]int, n)
	for _, s := range spans {
		if s.End-s.Start == 1 {
			p[s.Start] = tag(s.Label, posU)
			continue
		}
		p[s.Start] = tag(s.Label, posB)
		for i := s.Start + 1; i < s.End-1; i++ {
			p[i] = tag(s.Label, posI)
		}
		p[s.End-1] = tag(s.Label, posL)
	}
	return p
}

// LabelIndex returns the index of a label name, or -1.
func LabelIndex(l string) int {
	for i, x := range Labels {
		if x == l {
			return i
		}
	}
	return -1
}

// Scorer picks a tag path for a sentence's features.
type Scorer interface {
	Tag(feats [][]uint64) []int
}

// Doc holds per-document state and reusable buffers.
type Doc struct {
	Res  *features.Resources
	Hist *features.History
	// Exclude, during training, holds the current document's own names so
	// gazetteer features do not see them.
	Exclude features.Exclude

	toks  []features.Tok
	words []string
	hits  [][]features.GazHit
	all   [][]features.GazHit
	feats [][]uint64
	spans []Span
}

// NewDoc starts a document.
func NewDoc(res *features.Resources) *Doc {
	return &Doc{Res: res, Hist: features.NewHistory()}
}

// Features computes the features of one sentence (valid until the next call).
func (d *Doc) Features(words []string) [][]uint64 {
	d.toks = d.Res.Prepare(words, d.toks)
	head := features.Headline(d.toks)
	if head && features.TitleCase(d.toks) {
		// A Title Case headline: lower-case its common words so it reads
		// like running text ("Shares Slide After Profit Warning").
		d.words = append(d.words[:0], words...)
		for i := range d.words {
			if i > 0 && d.toks[i].Common {
				d.words[i] = d.toks[i].Lower
			}
		}
		d.toks = d.Res.Prepare(d.words, d.toks)
		head = features.Headline(d.toks)
	}
	if cap(d.all) < len(words) {
		d.all = make([][]features.GazHit, len(words))
	}
	all := d.all[:len(words)]
	for i := range all {
		all[i] = all[i][:0]
	}
	for _, g := range d.Res.Gaz {
		d.hits = g.Match(d.toks, d.Exclude, d.hits)
		for i, h := range d.hits {
			all[i] = append(all[i], h...)
		}
	}
	if cap(d.feats) < len(words) {
		d.feats = make([][]uint64, len(words))
	}
	fs := d.feats[:len(words)]
	for i := range fs {
		fs[i] = d.Res.Extract(d.toks, i, head, all[i], d.Hist, fs[i][:0])
	}
	return fs
}

// Observe records a sentence's predicted path in the document history.
func (d *Doc) Observe(path []int) []Span {
	d.spans = Spans(path, d.spans)
	for _, s := range d.spans {
		d.Hist.Record(d.toks, s.Start, s.End, s.Label)
	}
	return d.spans
}

// Tag tags one sentence of the document and records it in the history.
func (d *Doc) Tag(sc Scorer, words []string) []Span {
	if len(words) == 0 {
		return nil
	}
	return d.Observe(sc.Tag(d.Features(words)))
}
