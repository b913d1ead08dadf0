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
				// Versions of one story (five per story) share their quotes;
				// other stories' quotes are other words.
				fmt.Fprintf(&b, "\"%s,\" Lee%d said. ", quoteOf(i/5, s), s%5)
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
				ms = append(ms, Mention{Start: s, End: e, Label: label})
				at = e
			}
		}
		sortMentions(ms)
		w.SetAuto(a.Hash, ms)
	}
	return &w
}

// quoteOf makes eight invented words for quote s of story g.
func quoteOf(g, s int) string {
	words := make([]string, 8)
	for k := range words {
		words[k] = fmt.Sprintf("w%dx%dx%d", g, s, k)
	}
	return strings.Join(words, " ")
}

func sortMentions(ms []Mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// BenchmarkPanels100 derives the entity index and the quotes of 100
// articles, what the page recomputes when articles change: cold (nothing
// cached) and after one article changed (the usual case while a batch is
// analysed or a correction made).
func BenchmarkPanels100(b *testing.B) {
	w := benchWorkspace(100)
	b.ResetTimer()
	var cold, warm time.Duration
	for i := range b.N {
		w.quoteCache, w.formCache = nil, nil
		start := time.Now()
		if len(w.Entities()) == 0 || len(w.Quotes()) != 100 {
			b.Fatal("nothing derived")
		}
		cold += time.Since(start)
		a := w.Articles[i%len(w.Articles)]
		if err := w.Relabel(a.ID, 0, len("Story"), "MISC"); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		w.Entities()
		w.Quotes()
		warm += time.Since(start)
	}
	b.ReportMetric(float64(cold.Milliseconds())/float64(b.N), "ms/cold-derive")
	b.ReportMetric(float64(warm.Milliseconds())/float64(b.N), "ms/derive")
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
