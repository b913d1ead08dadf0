// Package entity finds named entities (PER, ORG, LOC, MISC) and numeric
// expressions (DATE, MONEY, PERCENT, CARDINAL) in news text. Names come
// from an averaged-perceptron sequence tagger trained by cmd/nertrain and
// embedded as model.bin; numeric expressions come from the rules in
// internal/entity/numex. Offsets are half-open UTF-8 byte offsets into the
// text given.
package entity

import (
	_ "embed"
	"fmt"
	"sync"

	"gloss/internal/entity/nermodel"
	"gloss/internal/entity/numex"
	"gloss/internal/entity/seq"
	"gloss/internal/token"
)

//go:embed model.bin
var modelData []byte

// Labels lists every label Recognize can return.
var Labels = []string{"PER", "ORG", "LOC", "MISC", "DATE", "MONEY", "PERCENT", "CARDINAL"}

// Entity is one recognised mention: text[Start:End] with a label.
type Entity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

var (
	loadOnce sync.Once
	loaded   *nermodel.Model
	loadErr  error
)

// Model returns the embedded model, loading it on first use.
func model() (*nermodel.Model, error) {
	loadOnce.Do(func() {
		loaded, loadErr = nermodel.Decode(modelData)
		if loadErr != nil {
			loadErr = fmt.Errorf("entity: loading embedded model: %w", loadErr)
		}
	})
	return loaded, loadErr
}

// UseModel replaces the embedded model with a model file's contents (for
// evaluating a freshly trained model before it is committed). Call it
// before any recognition.
func UseModel(b []byte) error {
	m, err := nermodel.Decode(b)
	if err != nil {
		return err
	}
	loadOnce.Do(func() {})
	loaded, loadErr = m, nil
	return nil
}

// Load loads the embedded model now (it is otherwise loaded on first use),
// so a UI can pay the cost up front and report a broken build early.
func Load() error {
	_, err := model()
	return err
}

// Recognize segments text and returns its entities in order, never
// overlapping.
func Recognize(text string) ([]Entity, error) {
	toks, sents := token.Split(text)
	return RecognizeTokens(text, toks, sents)
}

// RecognizeTokens is Recognize for a caller that has already segmented the
// text with token.Split (the similarity engine does), so the work is not
// repeated. The whole text is one document: later mentions of a name are
// tagged consistently with earlier ones.
func RecognizeTokens(text string, toks []token.Token, sents []token.Range) ([]Entity, error) {
	m, err := model()
	if err != nil {
		return nil, err
	}
	return recognizeDoc(m, text, toks, sents, seq.NewDoc(m.Res), newMemory()), nil
}

func recognizeDoc(m *nermodel.Model, text string, toks []token.Token, sents []token.Range, d *seq.Doc, mem *memory) []Entity {
	sents = validSentences(toks, sents)
	t := getTagger(m)
	defer putTagger(t)
	names := t.names(text, toks, sents, d, mem)
	nums := numex.Find(text, toks, sents)
	return mergeEntities(text, names, nums)
}

// Document recognizes the entities of one article delivered in pieces (a
// UI that yields between slices of a long text): the tagger's history and
// the names found so far carry over from piece to piece, so a surname in
// the fifth paragraph keeps the type of the full name in the first. Not
// safe for concurrent use.
type Document struct {
	m   *nermodel.Model
	d   *seq.Doc
	mem *memory
}

// NewDocument starts a document, loading the model if needed.
func NewDocument() (*Document, error) {
	m, err := model()
	if err != nil {
		return nil, err
	}
	return &Document{m: m, d: seq.NewDoc(m.Res), mem: newMemory()}, nil
}

// Recognize returns the entities of the next piece of the document, with
// offsets into piece. Cut pieces between sentences (at paragraph breaks).
func (doc *Document) Recognize(piece string) []Entity {
	toks, sents := token.Split(piece)
	return recognizeDoc(doc.m, piece, toks, sents, doc.d, doc.mem)
}

type tagger struct {
	m     *nermodel.Model
	fast  *seq.Fast
	words []string // reused across documents
}

// taggers keeps a few taggers with warm word caches. Unlike sync.Pool it
// is not emptied by garbage collection, which would throw the caches away
// between calls.
var taggers = make(chan *tagger, 4)

func getTagger(m *nermodel.Model) *tagger {
	select {
	case t := <-taggers:
		if t.m == m {
			return t
		}
	default:
	}
	return &tagger{m: m, fast: seq.NewFast(m.Tagger, m.Res)}
}

func putTagger(t *tagger) {
	select {
	case taggers <- t:
	default:
	}
}

// names runs the name tagger over one document (or the next piece of one:
// d and mem carry the document's memory) and returns byte spans.
func (t *tagger) names(text string, toks []token.Token, sents []token.Range, d *seq.Doc, mem *memory) []Entity {
	words := t.words[:0]
	for _, tk := range toks {
		words = append(words, text[tk.Start:tk.End])
	}
	fs := t.tagDoc(words, sents, d, mem)
	clear(words) // keep no text alive in the pool
	t.words = words[:0]
	out := make([]Entity, 0, len(fs))
	for _, f := range fs {
		out = append(out, Entity{toks[f.start].Start, toks[f.end-1].End, seq.Labels[f.label]})
	}
	return out
}

// tagDoc tags each sentence of a document (words of the whole document,
// sentences as ranges over them), then applies the document-level and
// convention rules of rules.go.
func (t *tagger) tagDoc(words []string, sents []token.Range, d *seq.Doc, mem *memory) []found {
	fs := make([]found, 0, len(words)/6+8)
	for _, s := range sents {
		for _, sp := range t.fast.Tag(d, words[s.Start:s.End]) {
			fs = append(fs, found{s.Start + sp.Start, s.Start + sp.End, sp.Label, s.Start})
		}
	}
	fs = applyRules(words, sents, fs, t.m.Res, mem)
	out := fs[:0]
	for _, f := range fs {
		a, b := trimTitles(words, f.start, f.end, seq.Labels[f.label], t.m.Res.Titles)
		if a < b {
			f.start, f.end = a, b
			out = append(out, f)
		}
	}
	return out
}

// TagWords tags the pre-tokenized sentences of one document with names
// only (PER, ORG, LOC, MISC), through the same tagger and rules as
// Recognize, returning token-index spans per sentence; evaluation on
// corpora that come tokenized uses it.
func TagWords(sents [][]string) ([][]seq.Span, error) {
	m, err := model()
	if err != nil {
		return nil, err
	}
	t := getTagger(m)
	defer putTagger(t)
	var words []string
	ranges := make([]token.Range, 0, len(sents))
	for _, s := range sents {
		if len(s) == 0 {
			continue
		}
		ranges = append(ranges, token.Range{Start: len(words), End: len(words) + len(s)})
		words = append(words, s...)
	}
	out := make([][]seq.Span, len(sents))
	si, base := 0, 0
	for _, f := range t.tagDoc(words, ranges, seq.NewDoc(m.Res), newMemory()) {
		for si < len(sents) && f.start >= base+len(sents[si]) {
			base += len(sents[si])
			si++
		}
		if si < len(sents) {
			out[si] = append(out[si], seq.Span{Start: f.start - base, End: f.end - base, Label: f.label})
		}
	}
	return out, nil
}

// validSentences keeps the sentence ranges that are in bounds, non-empty
// and in order, so that a caller's bad ranges can never yield overlapping
// or out-of-range entities.
func validSentences(toks []token.Token, sents []token.Range) []token.Range {
	out := sents[:0:0]
	prev := 0
	for _, s := range sents {
		if s.Start < prev || s.End > len(toks) || s.Start >= s.End {
			continue
		}
		out = append(out, s)
		prev = s.End
	}
	return out
}
