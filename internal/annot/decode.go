package annot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Decode reads a set strictly and validates it. Unknown fields, missing
// required fields, nulls, wrong types, non-integer offsets, trailing data and
// invalid UTF-8 are all EINVALID errors that name the field, e.g.
// "articles[0].entities[2].start".
//
// Decoding goes through a generic tree rather than straight into the structs
// because encoding/json's own errors do not say which array element or which
// unknown key was wrong, and the API promises to name the field.
func Decode(data []byte) (*Set, error) {
	if !utf8.Valid(data) {
		return nil, FieldErrorf("", "document is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, syntaxError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, FieldErrorf("", "trailing data after the JSON document (at byte %d)", dec.InputOffset())
	}
	s, err := readSet(root)
	if err != nil {
		return nil, err
	}
	if err := Validate(s); err != nil {
		return nil, err
	}
	return s, nil
}

func syntaxError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return FieldErrorf("", "invalid JSON at byte %d: %v", se.Offset, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return FieldErrorf("", "truncated or empty JSON document")
	default:
		return FieldErrorf("", "invalid JSON: %v", err)
	}
}

// fields reads one JSON object whose allowed keys are known; required keys
// must be present.
type fields struct {
	path string
	m    map[string]any
}

func object(v any, path string, known, required []string) (*fields, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, typeError(v, path, "an object")
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown) // map order is random; the error must not be
		return nil, FieldErrorf(join(path, unknown[0]), "unknown field")
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			return nil, FieldErrorf(join(path, k), "required field is missing")
		}
	}
	return &fields{path: path, m: m}, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func typeError(v any, path, want string) error {
	got := "null"
	switch v.(type) {
	case map[string]any:
		got = "an object"
	case []any:
		got = "an array"
	case string:
		got = "a string"
	case json.Number:
		got = "a number"
	case bool:
		got = "a boolean"
	}
	return FieldErrorf(path, "must be %s, not %s", want, got)
}

// str returns the string at key, "" when absent.
func (f *fields) str(key string) (string, error) {
	v, ok := f.m[key]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", typeError(v, join(f.path, key), "a string")
	}
	return s, nil
}

// int returns the non-negative integer at key, 0 when absent.
func (f *fields) int(key string) (int, error) {
	v, ok := f.m[key]
	if !ok {
		return 0, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, typeError(v, join(f.path, key), "an integer")
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, FieldErrorf(join(f.path, key), "must be an integer, not %s", n)
	}
	if i < 0 || i > math.MaxInt32 {
		return 0, FieldErrorf(join(f.path, key), "%d is out of range", i)
	}
	return int(i), nil
}

// array returns the elements at key, nil when absent.
func (f *fields) array(key string) ([]any, error) {
	v, ok := f.m[key]
	if !ok {
		return nil, nil
	}
	a, ok := v.([]any)
	if !ok {
		return nil, typeError(v, join(f.path, key), "an array")
	}
	return a, nil
}

// strField names one string field to read and where to put it.
type strField struct {
	key string
	dst *string
}

// strs reads several optional string fields in order, stopping at the
// first error, to keep the readers below flat.
func (f *fields) strs(fs ...strField) error {
	for _, sf := range fs {
		s, err := f.str(sf.key)
		if err != nil {
			return err
		}
		*sf.dst = s
	}
	return nil
}

func readSet(v any) (*Set, error) {
	f, err := object(v, "", []string{"format", "version", "labels", "articles", "view"}, []string{"format", "version", "articles"})
	if err != nil {
		return nil, err
	}
	s := &Set{}
	if s.Format, err = f.str("format"); err != nil {
		return nil, err
	}
	if s.Version, err = f.int("version"); err != nil {
		return nil, err
	}
	labels, err := f.array("labels")
	if err != nil {
		return nil, err
	}
	if len(labels) > MaxLabels {
		return nil, FieldErrorf("labels", "%d labels, at most %d allowed", len(labels), MaxLabels)
	}
	for i, lv := range labels {
		lf, err := object(lv, index("labels", i), []string{"id", "name", "color"}, []string{"id", "name"})
		if err != nil {
			return nil, err
		}
		var l Label
		if err := lf.strs(strField{"id", &l.ID}, strField{"name", &l.Name}, strField{"color", &l.Color}); err != nil {
			return nil, err
		}
		s.Labels = append(s.Labels, l)
	}
	arts, err := f.array("articles")
	if err != nil {
		return nil, err
	}
	if len(arts) > MaxArticles {
		return nil, FieldErrorf("articles", "%d articles, at most %d allowed", len(arts), MaxArticles)
	}
	for i, av := range arts {
		a, err := readArticle(av, index("articles", i))
		if err != nil {
			return nil, err
		}
		s.Articles = append(s.Articles, a)
	}
	if vv, ok := f.m["view"]; ok {
		if s.View, err = readView(vv); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func readArticle(v any, path string) (Article, error) {
	var a Article
	f, err := object(v, path,
		[]string{"id", "title", "text", "language", "source_url", "hash", "entities", "annotations", "note"},
		[]string{"id", "title", "text", "hash"})
	if err != nil {
		return a, err
	}
	if err := f.strs(strField{"id", &a.ID}, strField{"title", &a.Title}, strField{"text", &a.Text},
		strField{"language", &a.Language}, strField{"source_url", &a.SourceURL},
		strField{"hash", &a.Hash}, strField{"note", &a.Note}); err != nil {
		return a, err
	}
	ents, err := f.array("entities")
	if err != nil {
		return a, err
	}
	anns, err := f.array("annotations")
	if err != nil {
		return a, err
	}
	if len(ents)+len(anns) > MaxSpansPerArticle {
		return a, FieldErrorf(path, "%d spans, at most %d allowed", len(ents)+len(anns), MaxSpansPerArticle)
	}
	entPath, annPath := join(path, "entities"), join(path, "annotations")
	for i, ev := range ents {
		p := index(entPath, i)
		ef, err := object(ev, p, []string{"start", "end", "kind", "text"}, []string{"start", "end", "kind"})
		if err != nil {
			return a, err
		}
		var e Entity
		if e.Start, err = ef.int("start"); err != nil {
			return a, err
		}
		if e.End, err = ef.int("end"); err != nil {
			return a, err
		}
		if err := ef.strs(strField{"kind", &e.Kind}, strField{"text", &e.Text}); err != nil {
			return a, err
		}
		a.Entities = append(a.Entities, e)
	}
	for i, nv := range anns {
		p := index(annPath, i)
		nf, err := object(nv, p, []string{"id", "start", "end", "label", "note", "text"}, []string{"id", "start", "end", "label"})
		if err != nil {
			return a, err
		}
		var n Annotation
		if n.Start, err = nf.int("start"); err != nil {
			return a, err
		}
		if n.End, err = nf.int("end"); err != nil {
			return a, err
		}
		if err := nf.strs(strField{"id", &n.ID}, strField{"label", &n.Label},
			strField{"note", &n.Note}, strField{"text", &n.Text}); err != nil {
			return a, err
		}
		a.Annotations = append(a.Annotations, n)
	}
	return a, nil
}

func readView(v any) (*View, error) {
	f, err := object(v, "view", []string{"article", "pair", "entity"}, nil)
	if err != nil {
		return nil, err
	}
	w := &View{}
	if w.Article, err = f.str("article"); err != nil {
		return nil, err
	}
	pair, err := f.array("pair")
	if err != nil {
		return nil, err
	}
	if pair != nil && len(pair) != 2 {
		return nil, FieldErrorf("view.pair", "must hold exactly 2 article ids, not %d", len(pair))
	}
	for i, pv := range pair {
		id, ok := pv.(string)
		if !ok {
			return nil, typeError(pv, index("view.pair", i), "a string")
		}
		w.Pair = append(w.Pair, id)
	}
	if ev, ok := f.m["entity"]; ok {
		ef, err := object(ev, "view.entity", []string{"kind", "text"}, []string{"kind", "text"})
		if err != nil {
			return nil, err
		}
		k := &EntityKey{}
		if err := ef.strs(strField{"kind", &k.Kind}, strField{"text", &k.Text}); err != nil {
			return nil, err
		}
		w.Entity = k
	}
	return w, nil
}

// String helps test failures print a set compactly.
func (s *Set) String() string {
	if s == nil {
		return "<nil set>"
	}
	return fmt.Sprintf("set v%d: %d labels, %d articles", s.Version, len(s.Labels), len(s.Articles))
}
