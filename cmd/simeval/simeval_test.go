package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"gloss/internal/similarity"
)

func TestPearson(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"perfect", []float64{1, 2, 3}, []float64{2, 4, 6}, 1},
		{"inverse", []float64{1, 2, 3}, []float64{3, 2, 1}, -1},
		{"constant", []float64{1, 1, 1}, []float64{1, 2, 3}, 0},
	}
	for _, tc := range tests {
		if got := pearson(tc.x, tc.y); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: pearson = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAccF1(t *testing.T) {
	ps := []sentPair{{Label: 1}, {Label: 1}, {Label: 0}, {Label: 0}}
	acc, f1 := accF1([]bool{true, false, true, false}, ps)
	if acc != 0.5 || f1 != 0.5 {
		t.Errorf("accF1 = %v, %v, want 0.5, 0.5", acc, f1)
	}
}

func TestDetok(t *testing.T) {
	tests := []struct{ in, want string }{
		{"EU rejects German call , officials said .", "EU rejects German call, officials said."},
		{"the company 's shares rose 5 %", "the company's shares rose 5%"},
		{"it did n't ( really )", "it didn't (really)"},
	}
	for _, tc := range tests {
		if got := detok(splitSpace(tc.in)); got != tc.want {
			t.Errorf("detok(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func splitSpace(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func TestWordOverlap(t *testing.T) {
	if got := wordOverlap("The cat sat.", "the cat sat"); got != 1 {
		t.Errorf("identical words: %v, want 1", got)
	}
	if got := wordOverlap("a b", "c d"); got != 0 {
		t.Errorf("disjoint words: %v, want 0", got)
	}
}

// Boosting must learn a step function of one feature and ignore noise.
func TestFitGBDT(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	var x [][nf]float64
	var y []float64
	for range 2000 {
		var f [nf]float64
		f[0] = 1
		for k := 1; k < nf; k++ {
			f[k] = r.Float64()
		}
		x = append(x, f)
		if f[3] > 0.5 {
			y = append(y, 4)
		} else {
			y = append(y, 1)
		}
	}
	m := fitGBDT(x, y, gbdtParams{Rounds: 200, Depth: 2, MinLeaf: 10, Rate: 0.1, Subsample: 0.5}, nil)
	var lo, hi [nf]float64
	lo[3], hi[3] = 0.2, 0.8
	if got := m.Apply(lo); math.Abs(got-1) > 0.1 {
		t.Errorf("f3=0.2: %v, want 1", got)
	}
	if got := m.Apply(hi); math.Abs(got-4) > 0.1 {
		t.Errorf("f3=0.8: %v, want 4", got)
	}
}

func TestRelationAccuracy(t *testing.T) {
	obs := []pairObs{
		{truth: "near-duplicate", scores: similarity.Scores{CoverA: 1, CoverB: 1, ContainAB: 1, ContainBA: 1, LongestRun: 50, Cosine: 1}},
		{truth: "unrelated", scores: similarity.Scores{Cosine: 0.01}},
		{truth: "same-story", scores: similarity.Scores{Cosine: 0.01}},
	}
	acc, macro, _ := relationAccuracy(obs, similarity.DefaultThresholds)
	if math.Abs(acc-2.0/3) > 1e-9 || math.Abs(macro-2.0/3) > 1e-9 {
		t.Errorf("accuracy %v macro %v, want 0.667 0.667", acc, macro)
	}
}
