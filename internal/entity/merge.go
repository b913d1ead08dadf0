package entity

import (
	"slices"
	"strings"

	"gloss/internal/entity/numex"
)

// trimTitles drops titles the tagger left at the start of a person span
// ("President Obama" → "Obama"): Gloss's convention keeps titles out.
func trimTitles(words []string, a, b int, label string, titles map[string]bool) (int, int) {
	if label != "PER" {
		return a, b
	}
	for a < b-1 && titles[strings.ToLower(words[a])] {
		a++
	}
	return a, b
}

// mergeEntities combines name spans and numeric spans: names win where they
// overlap ("Nikkei 225" stays one MISC), and the result is sorted.
func mergeEntities(text string, names []Entity, nums []numex.Span) []Entity {
	// A name that lies inside an amount ("A$" read as a name in
	// "A$18 million") gives way to the amount.
	keep := names[:0]
	for _, e := range names {
		inside := false
		for _, n := range nums {
			if n.Start <= e.Start && e.End <= n.End && (n.Label == "MONEY" || n.Label == "PERCENT") {
				inside = true
				break
			}
		}
		if !inside {
			keep = append(keep, e)
		}
	}
	names = keep
	out := names
	for _, n := range nums {
		clash := false
		for k, e := range names {
			if n.Start < e.End && e.Start < n.End {
				clash = true
				break
			}
			// numbered names: "Nikkei 225", "FTSE 100", "Interstate 295"
			if n.Label == "CARDINAL" && e.End < n.Start && strings.TrimSpace(text[e.End:n.Start]) == "" && numberedName[lastWord(text[e.Start:e.End])] {
				names[k].End = n.End
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, Entity{n.Start, n.End, n.Label})
		}
	}
	slices.SortFunc(out, func(a, b Entity) int { return a.Start - b.Start })
	return out
}

// numberedName lists name heads whose number is part of the name.
var numberedName = map[string]bool{
	"Nikkei": true, "FTSE": true, "Interstate": true, "Route": true, "Highway": true, "DAX": true, "CAC": true,
	"Stoxx": true, "STOXX": true, "Russell": true, "ASX": true, "Sensex": false, "Apollo": true, "Boeing": true, "Airbus": true,
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}
