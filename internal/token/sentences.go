package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Range is a half-open range of token indexes: toks[Start:End].
type Range struct{ Start, End int }

// Sentences returns the sentence spans of src, trimmed of surrounding space.
func Sentences(src string) []Span {
	toks, sents := Split(src)
	out := make([]Span, len(sents))
	for i, s := range sents {
		out[i] = Span{toks[s.Start].Start, toks[s.End-1].End}
	}
	return out
}

// Split tokenizes src and groups the tokens into sentences. A sentence ends
// at ".", "?", "!" or "…" (with any closing quotes or brackets) when the next
// token starts a new sentence, and at line breaks unless the next line
// continues in lower case (wrapped text). Abbreviations do not end a
// sentence unless the next word is a typical sentence opener ("… in the
// U.S. The …").
func Split(src string) ([]Token, []Range) {
	toks := Tokenize(src)
	var sents []Range
	start := 0
	heading := false // the current line is a markdown heading ("# ...")
	for i := 0; i < len(toks); i++ {
		if i == 0 || strings.IndexByte(src[toks[i-1].End:toks[i].Start], '\n') >= 0 {
			heading = src[toks[i].Start] == '#'
		}
		if i+1 == len(toks) {
			sents = append(sents, Range{start, i + 1})
			break
		}
		if endsAfter(src, toks, i) || heading && strings.IndexByte(src[toks[i].End:toks[i+1].Start], '\n') >= 0 {
			sents = append(sents, Range{start, i + 1})
			start = i + 1
		}
	}
	return toks, sents
}

// endsAfter reports whether a sentence ends after toks[i] (i+1 < len(toks)).
func endsAfter(src string, toks []Token, i int) bool {
	t, next := toks[i], toks[i+1]
	gap := src[t.End:next.Start]
	if nl := countNewlines(gap); nl >= 2 {
		return true
	} else if nl == 1 && !startsLower(src[next.Start:next.End]) {
		return true
	}
	w := src[t.Start:t.End]
	nw := src[next.Start:next.End]
	if isClosing(w) {
		// a closing quote ends the sentence if the mark before it did
		if i == 0 || toks[i-1].End != t.Start || !isTerminal(src[toks[i-1].Start:toks[i-1].End]) {
			return false
		}
		return opensSentence(nw, gap)
	}
	if isTerminal(w) {
		if isClosing(nw) && next.Start == t.End {
			return false // the quote closes first
		}
		return opensSentence(nw, gap)
	}
	if t.Kind == Word && w[len(w)-1] == '.' {
		switch abbrevOf(w) {
		case mayEnd:
			return gap != "" && sentenceStarters[nw]
		}
	}
	return false
}

func countNewlines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// opensSentence reports whether a token after a terminal mark starts a new
// sentence: capitalised word, digit, or opening quote/bracket, after space.
func opensSentence(w, gap string) bool {
	if gap == "" {
		return false // "3.5", "Yahoo!Mail" — no space, no break
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsTitle(r):
		return true
	case r == '"' || r == '\'' || r == '\u201c' || r == '\u2018' || r == '(' || r == '[' || r == '\u2014' || r == '-' || r == '*' || r == '#' || r == '\u00ab':
		return true
	}
	return false
}

func isTerminal(w string) bool {
	switch w {
	case ".", "?", "!", "…", "...", "?!", "!?", "!!", "??", "....":
		return true
	}
	return false
}

func isClosing(w string) bool {
	switch w {
	case "\"", "'", "\u201d", "\u2019", ")", "]", "\u00bb":
		return true
	}
	return false
}
