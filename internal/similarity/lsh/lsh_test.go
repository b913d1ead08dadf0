package lsh

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"gloss/internal/reusegen"
	"gloss/internal/similarity"
	"gloss/internal/stem"
)

func TestSignatureAgreement(t *testing.T) {
	// The share of agreeing bins estimates Jaccard.
	r := rand.New(rand.NewPCG(1, 2))
	common := make([]uint64, 600)
	for i := range common {
		common[i] = r.Uint64()
	}
	p := Params{Bands: 128, Rows: 2}
	for _, tc := range []struct {
		name  string
		keep  int // shared elements out of 600 in each set
		wantJ float64
	}{
		{"identical", 600, 1},
		{"half shared", 400, 400.0 / 800},
		{"disjoint", 0, 0},
	} {
		a := append([]uint64(nil), common[:tc.keep]...)
		b := append([]uint64(nil), common[:tc.keep]...)
		for i := tc.keep; i < 600; i++ {
			a = append(a, r.Uint64())
			b = append(b, r.Uint64())
		}
		sa, sb := Signature(a, p), Signature(b, p)
		agree := 0
		for i := range sa {
			if sa[i] == sb[i] {
				agree++
			}
		}
		got := float64(agree) / float64(len(sa))
		if got < tc.wantJ-0.1 || got > tc.wantJ+0.1 {
			t.Errorf("%s: agreement %.2f, want %.2f±0.1", tc.name, got, tc.wantJ)
		}
	}
}

func TestExactPairsMatchesBruteForce(t *testing.T) {
	sets := testSets(300, 200)
	var want []Pair
	for i := range sets {
		for j := i + 1; j < len(sets); j++ {
			if jac := Jaccard(sets[i], sets[j]); jac >= 0.5 {
				want = append(want, Pair{i, j, jac})
			}
		}
	}
	got := ExactPairs(sets, 0.5)
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ExactPairs found %d pairs, brute force %d", len(got), len(want))
	}
	lshPairs := NearDuplicates(sets, 0.5, DefaultParams)
	if r := recall(lshPairs, want); r < 0.99 {
		t.Errorf("LSH recall %.3f, want >= 0.99", r)
	}
}

func TestCandidatesEmptyAndTiny(t *testing.T) {
	ix := NewIndex(DefaultParams)
	ix.Add(nil)
	ix.Add([]uint64{1})
	ix.Add([]uint64{1})
	got := ix.Candidates()
	if len(got) != 1 || got[0] != [2]int{1, 2} {
		t.Errorf("Candidates = %v, want [[1 2]]", got)
	}
}

func TestShinglesMatchDoc(t *testing.T) {
	m := reusegen.NewWordModel(2000)
	texts, _ := m.Corpus(3, 20, 120, 0.3)
	texts = append(texts, "", "one", "Well-known cases: the ministers' plans said 1,000 ships didn't sail.")
	sh := similarity.NewShingler(stem.English)
	for i, tx := range texts {
		a := similarity.TextShingles(tx, stem.English)
		b := similarity.AnalyzeLang(tx, stem.English).Shingles()
		c := sh.Shingles(tx)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("text %d: TextShingles differs from Doc.Shingles", i)
		}
		if fmt.Sprint(c) != fmt.Sprint(b) {
			t.Fatalf("text %d %q: Shingler differs from Doc.Shingles", i, tx)
		}
	}
}

func testSets(n, size int) [][]uint64 {
	m := reusegen.NewWordModel(5000)
	texts, _ := m.Corpus(11, n, size, 0.5)
	sets := make([][]uint64, len(texts))
	for i, tx := range texts {
		sets[i] = SortedSet(similarity.TextShingles(tx, stem.English))
	}
	return sets
}

func recall(got, want []Pair) float64 {
	if len(want) == 0 {
		return 1
	}
	have := map[[2]int]bool{}
	for _, p := range got {
		have[[2]int{p.I, p.J}] = true
	}
	n := 0
	for _, p := range want {
		if have[[2]int{p.I, p.J}] {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

var (
	benchOnce  sync.Once
	benchTexts []string
	benchTruth []Pair
)

// BenchmarkNearDuplicates10k finds all pairs with shingle Jaccard ≥ 0.5
// among 10,000 generated 600-word articles (families of edited versions),
// from raw text: analysis, shingles, MinHash, banding, exact check. Recall
// is against the exact prefix-filtering join.
func BenchmarkNearDuplicates10k(b *testing.B) {
	benchOnce.Do(func() {
		m := reusegen.NewWordModel(50000)
		benchTexts, _ = m.Corpus(2026, 10000, 600, 0.5)
		sets := make([][]uint64, len(benchTexts))
		sh := similarity.NewShingler(stem.English)
		for i, tx := range benchTexts {
			sets[i] = SortedSet(sh.Shingles(tx))
		}
		benchTruth = ExactPairs(sets, 0.5)
	})
	var got []Pair
	for b.Loop() {
		sets := make([][]uint64, len(benchTexts))
		sh := similarity.NewShingler(stem.English)
		for i, tx := range benchTexts {
			sets[i] = sh.Shingles(tx)
		}
		got = NearDuplicates(sets, 0.5, DefaultParams)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
	b.ReportMetric(recall(got, benchTruth), "recall")
	b.ReportMetric(float64(len(benchTruth)), "true-pairs")
}

func FuzzShingler(f *testing.F) {
	for _, s := range []string{"", "a", "U.S. officials didn't say 1,000 words.", "\xff\xfe'.,", "Лондон и Париж и Берлин и Рим", "a-b-c-d e'f g.h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh := similarity.NewShingler(stem.English)
		a := sh.Shingles(s)
		b := sh.Shingles(s) // second pass hits the cache
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("cached pass differs")
		}
		sig := Signature(a, DefaultParams)
		if len(sig) != DefaultParams.Bands*DefaultParams.Rows {
			t.Fatalf("signature length %d", len(sig))
		}
		ix := NewIndex(DefaultParams)
		ix.Add(a)
		ix.Add(b)
		if len(a) > 0 && len(ix.Candidates()) != 1 {
			t.Fatalf("identical texts are not candidates")
		}
	})
}
