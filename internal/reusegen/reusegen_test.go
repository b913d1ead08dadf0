package reusegen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/internal/similarity"
	"gloss/internal/token"
)

// sources splits the committed story texts (written for these tests) into
// sentence lists.
func sources(t testing.TB) [][]string {
	t.Helper()
	var out [][]string
	for _, n := range []string{"wire.txt", "independent.txt", "unrelated.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "similarity", "testdata", "story", n))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		var sents []string
		for _, sp := range token.Sentences(text) {
			sents = append(sents, strings.Join(strings.Fields(text[sp.Start:sp.End]), " "))
		}
		out = append(out, sents)
	}
	return out
}

func TestFamilyDeterministic(t *testing.T) {
	src := sources(t)
	a := Family(src[0], 0, Config{Seed: 7, Fillers: src[2]})
	b := Family(src[0], 0, Config{Seed: 7, Fillers: src[2]})
	for i := range a {
		if a[i].Text != b[i].Text {
			t.Fatalf("doc %d differs between runs with one seed", i)
		}
	}
	c := Family(src[0], 0, Config{Seed: 8, Fillers: src[2]})
	same := true
	for i := range a {
		same = same && a[i].Text == c[i].Text
	}
	if same {
		t.Errorf("seeds 7 and 8 gave identical families")
	}
}

func TestFamilyTruth(t *testing.T) {
	src := sources(t)
	for seed := uint64(1); seed <= 20; seed++ {
		docs := Family(src[0], 0, Config{Seed: seed, Fillers: src[2]})
		for _, d := range docs {
			for _, s := range d.Sents {
				if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
					t.Fatalf("seed %d %s: bad sentence span %+v", seed, d.ID, s)
				}
				if s.Mode == Copy && d.Text[s.Start:s.End] != src[0][s.Origin] {
					t.Fatalf("seed %d %s: copied sentence differs from its source", seed, d.ID)
				}
				if s.Mode == Quote && d.Text[s.FragStart:s.FragStart+len(s.Frag)] != s.Frag {
					t.Fatalf("seed %d %s: quote fragment misplaced", seed, d.ID)
				}
			}
		}
		tests := []struct {
			a, b int
			want string
		}{
			{0, 1, "near-duplicate"}, {0, 2, "same-source-edited"}, {1, 2, "same-source-edited"},
			{0, 3, "same-story"}, {2, 3, "same-story"},
		}
		for _, tc := range tests {
			if got := Relation(docs[tc.a], docs[tc.b]); got != tc.want {
				t.Errorf("Relation(%s, %s) = %s, want %s", docs[tc.a].ID, docs[tc.b].ID, got, tc.want)
			}
		}
		for _, p := range Passages(docs[0], docs[2]) {
			if p.AStart >= p.AEnd || p.BStart >= p.BEnd || p.AEnd > len(docs[0].Text) || p.BEnd > len(docs[2].Text) {
				t.Fatalf("bad true passage %+v", p)
			}
		}
	}
	other := Family(src[1], 1, Config{Seed: 1})
	if got := Relation(other[0], Family(src[0], 0, Config{Seed: 1})[0]); got != "unrelated" {
		t.Errorf("different families: %s, want unrelated", got)
	}
}

// The reworded report must not keep long runs of its source outside the
// quote: that is what makes it an independent-looking report.
func TestStoryHasNoLongRuns(t *testing.T) {
	src := sources(t)
	for seed := uint64(1); seed <= 20; seed++ {
		docs := Family(src[0], 0, Config{Seed: seed, Fillers: src[2]})
		orig, story := similarity.Analyze(docs[0].Text), similarity.Analyze(docs[3].Text)
		for _, p := range similarity.Align(orig, story) {
			if p.Run > 8 {
				t.Errorf("seed %d: run of %d content words survived paraphrase: %q", seed, p.Run, docs[3].Text[p.BStart:p.BEnd])
			}
		}
	}
}
