package workspace

import "gloss/internal/anchor"

// anchorIn records the quote and its context for ann from text (W3C
// TextQuoteSelector's exact, prefix and suffix).
func anchorIn(text string, ann *Annotation) {
	q := anchor.Quote(text, ann.Start, ann.End)
	ann.Quote, ann.Prefix, ann.Suffix = q.Exact, q.Prefix, q.Suffix
}

// Reanchor finds each annotation of old in edited text now, by its quote,
// preferring the occurrence whose surrounding text matches the recorded
// prefix and suffix best and, among equals, the one nearest its old place.
// Annotations whose quote no longer occurs are returned as lost, unchanged.
func Reanchor(old, now string, anns []Annotation) (kept, lost []Annotation) {
	for _, a := range anns {
		if a.Quote == "" && a.Start >= 0 && a.End <= len(old) && a.Start < a.End {
			anchorIn(old, &a)
		}
		if a.Quote == "" {
			lost = append(lost, a)
			continue
		}
		// The old position says nothing about the new text beyond a hint:
		// Find keeps it only if the quote is still there.
		s, e, ok := anchor.Find(now, anchor.Selector{Exact: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix, Start: a.Start, End: a.End})
		if !ok {
			lost = append(lost, a)
			continue
		}
		a.Start, a.End = s, e
		anchorIn(now, &a)
		kept = append(kept, a)
	}
	return kept, lost
}
