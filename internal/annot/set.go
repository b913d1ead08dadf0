package annot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Format and Version identify the saved-set document. Version changes only
// when an old reader could misread a new document; readers reject versions
// they do not know instead of guessing.
const (
	Format  = "gloss.set"
	Version = 1
)

// Limits on one set. They keep a hostile document from costing the server
// (or a browser opening a link) more than a legitimate workspace would.
const (
	MaxArticles          = 500
	MaxLabels            = 200
	MaxSpansPerArticle   = 100_000
	MaxIDLen             = 64
	MaxTitleLen          = 1_000 // code points
	MaxNoteLen           = 20_000
	MaxURLLen            = 2_048
	MaxArticleTextLength = 8 << 20 // bytes
)

// Set is one saved workspace. See docs/saved-set.md for the schema.
type Set struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Labels   []Label   `json:"labels,omitempty"`
	Articles []Article `json:"articles"`
	View     *View     `json:"view,omitempty"`
}

// Label is one entry of the user's label set; annotations refer to it by ID.
type Label struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color,omitempty"` // #rrggbb
}

// Article is one text in the workspace. Hash is ContentHash(Text): spans are
// only meaningful for the exact text they were made on, so a reader checks it
// before trusting any offset.
type Article struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Text        string       `json:"text"`
	Language    string       `json:"language,omitempty"`
	SourceURL   string       `json:"source_url,omitempty"`
	Hash        string       `json:"hash"`
	Entities    []Entity     `json:"entities,omitempty"`
	Annotations []Annotation `json:"annotations,omitempty"`
	Note        string       `json:"note,omitempty"`
}

// Entity is an automatically recognised mention. Start and End are code
// point offsets into Article.Text, end exclusive. Text, when present, must
// equal the covered text; it lets a reader re-anchor the span on edited text.
type Entity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Text  string `json:"text,omitempty"`
}

// Annotation is a span the user marked by hand, with one label of the set and
// an optional note.
type Annotation struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
	Note  string `json:"note,omitempty"`
	Text  string `json:"text,omitempty"`
}

// View records what was open: one article, a pair being compared, or an
// entity followed across articles. All are optional.
type View struct {
	Article string     `json:"article,omitempty"`
	Pair    []string   `json:"pair,omitempty"`
	Entity  *EntityKey `json:"entity,omitempty"`
}

// EntityKey names an entity across articles by kind and surface text.
type EntityKey struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// ContentHash is the hash recorded in Article.Hash: "sha256:" and the hex
// SHA-256 of the text's UTF-8 bytes.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Encode validates s and returns its canonical JSON. Decode(Encode(s)) gives
// back an equal set, and encoding that again gives the same bytes.
func Encode(s *Set) ([]byte, error) {
	if s == nil {
		return nil, FieldErrorf("", "no set")
	}
	if err := Validate(s); err != nil {
		return nil, err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode set: %w", err)
	}
	return b, nil
}
