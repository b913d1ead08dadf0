package compare

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The whole report of the crafted story set is pinned: any change to
// tokenization, stemming, alignment or the models shows up here first.
func TestRunGolden(t *testing.T) {
	rep, err := Run(storyDocs(t))
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(rep, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "story-report.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), got) {
		t.Errorf("report differs from %s (run with -update after checking the change)", path)
	}
}
