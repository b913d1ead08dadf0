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
