package workspace

import (
	"fmt"
	"slices"
	"testing"
)

const (
	storyA = "The harbour in Tallinn reopened on Monday after a week of repairs. Port director Lena Kask said the damage was worse than expected. Ships queued outside the breakwater for days. The city council will meet on Friday to discuss funding."
	storyB = "The harbour in Tallinn reopened on Monday after a week of repairs. Port director Lena Kask said the damage was far worse than anyone expected. Ships queued outside the breakwater for days. Fishermen said they lost a month of income."
)

func TestPrefilter(t *testing.T) {
	var w Workspace
	for i := 0; i < AllPairsMax+1; i++ {
		w.Add("", fmt.Sprintf("Report %d: the club number %d met in hall %d and voted on item %d of the plan.", i, i*7, i*13, i*17))
	}
	w.Add("", storyA)
	w.Add("", storyB)
	n := len(w.Articles)
	p := w.PendingPairs()
	if !slices.Contains(p, [2]int{n - 2, n - 1}) {
		t.Errorf("PendingPairs = %v, want the related pair [%d %d]", p, n-2, n-1)
	}
	if slices.Contains(p, [2]int{0, n - 1}) {
		t.Errorf("PendingPairs has an unrelated pair: %v", p)
	}
	if r, ok := w.Pair(0, n-1); !ok || r.Relation != Unrelated || r.Compared {
		t.Errorf("Pair(0,%d) = %+v %v, want settled as unrelated", n-1, r, ok)
	}
}

func TestIntersect(t *testing.T) {
	for _, tt := range []struct {
		name string
		a, b []Chunk
		want []Chunk
	}{
		{"disjoint", []Chunk{{0, 5}}, []Chunk{{5, 9}}, nil},
		{"inside", []Chunk{{0, 10}}, []Chunk{{2, 4}, {6, 8}}, []Chunk{{2, 4}, {6, 8}}},
		{"unsorted b", []Chunk{{0, 10}}, []Chunk{{6, 8}, {2, 4}}, []Chunk{{2, 4}, {6, 8}}},
		{"straddling", []Chunk{{0, 4}, {6, 10}}, []Chunk{{3, 7}, {9, 12}}, []Chunk{{3, 4}, {6, 7}, {9, 10}}},
		{"one b over many a", []Chunk{{0, 2}, {3, 5}, {6, 8}}, []Chunk{{1, 7}}, []Chunk{{1, 2}, {3, 5}, {6, 7}}},
		{"empty", nil, []Chunk{{0, 1}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := intersect(tt.a, tt.b); !slices.Equal(got, tt.want) {
				t.Errorf("intersect(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
