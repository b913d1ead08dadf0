package lsh

import (
	"slices"
	"sort"
)

// Pair is two document indexes (I < J) and their shingle Jaccard.
type Pair struct {
	I, J    int
	Jaccard float64
}

// SortedSet returns the distinct values of sh in increasing order (sh is
// not modified).
func SortedSet(sh []uint64) []uint64 {
	s := slices.Clone(sh)
	slices.Sort(s)
	return slices.Compact(s)
}

// SortSet sorts sh in place and drops repeats: SortedSet without the copy,
// for slices the caller owns.
func SortSet(sh []uint64) []uint64 {
	slices.Sort(sh)
	return slices.Compact(sh)
}

// Jaccard of two sorted sets.
func Jaccard(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	in, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			in++
			i++
			j++
		}
	}
	return float64(in) / float64(len(a)+len(b)-in)
}

// NearDuplicates returns every pair of shingle lists that LSH makes a
// candidate and whose exact Jaccard is at least t, sorted by I then J.
// The lists need not be sorted: those of candidates are sorted in place and
// deduplicated (the caller's slices are modified).
func NearDuplicates(sets [][]uint64, t float64, p Params) []Pair {
	ix := NewIndex(p)
	for _, s := range sets {
		ix.Add(s)
	}
	sorted := make([]bool, len(sets))
	var out []Pair
	for _, c := range ix.Candidates() {
		for _, k := range c {
			if !sorted[k] {
				sets[k] = SortSet(sets[k])
				sorted[k] = true
			}
		}
		a, b := sets[c[0]], sets[c[1]]
		// Size filter: J ≤ min/max, so very different sizes cannot reach t.
		if float64(min(len(a), len(b))) < t*float64(max(len(a), len(b))) {
			continue
		}
		if j := Jaccard(a, b); j >= t {
			out = append(out, Pair{c[0], c[1], j})
		}
	}
	return out
}

// ExactPairs returns all pairs with Jaccard ≥ t (t > 0) by prefix
// filtering: with the shingles of every set ordered rarest first, two sets
// reaching t must share one of the first |x|-⌈t|x|⌉+1 shingles of each. It
// is exact (the reference for LSH recall) but needs the whole collection's
// frequencies up front.
func ExactPairs(sets [][]uint64, t float64) []Pair {
	df := map[uint64]int32{}
	for _, s := range sets {
		for _, x := range s {
			df[x]++
		}
	}
	ordered := make([][]uint64, len(sets))
	for i, s := range sets {
		o := slices.Clone(s)
		sort.Slice(o, func(a, b int) bool {
			if df[o[a]] != df[o[b]] {
				return df[o[a]] < df[o[b]]
			}
			return o[a] < o[b]
		})
		ordered[i] = o
	}
	index := map[uint64][]int32{}
	seen := make([]int32, len(sets))
	for i := range seen {
		seen[i] = -1
	}
	var out []Pair
	for i, o := range ordered {
		if len(o) == 0 {
			continue
		}
		prefix := len(o) - int(float64(len(o))*t+0.999999) + 1
		prefix = max(1, min(prefix, len(o)))
		for _, x := range o[:prefix] {
			for _, j := range index[x] {
				if seen[j] == int32(i) {
					continue
				}
				seen[j] = int32(i)
				if jac := Jaccard(sets[i], sets[j]); jac >= t {
					out = append(out, Pair{int(j), i, jac})
				}
			}
			index[x] = append(index[x], int32(i))
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].I != out[b].I {
			return out[a].I < out[b].I
		}
		return out[a].J < out[b].J
	})
	return out
}
