package sharelink_test

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

var update = flag.Bool("update", false, "write the link fixtures (only when adding a new format version)")

// Links made by earlier builds must keep opening: testdata holds a
// fragment link and a sealed blob with its key, made once from
// ../annot/testdata/v1/full.json. Never rewrite them for an existing
// version; a new version gets new files beside them.
func TestOldLinksOpen(t *testing.T) {
	src, err := os.ReadFile("../annot/testdata/v1/full.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := annot.Decode(src)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		frag, err := sharelink.EncodeFragment(want)
		if err != nil {
			t.Fatal(err)
		}
		key, blob, err := sharelink.SealSet(want)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{
			"testdata/v1-fragment.txt": []byte(frag + "\n"),
			"testdata/v1-sealed.key":   []byte(key + "\n"),
			"testdata/v1-sealed.bin":   blob,
		} {
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	got, err := sharelink.DecodeFragment(strings.TrimSpace(string(read("v1-fragment.txt"))))
	if err != nil {
		t.Fatalf("DecodeFragment(v1 fixture): %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("v1 fragment: got %v, want %v", got, want)
	}
	got, err = sharelink.OpenSet(strings.TrimSpace(string(read("v1-sealed.key"))), read("v1-sealed.bin"))
	if err != nil {
		t.Fatalf("OpenSet(v1 fixture): %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("v1 sealed: got %v, want %v", got, want)
	}
}
