package workspace

import (
	"slices"
	"strings"
	"unicode"
)

// Ref points at one mention: article position and byte span.
type Ref struct {
	Article    int
	Start, End int
}

// Entity is one thing mentioned across articles, with its mentions merged:
// "Putin", "Vladimir Putin" and "President Putin" are one person.
type Entity struct {
	Key    string   // stable across renders: label + ":" + normalised name
	Label  string   //
	Name   string   // the fullest form seen
	Forms  []string // every distinct surface form, most frequent first
	Counts []int    // mentions per article position (the matrix row)
	Refs   []Ref    // every mention in reading order
}

// Total is the number of mentions in all articles.
func (e Entity) Total() int {
	n := 0
	for _, c := range e.Counts {
		n += c
	}
	return n
}

// Titles and honorifics that do not tell people apart.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true, "dame": true,
	"president": true, "vice": true, "prime": true, "minister": true, "chancellor": true, "secretary": true,
	"senator": true, "sen": true, "rep": true, "representative": true, "governor": true, "gov": true,
	"mayor": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"general": true, "gen": true, "colonel": true, "col": true, "captain": true, "capt": true,
	"judge": true, "justice": true, "chief": true, "executive": true, "ceo": true, "chairman": true,
	"chairwoman": true, "director": true, "commissioner": true, "ambassador": true, "foreign": true,
	"defence": true, "defense": true, "finance": true, "health": true, "interior": true, "former": true,
	"the": true, "st": true, "lord": true, "lady": true, "officer": true, "inspector": true, "sergeant": true,
}

// nameWords splits a mention into lower-case words without honorifics or
// a trailing possessive.
func nameWords(s string, person bool) []string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'')
	})
	if !person {
		if len(words) > 1 && words[0] == "the" {
			words = words[1:]
		}
		return words
	}
	out := words[:0:0]
	for _, w := range words {
		if !honorifics[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// Entities merges the highlighted spans of all articles into entities,
// sorted by total mentions (most first), then label and name.
//
// People merge when one name's words are the end of the other's once
// titles are dropped ("Putin" into "Vladimir Putin"); a short form that fits
// several full names goes to the most mentioned one. Other types merge on
// their normalised words.
func (w *Workspace) Entities() []Entity {
	type form struct {
		label, text string
		words       []string
		count       int
		refs        []Ref
	}
	forms := map[string]*form{}
	var order []string
	for ai, a := range w.Articles {
		for _, m := range w.mentionForms(a) {
			f := forms[m.key]
			if f == nil {
				f = &form{label: m.label, text: m.text, words: m.words}
				forms[m.key] = f
				order = append(order, m.key)
			}
			f.count++
			f.refs = append(f.refs, Ref{ai, m.start, m.end})
		}
	}
	// Longest names first, so short forms find the full name they belong to.
	slices.SortStableFunc(order, func(x, y string) int {
		fx, fy := forms[x], forms[y]
		if d := len(fy.words) - len(fx.words); d != 0 {
			return d
		}
		return fy.count - fx.count
	})
	type group struct {
		key   string
		label string
		forms []*form
		total int
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, k := range order {
		f := forms[k]
		var target *group
		if f.label == "PER" {
			for _, g := range groups {
				if g.label != "PER" {
					continue
				}
				full := g.forms[0].words
				if endsWith(full, f.words) {
					if target == nil || g.total > target.total {
						target = g
					}
				}
			}
		}
		if target == nil {
			target = &group{key: k, label: f.label}
			groups = append(groups, target)
			byKey[k] = target
		}
		target.forms = append(target.forms, f)
		target.total += f.count
	}
	out := make([]Entity, 0, len(groups))
	for _, g := range groups {
		e := Entity{Key: g.key, Label: g.label, Name: g.forms[0].text, Counts: make([]int, len(w.Articles))}
		fs := slices.Clone(g.forms)
		slices.SortStableFunc(fs, func(x, y *form) int { return y.count - x.count })
		for _, f := range fs {
			e.Forms = append(e.Forms, f.text)
			e.Refs = append(e.Refs, f.refs...)
		}
		for _, r := range e.Refs {
			e.Counts[r.Article]++
		}
		slices.SortFunc(e.Refs, func(x, y Ref) int {
			if x.Article != y.Article {
				return x.Article - y.Article
			}
			return x.Start - y.Start
		})
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(x, y Entity) int {
		if d := y.Total() - x.Total(); d != 0 {
			return d
		}
		if x.Label != y.Label {
			return strings.Compare(x.Label, y.Label)
		}
		return strings.Compare(x.Name, y.Name)
	})
	return out
}

// endsWith reports whether short is the last words of full.
func endsWith(full, short []string) bool {
	if len(short) > len(full) || len(short) == 0 {
		return false
	}
	return slices.Equal(full[len(full)-len(short):], short)
}

// EntityAt returns the key of the entity whose mention covers byte off of
// article position ai in idx.
func EntityAt(idx []Entity, ai, off int) (string, bool) {
	for _, e := range idx {
		for _, r := range e.Refs {
			if r.Article == ai && r.Start <= off && off < r.End {
				return e.Key, true
			}
		}
	}
	return "", false
}

// mentionForm is one highlight with its normalised name.
type mentionForm struct {
	key, label, text string
	words            []string
	start, end       int
}

// mentionForms normalises an article's highlights, cached per article
// version like findQuotes: the index is rebuilt often while a batch is
// analysed, and most articles have not changed.
func (w *Workspace) mentionForms(a *Article) []mentionForm {
	_, analysed := w.auto[a.Hash]
	if c, ok := w.formCache[a]; ok && c.analysed == analysed {
		return c.forms
	}
	var out []mentionForm
	for _, s := range w.Spans(a.ID) {
		text := strings.Join(strings.Fields(a.Text[s.Start:s.End]), " ")
		words := nameWords(text, s.Label == "PER")
		if len(words) == 0 {
			continue
		}
		out = append(out, mentionForm{s.Label + ":" + strings.Join(words, " "), s.Label, text, words, s.Start, s.End})
	}
	if w.formCache == nil || len(w.formCache) > 4*len(w.Articles)+64 {
		w.formCache = map[*Article]formEntry{}
	}
	w.formCache[a] = formEntry{analysed, out}
	return out
}

type formEntry struct {
	analysed bool
	forms    []mentionForm
}
