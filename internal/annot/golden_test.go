package annot_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/internal/annot"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenV1 pins version 1: every document under testdata/v1 must keep
// decoding (links shared today must open in a year) and must keep
// encoding to the same canonical bytes.
func TestGoldenV1(t *testing.T) {
	files, err := filepath.Glob("testdata/v1/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range files {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			s, err := annot.Decode(src)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			got, err := annot.Encode(s)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(in, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/annot -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Encode(%s):\ngot  %s\nwant %s", in, got, want)
			}
		})
	}
	if n < 3 {
		t.Fatalf("found %d documents in testdata/v1, want at least 3", n)
	}
}
