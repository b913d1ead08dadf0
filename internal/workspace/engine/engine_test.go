package engine_test

import (
	"slices"
	"strings"
	"testing"

	"gloss/internal/workspace"
	"gloss/internal/workspace/engine"
)

const (
	storyA = "The harbour in Tallinn reopened on Monday after a week of repairs. Port director Lena Kask said the damage was worse than expected. Ships queued outside the breakwater for days. The city council will meet on Friday to discuss funding."
	storyB = "The harbour in Tallinn reopened on Monday after a week of repairs. Port director Lena Kask said the damage was far worse than anyone expected. Ships queued outside the breakwater for days. Fishermen said they lost a month of income."
)

func TestComparePair(t *testing.T) {
	r, err := engine.ComparePair(storyA, storyB)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Compared || r.Score < 0.5 || r.Relation == workspace.Unrelated || len(r.Passages) == 0 {
		t.Fatalf("ComparePair = %+v, want a related pair with passages", r)
	}
	for _, p := range r.Passages {
		if p.AEnd > len(storyA) || p.BEnd > len(storyB) || p.AStart >= p.AEnd || p.BStart >= p.BEnd {
			t.Fatalf("passage %+v outside the texts", p)
		}
	}
	// The opening is shared with one edit in it.
	if p := r.Passages[0]; !strings.HasPrefix(storyA[p.AStart:p.AEnd], "The harbour") || !strings.HasPrefix(storyB[p.BStart:p.BEnd], "The harbour") || p.Kind != "edited" {
		t.Errorf("first passage A %q B %q, want the shared opening", storyA[p.AStart:p.AEnd], storyB[p.BStart:p.BEnd])
	}
	var onlyA []string
	for _, u := range r.UniqueA {
		onlyA = append(onlyA, storyA[u.Start:u.End])
	}
	if !strings.Contains(strings.Join(onlyA, " "), "council") {
		t.Errorf("unique to A = %q, want the council sentence", onlyA)
	}

	var w workspace.Workspace
	a := w.Add("", storyA)
	b := w.Add("", storyB)
	c := w.Add("", "Completely different: a chess club in Tartu elected a new chair.")
	w.SetPair(a.Hash, b.Hash, r)
	got, ok := w.Pair(0, 1)
	if !ok || !slices.Equal(got.Passages, r.Passages) {
		t.Errorf("Pair(0,1) = %+v, want the A-B orientation", got)
	}
	back, _ := w.Pair(1, 0)
	if back.Passages[0].AStart != r.Passages[0].BStart || !slices.Equal(back.UniqueA, r.UniqueB) {
		t.Errorf("Pair(1,0) not flipped: %+v", back)
	}
	if _, ok := w.Unique(0); ok {
		t.Error("Unique(0) ready while pairs with article 2 are pending")
	}
	w.SetPair(a.Hash, c.Hash, workspace.PairResult{Relation: workspace.Unrelated})
	w.SetPair(b.Hash, c.Hash, workspace.PairResult{Relation: workspace.Unrelated})
	u, ok := w.Unique(0)
	if !ok || !slices.Equal(u, r.UniqueA) {
		t.Errorf("Unique(0) = %v %v, want %v", u, ok, r.UniqueA)
	}
}

func TestPairRows(t *testing.T) {
	r, err := engine.ComparePair(storyA, storyB)
	if err != nil {
		t.Fatal(err)
	}
	rows := workspace.PairRows(storyA, storyB, r)
	type line struct{ a, b string }
	var got []line
	for _, row := range rows {
		var l line
		if row.A.Start >= 0 {
			l.a = storyA[row.A.Start:row.A.End]
		}
		if row.B.Start >= 0 {
			l.b = storyB[row.B.Start:row.B.End]
		}
		got = append(got, l)
		for _, sd := range []struct {
			s    workspace.Side
			text string
		}{{row.A, storyA}, {row.B, storyB}} {
			at := sd.s.Start
			for _, p := range sd.s.Pieces {
				if p.Start != at || p.End <= p.Start {
					t.Fatalf("pieces %+v do not tile sentence [%d,%d)", sd.s.Pieces, sd.s.Start, sd.s.End)
				}
				at = p.End
			}
			if at != sd.s.End {
				t.Fatalf("pieces end at %d, sentence at %d", at, sd.s.End)
			}
		}
	}
	if len(got) != 5 {
		t.Fatalf("rows = %q, want 5 (3 matched, 1 only in A, 1 only in B)", got)
	}
	// B's own sentence follows the B sentence before it; A's follows.
	if got[0].a == "" || got[0].b == "" || got[3].a != "" || got[4].b != "" {
		t.Fatalf("rows = %q, want 3 matched, then B's fishermen, then A's council", got)
	}
	if k := rows[4].A.Pieces[0].Kind; k != "unique" {
		t.Errorf("council sentence kind %q, want unique", k)
	}
}
