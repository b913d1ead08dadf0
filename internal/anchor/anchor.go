// Package anchor finds a quoted span again in a text that may have changed:
// the W3C TextQuoteSelector idea (exact text plus a little context on each
// side), with the old position as a hint. Offsets are code points into a
// []rune, end exclusive.
package anchor

import "slices"

// Context is how many code points of prefix and suffix Quote keeps: enough
// to tell repeated words apart, small enough to survive nearby edits.
const Context = 32

// Selector is a quote with its context and where it was.
type Selector struct {
	Exact, Prefix, Suffix string
	Start, End            int // the position it had; -1 when unknown
}

// Quote describes text[start:end] for finding it again later.
func Quote(text []rune, start, end int) Selector {
	ps := max(0, start-Context)
	se := min(len(text), end+Context)
	return Selector{
		Exact:  string(text[start:end]),
		Prefix: string(text[ps:start]),
		Suffix: string(text[end:se]),
		Start:  start,
		End:    end,
	}
}

// Find returns where s now is in text. It keeps the old position when the
// quote is still there; otherwise it picks, among the occurrences of the
// exact text, the one whose surroundings best match the prefix and suffix,
// and then the nearest to the old position. ok is false when the exact
// text no longer occurs (an orphan).
func Find(text []rune, s Selector) (start, end int, ok bool) {
	exact := []rune(s.Exact)
	n := len(exact)
	if n == 0 {
		if s.Start >= 0 && s.Start < s.End && s.End <= len(text) {
			return s.Start, s.End, true // nothing to check against: trust the position
		}
		return 0, 0, false
	}
	if s.Start >= 0 && s.Start+n <= len(text) && slices.Equal(text[s.Start:s.Start+n], exact) {
		return s.Start, s.Start + n, true
	}
	prefix, suffix := []rune(s.Prefix), []rune(s.Suffix)
	best, bestScore, bestDist := -1, -1, 0
	for i := 0; i+n <= len(text); i++ {
		if text[i] != exact[0] || !slices.Equal(text[i:i+n], exact) {
			continue
		}
		score := commonSuffix(text[:i], prefix) + commonPrefix(text[i+n:], suffix)
		dist := i - s.Start
		if dist < 0 {
			dist = -dist
		}
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = i, score, dist
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, best + n, true
}

// commonSuffix is the length of the longest common ending of a and b.
func commonSuffix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// commonPrefix is the length of the longest common beginning of a and b.
func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
