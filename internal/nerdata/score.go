package nerdata

import "sort"

// Counts holds exact-match tallies for one label (or all).
type Counts struct{ TP, FP, FN int }

func (c Counts) P() float64  { return ratio(c.TP, c.TP+c.FP) }
func (c Counts) R() float64  { return ratio(c.TP, c.TP+c.FN) }
func (c Counts) F1() float64 { return f1(c.P(), c.R()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Scorer accumulates entity-level exact-match counts (same start, end and
// label), micro-averaged, restricted to the labels a corpus annotates.
type Scorer struct {
	Labels  map[string]bool // labels scored; predictions of others are ignored
	ByLabel map[string]*Counts
	Overall Counts
}

// NewScorer scores only the given labels.
func NewScorer(labels ...string) *Scorer {
	s := &Scorer{Labels: map[string]bool{}, ByLabel: map[string]*Counts{}}
	for _, l := range labels {
		s.Labels[l] = true
		s.ByLabel[l] = &Counts{}
	}
	return s
}

// Add scores one unit (sentence or document) of gold and predicted spans.
func (s *Scorer) Add(gold, pred []Span) {
	g := map[Span]bool{}
	for _, x := range gold {
		if s.Labels[x.Label] {
			g[x] = true
		}
	}
	for _, x := range pred {
		if !s.Labels[x.Label] {
			continue
		}
		if g[x] {
			s.ByLabel[x.Label].TP++
			s.Overall.TP++
			delete(g, x)
		} else {
			s.ByLabel[x.Label].FP++
			s.Overall.FP++
		}
	}
	for x := range g {
		s.ByLabel[x.Label].FN++
		s.Overall.FN++
	}
}

// SortedLabels returns the scored labels in a stable order.
func (s *Scorer) SortedLabels() []string {
	order := map[string]int{"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3, "DATE": 4, "MONEY": 5, "PERCENT": 6, "CARDINAL": 7}
	var out []string
	for l := range s.Labels {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}
