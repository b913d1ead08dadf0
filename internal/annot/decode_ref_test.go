package annot

// The decoder Gloss used before its own parser: encoding/json into a
// generic tree, then a typed walk. Kept as the reference the new parser is
// fuzzed against.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Decode reads a set strictly and validates it. Unknown refFields, missing
// required refFields, nulls, wrong types, non-integer offsets, trailing data and
// invalid UTF-8 are all EINVALID errors that name the field, e.g.
// "articles[0].entities[2].start".
//
// Decoding goes through a generic tree rather than straight into the structs
// because encoding/json's own errors do not say which array element or which
// unknown key was wrong, and the API promises to name the field.
func refDecode(data []byte) (*Set, error) {
	if !utf8.Valid(data) {
		return nil, FieldErrorf("", "document is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, refSyntaxError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, FieldErrorf("", "trailing data after the JSON document (at byte %d)", dec.InputOffset())
	}
	s, err := refReadSet(root)
	if err != nil {
		return nil, err
	}
	if err := Validate(s); err != nil {
		return nil, err
	}
	return s, nil
}

func refSyntaxError(err error) error {
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

// refFields reads one JSON refObject whose allowed keys are known; required keys
// must be present.
type refFields struct {
	path string
	m    map[string]any
}

func refObject(v any, path string, known, required []string) (*refFields, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, refTypeError(v, path, "an refObject")
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown) // map order is random; the error must not be
		return nil, FieldErrorf(refJoin(path, unknown[0]), "unknown field")
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			return nil, FieldErrorf(refJoin(path, k), "required field is missing")
		}
	}
	return &refFields{path: path, m: m}, nil
}

func refJoin(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func refIndex(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func refTypeError(v any, path, want string) error {
	got := "null"
	switch v.(type) {
	case map[string]any:
		got = "an refObject"
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
func (f *refFields) str(key string) (string, error) {
	v, ok := f.m[key]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", refTypeError(v, refJoin(f.path, key), "a string")
	}
	return s, nil
}

// int returns the non-negative integer at key, 0 when absent.
func (f *refFields) int(key string) (int, error) {
	v, ok := f.m[key]
	if !ok {
		return 0, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, refTypeError(v, refJoin(f.path, key), "an integer")
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, FieldErrorf(refJoin(f.path, key), "must be an integer, not %s", n)
	}
	if i < 0 || i > math.MaxInt32 {
		return 0, FieldErrorf(refJoin(f.path, key), "%d is out of range", i)
	}
	return int(i), nil
}

// array returns the elements at key, nil when absent.
func (f *refFields) array(key string) ([]any, error) {
	v, ok := f.m[key]
	if !ok {
		return nil, nil
	}
	a, ok := v.([]any)
	if !ok {
		return nil, refTypeError(v, refJoin(f.path, key), "an array")
	}
	return a, nil
}

// refStrField names one string field to read and where to put it.
type refStrField struct {
	key string
	dst *string
}

// strs reads several optional string refFields in order, stopping at the
// first error, to keep the readers below flat.
func (f *refFields) strs(fs ...refStrField) error {
	for _, sf := range fs {
		s, err := f.str(sf.key)
		if err != nil {
			return err
		}
		*sf.dst = s
	}
	return nil
}

func refReadSet(v any) (*Set, error) {
	f, err := refObject(v, "", []string{"format", "version", "labels", "articles", "view"}, []string{"format", "version", "articles"})
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
		lf, err := refObject(lv, refIndex("labels", i), []string{"id", "name", "color"}, []string{"id", "name"})
		if err != nil {
			return nil, err
		}
		var l Label
		if err := lf.strs(refStrField{"id", &l.ID}, refStrField{"name", &l.Name}, refStrField{"color", &l.Color}); err != nil {
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
		a, err := refReadArticle(av, refIndex("articles", i))
		if err != nil {
			return nil, err
		}
		s.Articles = append(s.Articles, a)
	}
	if vv, ok := f.m["view"]; ok {
		if s.View, err = refReadView(vv); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func refReadArticle(v any, path string) (Article, error) {
	var a Article
	f, err := refObject(v, path,
		[]string{"id", "title", "text", "language", "source_url", "hash", "entities", "annotations", "note"},
		[]string{"id", "title", "text", "hash"})
	if err != nil {
		return a, err
	}
	if err := f.strs(refStrField{"id", &a.ID}, refStrField{"title", &a.Title}, refStrField{"text", &a.Text},
		refStrField{"language", &a.Language}, refStrField{"source_url", &a.SourceURL},
		refStrField{"hash", &a.Hash}, refStrField{"note", &a.Note}); err != nil {
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
	entPath, annPath := refJoin(path, "entities"), refJoin(path, "annotations")
	for i, ev := range ents {
		p := refIndex(entPath, i)
		ef, err := refObject(ev, p, []string{"start", "end", "kind", "text"}, []string{"start", "end", "kind"})
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
		if err := ef.strs(refStrField{"kind", &e.Kind}, refStrField{"text", &e.Text}); err != nil {
			return a, err
		}
		a.Entities = append(a.Entities, e)
	}
	for i, nv := range anns {
		p := refIndex(annPath, i)
		nf, err := refObject(nv, p, []string{"id", "start", "end", "label", "note", "text"}, []string{"id", "start", "end", "label"})
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
		if err := nf.strs(refStrField{"id", &n.ID}, refStrField{"label", &n.Label},
			refStrField{"note", &n.Note}, refStrField{"text", &n.Text}); err != nil {
			return a, err
		}
		a.Annotations = append(a.Annotations, n)
	}
	return a, nil
}

func refReadView(v any) (*View, error) {
	f, err := refObject(v, "view", []string{"article", "pair", "entity"}, nil)
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
			return nil, refTypeError(pv, refIndex("view.pair", i), "a string")
		}
		w.Pair = append(w.Pair, id)
	}
	if ev, ok := f.m["entity"]; ok {
		ef, err := refObject(ev, "view.entity", []string{"kind", "text"}, []string{"kind", "text"})
		if err != nil {
			return nil, err
		}
		k := &EntityKey{}
		if err := ef.strs(refStrField{"kind", &k.Kind}, refStrField{"text", &k.Text}); err != nil {
			return nil, err
		}
		w.Entity = k
	}
	return w, nil
}

// FuzzDecodeDifferential: the parser and the encoding/json reference agree
// on every input, except where the parser is stricter on purpose
// (duplicate and case-folded keys, which encoding/json lets through).
func FuzzDecodeDifferential(f *testing.F) {
	seeds := []string{
		`{"format":"gloss.set","version":1,"articles":[{"id":"x","title":"","text":"é","hash":"` + ContentHash("é") + `"}]}`,
		`{"format":"gloss.set","version":1,"articles":[{"id":"\u0078","title":"\ud83d\ude00\ud800\udc00\udbff","text":"","hash":"` + ContentHash("") + `"}]}`,
		`{"format":"gloss.set","version":1,"labels":[{"id":"l","name":"L"}],"articles":[{"id":"x","title":"","text":"abc","hash":"` + ContentHash("abc") + `","entities":[{"start":0,"end":1,"kind":"K"}],"annotations":[{"id":"n","start":1,"end":3,"label":"l","text":"bc"}]}],"view":{"article":"x"}}`,
		`{"format":"gloss.set","version":1e0,"articles":[]}`,
		`{"format":"gloss.set","version":1,"articles":[]} x`,
		` {"format" : "gloss.set" , "version" : 1 , "articles" : [ ] } `,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(data)
		want, refErr := refDecode(data)
		if (err == nil) != (refErr == nil) {
			if err != nil && refErr == nil && (strings.Contains(err.Error(), "duplicate field") || strings.Contains(err.Error(), "unknown field")) {
				return // stricter on purpose
			}
			t.Fatalf("Decode(%q):\nparser:    %v\nreference: %v", data, err, refErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("Decode(%q):\nparser:    %+v\nreference: %+v", data, got, want)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Fatalf("Decode(%q): code %q, want %q", data, ErrorCode(err), EINVALID)
		}
	})
}
