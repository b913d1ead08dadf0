package entity

import (
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
// overlap ("Nikkei 225" stays one MISC), except that a name lying inside an
// amount ("A$" read as a name in "A$18 million") gives way to the amount.
// Both inputs are sorted and non-overlapping; the sweep is linear.
func mergeEntities(text string, names []Entity, nums []numex.Span) []Entity {
	keep := names[:0]
	k := 0
	for _, e := range names {
		for k < len(nums) && nums[k].End <= e.Start {
			k++
		}
		inside := k < len(nums) && nums[k].Start <= e.Start && e.End <= nums[k].End &&
			(nums[k].Label == "MONEY" || nums[k].Label == "PERCENT")
		if !inside {
			keep = append(keep, e)
		}
	}
	names = keep
	out := make([]Entity, 0, len(names)+len(nums))
	j := 0
	for _, n := range nums {
		for j < len(names) && names[j].End <= n.Start {
			out = append(out, names[j])
			j++
		}
		if j < len(names) && names[j].Start < n.End {
			continue // overlaps a name
		}
		// numbered names: "Nikkei 225", "FTSE 100", "Interstate 295"
		if p := len(out) - 1; n.Label == "CARDINAL" && p >= 0 && out[p].Label != "DATE" && out[p].Label != "MONEY" &&
			out[p].Label != "PERCENT" && out[p].Label != "CARDINAL" && out[p].End < n.Start &&
			strings.TrimSpace(text[out[p].End:n.Start]) == "" && numberedName[lastWord(text[out[p].Start:out[p].End])] {
			out[p].End = n.End
			continue
		}
		out = append(out, Entity{n.Start, n.End, n.Label})
	}
	out = append(out, names[j:]...)
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
