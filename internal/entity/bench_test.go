package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/internal/entity/nermodel"
	"gloss/internal/entity/numex"
	"gloss/internal/entity/seq"
	"gloss/internal/token"
)

// longNews repeats the test articles to about 400 kB of text.
func longNews(b *testing.B) string {
	files, _ := filepath.Glob("testdata/articles/*.txt")
	if len(files) == 0 {
		b.Fatal("no test articles")
	}
	var sb strings.Builder
	for sb.Len() < 400_000 {
		for _, f := range files {
			d, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(d)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkNames measures the name tagger alone (segmentation done).
func BenchmarkNames(b *testing.B) {
	text := longNews(b)
	toks, sents := token.Split(text)
	m, err := model()
	if err != nil {
		b.Fatal(err)
	}
	t := &tagger{m: m, fast: seq.NewFast(m.Tagger, m.Res)}
	b.ResetTimer()
	for b.Loop() {
		t.names(text, toks, sents, seq.NewDoc(m.Res), newMemory())
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkNumex measures the numeric-expression rules alone.
func BenchmarkNumex(b *testing.B) {
	text := longNews(b)
	toks, sents := token.Split(text)
	b.ResetTimer()
	for b.Loop() {
		numex.Find(text, toks, sents)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad measures decoding the embedded model (paid once, on first
// use or on Load).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := nermodel.Decode(modelData); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
}

// BenchmarkTagger measures the sequence tagger alone (features, cached
// weights, Viterbi), without the document rules.
func BenchmarkTagger(b *testing.B) {
	text := longNews(b)
	toks, sents := token.Split(text)
	words := make([]string, len(toks))
	for i, tk := range toks {
		words[i] = text[tk.Start:tk.End]
	}
	m, err := model()
	if err != nil {
		b.Fatal(err)
	}
	f := seq.NewFast(m.Tagger, m.Res)
	b.ResetTimer()
	for b.Loop() {
		d := seq.NewDoc(m.Res)
		for _, s := range sents {
			f.Tag(d, words[s.Start:s.End])
		}
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
