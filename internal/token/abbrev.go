package token

import "strings"

// abbrevClass says how a dotted abbreviation behaves at a sentence end.
type abbrevClass uint8

const (
	notAbbrev abbrevClass = iota
	// nonFinal abbreviations (titles, months, "No.", initials) are almost
	// always followed by what they qualify, so they never end a sentence.
	nonFinal
	// mayEnd abbreviations ("U.S.", "Inc.", "a.m.") often close a sentence;
	// the full stop then does double duty.
	mayEnd
)

var abbrevs = map[string]abbrevClass{}

func init() {
	for _, w := range strings.Fields(`Mr Mrs Ms Mx Dr Prof Gen Lt Col Maj Capt Cpt Sgt Cpl Pvt Adm Cmdr Cdr Gov Sen Rep
		Rev Hon Pres Supt Insp Det Fr Mt Ft Messrs Mme Mlle Sr Sra Gens Reps Sens Amb Atty Brig Cmdr Comdr
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
		No Nos Nr vs Vs Ave Blvd Rd Hwy Pt Gov Lieut Rt Fig Figs Vol Vols Art Sec Ch approx est Esq
		Calif Colo Conn Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo Ariz Ark Del`) {
		abbrevs[w+"."] = nonFinal
	}
	for _, w := range strings.Fields(`Inc Corp Co Ltd Bros Cos Assn Dept Univ Jr Sr St etc al Plc Pty Intl Govt`) {
		abbrevs[w+"."] = mayEnd
	}
}

// IsAbbrev reports whether w (ending in ".") is an abbreviation whose full
// stop belongs to the word: a known abbreviation, a single capital initial,
// or a dotted form such as "U.S." or "a.m.".
func IsAbbrev(w string) bool { return abbrevOf(w) != notAbbrev }

func abbrevOf(w string) abbrevClass {
	if len(w) < 2 || w[len(w)-1] != '.' {
		return notAbbrev
	}
	if c, ok := abbrevs[w]; ok {
		return c
	}
	body := w[:len(w)-1]
	if len(body) == 1 && body[0] >= 'A' && body[0] <= 'Z' {
		return nonFinal // an initial: "John F. Kennedy"
	}
	if strings.IndexByte(body, '.') > 0 && len(body) <= 12 {
		// "U.S", "a.m", "e.g": letters separated by dots, each run short
		for _, part := range strings.Split(body, ".") {
			if len(part) == 0 || len(part) > 3 {
				return notAbbrev
			}
		}
		if body == "e.g" || body == "i.e" || body == "cf" {
			return nonFinal
		}
		return mayEnd
	}
	return notAbbrev
}

// sentenceStarters are capitalised words that, after an abbreviation such
// as "U.S." or "Inc.", show that a new sentence has begun.
var sentenceStarters = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`The A An He She It They We I You This That These Those There Their His Her Its Our
		But And Yet So Or In On At For If When While After Before As Since Although Though However Meanwhile
		Some Many Most Other Others Officials Police Analysts Shares Prices Both All Such What Who Why How
		Earlier Later Last Next Its No Not One Two Three Asked According`) {
		sentenceStarters[w] = true
	}
}
