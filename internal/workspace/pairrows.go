package workspace

import (
	"slices"

	"gloss/internal/token"
)

// Piece is part of a sentence in the pair view, with how it is shared:
// "exact" or "edited" (in a shared passage), "unique" (said only on this
// side) or "similar" (a matched sentence reworded beyond a passage).
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
	byStart := func(x, y Chunk) int { return x.Start - y.Start }
	r.UniqueA = slices.SortedFunc(slices.Values(r.UniqueA), byStart)
	r.UniqueB = slices.SortedFunc(slices.Values(r.UniqueB), byStart)
	var rows []Row
	usedB := map[int]bool{}
	for _, s := range sa {
		best := -1
		for i, l := range links {
			if l.AStart < s.End && s.Start < l.AEnd && (best < 0 || l.Score > links[best].Score) {
				best = i
			}
		}
		row := Row{A: side(s.Start, s.End, r.Passages, r.UniqueA, true), B: noSide}
		if best >= 0 {
			l := links[best]
			for j, t := range sb {
				if t.Start < l.BEnd && l.BStart < t.End && !usedB[j] {
					row.B = side(t.Start, t.End, r.Passages, r.UniqueB, false)
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
		rows = slices.Insert(rows, at, Row{A: noSide, B: side(t.Start, t.End, r.Passages, r.UniqueB, false)})
	}
	return rows
}

// side cuts sentence [s,e) into pieces by the passages covering it; the
// rest is unique where the comparison says so, else similar.
func side(s, e int, ps []Passage, unique []Chunk, isA bool) Side {
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
			out.Pieces = appendGap(out.Pieces, at, c.s, unique)
		}
		out.Pieces = append(out.Pieces, Piece{c.s, c.e, c.kind})
		at = c.e
	}
	if at < e {
		out.Pieces = appendGap(out.Pieces, at, e, unique)
	}
	return out
}

// appendGap adds [s,e), a stretch outside every shared passage, split into
// its unique and similar parts.
func appendGap(out []Piece, s, e int, unique []Chunk) []Piece {
	at := s
	for _, u := range unique {
		us, ue := max(u.Start, at), min(u.End, e)
		if us >= ue {
			continue
		}
		if us > at {
			out = append(out, Piece{at, us, "similar"})
		}
		out = append(out, Piece{us, ue, "unique"})
		at = ue
	}
	if at < e {
		out = append(out, Piece{at, e, "similar"})
	}
	return out
}
