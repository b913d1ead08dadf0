package stem

import (
	"strings"
	"testing"
)

const benchText = "Harbour authorities in Port Calder closed the city's main container terminal on Tuesday after a fire broke out aboard a cargo ship carrying lithium batteries, officials said. The blaze started in the forward hold shortly after 6 a.m., according to the port's operations director. "

// BenchmarkDetect measures language detection on a 1,000-word article.
func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat(benchText, 25)
	for b.Loop() {
		Detect(text)
	}
}

// BenchmarkAnalyze measures stemming throughput on running English text.
func BenchmarkAnalyze(b *testing.B) {
	text := strings.Repeat(benchText, 25)
	st := For(English)
	n := 0
	for b.Loop() {
		n = len(Analyze(text, st))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
