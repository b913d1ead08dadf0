package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnnotateJSONL(t *testing.T) {
	in := `{"id":"a","text":"Café owner Angela Merkel visited Paris on Monday."}
not json
{"id":7,"text":"Shares rose 5%."}
{"text":"no id"}
`
	var out, errb bytes.Buffer
	code := run(nil, strings.NewReader(in), &out, &errb)
	if code != 1 {
		t.Errorf("exit code: got %d, want 1 (bad lines)", code)
	}
	for _, want := range []string{"line 2:", "line 4:"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr %q does not name %q", errb.String(), want)
		}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d output lines, want 2: %q", len(lines), out.String())
	}
	var d outDoc
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	if string(d.ID) != `"a"` {
		t.Errorf("id: got %s, want \"a\"", d.ID)
	}
	text := []rune("Café owner Angela Merkel visited Paris on Monday.")
	found := map[string]string{}
	for _, e := range d.Entities {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
			t.Fatalf("bad offsets %+v", e)
		}
		// code-point offsets: the é before the names must count as one
		if got := string(text[e.Start:e.End]); got != e.Text {
			t.Errorf("text[%d:%d] = %q, but entity text is %q", e.Start, e.End, got, e.Text)
		}
		found[e.Text] = e.Label
	}
	for text, label := range map[string]string{"Angela Merkel": "PER", "Paris": "LOC", "Monday": "DATE"} {
		if found[text] != label {
			t.Errorf("%q: got label %q, want %q (all: %v)", text, found[text], label, found)
		}
	}
	if !strings.HasPrefix(lines[1], `{"id":7,`) {
		t.Errorf("numeric id not echoed: %s", lines[1])
	}
}

func TestAnnotateFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("Reuters reported from London."), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	var out, errb bytes.Buffer
	code := run([]string{missing, good}, strings.NewReader(""), &out, &errb)
	if code != 1 {
		t.Errorf("exit code: got %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "missing.txt") {
		t.Errorf("stderr %q does not name the missing file", errb.String())
	}
	if !strings.Contains(out.String(), `"London"`) {
		t.Errorf("good file not processed: %q", out.String())
	}
}

func TestAnnotateCompare(t *testing.T) {
	in := `{"id":"a","text":"The central bank raised rates by half a point on Thursday, citing inflation."}
{"id":"b","text":"The central bank raised rates by half a point on Thursday, citing inflation. Markets fell."}
`
	var out, errb bytes.Buffer
	if code := run([]string{"-compare"}, strings.NewReader(in), &out, &errb); code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, errb.String())
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("output is not one JSON object: %v", err)
	}
	for _, k := range []string{"pairs", "unique", "groups"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks %q", k)
		}
	}
}

func TestExportFormats(t *testing.T) {
	in := `{"id":"r","text":"Zoë Müller met Angela Merkel in Berlin on Monday, Reuters reported."}
{"id":"a","text":"Angela Merkel met Zoë Müller in Berlin on Monday, AP said. 東京 🇺🇳"}
`
	for _, tt := range []struct{ format, want string }{
		{"set", `"format":"gloss.set"`},
		{"webanno", `"type": "AnnotationCollection"`},
		{"conll", "Merkel\tI-PER"},
		{"spacy", `"Zoë Müller met Angela Merkel`},
		{"csv", `r,"Zoë Müller met Angela Merkel in Berlin on Monday, Reuters reported.",PER,Angela Merkel,15,28,auto,`},
		{"passages", "a,b,relation,score,kind"},
		{"html", "<mark"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run([]string{"-format", tt.format}, strings.NewReader(in), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out.String())
			}
		})
	}
}

// TestImportReanchors exports Web Annotation, edits one text, and imports
// it back: moved mentions follow their quotes, lost ones are reported and
// make the exit status 1.
func TestImportReanchors(t *testing.T) {
	orig := `{"id":"r","text":"Angela Merkel visited Berlin on Monday."}`
	var wa, errb bytes.Buffer
	if code := run([]string{"-format", "webanno"}, strings.NewReader(orig), &wa, &errb); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errb.String())
	}
	// Add a manual annotation by hand, as another tool would.
	var coll map[string]any
	if err := json.Unmarshal(wa.Bytes(), &coll); err != nil {
		t.Fatal(err)
	}
	items := coll["first"].(map[string]any)["items"].([]any)
	manual := `{"id":"x:n1","type":"Annotation","body":[{"type":"TextualBody","purpose":"tagging","value":"claim"},{"type":"TextualBody","purpose":"commenting","value":"check"}],"target":{"source":"urn:gloss:article:r","selector":[{"type":"TextQuoteSelector","exact":"visited Berlin"}]}}`
	var m any
	json.Unmarshal([]byte(manual), &m)
	coll["first"].(map[string]any)["items"] = append(items, m)
	data, _ := json.Marshal(coll)
	file := filepath.Join(t.TempDir(), "wa.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}

	edited := `{"id":"r","text":"UPDATE: Angela Merkel visited Berlin on Tuesday."}`
	var out bytes.Buffer
	errb.Reset()
	code := run([]string{"-format", "set", "-import", file}, strings.NewReader(edited), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), `"Monday"`) {
		t.Errorf("exit %d, stderr %q: want status 1 and the orphaned Monday reported", code, errb.String())
	}
	for _, want := range []string{`"label":"claim"`, `"note":"check"`, `"text":"visited Berlin"`, `"start":22`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("imported set lacks %s:\n%s", want, out.String())
		}
	}
	if strings.Count(out.String(), `"text":"Angela Merkel"`) != 1 {
		t.Errorf("entity duplicated by the import:\n%s", out.String())
	}
}

func TestFormatFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"-format", "xml"}, {"-compare", "-format", "csv"}, {"-import", "x.json"}} {
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errb.String())
		}
	}
}
