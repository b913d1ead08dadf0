package main

import (
	"fmt"
	"os"

	"gloss/internal/similarity"
	"gloss/internal/similarity/wordvec"
)

// tableWords serves a wordvec table file as the word similarity.
type tableWords struct{ t *wordvec.Table }

func (w tableWords) Vector(s string) []float32 {
	if id, ok := w.t.ID(s); ok {
		return w.t.Vector(id)
	}
	return nil
}

// chooseWords applies the word-table experiments (train/dev only):
// SIM_NOWORDS=1 turns the word-vector features off, SIM_WORDVEC=file
// swaps in another table written by tools/wordvec (e.g. -n 200000 -dims
// 100 for all stems at full dimension).
func chooseWords() error {
	if os.Getenv("SIM_NOWORDS") != "" {
		similarity.Words = nil
		return nil
	}
	p := os.Getenv("SIM_WORDVEC")
	if p == "" {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	t, err := wordvec.Parse(data)
	if err != nil {
		return err
	}
	similarity.Words = tableWords{t}
	fmt.Fprintf(os.Stderr, "simeval: word table %s: %d stems × %d dims\n", p, t.Len(), t.Dims())
	return nil
}
