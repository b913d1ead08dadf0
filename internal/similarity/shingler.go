package similarity

import (
	"gloss/internal/stem"
)

// Shingler computes index shingles for thousands of articles quickly: a
// byte scanner instead of the Unicode word segmenter and a private cache
// from raw word to stem hash. On plain prose its shingles equal
// Doc.Shingles; it differs on tokens the segmenter treats specially (an
// abbreviation's final dot, e-mail addresses, URLs), which only matters for
// finding candidates: pairs are then scored on full Docs. A Shingler is not
// safe for concurrent use.
type Shingler struct {
	st *stem.Stemmer
	// table is an open-addressing cache keyed by a 64-bit hash of the
	// lowercased word, computed while scanning: cheaper than a string map
	// on the hot path (a collision of 64-bit keys is not a practical risk).
	table []wordInfo
	used  int
}

type wordInfo struct {
	key  uint64 // 0 = empty slot
	hash uint64 // stem hash
	stop bool
}

// NewShingler returns a Shingler for texts in lang.
func NewShingler(lang stem.Lang) *Shingler {
	return &Shingler{st: stem.For(lang), table: make([]wordInfo, 1<<12)}
}

// wordByte classifies bytes: 1 letter/digit/non-ASCII, 2 upper-case ASCII
// letter (lowercased into the key), 0 anything else.
var wordByte = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'A' && c <= 'Z':
			t[c] = 2
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80:
			t[c] = 1
		}
	}
	return t
}()

func isWordByte(c byte) bool { return wordByte[c] != 0 }

// Shingles returns the shingle hashes of text in order, like Doc.Shingles.
func (s *Shingler) Shingles(text string) []uint64 {
	var win [ShingleSize]uint64
	n := 0
	out := make([]uint64, 0, len(text)/12)
	i := 0
	for i < len(text) {
		for i < len(text) && wordByte[text[i]] == 0 {
			i++
		}
		start := i
		key := uint64(14695981039346656037)
		for i < len(text) {
			c := text[i]
			if k := wordByte[c]; k != 0 {
				if k == 2 {
					c += 'a' - 'A'
				}
				key = (key ^ uint64(c)) * 1099511628211
				i++
				continue
			}
			// Inner apostrophes, and dots or commas between digits or
			// letters, stay inside the word ("don't", "1,000", "U.S").
			if (c == '\'' || c == '.' || c == ',') && i+1 < len(text) && isWordByte(text[i+1]) && i > start {
				key = (key ^ uint64(c)) * 1099511628211
				i++
				continue
			}
			break
		}
		if i == start {
			continue
		}
		w := s.word(text[start:i], key|1)
		if w.stop {
			continue
		}
		copy(win[:], win[1:])
		win[ShingleSize-1] = w.hash
		n++
		if n >= ShingleSize {
			out = append(out, windowHash(win[:]))
		}
	}
	if n > 0 && n < ShingleSize {
		out = append(out, windowHash(win[ShingleSize-n:]))
	}
	return out
}

func (s *Shingler) word(w string, key uint64) wordInfo {
	mask := uint64(len(s.table) - 1)
	for k := mix(key) & mask; ; k = (k + 1) & mask {
		e := &s.table[k]
		if e.key == key {
			return *e
		}
		if e.key == 0 {
			break
		}
	}
	st, stop := s.st.StemStop(w)
	wi := wordInfo{key: key, hash: hashStem(st), stop: stop}
	if 2*(s.used+1) > len(s.table) {
		s.grow()
	}
	s.insert(wi)
	return wi
}

func (s *Shingler) insert(wi wordInfo) {
	mask := uint64(len(s.table) - 1)
	k := mix(wi.key) & mask
	for s.table[k].key != 0 {
		k = (k + 1) & mask
	}
	s.table[k] = wi
	s.used++
}

// grow doubles the table, or starts afresh past maxWords so that an
// endless feed cannot grow it without bound.
func (s *Shingler) grow() {
	const maxWords = 1 << 20
	old := s.table
	s.used = 0
	if len(old) >= 2*maxWords {
		clear(s.table)
		return
	}
	s.table = make([]wordInfo, 2*len(old))
	for _, e := range old {
		if e.key != 0 {
			s.insert(e)
		}
	}
}
