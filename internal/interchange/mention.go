package interchange

import (
	"cmp"
	"slices"

	"gloss/internal/annot"
)

// Source says where a mention came from.
const (
	SourceAuto   = "auto"   // the entity recognizer
	SourceManual = "manual" // the user
)

// Mention is one labelled span of an article as exported: code-point
// offsets, end exclusive.
type Mention struct {
	Start, End int
	Label      string
	Text       string
	Note       string
	Source     string
	ID         string // the annotation's id, for manual mentions
}

// Mentions returns the article's labelled spans in text order: the user's
// annotations, plus the automatic entities that no annotation overlaps (a
// manual span over an automatic one is a correction of it). Manual labels
// are given by their label's id.
func Mentions(a *annot.Article) []Mention {
	runes := []rune(a.Text)
	text := func(s, e int) string {
		if s < 0 || e > len(runes) || s >= e {
			return ""
		}
		return string(runes[s:e])
	}
	out := make([]Mention, 0, len(a.Entities)+len(a.Annotations))
	for _, n := range a.Annotations {
		out = append(out, Mention{Start: n.Start, End: n.End, Label: n.Label, Text: text(n.Start, n.End), Note: n.Note, Source: SourceManual, ID: n.ID})
	}
	manual := len(out)
	for _, e := range a.Entities {
		covered := false
		for _, m := range out[:manual] {
			if e.Start < m.End && m.Start < e.End {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, Mention{Start: e.Start, End: e.End, Label: e.Kind, Text: text(e.Start, e.End), Source: SourceAuto})
		}
	}
	slices.SortStableFunc(out, func(x, y Mention) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(y.End, x.End))
	})
	return out
}

// flat drops mentions that overlap an earlier kept one, preferring manual
// mentions and then longer ones, for formats that cannot nest (IOB, spaCy).
func flat(ms []Mention) []Mention {
	order := slices.Clone(ms)
	slices.SortStableFunc(order, func(x, y Mention) int {
		xm, ym := x.Source == SourceManual, y.Source == SourceManual
		if xm != ym {
			if xm {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(y.End-y.Start, x.End-x.Start), cmp.Compare(x.Start, y.Start))
	})
	var kept []Mention
	for _, m := range order {
		ok := true
		for _, k := range kept {
			if m.Start < k.End && k.Start < m.End {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, m)
		}
	}
	slices.SortFunc(kept, func(x, y Mention) int { return cmp.Compare(x.Start, y.Start) })
	return kept
}
