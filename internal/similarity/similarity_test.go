package similarity

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readStory(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "story", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The crafted story set: one wire report and its derivatives.
var storyFiles = []string{"wire.txt", "republished.txt", "markdown.md", "edited.txt", "independent.txt", "unrelated.txt"}

func TestRelations(t *testing.T) {
	texts := make([]string, len(storyFiles))
	for i, n := range storyFiles {
		texts[i] = readStory(t, n)
	}
	set := NewSet(texts)
	tests := []struct {
		name string
		a, b int
		want Relation
	}{
		{"verbatim republication with a different footer", 0, 1, NearDuplicate},
		{"markdown rendering of the same text", 0, 2, NearDuplicate},
		{"footer version vs markdown version", 1, 2, NearDuplicate},
		{"wire copy edited", 0, 3, SameSourceEdited},
		{"edited copy vs markdown", 2, 3, SameSourceEdited},
		{"independent report of the same event", 0, 4, SameStory},
		{"independent report vs edited copy", 3, 4, SameStory},
		{"different story", 0, 5, Unrelated},
		{"different story vs independent report", 4, 5, Unrelated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := set.Pair(tc.a, tc.b)
			if r.Relation != tc.want {
				t.Errorf("relation = %s, want %s (scores %+v)", r.Relation, tc.want, r.Scores)
			}
			// The relation must not depend on argument order.
			if r2 := set.Pair(tc.b, tc.a); r2.Relation != r.Relation {
				t.Errorf("reversed relation = %s, want %s", r2.Relation, r.Relation)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	th := Thresholds{NearDup: 0.8, NearDupContain: 0.95, EditedRun: 8, EditedCover: 0.15, SameStory: 0.25}
	tests := []struct {
		name string
		s    Scores
		want Relation
	}{
		{"full cover both ways", Scores{CoverA: 0.95, CoverB: 0.9, ContainAB: 0.99, ContainBA: 0.9, LongestRun: 100, Cosine: 0.9}, NearDuplicate},
		{"aligned throughout but edited on both sides", Scores{CoverA: 0.9, CoverB: 0.9, ContainAB: 0.8, ContainBA: 0.8, LongestRun: 40, Cosine: 0.9}, SameSourceEdited},
		{"one side only covered", Scores{CoverA: 0.95, CoverB: 0.3, LongestRun: 40, Cosine: 0.6}, SameSourceEdited},
		{"long run but tiny cover", Scores{CoverA: 0.05, CoverB: 0.05, LongestRun: 9, Cosine: 0.3}, SameStory},
		{"short runs only", Scores{CoverA: 0.3, CoverB: 0.3, LongestRun: 5, Cosine: 0.5}, SameStory},
		{"nothing shared", Scores{Cosine: 0.1}, Unrelated},
	}
	for _, tc := range tests {
		if got := th.Classify(tc.s); got != tc.want {
			t.Errorf("%s: Classify = %s, want %s", tc.name, got, tc.want)
		}
	}
}

type goldenPassage struct {
	A, B string
	Kind string
}

func TestAlignGolden(t *testing.T) {
	cases := []struct{ name, a, b string }{
		{"wire-edited", "wire.txt", "edited.txt"},
		{"wire-markdown", "wire.txt", "markdown.md"},
		{"wire-independent", "wire.txt", "independent.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := Analyze(readStory(t, tc.a)), Analyze(readStory(t, tc.b))
			var got []goldenPassage
			for _, p := range Align(a, b) {
				got = append(got, goldenPassage{a.Text[p.AStart:p.AEnd], b.Text[p.BStart:p.BEnd], p.Kind})
			}
			data, _ := json.MarshalIndent(got, "", "  ")
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if strings.TrimSpace(string(want)) != string(data) {
				t.Errorf("alignment differs from %s:\n got %s", path, data)
			}
		})
	}
}

func TestAlignKinds(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       string
	}{
		{"verbatim", "The minister said the new bridge would open to traffic in March next year.", "Officials added: the minister said the new bridge would open to traffic in March next year.", Exact},
		{"underway", "Work on the new bridge is under way and it will open to traffic in March next year.", "Work on the new bridge is underway and it will open to traffic in March next year.", Edited},
		{"inflection", "Officials reported that the new bridge across the Calder river will open to traffic in March next year.", "Officials reported that the new bridges across the Calder river will open to traffic in March next year.", Edited},
		{"reworded verb", "Officials said the new bridge across the Calder river will open to traffic in March next year, a spokesman added.", "Officials say the new bridge across the Calder river could open to traffic in March next year, a spokesman added.", Edited},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Align(Analyze(tc.a), Analyze(tc.b))
			if len(ps) != 1 {
				t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
			}
			if ps[0].Kind != tc.want {
				t.Errorf("kind = %s, want %s", ps[0].Kind, tc.want)
			}
		})
	}
}

func TestIDFHandfulOfDocuments(t *testing.T) {
	// With five articles of one story, shared story words must keep most of
	// their weight: the republished copy must look far more similar than the
	// independent report, and both clearly above the unrelated one.
	texts := make([]string, len(storyFiles))
	for i, n := range storyFiles {
		texts[i] = readStory(t, n)
	}
	set := NewSet(texts)
	dup, _ := set.Scores(0, 1)
	ind, _ := set.Scores(0, 4)
	unr, _ := set.Scores(0, 5)
	if !(dup.Cosine > 0.85 && ind.Cosine > 0.25 && ind.Cosine < dup.Cosine-0.3 && unr.Cosine < 0.15) {
		t.Errorf("cosines dup %.2f, independent %.2f, unrelated %.2f: want >0.85, 0.25..dup-0.3, <0.15", dup.Cosine, ind.Cosine, unr.Cosine)
	}
}

func TestUnique(t *testing.T) {
	texts := []string{readStory(t, "wire.txt"), readStory(t, "edited.txt"), readStory(t, "independent.txt")}
	set := NewSet(texts)
	var pairs []PairResult
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			pairs = append(pairs, set.Pair(i, j))
		}
	}
	d := set.Docs[1]
	var got []string
	for _, k := range set.Unique(1, pairs) {
		got = append(got, d.Text[d.Sentences[k].Start:d.Sentences[k].End])
	}
	joined := strings.Join(got, "\n")
	if !strings.Contains(joined, "Local businesses fear") || !strings.Contains(joined, "Tomas Reilly") {
		t.Errorf("unique sentences of the edited copy miss its added paragraph:\n%s", joined)
	}
	if strings.Contains(joined, "forward hold") {
		t.Errorf("a shared sentence was reported unique:\n%s", joined)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add("The minister said the bridge would open in March.", "The minister said the bridge will open in March, officials said.")
	f.Add("", "x")
	f.Add("a b c a b c a b c a b c", "a b c a b c")
	f.Add("Лондон и Париж и Берлин", "\xff\xfe Лондон и Париж")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, b := Analyze(x), Analyze(y)
		ps := Align(a, b)
		for _, p := range ps {
			if p.AStart < 0 || p.AEnd > len(x) || p.AStart >= p.AEnd || p.BStart < 0 || p.BEnd > len(y) || p.BStart >= p.BEnd {
				t.Fatalf("bad passage %+v", p)
			}
			if utf8.ValidString(x) && !utf8.ValidString(x[p.AStart:p.AEnd]) {
				t.Fatalf("passage splits a rune")
			}
		}
		set := NewSetDocs([]*Doc{a, b})
		r := set.Pair(0, 1)
		for _, m := range r.BestAB {
			if m.Score < 0 || m.Score > 1 || m.A >= len(a.Sentences) || m.B >= len(b.Sentences) {
				t.Fatalf("bad sentence match %+v", m)
			}
		}
		if sc := r.Scores.Score(); sc < 0 || sc > 1 {
			t.Fatalf("score %v out of range", sc)
		}
	})
}

func ExampleAlign() {
	a := Analyze("Police said the bridge was closed on Monday after a lorry hit one of its supports.")
	b := Analyze("The bridge was closed on Monday after a lorry hit one of its supports, police said.")
	for _, p := range Align(a, b) {
		fmt.Printf("%q ~ %q (%s)\n", a.Text[p.AStart:p.AEnd], b.Text[p.BStart:p.BEnd], p.Kind)
	}
	// Output:
	// "the bridge was closed on Monday after a lorry hit one of its supports" ~ "The bridge was closed on Monday after a lorry hit one of its supports" (exact)
}
