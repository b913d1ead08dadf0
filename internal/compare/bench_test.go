package compare

import (
	"encoding/json"
	"fmt"
	"testing"

	"gloss/internal/docio"
	"gloss/internal/reusegen"
)

// BenchmarkRunFive is what the UI pays for a pasted set: compare.Run on
// five 800-word versions of one story (edited to different degrees).
func BenchmarkRunFive(b *testing.B) {
	m := reusegen.NewWordModel(20000)
	var docs []docio.Doc
	for seed := uint64(0); len(docs) < 5; seed++ {
		texts, _ := m.Corpus(seed, 5, 800, 0.3)
		for _, t := range texts {
			if len(docs) < 5 {
				docs = append(docs, docio.Doc{ID: json.RawMessage(fmt.Sprint(len(docs))), Text: t})
			}
		}
	}
	for range 3 { // warm the stem cache and, under wasm, V8's optimizer
		if _, err := Run(docs); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := Run(docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/set")
}
