package entity

import (
	"slices"
	"strings"

	"gloss/internal/entity/numex"
	"gloss/internal/entity/seq"
)

// trimTitles drops titles the tagger left at the start of a person span
// ("President Obama" → "Obama"): Gloss's convention keeps titles out.
func trimTitles(words []string, sp seq.Span, label string, titles map[string]bool) (int, int) {
	a, b := sp.Start, sp.End
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
func mergeEntities(names []Entity, nums []numex.Span) []Entity {
	out := names
	for _, n := range nums {
		clash := false
		for _, e := range names {
			if n.Start < e.End && e.Start < n.End {
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
