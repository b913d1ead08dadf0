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
	sents = validSentences(toks, sents)
	t := getTagger(m)
	defer putTagger(t)
	names := t.names(text, toks, sents)
	nums := numex.Find(text, toks, sents)
	return mergeEntities(text, names, nums), nil
}

type tagger struct {
	m    *nermodel.Model
	fast *seq.Fast
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

// names runs the name tagger over each sentence of one document, then
// applies the document-level and convention rules in rules.go.
func (t *tagger) names(text string, toks []token.Token, sents []token.Range) []Entity {
	d := seq.NewDoc(t.m.Res)
	var fs []found
	words := make([]string, len(toks))
	for i, tk := range toks {
		words[i] = text[tk.Start:tk.End]
	}
	for _, s := range sents {
		for _, sp := range t.fast.Tag(d, words[s.Start:s.End]) {
			fs = append(fs, found{s.Start + sp.Start, s.Start + sp.End, sp.Label, s.Start})
		}
	}
	fs = applyRules(words, sents, fs, t.m.Res)
	out := make([]Entity, 0, len(fs))
	for _, f := range fs {
		a, b := trimTitles(words, f.start, f.end, seq.Labels[f.label], t.m.Res.Titles)
		if a >= b {
			continue
		}
		out = append(out, Entity{toks[a].Start, toks[b-1].End, seq.Labels[f.label]})
	}
	return out
}

// TagWords tags pre-tokenized sentences of one document with names only
// (PER, ORG, LOC, MISC), returning token-index spans; evaluation on
// corpora that come tokenized uses it.
func TagWords(sents [][]string) ([][]seq.Span, error) {
	m, err := model()
	if err != nil {
		return nil, err
	}
	t := getTagger(m)
	defer putTagger(t)
	d := seq.NewDoc(m.Res)
	out := make([][]seq.Span, len(sents))
	for i, s := range sents {
		out[i] = append([]seq.Span(nil), t.fast.Tag(d, s)...)
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
