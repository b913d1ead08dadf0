package workspace

import (
	"encoding/json"
	"fmt"
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
	s := &annot.Set{Format: annot.Format, Version: annot.Version, Articles: []annot.Article{}}
	for _, l := range Labels {
		s.Labels = append(s.Labels, annot.Label{ID: l.ID, Name: l.Name, Color: labelColors[l.ID]})
	}
	s.Labels = append(s.Labels, annot.Label{ID: NoEntity, Name: LabelName(NoEntity), Color: labelColors[NoEntity]})
	for _, a := range w.Articles {
		cp := docio.NewRunes(a.Text)
		out := annot.Article{ID: a.ID, Title: a.Title, Text: a.Text, Hash: a.Hash}
		for _, m := range w.auto[a.Hash] {
			if m.Start < 0 || m.End > len(a.Text) || m.Start >= m.End {
				return nil, fmt.Errorf("article %s: mention [%d,%d) outside its text", a.ID, m.Start, m.End)
			}
			out.Entities = append(out.Entities, annot.Entity{Start: cp.Index(m.Start), End: cp.Index(m.End), Kind: m.Label, Text: a.Text[m.Start:m.End]})
		}
		for _, n := range a.Manual {
			out.Annotations = append(out.Annotations, annot.Annotation{
				ID: n.ID, Start: cp.Index(n.Start), End: cp.Index(n.End), Label: n.Label, Note: n.Note, Text: a.Text[n.Start:n.End],
			})
		}
		s.Articles = append(s.Articles, out)
	}
	if err := annot.Validate(s); err != nil {
		return nil, err
	}
	return s, nil
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
			anchor(a.Text, &ann)
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
	Set     json.RawMessage         `json:"set"`
	Orphans map[string][]Annotation `json:"orphans,omitempty"`
}

// MarshalDraft encodes the workspace for the browser's local draft.
func (w *Workspace) MarshalDraft() ([]byte, error) {
	s, err := w.ToSet()
	if err != nil {
		return nil, err
	}
	b, err := annot.Encode(s)
	if err != nil {
		return nil, err
	}
	d := draft{Version: DraftVersion, Set: b}
	for _, a := range w.Articles {
		if len(a.Orphans) > 0 {
			if d.Orphans == nil {
				d.Orphans = map[string][]Annotation{}
			}
			d.Orphans[a.ID] = a.Orphans
		}
	}
	return json.Marshal(d)
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
