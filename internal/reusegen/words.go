package reusegen

import (
	_ "embed"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// seedText is a few paragraphs written for this project; the word model
// takes its function words and their frequencies from it.
//
//go:embed seed.txt
var seedText string

// WordModel generates article-like text without any external corpus:
// function words in the proportions of the seed text, content words drawn
// from a Zipf law over a large synthetic vocabulary (so unrelated articles
// share few phrases, as real ones do), sentences of 10-28 words.
type WordModel struct {
	function []string  // function words, repeated by frequency in the seed
	vocab    []string  // synthetic content words, most frequent first
	cdf      []float64 // Zipf cumulative distribution over vocab
}

// NewWordModel builds a model with a vocabulary of n content words.
func NewWordModel(n int) *WordModel {
	m := &WordModel{}
	for _, w := range strings.Fields(strings.ToLower(seedText)) {
		w = strings.Trim(w, ".,;:\"'()!?—-")
		if functionWords[w] {
			m.function = append(m.function, w)
		}
	}
	sort.Strings(m.function) // deterministic regardless of the text's order
	syl := []string{"ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "pi", "nu", "gar", "te", "bri", "os", "fa", "lin", "qua", "zet", "ho", "mar"}
	seen := map[string]bool{}
	for i := 0; len(m.vocab) < n; i++ {
		var b strings.Builder
		x := i + 400 // at least two syllables
		for x > 0 {
			b.WriteString(syl[x%len(syl)])
			x /= len(syl)
		}
		w := b.String()
		if !seen[w] {
			seen[w] = true
			m.vocab = append(m.vocab, w)
		}
	}
	m.cdf = make([]float64, n)
	var s float64
	for r := range n {
		s += 1 / math.Pow(float64(r+1), 1.05)
		m.cdf[r] = s
	}
	for r := range m.cdf {
		m.cdf[r] /= s
	}
	return m
}

var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"and": true, "but": true, "or": true, "for": true, "with": true, "from": true, "by": true,
	"is": true, "was": true, "were": true, "are": true, "be": true, "been": true, "has": true,
	"had": true, "have": true, "it": true, "its": true, "that": true, "this": true, "which": true,
	"who": true, "as": true, "not": true, "their": true, "they": true, "he": true, "she": true,
	"after": true, "about": true, "while": true, "because": true, "we": true, "our": true,
}

// Words returns n words of running text.
func (m *WordModel) Words(r *rand.Rand, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		if len(m.function) > 0 && r.Float64() < 0.4 {
			out = append(out, m.function[r.IntN(len(m.function))])
			continue
		}
		k := sort.SearchFloat64s(m.cdf, r.Float64())
		out = append(out, m.vocab[min(k, len(m.vocab)-1)])
	}
	return out
}

// Text joins words into sentences and paragraphs.
func Text(r *rand.Rand, words []string) string {
	var b strings.Builder
	b.Grow(len(words) * 7)
	left := 0
	sents := 0
	for i, w := range words {
		if left == 0 {
			if i > 0 {
				b.WriteString(".")
				sents++
				if sents%4 == 0 {
					b.WriteString("\n\n")
				} else {
					b.WriteString(" ")
				}
			}
			left = 10 + r.IntN(19)
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		} else {
			b.WriteString(" ")
			b.WriteString(w)
		}
		left--
	}
	b.WriteString(".")
	return b.String()
}

// Mutate returns a copy of words with about rate of them changed: replaced
// by a model word, deleted, or followed by an inserted word, plus with
// probability trunc the last part cut off: the edits that separate
// versions of one wire story.
func (m *WordModel) Mutate(r *rand.Rand, words []string, rate, trunc float64) []string {
	out := make([]string, 0, len(words)+8)
	for _, w := range words {
		if r.Float64() >= rate {
			out = append(out, w)
			continue
		}
		switch r.IntN(3) {
		case 0:
			out = append(out, m.Words(r, 1)[0])
		case 1:
		default:
			out = append(out, w, m.Words(r, 1)[0])
		}
	}
	if r.Float64() < trunc && len(out) > 20 {
		out = out[:len(out)*(60+r.IntN(35))/100]
	}
	return out
}

// Corpus makes n articles of about size words in families: each family has
// a base article and up to three variants mutated at rates up to maxRate,
// so pair similarities spread over the whole range. Family[i] names the
// base article's index.
func (m *WordModel) Corpus(seed uint64, n, size int, maxRate float64) (texts []string, family []int) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	for len(texts) < n {
		base := m.Words(r, size)
		fam := len(texts)
		texts = append(texts, Text(r, base))
		family = append(family, fam)
		for v := r.IntN(4); v > 0 && len(texts) < n; v-- {
			w := m.Mutate(r, base, r.Float64()*maxRate, 0.3)
			texts = append(texts, Text(r, w))
			family = append(family, fam)
		}
	}
	return texts, family
}
