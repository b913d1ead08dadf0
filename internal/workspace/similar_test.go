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
		{"disjoint", []Chunk{{Start: 0, End: 5}}, []Chunk{{Start: 5, End: 9}}, nil},
		{"inside", []Chunk{{Start: 0, End: 10}}, []Chunk{{Start: 2, End: 4}, {Start: 6, End: 8}}, []Chunk{{Start: 2, End: 4}, {Start: 6, End: 8}}},
		{"unsorted b", []Chunk{{Start: 0, End: 10}}, []Chunk{{Start: 6, End: 8}, {Start: 2, End: 4}}, []Chunk{{Start: 2, End: 4}, {Start: 6, End: 8}}},
		{"straddling", []Chunk{{Start: 0, End: 4}, {Start: 6, End: 10}}, []Chunk{{Start: 3, End: 7}, {Start: 9, End: 12}}, []Chunk{{Start: 3, End: 4}, {Start: 6, End: 7}, {Start: 9, End: 10}}},
		{"one b over many a", []Chunk{{Start: 0, End: 2}, {Start: 3, End: 5}, {Start: 6, End: 8}}, []Chunk{{Start: 1, End: 7}}, []Chunk{{Start: 1, End: 2}, {Start: 3, End: 5}, {Start: 6, End: 7}}},
		{"empty", nil, []Chunk{{Start: 0, End: 1}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := intersect(tt.a, tt.b); !slices.Equal(got, tt.want) {
				t.Errorf("intersect(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
