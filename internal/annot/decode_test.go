package annot_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"gloss/internal/annot"
)

const text0 = "Ada Lovelace met Charles Babbage in London. Zoë paid 5 €."

var hash0 = annot.ContentHash(text0)

// validDoc is a complete set exercising every field; cases below edit it.
var validDoc = `{"format":"gloss.set","version":1,
 "labels":[{"id":"claim","name":"Claim","color":"#ff8800"},{"id":"q","name":"Quote"}],
 "articles":[
  {"id":"a1","title":"First","text":` + quote(text0) + `,"language":"en","source_url":"https://example.org/a?b=c",
   "hash":"` + hash0 + `",
   "entities":[{"start":0,"end":12,"kind":"PER","text":"Ada Lovelace"},{"start":44,"end":47,"kind":"PER","text":"Zoë"}],
   "annotations":[{"id":"n1","start":17,"end":32,"label":"claim","note":"who?","text":"Charles Babbage"},{"id":"n2","start":53,"end":56,"label":"q"}],
   "note":"read later"},
  {"id":"a2","title":"","text":"","hash":"` + annot.ContentHash("") + `"}],
 "view":{"article":"a1","pair":["a1","a2"],"entity":{"kind":"PER","text":"Ada Lovelace"}}}`

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

var minArticle = `{"id":"x","title":"","text":"","hash":"` + annot.ContentHash("") + `"}`

var decodeTests = []struct {
	name      string
	in        string
	wantField string // "" with wantErr=false means success
	wantErr   bool
}{
	{"valid full", validDoc, "", false},
	{"minimal", `{"format":"gloss.set","version":1,"articles":[{"id":"x","title":"t","text":"hi","hash":"` + annot.ContentHash("hi") + `"}]}`, "", false},
	{"empty input", ``, "", true},
	{"not json", `hello`, "", true},
	{"truncated", validDoc[:len(validDoc)/2], "", true},
	{"trailing data", validDoc + ` {}`, "", true},
	{"trailing garbage", validDoc + `x`, "", true},
	{"invalid utf8", "{\"format\":\"gloss.set\xff\"}", "", true},
	{"top-level array", `[]`, "", true},
	{"unknown top field", strings.Replace(validDoc, `"version":1,`, `"version":1,"extra":true,`, 1), "extra", true},
	{"unknown article field", strings.Replace(validDoc, `"note":"read later"`, `"note":"read later","html":"<b>"`, 1), "articles[0].html", true},
	{"unknown entity field", strings.Replace(validDoc, `"kind":"PER","text":"Zoë"`, `"kind":"PER","text":"Zoë","score":1`, 1), "articles[0].entities[1].score", true},
	{"missing format", strings.Replace(validDoc, `"format":"gloss.set",`, ``, 1), "format", true},
	{"missing hash", strings.Replace(validDoc, `"hash":"`+annot.ContentHash("")+`"`, `"note":""`, 1), "articles[1].hash", true},
	{"wrong format", strings.Replace(validDoc, `"gloss.set"`, `"other"`, 1), "format", true},
	{"future version", strings.Replace(validDoc, `"version":1`, `"version":2`, 1), "version", true},
	{"version as string", strings.Replace(validDoc, `"version":1`, `"version":"1"`, 1), "version", true},
	{"version float", strings.Replace(validDoc, `"version":1`, `"version":1.5`, 1), "version", true},
	{"null title", strings.Replace(validDoc, `"title":"First"`, `"title":null`, 1), "articles[0].title", true},
	{"title number", strings.Replace(validDoc, `"title":"First"`, `"title":7`, 1), "articles[0].title", true},
	{"articles object", `{"format":"gloss.set","version":1,"articles":{}}`, "articles", true},
	{"no articles", `{"format":"gloss.set","version":1,"articles":[]}`, "articles", true},
	{"bad hash", strings.Replace(validDoc, hash0, annot.ContentHash("other"), 1), "articles[0].hash", true},
	{"negative start", strings.Replace(validDoc, `"start":0,"end":12`, `"start":-1,"end":12`, 1), "articles[0].entities[0].start", true},
	{"end past text", strings.Replace(validDoc, `"start":53,"end":56`, `"start":53,"end":58`, 1), "articles[0].annotations[1]", true},
	{"empty span", strings.Replace(validDoc, `"start":0,"end":12`, `"start":3,"end":3`, 1), "articles[0].entities[0]", true},
	{"span text mismatch", strings.Replace(validDoc, `"text":"Zoë"`, `"text":"Zoe"`, 1), "articles[0].entities[1].text", true},
	{"unknown label", strings.Replace(validDoc, `"label":"q"`, `"label":"nope"`, 1), "articles[0].annotations[1].label", true},
	{"duplicate article", strings.Replace(validDoc, `"id":"a2"`, `"id":"a1"`, 1), "articles[1].id", true},
	{"duplicate label", strings.Replace(validDoc, `"id":"q"`, `"id":"claim"`, 1), "labels[1].id", true},
	{"bad color", strings.Replace(validDoc, `#ff8800`, `red`, 1), "labels[0].color", true},
	{"javascript url", strings.Replace(validDoc, `https://example.org/a?b=c`, `javascript:alert(1)`, 1), "articles[0].source_url", true},
	{"bad language", strings.Replace(validDoc, `"language":"en"`, `"language":"english!"`, 1), "articles[0].language", true},
	{"view unknown article", strings.Replace(validDoc, `"view":{"article":"a1"`, `"view":{"article":"zz"`, 1), "view.article", true},
	{"view pair of one", strings.Replace(validDoc, `"pair":["a1","a2"]`, `"pair":["a1"]`, 1), "view.pair", true},
	{"view pair same", strings.Replace(validDoc, `"pair":["a1","a2"]`, `"pair":["a1","a1"]`, 1), "view.pair", true},
	{"view pair number", strings.Replace(validDoc, `"pair":["a1","a2"]`, `"pair":["a1",2]`, 1), "view.pair[1]", true},
	{"deep nesting", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "", true},
	{"deep in view", strings.Replace(validDoc, `"view":{`, `"view":{"x":`+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+`,`, 1), "view.x", true},
	{"too many articles", `{"format":"gloss.set","version":1,"articles":[` + strings.Repeat(minArticle+`,`, annot.MaxArticles) + minArticle + `]}`, "articles", true},
	{"duplicate field", strings.Replace(validDoc, `"title":"First"`, `"title":"First","title":"Other"`, 1), "articles[0].title", true},
	{"case-folded field", strings.Replace(validDoc, `"title":"First"`, `"Title":"First"`, 1), "articles[0].Title", true},
	{"null optional", strings.Replace(validDoc, `"note":"read later"`, `"note":null`, 1), "articles[0].note", true},
	{"escapes", `{"format":"gloss.set","version":1,"articles":[{"id":"\u0061\ud83d\ude00","title":"\"\\\/\b\f\n\r\t\ud800x","text":"","hash":"` + annot.ContentHash("") + `"}]}`, "", false},
	{"bad escape", `{"format":"gloss.set","version":1,"articles":[{"id":"\x","title":"","text":"","hash":""}]}`, "", true},
	{"raw newline in string", "{\"format\":\"gloss\n.set\"}", "", true},
	{"leading zero", strings.Replace(validDoc, `"version":1`, `"version":01`, 1), "", true},
	{"exponent", strings.Replace(validDoc, `"version":1`, `"version":1e0`, 1), "version", true},
	{"huge offset", strings.Replace(validDoc, `"start":0,"end":12`, `"start":0,"end":99999999999999999999`, 1), "articles[0].entities[0].end", true},
}

func TestDecode(t *testing.T) {
	for _, tt := range decodeTests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := annot.Decode([]byte(tt.in))
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Decode: got error %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Decode: got %v, want an error naming %q", s, tt.wantField)
			}
			if got, want := annot.ErrorCode(err), annot.EINVALID; got != want {
				t.Errorf("code: got %q, want %q (%v)", got, want, err)
			}
			if got := annot.ErrorField(err); got != tt.wantField {
				t.Errorf("field: got %q, want %q (%v)", got, tt.wantField, err)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	s, err := annot.Decode([]byte(validDoc))
	if err != nil {
		t.Fatal(err)
	}
	a := s.Articles[0]
	if got, want := a.Entities[1], (annot.Entity{Start: 44, End: 47, Kind: "PER", Text: "Zoë"}); got != want {
		t.Errorf("entity: got %+v, want %+v", got, want)
	}
	if got, want := a.Annotations[0].Note, "who?"; got != want {
		t.Errorf("note: got %q, want %q", got, want)
	}
	if got, want := s.View.Pair, []string{"a1", "a2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("pair: got %q, want %q", got, want)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	s, err := annot.Decode([]byte(validDoc))
	if err != nil {
		t.Fatal(err)
	}
	b, err := annot.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := annot.Decode(b)
	if err != nil {
		t.Fatalf("Decode(Encode(s)): %v\n%s", err, b)
	}
	if !reflect.DeepEqual(s, s2) {
		t.Errorf("round trip: got %+v, want %+v", s2, s)
	}
	b2, err := annot.Encode(s2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Errorf("second encoding differs:\n%s\n%s", b, b2)
	}
}

func TestEncodeRejectsInvalid(t *testing.T) {
	s := &annot.Set{Format: annot.Format, Version: annot.Version, Articles: []annot.Article{{ID: "a", Text: "x", Hash: "sha256:00"}}}
	if _, err := annot.Encode(s); annot.ErrorField(err) != "articles[0].hash" {
		t.Errorf("Encode with bad hash: got %v, want an error on articles[0].hash", err)
	}
}

// FuzzDecodeSet checks that Decode never panics, that every failure is an
// EINVALID error, and that anything it accepts round-trips exactly.
func FuzzDecodeSet(f *testing.F) {
	for _, tt := range decodeTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := annot.Decode(data)
		if err != nil {
			if got := annot.ErrorCode(err); got != annot.EINVALID {
				t.Fatalf("error code: got %q, want %q (%v)", got, annot.EINVALID, err)
			}
			return
		}
		b, err := annot.Encode(s)
		if err != nil {
			t.Fatalf("Encode of a decoded set: %v", err)
		}
		s2, err := annot.Decode(b)
		if err != nil {
			t.Fatalf("Decode(Encode(s)): %v", err)
		}
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip changed the set:\n%+v\n%+v", s, s2)
		}
	})
}
