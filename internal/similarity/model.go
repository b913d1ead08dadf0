package similarity

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
// the sum of the trees' leaf values.
type Boosted struct {
	Base  float64
	Trees [][]Node
}

// Apply evaluates the ensemble.
func (m *Boosted) Apply(f [NumFeatures]float64) float64 {
	s := m.Base
	for _, t := range m.Trees {
		if len(t) == 0 {
			continue
		}
		n := 0
		for steps := 0; steps < len(t) && t[n].F >= 0; steps++ {
			next := t[n].R
			if f[t[n].F] < float64(t[n].T) {
				next = t[n].L
			}
			if next <= 0 || int(next) >= len(t) {
				break // malformed tree: stop at this node rather than loop or panic
			}
			n = int(next)
		}
		s += float64(t[n].V)
	}
	return s
}
