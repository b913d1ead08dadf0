package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gloss/internal/entity/features"
	"gloss/internal/entity/seq"
	"gloss/internal/token"
)

// found is a name over token indexes of the whole document.
type found struct {
	start, end, label int
	sent              int // index of the sentence's first token
}

var (
	labPER  = seq.LabelIndex("PER")
	labORG  = seq.LabelIndex("ORG")
	labLOC  = seq.LabelIndex("LOC")
	labMISC = seq.LabelIndex("MISC")
)

var postNominal = map[string]bool{"SC": true, "QC": true, "KC": true, "MP": true, "MEP": true, "OBE": true, "MBE": true, "CBE": true, "PhD": true}

var geoHead = map[string]bool{
	"Sea": true, "Ocean": true, "River": true, "Lake": true, "Mountains": true, "Mount": true, "Desert": true, "Island": true,
	"Islands": true, "Bay": true, "Gulf": true, "Valley": true, "Peninsula": true, "Strait": true, "Straits": true, "Canal": true,
}

var orgSuffix = map[string]bool{
	"Inc": true, "Inc.": true, "Corp": true, "Corp.": true, "Co.": true, "Ltd": true, "Ltd.": true, "Plc": true, "PLC": true, "LLC": true,
	"AG": true, "SA": true, "NV": true, "GmbH": true, "Group": true, "Holdings": true, "Industries": true, "Semiconductors": true,
	"Semiconductor": true, "Technologies": true, "Pharmaceuticals": true, "Biologics": true, "Minerals": true, "Airlines": true,
	"Motors": true, "Securities": true, "Partners": true, "Foundation": true, "Institute": true, "University": true,
	"Agency": true, "Ministry": true, "Council": true, "Commission": true, "Authority": true, "Association": true,
	"Organization": true, "Organisation": true, "Federation": true, "Party": true, "Committee": true, "Court": true,
	"Company": true, "Corporation": true, "Systems": true, "Airways": true, "Publishers": true, "Books": true,
}

// nameMonth are months that are also given names or surnames.
var nameMonth = map[string]bool{"April": true, "May": true, "June": true, "July": true, "August": true}

var celestial = map[string]bool{"Earth": true, "Mars": true, "Venus": true, "Jupiter": true, "Saturn": true, "Mercury": false, "Neptune": true, "Uranus": true, "Pluto": true}

var storm = map[string]bool{"Typhoon": true, "Hurricane": true, "Cyclone": true, "Storm": true}

// applyRules enforces document-level consistency and a few conventions the
// statistical tagger cannot see:
//   - a dateline ("BRISTOL —" opening a paragraph) is a place;
//   - a name ending in a facility word ("Memorial Stadium") is LOC;
//   - a mention that repeats part of a longer name elsewhere in the
//     document takes that name's label ("Putin" after "Vladimir Putin",
//     "Brightwater" after "Brightwater Foods").
//
// memory is what a document has taught so far: for each capitalised word
// of a multi-word name, how often each label named it, and which words
// ended a full person name. A Document keeps it across pieces of text.
type memory struct {
	partOf map[string]*[4]int
	sur    map[string]bool
}

func newMemory() *memory {
	return &memory{partOf: map[string]*[4]int{}, sur: map[string]bool{}}
}

func applyRules(words []string, sents []token.Range, fs []found, res *features.Resources, mem *memory) []found {
	fs = datelines(words, sents, fs)
	fs = splitAtVerbs(words, fs, res)
	fs = honorifics(words, sents, fs, res)
	fs = quotedTitles(words, sents, fs)
	fs = particles(words, sents, fs)
	fs = numberedRoads(words, sents, fs)
	keep := fs[:0]
	for _, f := range fs {
		n := f.end - f.start
		last := words[f.end-1]
		switch {
		case n == 1 && postNominal[last] && f.start > 0 && startsUpper(words[f.start-1]):
			continue // "Graham Whitfield SC": a post-nominal, not an organisation
		case n == 1 && nameMonth[last] && f.start > f.sent && datePrep[strings.ToLower(words[f.start-1])]:
			continue // "by May": the month, left to the date rules
		case n > 1 && (facility[last] || geoHead[last] || geoHead[words[f.start]] && words[f.start+1] == "of"):
			f.label = labLOC
		case n > 1 && orgSuffix[last]:
			f.label = labORG
		case n == 1 && celestial[last]:
			f.label = labLOC
		}
		// a leading "The" stays outside longer names ("the World Health
		// Organization") but belongs to short titles ("The Lancet")
		if n >= 3 && words[f.start] == "The" {
			f.start++
		}
		// "Typhoon Miyabi" → the storm's name alone, as MISC
		if storm[words[f.start]] && n > 1 {
			f.start++
			f.label = labMISC
		} else if f.start > 0 && storm[words[f.start-1]] {
			f.label = labMISC
		}
		keep = append(keep, f)
	}
	fs = keep
	// Longer names teach shorter ones their label.
	for _, f := range fs {
		if f.end-f.start < 2 {
			continue
		}
		if f.label == labPER {
			mem.sur[words[f.end-1]] = true
		}
		for k := f.start; k < f.end; k++ {
			w := words[k]
			if !startsUpper(w) && !particleName(w) || res.Common[strings.ToLower(w)] {
				continue
			}
			v := mem.partOf[w]
			if v == nil {
				v = &[4]int{}
				mem.partOf[w] = v
			}
			v[f.label]++
		}
	}
	// A surname of a person named in full elsewhere is that person even
	// where the tagger saw only a common word ("May said" after "Hana May").
	fs = addSurnames(words, sents, fs, mem.sur)
	for i := range fs {
		f := &fs[i]
		if f.end-f.start != 1 {
			continue
		}
		v := mem.partOf[words[f.start]]
		if v == nil {
			continue
		}
		best, bn := -1, 0
		for l, n := range v {
			if n > bn {
				best, bn = l, n
			}
		}
		// "Madrid" may be the city of "Real Madrid": only persons spread
		// freely; an organisation only corrects a person reading.
		if best == labPER && f.label != labPER || best == labORG && f.label == labPER {
			f.label = best
		}
	}
	return fs
}

var facility = map[string]bool{
	"Stadium": true, "Arena": true, "Airport": true, "Square": true, "Street": true, "Avenue": true, "Road": true,
	"Bridge": true, "Station": true, "Hospital": true, "Jail": true, "Prison": true, "Dam": true, "Palace": true,
	"Tower": true, "Cathedral": true, "Mosque": true, "Highway": true, "Boulevard": true, "Park": true, "Lane": true,
	"Stadion": true, "Stade": true, "Estadio": true,
}

func isDash(w string) bool {
	return w == "—" || w == "–" || w == "-" || w == "--"
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// datelines makes the capitalised place that opens a news paragraph
// ("PORT SUDAN — ...") one LOC span, replacing whatever the tagger found
// inside it.
func datelines(words []string, sents []token.Range, fs []found) []found {
	out := make([]found, 0, len(fs)+len(sents)/8+1)
	k := 0
	for _, sr := range sents {
		st := sr.Start
		end := st
		for end < sr.End && end-st < 5 && isCapsWord(words[end]) {
			end++
		}
		// CoNLL-style "SOCCER - JAPAN ..." uses a hyphen; datelines a dash
		ok := end > st && end < sr.End && isDash(words[end]) && words[end] != "-"
		for k < len(fs) && fs[k].start < st {
			out = append(out, fs[k])
			k++
		}
		if ok {
			// drop spans inside the dateline
			for k < len(fs) && fs[k].end <= end {
				k++
			}
			if k < len(fs) && fs[k].start < end {
				ok = false // a span crosses the dash; leave it
			} else {
				out = append(out, found{st, end, labLOC, st})
			}
		}
	}
	return append(out, fs[k:]...)
}

func isCapsWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// addSurnames tags unlabelled capitalised words that end a multi-word
// person name found elsewhere in the document, unless a preposition makes
// them read as something else ("by May" is the month).
func addSurnames(words []string, sents []token.Range, fs []found, sur map[string]bool) []found {
	if len(sur) == 0 {
		return fs
	}
	covered := make([]bool, len(words))
	for _, f := range fs {
		for k := f.start; k < f.end; k++ {
			covered[k] = true
		}
	}
	var add []found
	for _, s := range sents {
		for k := s.Start; k < s.End; k++ {
			w := words[k]
			if covered[k] || !sur[w] || !startsUpper(w) && !particleName(w) || isCapsWord(w) {
				continue
			}
			if k > s.Start && (datePrep[strings.ToLower(words[k-1])] || startsUpper(words[k-1])) {
				continue
			}
			if k+1 < s.End && startsUpper(words[k+1]) {
				continue
			}
			add = append(add, found{k, k + 1, labPER, s.Start})
		}
	}
	if len(add) == 0 {
		return fs
	}
	out := make([]found, 0, len(fs)+len(add))
	i, j := 0, 0
	for i < len(fs) || j < len(add) {
		if j == len(add) || i < len(fs) && fs[i].start < add[j].start {
			out = append(out, fs[i])
			i++
		} else {
			out = append(out, add[j])
			j++
		}
	}
	return out
}

var datePrep = map[string]bool{
	"in": true, "by": true, "since": true, "until": true, "till": true, "of": true, "on": true, "from": true,
	"before": true, "after": true, "during": true, "early": true, "late": true, "mid": true, "last": true,
	"next": true, "this": true, "through": true, "to": true,
}

// connectors may stand lower case inside a name ("Bank of England",
// "Ludwig van Beethoven", "Abdel Fattah al-Burhan").
var connectors = map[string]bool{
	"of": true, "and": true, "the": true, "for": true, "on": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "do": true, "dos": true, "das": true, "van": true, "von": true, "der": true, "den": true, "ter": true,
	"ten": true, "la": true, "le": true, "les": true, "du": true, "al": true, "el": true, "bin": true, "ibn": true,
	"y": true, "e": true, "&": true, "in": true, "at": true, "upon": true, "am": true, "an": true, "des": true,
}

// splitAtVerbs cuts a person's name at an inner lower-case common word
// that is not a particle ("Obama met Modi" is two names, not one).
func splitAtVerbs(words []string, fs []found, res *features.Resources) []found {
	out := make([]found, 0, len(fs)+4)
	for _, f := range fs {
		if f.label != labPER {
			out = append(out, f)
			continue
		}
		a := f.start
		for k := f.start + 1; k < f.end-1; k++ {
			w := words[k]
			if !startsLowerLetter(w) || connectors[w] || !res.Common[w] {
				continue
			}
			if k > a {
				out = append(out, found{a, k, f.label, f.sent})
			}
			a = k + 1
		}
		if a < f.end {
			out = append(out, found{a, f.end, f.label, f.sent})
		}
	}
	return out
}

func startsLowerLetter(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

var honorific = map[string]bool{
	"Mr": true, "Mr.": true, "Mrs": true, "Mrs.": true, "Ms": true, "Ms.": true, "Mx.": true, "Dr": true, "Dr.": true,
	"Prof.": true, "Sir": true, "Dame": true, "Messrs": true, "Messrs.": true, "Mme": true, "Mme.": true,
}

// honorifics makes the capitalised words after "Mr.", "Ms.", "Dr." a
// person when the tagger left them out or read them as something else.
func honorifics(words []string, sents []token.Range, fs []found, res *features.Resources) []found {
	var add []found
	var covered []bool // built on the first honorific only
	k0 := 0            // fs index of the first span not before the current token
	for _, s := range sents {
		for k := s.Start; k+1 < s.End; k++ {
			if !isHonorific(words[k]) {
				continue
			}
			if covered == nil {
				covered = make([]bool, len(words))
				for _, f := range fs {
					for x := f.start; x < f.end; x++ {
						covered[x] = true
					}
				}
			}
			n := k + 1
			for k0 < len(fs) && fs[k0].start < n {
				k0++
			}
			if k0 < len(fs) && fs[k0].start == n {
				fs[k0].label = labPER
				continue
			}
			e := n
			for e < s.End && e-n < 3 && !covered[e] && startsUpper(words[e]) && !isCapsWord(words[e]) && !res.Titles[strings.ToLower(words[e])] {
				e++
			}
			if e > n {
				add = append(add, found{n, e, labPER, s.Start})
			}
		}
	}
	if len(add) == 0 {
		return fs
	}
	out := append(fs, add...)
	slices.SortFunc(out, func(a, b found) int { return a.start - b.start })
	return out
}

// isHonorific is honorific[w], with a cheap test first: this runs on every
// token.
func isHonorific(w string) bool {
	if len(w) < 2 || len(w) > 7 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	return honorific[w]
}

var openQuote = map[string]string{"\u201c": "\u201d", "\u2018": "\u2019", "\"": "\"", "'": "'"}

// quotedTitles makes a short Title Case phrase inside quotes the title of
// a work (MISC): “The Lantern Ferry”, “Cairo, Without Rain”. The tagger's
// spans inside it give way; a phrase with a lower-case content word is a
// quotation, not a title.
func quotedTitles(words []string, sents []token.Range, fs []found) []found {
	var add []found
	for _, s := range sents {
		for k := s.Start; k < s.End; k++ {
			w := words[k]
			if len(w) == 0 || w[0] != '"' && w[0] != '\'' && w[0] != 0xe2 {
				continue
			}
			closeQ, ok := openQuote[w]
			if !ok {
				continue
			}
			e := k + 1
			for e < s.End && e-k <= 7 && words[e] != closeQ {
				e++
			}
			if e >= s.End || words[e] != closeQ || e-k < 3 {
				continue
			}
			a, b := k+1, e
			if !titleCase(words[a:b]) {
				continue
			}
			add = append(add, found{a, b, labMISC, s.Start})
			k = e
		}
	}
	if len(add) == 0 {
		return fs
	}
	var out []found
	j := 0
	for _, f := range fs {
		for j < len(add) && add[j].end <= f.start {
			out = append(out, add[j])
			j++
		}
		if j < len(add) && f.start < add[j].end && add[j].start < f.end {
			if f.start >= add[j].start && f.end <= add[j].end {
				continue // inside the title
			}
			// a span crossing the quotes: keep the tagger's reading
			add = append(add[:j], add[j+1:]...)
		}
		out = append(out, f)
	}
	return append(out, add[j:]...)
}

// titleCase reports whether every word of a phrase that is not a short
// function word starts with a capital, and at least one does.
func titleCase(ws []string) bool {
	if len(ws) < 2 || !hasLetterOrDigit(ws[len(ws)-1]) {
		return false // "Hello," is a quotation; titles end in a word
	}
	caps := 0
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		case unicode.IsLower(r):
			if !connectors[w] && w != "a" && w != "to" && w != "with" && w != "without" && w != "from" && w != "by" {
				return false
			}
		}
	}
	return caps >= 1
}

func hasLetterOrDigit(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// hyphenParticles are the lower-case particles joined to an Arabic
// surname by a hyphen ("al-Burhan", "bin-Salman").
var hyphenParticles = map[string]bool{
	"al": true, "el": true, "ad": true, "ar": true, "as": true, "ash": true, "at": true, "az": true, "an": true,
	"ibn": true, "bin": true, "abd": true,
}

// particleName reports whether w is a particle joined to a capitalised
// name: "al-Burhan", "el-Sisi".
func particleName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok {
		p, rest, ok = strings.Cut(w, "\u2011")
	}
	if !ok || !hyphenParticles[p] {
		return false
	}
	return startsUpper(rest)
}

// nameParticles may stand lower case between the parts of a person's
// name ("Osama bin Laden", "Ursula von der Leyen").
var nameParticles = map[string]bool{
	"bin": true, "ibn": true, "al": true, "el": true, "van": true, "von": true, "der": true, "den": true, "de": true,
	"da": true, "di": true, "du": true, "del": true, "della": true, "dos": true, "das": true, "ter": true, "ten": true,
	"la": true, "le": true, "zu": true, "bint": true,
}

// particles extends a person's name over the lower-case particles that
// continue it, which the tagger (trained on Reuters text that rarely has
// them) tends to leave out or read as a separate name: "Abdel Fattah
// al-Burhan", "Osama bin Laden". A name the extension runs into is
// absorbed.
func particles(words []string, sents []token.Range, fs []found) []found {
	out := fs[:0]
	for i := 0; i < len(fs); i++ {
		f := fs[i]
		if f.label == labPER {
			end := sentEnd(sents, f.start, len(words))
			for {
				k := f.end
				if k < end && particleName(words[k]) {
					f.end = k + 1
					continue
				}
				j := k
				for j < end && j-k < 3 && nameParticles[words[j]] {
					j++
				}
				if j > k && j < end && (startsUpper(words[j]) && !isCapsWord(words[j]) || particleName(words[j])) {
					f.end = j + 1
					continue
				}
				break
			}
			// absorb the spans the extension ran into
			for i+1 < len(fs) && fs[i+1].start < f.end {
				if fs[i+1].end > f.end {
					f.end = fs[i+1].end
				}
				i++
			}
		}
		out = append(out, f)
	}
	return out
}

// sentEnd returns the end of the sentence holding token k.
func sentEnd(sents []token.Range, k, n int) int {
	i, _ := slices.BinarySearchFunc(sents, k, func(s token.Range, k int) int {
		if s.End <= k {
			return -1
		}
		if s.Start > k {
			return 1
		}
		return 0
	})
	if i < len(sents) && sents[i].Start <= k && k < sents[i].End {
		return sents[i].End
	}
	return n
}

// roadWords name numbered roads: "Interstate 295", "Route 66".
var roadWords = map[string]bool{"Interstate": true, "Route": true, "Highway": true, "Motorway": true}

// numberedRoads makes a road word followed by a route number one LOC
// ("toward Interstate 295"), replacing a tagger span on the road word
// alone; the tagger rarely sees these and the number rules would
// otherwise call the number a CARDINAL.
func numberedRoads(words []string, sents []token.Range, fs []found) []found {
	var add []found
	k := 0
	for _, s := range sents {
		for i := s.Start; i+1 < s.End; i++ {
			if !roadWords[words[i]] || !allDigits(words[i+1]) {
				continue
			}
			for k < len(fs) && fs[k].end <= i {
				k++
			}
			if k < len(fs) && fs[k].start < i+2 && !(fs[k].start == i && fs[k].end == i+1) {
				continue // part of a longer name: leave it
			}
			add = append(add, found{i, i + 2, labLOC, s.Start})
		}
	}
	if len(add) == 0 {
		return fs
	}
	out := make([]found, 0, len(fs)+len(add))
	j := 0
	for _, f := range fs {
		for j < len(add) && add[j].start < f.start {
			out = append(out, add[j])
			j++
		}
		if j < len(add) && f.start == add[j].start {
			continue // the road word alone, replaced
		}
		out = append(out, f)
	}
	return append(out, add[j:]...)
}

func allDigits(w string) bool {
	if w == "" || len(w) > 4 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}
