// Package anchor finds a quoted span again in a text that may have changed:
// the W3C TextQuoteSelector idea (exact text plus a little context on each
// side), with the old position as a hint. Offsets are UTF-8 byte offsets
// into the string, end exclusive; callers with code points convert.
package anchor

import (
	"strings"
	"unicode/utf8"
)

// Context is how many bytes of prefix and suffix Quote keeps, cut back to
// whole characters: enough to tell repeated words apart, small enough to
// survive nearby edits.
const Context = 32

// Selector is a quote with its context and where it was.
type Selector struct {
	Exact, Prefix, Suffix string
	Start, End            int // the position it had; -1 when unknown
}

// Quote describes text[start:end] for finding it again later. start and
// end must be rune boundaries of text.
func Quote(text string, start, end int) Selector {
	p := max(0, start-Context)
	for p < start && !utf8.RuneStart(text[p]) {
		p++
	}
	s := min(len(text), end+Context)
	for s > end && s < len(text) && !utf8.RuneStart(text[s]) {
		s--
	}
	return Selector{Exact: text[start:end], Prefix: text[p:start], Suffix: text[end:s], Start: start, End: end}
}

// Find returns where s now is in text: among the occurrences of the exact
// text, the one whose surroundings best match the prefix and suffix, and
// among equals the nearest to the old position. The old position alone
// decides nothing, since an edit can move another copy of the same words
// there. ok is false when the exact text no longer occurs (an orphan).
func Find(text string, s Selector) (start, end int, ok bool) {
	n := len(s.Exact)
	if n == 0 {
		if s.Start >= 0 && s.Start < s.End && s.End <= len(text) && utf8.RuneStart(text[s.Start]) && (s.End == len(text) || utf8.RuneStart(text[s.End])) {
			return s.Start, s.End, true // nothing to check against: trust the position
		}
		return 0, 0, false
	}
	best, bestScore, bestDist := -1, -1, 0
	for i := 0; i+n <= len(text); {
		j := strings.Index(text[i:], s.Exact)
		if j < 0 {
			break
		}
		at := i + j
		score := commonSuffix(text[:at], s.Prefix) + commonPrefix(text[at+n:], s.Suffix)
		dist := at - s.Start
		if dist < 0 {
			dist = -dist
		}
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = at, score, dist
		}
		_, size := utf8.DecodeRuneInString(text[at:])
		i = at + size
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, best + n, true
}

// commonSuffix is the length of the longest common ending of a and b.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// commonPrefix is the length of the longest common beginning of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
