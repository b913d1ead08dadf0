package workspace

import (
	"strings"
	"unicode/utf8"
)

// ContextLen is how many bytes of text before and after a correction are
// kept to tell apart repeated quotes (W3C TextQuoteSelector's prefix and
// suffix), cut back to whole characters.
const ContextLen = 32

// anchor records the quote and its context for ann from text.
func anchor(text string, ann *Annotation) {
	ann.Quote = text[ann.Start:ann.End]
	p := max(0, ann.Start-ContextLen)
	for p < ann.Start && !utf8.RuneStart(text[p]) {
		p++
	}
	ann.Prefix = text[p:ann.Start]
	s := min(len(text), ann.End+ContextLen)
	for s > ann.End && s < len(text) && !utf8.RuneStart(text[s]) {
		s--
	}
	ann.Suffix = text[ann.End:s]
}

// Reanchor finds each annotation of old in edited text now, by its quote,
// preferring the occurrence whose surrounding text matches the recorded
// prefix and suffix best and, among equals, the one nearest its old place.
// Annotations whose quote no longer occurs are returned as lost, unchanged.
func Reanchor(old, now string, anns []Annotation) (kept, lost []Annotation) {
	for _, a := range anns {
		if a.Quote == "" && a.Start >= 0 && a.End <= len(old) && a.Start < a.End {
			anchor(old, &a)
		}
		if a.Quote == "" {
			lost = append(lost, a)
			continue
		}
		best, bestScore, bestDist := -1, -1, 0
		for i := 0; i <= len(now)-len(a.Quote); {
			j := strings.Index(now[i:], a.Quote)
			if j < 0 {
				break
			}
			at := i + j
			score := commonSuffix(now[:at], a.Prefix) + commonPrefix(now[at+len(a.Quote):], a.Suffix)
			dist := abs(at - a.Start)
			if score > bestScore || (score == bestScore && dist < bestDist) {
				best, bestScore, bestDist = at, score, dist
			}
			_, n := utf8.DecodeRuneInString(now[at:])
			i = at + n
		}
		if best < 0 {
			lost = append(lost, a)
			continue
		}
		a.Start, a.End = best, best+len(a.Quote)
		anchor(now, &a)
		kept = append(kept, a)
	}
	return kept, lost
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
