package entity

import (
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
	labPER = seq.LabelIndex("PER")
	labORG = seq.LabelIndex("ORG")
	labLOC = seq.LabelIndex("LOC")
)

// applyRules enforces document-level consistency and a few conventions the
// statistical tagger cannot see:
//   - a dateline ("BRISTOL —" opening a paragraph) is a place;
//   - a name ending in a facility word ("Memorial Stadium") is LOC;
//   - a mention that repeats part of a longer name elsewhere in the
//     document takes that name's label ("Putin" after "Vladimir Putin",
//     "Brightwater" after "Brightwater Foods").
func applyRules(words []string, sents []token.Range, fs []found, res *features.Resources) []found {
	fs = datelines(words, sents, fs)
	for i := range fs {
		f := &fs[i]
		if f.end-f.start > 1 && facility[words[f.end-1]] {
			f.label = labLOC
		}
	}
	// Longer names teach shorter ones their label.
	type vote struct{ n [4]int }
	partOf := map[string]*vote{}
	for _, f := range fs {
		if f.end-f.start < 2 {
			continue
		}
		for k := f.start; k < f.end; k++ {
			w := words[k]
			if !startsUpper(w) || res.Common[strings.ToLower(w)] {
				continue
			}
			v := partOf[w]
			if v == nil {
				v = &vote{}
				partOf[w] = v
			}
			v.n[f.label]++
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.end-f.start != 1 {
			continue
		}
		v := partOf[words[f.start]]
		if v == nil {
			continue
		}
		best, bn := -1, 0
		for l, n := range v.n {
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
	var out []found
	k := 0
	for _, sr := range sents {
		st := sr.Start
		end := st
		for end < sr.End && end-st < 5 && isCapsWord(words[end]) {
			end++
		}
		ok := end > st && end < sr.End && isDash(words[end])
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
