package annot_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"gloss/internal/annot"
)

// bigSet is a workspace near the API's body limit: 40 articles of ~100 KB
// with an entity every ~60 code points.
func bigSet(b *testing.B) []byte {
	b.Helper()
	s := &annot.Set{Format: annot.Format, Version: annot.Version, Labels: []annot.Label{{ID: "l", Name: "L"}}}
	for i := range 40 {
		text := strings.Repeat(fmt.Sprintf("Article %d says Zoë met Ada in Köln. ", i), 2700)
		a := annot.Article{ID: fmt.Sprint(i), Title: "t", Text: text, Hash: annot.ContentHash(text)}
		n := utf8.RuneCountInString(text)
		for off := 0; off+20 < n; off += 60 {
			a.Entities = append(a.Entities, annot.Entity{Start: off, End: off + 7, Kind: "PER"})
		}
		a.Annotations = []annot.Annotation{{ID: "n", Start: 1, End: 5, Label: "l", Text: string([]rune(text)[1:5])}}
		s.Articles = append(s.Articles, a)
	}
	js, err := annot.Encode(s)
	if err != nil {
		b.Fatal(err)
	}
	return js
}

func BenchmarkDecodeSet(b *testing.B) {
	js := bigSet(b)
	b.SetBytes(int64(len(js)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := annot.Decode(js); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(js))/1e6, "MB/set")
}
