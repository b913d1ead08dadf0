// Package nermodel defines the name-tagger model file: a magic header, the
// frozen perceptron and the lexical resources its features consult. The
// trainer writes it and the entity package embeds and reads it.
package nermodel

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gloss/internal/entity/features"
	"gloss/internal/entity/perceptron"
	"gloss/internal/entity/seq"
)

const magic = "GLOSSNER2\n"

// Model is a loaded name tagger.
type Model struct {
	Tagger *perceptron.Model
	Res    *features.Resources
}

// Encode serializes a tagger and its resources.
func Encode(m *perceptron.Model, res *features.Resources) []byte {
	b := []byte(magic)
	b = m.AppendBinary(b)
	return res.AppendBinary(b)
}

// Decode reads a model file; it never panics on bad input.
func Decode(b []byte) (*Model, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, errors.New("nermodel: not a Gloss NER model (bad header)")
	}
	m, rest, err := perceptron.Decode(b[len(magic):])
	if err != nil {
		return nil, fmt.Errorf("nermodel: %w", err)
	}
	if m.NT != seq.NT {
		return nil, fmt.Errorf("nermodel: model has %d tags, want %d", m.NT, seq.NT)
	}
	res, rest, err := features.DecodeResources(rest)
	if err != nil {
		return nil, fmt.Errorf("nermodel: %w", err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("nermodel: %d trailing bytes", len(rest))
	}
	return &Model{Tagger: m, Res: res}, nil
}

// TitleWords are titles, ranks and job words that precede names but are
// never part of them (lower case).
func TitleWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(titles) {
		m[w] = true
	}
	return m
}

const titles = `mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president vice premier minister
	chancellor secretary senator sen. rep. representative governor gov. mayor king queen prince princess pope
	general gen. colonel col. lieutenant lt. major maj. captain capt. sergeant sgt. corporal admiral adm. commander
	judge justice detective det. inspector officer chief chairman chairwoman chair ceo director spokesman
	spokeswoman spokesperson envoy ambassador coach manager striker midfielder defender goalkeeper
	sheikh ayatollah cardinal archbishop bishop rev. reverend father sister brother
	analyst economist professor dean editor correspondent reporter author writer singer actor actress
	deputy acting former late leader founder executive chief-executive president-elect`
