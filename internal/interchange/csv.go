package interchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/compare/report"
)

// MentionsHeader is the header row of MentionsCSV.
var MentionsHeader = []string{"article", "title", "label", "text", "start", "end", "source", "note"}

// MentionsCSV writes one row per mention: article id and title, label, the
// covered text, code-point offsets, source (auto or manual) and note.
func MentionsCSV(set *annot.Set) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	write := func(rec []string) {
		for i, c := range rec {
			rec[i] = defuse(c)
		}
		w.Write(rec)
	}
	write(append([]string(nil), MentionsHeader...))
	for ai := range set.Articles {
		a := &set.Articles[ai]
		for _, m := range Mentions(a) {
			write([]string{a.ID, a.Title, m.Label, m.Text, strconv.Itoa(m.Start), strconv.Itoa(m.End), m.Source, m.Note})
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// PassagesHeader is the header row of PassagesCSV.
var PassagesHeader = []string{"a", "b", "relation", "score", "kind", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text"}

// PassagesCSV writes one row per aligned passage of each compared pair, with
// the passage text on both sides.
func PassagesCSV(set *annot.Set, rep *report.Report) ([]byte, error) {
	texts := make(map[string][]rune, len(set.Articles))
	for _, a := range set.Articles {
		texts[a.ID] = []rune(a.Text)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(PassagesHeader)
	for _, p := range rep.Pairs {
		ida, idb := rawID(p.A), rawID(p.B)
		ta, okA := texts[ida]
		tb, okB := texts[idb]
		if !okA || !okB {
			return nil, fmt.Errorf("passages: pair (%s, %s) names an article not in the set", ida, idb)
		}
		for _, ps := range p.Passages {
			if ps.AStart < 0 || ps.AEnd > len(ta) || ps.AStart > ps.AEnd || ps.BStart < 0 || ps.BEnd > len(tb) || ps.BStart > ps.BEnd {
				return nil, fmt.Errorf("passages: pair (%s, %s): range outside the text", ida, idb)
			}
			rec := []string{ida, idb, p.Relation, strconv.FormatFloat(p.Score, 'f', 4, 64), ps.Kind,
				strconv.Itoa(ps.AStart), strconv.Itoa(ps.AEnd), strconv.Itoa(ps.BStart), strconv.Itoa(ps.BEnd),
				string(ta[ps.AStart:ps.AEnd]), string(tb[ps.BStart:ps.BEnd])}
			for i, c := range rec {
				rec[i] = defuse(c)
			}
			w.Write(rec)
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// rawID turns a report's JSON id back into the article id.
func rawID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// defuse keeps spreadsheet programs from running a cell as a formula: a cell
// starting with = + - @ (or a tab or carriage return), or with the quote
// this adds, gets a leading quote. undefuse removes exactly that quote.
func defuse(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r'", rune(c[0])) {
		return "'" + c
	}
	return c
}

func undefuse(c string) string {
	if len(c) >= 2 && c[0] == '\'' && strings.ContainsRune("=+-@\t\r'", rune(c[1])) {
		return c[1:]
	}
	return c
}

// MentionRow is one row read back from MentionsCSV.
type MentionRow struct {
	Article, Title, Label, Text string
	Start, End                  int
	Source, Note                string
}

// ReadMentionsCSV reads MentionsCSV's output back, checking the header and
// every offset's syntax.
func ReadMentionsCSV(data []byte) ([]MentionRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(MentionsHeader)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("mentions csv: %w", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(MentionsHeader, ",") {
		return nil, fmt.Errorf("mentions csv: header must be %s", strings.Join(MentionsHeader, ","))
	}
	rows := make([]MentionRow, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		for j := range rec {
			rec[j] = undefuse(rec[j])
		}
		s, err1 := strconv.Atoi(rec[4])
		e, err2 := strconv.Atoi(rec[5])
		if err1 != nil || err2 != nil || s < 0 || e < s {
			return nil, fmt.Errorf("mentions csv: row %d: bad offsets %q, %q", i+2, rec[4], rec[5])
		}
		rows = append(rows, MentionRow{Article: rec[0], Title: rec[1], Label: rec[2], Text: rec[3], Start: s, End: e, Source: rec[6], Note: rec[7]})
	}
	return rows, nil
}
