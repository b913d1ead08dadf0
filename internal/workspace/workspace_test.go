package workspace

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"one", "Hello world.", []string{"Hello world."}},
		{"two", "First.\n---\nSecond.", []string{"First.", "Second."}},
		{"spaces around rule", "A\n  ---  \nB", []string{"A", "B"}},
		{"crlf", "A\r\n---\r\nB", []string{"A", "B"}},
		{"empty parts dropped", "---\n\nA\n---\n---\n", []string{"A"}},
		{"dashes inside a line stay", "A --- B", []string{"A --- B"}},
		{"longer rule is text", "A\n----\nB", []string{"A\n----\nB"}},
		{"empty", "", nil},
		{"white space only", " \n\t ", nil},
		{"multi-byte", "Zürich\n---\n東京", []string{"Zürich", "東京"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Split(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTitles(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, tt := range []struct {
		name, got, want string
	}{
		{"first line", TitleOf("Storm hits coast\nBody text."), "Storm hits coast"},
		{"skips blank lines", TitleOf("\n\n  Headline  \nBody"), "Headline"},
		{"markdown heading", TitleOf("## Budget talks stall\nText"), "Budget talks stall"},
		{"empty", TitleOf(""), "Untitled"},
		{"shortened", TitleOf(long), strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{"file name", TitleFromFile("/tmp/news/harbour_fire-report.html"), "harbour fire report"},
		{"windows path", TitleFromFile(`C:\x\a.b.txt`), "a.b"},
		{"dot file", TitleFromFile(".txt"), ".txt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestArticlesAndUndo(t *testing.T) {
	var w Workspace
	added := w.AddPaste("One\nfirst text\n---\nTwo\nsecond text\n---\nThree\nthird")
	if len(added) != 3 {
		t.Fatalf("AddPaste added %d articles, want 3", len(added))
	}
	titles := func() []string {
		var out []string
		for _, a := range w.Articles {
			out = append(out, a.Title)
		}
		return out
	}
	check := func(step string, want ...string) {
		t.Helper()
		if got := titles(); !slices.Equal(got, want) {
			t.Errorf("%s: titles = %q, want %q", step, got, want)
		}
	}
	check("added", "One", "Two", "Three")
	if err := w.Move(added[2].ID, -2); err != nil {
		t.Fatal(err)
	}
	check("moved", "Three", "One", "Two")
	if err := w.Rename(added[0].ID, "  Uno  "); err != nil {
		t.Fatal(err)
	}
	check("renamed", "Three", "Uno", "Two")
	if err := w.Remove(added[1].ID); err != nil {
		t.Fatal(err)
	}
	check("removed", "Three", "Uno")
	w.Undo()
	check("undo remove", "Three", "Uno", "Two")
	w.Undo()
	check("undo rename", "Three", "One", "Two")
	w.Redo()
	check("redo rename", "Three", "Uno", "Two")
	w.Undo()
	w.Undo()
	check("undo move", "One", "Two", "Three")
	w.Undo()
	check("undo paste")
	if w.Undo() {
		t.Error("Undo with empty history reported true")
	}
	w.Redo()
	check("redo paste", "One", "Two", "Three")
	w.Add("", "Four\ntext")
	if w.CanRedo() {
		t.Error("a new change left redo history")
	}
	if err := w.Remove("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Remove(nope) = %v, want ErrNotFound", err)
	}
}

const putin = "President Vladimir Putin met Olaf Scholz in Berlin. Putin spoke first."

// newAnalysed returns a workspace with one article and hand-made mentions.
func newAnalysed(t *testing.T, text string, ms ...Mention) (*Workspace, *Article) {
	t.Helper()
	w := &Workspace{}
	a := w.Add("", text)
	w.SetAuto(a.Hash, ms)
	return w, a
}

func mention(text, sub string, nth int, label string) Mention {
	offs := Occurrences(text, sub)
	s := offs[nth]
	return Mention{Start: s, End: s + len(sub), Label: label}
}

type spanView struct {
	text, label string
	manual      bool
}

func view(w *Workspace, id string) []spanView {
	a := w.Article(id)
	var out []spanView
	for _, s := range w.Spans(id) {
		out = append(out, spanView{a.Text[s.Start:s.End], s.Label, s.Manual})
	}
	return out
}

func TestCorrections(t *testing.T) {
	auto := []Mention{
		mention(putin, "Vladimir Putin", 0, "PER"),
		mention(putin, "Olaf Scholz", 0, "PER"),
		mention(putin, "Berlin", 0, "ORG"),
		mention(putin, "Putin", 1, "PER"),
	}
	span := func(sub string, nth int) (int, int) {
		m := mention(putin, sub, nth, "")
		return m.Start, m.End
	}
	for _, tt := range []struct {
		name string
		do   func(w *Workspace, id string) error
		want []spanView
	}{
		{"untouched", func(*Workspace, string) error { return nil }, []spanView{
			{"Vladimir Putin", "PER", false}, {"Olaf Scholz", "PER", false}, {"Berlin", "ORG", false}, {"Putin", "PER", false}}},
		{"relabel", func(w *Workspace, id string) error { s, e := span("Berlin", 0); return w.Relabel(id, s, e, "LOC") }, []spanView{
			{"Vladimir Putin", "PER", false}, {"Olaf Scholz", "PER", false}, {"Berlin", "LOC", true}, {"Putin", "PER", false}}},
		{"remove", func(w *Workspace, id string) error { s, e := span("Olaf Scholz", 0); return w.RemoveSpan(id, s, e) }, []spanView{
			{"Vladimir Putin", "PER", false}, {"Berlin", "ORG", false}, {"Putin", "PER", false}}},
		{"grow", func(w *Workspace, id string) error {
			s, e := span("Vladimir Putin", 0)
			ns, ne := span("President Vladimir Putin", 0)
			return w.Resize(id, s, e, ns, ne)
		}, []spanView{
			{"President Vladimir Putin", "PER", true}, {"Olaf Scholz", "PER", false}, {"Berlin", "ORG", false}, {"Putin", "PER", false}}},
		{"move elsewhere", func(w *Workspace, id string) error {
			s, e := span("Berlin", 0)
			ns, ne := span("spoke", 0)
			return w.Resize(id, s, e, ns, ne)
		}, []spanView{
			{"Vladimir Putin", "PER", false}, {"Olaf Scholz", "PER", false}, {"Putin", "PER", false}, {"spoke", "ORG", true}}},
		{"new with trimmed space", func(w *Workspace, id string) error {
			s, e := span("first", 0)
			_, err := w.Annotate(id, s-1, e, "MISC", "why")
			return err
		}, []spanView{
			{"Vladimir Putin", "PER", false}, {"Olaf Scholz", "PER", false}, {"Berlin", "ORG", false}, {"Putin", "PER", false}, {"first", "MISC", true}}},
		{"apply to every occurrence", func(w *Workspace, id string) error {
			n, err := w.ApplyAll("Putin", "ORG")
			if n != 2 {
				t.Errorf("ApplyAll changed %d places, want 2", n)
			}
			return err
		}, []spanView{
			{"Putin", "ORG", true}, {"Olaf Scholz", "PER", false}, {"Berlin", "ORG", false}, {"Putin", "ORG", true}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w, a := newAnalysed(t, putin, auto...)
			if err := tt.do(w, a.ID); err != nil {
				t.Fatal(err)
			}
			if got := view(w, a.ID); !slices.Equal(got, tt.want) {
				t.Errorf("spans = %v\nwant     %v", got, tt.want)
			}
			// Every correction is one undo step back to the engine's view.
			if tt.name != "untouched" {
				w.Undo()
				if got := view(w, a.ID); len(got) != 4 || got[0].manual || got[2].text != "Berlin" {
					t.Errorf("after undo spans = %v, want the engine's four", got)
				}
			}
		})
	}
}

func TestCorrectionErrors(t *testing.T) {
	w, a := newAnalysed(t, "Zürich Ü", Mention{Start: 0, End: 7, Label: "LOC"})
	for _, tt := range []struct {
		name       string
		start, end int
		label      string
	}{
		{"outside", 0, 100, "PER"},
		{"empty", 3, 3, "PER"},
		{"reversed", 5, 2, "PER"},
		{"splits a character", 2, 4, "PER"},
		{"white space only", 7, 8, "PER"},
		{"unknown label", 0, 7, "FOO"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := w.Annotate(a.ID, tt.start, tt.end, tt.label, ""); err == nil {
				t.Errorf("Annotate(%d,%d,%s) = nil error, want one", tt.start, tt.end, tt.label)
			}
		})
	}
	if w.CanUndo() != true || len(w.Article(a.ID).Manual) != 0 {
		t.Errorf("failed corrections changed the article: %+v", w.Article(a.ID).Manual)
	}
}

func TestSetTextReanchors(t *testing.T) {
	w, a := newAnalysed(t, putin)
	s := strings.Index(putin, "Scholz")
	if _, err := w.Annotate(a.ID, s, s+len("Scholz"), "PER", "chancellor"); err != nil {
		t.Fatal(err)
	}
	b := strings.Index(putin, "Berlin")
	if _, err := w.Annotate(a.ID, b, b+len("Berlin"), "LOC", ""); err != nil {
		t.Fatal(err)
	}
	edited := "Breaking: " + strings.Replace(putin, "in Berlin", "in the capital", 1)
	if err := w.SetText(a.ID, edited); err != nil {
		t.Fatal(err)
	}
	got := w.Article(a.ID)
	if len(got.Manual) != 1 || got.Text[got.Manual[0].Start:got.Manual[0].End] != "Scholz" || got.Manual[0].Note != "chancellor" {
		t.Errorf("manual after edit = %+v, want Scholz with its note", got.Manual)
	}
	if len(got.Orphans) != 1 || got.Orphans[0].Quote != "Berlin" {
		t.Errorf("orphans = %+v, want Berlin", got.Orphans)
	}
	if _, ok := w.Auto(got.Hash); ok {
		t.Error("edited text reported as analysed")
	}
	if p := w.Pending(); len(p) != 1 || p[0].ID != a.ID {
		t.Errorf("Pending = %v, want the edited article", p)
	}
	if err := w.DropOrphan(a.ID, got.Orphans[0].ID); err != nil || len(w.Article(a.ID).Orphans) != 0 {
		t.Errorf("DropOrphan: err %v, orphans %v", err, w.Article(a.ID).Orphans)
	}
}

func TestReanchor(t *testing.T) {
	old := "The cat sat. The dog ran. The cat ran."
	mk := func(sub string, nth int) Annotation {
		s := Occurrences(old, sub)[nth]
		a := Annotation{ID: "n1", Start: s, End: s + len(sub), Label: "MISC"}
		anchorIn(old, &a)
		return a
	}
	for _, tt := range []struct {
		name string
		ann  Annotation
		now  string
		want string // now[start:end] context: the text after the match, "" for lost
		lost bool
	}{
		{"unchanged", mk("cat", 1), old, " ran.", false},
		{"text inserted before", mk("cat", 1), "Update: " + old, " ran.", false},
		{"repeated quote picks by context", mk("cat", 0), "A bird flew. " + old, " sat.", false},
		{"second repeat keeps its place", mk("cat", 1), strings.Replace(old, "dog", "hound", 1), " ran.", false},
		{"context changed, nearest wins", mk("dog", 0), "The dog barked.", " barked.", false},
		{"quote gone", mk("dog", 0), "The cat sat.", "", true},
		{"empty text", mk("cat", 0), "", "", true},
		{"multi-byte around", mk("dog", 0), "Ü " + old + " 東京", " ran.", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kept, lost := Reanchor(old, tt.now, []Annotation{tt.ann})
			if tt.lost {
				if len(lost) != 1 || len(kept) != 0 {
					t.Fatalf("kept %v lost %v, want it lost", kept, lost)
				}
				if lost[0] != tt.ann {
					t.Errorf("lost annotation changed: %+v, want %+v", lost[0], tt.ann)
				}
				return
			}
			if len(kept) != 1 {
				t.Fatalf("kept %v lost %v, want it kept", kept, lost)
			}
			k := kept[0]
			if got := tt.now[k.Start:k.End]; got != tt.ann.Quote {
				t.Errorf("anchored on %q, want %q", got, tt.ann.Quote)
			}
			if got := tt.now[k.End:min(len(tt.now), k.End+len(tt.want))]; got != tt.want {
				t.Errorf("followed by %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzReanchor(f *testing.F) {
	f.Add("The cat sat. The dog ran.", "The dog ran. The cat sat.", 4, 7)
	f.Add("Zürich 東京 Zürich", "東京 Zürich", 0, 7)
	f.Add("", "x", 0, 0)
	f.Fuzz(func(t *testing.T, old, now string, s, e int) {
		if s < 0 || e > len(old) || s >= e {
			return
		}
		a := Annotation{ID: "n1", Start: s, End: e, Label: "PER"}
		anchorIn(old, &a)
		kept, lost := Reanchor(old, now, []Annotation{a})
		if len(kept)+len(lost) != 1 {
			t.Fatalf("kept %d + lost %d != 1", len(kept), len(lost))
		}
		if len(kept) == 1 {
			k := kept[0]
			if k.Start < 0 || k.End > len(now) || k.Start >= k.End || now[k.Start:k.End] != a.Quote {
				t.Fatalf("anchored at [%d,%d) in %q, quote %q", k.Start, k.End, now, a.Quote)
			}
		} else if strings.Contains(now, a.Quote) {
			t.Fatalf("quote %q is in %q but was lost", a.Quote, now)
		}
		if now == old {
			if len(kept) != 1 || kept[0].Start != s {
				t.Fatalf("unchanged text moved [%d,%d) to %v", s, e, kept)
			}
		}
	})
}

func TestOccurrences(t *testing.T) {
	for _, tt := range []struct {
		name, text, phrase string
		want               []int
	}{
		{"words only", "Putin, Putins, Putin.", "Putin", []int{0, 15}},
		{"case sensitive", "putin Putin", "Putin", []int{6}},
		{"multi-byte", "Zürich-Zürich Zürichs", "Zürich", []int{0, 8}},
		{"empty phrase", "abc", "", nil},
		{"overlap", "aa aa aa", "aa aa", []int{0, 3}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Occurrences(tt.text, tt.phrase); !slices.Equal(got, tt.want) {
				t.Errorf("Occurrences(%q, %q) = %v, want %v", tt.text, tt.phrase, got, tt.want)
			}
		})
	}
}

func TestWordSteps(t *testing.T) {
	const s = "Mr. Zürich-born Ana, 東京"
	for _, tt := range []struct {
		name      string
		got, want int
	}{
		{"before from word end", WordBefore(s, strings.Index(s, "born")+4), strings.Index(s, "born")},
		{"before skips punctuation", WordBefore(s, strings.Index(s, "Zürich")), 0},
		{"before at start", WordBefore(s, 0), 0},
		{"after from word start", WordAfter(s, strings.Index(s, "Ana")), strings.Index(s, "Ana") + 3},
		{"after skips punctuation", WordAfter(s, strings.Index(s, ",")), len(s)},
		{"after at end", WordAfter(s, len(s)), len(s)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %d, want %d", tt.got, tt.want)
			}
		})
	}
}
