package features

import "math/bits"

// Gazetteer holds known multi-word names as hashes of their token sequence,
// each with the labels it was seen with and, for names mined from the
// training corpus, in how many documents, so that training can leave a
// document's own names out (otherwise the tagger learns to trust the
// gazetteer blindly, which it cannot do on new text).
type Gazetteer struct {
	MaxLen  int
	Entries map[uint32]GazEntry

	// read-only lookup table built by Freeze: open addressing over keys
	keys []uint32
	vals []GazEntry
	mask uint32
}

// Freeze builds the fast lookup table; call it once the gazetteer is
// complete (the model loader does). Later Adds are not seen by Match.
func (g *Gazetteer) Freeze() {
	size := 1
	for size < 2*len(g.Entries)+1 {
		size <<= 1
	}
	g.keys = make([]uint32, size)
	g.vals = make([]GazEntry, size)
	g.mask = uint32(size - 1)
	for k, e := range g.Entries {
		if k == 0 {
			k = 1 // 0 marks an empty slot; a 1-in-4-billion key merge is harmless
		}
		s := mixKey(k) & g.mask
		for g.keys[s] != 0 {
			s = (s + 1) & g.mask
		}
		g.keys[s], g.vals[s] = k, e
	}
}

func mixKey(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x45d9f3b
	k ^= k >> 16
	return k
}

func (g *Gazetteer) get(k uint32) (GazEntry, bool) {
	if g.keys == nil {
		e, ok := g.Entries[k]
		return e, ok
	}
	if k == 0 {
		k = 1
	}
	s := mixKey(k) & g.mask
	for {
		c := g.keys[s]
		if c == 0 {
			return GazEntry{}, false
		}
		if c == k {
			return g.vals[s], true
		}
		s = (s + 1) & g.mask
	}
}

// GazEntry says with which labels a name was seen. DF counts documents per
// label (training only; a shipped gazetteer keeps DF 1 for every label bit).
type GazEntry struct {
	Src byte
	DF  [4]uint16
}

// GazHit is a gazetteer match covering a token: label index, position code
// (1 begin, 2 inside, 3 last, 4 unit) and source.
type GazHit struct{ Label, Pos, Src byte }

// NewGazetteer returns an empty gazetteer for names up to maxLen tokens.
func NewGazetteer(maxLen int) *Gazetteer {
	return &Gazetteer{MaxLen: maxLen, Entries: map[uint32]GazEntry{}}
}

// Key hashes a name given as normalized token texts. It chains the
// words' own hashes (WordHash), which the tagger computes once per word,
// so matching at every start position costs one multiply per word.
func Key(norm []string) uint32 {
	h := uint64(offset64)
	for _, w := range norm {
		h = chain(h, WordHash(w))
	}
	return uint32(h ^ h>>32)
}

// WordHash is the hash of one normalized token text.
func WordHash(w string) uint64 { return hStr(offset64, w) }

func chain(h, wh uint64) uint64 { return (bits.RotateLeft64(h, 23) ^ wh) * 0x9e3779b97f4a7c15 }

// Add records one document's mention of a name with label lab.
func (g *Gazetteer) Add(norm []string, lab int, src byte) {
	if len(norm) == 0 || len(norm) > g.MaxLen || lab < 0 || lab > 3 {
		return
	}
	k := Key(norm)
	e := g.Entries[k]
	e.Src = src
	if e.DF[lab] < 65535 {
		e.DF[lab]++
	}
	g.Entries[k] = e
}

// Exclude names a document's own names (key → label bits) to leave out.
type Exclude map[uint32]uint8

// Match returns, for each token, the gazetteer hits covering it. Names in
// ex lose the one document count they got from the current document.
func (g *Gazetteer) Match(toks []Tok, ex Exclude, out [][]GazHit) [][]GazHit {
	if cap(out) < len(toks) {
		out = make([][]GazHit, len(toks))
	}
	out = out[:len(toks)]
	for i := range out {
		out[i] = out[i][:0]
	}
	if g == nil {
		return out
	}
	for i := range toks {
		if !toks[i].Cap && !startsDigitOrUpper(toks[i].Norm) {
			continue
		}
		h := uint64(offset64)
		for l := 1; l <= g.MaxLen && i+l <= len(toks); l++ {
			h = chain(h, toks[i+l-1].Hash)
			k := uint32(h ^ h>>32)
			e, ok := g.get(k)
			if !ok {
				continue
			}
			own := ex[k]
			for lab := 0; lab < 4; lab++ {
				df := int(e.DF[lab])
				if own&(1<<lab) != 0 {
					df--
				}
				if df <= 0 {
					continue
				}
				for j := i; j < i+l; j++ {
					pos := byte(2)
					switch {
					case l == 1:
						pos = 4
					case j == i:
						pos = 1
					case j == i+l-1:
						pos = 3
					}
					out[j] = append(out[j], GazHit{byte(lab), pos, e.Src})
				}
			}
		}
	}
	return out
}

func startsDigitOrUpper(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] >= 'A' && s[0] <= 'Z')
}
