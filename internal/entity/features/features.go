// Package features turns a tokenized sentence into the hashed feature ids
// the entity tagger scores: word forms, shapes, affixes, neighbours, word
// clusters, gazetteer matches, sentence-position and headline flags, and
// document-level history. Features are 64-bit FNV-1a hashes of a template
// id and its values, so nothing is allocated per feature and the trainer
// and the runtime agree by construction.
package features

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Templates. Their numbers are part of the model format: append, never
// renumber.
const (
	tBias = iota + 1
	tWord
	tLower
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tShape
	tShapeM1
	tShapeP1
	tShapeM1W
	tShapeWP1
	tPre
	tSuf
	tClusF
	tClusM
	tClusC
	tClusFM1
	tClusFP1
	tClusMM1
	tClusMP1
	tInitShape
	tInitCommon
	tHeadLower
	tBigramM1
	tBigramP1
	tCommonCap
	tHyphFirst
	tHyphLast
	tHyphClus
	tGaz
	tHist
	tHistFull
	tLongShape
	tHeadShape
	tClusM2
	tClusP2
	tShapeM2
	tShapeP2
	tPrevTitle
	tGazSrc
	tQuoteCtx // reserved (unused)
)

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

func hStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

func hByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	h *= prime64
	return h
}

func hUint(h uint64, v uint32) uint64 {
	h = hByte(h, byte(v))
	h = hByte(h, byte(v>>8))
	h = hByte(h, byte(v>>16))
	return hByte(h, byte(v>>24))
}

func tmpl(t int) uint64 { return hByte(hByte(offset64, byte(t)), 0xff) }

// Resources are the lexical tables features consult. All may be nil/empty.
type Resources struct {
	// Clusters maps a lower-case word to its cluster ids: fine, mid, coarse.
	Clusters map[string][3]uint16
	// Common holds words that are mostly written in lower case in running
	// text; a capitalised common word at a sentence start is weak evidence.
	Common map[string]bool
	// Titles are words that precede names but are not part of them.
	Titles map[string]bool
	// Gaz are gazetteers of known names, one per source.
	Gaz []*Gazetteer
}

// Tok is the per-token information computed once per token.
type Tok struct {
	Norm   string // the word with curly quotes straightened
	Lower  string
	Shape  string // compressed shape: "Xx", "X.X.", "d,d"
	Long   string // shape without compression, capped
	Cap    bool   // first letter upper case
	Clus   [3]uint16
	HasCl  bool
	Common bool
	Title  bool   // a title word ("president", "gen.")
	Minor  bool   // a short function word that stays lower case in Title Case
	Hash   uint64 // WordHash(Norm), for gazetteer matching
}

// Normalize straightens typographic quotes and dashes so that news text
// matches the training corpora's ASCII conventions.
func Normalize(w string) string {
	if isASCII(w) {
		return w
	}
	return normReplacer.Replace(w)
}

var normReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"", "\u2013", "-", "\u2014", "--", "\u2011", "-", "\u2010", "-", "\u00ab", "\"", "\u00bb", "\"")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Shapes returns the compressed and long shapes of w.
func Shapes(w string) (short, long string) {
	var sb, lb [32]byte
	s, l := sb[:0], lb[:0]
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if len(l) < cap(lb) {
			l = append(l, c)
		}
		if c != last && len(s) < cap(sb) {
			s = append(s, c)
		}
		last = c
	}
	return string(s), string(l)
}

// Prepare computes the per-token information for words.
func (r *Resources) Prepare(words []string, out []Tok) []Tok {
	out = out[:0]
	for _, w := range words {
		n := Normalize(w)
		t := Tok{Norm: n, Lower: strings.ToLower(n), Hash: WordHash(n)}
		t.Shape, t.Long = Shapes(n)
		fr, _ := utf8.DecodeRuneInString(n)
		t.Cap = unicode.IsUpper(fr)
		t.Minor = !t.Cap && minorWords[t.Lower]
		if r != nil {
			if c, ok := r.Clusters[t.Lower]; ok {
				t.Clus, t.HasCl = c, true
			}
			t.Common = r.Common[t.Lower]
			t.Title = r.Titles[t.Lower]
		}
		out = append(out, t)
	}
	return out
}

// History is the document-level memory of what earlier sentences'
// predictions said about a word (lower-cased): how often it was inside an
// entity of each label, and whether it ended a multi-word person name.
type History struct {
	m map[string]*histEntry
}

type histEntry struct {
	counts  [8]uint16
	fullPER bool
}

// NewHistory returns an empty document history.
func NewHistory() *History { return &History{m: map[string]*histEntry{}} }

// Record notes that words[start:end] were predicted as an entity with the
// label index lab (0-based among the tagger's labels).
func (h *History) Record(toks []Tok, start, end, lab int) {
	if h == nil || lab < 0 || lab >= 8 {
		return
	}
	for i := start; i < end; i++ {
		if !toks[i].Cap {
			continue
		}
		e := h.m[toks[i].Lower]
		if e == nil {
			e = &histEntry{}
			h.m[toks[i].Lower] = e
		}
		if e.counts[lab] < 65535 {
			e.counts[lab]++
		}
		if end-start > 1 && lab == 0 && (i == start || i == end-1) {
			e.fullPER = true
		}
	}
}

func (h *History) lookup(w string) (int, bool, bool) {
	if h == nil {
		return 0, false, false
	}
	e := h.m[w]
	if e == nil {
		return 0, false, false
	}
	best, bc := -1, uint16(0)
	for l, c := range e.counts {
		if c > bc {
			best, bc = l, c
		}
	}
	return best, e.fullPER, best >= 0
}

// Roles a token plays in the features of a position: itself, or a
// neighbour at -1, +1, -2, +2. A token's features in each role depend on
// the token alone, so the runtime caches their summed weights per word.
const (
	RoleSelf = iota
	RoleM1
	RoleP1
	RoleM2
	RoleP2
	NumRoles
)

// Sentinels stand in for neighbours beyond the sentence edges.
var (
	edgeStart = &Tok{Norm: "<s>", Lower: "<s>", Shape: "<s>"}
	edgeEnd   = &Tok{Norm: "</s>", Lower: "</s>", Shape: "</s>"}
)

// Edge returns the sentinel for a missing neighbour in role.
func Edge(role int) *Tok {
	if role == RoleM1 || role == RoleM2 {
		return edgeStart
	}
	return edgeEnd
}

// WordFeatures appends the features token t contributes in role. Sentinel
// tokens (Edge) contribute only their word and shape.
func (r *Resources) WordFeatures(t *Tok, role int, dst []uint64) []uint64 {
	edge := t == edgeStart || t == edgeEnd
	switch role {
	case RoleM1:
		dst = append(dst, hStr(tmpl(tLowerM1), t.Lower), hStr(tmpl(tShapeM1), t.Shape))
		if !edge && t.HasCl {
			dst = append(dst, hUint(tmpl(tClusFM1), uint32(t.Clus[0])), hUint(tmpl(tClusMM1), uint32(t.Clus[1])))
		}
		return dst
	case RoleP1:
		dst = append(dst, hStr(tmpl(tLowerP1), t.Lower), hStr(tmpl(tShapeP1), t.Shape))
		if !edge && t.HasCl {
			dst = append(dst, hUint(tmpl(tClusFP1), uint32(t.Clus[0])), hUint(tmpl(tClusMP1), uint32(t.Clus[1])))
		}
		return dst
	case RoleM2:
		dst = append(dst, hStr(tmpl(tLowerM2), t.Lower), hStr(tmpl(tShapeM2), t.Shape))
		if !edge && t.HasCl {
			dst = append(dst, hUint(tmpl(tClusM2), uint32(t.Clus[1])))
		}
		return dst
	case RoleP2:
		dst = append(dst, hStr(tmpl(tLowerP2), t.Lower), hStr(tmpl(tShapeP2), t.Shape))
		if !edge && t.HasCl {
			dst = append(dst, hUint(tmpl(tClusP2), uint32(t.Clus[1])))
		}
		return dst
	}
	dst = append(dst, tmpl(tBias))
	dst = append(dst, hStr(tmpl(tWord), t.Norm))
	dst = append(dst, hStr(tmpl(tLower), t.Lower))
	dst = append(dst, hStr(tmpl(tShape), t.Shape))
	dst = append(dst, hStr(tmpl(tLongShape), t.Long))
	// affixes over runes of the lower-case form
	lw := t.Lower
	for k, n := 1, 0; k <= 4; k++ {
		_, sz := utf8.DecodeRuneInString(lw[n:])
		if sz == 0 {
			break
		}
		n += sz
		if n >= len(lw) && k > 1 {
			break
		}
		dst = append(dst, hStr(hByte(tmpl(tPre), byte(k)), lw[:n]))
	}
	for k, n := 1, len(lw); k <= 4; k++ {
		_, sz := utf8.DecodeLastRuneInString(lw[:n])
		if sz == 0 {
			break
		}
		n -= sz
		if n <= 0 && k > 1 {
			break
		}
		dst = append(dst, hStr(hByte(tmpl(tSuf), byte(k)), lw[n:]))
	}
	if t.HasCl {
		dst = append(dst, hUint(tmpl(tClusF), uint32(t.Clus[0])))
		dst = append(dst, hUint(tmpl(tClusM), uint32(t.Clus[1])))
		dst = append(dst, hStr(hUint(tmpl(tClusC), uint32(t.Clus[2])), t.Shape))
	}
	// hyphenated compounds: "Moscow-based", "Anglo-Dutch"
	if k := strings.IndexByte(t.Lower, '-'); k > 0 && k < len(t.Lower)-1 && t.Kindish() {
		firstPart, lastPart := t.Lower[:k], t.Lower[strings.LastIndexByte(t.Lower, '-')+1:]
		dst = append(dst, hStr(tmpl(tHyphFirst), firstPart))
		dst = append(dst, hStr(tmpl(tHyphLast), lastPart))
		if r != nil {
			if c, ok := r.Clusters[firstPart]; ok {
				dst = append(dst, hUint(tmpl(tHyphClus), uint32(c[1])))
			}
		}
	}
	return dst
}

// ContextFeatures appends the features of position i that depend on more
// than one token or on sentence and document context.
func (r *Resources) ContextFeatures(toks []Tok, i int, headline bool, gaz []GazHit, hist *History, dst []uint64) []uint64 {
	t := &toks[i]
	m1, p1 := edgeStart, edgeEnd
	if i > 0 {
		m1 = &toks[i-1]
	}
	if i+1 < len(toks) {
		p1 = &toks[i+1]
	}
	dst = append(dst, hStr(hByte(hStr(tmpl(tShapeM1W), m1.Shape), 0), t.Shape))
	dst = append(dst, hStr(hByte(hStr(tmpl(tShapeWP1), t.Shape), 0), p1.Shape))
	dst = append(dst, hStr(hByte(hStr(tmpl(tBigramM1), m1.Lower), 0), t.Lower))
	dst = append(dst, hStr(hByte(hStr(tmpl(tBigramP1), t.Lower), 0), p1.Lower))
	// sentence start: a capital there says little on its own
	first := i == 0 || (i == 1 && isQuoteOrDash(toks[0].Norm)) || (i > 0 && (m1.Norm == "\"" || m1.Norm == "--" || m1.Norm == ":"))
	if first {
		dst = append(dst, hStr(tmpl(tInitShape), t.Shape))
		dst = append(dst, hByte(tmpl(tInitCommon), b2b(t.Common)))
	}
	if t.Cap {
		dst = append(dst, hByte(hByte(tmpl(tCommonCap), b2b(t.Common)), b2b(first)))
	}
	if headline {
		dst = append(dst, hStr(tmpl(tHeadLower), t.Lower))
		dst = append(dst, hStr(tmpl(tHeadShape), t.Shape))
	}
	if i > 0 && m1.Title {
		dst = append(dst, hByte(tmpl(tPrevTitle), b2b(t.Cap)))
	}
	for _, g := range gaz {
		dst = append(dst, hByte(hByte(hByte(tmpl(tGaz), g.Label), g.Pos), g.Src))
		dst = append(dst, hStr(hByte(hByte(tmpl(tGazSrc), g.Label), g.Pos), t.Shape))
	}
	if t.Cap {
		if lab, full, ok := hist.lookup(t.Lower); ok {
			dst = append(dst, hByte(tmpl(tHist), byte(lab)))
			if full {
				dst = append(dst, hByte(hByte(tmpl(tHistFull), byte(lab)), b2b(i+1 < len(toks) && toks[i+1].Cap)))
			}
		}
	}
	return dst
}

// Neighbour returns the token at i+off in role's sense, or the sentinel.
func Neighbour(toks []Tok, i, role int) *Tok {
	off := [...]int{0, -1, 1, -2, 2}[role]
	k := i + off
	if k < 0 || k >= len(toks) {
		return Edge(role)
	}
	return &toks[k]
}

// Extract appends all feature hashes of token i of toks to dst: its own
// word features, its neighbours' and the context features.
func (r *Resources) Extract(toks []Tok, i int, headline bool, gaz []GazHit, hist *History, dst []uint64) []uint64 {
	for role := 0; role < NumRoles; role++ {
		dst = r.WordFeatures(Neighbour(toks, i, role), role, dst)
	}
	return r.ContextFeatures(toks, i, headline, gaz, hist, dst)
}

// Kindish reports whether the token is a word rather than a number range.
func (t *Tok) Kindish() bool {
	r, _ := utf8.DecodeRuneInString(t.Norm)
	return unicode.IsLetter(r)
}

func isQuoteOrDash(s string) bool {
	return s == "\"" || s == "'" || s == "--" || s == "-" || s == "(" || s == "``"
}

func b2b(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// Headline reports whether a sentence is written in capitals or Title
// Case, where capitalisation stops being evidence of a name. Short
// function words ("as", "of", "the") stay lower case in Title Case, so
// only the other words count.
func Headline(toks []Tok) bool {
	words, upper, title := 0, 0, 0
	for i := range toks {
		t := &toks[i]
		if !t.Kindish() || t.Minor {
			continue
		}
		words++
		if t.Cap {
			title++
			if t.Shape == "X" || t.Shape == "X." {
				upper++
			}
		}
	}
	if words < 3 {
		return false
	}
	return upper*10 >= words*8 || (title*10 >= words*9 && words >= 4)
}

var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "of": true, "to": true,
	"in": true, "on": true, "at": true, "as": true, "for": true, "with": true, "by": true, "from": true, "into": true,
	"over": true, "after": true, "amid": true, "vs": true, "vs.": true, "via": true, "up": true, "off": true, "out": true,
	"is": true, "are": true, "be": true, "its": true, "his": true, "her": true, "their": true,
}

// TitleCase reports whether a sentence is written in Title Case rather
// than capitals: most words capitalised, few entirely upper case.
func TitleCase(toks []Tok) bool {
	words, upper := 0, 0
	for i := range toks {
		if !toks[i].Kindish() {
			continue
		}
		words++
		if toks[i].Shape == "X" && len(toks[i].Norm) > 1 {
			upper++
		}
	}
	return words > 0 && upper*2 < words
}
