package similarity

import (
	"math/rand/v2"
	"testing"

	"gloss/internal/reusegen"
	"gloss/internal/stem"
)

// pair1000 returns a generated 1,000-word article and an edited version
// (about 10% of words changed, a part cut off maybe).
func pair1000() (string, string) {
	m := reusegen.NewWordModel(20000)
	r := rand.New(rand.NewPCG(42, 1))
	base := m.Words(r, 1000)
	return reusegen.Text(r, base), reusegen.Text(r, m.Mutate(r, base, 0.1, 0))
}

// BenchmarkAlignPair1000 analyzes two 1,000-word articles and aligns them.
func BenchmarkAlignPair1000(b *testing.B) {
	x, y := pair1000()
	// Warm the stem cache as a session does after its first article, so a
	// single iteration (make bench uses -benchtime 1x) measures alignment.
	ps := Align(AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English))
	for b.Loop() {
		ps = Align(AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English))
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/pair")
	b.ReportMetric(float64(len(ps)), "passages")
}

// BenchmarkComparePair1000 is the whole pair comparison the UI shows:
// analysis, scores, relation, alignment and sentence matching both ways.
func BenchmarkComparePair1000(b *testing.B) {
	x, y := pair1000()
	r := NewSetDocs([]*Doc{AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English)}).Pair(0, 1)
	for b.Loop() {
		set := NewSetDocs([]*Doc{AnalyzeLang(x, stem.English), AnalyzeLang(y, stem.English)})
		r = set.Pair(0, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/pair")
	b.ReportMetric(r.Scores.CoverA, "cover")
}
