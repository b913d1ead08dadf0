package similarity

import (
	"math"
	"sort"
)

// DF counts in how many documents of a collection each stem occurs; it
// turns into IDF weights with Weight.
type DF struct {
	N  int
	df map[string]int
}

// NewDF returns an empty document-frequency table.
func NewDF() *DF { return &DF{df: map[string]int{}} }

// Add counts the distinct content stems of one document.
func (f *DF) Add(d *Doc) {
	seen := make(map[string]struct{}, len(d.Content))
	for _, c := range d.Content {
		s := d.Terms[c].Stem
		if _, ok := seen[s]; !ok {
			seen[s] = struct{}{}
			f.df[s]++
		}
	}
	f.N++
}

// AddStems counts one document given as its content stems.
func (f *DF) AddStems(stems []string) {
	seen := make(map[string]struct{}, len(stems))
	for _, s := range stems {
		if _, ok := seen[s]; !ok {
			seen[s] = struct{}{}
			f.df[s]++
		}
	}
	f.N++
}

// Prior pseudo-documents of the IDF. Plain IDF is log(N/df): with the five
// articles of one story every shared story word has df≈N and weight ≈0, so
// a near-copy scores low and whatever differs dominates. Smoothing the
// document probability p=(df+PriorDocs·PriorRate)/(N+PriorDocs) keeps the
// weights of a handful of documents close to uniform (contrast ≤ ~2:1) and
// turns into plain IDF as the collection grows. The values were chosen on
// the synthetic reuse training split (see docs/similarity.md).
var (
	PriorDocs = 20.0
	PriorRate = 0.05
)

// Weight is the smoothed IDF of stem s.
func (f *DF) Weight(s string) float64 {
	df := 0
	if f != nil {
		df = f.df[s]
	}
	n := 0
	if f != nil {
		n = f.N
	}
	p := (float64(df) + PriorDocs*PriorRate) / (float64(n) + PriorDocs)
	if p > 1 {
		p = 1
	}
	// +0.1 keeps a word present everywhere from vanishing entirely.
	return math.Log(1/p) + 0.1
}

// Vector is a sparse weighted term vector with unit norm.
type Vector struct {
	Terms   []string // sorted
	Weights []float64
}

// NewVector builds the TF-IDF vector of content terms idx of d (all content
// terms when idx is nil) with sublinear term frequency.
func NewVector(d *Doc, idx []int32, f *DF) Vector {
	if idx == nil {
		idx = d.Content
	}
	tf := make(map[string]int, len(idx))
	for _, c := range idx {
		if !d.Terms[c].Stop {
			tf[d.Terms[c].Stem]++
		}
	}
	return vectorOf(tf, f)
}

func vectorOf(tf map[string]int, f *DF) Vector {
	v := Vector{Terms: make([]string, 0, len(tf))}
	for s := range tf {
		v.Terms = append(v.Terms, s)
	}
	sort.Strings(v.Terms)
	v.Weights = make([]float64, len(v.Terms))
	var norm float64
	for i, s := range v.Terms {
		w := (1 + math.Log(float64(tf[s]))) * f.Weight(s)
		v.Weights[i] = w
		norm += w * w
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range v.Weights {
			v.Weights[i] /= norm
		}
	}
	return v
}

// Cosine returns the cosine of two unit vectors (0 if either is empty).
func Cosine(a, b Vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.Terms) && j < len(b.Terms) {
		switch {
		case a.Terms[i] < b.Terms[j]:
			i++
		case a.Terms[i] > b.Terms[j]:
			j++
		default:
			s += a.Weights[i] * b.Weights[j]
			i++
			j++
		}
	}
	return min(max(s, 0), 1)
}
