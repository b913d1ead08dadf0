package compare

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"gloss/internal/docio"
	"gloss/internal/reusegen"
)

func storyDocs(t testing.TB) []docio.Doc {
	t.Helper()
	names := []string{"wire.txt", "republished.txt", "markdown.md", "edited.txt", "independent.txt", "unrelated.txt"}
	var docs []docio.Doc
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("..", "similarity", "testdata", "story", n))
		if err != nil {
			t.Fatal(err)
		}
		d, err := docio.FileDoc(n, b)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestRunStory(t *testing.T) {
	docs := storyDocs(t)
	rep, err := Run(docs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rep.Pairs), len(docs)*(len(docs)-1)/2; got != want {
		t.Fatalf("got %d pairs, want %d", got, want)
	}
	rel := map[string]string{}
	for _, p := range rep.Pairs {
		rel[idKey(p.A)+"|"+idKey(p.B)] = p.Relation
	}
	for _, tc := range []struct{ a, b, want string }{
		{"wire.txt", "republished.txt", "near-duplicate"},
		{"wire.txt", "markdown.md", "near-duplicate"},
		{"wire.txt", "edited.txt", "same-source-edited"},
		{"wire.txt", "independent.txt", "same-story"},
		{"wire.txt", "unrelated.txt", "unrelated"},
	} {
		if got := rel[tc.a+"|"+tc.b]; got != tc.want {
			t.Errorf("%s vs %s: relation %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
	groups, _ := json.Marshal(rep.Groups)
	if got, want := string(groups), `[["wire.txt","republished.txt","markdown.md","edited.txt","independent.txt"],["unrelated.txt"]]`; got != want {
		t.Errorf("groups = %s, want %s", got, want)
	}
	if u := rep.Unique["unrelated.txt"]; len(u) == 0 {
		t.Errorf("unrelated article has no unique content")
	}
	// The republished copy adds only its footer.
	footer := utf8.RuneCountInString(docs[1].Text[:strings.Index(docs[1].Text, "Copyright")])
	u := rep.Unique["republished.txt"]
	if len(u) == 0 {
		t.Errorf("republished copy: footer not reported unique")
	}
	for _, s := range u {
		if s.Start < footer {
			t.Errorf("republished copy: unique span %v before the footer at %d", s, footer)
		}
	}
}

func TestRunJSONShape(t *testing.T) {
	docs := []docio.Doc{
		{ID: json.RawMessage(`1`), Text: "Zürich — Die Polizei sagte, die Brücke über den Fluss werde im März wieder für den Verkehr geöffnet, teilte die Stadt mit."},
		{ID: json.RawMessage(`"b"`), Text: "Die Polizei sagte, die Brücke über den Fluss werde im März wieder für den Verkehr geöffnet."},
	}
	rep, err := Run(docs)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	if err := json.Unmarshal(data, &generic); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"pairs", "unique", "groups"} {
		if _, ok := generic[k]; !ok {
			t.Errorf("report JSON lacks %q: %s", k, data)
		}
	}
	if !strings.Contains(string(data), `"a":1,"b":"b"`) {
		t.Errorf("ids not echoed as given: %s", data)
	}
	p := rep.Pairs[0]
	if len(p.Passages) != 1 {
		t.Fatalf("got %d passages, want 1", len(p.Passages))
	}
	ra, rb := []rune(docs[0].Text), []rune(docs[1].Text)
	ps := p.Passages[0]
	if got, want := string(ra[ps.AStart:ps.AEnd]), "Die Polizei sagte, die Brücke über den Fluss werde im März wieder für den Verkehr geöffnet"; got != want {
		t.Errorf("passage in a (code points) = %q, want %q", got, want)
	}
	if got := string(rb[ps.BStart:ps.BEnd]); got != "Die Polizei sagte, die Brücke über den Fluss werde im März wieder für den Verkehr geöffnet" {
		t.Errorf("passage in b (code points) = %q", got)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		docs    []docio.Doc
		wantErr bool
	}{
		{"empty set", nil, false},
		{"one document", []docio.Doc{{ID: json.RawMessage(`"x"`), Text: "Hello."}}, false},
		{"empty texts", []docio.Doc{{ID: json.RawMessage(`"x"`)}, {ID: json.RawMessage(`"y"`)}}, false},
		{"duplicate ids", []docio.Doc{{ID: json.RawMessage(`"x"`)}, {ID: json.RawMessage(`"x"`)}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Run(tc.docs)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if err == nil {
				if _, err := json.Marshal(rep); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func FuzzRun(f *testing.F) {
	f.Add("The bridge was closed on Monday after a lorry hit it.", "After a lorry hit it, the bridge was closed on Monday, police said.")
	f.Add("", "ü")
	f.Add("\xff", "a a a a a a a a")
	f.Fuzz(func(t *testing.T, x, y string) {
		docs := []docio.Doc{{ID: json.RawMessage(`"a"`), Text: x}, {ID: json.RawMessage(`"b"`), Text: y}}
		rep, err := Run(docs)
		if err != nil {
			t.Fatal(err)
		}
		na, nb := utf8.RuneCountInString(x), utf8.RuneCountInString(y)
		for _, p := range rep.Pairs {
			if p.Score < 0 || p.Score > 1 {
				t.Fatalf("score %v", p.Score)
			}
			for _, ps := range p.Passages {
				if ps.AStart < 0 || ps.AStart >= ps.AEnd || ps.AEnd > na || ps.BStart < 0 || ps.BStart >= ps.BEnd || ps.BEnd > nb {
					t.Fatalf("bad passage %+v", ps)
				}
			}
			for _, s := range p.Sentences {
				if s.AStart < 0 || s.AStart >= s.AEnd || s.AEnd > na || s.BStart < 0 || s.BStart >= s.BEnd || s.BEnd > nb {
					t.Fatalf("bad sentence %+v", s)
				}
			}
		}
	})
}

func ExampleRun() {
	rep, err := Run([]docio.Doc{
		{ID: json.RawMessage(`"wire"`), Text: "The bridge was closed on Monday after a lorry hit one of its supports, police said."},
		{ID: json.RawMessage(`"copy"`), Text: "The bridge was closed on Monday after a lorry hit one of its supports, police said. Subscribe for more."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := rep.Pairs[0]
	fmt.Println(p.Relation, p.Passages[0].Kind, p.Passages[0].AStart, p.Passages[0].AEnd)
	fmt.Println(rep.Unique["copy"])
	// Output:
	// near-duplicate exact 0 82
	// [{84 103}]
}

// A collection above AllPairsMax goes through the candidate index; the
// families of edited versions must still come out as groups.
func TestRunLarge(t *testing.T) {
	m := reusegen.NewWordModel(20000)
	texts, family := m.Corpus(5, AllPairsMax+20, 100, 0.15)
	docs := make([]docio.Doc, len(texts))
	for i, tx := range texts {
		docs[i] = docio.Doc{ID: json.RawMessage(fmt.Sprint(i)), Text: tx}
	}
	rep, err := Run(docs)
	if err != nil {
		t.Fatal(err)
	}
	groupOf := map[string]int{}
	for g, ids := range rep.Groups {
		for _, id := range ids {
			groupOf[string(id)] = g
		}
	}
	wrong := 0
	for i := range texts {
		for j := i + 1; j < len(texts) && j < i+5; j++ {
			same := family[i] == family[j]
			if same != (groupOf[fmt.Sprint(i)] == groupOf[fmt.Sprint(j)]) {
				wrong++
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d neighbouring pairs grouped against their family", wrong)
	}
	for _, p := range rep.Pairs {
		if p.Relation == "unrelated" {
			t.Errorf("large report lists an unrelated pair %s-%s", p.A, p.B)
			break
		}
	}
}
