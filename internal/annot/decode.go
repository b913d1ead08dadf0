package annot

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Decode reads a set strictly and validates it. Unknown fields (matched
// case-sensitively), duplicate fields, missing required fields, nulls, wrong
// types, non-integer offsets, trailing data and invalid UTF-8 are all
// EINVALID errors that name the field, e.g. "articles[0].entities[2].start";
// malformed JSON names no field and gives the byte offset.
//
// The parser is written for this one schema instead of going through
// encoding/json: encoding/json cannot say which array element or which
// unknown key was wrong, matches keys case-insensitively and lets null
// through, and in the browser's wasm it decodes a few MB/s, which a large
// shared workspace would feel.
func Decode(data []byte) (*Set, error) {
	if !utf8.Valid(data) {
		return nil, FieldErrorf("", "document is not valid UTF-8")
	}
	p := &parser{b: data}
	s, err := p.set()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.b) {
		return nil, FieldErrorf("", "trailing data after the JSON document (at byte %d)", p.i)
	}
	if err := Validate(s); err != nil {
		return nil, err
	}
	return s, nil
}

// parser reads JSON from b at i. Paths for error messages are built only
// when an error is reported.
type parser struct {
	b []byte
	i int
}

func (p *parser) syntax(msg string) error {
	if p.i >= len(p.b) {
		return FieldErrorf("", "truncated JSON document: %s at the end", msg)
	}
	return FieldErrorf("", "invalid JSON at byte %d: %s", p.i, msg)
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// typeError reports that the value at p.i is not what the schema wants, or
// a syntax error if no JSON value starts there.
func (p *parser) typeError(path, want string) error {
	if p.i >= len(p.b) {
		return p.syntax("expected a value")
	}
	var got string
	switch c := p.b[p.i]; {
	case c == '{':
		got = "an object"
	case c == '[':
		got = "an array"
	case c == '"':
		got = "a string"
	case c == 't' || c == 'f':
		got = "a boolean"
	case c == 'n':
		got = "null"
	case c == '-' || (c >= '0' && c <= '9'):
		got = "a number"
	default:
		return p.syntax(fmt.Sprintf("unexpected character %q", c))
	}
	return FieldErrorf(path, "must be %s, not %s", want, got)
}

// object reads an object, calling field for each key with p.i at its value;
// field must consume the value. Duplicate keys are refused: readers
// disagree on which one wins, so a document with them means two things.
func (p *parser) object(path func() string, field func(key string) error) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '{' {
		return p.typeError(path(), "an object")
	}
	p.i++
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return nil
	}
	var seen []string
	for {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return p.syntax("expected a field name")
		}
		key, err := p.stringLit()
		if err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return p.syntax("expected ':'")
		}
		p.i++
		if slices.Contains(seen, key) {
			return FieldErrorf(join(path(), key), "duplicate field")
		}
		seen = append(seen, key)
		if err := field(key); err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.b) {
			return p.syntax("expected ',' or '}'")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return nil
		default:
			return p.syntax("expected ',' or '}'")
		}
	}
}

// array reads an array, calling elem for each element with p.i at it.
func (p *parser) array(path string, elem func(i int) error) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '[' {
		return p.typeError(path, "an array")
	}
	p.i++
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return nil
	}
	for n := 0; ; n++ {
		if err := elem(n); err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.b) {
			return p.syntax("expected ',' or ']'")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return nil
		default:
			return p.syntax("expected ',' or ']'")
		}
	}
}

func (p *parser) str(path string) (string, error) {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", p.typeError(path, "a string")
	}
	return p.stringLit()
}

// stringLit reads the string literal at p.i. Escapes are decoded as
// encoding/json does, unpaired surrogates included (U+FFFD).
func (p *parser) stringLit() (string, error) {
	p.i++
	start := p.i
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			s := string(p.b[start:p.i])
			p.i++
			return s, nil
		case c == '\\':
			return p.stringEscaped(start)
		case c < 0x20:
			return "", p.syntax("control character in string")
		}
		p.i++
	}
	return "", p.syntax("unterminated string")
}

func (p *parser) stringEscaped(start int) (string, error) {
	buf := make([]byte, p.i-start, p.i-start+16)
	copy(buf, p.b[start:p.i])
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c < 0x20:
			return "", p.syntax("control character in string")
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			break
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.syntax("invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r = p.lowSurrogate(r)
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.i--
			return "", p.syntax(fmt.Sprintf("invalid escape \\%c", e))
		}
	}
	return "", p.syntax("unterminated string")
}

// lowSurrogate completes a UTF-16 pair whose first half is hi, consuming
// the next \uXXXX only if it pairs; otherwise hi becomes U+FFFD.
func (p *parser) lowSurrogate(hi rune) rune {
	if p.i+1 >= len(p.b) || p.b[p.i] != '\\' || p.b[p.i+1] != 'u' {
		return utf8.RuneError
	}
	save := p.i
	p.i += 2
	lo, ok := p.hex4()
	if ok {
		if r := utf16.DecodeRune(hi, lo); r != utf8.RuneError {
			return r
		}
	}
	p.i = save
	return utf8.RuneError
}

func (p *parser) hex4() (rune, bool) {
	if p.i+4 > len(p.b) {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// integer reads a JSON number that must be a non-negative integer that
// fits an int32.
func (p *parser) integer(path string) (int, error) {
	p.ws()
	start := p.i
	digits := func() bool {
		n := p.i
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
		}
		return p.i > n
	}
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	if p.i >= len(p.b) || p.b[p.i] < '0' || p.b[p.i] > '9' {
		p.i = start
		return 0, p.typeError(path, "an integer")
	}
	if p.b[p.i] == '0' {
		p.i++
	} else {
		digits()
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if !digits() {
			return 0, p.syntax("invalid number")
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !digits() {
			return 0, p.syntax("invalid number")
		}
	}
	tok := string(p.b[start:p.i])
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		return 0, FieldErrorf(path, "must be an integer, not %s", tok)
	}
	if n < 0 || n > math.MaxInt32 {
		return 0, FieldErrorf(path, "%d is out of range", n)
	}
	return int(n), nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func missing(path string, have map[string]bool, required ...string) error {
	for _, k := range required {
		if !have[k] {
			return FieldErrorf(join(path, k), "required field is missing")
		}
	}
	return nil
}

func unknown(path, key string) error { return FieldErrorf(join(path, key), "unknown field") }

func (p *parser) set() (*Set, error) {
	s := &Set{}
	have := map[string]bool{}
	err := p.object(func() string { return "" }, func(key string) (err error) {
		have[key] = true
		switch key {
		case "format":
			s.Format, err = p.str(key)
		case "version":
			s.Version, err = p.integer(key)
		case "labels":
			err = p.array(key, func(i int) error {
				if i >= MaxLabels {
					return FieldErrorf("labels", "more than %d labels", MaxLabels)
				}
				l, err := p.label(i)
				s.Labels = append(s.Labels, l)
				return err
			})
		case "articles":
			err = p.array(key, func(i int) error {
				if i >= MaxArticles {
					return FieldErrorf("articles", "more than %d articles", MaxArticles)
				}
				a, err := p.article(index("articles", i))
				s.Articles = append(s.Articles, a)
				return err
			})
		case "view":
			s.View, err = p.view()
		default:
			err = unknown("", key)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := missing("", have, "format", "version", "articles"); err != nil {
		return nil, err
	}
	return s, nil
}

func (p *parser) label(i int) (Label, error) {
	var l Label
	var have [3]bool
	path := func() string { return index("labels", i) }
	err := p.object(path, func(key string) (err error) {
		switch key {
		case "id":
			have[0] = true
			l.ID, err = p.str(join(path(), key))
		case "name":
			have[1] = true
			l.Name, err = p.str(join(path(), key))
		case "color":
			l.Color, err = p.str(join(path(), key))
		default:
			err = unknown(path(), key)
		}
		return err
	})
	switch {
	case err != nil:
		return l, err
	case !have[0]:
		return l, FieldErrorf(join(path(), "id"), "required field is missing")
	case !have[1]:
		return l, FieldErrorf(join(path(), "name"), "required field is missing")
	}
	return l, nil
}

func (p *parser) article(path string) (Article, error) {
	var a Article
	have := map[string]bool{}
	spans := func() error {
		if len(a.Entities)+len(a.Annotations) >= MaxSpansPerArticle {
			return FieldErrorf(path, "more than %d spans", MaxSpansPerArticle)
		}
		return nil
	}
	err := p.object(func() string { return path }, func(key string) (err error) {
		have[key] = true
		switch key {
		case "id":
			a.ID, err = p.str(join(path, key))
		case "title":
			a.Title, err = p.str(join(path, key))
		case "text":
			a.Text, err = p.str(join(path, key))
		case "language":
			a.Language, err = p.str(join(path, key))
		case "source_url":
			a.SourceURL, err = p.str(join(path, key))
		case "hash":
			a.Hash, err = p.str(join(path, key))
		case "note":
			a.Note, err = p.str(join(path, key))
		case "entities":
			base := join(path, key)
			err = p.array(base, func(i int) error {
				if err := spans(); err != nil {
					return err
				}
				e, err := p.entity(base, i)
				a.Entities = append(a.Entities, e)
				return err
			})
		case "annotations":
			base := join(path, key)
			err = p.array(base, func(i int) error {
				if err := spans(); err != nil {
					return err
				}
				n, err := p.annotation(base, i)
				a.Annotations = append(a.Annotations, n)
				return err
			})
		default:
			err = unknown(path, key)
		}
		return err
	})
	if err != nil {
		return a, err
	}
	return a, missing(path, have, "id", "title", "text", "hash")
}

func (p *parser) entity(base string, i int) (Entity, error) {
	var e Entity
	var have [3]bool
	path := func() string { return index(base, i) }
	err := p.object(path, func(key string) (err error) {
		switch key {
		case "start":
			have[0] = true
			e.Start, err = p.integer(join(path(), key))
		case "end":
			have[1] = true
			e.End, err = p.integer(join(path(), key))
		case "kind":
			have[2] = true
			e.Kind, err = p.str(join(path(), key))
		case "text":
			e.Text, err = p.str(join(path(), key))
		default:
			err = unknown(path(), key)
		}
		return err
	})
	if err != nil {
		return e, err
	}
	for k, name := range []string{"start", "end", "kind"} {
		if !have[k] {
			return e, FieldErrorf(join(path(), name), "required field is missing")
		}
	}
	return e, nil
}

func (p *parser) annotation(base string, i int) (Annotation, error) {
	var n Annotation
	var have [4]bool
	path := func() string { return index(base, i) }
	err := p.object(path, func(key string) (err error) {
		switch key {
		case "id":
			have[0] = true
			n.ID, err = p.str(join(path(), key))
		case "start":
			have[1] = true
			n.Start, err = p.integer(join(path(), key))
		case "end":
			have[2] = true
			n.End, err = p.integer(join(path(), key))
		case "label":
			have[3] = true
			n.Label, err = p.str(join(path(), key))
		case "note":
			n.Note, err = p.str(join(path(), key))
		case "text":
			n.Text, err = p.str(join(path(), key))
		default:
			err = unknown(path(), key)
		}
		return err
	})
	if err != nil {
		return n, err
	}
	for k, name := range []string{"id", "start", "end", "label"} {
		if !have[k] {
			return n, FieldErrorf(join(path(), name), "required field is missing")
		}
	}
	return n, nil
}

func (p *parser) view() (*View, error) {
	w := &View{}
	err := p.object(func() string { return "view" }, func(key string) (err error) {
		switch key {
		case "article":
			w.Article, err = p.str("view.article")
		case "pair":
			w.Pair = []string{}
			err = p.array("view.pair", func(i int) error {
				if i >= 2 {
					return FieldErrorf("view.pair", "must hold exactly 2 article ids")
				}
				id, err := p.str(index("view.pair", i))
				w.Pair = append(w.Pair, id)
				return err
			})
			if err == nil && len(w.Pair) != 2 {
				err = FieldErrorf("view.pair", "must hold exactly 2 article ids, not %d", len(w.Pair))
			}
		case "entity":
			w.Entity, err = p.entityKey()
		default:
			err = unknown("view", key)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

func (p *parser) entityKey() (*EntityKey, error) {
	k := &EntityKey{}
	var have [2]bool
	err := p.object(func() string { return "view.entity" }, func(key string) (err error) {
		switch key {
		case "kind":
			have[0] = true
			k.Kind, err = p.str("view.entity.kind")
		case "text":
			have[1] = true
			k.Text, err = p.str("view.entity.text")
		default:
			err = unknown("view.entity", key)
		}
		return err
	})
	switch {
	case err != nil:
		return nil, err
	case !have[0]:
		return nil, FieldErrorf("view.entity.kind", "required field is missing")
	case !have[1]:
		return nil, FieldErrorf("view.entity.text", "required field is missing")
	}
	return k, nil
}

// String helps test failures print a set compactly.
func (s *Set) String() string {
	if s == nil {
		return "<nil set>"
	}
	return fmt.Sprintf("set v%d: %d labels, %d articles", s.Version, len(s.Labels), len(s.Articles))
}
