package workspace

import (
	"slices"

	"gloss/internal/token"
)

// Piece is part of a sentence in the pair view, with how it is shared:
// "exact", "edited" or "unique" (said only on this side).
type Piece struct {
	Start, End int
	Kind       string
}

// Side is one sentence of a pair row; Start == End == -1 when the row has
// nothing on this side.
type Side struct {
	Start, End int
	Pieces     []Piece
}

// Row is one line of the aligned pair view: a sentence of A and its best
// counterpart in B, or a sentence only one side has.
type Row struct {
	A, B  Side
	Score float64 // the sentence match score, 0 for one-sided rows
}

var noSide = Side{Start: -1, End: -1}

// PairRows aligns two texts for side-by-side reading from their
// comparison: matched sentences share a row, in A's order; B's unmatched
// sentences are slotted in after the row holding the B sentence before
// them.
func PairRows(a, b string, r PairResult) []Row {
	sa, sb := token.Sentences(a), token.Sentences(b)
	links := slices.Clone(r.Sentences)
	var rows []Row
	usedB := map[int]bool{}
	for _, s := range sa {
		best := -1
		for i, l := range links {
			if l.AStart < s.End && s.Start < l.AEnd && (best < 0 || l.Score > links[best].Score) {
				best = i
			}
		}
		row := Row{A: side(s.Start, s.End, r.Passages, true), B: noSide}
		if best >= 0 {
			l := links[best]
			for j, t := range sb {
				if t.Start < l.BEnd && l.BStart < t.End && !usedB[j] {
					row.B = side(t.Start, t.End, r.Passages, false)
					row.Score = l.Score
					usedB[j] = true
					break
				}
			}
		}
		rows = append(rows, row)
	}
	for j, t := range sb {
		if usedB[j] {
			continue
		}
		at := 0
		for i, row := range rows {
			if row.B.Start >= 0 && row.B.Start < t.Start {
				at = i + 1
			}
		}
		rows = slices.Insert(rows, at, Row{A: noSide, B: side(t.Start, t.End, r.Passages, false)})
	}
	return rows
}

// side cuts sentence [s,e) into pieces by the passages covering it.
func side(s, e int, ps []Passage, isA bool) Side {
	type iv struct {
		s, e int
		kind string
	}
	var cover []iv
	for _, p := range ps {
		ps, pe := p.BStart, p.BEnd
		if isA {
			ps, pe = p.AStart, p.AEnd
		}
		if ps < e && s < pe {
			cover = append(cover, iv{max(ps, s), min(pe, e), p.Kind})
		}
	}
	slices.SortFunc(cover, func(x, y iv) int { return x.s - y.s })
	out := Side{Start: s, End: e}
	at := s
	for _, c := range cover {
		if c.s < at {
			c.s = at
		}
		if c.s >= c.e {
			continue
		}
		if c.s > at {
			out.Pieces = append(out.Pieces, Piece{at, c.s, "unique"})
		}
		out.Pieces = append(out.Pieces, Piece{c.s, c.e, c.kind})
		at = c.e
	}
	if at < e {
		out.Pieces = append(out.Pieces, Piece{at, e, "unique"})
	}
	return out
}
