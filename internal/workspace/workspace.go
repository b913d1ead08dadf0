package workspace

import (
	"gloss/internal/workspace/wire"

	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gloss/internal/annot"
)

// Mention is an automatically recognised entity (wire.Mention).
type Mention = wire.Mention

// Annotation is a correction made by hand. Label NoEntity removes what the
// engine found there. Quote, Prefix and Suffix anchor it in the text the way
// a W3C TextQuoteSelector does, so it survives edits of the article.
type Annotation struct {
	ID         string
	Start, End int
	Label      string
	Note       string
	Quote      string
	Prefix     string
	Suffix     string
}

// Article is one text in the workspace.
type Article struct {
	ID     string
	Title  string
	Text   string
	Hash   string // annot.ContentHash(Text): the analysis cache key
	Manual []Annotation
	// Orphans are corrections that could not be re-anchored after an edit;
	// they are kept and listed, never silently dropped.
	Orphans []Annotation
}

// Workspace holds the articles and their analysis. The zero value is empty
// and ready to use.
type Workspace struct {
	Articles []*Article

	nextID int
	// auto caches analysis by content hash, so re-adding or restoring a
	// text never analyses it twice.
	auto map[string][]Mention
	// pairs caches comparisons by the two texts' hashes.
	pairs map[string]PairResult
	undo  []snapshot
	redo  []snapshot
	rev   int
	// pairRev counts stored comparisons (see PairRev).
	pairRev int
	// quoteCache keeps each article version's quotes (see findQuotes).
	quoteCache map[*Article]quoteEntry
	formCache  map[*Article]formEntry
}

// ErrNotFound is returned for an article or annotation id that is not there.
var ErrNotFound = errors.New("not found")

// MaxUndo bounds the undo history.
const MaxUndo = 200

// Rev changes whenever the articles, their analysis or their corrections
// change; components use it to tell whether to derive views again.
func (w *Workspace) Rev() int { return w.rev }

// Article returns the article with id, or nil.
func (w *Workspace) Article(id string) *Article {
	for _, a := range w.Articles {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Pos returns the position of article id, or -1.
func (w *Workspace) Pos(id string) int {
	for i, a := range w.Articles {
		if a.ID == id {
			return i
		}
	}
	return -1
}

func (w *Workspace) newID(prefix string) string {
	w.nextID++
	return prefix + strconv.Itoa(w.nextID)
}

// Add appends an article and returns it. An empty title is taken from the
// text's first line.
func (w *Workspace) Add(title, text string) *Article {
	w.save()
	return w.add(title, text)
}

func (w *Workspace) add(title, text string) *Article {
	text = normalizeText(text)
	if strings.TrimSpace(title) == "" {
		title = TitleOf(text)
	}
	a := &Article{ID: w.newID("a"), Title: cleanTitle(title), Text: text, Hash: annot.ContentHash(text)}
	w.Articles = append(w.Articles, a)
	w.rev++
	return a
}

// AddPaste adds what was pasted: one article, or several separated by a
// line of "---". It returns the articles added.
func (w *Workspace) AddPaste(text string) []*Article {
	parts := Split(text)
	if len(parts) == 0 {
		return nil
	}
	w.save()
	out := make([]*Article, 0, len(parts))
	for _, p := range parts {
		out = append(out, w.add("", p))
	}
	return out
}

// Remove deletes an article (undoable).
func (w *Workspace) Remove(id string) error {
	i := w.Pos(id)
	if i < 0 {
		return fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	w.save()
	w.Articles = slices.Delete(w.Articles, i, i+1)
	w.rev++
	return nil
}

// Move shifts an article by delta positions, clamped to the list.
func (w *Workspace) Move(id string, delta int) error {
	i := w.Pos(id)
	if i < 0 {
		return fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	j := max(0, min(len(w.Articles)-1, i+delta))
	if i == j {
		return nil
	}
	w.save()
	a := w.Articles[i]
	w.Articles = slices.Delete(w.Articles, i, i+1)
	w.Articles = slices.Insert(w.Articles, j, a)
	w.rev++
	return nil
}

// Rename sets an article's title; an empty title is taken from its text.
func (w *Workspace) Rename(id, title string) error {
	a := w.Article(id)
	if a == nil {
		return fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if strings.TrimSpace(title) == "" {
		title = TitleOf(a.Text)
	}
	title = cleanTitle(title)
	if title == a.Title {
		return nil
	}
	w.save()
	w.mutable(id).Title = title
	w.rev++
	return nil
}

// SetText replaces an article's text. Corrections are re-anchored by their
// quote and context; those that no longer fit become orphans.
func (w *Workspace) SetText(id, text string) error {
	a := w.Article(id)
	if a == nil {
		return fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	text = normalizeText(text)
	if text == a.Text {
		return nil
	}
	w.save()
	a = w.mutable(id)
	kept, lost := Reanchor(a.Text, text, a.Manual)
	a.Text, a.Hash = text, annot.ContentHash(text)
	a.Manual = kept
	a.Orphans = append(a.Orphans, lost...)
	w.rev++
	return nil
}

// DropOrphan forgets an orphaned correction for good (undoable).
func (w *Workspace) DropOrphan(articleID, annID string) error {
	a := w.Article(articleID)
	if a == nil {
		return fmt.Errorf("article %s: %w", articleID, ErrNotFound)
	}
	i := slices.IndexFunc(a.Orphans, func(o Annotation) bool { return o.ID == annID })
	if i < 0 {
		return fmt.Errorf("orphan %s: %w", annID, ErrNotFound)
	}
	w.save()
	a = w.mutable(articleID)
	a.Orphans = slices.Delete(a.Orphans, i, i+1)
	w.rev++
	return nil
}

// normalizeText makes line ends uniform and the text valid UTF-8, so that
// offsets mean the same thing in the engine, the DOM and the saved set.
func normalizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(stripControls(s))
}

// Split cuts pasted text into articles at lines that hold only "---".
// Empty parts are dropped.
func Split(text string) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []string
	var cur []string
	flush := func() {
		if p := strings.TrimSpace(strings.Join(cur, "\n")); p != "" {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "---" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// MaxTitle is the longest title, in code points, taken from a text.
const MaxTitle = 80

// TitleOf takes the first non-empty line as a working title, without
// Markdown heading marks, shortened to MaxTitle code points.
func TitleOf(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if line != "" {
			return cleanTitle(line)
		}
	}
	return "Untitled"
}

// TitleFromFile makes a title of a file name: no directory, no extension,
// separators as spaces.
func TitleFromFile(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	name = strings.NewReplacer("_", " ", "-", " ").Replace(name)
	return cleanTitle(name)
}

func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
	if utf8.RuneCountInString(s) > MaxTitle {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:MaxTitle-1])) + "…"
	}
	if s == "" {
		return "Untitled"
	}
	return s
}
