package similarity

import "sync"

// Model maps sentence-pair features to a score.
type Model interface {
	Apply(f [NumFeatures]float64) float64
}

// Node is one node of a regression tree: an inner node sends f[F] < T to
// L and the rest to R; a leaf (F < 0) returns V.
type Node struct {
	F    int8
	T    float32
	L, R int16
	V    float32
}

// Boosted is a gradient-boosted ensemble of regression trees: Base plus
// the sum of the trees' leaf values. The trees are compiled on the first
// Apply; Base and Trees must not change after that.
type Boosted struct {
	Base  float64
	Trees [][]Node

	once  sync.Once
	flat  []flatNode
	roots []int32
}

// flatNode is a Node with absolute child indexes into one array, so
// evaluation walks a single contiguous slice.
type flatNode struct {
	t    float64
	l, r int32
	f    int8
	v    float64
}

// compile flattens the trees once. A malformed node (child out of range,
// feature out of range, or a cycle) is turned into a leaf, so Apply can
// neither panic nor loop.
func (m *Boosted) compile() {
	for _, t := range m.Trees {
		if len(t) == 0 {
			continue
		}
		base := int32(len(m.flat))
		m.roots = append(m.roots, base)
		for k, n := range t {
			fn := flatNode{t: float64(n.T), f: n.F, v: float64(n.V), l: base + int32(n.L), r: base + int32(n.R)}
			if n.F < 0 || int(n.F) >= NumFeatures || int(n.L) <= k || int(n.R) <= k || int(n.L) >= len(t) || int(n.R) >= len(t) {
				fn.f = -1 // children must come later in the tree: no cycles
			}
			m.flat = append(m.flat, fn)
		}
	}
}

// Apply evaluates the ensemble.
func (m *Boosted) Apply(f [NumFeatures]float64) float64 {
	m.once.Do(m.compile)
	s := m.Base
	nodes := m.flat
	for _, n := range m.roots {
		for nodes[n].f >= 0 {
			if f[nodes[n].f] < nodes[n].t {
				n = nodes[n].l
			} else {
				n = nodes[n].r
			}
		}
		s += nodes[n].v
	}
	return s
}
