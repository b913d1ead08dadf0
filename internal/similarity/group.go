package similarity

import "sort"

// Groups partitions n documents into stories: documents joined by any pair
// whose relation is not Unrelated end up in one group (transitively). Each
// group is sorted, and groups are ordered by their first document; a
// document related to nothing forms a group of its own.
func Groups(n int, pairs []PairResult) [][]int {
	u := NewUnionFind(n)
	for _, p := range pairs {
		if p.Relation != Unrelated {
			u.Union(p.I, p.J)
		}
	}
	return u.Groups()
}

// UnionFind is a disjoint-set forest over 0..n-1.
type UnionFind struct{ parent []int32 }

// NewUnionFind returns n singleton sets.
func NewUnionFind(n int) *UnionFind {
	u := &UnionFind{parent: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
	}
	return u
}

// Find returns the representative of x's set.
func (u *UnionFind) Find(x int) int {
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

// Union joins the sets of x and y.
func (u *UnionFind) Union(x, y int) {
	x, y = u.Find(x), u.Find(y)
	if x == y {
		return
	}
	if x > y {
		x, y = y, x
	}
	u.parent[y] = int32(x)
}

// Groups returns the sets, each sorted, ordered by smallest member.
func (u *UnionFind) Groups() [][]int {
	m := map[int][]int{}
	for i := range u.parent {
		r := u.Find(i)
		m[r] = append(m[r], i)
	}
	out := make([][]int, 0, len(m))
	for _, g := range m {
		out = append(out, g)
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}
