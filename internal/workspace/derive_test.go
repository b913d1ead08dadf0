package workspace

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gloss/internal/annot"
)

var htmlTests = []struct {
	name, in    string
	title, text string
}{
	{"paragraphs", "<p>One  two</p><p>Three</p>", "", "One two\n\nThree"},
	{"title and h1", "<html><head><title> Page </title></head><body><h1>Head</h1><p>Body</p></body></html>", "Page", "Head\n\nBody"},
	{"h1 when no title", "<h1>Storm <em>hits</em></h1><p>x</p>", "Storm hits", "Storm hits\n\nx"},
	{"script and style dropped", `<p>a</p><script>alert("x")</script><style>p{}</style><p>b</p>`, "", "a\n\nb"},
	{"hostile stays text", `<p>&lt;img src=x onerror=alert(1)&gt;</p>`, "", "<img src=x onerror=alert(1)>"},
	{"entities decoded", "<p>Fish &amp; chips &mdash; &#8364;5</p>", "", "Fish & chips — €5"},
	{"inline spacing", "<p>a<b>b</b> <i>c</i>\n d</p>", "", "ab c d"},
	{"br", "a<br>b<br/>c", "", "a\nb\nc"},
	{"list", "<ul><li>one</li><li>two</li></ul>", "", "one\ntwo"},
	{"unclosed head", "<head><meta charset=utf-8><p>text", "", "text"},
	{"noscript and template", "<noscript>no</noscript><template><p>t</p></template>ok", "", "ok"},
	{"table cells", "<table><tr><td>a</td><td>b</td></tr></table>", "", "a b"},
	{"empty", "", "", ""},
	{"multi-byte", "<p>Zürich 東京</p>", "", "Zürich 東京"},
}

func TestHTMLToText(t *testing.T) {
	for _, tt := range htmlTests {
		t.Run(tt.name, func(t *testing.T) {
			title, text, err := HTMLToText(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if title != tt.title || text != tt.text {
				t.Errorf("HTMLToText(%q) = %q, %q; want %q, %q", tt.in, title, text, tt.title, tt.text)
			}
		})
	}
}

func FuzzHTMLToText(f *testing.F) {
	for _, tt := range htmlTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		title, text, err := HTMLToText(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(text) || !utf8.ValidString(title) {
			t.Fatalf("invalid UTF-8 from %q", in)
		}
		if text != strings.TrimSpace(text) || strings.Contains(text, "\n\n\n") {
			t.Fatalf("untidy text %q from %q", text, in)
		}
		if strings.Contains(in, "<script>SECRET") && !strings.Contains(in, "</script>") && strings.Contains(text, "SECRET") {
			t.Fatalf("script text leaked: %q", text)
		}
	})
}

func TestEntitiesMerge(t *testing.T) {
	texts := []string{
		"President Vladimir Putin met Olaf Scholz. Putin left for Moscow.",
		"Mr Putin spoke. Scholz listened. Moscow was quiet.",
		"Nobody from the Kremlin came. Anna Putin, no relation, wrote. Putin's aide agreed.",
	}
	var w Workspace
	labels := map[string]string{"Vladimir Putin": "PER", "Olaf Scholz": "PER", "Putin": "PER", "Moscow": "LOC",
		"Mr Putin": "PER", "Scholz": "PER", "Kremlin": "ORG", "Anna Putin": "PER", "Putin's": "PER"}
	for _, text := range texts {
		a := w.Add("", text)
		var ms []Mention
		for _, phrase := range []string{"Vladimir Putin", "Olaf Scholz", "Mr Putin", "Anna Putin", "Putin's", "Putin", "Scholz", "Moscow", "Kremlin"} {
			for _, off := range Occurrences(text, phrase) {
				overl := false
				for _, m := range ms {
					if m.Start < off+len(phrase) && off < m.End {
						overl = true
					}
				}
				if !overl {
					ms = append(ms, Mention{Start: off, End: off + len(phrase), Label: labels[phrase]})
				}
			}
		}
		slices.SortFunc(ms, func(x, y Mention) int { return x.Start - y.Start })
		w.SetAuto(a.Hash, ms)
	}
	idx := w.Entities()
	type row struct {
		name   string
		counts []int
	}
	var got []row
	for _, e := range idx {
		got = append(got, row{e.Label + " " + e.Name, e.Counts})
	}
	want := []row{
		{"PER Vladimir Putin", []int{2, 1, 1}},
		{"LOC Moscow", []int{1, 1, 0}},
		{"PER Olaf Scholz", []int{1, 1, 0}},
		{"ORG Kremlin", []int{0, 0, 1}},
		{"PER Anna Putin", []int{0, 0, 1}},
	}
	if len(got) != len(want) {
		t.Fatalf("Entities = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].name != want[i].name || !slices.Equal(got[i].counts, want[i].counts) {
			t.Errorf("entity %d = %v, want %v", i, got[i], want[i])
		}
	}
	if e := idx[0]; len(e.Refs) != 4 || !slices.Equal(e.Forms, []string{"Putin", "Vladimir Putin"}) {
		t.Errorf("Putin refs %v forms %q, want 4 refs, forms Putin and Vladimir Putin", e.Refs, e.Forms)
	}
	if k, ok := EntityAt(idx, 1, 3); !ok || k != idx[0].Key {
		t.Errorf("EntityAt(article 1, 3) = %q %v, want %q", k, ok, idx[0].Key)
	}
}

func TestFindQuotes(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		per        []string // person mentions to highlight
		want       [][2]string
	}{
		{"name then verb", `"We will not back down," Putin said on Monday.`, []string{"Putin"}, [][2]string{{"We will not back down,", "Putin"}}},
		{"verb then name", `“Prices must fall soon,” said Olaf Scholz.`, []string{"Olaf Scholz"}, [][2]string{{"Prices must fall soon,", "Olaf Scholz"}}},
		{"speaker before", `Anna Berg told reporters: "The river is rising fast."`, nil, [][2]string{{"The river is rising fast.", "Anna Berg"}}},
		{"pronoun", `Ann Lee arrived. "It was a long night," she said.`, []string{"Ann Lee"}, [][2]string{{"It was a long night,", "Ann Lee"}}},
		{"no speaker", `The sign read "closed until further notice" all week.`, nil, [][2]string{{"closed until further notice", ""}}},
		{"scare quotes skipped", `A so-called "hero" arrived.`, nil, nil},
		{"unclosed at paragraph", "\"It began here.\n\nAnd went on.", nil, nil},
		{"empty", "", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var spans []Span
			for _, p := range tt.per {
				for _, off := range Occurrences(tt.text, p) {
					spans = append(spans, Span{Start: off, End: off + len(p), Label: "PER"})
				}
			}
			var got [][2]string
			for _, q := range FindQuotes(tt.text, spans) {
				got = append(got, [2]string{q.Text, q.Speaker})
				if tt.text[q.Start:q.End] != q.Text {
					t.Errorf("quote span %q != text %q", tt.text[q.Start:q.End], q.Text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindQuotes = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestQuotesAcrossArticles(t *testing.T) {
	var w Workspace
	w.Add("", `"We will rebuild the bridge by spring," Mayor Ito said.`)
	w.Add("", `Officials met. "We will rebuild the bridge by the spring," said Ito.`)
	w.Add("", `"Nothing has been decided yet," a spokesman said.`)
	qs := w.Quotes()
	if len(qs[0]) != 1 || !slices.Equal(qs[0][0].Also, []int{1}) {
		t.Errorf("article 0 quotes %+v, want one linked to article 1", qs[0])
	}
	if len(qs[2]) != 1 || len(qs[2][0].Also) != 0 {
		t.Errorf("article 2 quotes %+v, want one unlinked", qs[2])
	}
	if SameQuote("We will", "We will") {
		t.Error("two-word quotes matched")
	}
}

func TestSetRoundTrip(t *testing.T) {
	w, a := newAnalysed(t, "Zürich: "+putin, mention("Zürich: "+putin, "Vladimir Putin", 0, "PER"), mention("Zürich: "+putin, "Berlin", 0, "ORG"))
	s := strings.Index(a.Text, "Berlin")
	if err := w.Relabel(a.ID, s, s+6, "LOC"); err != nil {
		t.Fatal(err)
	}
	z := strings.Index(a.Text, "Zürich")
	if _, err := w.Annotate(a.ID, z, z+len("Zürich"), "LOC", "dateline"); err != nil {
		t.Fatal(err)
	}
	set, err := w.ToSet()
	if err != nil {
		t.Fatal(err)
	}
	// Code points, not bytes: "Zürich: " is 8 code points and 9 bytes.
	if got := set.Articles[0].Entities[0]; got.Start != 8+len("President ") || got.Text != "Vladimir Putin" {
		t.Errorf("first entity %+v, want code-point start %d", got, 8+len("President "))
	}
	data, err := annot.Encode(set)
	if err != nil {
		t.Fatal(err)
	}
	back, err := annot.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	w2, err := FromSet(back)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := view(w2, w2.Articles[0].ID), view(w, a.ID); !slices.Equal(got, want) {
		t.Errorf("spans after round trip = %v, want %v", got, want)
	}
	// New ids must not collide with restored ones.
	b := w2.Add("", "more")
	if b.ID == a.ID {
		t.Errorf("new article id %q collides", b.ID)
	}

	// The local draft also keeps orphans.
	if err := w.SetText(a.ID, "Nothing left of it."); err != nil {
		t.Fatal(err)
	}
	d, err := w.MarshalDraft()
	if err != nil {
		t.Fatal(err)
	}
	w3, err := UnmarshalDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := w3.Articles[0].Orphans; len(got) != 2 {
		t.Errorf("restored orphans = %+v, want 2", got)
	}
	for _, bad := range [][]byte{nil, []byte(`{}`), []byte(`{"version":1,"set":{}}`), bytes.Replace(d, []byte(`"version":1`), []byte(`"version":9`), 1)} {
		if _, err := UnmarshalDraft(bad); err == nil {
			t.Errorf("UnmarshalDraft(%.40q) = nil error", bad)
		}
	}
}

func TestSegmentsAndChunks(t *testing.T) {
	text := "ab cd ef"
	segs := Segments(text, []Span{{Start: 3, End: 5, Label: "PER"}, {Start: 4, End: 6, Label: "X"}, {Start: 6, End: 8, Label: "LOC"}})
	var got []string
	for _, s := range segs {
		label := ""
		if s.Span != nil {
			label = s.Span.Label
		}
		got = append(got, text[s.Start:s.End]+"/"+label)
	}
	if want := []string{"ab /", "cd/PER", " /", "ef/LOC"}; !slices.Equal(got, want) {
		t.Errorf("Segments = %q, want %q", got, want)
	}

	long := strings.Repeat("Word ü, word. ", 2000) + "\n\n" + strings.Repeat("x", ChunkBytes+10)
	checkChunks(t, long)
}

func checkChunks(t *testing.T, text string) {
	t.Helper()
	at := 0
	for _, c := range Chunks(text) {
		if c.Start != at || c.End <= c.Start || c.End-c.Start > ChunkBytes {
			t.Fatalf("chunk %+v after %d: not contiguous or too long", c, at)
		}
		if c.End < len(text) && !utf8.RuneStart(text[c.End]) {
			t.Fatalf("chunk %+v splits a character", c)
		}
		at = c.End
	}
	if at != len(text) {
		t.Fatalf("chunks end at %d of %d", at, len(text))
	}
}

func FuzzChunks(f *testing.F) {
	f.Add("a b c")
	f.Add(strings.Repeat("é", ChunkBytes))
	f.Fuzz(func(t *testing.T, s string) {
		checkChunks(t, strings.Repeat(s, 1+ChunkBytes/(len(s)+1)))
	})
}

func TestDraftSnapshot(t *testing.T) {
	var w Workspace
	empty, err := w.MarshalDraft()
	if err != nil {
		t.Fatal(err)
	}
	if back, err := UnmarshalDraft(empty); err != nil || len(back.Articles) != 0 {
		t.Fatalf("empty draft: %v, %v", back, err)
	}
	a := w.Add("", "Ana Lee spoke.")
	w.SetAuto(a.Hash, []Mention{{Start: 0, End: 7, Label: "PER"}})
	d := w.NewDraft()
	// Changes after the snapshot are not in it.
	w.Add("", "Later article.")
	if err := w.Rename(a.ID, "Renamed"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bytes(); err == nil {
		t.Error("Bytes before encoding every article: no error")
	}
	for done := false; !done; {
		if done, err = d.Next(); err != nil {
			t.Fatal(err)
		}
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalDraft(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Articles) != 1 || back.Articles[0].Title != "Ana Lee spoke." || len(back.Spans(back.Articles[0].ID)) != 1 {
		t.Errorf("draft = %+v, want the one article as it was, with its highlight", back.Articles)
	}
}

// TestDerivedViewsFollowChanges: the per-article caches behind Entities and
// Quotes must not serve an article's old state.
func TestDerivedViewsFollowChanges(t *testing.T) {
	var w Workspace
	text := `"We will open the bridge in May," Ana Lee said.`
	a := w.Add("", text)
	if got := len(w.Entities()); got != 0 {
		t.Fatalf("entities before analysis = %d", got)
	}
	if q := w.Quotes()[0]; len(q) != 1 || q[0].Speaker != "Ana Lee" {
		t.Fatalf("quotes before analysis = %+v", q)
	}
	s := strings.Index(text, "Ana Lee")
	w.SetAuto(a.Hash, []Mention{{Start: s, End: s + len("Ana Lee"), Label: "ORG"}})
	if e := w.Entities(); len(e) != 1 || e[0].Label != "ORG" {
		t.Fatalf("entities after analysis = %+v", e)
	}
	if err := w.Relabel(a.ID, s, s+len("Ana Lee"), "PER"); err != nil {
		t.Fatal(err)
	}
	if e := w.Entities(); len(e) != 1 || e[0].Label != "PER" {
		t.Errorf("entities after relabel = %+v, want PER", e)
	}
	if err := w.SetText(a.ID, `"We will close the bridge in June," Ana Lee said.`); err != nil {
		t.Fatal(err)
	}
	if q := w.Quotes()[0]; len(q) != 1 || !strings.Contains(q[0].Text, "close") {
		t.Errorf("quotes after edit = %+v, want the new quote", q)
	}
	w.Undo()
	if q := w.Quotes()[0]; len(q) != 1 || !strings.Contains(q[0].Text, "open") {
		t.Errorf("quotes after undo = %+v, want the old quote", q)
	}
}

func TestPrepare(t *testing.T) {
	w := benchWorkspace(6)
	want, wantQ := w.Entities(), w.Quotes()
	w.quoteCache, w.formCache = nil, nil
	for i := range w.Articles {
		if w.Prepared(i) {
			t.Fatalf("article %d prepared before Prepare", i)
		}
		w.Prepare(i)
		if !w.Prepared(i) {
			t.Fatalf("article %d not prepared after Prepare", i)
		}
	}
	if got, gotQ := w.Entities(), w.Quotes(); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotQ, wantQ) {
		t.Errorf("panels after Prepare differ from panels derived cold")
	}
	a := w.Articles[2]
	if err := w.Relabel(a.ID, 0, len("Story"), "MISC"); err != nil {
		t.Fatal(err)
	}
	if w.Prepared(2) {
		t.Error("article prepared after its correction changed it")
	}
	if !w.Prepared(len(w.Articles)) {
		t.Error("an index past the end is not waiting for anything")
	}
}
