// Package docio reads the documents that the command-line tools take: JSONL
// lines {"id":..,"text":..} or whole text files, and converts the engine's
// byte offsets into the code-point offsets every external format uses.
package docio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxLine bounds one JSONL line (one document); longer lines are an error,
// not a silent truncation.
const MaxLine = 64 << 20

// Doc is one input document. ID is kept as raw JSON so that a string or a
// number id is echoed back exactly as given.
type Doc struct {
	ID   json.RawMessage `json:"id"`
	Text string          `json:"text"`
}

// LineError reports a JSONL line that could not be read as a document.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadJSONL calls fn for each document of r in order. A bad line is passed to
// bad (with its line number) and reading goes on, so one broken line never
// drops the documents after it. Blank lines are skipped.
func ReadJSONL(r io.Reader, fn func(Doc) error, bad func(*LineError)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), MaxLine)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		d, err := parseLine(line)
		if err != nil {
			bad(&LineError{Line: n, Err: err})
			continue
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	return nil
}

func parseLine(line []byte) (Doc, error) {
	var d Doc
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Doc{}, fmt.Errorf("invalid JSON document: %w", err)
	}
	if dec.More() {
		return Doc{}, fmt.Errorf("trailing data after the JSON object")
	}
	if len(d.ID) == 0 || string(d.ID) == "null" {
		return Doc{}, fmt.Errorf(`missing "id"`)
	}
	if c := d.ID[0]; c != '"' && c != '-' && (c < '0' || c > '9') {
		return Doc{}, fmt.Errorf(`"id" must be a string or a number`)
	}
	if !utf8.ValidString(d.Text) {
		return Doc{}, fmt.Errorf(`"text" is not valid UTF-8`)
	}
	return d, nil
}

// FileDoc makes a document of a whole file, with the file name as its id.
func FileDoc(name string, data []byte) (Doc, error) {
	if !utf8.Valid(data) {
		return Doc{}, fmt.Errorf("%s: not UTF-8 text", name)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return Doc{}, fmt.Errorf("%s: binary file (contains NUL bytes)", name)
	}
	id, _ := json.Marshal(name) // a string always marshals
	return Doc{ID: id, Text: strings.TrimPrefix(string(data), "\uFEFF")}, nil
}

// Runes converts byte offsets of one text into code-point offsets. Build it
// once per text; Index is O(log n) via a table of rune starts.
type Runes struct {
	starts []int32 // byte offset of each rune, for texts with non-ASCII runes
	n      int
}

// NewRunes indexes text for offset conversion.
func NewRunes(text string) *Runes {
	r := &Runes{n: len(text)}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return r
	}
	r.starts = make([]int32, 0, len(text))
	for i := range text {
		r.starts = append(r.starts, int32(i))
	}
	return r
}

// Index returns the code-point offset of byte offset b (b at a rune boundary
// or len(text)).
func (r *Runes) Index(b int) int {
	if r.starts == nil {
		return b
	}
	lo, hi := 0, len(r.starts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(r.starts[m]) < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Byte returns the byte offset of code-point offset c, clamped to the text.
func (r *Runes) Byte(c int) int {
	if c < 0 {
		return 0
	}
	if r.starts == nil {
		return min(c, r.n)
	}
	if c >= len(r.starts) {
		return r.n
	}
	return int(r.starts[c])
}
