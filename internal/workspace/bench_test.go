package workspace

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// benchWorkspace makes n articles of about 700 words with a mention every
// few words, the load the page derives its panels from.
func benchWorkspace(n int) *Workspace {
	var w Workspace
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Story %d\n\n", i)
		for s := 0; s < 50; s++ {
			fmt.Fprintf(&b, "Officials of Agency%d met Ana Lee%d in Port%d on day %d, and talks went on. ", s%7, s%5, (i+s)%9, s)
			if s%10 == 0 {
				fmt.Fprintf(&b, "\"We will rebuild the harbour wall number %d soon,\" Lee%d said. ", s, s%5)
			}
		}
		a := w.Add("", b.String())
		var ms []Mention
		for _, word := range []string{"Agency", "Ana Lee", "Port"} {
			label := map[string]string{"Agency": "ORG", "Ana Lee": "PER", "Port": "LOC"}[word]
			for at := 0; ; {
				j := strings.Index(a.Text[at:], word)
				if j < 0 {
					break
				}
				s := at + j
				e := s + len(word) + 1
				ms = append(ms, Mention{s, e, label})
				at = e
			}
		}
		sortMentions(ms)
		w.SetAuto(a.Hash, ms)
	}
	return &w
}

func sortMentions(ms []Mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// BenchmarkPanels100 derives the entity index and the quotes of 100
// articles, what the page recomputes when articles change.
func BenchmarkPanels100(b *testing.B) {
	w := benchWorkspace(100)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if len(w.Entities()) == 0 || len(w.Quotes()) != 100 {
			b.Fatal("nothing derived")
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/derive")
}

// BenchmarkComparePair is one unit of the page's comparison work.
func BenchmarkComparePair(b *testing.B) {
	start := time.Now()
	for range b.N {
		if _, err := ComparePair(storyA, storyB); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/pair")
}

// BenchmarkDraft100 encodes the local draft of 100 analysed articles.
func BenchmarkDraft100(b *testing.B) {
	w := benchWorkspace(100)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := w.MarshalDraft(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/draft")
}
