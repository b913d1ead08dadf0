// Package similarity compares news articles on their stems: weighted term
// vectors and cosine, stem shingles and containment, a relation for each
// pair (near-duplicate, same-source-edited, same-story, unrelated),
// seed-and-extend passage alignment, sentence matching and the content
// unique to each article. All offsets are UTF-8 byte offsets into the
// article text; converting them for display is the caller's job.
package similarity

import (
	"slices"

	"gloss/internal/stem"
	"gloss/internal/token"
)

// ShingleSize is the number of consecutive content stems in a shingle.
// Three content words (stopwords skipped) are rare enough by chance in news
// to seed an alignment and short enough to survive light edits between them.
const ShingleSize = 3

// Sentence is one sentence of a Doc: its byte span and the half-open range
// of the Doc's terms inside it.
type Sentence struct {
	Start, End int
	T0, T1     int
}

// Doc is an analyzed article. Build it with Analyze; it is read-only after.
type Doc struct {
	Text      string
	Lang      stem.Lang
	Terms     []stem.Term
	Hashes    []uint64 // hash of each term's stem, parallel to Terms
	Content   []int32  // indexes into Terms of the non-stopword terms
	Sentences []Sentence
}

// hashStem gives stems a fixed-width identity for shingles and alignment:
// FNV-1a finished with a mixer. It is fixed (no per-process seed) so that
// candidate generation, and with it every report, is reproducible.
func hashStem(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return mix(h)
}

// Analyze detects the language of text (falling back to Unknown) and splits
// it into terms and sentences.
func Analyze(text string) *Doc {
	return AnalyzeLang(text, stem.Detect(text))
}

// AnalyzeLang is Analyze with a known language.
func AnalyzeLang(text string, lang stem.Lang) *Doc {
	st := stem.For(lang)
	d := &Doc{Text: text, Lang: st.Lang(), Terms: stem.Analyze(text, st)}
	d.Hashes = make([]uint64, len(d.Terms))
	d.Content = make([]int32, 0, len(d.Terms))
	for i, t := range d.Terms {
		d.Hashes[i] = hashStem(t.Stem)
		if !t.Stop {
			d.Content = append(d.Content, int32(i))
		}
	}
	spans := token.Sentences(text)
	d.Sentences = make([]Sentence, 0, len(spans))
	ti := 0
	for _, sp := range spans {
		for ti < len(d.Terms) && d.Terms[ti].Start < sp.Start {
			ti++
		}
		t0 := ti
		for ti < len(d.Terms) && d.Terms[ti].End <= sp.End {
			ti++
		}
		if ti > t0 {
			d.Sentences = append(d.Sentences, Sentence{Start: sp.Start, End: sp.End, T0: t0, T1: ti})
		}
	}
	return d
}

// Shingles returns the hash of every run of ShingleSize consecutive content
// stems, in text order (duplicates kept). Position k covers content terms
// k..k+ShingleSize-1. A text with fewer content stems than ShingleSize gets
// one shingle of all of them, so short texts still compare.
func (d *Doc) Shingles() []uint64 {
	return shingles(d.Hashes, d.Content)
}

func shingles(h []uint64, content []int32) []uint64 {
	n := len(content)
	if n == 0 {
		return nil
	}
	if n < ShingleSize {
		var x uint64 = 0x9e3779b97f4a7c15
		for _, c := range content {
			x = mix(x ^ h[c])
		}
		return []uint64{x}
	}
	out := make([]uint64, n-ShingleSize+1)
	for k := range out {
		var x uint64 = 0x9e3779b97f4a7c15
		for j := 0; j < ShingleSize; j++ {
			x = mix(x ^ h[content[k+j]])
		}
		out[k] = x
	}
	return out
}

// mix is the splitmix64 finalizer: cheap and order-sensitive when chained.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// ShingleSet is a set of shingle hashes, sorted and without repeats: a
// fraction of the memory of a map, which matters when thousands of
// articles are held in the browser.
type ShingleSet []uint64

// Set returns the distinct shingles of d.
func (d *Doc) Set() ShingleSet {
	sh := d.Shingles()
	slices.Sort(sh)
	return slices.Compact(sh)
}

// Containment returns |a∩b|/|a|: how much of a is found in b (0 for empty a).
func Containment(a, b ShingleSet) float64 {
	if len(a) == 0 {
		return 0
	}
	return float64(countCommon(a, b)) / float64(len(a))
}

// Jaccard returns |a∩b|/|a∪b| (0 when both are empty).
func Jaccard(a, b ShingleSet) float64 {
	in := countCommon(a, b)
	u := len(a) + len(b) - in
	if u == 0 {
		return 0
	}
	return float64(in) / float64(u)
}

// TextShingles returns AnalyzeLang(text, lang).Shingles() without building
// the Doc: the cheap path for indexing thousands of articles.
func TextShingles(text string, lang stem.Lang) []uint64 {
	st := stem.For(lang)
	var win [ShingleSize]uint64
	n := 0
	out := make([]uint64, 0, len(text)/12)
	stem.Each(text, st, func(t stem.Term) {
		if t.Stop {
			return
		}
		copy(win[:], win[1:])
		win[ShingleSize-1] = hashStem(t.Stem)
		n++
		if n >= ShingleSize {
			out = append(out, windowHash(win[:]))
		}
	})
	if n > 0 && n < ShingleSize {
		out = append(out, windowHash(win[ShingleSize-n:]))
	}
	return out
}

// windowHash folds the stem hashes of one shingle window into its hash.
// Both shinglers use it, so a document hashed either way gets the same
// shingles.
func windowHash(win []uint64) uint64 {
	var x uint64 = 0x9e3779b97f4a7c15
	for _, h := range win {
		x = mix(x ^ h)
	}
	return x
}
