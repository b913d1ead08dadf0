package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"gloss/internal/entity"
	"gloss/internal/entity/seq"
	"gloss/internal/nerdata"
)

// devCorpora may have their errors listed: inspecting a test set's errors
// would be tuning on it.
var devCorpora = map[string]bool{"uner-ewt-dev": true, "conll2003-dev": true, "wikigold": true}

// listErrors prints every disagreement between gold and predicted spans
// of a dev corpus, one per line, with a category, followed by the counts
// per category. Categories: "label G>P" (same span, other label),
// "boundary" (overlapping spans; the note says how they differ), "miss"
// (no overlapping prediction), "spurious" (no overlapping gold).
func listErrors(w io.Writer, shared, name string) error {
	if !devCorpora[name] {
		return fmt.Errorf("-errors: %q is not a dev corpus (allowed: uner-ewt-dev, conll2003-dev, wikigold); test sets are for reporting only", name)
	}
	var c corpus
	for _, x := range corpora {
		if x.name == name {
			c = x
		}
	}
	docs, err := c.read(shared, oddOnly)
	if err != nil {
		return err
	}
	scored := map[string]bool{}
	for _, l := range c.labels {
		scored[l] = true
	}
	counts := map[string]int{}
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, x := range d.Sentences {
			sents[i] = x.Words
		}
		pred, err := entity.TagWords(sents)
		if err != nil {
			return err
		}
		for i, x := range d.Sentences {
			var gold, ps []nerdata.Span
			for _, g := range nerdata.Spans(x.Tags) {
				if scored[g.Label] {
					gold = append(gold, g)
				}
			}
			for _, sp := range pred[i] {
				if l := seq.Labels[sp.Label]; scored[l] {
					ps = append(ps, nerdata.Span{Start: sp.Start, End: sp.End, Label: l})
				}
			}
			for _, e := range classify(x.Words, gold, ps) {
				counts[e.cat]++
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", d.ID, e.cat, e.gold, e.pred, kwic(x.Words, e.lo, e.hi))
			}
		}
	}
	var cats []string
	for k := range counts {
		cats = append(cats, k)
	}
	sort.Slice(cats, func(i, j int) bool {
		return counts[cats[i]] > counts[cats[j]] || counts[cats[i]] == counts[cats[j]] && cats[i] < cats[j]
	})
	fmt.Fprintln(w)
	for _, k := range cats {
		fmt.Fprintf(w, "%5d  %s\n", counts[k], k)
	}
	return nil
}

type disagreement struct {
	cat, gold, pred string
	lo, hi          int
}

func spanText(words []string, s nerdata.Span) string {
	return s.Label + ":" + strings.Join(words[s.Start:s.End], " ")
}

func overlap(a, b nerdata.Span) bool { return a.Start < b.End && b.Start < a.End }

func classify(words []string, gold, pred []nerdata.Span) []disagreement {
	var out []disagreement
	usedP := make([]bool, len(pred))
	for _, g := range gold {
		exact, over := -1, -1
		for j, p := range pred {
			if p == g {
				exact = j
			} else if overlap(p, g) && over < 0 {
				over = j
			}
		}
		if exact >= 0 {
			usedP[exact] = true
			continue
		}
		sameSpan := -1
		for j, p := range pred {
			if p.Start == g.Start && p.End == g.End {
				sameSpan = j
			}
		}
		switch {
		case sameSpan >= 0:
			usedP[sameSpan] = true
			p := pred[sameSpan]
			out = append(out, disagreement{"label " + g.Label + ">" + p.Label, spanText(words, g), spanText(words, p), g.Start, g.End})
		case over >= 0:
			usedP[over] = true
			p := pred[over]
			out = append(out, disagreement{"boundary " + boundaryNote(words, g, p), spanText(words, g), spanText(words, p), min(g.Start, p.Start), max(g.End, p.End)})
		default:
			out = append(out, disagreement{"miss " + g.Label, spanText(words, g), "-", g.Start, g.End})
		}
	}
	for j, p := range pred {
		if usedP[j] {
			continue
		}
		hit := false
		for _, g := range gold {
			if overlap(p, g) {
				hit = true
			}
		}
		cat := "spurious " + p.Label
		if hit {
			cat = "boundary extra " + p.Label
		}
		out = append(out, disagreement{cat, "-", spanText(words, p), p.Start, p.End})
	}
	return out
}

// boundaryNote names the commonest ways two overlapping spans differ.
func boundaryNote(words []string, g, p nerdata.Span) string {
	note := "other"
	switch {
	case p.Start < g.Start && strings.EqualFold(words[p.Start], "the"):
		note = "pred+the"
	case g.Start < p.Start && strings.EqualFold(words[g.Start], "the"):
		note = "gold+the"
	case p.Start < g.Start:
		note = "pred-longer-left"
	case g.Start < p.Start:
		note = "gold-longer-left"
	case p.End > g.End:
		note = "pred-longer-right"
	case g.End > p.End:
		note = "gold-longer-right"
	}
	if g.Label != p.Label {
		note += " " + g.Label + ">" + p.Label
	}
	return note
}

func kwic(words []string, lo, hi int) string {
	a, b := max(0, lo-6), min(len(words), hi+6)
	return strings.Join(words[a:lo], " ") + " [[" + strings.Join(words[lo:hi], " ") + "]] " + strings.Join(words[hi:b], " ")
}
