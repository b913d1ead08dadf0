package nerdata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// TextDoc is a raw-text document with gold spans in code points, end
// exclusive (gloss-dev's dev.jsonl).
type TextDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []Span `json:"entities"`
}

type jsonSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

// ReadJSONL reads gloss-dev style documents.
func ReadJSONL(path string) ([]TextDoc, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var out []TextDoc
	n := 0
	for sc.Scan() {
		n++
		var d struct {
			ID       string     `json:"id"`
			Text     string     `json:"text"`
			Entities []jsonSpan `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, n, err)
		}
		td := TextDoc{ID: d.ID, Text: d.Text}
		for _, e := range d.Entities {
			td.Entities = append(td.Entities, Span{e.Start, e.End, e.Label})
		}
		out = append(out, td)
	}
	return out, sc.Err()
}
