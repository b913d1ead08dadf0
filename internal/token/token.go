// Package token splits text into word tokens and sentences, each carrying
// half-open UTF-8 byte offsets into the original string. Every later stage
// (entities, stems, similarity) hangs its results on these offsets, so they
// are never adjusted after this package hands them out.
//
// Words come from UAX #29 (github.com/clipperhouse/uax29) and are then
// re-joined or re-split where news text needs it: dotted abbreviations
// ("U.S.", "Gen.", "a.m."), hyphenated compounds ("Moscow-based",
// "19-year-old", "2-1"), clock times ("10:30"), dollar-prefixed currency codes
// ("US$", "HK$"), the possessive "'s" (split off, as CoNLL and OntoNotes do),
// URLs, e-mail addresses, HTML entities and runs of markup characters ("**",
// "...", "##").
package token

import (
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Kind classifies a token by its first rune.
type Kind uint8

const (
	Word   Kind = iota + 1 // letters (possibly with digits, apostrophes, inner dots)
	Number                 // starts with a digit
	Punct                  // punctuation, quotes, dashes
	Symbol                 // currency signs, emoji and other symbols
	URL                    // a web address or e-mail address, kept whole
)

// Token is one segment of the source: src[Start:End]. Whitespace is never a token.
type Token struct {
	Start, End int
	Kind       Kind
}

// Text returns the token's text in src.
func (t Token) Text(src string) string { return src[t.Start:t.End] }

// Span is a half-open byte range of the source.
type Span struct{ Start, End int }

// Tokenize returns the non-space tokens of src in order. Invalid UTF-8 bytes
// become single-byte Symbol tokens rather than being dropped, so offsets
// always cover the real input.
func Tokenize(src string) []Token {
	raw := make([]Token, 0, len(src)/5+1)
	it := words.FromString(src)
	for it.Next() {
		s, e := it.Start(), it.End()
		r, n := utf8.DecodeRuneInString(src[s:e])
		if !isSpace(r) && (n == e-s || !hasSpace(src[s+n:e])) {
			raw = append(raw, Token{Start: s, End: e, Kind: kindOf(r)})
			continue
		}
		// A segment mixing space and other runes (UAX #29 glues invalid
		// bytes to spaces): keep only its non-space runs.
		for s < e {
			r, n := utf8.DecodeRuneInString(src[s:e])
			if isSpace(r) {
				s += n
				continue
			}
			k := s + n
			for k < e {
				r2, n2 := utf8.DecodeRuneInString(src[k:e])
				if isSpace(r2) {
					break
				}
				k += n2
			}
			raw = append(raw, Token{Start: s, End: k, Kind: kindOf(r)})
			s = k
		}
	}
	return merge(src, raw)
}

func hasSpace(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c == ' ' || c >= '\t' && c <= '\r' {
			return true
		}
	}
	if ascii {
		return false
	}
	for _, r := range s {
		if isSpace(r) {
			return true
		}
	}
	return false
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return r == '\u0085' || r == '\u00a0' || unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func kindOf(r rune) Kind {
	switch {
	case r == utf8.RuneError:
		return Symbol
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return Word
	case unicode.IsDigit(r):
		return Number
	case unicode.IsPunct(r):
		return Punct
	default:
		return Symbol
	}
}

// merge rewrites the raw UAX #29 tokens in place-order into news tokens.
func merge(src string, raw []Token) []Token {
	out := make([]Token, 0, len(raw))
	for i := 0; i < len(raw); {
		t := raw[i]
		// URLs and e-mail addresses: scan the source directly, since UAX #29
		// shreds them into many pieces.
		if e := urlEnd(src, t.Start); e > t.End {
			j := i
			for j < len(raw) && raw[j].Start < e {
				j++
			}
			// the URL must end on a raw token boundary to keep offsets sane
			e = raw[j-1].End
			out = append(out, Token{t.Start, e, URL})
			i = j
			continue
		}
		// HTML entities such as &amp; or &#8217;
		if src[t.Start] == '&' && i+2 < len(raw) && adjacent(raw[i], raw[i+1]) && adjacent(raw[i+1], raw[i+2]) &&
			src[raw[i+2].Start:raw[i+2].End] == ";" && isEntityName(src[raw[i+1].Start:raw[i+1].End]) {
			out = append(out, Token{t.Start, raw[i+2].End, Symbol})
			i += 3
			continue
		}
		// HTML tags without attributes: <b>, </p>, <br/>
		if src[t.Start] == '<' {
			if e := htmlTagEnd(src, t.Start); e > 0 {
				j := i
				for j < len(raw) && raw[j].Start < e {
					j++
				}
				if raw[j-1].End == e {
					out = append(out, Token{t.Start, e, Symbol})
					i = j
					continue
				}
			}
		}
		j := i + 1
		switch t.Kind {
		case Word, Number:
			// Hyphenated compounds and clock times: word(-word)* with no spaces.
			for j+1 < len(raw) && adjacent(raw[j-1], raw[j]) && adjacent(raw[j], raw[j+1]) &&
				(raw[j+1].Kind == Word || raw[j+1].Kind == Number) {
				sep := src[raw[j].Start:raw[j].End]
				if isHyphen(sep) || (sep == ":" && raw[j-1].Kind == Number && raw[j+1].Kind == Number) ||
					(sep == "/" && raw[j-1].Kind == Number && raw[j+1].Kind == Number) {
					j += 2
					continue
				}
				break
			}
			t.End = raw[j-1].End
			// Currency code glued to a dollar sign: US$, HK$, A$, NZ$.
			if j < len(raw) && adjacent(raw[j-1], raw[j]) && src[raw[j].Start:raw[j].End] == "$" && isCurrencyPrefix(src[t.Start:t.End]) {
				t.End = raw[j].End
				t.Kind = Symbol
				j++
			}
			// Abbreviation: glue the full stop that follows.
			if j < len(raw) && adjacent(raw[j-1], raw[j]) && src[raw[j].Start:raw[j].End] == "." && t.Kind == Word && IsAbbrev(src[t.Start:t.End]+".") {
				t.End = raw[j].End
				j++
			}
			// Possessive: split off a final 's or ’s.
			if w := src[t.Start:t.End]; t.Kind == Word && len(w) > 2 {
				if n := possessiveLen(w); n > 0 && t.End-n > t.Start {
					out = append(out, Token{t.Start, t.End - n, t.Kind}, Token{t.End - n, t.End, Punct})
					i = j
					continue
				}
			}
		case Punct, Symbol:
			// Runs of one repeated mark: "...", "**", "--", "##", "!!".
			if r, n := utf8.DecodeRuneInString(src[t.Start:t.End]); r != utf8.RuneError && n == t.End-t.Start {
				for j < len(raw) && adjacent(raw[j-1], raw[j]) && src[raw[j].Start:raw[j].End] == src[t.Start:t.End] {
					j++
				}
				t.End = raw[j-1].End
			}
		}
		out = append(out, t)
		i = j
	}
	return out
}

func adjacent(a, b Token) bool { return a.End == b.Start }

func isHyphen(s string) bool { return s == "-" || s == "\u2010" || s == "\u2011" || s == "\u2013" }

func isCurrencyPrefix(s string) bool {
	switch s {
	case "US", "HK", "A", "AU", "C", "CA", "NZ", "S", "SG", "NT", "R", "Z", "M", "J", "EC", "TT", "BD", "Mex", "RD", "N":
		return true
	}
	return false
}

func isEntityName(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	if s[0] == '#' {
		s = s[1:]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// possessiveLen returns the byte length of a final 's / ’s, or 0.
func possessiveLen(w string) int {
	n := len(w)
	if w[n-1] != 's' && w[n-1] != 'S' {
		return 0
	}
	if w[n-2] == '\'' {
		return 2
	}
	if n >= 5 && w[n-4:n-1] == "\u2019" {
		return 4
	}
	return 0
}

// urlEnd returns the end of a URL or e-mail address starting at i, or -1.
func urlEnd(src string, i int) int {
	rest := src[i:]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		return emailEnd(src, i)
	}
	e := i
	for e < len(src) {
		r, n := utf8.DecodeRuneInString(src[e:])
		if isSpace(r) || r == '<' || r == '>' || r == '"' || r == '\u201d' || r == utf8.RuneError {
			break
		}
		e += n
	}
	// trailing punctuation belongs to the sentence, not the address
	for e > i {
		c := src[e-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '\'' || c == '*' {
			e--
			continue
		}
		break
	}
	return e
}

func emailEnd(src string, i int) int {
	// Only try at the start of a run of address bytes, so that scanning
	// stays linear on long runs such as "a-a-a-a…".
	if i > 0 && isEmailByte(src[i-1]) {
		return -1
	}
	e := i
	for e < len(src) && isEmailByte(src[e]) {
		e++
	}
	if e == i || e >= len(src) || src[e] != '@' {
		return -1
	}
	e++
	d := e
	dots := 0
	for e < len(src) && (isEmailByte(src[e]) && src[e] != '+') {
		if src[e] == '.' {
			dots++
		}
		e++
	}
	for e > d && src[e-1] == '.' {
		e--
		dots--
	}
	if dots < 1 || e-d < 3 {
		return -1
	}
	return e
}

func isEmailByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+'
}

func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// htmlTagEnd returns the end of an attribute-free HTML tag at i, or -1.
func htmlTagEnd(src string, i int) int {
	k := i + 1
	if k < len(src) && src[k] == '/' {
		k++
	}
	n := 0
	for k < len(src) && n < 12 && (src[k] >= 'a' && src[k] <= 'z' || src[k] >= 'A' && src[k] <= 'Z' || n > 0 && src[k] >= '0' && src[k] <= '9') {
		k++
		n++
	}
	if n == 0 {
		return -1
	}
	if k < len(src) && src[k] == '/' {
		k++
	}
	if k < len(src) && src[k] == '>' {
		return k + 1
	}
	return -1
}
