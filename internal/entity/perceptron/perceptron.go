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
// sentence start, and end[t] for ending the sentence in tag t (nil: 0).
// Forbidden transitions are NegInf and skipped via predecessor lists.
func Viterbi(n, nT int, emit, trans []float32, end []float32, sc *Scratch) []int {
	return viterbi(n, nT, emit, trans, preds(nT, trans), end, sc)
}

// preds lists, for each tag, the predecessors whose transition is allowed.
func preds(nT int, trans []float32) [][]int32 {
	out := make([][]int32, nT)
	for t := 0; t < nT; t++ {
		for p := 0; p < nT; p++ {
			if !math.IsInf(float64(trans[p*nT+t]), -1) {
				out[t] = append(out[t], int32(p))
			}
		}
	}
	return out
}

func viterbi(n, nT int, emit, trans []float32, pred [][]int32, end []float32, sc *Scratch) []int {
	return viterbiFrom(n, nT, emit, trans, pred, nT, end, sc)
}

// viterbiFrom is viterbi with the first token's transition taken from row
// startRow (nT for a sentence start, a tag for a known previous tag).
func viterbiFrom(n, nT int, emit, trans []float32, pred [][]int32, startRow int, end []float32, sc *Scratch) []int {
	if n == 0 {
		return sc.path[:0]
	}
	back, cur, prev := sc.start(n, nT, emit, trans, startRow)
	for i := 1; i < n; i++ {
		cur, prev = prev, cur
		e := emit[i*nT : i*nT+nT]
		bk := back[i*nT : i*nT+nT]
		bk = bk[:len(e)]
		cur = cur[:len(e)]
		for t := range e {
			best, arg := NegInf, int32(0)
			for _, p := range pred[t] {
				s := prev[p] + trans[int(p)*nT+t]
				if s > best {
					best, arg = s, p
				}
			}
			cur[t] = best + e[t]
			bk[t] = arg
		}
	}
	return sc.finish(n, nT, cur, end, back)
}

// start sizes the scratch for n positions of nT states and scores the
// first position from transition row startRow. It returns the
// back-pointer table and the current and previous score rows.
func (sc *Scratch) start(n, nT int, emit, trans []float32, startRow int) (back []int32, cur, prev []float32) {
	if cap(sc.back) < n*nT {
		sc.back = make([]int32, n*nT)
	}
	back = sc.back[:n*nT]
	if cap(sc.score) < 2*nT {
		sc.score = make([]float32, 2*nT)
	}
	cur, prev = sc.score[:nT], sc.score[nT:2*nT]
	for t := 0; t < nT; t++ {
		cur[t] = trans[startRow*nT+t] + emit[t]
	}
	return back, cur, prev
}

// finish picks the best last state (with end scores, if any) and walks
// the back-pointers to the best path, kept in the scratch.
func (sc *Scratch) finish(n, nT int, cur, end []float32, back []int32) []int {
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
	path := append(sc.path[:0], make([]int, n)...)
	path[n-1] = arg
	for i := n - 1; i > 0; i-- {
		path[i-1] = int(back[i*nT+path[i]])
	}
	sc.path = path
	return path
}
