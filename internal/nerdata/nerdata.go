// Package nerdata reads the labelled NER corpora the entity tagger is
// trained and evaluated on (CoNLL-style columns in IOB1 or IOB2, UNER
// files with comment lines, and gloss-dev JSONL with code-point spans),
// maps each corpus's labels onto Gloss's label set, and scores predicted
// entities against gold ones by exact match.
package nerdata

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one tokenized sentence with one IOB2 tag per word ("O",
// "B-PER", "I-PER", ...), already mapped to Gloss labels.
type Sentence struct {
	Words []string
	Tags  []string
}

// Document is a run of sentences that belong together (a news article, or
// a pseudo-document for corpora without document marks).
type Document struct {
	ID        string
	Sentences []Sentence
}

// Format describes a column file.
type Format struct {
	Sep         string            // column separator; "" means any run of spaces/tabs
	TokenCol    int               // column of the word
	TagCol      int               // column of the tag; negative counts from the end
	IOB1        bool              // I-X may start an entity (CoNLL-2003, wikigold)
	TokenPrefix string            // stripped from every word (WikiANN "en:")
	Map         map[string]string // corpus label → Gloss label; missing or "" → O
	DocSize     int               // sentences per pseudo-document when the file has no -DOCSTART-/newdoc
}

// Corpus formats and label maps of the data under shared/data/ner.
var (
	CoNLLMap = map[string]string{"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
	GMBMap   = map[string]string{"per": "PER", "org": "ORG", "geo": "LOC", "gpe": "LOC", "tim": "DATE", "art": "MISC", "eve": "MISC", "nat": "MISC"}
	UNERMap  = map[string]string{"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
	GlossMap = map[string]string{"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "DATE": "DATE", "MONEY": "MONEY", "PERCENT": "PERCENT", "CARDINAL": "CARDINAL"}

	CoNLL    = Format{TokenCol: 0, TagCol: -1, IOB1: true, Map: CoNLLMap}
	WikiGold = Format{TokenCol: 0, TagCol: -1, IOB1: true, Map: CoNLLMap}
	GMB      = Format{TokenCol: 0, TagCol: -1, Map: GMBMap, DocSize: 20}
	UNER     = Format{Sep: "\t", TokenCol: 1, TagCol: 2, Map: UNERMap}
)

// ReadFile reads a column file.
func ReadFile(path string, f Format) ([]Document, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	docs, err := Read(fh, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// Read parses a column file: one token per line, blank lines between
// sentences, "-DOCSTART-" lines or "# newdoc" comments between documents.
func Read(r io.Reader, f Format) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	var docs []Document
	var cur Document
	var words, raw []string
	hasDocMarks := false
	flushSent := func() {
		if len(words) > 0 {
			cur.Sentences = append(cur.Sentences, Sentence{Words: words, Tags: toIOB2(raw, f)})
			words, raw = nil, nil
			if !hasDocMarks && f.DocSize > 0 && len(cur.Sentences) >= f.DocSize {
				docs = append(docs, cur)
				cur = Document{ID: fmt.Sprintf("doc%d", len(docs)+1)}
			}
		}
	}
	flushDoc := func(id string) {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{ID: id}
	}
	cur.ID = "doc1"
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(s, "#") && f.Sep == "\t" {
			if rest, ok := strings.CutPrefix(s, "# newdoc id = "); ok {
				hasDocMarks = true
				flushDoc(strings.TrimSpace(rest))
			}
			continue
		}
		if strings.TrimSpace(s) == "" {
			flushSent()
			continue
		}
		var cols []string
		if f.Sep == "" {
			cols = strings.Fields(s)
		} else {
			cols = strings.Split(s, f.Sep)
		}
		if cols[0] == "-DOCSTART-" {
			hasDocMarks = true
			flushDoc(fmt.Sprintf("doc%d", len(docs)+1))
			continue
		}
		tc := f.TagCol
		if tc < 0 {
			tc += len(cols)
		}
		if f.TokenCol >= len(cols) || tc < 0 || tc >= len(cols) {
			return nil, fmt.Errorf("line %d: %d columns, want token column %d and tag column %d", line, len(cols), f.TokenCol, f.TagCol)
		}
		w := strings.TrimPrefix(cols[f.TokenCol], f.TokenPrefix)
		words = append(words, w)
		raw = append(raw, cols[tc])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	flushDoc("")
	return docs, nil
}

// toIOB2 maps raw corpus tags to Gloss IOB2 tags.
func toIOB2(raw []string, f Format) []string {
	out := make([]string, len(raw))
	prev := "O"
	for i, t := range raw {
		pre, lab, ok := strings.Cut(t, "-")
		if !ok || t == "O" {
			out[i], prev = "O", "O"
			continue
		}
		g := f.Map[lab]
		if g == "" {
			out[i], prev = "O", "O"
			continue
		}
		switch {
		case pre == "B":
			out[i] = "B-" + g
		case pre == "I" && (prev == "B-"+g || prev == "I-"+g):
			out[i] = "I-" + g
		default: // IOB1 start, or a broken IOB2 continuation
			out[i] = "B-" + g
		}
		prev = out[i]
	}
	return out
}

// Span is an entity over token indexes [Start, End) or, in gloss-dev and
// the engine, over byte or code-point offsets.
type Span struct {
	Start, End int
	Label      string
}

// Spans decodes IOB2 tags into entity spans.
func Spans(tags []string) []Span {
	var out []Span
	for i := 0; i < len(tags); {
		t := tags[i]
		if t == "O" || len(t) < 3 {
			i++
			continue
		}
		lab := t[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+lab {
			j++
		}
		out = append(out, Span{i, j, lab})
		i = j
	}
	return out
}
