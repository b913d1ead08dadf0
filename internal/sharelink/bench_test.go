package sharelink_test

import (
	"fmt"
	"strings"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

// workspace is a typical shared workspace: five ~5 KB articles.
func workspace() *annot.Set {
	s := &annot.Set{Format: annot.Format, Version: annot.Version}
	for i := range 5 {
		text := strings.Repeat(fmt.Sprintf("Paragraph %d of the article about the railway and the minister. ", i), 80)
		s.Articles = append(s.Articles, annot.Article{ID: fmt.Sprint("a", i), Title: "T", Text: text, Hash: annot.ContentHash(text),
			Entities: []annot.Entity{{Start: 0, End: 9, Kind: "MISC"}}})
	}
	return s
}

// BenchmarkSealOpen is what saving and opening an encrypted link costs the
// browser (compress + AES-GCM, and back with validation).
func BenchmarkSealOpen(b *testing.B) {
	s := workspace()
	js, err := annot.Encode(s)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(js)))
	var blob []byte
	for b.Loop() {
		var key string
		key, blob, err = sharelink.SealSet(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sharelink.OpenSet(key, blob); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(blob))/float64(len(js))*100, "%sealed/json")
}

// BenchmarkFragment measures a serverless link round trip and how much of
// MaxFragment a typical small set uses.
func BenchmarkFragment(b *testing.B) {
	s := workspace()
	s.Articles = s.Articles[:2]
	var frag string
	for b.Loop() {
		var err error
		if frag, err = sharelink.EncodeFragment(s); err != nil {
			b.Fatal(err)
		}
		if _, err := sharelink.DecodeFragment(frag); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(frag)), "fragment-chars")
}
