package engine_test

import (
	"testing"
	"time"

	"gloss/internal/workspace/engine"
	"gloss/internal/workspace/newsgen"
)

// BenchmarkFive is the engine's share of ui.five: five ~700-word versions
// of one story, their entities, the matrix (Scores of the ten pairs) and
// the details of the related pairs, each step timed.
func BenchmarkFive(b *testing.B) {
	texts := newsgen.Stories(5, 5, 700)
	if err := engine.New().Warm(); err != nil {
		b.Fatal(err)
	}
	hashes := []string{"a", "b", "c", "d", "e"}
	var ents, scores, details time.Duration
	for range b.N {
		e := engine.New()
		t0 := time.Now()
		for i, h := range hashes {
			e.Add(h, texts[i])
			if _, err := e.Entities(h); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		for i := range hashes {
			for j := i + 1; j < len(hashes); j++ {
				e.Scores(hashes[i], hashes[j])
			}
		}
		t2 := time.Now()
		for i := range hashes {
			for j := i + 1; j < len(hashes); j++ {
				e.Details(hashes[i], hashes[j])
			}
		}
		ents, scores, details = ents+t1.Sub(t0), scores+t2.Sub(t1), details+time.Since(t2)
	}
	n := float64(b.N)
	b.ReportMetric(float64(ents.Microseconds())/1000/n, "ms/entities")
	b.ReportMetric(float64(scores.Microseconds())/1000/n, "ms/matrix")
	b.ReportMetric(float64(details.Microseconds())/1000/n, "ms/details")
}

// BenchmarkComparePair is one whole comparison of two ~700-word versions.
func BenchmarkComparePair(b *testing.B) {
	texts := newsgen.Stories(2, 2, 700)
	start := time.Now()
	for range b.N {
		if _, err := engine.ComparePair(texts[0], texts[1]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/pair")
}
