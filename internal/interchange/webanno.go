package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gloss/internal/anchor"
	"gloss/internal/annot"
	"gloss/internal/docio"
)

// The W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/).
const (
	waContext   = "http://www.w3.org/ns/anno.jsonld"
	articleURN  = "urn:gloss:article:"
	glossAgent  = "Gloss"
	purposeTag  = "tagging"
	purposeNote = "commenting"
)

type waCollection struct {
	Context string  `json:"@context"`
	ID      string  `json:"id"`
	Type    string  `json:"type"`
	Label   string  `json:"label,omitempty"`
	Total   int     `json:"total"`
	First   *waPage `json:"first,omitempty"`
}

type waPage struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	StartIndex int            `json:"startIndex"`
	Items      []waAnnotation `json:"items"`
}

type waAnnotation struct {
	ID         string   `json:"id"`
	Type       string   `json:"type"`
	Motivation string   `json:"motivation"`
	Creator    *waAgent `json:"creator,omitempty"`
	Body       []waBody `json:"body"`
	Target     waTarget `json:"target"`
}

type waAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type waBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
}

type waTarget struct {
	Source   string       `json:"source"`
	Selector []waSelector `json:"selector"`
}

type waSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// articleIRI names an article as an annotation target: its source URL when
// it has one, else a URN made of its id.
func articleIRI(a *annot.Article) string {
	if a.SourceURL != "" {
		return a.SourceURL
	}
	return articleURN + url.PathEscape(a.ID)
}

// WebAnnotation writes the set's mentions as a W3C AnnotationCollection.
// Each annotation targets its article with a TextQuoteSelector (exact,
// prefix, suffix) and a TextPositionSelector (code points), so another tool
// can anchor it even on a copy of the text with other offsets. Automatic
// entities carry Gloss as their software creator.
func WebAnnotation(set *annot.Set) ([]byte, error) {
	setID := "urn:gloss:set:" + strings.TrimPrefix(setHash(set), "sha256:")[:32]
	var items []waAnnotation
	for ai := range set.Articles {
		a := &set.Articles[ai]
		rn := docio.NewRunes(a.Text)
		length := rn.Index(len(a.Text))
		for i, m := range Mentions(a) {
			if m.Start < 0 || m.End > length || m.Start >= m.End {
				return nil, fmt.Errorf("article %q: mention [%d,%d) outside its text", a.ID, m.Start, m.End)
			}
			q := anchor.Quote(a.Text, rn.Byte(m.Start), rn.Byte(m.End))
			start, end := m.Start, m.End
			id := m.ID
			if id == "" {
				id = "e" + strconv.Itoa(i)
			}
			w := waAnnotation{
				ID:         setID + ":" + url.PathEscape(a.ID) + ":" + url.PathEscape(id),
				Type:       "Annotation",
				Motivation: "tagging",
				Body:       []waBody{{Type: "TextualBody", Purpose: purposeTag, Value: m.Label}},
				Target: waTarget{Source: articleIRI(a), Selector: []waSelector{
					{Type: "TextQuoteSelector", Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix},
					{Type: "TextPositionSelector", Start: &start, End: &end},
				}},
			}
			if m.Note != "" {
				w.Body = append(w.Body, waBody{Type: "TextualBody", Purpose: purposeNote, Value: m.Note})
			}
			if m.Source == SourceAuto {
				w.Creator = &waAgent{Type: "Software", Name: glossAgent}
			}
			items = append(items, w)
		}
	}
	if items == nil {
		items = []waAnnotation{}
	}
	c := waCollection{
		Context: waContext,
		ID:      setID,
		Type:    "AnnotationCollection",
		Label:   "Gloss annotations",
		Total:   len(items),
		First:   &waPage{ID: setID + ":page1", Type: "AnnotationPage", StartIndex: 0, Items: items},
	}
	return marshal(c)
}

// marshal encodes without HTML escaping: these files are data, and "<" in
// an article must stay "<" for other tools.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func setHash(set *annot.Set) string {
	var b strings.Builder
	for _, a := range set.Articles {
		b.WriteString(a.Hash)
		b.WriteByte('\n')
	}
	return annot.ContentHash(b.String())
}

// Orphan is an imported annotation that could not be anchored: its quote is
// no longer in the article, or its article is not in the set.
type Orphan struct {
	Source string // the target's source IRI
	Exact  string
	Label  string
	Reason string
}

// Imported reports what an import did.
type Imported struct {
	Entities    int // automatic entities restored
	Annotations int // manual annotations added
	Moved       int // anchored at another position than recorded (text was edited)
	Orphans     []Orphan
}

// ImportWebAnnotation adds the annotations of a W3C Web Annotation document
// (an AnnotationCollection, an AnnotationPage, one Annotation, or an array
// of them) to the set's articles, matched by target source. Each is anchored
// by its TextPositionSelector when the quote is still there, else by its
// TextQuoteSelector; those that cannot be anchored are returned as orphans,
// never dropped silently. Unknown labels are added to the label set.
func ImportWebAnnotation(data []byte, set *annot.Set) (*Imported, error) {
	anns, err := parseAnnotations(data)
	if err != nil {
		return nil, err
	}
	byIRI := make(map[string]int, len(set.Articles))
	for i := range set.Articles {
		byIRI[articleIRI(&set.Articles[i])] = i
	}
	labels := make(map[string]bool, len(set.Labels))
	for _, l := range set.Labels {
		labels[l.ID] = true
	}
	res := &Imported{}
	for i, w := range anns {
		label, note := "", ""
		for _, b := range w.Body {
			switch b.Purpose {
			case purposeTag, "classifying", "":
				if label == "" {
					label = b.Value
				}
			case purposeNote:
				note = b.Value
			}
		}
		sel := anchor.Selector{Start: -1, End: -1}
		for _, s := range w.Target.Selector {
			switch s.Type {
			case "TextQuoteSelector":
				sel.Exact, sel.Prefix, sel.Suffix = s.Exact, s.Prefix, s.Suffix
			case "TextPositionSelector":
				if s.Start != nil && s.End != nil {
					sel.Start, sel.End = *s.Start, *s.End
				}
			}
		}
		orphan := func(reason string) {
			res.Orphans = append(res.Orphans, Orphan{Source: w.Target.Source, Exact: sel.Exact, Label: label, Reason: reason})
		}
		if label == "" {
			orphan("no tagging body")
			continue
		}
		ai, found := byIRI[w.Target.Source]
		if !found {
			orphan("no article with this source")
			continue
		}
		a := &set.Articles[ai]
		rn := docio.NewRunes(a.Text)
		bsel := sel // the selector in bytes, as anchor works
		if sel.Start >= 0 {
			bsel.Start, bsel.End = rn.Byte(sel.Start), rn.Byte(sel.End)
		}
		bs, be, ok := anchor.Find(a.Text, bsel)
		if !ok {
			orphan("quote not found in the article")
			continue
		}
		start, end := rn.Index(bs), rn.Index(be)
		if start != sel.Start {
			res.Moved++
		}
		covered := a.Text[bs:be]
		// Importing what is already there changes nothing, so importing a
		// file twice, or onto freshly recognised entities, adds no copies.
		if w.Creator != nil && w.Creator.Type == "Software" && w.Creator.Name == glossAgent {
			if !slices.ContainsFunc(a.Entities, func(e annot.Entity) bool { return e.Start == start && e.End == end && e.Kind == label }) {
				a.Entities = append(a.Entities, annot.Entity{Start: start, End: end, Kind: label, Text: covered})
				res.Entities++
			}
			continue
		}
		if slices.ContainsFunc(a.Annotations, func(n annot.Annotation) bool {
			return n.Start == start && n.End == end && n.Label == label && n.Note == note
		}) {
			continue
		}
		if !labels[label] {
			set.Labels = append(set.Labels, annot.Label{ID: label, Name: label})
			labels[label] = true
		}
		a.Annotations = append(a.Annotations, annot.Annotation{
			ID: uniqueID(a, w.ID, i), Start: start, End: end, Label: label, Note: note, Text: covered,
		})
		res.Annotations++
	}
	return res, nil
}

// uniqueID keeps the annotation's own id (its last IRI segment) when it is
// free in the article, else makes one.
func uniqueID(a *annot.Article, iri string, n int) string {
	id := iri[strings.LastIndexAny(iri, ":/#")+1:]
	if u, err := url.PathUnescape(id); err == nil {
		id = u
	}
	taken := func(id string) bool {
		for _, x := range a.Annotations {
			if x.ID == id {
				return true
			}
		}
		return false
	}
	if id == "" || len(id) > annot.MaxIDLen || taken(id) {
		for k := n; ; k++ {
			id = "imported-" + strconv.Itoa(k)
			if !taken(id) {
				break
			}
		}
	}
	return id
}
