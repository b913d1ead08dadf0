package similarity

import (
	"gloss/internal/entity"
	"gloss/internal/similarity/wordvec"
	"gloss/internal/stem"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// NumFeatures is the length of a sentence-pair feature vector.
const NumFeatures = 48

// FeatureNames label the sentence-pair features (for docs and evaluation).
var FeatureNames = [NumFeatures]string{
	"bias", "cos_idf", "min_contain_idf", "max_contain_idf", "jaccard",
	"bigram_dice", "char3_dice", "number_jaccard", "number_mismatch",
	"length_diff", "capitalized_jaccard", "cos_idf_sq", "log_min_len",
	"unigram_dice_all", "jaccard_idf", "bigram_min_contain", "bigram_max_contain",
	"trigram_dice", "lcs_min", "lcs_max", "negation_mismatch", "char4_dice",
	"max_unmatched_idf", "unmatched_capitalized", "soft_min_contain_idf",
	"soft_max_contain_idf", "log_unmatched_min", "log_unmatched_max",
	"weighted_length_diff", "unmatched_idf_mass_min", "unmatched_idf_mass_max",
	"cluster_min_contain_idf", "cluster_max_contain_idf", "fine_cluster_cos",
	"mid_cluster_cos", "log_cluster_unmatched_min", "log_cluster_unmatched_max",
	"cluster_lcs_min", "cluster_lcs_max", "max_cluster_unmatched_idf", "min_cluster_unmatched_idf",
	"vec_min_align_idf", "vec_max_align_idf", "vec_soft_cos", "log_vec_unaligned_min",
	"log_vec_unaligned_max", "max_vec_unaligned_idf", "min_vec_unaligned_idf",
}

// SentRep is a sentence prepared for many comparisons: sorted hash sets
// so that a pair costs a few linear merges.
type SentRep struct {
	content []uint64  // distinct content stems, sorted
	weight  []float64 // IDF of each content stem
	wsum    float64
	wnorm   float64
	all     []uint64 // distinct stems, stopwords included
	bigrams []uint64 // distinct consecutive stem pairs
	char3   []uint64 // distinct letter/digit trigrams of the words joined
	nums    []uint64 // distinct number tokens
	caps    []uint64 // distinct capitalized non-initial words (names)
	seq     []uint64 // stem hashes in order, stopwords included
	tri     []uint64 // distinct stem trigrams
	char4   []uint64
	neg     bool     // contains a negation
	stems   []string // content stems without a final dot, parallel to content
	fine    []uint32 // fine word cluster of each content stem, parallel to content; 0 unknown
	fines   []wt     // IDF weight per fine cluster (or stem, when unclustered), sorted
	mids    []wt     // the same per mid cluster
	cnorm   float64  // norms of fines and mids
	mnorm   float64
	cseq    []uint64 // seq with content words replaced by their fine cluster
	english bool
	vecOnce sync.Once
	vec     [][]float32 // Words vector of each content stem, parallel to content; nil unknown
	svnorm  float64     // norm of the IDF-weighted bag under the word similarity
}

// wt is a key with a weight, for sparse weighted bags.
type wt struct {
	k uint64
	w float64
}

// numberWords maps the stems of English number words to digits.
var numberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelv": "12",
	"twenti": "20", "hundr": "100", "thousand": "1000", "million": "1000000",
}

// maxSeq caps the ordered stems kept for the quadratic LCS feature: a
// "sentence" of thousands of words (text without punctuation) would
// otherwise cost millions of steps per comparison.
const maxSeq = 200

// negations flip a sentence's meaning while sharing all its other words.
var negations = map[string]bool{"not": true, "no": true, "never": true, "n't": true, "nor": true, "without": true, "none": true}

// NewSentRep prepares terms t0..t1 of d; w gives the IDF of a stem.
func NewSentRep(d *Doc, t0, t1 int, w func(string) float64) *SentRep {
	r := &SentRep{}
	var letters []rune
	fineOf := make(map[uint64]uint32, t1-t0)
	midOf := make(map[uint64]uint64, t1-t0)
	for k := t0; k < t1; k++ {
		t := d.Terms[k]
		h := d.Hashes[k]
		r.all = append(r.all, h)
		if !t.Stop {
			r.content = append(r.content, h)
		}
		word := d.Text[t.Start:t.End]
		fine, mid := uint32(0), uint64(0)
		if !t.Stop {
			if f, m, _, ok := entity.Cluster(strings.ToLower(word)); ok {
				fine, mid = uint32(f)+1, uint64(m)+1
			}
			if fine != 0 {
				fineOf[h], midOf[h] = fine, mid
			}
		}
		if len(r.seq) < maxSeq {
			r.seq = append(r.seq, h)
			if fine != 0 {
				r.cseq = append(r.cseq, uint64(fine))
			} else {
				r.cseq = append(r.cseq, h)
			}
		}
		if k > t0 {
			r.bigrams = append(r.bigrams, mix(d.Hashes[k-1]*31+h))
		}
		if k > t0+1 {
			r.tri = append(r.tri, mix(mix(d.Hashes[k-2]*31+d.Hashes[k-1])+h))
		}
		if negations[t.Stem] || len(t.Stem) > 3 && t.Stem[len(t.Stem)-3:] == "n't" {
			r.neg = true
		}
		first, _ := utf8.DecodeRuneInString(word)
		if unicode.IsDigit(first) {
			r.nums = append(r.nums, h)
		} else if n, ok := numberWords[t.Stem]; ok {
			// "five" and "5" state the same number.
			r.nums = append(r.nums, hashStem(n))
		} else if unicode.IsUpper(first) && k > t0 && !t.Stop {
			r.caps = append(r.caps, h)
		}
		for _, c := range word {
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				letters = append(letters, unicode.ToLower(c))
			}
		}
	}
	for k := 0; k+3 <= len(letters); k++ {
		r.char3 = append(r.char3, uint64(letters[k])<<42^uint64(letters[k+1])<<21^uint64(letters[k+2]))
	}
	for k := 0; k+4 <= len(letters); k++ {
		r.char4 = append(r.char4, uint64(letters[k])<<48^uint64(letters[k+1])<<32^uint64(letters[k+2])<<16^uint64(letters[k+3]))
	}
	r.char4 = uniq(r.char4)
	r.tri = uniq(r.tri)
	r.all = uniq(r.all)
	r.bigrams = uniq(r.bigrams)
	r.char3 = uniq(r.char3)
	r.nums = uniq(r.nums)
	r.caps = uniq(r.caps)
	// Weights follow the sorted, distinct content hashes.
	wmap := make(map[uint64]float64, t1-t0)
	for k := t0; k < t1; k++ {
		if !d.Terms[k].Stop {
			wmap[d.Hashes[k]] = w(d.Terms[k].Stem)
		}
	}
	smap := make(map[uint64]string, t1-t0)
	for k := t0; k < t1; k++ {
		smap[d.Hashes[k]] = d.Terms[k].Stem
	}
	r.content = uniq(r.content)
	r.stems = make([]string, len(r.content))
	for i, h := range r.content {
		// Abbreviations keep their dot ("colo.", "calif."): near spellings
		// are compared without it.
		r.stems[i] = strings.TrimRight(smap[h], ".")
	}
	r.weight = make([]float64, len(r.content))
	for i, h := range r.content {
		r.weight[i] = wmap[h]
		r.wsum += r.weight[i]
		r.wnorm += r.weight[i] * r.weight[i]
	}
	r.wnorm = math.Sqrt(r.wnorm)
	// Cluster bags: words of one fine cluster ("quit", "resigned") count
	// as one dimension; unclustered words stay themselves.
	r.fine = make([]uint32, len(r.content))
	fb := make(map[uint64]float64, len(r.content))
	mb := make(map[uint64]float64, len(r.content))
	for i, h := range r.content {
		c := fineOf[h]
		r.fine[i] = c
		kf, km := h, h
		if c != 0 {
			kf = uint64(c)
			km = midOf[h] + 1<<40 // apart from fine ids
		}
		fb[kf] += r.weight[i]
		mb[km] += r.weight[i]
	}
	r.fines, r.cnorm = bag(fb)
	r.mids, r.mnorm = bag(mb)
	r.english = d.Lang == stem.English
	return r
}

// vectors looks up the word vectors once, on the first comparison that
// needs them (SentenceScore does not).
func (r *SentRep) vectors() {
	r.vecOnce.Do(func() {
		r.vec = make([][]float32, len(r.content))
		if Words != nil && r.english {
			for i := range r.vec {
				r.vec[i] = Words.Vector(r.stems[i])
			}
		}
		r.svnorm = math.Sqrt(softDot(r, r))
	})
}

// wordSim is the similarity of content stems i of a and j of b: 1 when
// equal, the Words similarity (negative clipped to 0) when both are known.
func wordSim(a *SentRep, i int, b *SentRep, j int) float64 {
	if a.content[i] == b.content[j] {
		return 1
	}
	return max(wordvec.Dot(a.vec[i], b.vec[j]), 0)
}

// softDot is the soft-cosine numerator: sum over stem pairs of both IDF
// weights times their word similarity (equal to the dot product of the
// IDF-weighted sums of word vectors when Sim is a vector cosine).
func softDot(a, b *SentRep) float64 {
	s := 0.0
	for i := range a.content {
		for j := range b.content {
			if w := wordSim(a, i, b, j); w > 0 {
				s += a.weight[i] * b.weight[j] * w
			}
		}
	}
	return s
}

// vecAlign sums, over a's content stems, the IDF weight times the best
// word similarity in b (greedy soft alignment), and counts the stems whose
// best match stays under alignedMin, with the largest IDF among them.
func vecAlign(a, b *SentRep) (sum float64, unaligned int, umax float64) {
	for i := range a.content {
		best := 0.0
		for j := range b.content {
			best = max(best, wordSim(a, i, b, j))
		}
		sum += a.weight[i] * best
		if best < alignedMin {
			unaligned++
			umax = max(umax, a.weight[i])
		}
	}
	return sum, unaligned, umax
}

// alignedMin is the word similarity under which a stem counts as unaligned.
const alignedMin = 0.5

// bag turns key weights into a sorted bag (slices.Sort on the keys: a
// sort of its own element type would add a generic copy to the wasm).
func bag(m map[uint64]float64) ([]wt, float64) {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]wt, len(keys))
	n := 0.0
	for i, k := range keys {
		out[i] = wt{k, m[k]}
		n += m[k] * m[k]
	}
	return out, math.Sqrt(n)
}

func bagCos(a, b []wt, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	dot, i, j := 0.0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].k < b[j].k:
			i++
		case a[i].k > b[j].k:
			j++
		default:
			dot += a[i].w * b[j].w
			i++
			j++
		}
	}
	return dot / (na * nb)
}

func uniq(x []uint64) []uint64 {
	slices.Sort(x)
	return slices.Compact(x)
}

func countCommon(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(countCommon(a, b)) / float64(len(a)+len(b))
}

func jacc(a, b []uint64, empty float64) float64 {
	if len(a)+len(b) == 0 {
		return empty
	}
	c := countCommon(a, b)
	return float64(c) / float64(len(a)+len(b)-c)
}

// Features computes the sentence-pair features; they are symmetric in a, b.
func Features(a, b *SentRep) [NumFeatures]float64 {
	f := features(a, b)
	vecFeatures(&f, a, b)
	return f
}

// features computes all but the word-vector features (41-47), which stay
// zero, as for the model fitted without them. SentenceScore uses only
// this, so a program that never calls Features or Paraphrase (the page's
// engine) does not link the word table.
func features(a, b *SentRep) [NumFeatures]float64 {
	var f [NumFeatures]float64
	f[0] = 1
	// Weighted overlap of content stems: one merge gives the shared weight.
	var shared, dot float64
	i, j := 0, 0
	for i < len(a.content) && j < len(b.content) {
		switch {
		case a.content[i] < b.content[j]:
			i++
		case a.content[i] > b.content[j]:
			j++
		default:
			w := (a.weight[i] + b.weight[j]) / 2
			shared += w
			dot += a.weight[i] * b.weight[j]
			i++
			j++
		}
	}
	if a.wnorm > 0 && b.wnorm > 0 {
		f[1] = dot / (a.wnorm * b.wnorm)
	}
	ca, cb := 0.0, 0.0
	if a.wsum > 0 {
		ca = min(shared/a.wsum, 1)
	}
	if b.wsum > 0 {
		cb = min(shared/b.wsum, 1)
	}
	f[2], f[3] = min(ca, cb), max(ca, cb)
	f[4] = jacc(a.content, b.content, 0)
	f[5] = dice(a.bigrams, b.bigrams)
	f[6] = dice(a.char3, b.char3)
	f[7] = jacc(a.nums, b.nums, 1)
	if len(a.nums)+len(b.nums) > 0 && countCommon(a.nums, b.nums) != max(len(a.nums), len(b.nums)) {
		f[8] = 1
	}
	na, nb := float64(len(a.content)), float64(len(b.content))
	if m := max(na, nb); m > 0 {
		f[9] = math.Abs(na-nb) / m
	}
	f[10] = jacc(a.caps, b.caps, 1)
	f[11] = f[1] * f[1]
	f[12] = math.Log1p(min(na, nb))
	f[13] = dice(a.all, b.all)
	if u := a.wsum + b.wsum - shared; u > 0 {
		f[14] = shared / u
	}
	cb2 := countCommon(a.bigrams, b.bigrams)
	if len(a.bigrams) > 0 && len(b.bigrams) > 0 {
		x, y := float64(cb2)/float64(len(a.bigrams)), float64(cb2)/float64(len(b.bigrams))
		f[15], f[16] = min(x, y), max(x, y)
	}
	f[17] = dice(a.tri, b.tri)
	if l := lcs(a.seq, b.seq); l > 0 {
		f[18] = float64(l) / float64(max(len(a.seq), len(b.seq)))
		f[19] = float64(l) / float64(min(len(a.seq), len(b.seq)))
	}
	if a.neg != b.neg {
		f[20] = 1
	}
	f[21] = dice(a.char4, b.char4)
	f[22] = max(maxUnmatched(a, b), maxUnmatched(b, a)) / 10
	f[23] = math.Log1p(float64(len(a.caps) + len(b.caps) - 2*countCommon(a.caps, b.caps)))
	ma, mb := matchIn(a, b), matchIn(b, a)
	sa, ua, sb, ub := ma.soft, ma.unmatched, mb.soft, mb.unmatched
	if a.wsum > 0 && b.wsum > 0 {
		x, y := min(sa/a.wsum, 1), min(sb/b.wsum, 1)
		f[24], f[25] = min(x, y), max(x, y)
	}
	f[26] = math.Log1p(float64(min(ua, ub)))
	f[27] = math.Log1p(float64(max(ua, ub)))
	if m := max(a.wsum, b.wsum); m > 0 {
		f[28] = math.Abs(a.wsum-b.wsum) / m
	}
	xa, xb := math.Log1p(max(a.wsum-sa, 0)), math.Log1p(max(b.wsum-sb, 0))
	f[29], f[30] = min(xa, xb), max(xa, xb)
	ka, va, kb, vb := ma.clus, ma.cunmatch, mb.clus, mb.cunmatch
	f[39], f[40] = max(ma.cmax, mb.cmax)/10, min(ma.cmax, mb.cmax)/10
	if a.wsum > 0 && b.wsum > 0 {
		x, y := min(ka/a.wsum, 1), min(kb/b.wsum, 1)
		f[31], f[32] = min(x, y), max(x, y)
	}
	f[33] = bagCos(a.fines, b.fines, a.cnorm, b.cnorm)
	f[34] = bagCos(a.mids, b.mids, a.mnorm, b.mnorm)
	f[35] = math.Log1p(float64(min(va, vb)))
	f[36] = math.Log1p(float64(max(va, vb)))
	if l := lcs(a.cseq, b.cseq); l > 0 {
		f[37] = float64(l) / float64(max(len(a.cseq), len(b.cseq)))
		f[38] = float64(l) / float64(min(len(a.cseq), len(b.cseq)))
	}
	return f
}

// vecFeatures adds the soft-alignment features through the word vectors.
func vecFeatures(f *[NumFeatures]float64, a, b *SentRep) {
	if Words != nil {
		a.vectors()
		b.vectors()
		va, ua, xa := vecAlign(a, b)
		vb, ub, xb := vecAlign(b, a)
		if a.wsum > 0 && b.wsum > 0 {
			x, y := min(va/a.wsum, 1), min(vb/b.wsum, 1)
			f[41], f[42] = min(x, y), max(x, y)
		}
		if a.svnorm > 0 && b.svnorm > 0 {
			// One summation order for (a, b) and (b, a): the features
			// are exactly symmetric.
			x, y := a, b
			if slices.Compare(a.content, b.content) > 0 {
				x, y = b, a
			}
			f[43] = min(softDot(x, y)/(a.svnorm*b.svnorm), 1)
		}
		f[44] = math.Log1p(float64(min(ua, ub)))
		f[45] = math.Log1p(float64(max(ua, ub)))
		f[46], f[47] = max(xa, xb)/10, min(xa, xb)/10
	}
}

// matches sums what of a's content stems is found in b.
type matches struct {
	soft      float64 // IDF weight found exactly or as a near spelling
	unmatched int     // stems found neither way
	clus      float64 // soft, plus stems sharing b's fine word cluster
	cunmatch  int     // stems found no way
	cmax      float64 // the largest IDF of those
}

// matchIn finds a's content stems in b exactly, as a near spelling (one
// a prefix of the other, or one edit apart, for stems of five letters or
// more: "U.S."/"US", inflections the stemmer missed, typos) or, for the
// cluster figures, as a word of the same fine embedding cluster (near
// synonyms such as "quit"/"resigned").
func matchIn(a, b *SentRep) (m matches) {
	j := 0
	for i, h := range a.content {
		for j < len(b.content) && b.content[j] < h {
			j++
		}
		if j < len(b.content) && b.content[j] == h {
			m.soft += a.weight[i]
			m.clus += a.weight[i]
			continue
		}
		near, clus := false, false
		x := a.stems[i]
		for k, t := range b.stems {
			clus = clus || a.fine[i] != 0 && a.fine[i] == b.fine[k]
			// Every near spelling shares the first or the last byte.
			if len(x) < 4 || len(t) < 4 || x[0] != t[0] && x[len(x)-1] != t[len(t)-1] {
				continue
			}
			if nearSpelling(x, t) {
				near = true
				break
			}
		}
		switch {
		case near:
			m.soft += a.weight[i]
			m.clus += a.weight[i]
		case clus:
			m.unmatched++
			m.clus += a.weight[i]
		default:
			m.unmatched++
			m.cunmatch++
			m.cmax = max(m.cmax, a.weight[i])
		}
	}
	return m
}

func nearSpelling(x, y string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) < 4 {
		return false
	}
	if len(y) >= 5 && (y[:len(x)] == x || len(x) >= 5 && y[len(y)-len(x):] == x) {
		return true // a prefix ("colo"/"colorado") or a compound's head ("quake"/"earthquake")
	}
	return len(y) >= 5 && len(y)-len(x) <= 1 && editOne(x, y)
}

// editOne reports whether y is x with at most one byte substituted,
// inserted or deleted (len(x) <= len(y) <= len(x)+1).
func editOne(x, y string) bool {
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		return i == len(x) || x[i+1:] == y[i+1:]
	}
	return x[i:] == y[i+1:]
}

// maxUnmatched is the largest IDF of a content stem of a missing from b.
func maxUnmatched(a, b *SentRep) float64 {
	m, j := 0.0, 0
	for i, h := range a.content {
		for j < len(b.content) && b.content[j] < h {
			j++
		}
		if j >= len(b.content) || b.content[j] != h {
			m = max(m, a.weight[i])
		}
	}
	return m
}

// lcs is the length of the longest common subsequence of two short
// sequences (sentences), in O(len(a)·len(b)) time and O(len(b)) space.
func lcs(a, b []uint64) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// SentenceScore is the "same fact" score of two sentences in 0..1: the
// boosted-tree regression of STS Benchmark train (news) scaled from 0..5.
func SentenceScore(a, b *SentRep) float64 {
	return min(max(STSModel.Apply(features(a, b))/5, 0), 1)
}

// Paraphrase reports whether two sentences say the same thing: the
// boosted trees fitted to MSRP train, at the cross-validated threshold.
func Paraphrase(a, b *SentRep) bool {
	return ParaModel.Apply(Features(a, b)) > 0
}
