package similarity

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"gloss/internal/reusegen"
	"gloss/internal/stem"
)

// pair1000 returns a generated 1,000-word article and an edited version
// (about 10% of words changed).
func pair1000() (string, string) {
	m := reusegen.NewWordModel(20000)
	r := rand.New(rand.NewPCG(42, 1))
	base := m.Words(r, 1000)
	return reusegen.Text(r, base), reusegen.Text(r, m.Mutate(r, base, 0.1, 0))
}

// medianMs runs op reps times per benchmark iteration and reports the
// median duration: make bench runs one iteration (-benchtime 1x), and on a
// shared machine under wasm a single timing is at the mercy of one GC
// pause or one descheduling.
func medianMs(b *testing.B, reps int, op func()) {
	// Warm up: the stem cache, and under wasm V8, which runs new code in
	// its baseline compiler until the optimizing tier has caught up (a few
	// dozen calls here; measured: 9 ms cold, 2 ms warm for a pair).
	for range 30 {
		op()
	}
	var d []time.Duration
	for b.Loop() {
		for range reps {
			t := time.Now()
			op()
			d = append(d, time.Since(t))
		}
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "ms/pair")
}

// BenchmarkAlignPair1000 analyzes two 1,000-word articles and aligns them
// (median of 9 runs per iteration).
func BenchmarkAlignPair1000(b *testing.B) {
	x, y := pair1000()
	var ps []Passage
	medianMs(b, 9, func() { ps = Align(AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English)) })
	b.ReportMetric(float64(len(ps)), "passages")
}

// BenchmarkComparePair1000 is the whole pair comparison the UI shows:
// analysis, scores, relation, alignment and sentence matching both ways
// (median of 5 runs per iteration).
func BenchmarkComparePair1000(b *testing.B) {
	x, y := pair1000()
	var r PairResult
	medianMs(b, 5, func() {
		r = NewSetDocs([]*Doc{AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English)}).Pair(0, 1)
	})
	b.ReportMetric(r.Scores.CoverA, "cover")
}

// BenchmarkAlignOnly1000 is the alignment step alone, on two analyzed
// 1,000-word articles (median of 9 runs per iteration).
func BenchmarkAlignOnly1000(b *testing.B) {
	x, y := pair1000()
	a, c := AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English)
	var ps []Passage
	medianMs(b, 9, func() { ps = Align(a, c) })
	b.ReportMetric(float64(len(ps)), "passages")
}
