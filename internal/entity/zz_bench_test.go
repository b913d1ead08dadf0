package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/internal/entity/numex"
	"gloss/internal/entity/seq"
	"gloss/internal/token"
)

func benchText(b *testing.B) string {
	files, _ := filepath.Glob("testdata/articles/*.txt")
	var sb strings.Builder
	for sb.Len() < 400_000 {
		for _, f := range files {
			d, _ := os.ReadFile(f)
			sb.Write(d)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

func BenchmarkZNumex(b *testing.B) {
	text := benchText(b)
	toks, sents := token.Split(text)
	b.ResetTimer()
	for b.Loop() {
		numex.Find(text, toks, sents)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkZNames(b *testing.B) {
	text := benchText(b)
	toks, sents := token.Split(text)
	m, _ := model()
	t := &tagger{m: m, fast: seq.NewFast(m.Tagger, m.Res)}
	b.ResetTimer()
	for b.Loop() {
		t.names(text, toks, sents)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkZMapStr(b *testing.B) {
	text := benchText(b)
	toks := token.Tokenize(text)
	m := map[string]int{}
	for _, t := range toks {
		m[t.Text(text)]++
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, t := range toks {
			n += m[t.Text(text)]
		}
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}
