package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/docio"
)

// labelColors are the highlight colours, also in web/css/gloss.css; the
// saved set carries them so other readers can match the page.
var labelColors = map[string]string{
	"PER": "#cfe2ff", "ORG": "#d1f0d9", "LOC": "#ffe3c2", "MISC": "#ead7ff",
	"DATE": "#fff1a8", "MONEY": "#c9f1ee", "PERCENT": "#ffd6e7", "CARDINAL": "#e4e6ea",
	NoEntity: "#ffffff",
}

// ToSet converts the workspace to the saved-set format, code-point offsets
// and all; the engine's mentions go in as entities, corrections as
// annotations. Orphans have no place in a set and are left out.
func (w *Workspace) ToSet() (*annot.Set, error) {
	s := &annot.Set{Format: annot.Format, Version: annot.Version, Labels: setLabels(), Articles: []annot.Article{}}
	for _, a := range w.Articles {
		out, err := setArticle(a, w.auto[a.Hash])
		if err != nil {
			return nil, err
		}
		s.Articles = append(s.Articles, out)
	}
	if err := annot.Validate(s); err != nil {
		return nil, err
	}
	return s, nil
}

func setLabels() []annot.Label {
	var out []annot.Label
	for _, l := range Labels {
		out = append(out, annot.Label{ID: l.ID, Name: l.Name, Color: labelColors[l.ID]})
	}
	return append(out, annot.Label{ID: NoEntity, Name: LabelName(NoEntity), Color: labelColors[NoEntity]})
}

// setArticle converts one article and its mentions to the set format.
func setArticle(a *Article, auto []Mention) (annot.Article, error) {
	cp := docio.NewRunes(a.Text)
	out := annot.Article{ID: a.ID, Title: a.Title, Text: a.Text, Hash: a.Hash}
	for _, m := range auto {
		if m.Start < 0 || m.End > len(a.Text) || m.Start >= m.End {
			return annot.Article{}, fmt.Errorf("article %s: mention [%d,%d) outside its text", a.ID, m.Start, m.End)
		}
		out.Entities = append(out.Entities, annot.Entity{Start: cp.Index(m.Start), End: cp.Index(m.End), Kind: m.Label, Text: a.Text[m.Start:m.End]})
	}
	for _, n := range a.Manual {
		out.Annotations = append(out.Annotations, annot.Annotation{
			ID: n.ID, Start: cp.Index(n.Start), End: cp.Index(n.End), Label: n.Label, Note: n.Note, Text: a.Text[n.Start:n.End],
		})
	}
	return out, nil
}

// FromSet builds a workspace from a saved set. Entities go to the analysis
// cache, so a restored workspace shows its highlights without analysing
// again; annotations with labels this page does not know are kept as
// orphans rather than dropped.
func FromSet(s *annot.Set) (*Workspace, error) {
	if err := annot.Validate(s); err != nil {
		return nil, err
	}
	w := &Workspace{}
	for _, in := range s.Articles {
		a := &Article{ID: in.ID, Title: cleanTitle(in.Title), Text: in.Text, Hash: in.Hash}
		cp := docio.NewRunes(in.Text)
		if len(in.Entities) > 0 {
			ms := make([]Mention, 0, len(in.Entities))
			for _, e := range in.Entities {
				ms = append(ms, Mention{Start: cp.Byte(e.Start), End: cp.Byte(e.End), Label: e.Kind})
			}
			w.SetAuto(in.Hash, ms)
		}
		for _, n := range in.Annotations {
			ann := Annotation{ID: n.ID, Start: cp.Byte(n.Start), End: cp.Byte(n.End), Label: n.Label, Note: n.Note}
			anchorIn(a.Text, &ann)
			if validLabel(n.Label) {
				a.Manual = append(a.Manual, ann)
			} else {
				a.Orphans = append(a.Orphans, ann)
			}
		}
		w.Articles = append(w.Articles, a)
		w.bumpID(in.ID)
		for _, n := range in.Annotations {
			w.bumpID(n.ID)
		}
	}
	w.rev++
	return w, nil
}

// bumpID keeps new ids clear of ids restored from a set.
func (w *Workspace) bumpID(id string) {
	n, err := strconv.Atoi(strings.TrimLeft(id, "an"))
	if err == nil && n > w.nextID {
		w.nextID = n
	}
}

// DraftVersion is the version of the local draft's envelope.
const DraftVersion = 1

// draft is what the page keeps between visits: the set plus what a set
// cannot hold (orphaned corrections).
type draft struct {
	Version int                     `json:"version"`
	Set     json.RawMessage         `json:"set,omitempty"` // absent when there are no articles
	Orphans map[string][]Annotation `json:"orphans,omitempty"`
}

// MarshalDraft encodes the workspace for the browser's local draft.
func (w *Workspace) MarshalDraft() ([]byte, error) {
	b := w.NewDraft()
	for {
		done, err := b.Next()
		if err != nil {
			return nil, err
		}
		if done {
			return b.Bytes()
		}
	}
}

// Draft encodes a snapshot of the workspace one article at a time, so the
// page can save a large workspace in slices between which the browser gets
// its turn. The snapshot is taken by NewDraft; later changes to the
// workspace do not affect it (articles are copied on write).
type Draft struct {
	articles []*Article
	auto     [][]Mention
	parts    []json.RawMessage
	orphans  map[string][]Annotation
}

// NewDraft takes the snapshot to encode.
func (w *Workspace) NewDraft() *Draft {
	d := &Draft{articles: slices.Clone(w.Articles)}
	for _, a := range d.articles {
		d.auto = append(d.auto, w.auto[a.Hash])
		if len(a.Orphans) > 0 {
			if d.orphans == nil {
				d.orphans = map[string][]Annotation{}
			}
			d.orphans[a.ID] = a.Orphans
		}
	}
	return d
}

// Next encodes one more article; done reports that all are.
func (d *Draft) Next() (done bool, err error) {
	i := len(d.parts)
	if i >= len(d.articles) {
		return true, nil
	}
	out, err := setArticle(d.articles[i], d.auto[i])
	if err != nil {
		return false, err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return false, err
	}
	d.parts = append(d.parts, b)
	return len(d.parts) == len(d.articles), nil
}

// Bytes assembles the draft once every article is encoded. The set is
// checked when it is read back (UnmarshalDraft decodes strictly).
func (d *Draft) Bytes() ([]byte, error) {
	if len(d.parts) != len(d.articles) {
		return nil, fmt.Errorf("draft: %d of %d articles encoded", len(d.parts), len(d.articles))
	}
	if len(d.articles) == 0 {
		// A set holds at least one article; an empty workspace is a draft
		// without one.
		return json.Marshal(draft{Version: DraftVersion})
	}
	head, err := json.Marshal(struct {
		Format  string        `json:"format"`
		Version int           `json:"version"`
		Labels  []annot.Label `json:"labels"`
	}{annot.Format, annot.Version, setLabels()})
	if err != nil {
		return nil, err
	}
	var set bytes.Buffer
	set.Write(head[:len(head)-1])
	set.WriteString(`,"articles":[`)
	for i, p := range d.parts {
		if i > 0 {
			set.WriteByte(',')
		}
		set.Write(p)
	}
	set.WriteString("]}")
	return json.Marshal(draft{Version: DraftVersion, Set: set.Bytes(), Orphans: d.orphans})
}

// UnmarshalDraft restores a workspace saved by MarshalDraft.
func UnmarshalDraft(data []byte) (*Workspace, error) {
	var d draft
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("draft: %w", err)
	}
	if d.Version != DraftVersion {
		return nil, fmt.Errorf("draft: version %d, want %d", d.Version, DraftVersion)
	}
	if len(d.Set) == 0 {
		return &Workspace{}, nil
	}
	s, err := annot.Decode(d.Set)
	if err != nil {
		return nil, fmt.Errorf("draft: %w", err)
	}
	w, err := FromSet(s)
	if err != nil {
		return nil, err
	}
	for _, a := range w.Articles {
		for _, o := range d.Orphans[a.ID] {
			a.Orphans = append(a.Orphans, o)
			w.bumpID(o.ID)
		}
	}
	return w, nil
}
