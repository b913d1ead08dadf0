package similarity

import (
	"sort"

	"gloss/internal/stem"
)

// Passage kinds.
const (
	Exact  = "exact"  // same words in the same order (case and punctuation aside)
	Edited = "edited" // the same passage with words changed, added, dropped or inflected
)

// Passage is a region of article A aligned with a region of article B.
// Byte ranges are half-open; term ranges index Doc.Terms.
type Passage struct {
	AStart, AEnd int
	BStart, BEnd int
	Kind         string
	AT0, AT1     int // term range in A
	BT0, BT1     int // term range in B
	Run          int // longest verbatim run inside, in content terms
	Matched      int // content terms of A covered by matching shingles
}

// Alignment tuning. A gap is measured in content terms; a seed is one shared
// shingle. The defaults were chosen on the synthetic reuse training split.
var (
	// MaxGap is how far apart (in content terms, on each side) two seeds may
	// be and still belong to one passage: an edit replacing a word loses
	// ShingleSize seeds, a changed clause a few more.
	MaxGap = 8
	// MaxShift is the largest change of diagonal (words inserted on one side
	// only) bridged inside a passage.
	MaxShift = 3
	// MinSeeds is the least number of shared shingles in a passage; a single
	// shared three-word phrase is often a stock phrase, not reuse.
	MinSeeds = 2
	// MaxPositions caps how many places of B one shingle may seed, so
	// boilerplate repeated many times cannot make alignment quadratic.
	MaxPositions = 8
)

type seedPair struct{ i, j int32 }

type chain struct {
	i0, j0       int32 // first seed
	li, lj       int32 // last seed
	n            int   // seeds
	run, bestRun int   // current and longest same-diagonal run of seeds
}

// Align finds the passages that a and b share, in order of position in a.
// Each region of either text belongs to at most one passage.
func Align(a, b *Doc) []Passage {
	sa := a.Shingles()
	sb := b.Shingles()
	if len(sa) == 0 || len(sb) == 0 || len(a.Content) < ShingleSize || len(b.Content) < ShingleSize {
		return nil
	}
	idx := make(map[uint64][]int32, len(sb))
	for j, h := range sb {
		if p := idx[h]; len(p) < MaxPositions {
			idx[h] = append(p, int32(j))
		}
	}
	var chains []*chain
	var active []*chain
	for i, h := range sa {
		pos, ok := idx[h]
		if !ok {
			continue
		}
		i := int32(i)
		// Drop chains that can no longer be extended.
		k := 0
		for _, c := range active {
			if i-c.li <= int32(MaxGap) {
				active[k] = c
				k++
			}
		}
		active = active[:k]
		for _, j := range pos {
			var best *chain
			bestShift := int32(1 << 30)
			for _, c := range active {
				if c.li >= i || j <= c.lj || j-c.lj > int32(MaxGap) {
					continue
				}
				shift := (i - c.li) - (j - c.lj)
				if shift < 0 {
					shift = -shift
				}
				if shift <= int32(MaxShift) && shift < bestShift {
					best, bestShift = c, shift
				}
			}
			if best == nil {
				c := &chain{i0: i, j0: j, li: i, lj: j, n: 1, run: 1, bestRun: 1}
				chains = append(chains, c)
				active = append(active, c)
				continue
			}
			if i-best.li == 1 && j-best.lj == 1 {
				best.run++
			} else {
				best.run = 1
			}
			best.bestRun = max(best.bestRun, best.run)
			best.li, best.lj = i, j
			best.n++
		}
	}
	// Longest chains first; a region already aligned is not aligned again.
	sort.SliceStable(chains, func(x, y int) bool { return chains[x].n > chains[y].n })
	var out []Passage
	for _, c := range chains {
		if c.n < MinSeeds {
			break
		}
		p := Passage{
			AT0: int(a.Content[c.i0]), AT1: int(a.Content[int(c.li)+ShingleSize-1]) + 1,
			BT0: int(b.Content[c.j0]), BT1: int(b.Content[int(c.lj)+ShingleSize-1]) + 1,
			Run:     c.bestRun + ShingleSize - 1,
			Matched: int(c.li-c.i0) + ShingleSize,
		}
		if overlaps(out, p) {
			continue
		}
		extend(a, b, &p, out)
		out = append(out, p)
	}
	sort.Slice(out, func(x, y int) bool { return out[x].AT0 < out[y].AT0 })
	for k := range out {
		p := &out[k]
		p.AStart, p.AEnd = a.Terms[p.AT0].Start, a.Terms[p.AT1-1].End
		p.BStart, p.BEnd = b.Terms[p.BT0].Start, b.Terms[p.BT1-1].End
		p.Kind = kind(a, b, p)
	}
	return out
}

func overlaps(ps []Passage, p Passage) bool {
	for _, q := range ps {
		if p.AT0 < q.AT1 && q.AT0 < p.AT1 || p.BT0 < q.BT1 && q.BT0 < p.BT1 {
			return true
		}
	}
	return false
}

// extend grows p over equal neighbouring terms (stopwords included, which
// shingles skip) without running into passages already taken.
func extend(a, b *Doc, p *Passage, taken []Passage) {
	for p.AT0 > 0 && p.BT0 > 0 && a.Hashes[p.AT0-1] == b.Hashes[p.BT0-1] {
		q := *p
		q.AT0--
		q.BT0--
		if overlaps(taken, q) {
			break
		}
		*p = q
	}
	for p.AT1 < len(a.Terms) && p.BT1 < len(b.Terms) && a.Hashes[p.AT1] == b.Hashes[p.BT1] {
		q := *p
		q.AT1++
		q.BT1++
		if overlaps(taken, q) {
			break
		}
		*p = q
	}
}

func kind(a, b *Doc, p *Passage) string {
	if p.AT1-p.AT0 != p.BT1-p.BT0 {
		return Edited
	}
	for k := 0; k < p.AT1-p.AT0; k++ {
		ta, tb := a.Terms[p.AT0+k], b.Terms[p.BT0+k]
		if stem.Normalize(a.Text[ta.Start:ta.End]) != stem.Normalize(b.Text[tb.Start:tb.End]) {
			return Edited
		}
	}
	return Exact
}

// Coverage returns the fraction of content terms of a and of b that lie
// inside the passages.
func Coverage(a, b *Doc, ps []Passage) (ca, cb float64) {
	return coverage(a, ps, true), coverage(b, ps, false)
}

func coverage(d *Doc, ps []Passage, isA bool) float64 {
	if len(d.Content) == 0 {
		return 0
	}
	n := 0
	for _, p := range ps {
		t0, t1 := p.BT0, p.BT1
		if isA {
			t0, t1 = p.AT0, p.AT1
		}
		for t := t0; t < t1; t++ {
			if !d.Terms[t].Stop {
				n++
			}
		}
	}
	return float64(n) / float64(len(d.Content))
}
