// Package stem turns article text into stemmed terms for comparison: it
// detects the language of a text, picks the matching Snowball stemmer and
// stopword list, and reports each word's stem with its byte range so that
// matches found on stems can be shown on the original text.
//
// Only the per-language Snowball packages are imported (never the root
// package), so the WebAssembly build pays just for the stemmers listed here.
// Text in a language without a stemmer still works: words are lowercased and
// compared as they are, with no stopwords.
package stem

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"

	"gloss/internal/token"
)

// Lang is an ISO 639-1 language code; Unknown ("") means no stemmer applies.
type Lang string

// The languages with a Snowball stemmer in github.com/kljensen/snowball.
const (
	Unknown   Lang = ""
	English   Lang = "en"
	French    Lang = "fr"
	Spanish   Lang = "es"
	Russian   Lang = "ru"
	Swedish   Lang = "sv"
	Norwegian Lang = "no"
	Hungarian Lang = "hu"
)

var fromWhatlang = map[whatlanggo.Lang]Lang{
	whatlanggo.Eng: English,
	whatlanggo.Fra: French,
	whatlanggo.Spa: Spanish,
	whatlanggo.Rus: Russian,
	whatlanggo.Swe: Swedish,
	whatlanggo.Nob: Norwegian,
	whatlanggo.Nno: Norwegian,
	whatlanggo.Hun: Hungarian,
}

// detectOptions limits the detector to the stemmed languages plus the
// common languages they would otherwise be confused with (so German text is
// reported Unknown, not stemmed as Swedish). Comparing against fewer
// trigram profiles also makes detection several times cheaper.
var detectOptions = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Fra: true, whatlanggo.Spa: true, whatlanggo.Rus: true,
	whatlanggo.Swe: true, whatlanggo.Nob: true, whatlanggo.Nno: true, whatlanggo.Hun: true,
	whatlanggo.Deu: true, whatlanggo.Ita: true, whatlanggo.Por: true, whatlanggo.Nld: true,
	whatlanggo.Dan: true, whatlanggo.Pol: true, whatlanggo.Ces: true, whatlanggo.Ron: true,
	whatlanggo.Fin: true, whatlanggo.Tur: true, whatlanggo.Ukr: true, whatlanggo.Bul: true,
}}

// detectPrefix bounds the text given to the trigram detector: a few
// paragraphs decide the language as well as a whole article and detection
// cost stays flat for long texts.
const detectPrefix = 512

// minDetectLetters is the least number of letters for which the trigram
// detector is trusted at all; shorter snippets (headlines) report Unknown
// rather than a coin toss.
const minDetectLetters = 40

// Detect returns the language of text when it has a stemmer here and the
// detector is confident enough, and Unknown otherwise.
func Detect(text string) Lang {
	if len(text) > detectPrefix {
		cut := detectPrefix
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < minDetectLetters {
		return Unknown
	}
	info := whatlanggo.DetectWithOptions(text, detectOptions)
	l, ok := fromWhatlang[info.Lang]
	if !ok {
		return Unknown
	}
	// Short texts get a low confidence even when right; demand it only when
	// there is little evidence.
	if letters < 400 && info.Confidence < 0.2 {
		return Unknown
	}
	return l
}

// Stemmer stems words of one language and knows its stopwords. It caches
// stems (news vocabulary repeats heavily) and is safe for concurrent use.
type Stemmer struct {
	lang Lang
	stem func(string, bool) string
	stop func(string) bool

	mu    sync.Mutex
	cache map[string]cached
}

// cacheMax bounds the stem cache; it is cleared when full, which keeps memory
// flat on endless feeds at the price of re-stemming.
const cacheMax = 1 << 17

var (
	stemmersMu sync.Mutex
	stemmers   = map[Lang]*Stemmer{}
)

// For returns the shared stemmer of lang. Unknown and unsupported languages
// get a stemmer that only lowercases and has no stopwords.
func For(lang Lang) *Stemmer {
	stemmersMu.Lock()
	defer stemmersMu.Unlock()
	if s, ok := stemmers[lang]; ok {
		return s
	}
	s := &Stemmer{lang: lang, cache: map[string]cached{}}
	switch lang {
	case English:
		s.stem, s.stop = english.Stem, english.IsStopWord
	case French:
		s.stem, s.stop = french.Stem, french.IsStopWord
	case Spanish:
		s.stem, s.stop = spanish.Stem, spanish.IsStopWord
	case Russian:
		s.stem, s.stop = russian.Stem, russian.IsStopWord
	case Swedish:
		s.stem, s.stop = swedish.Stem, swedish.IsStopWord
	case Norwegian:
		s.stem, s.stop = norwegian.Stem, norwegian.IsStopWord
	case Hungarian:
		s.stem, s.stop = hungarian.Stem, hungarian.IsStopWord
	default:
		s.lang = Unknown
	}
	stemmers[lang] = s
	return s
}

// Lang is the language this stemmer was made for (Unknown for the fallback).
func (s *Stemmer) Lang() Lang { return s.lang }

// Normalize lowercases w and folds the spelling variants that should never
// make two words differ: typographic apostrophes, and thousands separators
// inside numbers ("1,000" and "1000").
func Normalize(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == ',' {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	digits := w != "" && w[0] >= '0' && w[0] <= '9'
	for _, r := range w {
		switch {
		case r == '’' || r == '‘' || r == 'ʼ':
			b.WriteByte('\'')
		case r == ',' && digits:
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Stem returns the stem of one word (already a single token). Stopwords are
// stemmed too so that inflected stopwords still compare equal.
func (s *Stemmer) Stem(word string) string {
	st, _ := s.StemStop(word)
	return st
}

type cached struct {
	stem string
	stop bool
}

// StemStop returns the stem of word and whether it is a stopword, with one
// normalization and one cache lookup.
func (s *Stemmer) StemStop(word string) (string, bool) {
	s.mu.Lock()
	c, ok := s.cache[word]
	s.mu.Unlock()
	if ok {
		return c.stem, c.stop
	}
	w := Normalize(word)
	if a, ok := acronym(word); ok {
		c = cached{a, false}
	} else if s.stem == nil {
		c = cached{w, false}
	} else {
		// English possessives: "Reuters'" / "company's" stem with the noun.
		if s.lang == English {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		}
		c = cached{s.stem(w, true), s.stop(w)}
		if c.stem == "" {
			c.stem = w
		}
	}
	s.mu.Lock()
	if len(s.cache) >= cacheMax {
		clear(s.cache)
	}
	// Keyed by the raw word: "Said", "said" and "said," each hit directly.
	s.cache[strings.Clone(word)] = c
	s.mu.Unlock()
	return c.stem, c.stop
}

// acronym recognizes upper-case abbreviations, which are names, not words
// to stem: "U.S.", "U.S" and "US" all become the content term "us" (never
// the stopword), "U.N." becomes "un".
func acronym(word string) (string, bool) {
	if word == "US" {
		return "us", true
	}
	dots, letters := 0, 0
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case c == '.':
			dots++
		case c >= 'A' && c <= 'Z':
			letters++
		default:
			return "", false
		}
	}
	if dots == 0 || letters < 2 || letters > 6 {
		return "", false
	}
	b := make([]byte, 0, letters)
	for i := 0; i < len(word); i++ {
		if word[i] != '.' {
			b = append(b, word[i]+'a'-'A')
		}
	}
	return string(b), true
}

// IsStop reports whether the (normalized) word is a stopword of the language.
func (s *Stemmer) IsStop(word string) bool {
	_, stop := s.StemStop(word)
	return stop
}

// Term is one word of a text after analysis: its stem and the byte range of
// the word in the original text.
type Term struct {
	Stem       string
	Start, End int
	Stop       bool // a stopword: kept for alignment, weighted out of vectors
}

// Analyze returns the terms of text: word and number tokens, stemmed with s.
// Punctuation and symbols are dropped, so markup and layout never change the
// terms of a text.
func Analyze(text string, s *Stemmer) []Term {
	out := make([]Term, 0, len(text)/6+1)
	Each(text, s, func(t Term) { out = append(out, t) })
	return out
}

// Each calls fn for each term of text in order, as Analyze returns them,
// without collecting them.
func Each(text string, s *Stemmer, fn func(Term)) {
	for _, t := range token.Tokenize(text) {
		if t.Kind != token.Word && t.Kind != token.Number {
			continue
		}
		// Hyphenated compounds are split so "well-known" matches "well known".
		start := t.Start
		for i := t.Start; i <= t.End; i++ {
			if i < t.End && text[i] != '-' {
				continue
			}
			if i > start {
				st, stop := s.StemStop(text[start:i])
				fn(Term{Stem: st, Start: start, End: i, Stop: stop})
			}
			start = i + 1
		}
	}
}
