package workspace

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is one highlighted stretch as the page shows it.
type Span struct {
	Start, End int
	Label      string
	Manual     bool   // a correction, not the engine's guess
	AnnID      string // the correction's id when Manual
	Note       string
}

// SetAuto stores the engine's mentions for the text with hash; every
// article with that text shows them.
func (w *Workspace) SetAuto(hash string, ms []Mention) {
	if w.auto == nil {
		w.auto = map[string][]Mention{}
	}
	w.auto[hash] = ms
	w.rev++
}

// Auto returns the cached mentions for hash and whether it was analysed.
func (w *Workspace) Auto(hash string) ([]Mention, bool) {
	ms, ok := w.auto[hash]
	return ms, ok
}

// Pending returns the articles whose text has not been analysed yet, in
// order, each text once.
func (w *Workspace) Pending() []*Article {
	var out []*Article
	seen := map[string]bool{}
	for _, a := range w.Articles {
		if _, ok := w.auto[a.Hash]; ok || seen[a.Hash] {
			continue
		}
		seen[a.Hash] = true
		out = append(out, a)
	}
	return out
}

// Analysed reports whether every article has its analysis.
func (w *Workspace) Analysed() bool { return len(w.Pending()) == 0 }

// Spans returns what to highlight in article id: the corrections, and the
// engine's mentions that no correction overlaps. Spans are sorted and never
// overlap; "not an entity" corrections are not returned.
func (w *Workspace) Spans(id string) []Span {
	a := w.Article(id)
	if a == nil {
		return nil
	}
	return spansOf(a, w.auto[a.Hash])
}

func spansOf(a *Article, auto []Mention) []Span {
	manual := slices.Clone(a.Manual)
	slices.SortStableFunc(manual, func(x, y Annotation) int { return x.Start - y.Start })
	var out []Span
	end := 0
	var blocks [][2]int
	for _, m := range manual {
		blocks = append(blocks, [2]int{m.Start, m.End})
		if m.Start < end || m.Label == NoEntity {
			continue
		}
		out = append(out, Span{Start: m.Start, End: m.End, Label: m.Label, Manual: true, AnnID: m.ID, Note: m.Note})
		end = m.End
	}
	for _, m := range auto {
		if m.Start < 0 || m.End > len(a.Text) || m.Start >= m.End {
			continue
		}
		hidden := false
		for _, b := range blocks {
			if m.Start < b[1] && b[0] < m.End {
				hidden = true
				break
			}
		}
		if !hidden {
			out = append(out, Span{Start: m.Start, End: m.End, Label: m.Label})
		}
	}
	slices.SortFunc(out, func(x, y Span) int { return x.Start - y.Start })
	// Auto mentions never overlap each other, but drop any that would.
	clean := out[:0]
	end = 0
	for _, s := range out {
		if s.Start >= end {
			clean = append(clean, s)
			end = s.End
		}
	}
	return clean
}

// checkSpan validates a span of text and trims surrounding white space.
func checkSpan(text string, start, end int) (int, int, error) {
	if start < 0 || end > len(text) || start >= end {
		return 0, 0, fmt.Errorf("span [%d,%d) outside text of %d bytes", start, end, len(text))
	}
	if !utf8.RuneStart(text[start]) || (end < len(text) && !utf8.RuneStart(text[end])) {
		return 0, 0, fmt.Errorf("span [%d,%d) splits a character", start, end)
	}
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if start == end {
		return 0, 0, fmt.Errorf("span is only white space")
	}
	return start, end, nil
}

// Annotate marks Text[start:end] of article id with label by hand; the span
// is trimmed of white space. It replaces corrections it overlaps.
func (w *Workspace) Annotate(id string, start, end int, label, note string) (Annotation, error) {
	a := w.Article(id)
	if a == nil {
		return Annotation{}, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if !validLabel(label) {
		return Annotation{}, fmt.Errorf("unknown label %q", label)
	}
	start, end, err := checkSpan(a.Text, start, end)
	if err != nil {
		return Annotation{}, err
	}
	w.save()
	return w.annotate(id, start, end, label, note), nil
}

func (w *Workspace) annotate(id string, start, end int, label, note string) Annotation {
	a := w.mutable(id)
	a.Manual = slices.DeleteFunc(a.Manual, func(m Annotation) bool { return m.Start < end && start < m.End })
	ann := Annotation{ID: w.newID("n"), Start: start, End: end, Label: label, Note: note}
	anchorIn(a.Text, &ann)
	a.Manual = append(a.Manual, ann)
	w.rev++
	return ann
}

// At returns the highlighted span of article id that covers byte offset
// off.
func (w *Workspace) At(id string, off int) (Span, bool) {
	for _, s := range w.Spans(id) {
		if s.Start <= off && off < s.End {
			return s, true
		}
	}
	return Span{}, false
}

// Relabel gives the highlight at [start,end) of article id a new label. A
// label of NoEntity removes it.
func (w *Workspace) Relabel(id string, start, end int, label string) error {
	_, err := w.Annotate(id, start, end, label, w.noteAt(id, start, end))
	return err
}

// Remove says the highlight at [start,end) is not an entity.
func (w *Workspace) RemoveSpan(id string, start, end int) error {
	return w.Relabel(id, start, end, NoEntity)
}

// Resize moves the highlight [start,end) of article id to [ns,ne), keeping
// its label, as one undoable step.
func (w *Workspace) Resize(id string, start, end, ns, ne int) error {
	a := w.Article(id)
	if a == nil {
		return fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	var label string
	for _, s := range w.Spans(id) {
		if s.Start == start && s.End == end {
			label = s.Label
		}
	}
	if label == "" {
		return fmt.Errorf("no highlight at [%d,%d): %w", start, end, ErrNotFound)
	}
	ns, ne, err := checkSpan(a.Text, ns, ne)
	if err != nil {
		return err
	}
	w.save()
	note := w.noteAt(id, start, end)
	if ne <= start || end <= ns {
		// Disjoint: the old place must say "not an entity" or the engine's
		// mention would come back.
		w.annotate(id, start, end, NoEntity, "")
	}
	w.annotate(id, ns, ne, label, note)
	return nil
}

// SetNote attaches a note to the highlight at [start,end), turning it into
// a correction if it was the engine's.
func (w *Workspace) SetNote(id string, start, end int, note string) error {
	label := ""
	for _, s := range w.Spans(id) {
		if s.Start == start && s.End == end {
			label = s.Label
		}
	}
	if label == "" {
		return fmt.Errorf("no highlight at [%d,%d): %w", start, end, ErrNotFound)
	}
	_, err := w.Annotate(id, start, end, label, note)
	return err
}

func (w *Workspace) noteAt(id string, start, end int) string {
	if a := w.Article(id); a != nil {
		for _, m := range a.Manual {
			if m.Start == start && m.End == end {
				return m.Note
			}
		}
	}
	return ""
}

// ApplyAll labels every occurrence of phrase, as a whole word sequence and
// case-sensitively, in every article, as one undoable step; label NoEntity
// removes them all. It returns how many places changed.
func (w *Workspace) ApplyAll(phrase, label string) (int, error) {
	phrase = strings.TrimSpace(phrase)
	if phrase == "" {
		return 0, fmt.Errorf("empty phrase")
	}
	if !validLabel(label) {
		return 0, fmt.Errorf("unknown label %q", label)
	}
	type hit struct {
		id         string
		start, end int
	}
	var hits []hit
	for _, a := range w.Articles {
		spans := w.Spans(a.ID)
		for _, off := range Occurrences(a.Text, phrase) {
			s, e := off, off+len(phrase)
			same := false
			for _, sp := range spans {
				if sp.Start == s && sp.End == e && sp.Label == label {
					same = true
				}
			}
			if !same && !(label == NoEntity && !overlapsAny(spans, s, e)) {
				hits = append(hits, hit{a.ID, s, e})
			}
		}
	}
	if len(hits) == 0 {
		return 0, nil
	}
	w.save()
	for _, h := range hits {
		w.annotate(h.id, h.start, h.end, label, w.noteAt(h.id, h.start, h.end))
	}
	return len(hits), nil
}

func overlapsAny(spans []Span, s, e int) bool {
	for _, sp := range spans {
		if sp.Start < e && s < sp.End {
			return true
		}
	}
	return false
}

// Occurrences returns the byte offsets where phrase occurs in text with a
// word boundary on both sides.
func Occurrences(text, phrase string) []int {
	var out []int
	if phrase == "" {
		return nil
	}
	for i := 0; i <= len(text)-len(phrase); {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			break
		}
		s := i + j
		e := s + len(phrase)
		if boundaryBefore(text, s) && boundaryAfter(text, e) {
			out = append(out, s)
		}
		_, n := utf8.DecodeRuneInString(text[s:])
		i = s + n
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func boundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	first, _ := utf8.DecodeRuneInString(text[i:])
	return !isWord(r) || !isWord(first)
}

func boundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	last, _ := utf8.DecodeLastRuneInString(text[:i])
	return !isWord(r) || !isWord(last)
}

// WordBefore returns the start of the word before byte i (skipping the
// space and punctuation between), or 0.
func WordBefore(text string, i int) int {
	i = min(max(i, 0), len(text))
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if isWord(r) {
			break
		}
		i -= n
	}
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !isWord(r) {
			break
		}
		i -= n
	}
	return i
}

// WordAfter returns the end of the word after byte i, or len(text).
func WordAfter(text string, i int) int {
	i = min(max(i, 0), len(text))
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWord(r) {
			break
		}
		i += n
	}
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			break
		}
		i += n
	}
	return i
}
