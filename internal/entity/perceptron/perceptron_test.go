package perceptron

import (
	"math/rand/v2"
	"testing"
)

// brute finds the best path by enumeration.
func brute(n, nT int, emit, trans, end []float32, fixed []bool) ([]int, float32) {
	best := NegInf
	var bestPath []int
	path := make([]int, n)
	var rec func(i int, score float32)
	rec = func(i int, score float32) {
		if i == n {
			s := score
			if end != nil {
				s += end[path[n-1]]
			}
			if s > best {
				best = s
				bestPath = append([]int(nil), path...)
			}
			return
		}
		for t := 0; t < nT; t++ {
			if fixed != nil && fixed[i] && t != 0 {
				continue
			}
			prev := nT
			if i > 0 {
				prev = path[i-1]
			}
			path[i] = t
			rec(i+1, score+trans[prev*nT+t]+emit[i*nT+t])
		}
	}
	rec(0, 0)
	return bestPath, best
}

func score(path []int, nT int, emit, trans, end []float32) float32 {
	var s float32
	prev := nT
	for i, t := range path {
		s += trans[prev*nT+t] + emit[i*nT+t]
		prev = t
	}
	return s + end[path[len(path)-1]]
}

func randomProblem(rng *rand.Rand, n, nT int) (emit, trans, end []float32) {
	emit = make([]float32, n*nT)
	for i := range emit {
		emit[i] = float32(rng.NormFloat64())
	}
	trans = make([]float32, (nT+1)*nT)
	for i := range trans {
		trans[i] = float32(rng.NormFloat64())
		if rng.IntN(4) == 0 && i%nT != 0 { // forbid some, never moves into tag 0
			trans[i] = NegInf
		}
	}
	end = make([]float32, nT)
	for i := range end {
		end[i] = float32(rng.NormFloat64())
	}
	return
}

func TestViterbiMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n, nT := 1+rng.IntN(5), 2+rng.IntN(3)
		emit, trans, end := randomProblem(rng, n, nT)
		var sc Scratch
		got := Viterbi(n, nT, emit, trans, end, &sc)
		want, ws := brute(n, nT, emit, trans, end, nil)
		if gs := score(got, nT, emit, trans, end); gs < ws-1e-4 {
			t.Fatalf("trial %d: Viterbi path %v scores %v, brute force %v scores %v", trial, got, gs, want, ws)
		}
	}
}

// TestDecodeSegmentsExact checks that decoding only the runs between
// tokens fixed to tag 0 gives the best path under that constraint.
func TestDecodeSegmentsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		n, nT := 1+rng.IntN(6), 2+rng.IntN(3)
		emit, trans, end := randomProblem(rng, n, nT)
		fixed := make([]bool, n)
		for i := range fixed {
			fixed[i] = rng.IntN(3) == 0
		}
		m := &Model{NT: nT, Trans: trans, End: end}
		m.build()
		var sc Scratch
		got := m.DecodeSegments(n, emit, fixed, nil, &sc)
		want, ws := brute(n, nT, emit, trans, end, fixed)
		for i, f := range fixed {
			if f && got[i] != 0 {
				t.Fatalf("trial %d: fixed token %d got tag %d", trial, i, got[i])
			}
		}
		if gs := score(got, nT, emit, trans, end); gs < ws-1e-4 {
			t.Fatalf("trial %d: segments path %v scores %v, brute force %v scores %v", trial, got, gs, want, ws)
		}
	}
}
