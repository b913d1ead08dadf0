package interchange

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/docio"
	"gloss/internal/token"
)

// CoNLL writes the set as IOB2, one token per line ("token<TAB>tag"), a
// blank line between sentences and a -DOCSTART- line before each article,
// the input most NER trainers take. A token gets an entity's tag when it
// overlaps the entity; where an entity boundary falls inside a token the
// whole token is tagged, since IOB cannot split it. Overlapping mentions
// keep one (manual first, then the longest). Label ids must not contain
// whitespace, as a tag is one field.
func CoNLL(set *annot.Set) ([]byte, error) {
	var b bytes.Buffer
	for ai := range set.Articles {
		a := &set.Articles[ai]
		ms := flat(Mentions(a))
		for _, m := range ms {
			if strings.ContainsAny(m.Label, " \t\r\n") {
				return nil, fmt.Errorf("article %q: label %q contains whitespace", a.ID, m.Label)
			}
		}
		b.WriteString("-DOCSTART-\tO\n\n")
		runes := docio.NewRunes(a.Text)
		toks, sents := token.Split(a.Text)
		mi := 0
		for _, s := range sents {
			wrote := false
			prev := -1 // index of the mention the previous token was in
			for _, t := range toks[s.Start:s.End] {
				text := a.Text[t.Start:t.End]
				if strings.ContainsAny(text, " \t\r\n") || text == "" {
					continue // tokens never hold whitespace, but a field must not
				}
				ts, te := runes.Index(t.Start), runes.Index(t.End)
				for mi < len(ms) && ms[mi].End <= ts {
					mi++
				}
				tag := "O"
				if mi < len(ms) && ms[mi].Start < te {
					if prev == mi {
						tag = "I-" + ms[mi].Label
					} else {
						tag = "B-" + ms[mi].Label
					}
					prev = mi
				} else {
					prev = -1
				}
				b.WriteString(text)
				b.WriteByte('\t')
				b.WriteString(tag)
				b.WriteByte('\n')
				wrote = true
			}
			if wrote {
				b.WriteByte('\n')
			}
		}
	}
	return b.Bytes(), nil
}

// CoNLLDoc is one document read back from CoNLL: its tokens joined by
// single spaces (the original spacing is not in the format) and its
// entities as code-point spans of that text.
type CoNLLDoc struct {
	Text     string
	Entities []annot.Entity
}

// ReadCoNLL reads IOB2 (or IOB1) token-per-line data: the first field is the
// token, the last the tag. -DOCSTART- lines separate documents.
func ReadCoNLL(data []byte) ([]CoNLLDoc, error) {
	var docs []CoNLLDoc
	var text []rune
	var ents []annot.Entity
	open := -1 // index in ents of the entity still open
	flush := func() {
		if len(text) > 0 || len(ents) > 0 {
			docs = append(docs, CoNLLDoc{Text: string(text), Entities: ents})
		}
		text, ents, open = nil, nil, -1
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			open = -1
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("conll line %d: want a token and a tag, got %q", line, sc.Text())
		}
		tok, tag := f[0], f[len(f)-1]
		if len(text) > 0 {
			text = append(text, ' ')
		}
		start := len(text)
		text = append(text, []rune(tok)...)
		end := len(text)
		switch {
		case tag == "O":
			open = -1
		case strings.HasPrefix(tag, "B-") || strings.HasPrefix(tag, "I-"):
			label := tag[2:]
			if label == "" {
				return nil, fmt.Errorf("conll line %d: empty label in tag %q", line, tag)
			}
			if tag[0] == 'I' && open >= 0 && ents[open].Kind == label {
				ents[open].End = end
				ents[open].Text = string(text[ents[open].Start:end])
				continue
			}
			ents = append(ents, annot.Entity{Start: start, End: end, Kind: label, Text: tok})
			open = len(ents) - 1
		default:
			return nil, fmt.Errorf("conll line %d: tag %q is not O, B-X or I-X", line, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	return docs, nil
}
