package main

import (
	"math/rand/v2"
	"sort"

	"gloss/internal/similarity"
)

const nf = similarity.NumFeatures

// gbdtParams configure boosting with squared loss.
type gbdtParams struct {
	Rounds  int
	Depth   int
	MinLeaf int
	Rate    float64
	// Subsample is the share of rows each tree is grown on (stochastic
	// gradient boosting); 0 or 1 uses all rows.
	Subsample float64
}

// fitGBDT boosts regression trees on (x, y). eval, if not nil, is called
// after each round with the model so far (for early stopping on dev).
func fitGBDT(x [][nf]float64, y []float64, p gbdtParams, eval func(round int, m *similarity.Boosted)) *similarity.Boosted {
	n := len(x)
	m := &similarity.Boosted{}
	for _, v := range y {
		m.Base += v
	}
	m.Base /= float64(n)
	pred := make([]float64, n)
	for i := range pred {
		pred[i] = m.Base
	}
	// Presort sample indexes by each feature once.
	order := make([][]int32, nf)
	for f := 1; f < nf; f++ {
		o := make([]int32, n)
		for i := range o {
			o[i] = int32(i)
		}
		sort.SliceStable(o, func(a, b int) bool { return x[o[a]][f] < x[o[b]][f] })
		order[f] = o
	}
	resid := make([]float64, n)
	node := make([]int16, n) // which open node each sample is in; -1 = left out this round
	rng := rand.New(rand.NewPCG(gbdtSeed, 2))
	for round := 0; round < p.Rounds; round++ {
		for i := range resid {
			resid[i] = y[i] - pred[i]
			node[i] = 0
			if p.Subsample > 0 && p.Subsample < 1 && rng.Float64() >= p.Subsample {
				node[i] = -1
			}
		}
		tree := []similarity.Node{{F: -1}}
		open := []int16{0}
		for depth := 0; depth < p.Depth && len(open) > 0; depth++ {
			var next []int16
			for _, id := range open {
				f, t, ok := bestSplit(x, resid, node, id, order, p.MinLeaf)
				if !ok {
					continue
				}
				l, r := int16(len(tree)), int16(len(tree)+1)
				tree[id].F, tree[id].T, tree[id].L, tree[id].R = int8(f), float32(t), l, r
				tree = append(tree, similarity.Node{F: -1}, similarity.Node{F: -1})
				for i := range node {
					if node[i] == id {
						if x[i][f] < float64(float32(t)) {
							node[i] = l
						} else {
							node[i] = r
						}
					}
				}
				next = append(next, l, r)
			}
			open = next
		}
		// Leaf values: mean residual (of the rows grown on) times the rate.
		sum := make([]float64, len(tree))
		cnt := make([]int, len(tree))
		for i := range node {
			if node[i] >= 0 {
				sum[node[i]] += resid[i]
				cnt[node[i]]++
			}
		}
		for id := range tree {
			if tree[id].F < 0 && cnt[id] > 0 {
				tree[id].V = float32(p.Rate * sum[id] / float64(cnt[id]))
			}
		}
		for i := range pred {
			k := int(node[i])
			if k < 0 { // left out: route it down the finished tree
				k = 0
				for tree[k].F >= 0 {
					if x[i][tree[k].F] < float64(tree[k].T) {
						k = int(tree[k].L)
					} else {
						k = int(tree[k].R)
					}
				}
			}
			pred[i] += float64(tree[k].V)
		}
		m.Trees = append(m.Trees, tree)
		if eval != nil {
			// A fresh value: Boosted compiles its trees on first use.
			eval(round, &similarity.Boosted{Base: m.Base, Trees: m.Trees})
		}
	}
	return m
}

func bestSplit(x [][nf]float64, resid []float64, node []int16, id int16, order [][]int32, minLeaf int) (int, float64, bool) {
	var total float64
	cnt := 0
	for i := range node {
		if node[i] == id {
			total += resid[i]
			cnt++
		}
	}
	if cnt < 2*minLeaf {
		return 0, 0, false
	}
	bestGain, bestF, bestT := 1e-12, -1, 0.0
	for f := 1; f < nf; f++ {
		var left float64
		nl := 0
		var prev float64
		first := true
		for _, i := range order[f] {
			if node[i] != id {
				continue
			}
			v := x[i][f]
			if !first && v != prev && nl >= minLeaf && cnt-nl >= minLeaf {
				right := total - left
				gain := left*left/float64(nl) + right*right/float64(cnt-nl) - total*total/float64(cnt)
				if gain > bestGain {
					bestGain, bestF, bestT = gain, f, (v+prev)/2
				}
			}
			left += resid[i]
			nl++
			prev = v
			first = false
		}
	}
	return bestF, bestT, bestF >= 0
}
