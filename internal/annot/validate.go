package annot

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Validate checks the rules the schema cannot express: supported format and
// version, unique ids, content hashes, spans inside their text, labels that
// exist, a view that points at real articles, and length limits. Errors are
// EINVALID and name the field.
func Validate(s *Set) error {
	if s.Format != Format {
		return FieldErrorf("format", "must be %q", Format)
	}
	if s.Version != Version {
		return FieldErrorf("version", "unsupported version %d; this program reads version %d", s.Version, Version)
	}
	if len(s.Labels) > MaxLabels {
		return FieldErrorf("labels", "%d labels, at most %d allowed", len(s.Labels), MaxLabels)
	}
	labels := make(map[string]bool, len(s.Labels))
	for i, l := range s.Labels {
		p := index("labels", i)
		if err := checkID(l.ID, join(p, "id")); err != nil {
			return err
		}
		if labels[l.ID] {
			return FieldErrorf(join(p, "id"), "duplicate label id %q", l.ID)
		}
		labels[l.ID] = true
		if err := checkText(l.Name, join(p, "name"), MaxTitleLen); err != nil {
			return err
		}
		if l.Color != "" && !isColor(l.Color) {
			return FieldErrorf(join(p, "color"), "must be #rrggbb")
		}
	}
	if len(s.Articles) == 0 {
		return FieldErrorf("articles", "a set holds at least one article")
	}
	if len(s.Articles) > MaxArticles {
		return FieldErrorf("articles", "%d articles, at most %d allowed", len(s.Articles), MaxArticles)
	}
	articles := make(map[string]bool, len(s.Articles))
	for i := range s.Articles {
		a := &s.Articles[i]
		p := index("articles", i)
		if err := checkID(a.ID, join(p, "id")); err != nil {
			return err
		}
		if articles[a.ID] {
			return FieldErrorf(join(p, "id"), "duplicate article id %q", a.ID)
		}
		articles[a.ID] = true
		if err := validateArticle(a, p, labels); err != nil {
			return err
		}
	}
	if v := s.View; v != nil {
		if v.Article != "" && !articles[v.Article] {
			return FieldErrorf("view.article", "no article has id %q", v.Article)
		}
		if v.Pair != nil {
			if len(v.Pair) != 2 {
				return FieldErrorf("view.pair", "must hold exactly 2 article ids, not %d", len(v.Pair))
			}
			for i, id := range v.Pair {
				if !articles[id] {
					return FieldErrorf(index("view.pair", i), "no article has id %q", id)
				}
			}
			if v.Pair[0] == v.Pair[1] {
				return FieldErrorf("view.pair", "must name two different articles")
			}
		}
		if e := v.Entity; e != nil {
			if e.Kind == "" || len(e.Kind) > MaxIDLen {
				return FieldErrorf("view.entity.kind", "must be 1 to %d bytes", MaxIDLen)
			}
			if err := checkText(e.Text, "view.entity.text", MaxTitleLen); err != nil {
				return err
			}
		}
	}
	return nil
}

func validateArticle(a *Article, p string, labels map[string]bool) error {
	if err := checkText(a.Title, join(p, "title"), MaxTitleLen); err != nil {
		return err
	}
	if len(a.Text) > MaxArticleTextLength {
		return FieldErrorf(join(p, "text"), "%d bytes, at most %d allowed", len(a.Text), MaxArticleTextLength)
	}
	if !utf8.ValidString(a.Text) {
		return FieldErrorf(join(p, "text"), "not valid UTF-8")
	}
	if a.Language != "" && !isLanguageTag(a.Language) {
		return FieldErrorf(join(p, "language"), "must be a language tag such as \"en\" or \"pt-BR\"")
	}
	if a.SourceURL != "" {
		if err := checkURL(a.SourceURL, join(p, "source_url")); err != nil {
			return err
		}
	}
	if want := ContentHash(a.Text); a.Hash != want {
		return FieldErrorf(join(p, "hash"), "does not match the text (want %s)", want)
	}
	if err := checkText(a.Note, join(p, "note"), MaxNoteLen); err != nil {
		return err
	}
	if len(a.Entities)+len(a.Annotations) > MaxSpansPerArticle {
		return FieldErrorf(p, "%d spans, at most %d allowed", len(a.Entities)+len(a.Annotations), MaxSpansPerArticle)
	}
	text := newCodePoints(a.Text)
	for i, e := range a.Entities {
		ep := index(join(p, "entities"), i)
		if err := text.checkSpan(e.Start, e.End, e.Text, ep); err != nil {
			return err
		}
		if e.Kind == "" || len(e.Kind) > MaxIDLen {
			return FieldErrorf(join(ep, "kind"), "must be 1 to %d bytes", MaxIDLen)
		}
	}
	ids := make(map[string]bool, len(a.Annotations))
	for i, n := range a.Annotations {
		np := index(join(p, "annotations"), i)
		if err := checkID(n.ID, join(np, "id")); err != nil {
			return err
		}
		if ids[n.ID] {
			return FieldErrorf(join(np, "id"), "duplicate annotation id %q", n.ID)
		}
		ids[n.ID] = true
		if err := text.checkSpan(n.Start, n.End, n.Text, np); err != nil {
			return err
		}
		if !labels[n.Label] {
			return FieldErrorf(join(np, "label"), "no label has id %q", n.Label)
		}
		if err := checkText(n.Note, join(np, "note"), MaxNoteLen); err != nil {
			return err
		}
	}
	return nil
}

// codePoints maps code point offsets to byte offsets, built only when a span
// carries text to compare, since most sets can be checked by count alone.
type codePoints struct {
	text  string
	n     int
	bytes []int32
}

func newCodePoints(text string) *codePoints {
	return &codePoints{text: text, n: utf8.RuneCountInString(text)}
}

func (c *codePoints) checkSpan(start, end int, covered, p string) error {
	if start < 0 || end > c.n || start >= end {
		return FieldErrorf(p, "span [%d,%d) is not inside the text of %d code points", start, end, c.n)
	}
	if covered == "" {
		return nil
	}
	if c.bytes == nil {
		c.bytes = make([]int32, 0, c.n+1)
		for i := range c.text {
			c.bytes = append(c.bytes, int32(i))
		}
		c.bytes = append(c.bytes, int32(len(c.text)))
	}
	if got := c.text[c.bytes[start]:c.bytes[end]]; got != covered {
		return FieldErrorf(join(p, "text"), "is %q but the span covers %q", clip(covered), clip(got))
	}
	return nil
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}

func checkID(id, p string) error {
	if id == "" || len(id) > MaxIDLen {
		return FieldErrorf(p, "must be 1 to %d bytes", MaxIDLen)
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return FieldErrorf(p, "must not contain control characters")
		}
	}
	return nil
}

func checkText(s, p string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(p, "%d characters, at most %d allowed", n, max)
	}
	return nil
}

func checkURL(s, p string) error {
	if len(s) > MaxURLLen {
		return FieldErrorf(p, "%d bytes, at most %d allowed", len(s), MaxURLLen)
	}
	u, err := url.Parse(s)
	// Only web links: a javascript: or data: URL shown as a link would run
	// code in whoever opens the set.
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return FieldErrorf(p, "must be an absolute http or https URL")
	}
	return nil
}

func isColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	return strings.Trim(strings.ToLower(s[1:]), "0123456789abcdef") == ""
}

// isLanguageTag accepts the BCP 47 shape (a 2–3 letter primary subtag and
// alphanumeric subtags of 1–8) without a registry lookup.
func isLanguageTag(s string) bool {
	if len(s) > 35 {
		return false
	}
	for i, sub := range strings.Split(s, "-") {
		if len(sub) < 1 || len(sub) > 8 || (i == 0 && (len(sub) < 2 || len(sub) > 3)) {
			return false
		}
		for _, r := range sub {
			letter := (r|0x20) >= 'a' && (r|0x20) <= 'z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}
