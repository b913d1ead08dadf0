package interchange

import (
	"encoding/json"
	"fmt"

	"gloss/internal/annot"
)

// SpaCy writes spaCy's training data form: a JSON array of
// [text, {"entities": [[start, end, label], ...]}]. Offsets are code points,
// which is what Python string indices count, so they are the set's own
// offsets unchanged. spaCy rejects overlapping entities: overlaps keep one
// (manual first, then the longest).
func SpaCy(set *annot.Set) ([]byte, error) {
	out := make([][2]any, 0, len(set.Articles))
	for ai := range set.Articles {
		a := &set.Articles[ai]
		ents := [][3]any{}
		for _, m := range flat(Mentions(a)) {
			ents = append(ents, [3]any{m.Start, m.End, m.Label})
		}
		out = append(out, [2]any{a.Text, map[string]any{"entities": ents}})
	}
	return marshal(out)
}

// SpaCyDoc is one example read back from spaCy's training JSON.
type SpaCyDoc struct {
	Text     string
	Entities []annot.Entity
}

// ReadSpaCy reads spaCy's [text, {"entities": [[start, end, label]]}] array,
// checking every span against its text.
func ReadSpaCy(data []byte) ([]SpaCyDoc, error) {
	var raw [][2]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("spacy: %w", err)
	}
	docs := make([]SpaCyDoc, 0, len(raw))
	for i, r := range raw {
		var d SpaCyDoc
		if err := json.Unmarshal(r[0], &d.Text); err != nil {
			return nil, fmt.Errorf("spacy: example %d: text: %w", i, err)
		}
		var ann struct {
			Entities []json.RawMessage `json:"entities"`
		}
		if err := json.Unmarshal(r[1], &ann); err != nil {
			return nil, fmt.Errorf("spacy: example %d: annotations: %w", i, err)
		}
		runes := []rune(d.Text)
		for j, e := range ann.Entities {
			var f [3]json.RawMessage
			var s, en int
			var label string
			if err := json.Unmarshal(e, &f); err != nil || json.Unmarshal(f[0], &s) != nil || json.Unmarshal(f[1], &en) != nil || json.Unmarshal(f[2], &label) != nil {
				return nil, fmt.Errorf("spacy: example %d: entity %d: want [start, end, label], got %s", i, j, e)
			}
			if s < 0 || en > len(runes) || s >= en {
				return nil, fmt.Errorf("spacy: example %d: entity %d: [%d,%d) outside a text of %d characters", i, j, s, en, len(runes))
			}
			d.Entities = append(d.Entities, annot.Entity{Start: s, End: en, Kind: label, Text: string(runes[s:en])})
		}
		docs = append(docs, d)
	}
	return docs, nil
}
