// Package perceptron is a first-order linear-chain tagger: an averaged
// structured perceptron (Collins 2002) trained with Viterbi decoding, with
// hard constraints that keep BILOU tag sequences well formed. Training
// works on dense feature indexes; a trained model is frozen into a compact
// table of 32-bit feature keys and int8 weights for shipping.
package perceptron

import "math"

// NegInf marks a forbidden transition.
var NegInf = float32(math.Inf(-1))

// Viterbi returns the best tag path given per-token emission scores
// (emit[i*nT+t]), transition scores trans[(prev)*nT+t] with row nT for the
// sentence start, and allowed transitions (same layout; nil allows all).
// end[t] scores ending the sentence in tag t (NegInf forbids).
func Viterbi(n, nT int, emit, trans []float32, end []float32, path []int, back []int32, score []float32) []int {
	path = path[:0]
	if n == 0 {
		return path
	}
	if cap(back) < n*nT {
		back = make([]int32, n*nT)
	}
	back = back[:n*nT]
	if cap(score) < 2*nT {
		score = make([]float32, 2*nT)
	}
	cur, prev := score[:nT], score[nT:2*nT]
	for t := 0; t < nT; t++ {
		cur[t] = trans[nT*nT+t] + emit[t]
	}
	for i := 1; i < n; i++ {
		cur, prev = prev, cur
		e := emit[i*nT : i*nT+nT]
		for t := 0; t < nT; t++ {
			best, arg := NegInf, int32(0)
			for p := 0; p < nT; p++ {
				s := prev[p] + trans[p*nT+t]
				if s > best {
					best, arg = s, int32(p)
				}
			}
			cur[t] = best + e[t]
			back[i*nT+t] = arg
		}
	}
	best, arg := NegInf, 0
	for t := 0; t < nT; t++ {
		s := cur[t]
		if end != nil {
			s += end[t]
		}
		if s > best || (best == NegInf && t == 0) {
			best, arg = s, t
		}
	}
	for i := 0; i < n; i++ {
		path = append(path, 0)
	}
	path[n-1] = arg
	for i := n - 1; i > 0; i-- {
		path[i-1] = int(back[i*nT+path[i]])
	}
	return path
}
