package workspace

import "gloss/internal/workspace/wire"

// Segment is a stretch of an article as rendered: plain text, or one
// highlight.
type Segment struct {
	Start, End int
	Span       *Span // nil for plain text
}

// Segments cuts text into plain and highlighted stretches covering all of
// it, in order. spans must be sorted and not overlap (as Spans returns).
func Segments(text string, spans []Span) []Segment {
	var out []Segment
	at := 0
	for i := range spans {
		s := &spans[i]
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if s.Start > at {
			out = append(out, Segment{Start: at, End: s.Start})
		}
		out = append(out, Segment{Start: s.Start, End: s.End, Span: s})
		at = s.End
	}
	if at < len(text) {
		out = append(out, Segment{Start: at, End: len(text)})
	}
	return out
}

// Chunk is a stretch of text (wire.Chunk).
type Chunk = wire.Chunk

// ChunkBytes bounds one analysis slice: about 1,000 tokens of news prose,
// which the entity recogniser handles in a few milliseconds natively and
// in some tens of milliseconds in the browser, so one slice never blocks
// the page for long.
const ChunkBytes = 6_000

// Chunks splits text into slices of at most about ChunkBytes, cut at
// paragraph breaks where possible, else at line or sentence ends, else at
// a space; the slices cover the text exactly and in order.
func Chunks(text string) []Chunk {
	var out []Chunk
	for at := 0; at < len(text); {
		if len(text)-at <= ChunkBytes {
			out = append(out, Chunk{Start: at, End: len(text)})
			break
		}
		end := cutPoint(text, at, at+ChunkBytes)
		out = append(out, Chunk{Start: at, End: end})
		at = end
	}
	return out
}

// cutPoint finds where to end a chunk that starts at from and may not pass
// limit; it always returns a point past from on a character boundary.
func cutPoint(text string, from, limit int) int {
	window := text[from:limit]
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if i := lastIndex(window, sep); i > len(window)/2 {
			return from + i + len(sep)
		}
	}
	for limit > from+1 && limit < len(text) && text[limit]&0xC0 == 0x80 {
		limit--
	}
	return limit
}

func lastIndex(s, sep string) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i:i+len(sep)] == sep {
			return i
		}
	}
	return -1
}
