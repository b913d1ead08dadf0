package interchange

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/compare"
	"gloss/internal/docio"
)

// span finds the i-th (0-based) occurrence of sub in text and returns its
// code-point offsets, so test data states the text, not the numbers.
func span(t *testing.T, text, sub string, i int) (int, int) {
	t.Helper()
	off := 0
	for k := 0; ; k++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", text, i, sub)
		}
		if k == i {
			s := len([]rune(text[:off+j]))
			return s, s + len([]rune(sub))
		}
		off += j + len(sub)
	}
}

type spec struct {
	sub   string
	nth   int
	label string
	note  string
}

func article(t *testing.T, id, text string, auto, manual []spec) annot.Article {
	a := annot.Article{ID: id, Title: "Title of " + id, Text: text, Hash: annot.ContentHash(text)}
	for _, e := range auto {
		s, en := span(t, text, e.sub, e.nth)
		a.Entities = append(a.Entities, annot.Entity{Start: s, End: en, Kind: e.label, Text: e.sub})
	}
	for k, e := range manual {
		s, en := span(t, text, e.sub, e.nth)
		a.Annotations = append(a.Annotations, annot.Annotation{ID: fmt.Sprintf("n%d", k), Start: s, End: en, Label: e.label, Note: e.note, Text: e.sub})
	}
	return a
}

// testSet holds the texts other annotators get wrong: combining and
// precomposed accents, emoji (flags, ZWJ sequences), CJK and right-to-left.
func testSet(t *testing.T) *annot.Set {
	set := &annot.Set{
		Format: annot.Format, Version: annot.Version,
		Labels: []annot.Label{{ID: "claim", Name: "Claim"}, {ID: "ORG", Name: "Organisation"}},
		Articles: []annot.Article{
			article(t, "accents", "Zoë Müller 👩‍🔬 met Ángela Merkel in Zürich on Monday. Zoë said: \"=SUM(A1)\" was wrong.",
				[]spec{{"Zoë Müller", 0, "PER", ""}, {"Ángela Merkel", 0, "PER", ""}, {"Zürich", 0, "LOC", ""}, {"Monday", 0, "DATE", ""}, {"Zoë", 1, "PER", ""}},
				[]spec{{"=SUM(A1)", 0, "claim", "check the figure"}}),
			article(t, "cjk", "東京で安倍晋三首相が会見した。トヨタは2%増益。",
				[]spec{{"東京", 0, "LOC", ""}, {"安倍晋三", 0, "PER", ""}, {"2%", 0, "PERCENT", ""}},
				[]spec{{"トヨタ", 0, "ORG", ""}}),
			article(t, "rtl", "التقى محمد بن سلمان في الرياض يوم الأحد. 🇸🇦",
				[]spec{{"محمد بن سلمان", 0, "PER", ""}, {"الرياض", 0, "LOC", ""}},
				nil),
			article(t, "flags", "🇺🇳 UN Secretary-General António Guterres said €5bn is needed.\nGuterres left.",
				[]spec{{"UN", 0, "ORG", ""}, {"António Guterres", 0, "PER", ""}, {"€5bn", 0, "MONEY", ""}, {"Guterres", 1, "PER", ""}},
				[]spec{{"António Guterres", 0, "ORG", "wrongly PER? no: test a relabel"}}),
		},
	}
	if err := annot.Validate(set); err != nil {
		t.Fatalf("test set invalid: %v", err)
	}
	return set
}

// stripped is the set with its mentions removed, the state an import starts from.
func stripped(set *annot.Set) *annot.Set {
	c := *set
	c.Labels = nil
	c.Articles = make([]annot.Article, len(set.Articles))
	for i, a := range set.Articles {
		a.Entities, a.Annotations = nil, nil
		c.Articles[i] = a
	}
	return &c
}

func TestMentionsManualOverridesAuto(t *testing.T) {
	set := testSet(t)
	ms := Mentions(&set.Articles[3])
	var got []string
	for _, m := range ms {
		got = append(got, m.Label+":"+m.Text+":"+m.Source)
	}
	want := []string{"ORG:UN:auto", "ORG:António Guterres:manual", "MONEY:€5bn:auto", "PER:Guterres:auto"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Mentions = %q, want %q", got, want)
	}
}

func TestWebAnnotationRoundTrip(t *testing.T) {
	set := testSet(t)
	data, err := WebAnnotation(set)
	if err != nil {
		t.Fatal(err)
	}
	checkWebAnnotationModel(t, data, set)

	back := stripped(set)
	res, err := ImportWebAnnotation(data, back)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Orphans) != 0 || res.Moved != 0 {
		t.Errorf("import: %+v, want every annotation in place", res)
	}
	if err := annot.Validate(back); err != nil {
		t.Fatalf("imported set invalid: %v", err)
	}
	for i := range set.Articles {
		if got, want := Mentions(&back.Articles[i]), Mentions(&set.Articles[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("article %s: after round trip\n got %+v\nwant %+v", set.Articles[i].ID, got, want)
		}
	}
	// A second import of the same file adds nothing.
	res, err = ImportWebAnnotation(data, back)
	if err != nil {
		t.Fatal(err)
	}
	if res.Entities != 0 || res.Annotations != 0 {
		t.Errorf("second import added %d entities and %d annotations", res.Entities, res.Annotations)
	}
}

func TestWebAnnotationReanchors(t *testing.T) {
	set := testSet(t)
	data, err := WebAnnotation(set)
	if err != nil {
		t.Fatal(err)
	}
	edited := stripped(set)
	// An edit before the mentions shifts every offset; a deletion removes one quote.
	a := &edited.Articles[0]
	a.Text = "UPDATED 🌍: " + strings.Replace(a.Text, "Zürich", "Zurich", 1)
	a.Hash = annot.ContentHash(a.Text)
	res, err := ImportWebAnnotation(data, edited)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Orphans) != 1 || res.Orphans[0].Exact != "Zürich" {
		t.Errorf("orphans = %+v, want only Zürich", res.Orphans)
	}
	if res.Moved != 5 {
		t.Errorf("moved = %d, want 5 (every surviving mention of the edited article)", res.Moved)
	}
	runes := []rune(a.Text)
	for _, m := range Mentions(a) {
		if string(runes[m.Start:m.End]) != m.Text || m.Text == "" {
			t.Errorf("re-anchored %q at [%d,%d) covers %q", m.Text, m.Start, m.End, string(runes[m.Start:m.End]))
		}
	}
	if err := annot.Validate(edited); err != nil {
		t.Errorf("set invalid after re-anchoring: %v", err)
	}
}

func TestImportWebAnnotationShapes(t *testing.T) {
	text := "Ada met Charles in London."
	base := func() *annot.Set {
		return &annot.Set{Format: annot.Format, Version: annot.Version,
			Articles: []annot.Article{{ID: "x", Text: text, Hash: annot.ContentHash(text), SourceURL: "https://example.org/n/1"}}}
	}
	for _, tt := range []struct {
		name, doc   string
		wantAnns    int
		wantOrphans int
		wantErr     string
	}{
		{"bare annotation, string body and single selector", `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://e/1","type":"Annotation","body":"place","target":{"source":"https://example.org/n/1","selector":{"type":"TextQuoteSelector","exact":"London"}}}`, 1, 0, ""},
		{"array of annotations, unknown source", `[{"id":"a","type":"Annotation","body":{"value":"p","purpose":"tagging"},"target":{"source":"https://other/","selector":{"type":"TextQuoteSelector","exact":"Ada"}}}]`, 0, 1, ""},
		{"page", `{"type":"AnnotationPage","items":[{"id":"a","type":"Annotation","body":[{"value":"p"}],"target":{"source":"https://example.org/n/1","selector":[{"type":"TextPositionSelector","start":0,"end":3}]}}]}`, 1, 0, ""},
		{"target as bare IRI cannot anchor", `{"id":"a","type":"Annotation","body":"p","target":"https://example.org/n/1"}`, 0, 1, ""},
		{"paged collection by IRI", `{"type":"AnnotationCollection","first":"https://e/page1"}`, 0, 0, "first page"},
		{"negative position", `[{"id":"a","type":"Annotation","body":"p","target":{"source":"x","selector":{"type":"TextPositionSelector","start":-4,"end":2}}}]`, 0, 0, "bad position"},
		{"not an annotation", `{"type":"Person"}`, 0, 0, "not an annotation"},
		{"broken JSON", `{"type":`, 0, 0, "web annotation"},
		{"empty", ``, 0, 0, "empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := base()
			res, err := ImportWebAnnotation([]byte(tt.doc), set)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Annotations != tt.wantAnns || len(res.Orphans) != tt.wantOrphans {
				t.Errorf("imported %d, orphans %+v; want %d and %d", res.Annotations, res.Orphans, tt.wantAnns, tt.wantOrphans)
			}
			if err := annot.Validate(set); err != nil {
				t.Errorf("set invalid after import: %v", err)
			}
		})
	}
}

// checkWebAnnotationModel checks the MUSTs of the W3C Web Annotation Data
// Model that apply to what we write.
func checkWebAnnotationModel(t *testing.T, data []byte, set *annot.Set) {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if c["@context"] != "http://www.w3.org/ns/anno.jsonld" {
		t.Errorf("collection @context = %v", c["@context"])
	}
	if c["type"] != "AnnotationCollection" || c["id"] == nil || c["id"] == "" {
		t.Errorf("collection needs type AnnotationCollection and an id: %v %v", c["type"], c["id"])
	}
	page, _ := c["first"].(map[string]any)
	if page == nil || page["type"] != "AnnotationPage" || page["id"] == nil {
		t.Fatalf("first page missing or without type/id: %v", c["first"])
	}
	items, _ := page["items"].([]any)
	if total, _ := c["total"].(float64); int(total) != len(items) {
		t.Errorf("total %v, items %d", c["total"], len(items))
	}
	texts := map[string][]rune{}
	for _, a := range set.Articles {
		texts[articleIRI(&a)] = []rune(a.Text)
	}
	ids := map[string]bool{}
	for i, it := range items {
		a := it.(map[string]any)
		id, _ := a["id"].(string)
		if id == "" || ids[id] {
			t.Errorf("item %d: id %q missing or repeated", i, id)
		}
		ids[id] = true
		if a["type"] != "Annotation" {
			t.Errorf("item %d: type %v", i, a["type"])
		}
		target, _ := a["target"].(map[string]any)
		src, _ := target["source"].(string)
		text, ok := texts[src]
		if !ok {
			t.Fatalf("item %d: source %q is no article", i, src)
		}
		var exact string
		start, end := -1, -1
		for _, s := range target["selector"].([]any) {
			sel := s.(map[string]any)
			switch sel["type"] {
			case "TextQuoteSelector":
				exact, _ = sel["exact"].(string)
			case "TextPositionSelector":
				start, end = int(sel["start"].(float64)), int(sel["end"].(float64))
			}
		}
		if exact == "" || start < 0 || end > len(text) || start >= end || string(text[start:end]) != exact {
			t.Errorf("item %d: position [%d,%d) and exact %q disagree", i, start, end, exact)
		}
		bodies, _ := a["body"].([]any)
		if len(bodies) == 0 {
			t.Errorf("item %d: no body", i)
		}
		for _, b := range bodies {
			if bm := b.(map[string]any); bm["type"] != "TextualBody" || bm["value"] == "" {
				t.Errorf("item %d: body %v", i, bm)
			}
		}
	}
}

func TestSpaCyRoundTrip(t *testing.T) {
	set := testSet(t)
	data, err := SpaCy(set)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadSpaCy(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(set.Articles) {
		t.Fatalf("%d docs, want %d", len(docs), len(set.Articles))
	}
	for i, d := range docs {
		a := &set.Articles[i]
		if d.Text != a.Text {
			t.Errorf("doc %d text changed", i)
		}
		want := flat(Mentions(a))
		if len(d.Entities) != len(want) {
			t.Fatalf("doc %d: %d entities, want %d", i, len(d.Entities), len(want))
		}
		for k, e := range d.Entities {
			if e.Start != want[k].Start || e.End != want[k].End || e.Kind != want[k].Label || e.Text != want[k].Text {
				t.Errorf("doc %d entity %d = %+v, want %+v", i, k, e, want[k])
			}
		}
	}
	for _, bad := range []string{`[["abc", {"entities": [[0, 9, "X"]]}]]`, `[["abc", {"entities": [[0, 1]]}]]`, `{"x":1}`} {
		if _, err := ReadSpaCy([]byte(bad)); err == nil {
			t.Errorf("ReadSpaCy(%s): no error", bad)
		}
	}
}

func TestCoNLLRoundTrip(t *testing.T) {
	set := testSet(t)
	data, err := CoNLL(set)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadCoNLL(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(set.Articles) {
		t.Fatalf("%d docs, want %d:\n%s", len(docs), len(set.Articles), data)
	}
	for i, d := range docs {
		want := flat(Mentions(&set.Articles[i]))
		var got, wantS []string
		for _, e := range d.Entities {
			got = append(got, e.Kind+":"+e.Text)
			if r := []rune(d.Text); string(r[e.Start:e.End]) != e.Text {
				t.Errorf("doc %d: entity offsets do not cover %q", i, e.Text)
			}
		}
		for _, m := range want {
			// Tokens are joined by single spaces on the way back.
			wantS = append(wantS, m.Label+":"+strings.Join(strings.Fields(tokensOf(m.Text)), " "))
		}
		if !reflect.DeepEqual(got, wantS) {
			t.Errorf("doc %d (%s): entities %q, want %q\n%s", i, set.Articles[i].ID, got, wantS, data)
		}
	}
	for _, bad := range []string{"tok\n", "tok\tX-PER\n", "tok\tB-\n"} {
		if _, err := ReadCoNLL([]byte(bad)); err == nil {
			t.Errorf("ReadCoNLL(%q): no error", bad)
		}
	}
}

// tokensOf spaces out the tokens of s the way CoNLL reading rebuilds it.
func tokensOf(s string) string {
	set := &annot.Set{Articles: []annot.Article{{Text: s}}}
	data, _ := CoNLL(set)
	docs, _ := ReadCoNLL(data)
	if len(docs) == 0 {
		return ""
	}
	return docs[0].Text
}

func TestMentionsCSVRoundTrip(t *testing.T) {
	set := testSet(t)
	data, err := MentionsCSV(set)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), ",=SUM") || strings.Contains(string(data), "\n=") {
		t.Errorf("a formula cell reached the CSV unescaped:\n%s", data)
	}
	rows, err := ReadMentionsCSV(data)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for i := range set.Articles {
		a := &set.Articles[i]
		for _, m := range Mentions(a) {
			r := rows[k]
			k++
			want := MentionRow{Article: a.ID, Title: a.Title, Label: m.Label, Text: m.Text, Start: m.Start, End: m.End, Source: m.Source, Note: m.Note}
			if r != want {
				t.Errorf("row %d = %+v, want %+v", k, r, want)
			}
		}
	}
	if k != len(rows) {
		t.Errorf("%d rows, want %d", len(rows), k)
	}
	if _, err := ReadMentionsCSV([]byte("a,b\n1,2\n")); err == nil {
		t.Error("wrong header accepted")
	}
}

func TestPassagesCSVAndReport(t *testing.T) {
	text := "The minister said on Monday that the rail plan would cost 2 billion euros and take ten years to build across the north."
	set := &annot.Set{Format: annot.Format, Version: annot.Version, Articles: []annot.Article{
		article(t, "a", text, []spec{{"Monday", 0, "DATE", ""}}, nil),
		article(t, "b", "BREAKING <script>alert(1)</script>: "+text+" Officials declined to comment.", nil, nil),
	}}
	docs := []docio.Doc{{ID: json.RawMessage(`"a"`), Text: set.Articles[0].Text}, {ID: json.RawMessage(`"b"`), Text: set.Articles[1].Text}}
	rep, err := compare.Run(docs)
	if err != nil {
		t.Fatal(err)
	}
	csvData, err := PassagesCSV(set, rep)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csvData), "would cost 2 billion euros") {
		t.Errorf("passages CSV lacks the shared passage:\n%s", csvData)
	}
	page, err := HTMLReport(set, rep)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if strings.Contains(s, "<script") {
		t.Error("report contains a script element")
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<mark", ">Monday<sub>DATE</sub></mark>", "How the articles relate", "Only in this article", "Officials declined to comment."} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
