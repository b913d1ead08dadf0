package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/compare"
	"gloss/internal/docio"
	"gloss/internal/entity"
	"gloss/internal/interchange"
)

// formats lists what -format can write besides the default JSONL stream.
var formats = map[string]string{
	"jsonl":    "one {id, entities} line per document (default)",
	"set":      "the saved-set JSON of docs/saved-set.md",
	"webanno":  "W3C Web Annotation AnnotationCollection (JSON-LD)",
	"conll":    "CoNLL IOB2, one token per line",
	"spacy":    "spaCy training JSON: [text, {\"entities\": [[start, end, label]]}]",
	"csv":      "one CSV row per entity mention",
	"passages": "one CSV row per aligned passage of each compared pair",
	"html":     "a standalone HTML report: highlights, similarity matrix, unique passages",
}

// buildSet turns the documents into a saved set with their automatic
// entities, ready for any export format. Ids become article ids, so they
// must be unique and short enough for the set format.
func buildSet(docs []docio.Doc) (*annot.Set, error) {
	set := &annot.Set{Format: annot.Format, Version: annot.Version, Articles: make([]annot.Article, 0, len(docs))}
	seen := map[string]bool{}
	for _, d := range docs {
		id := idString(d.ID)
		if seen[id] {
			return nil, fmt.Errorf("document id %s appears twice", d.ID)
		}
		seen[id] = true
		ents, err := entity.Recognize(d.Text)
		if err != nil {
			return nil, err
		}
		rn := docio.NewRunes(d.Text)
		a := annot.Article{ID: id, Title: titleOf(d.Text), Text: d.Text, Hash: annot.ContentHash(d.Text)}
		for _, e := range ents {
			a.Entities = append(a.Entities, annot.Entity{Start: rn.Index(e.Start), End: rn.Index(e.End), Kind: e.Label, Text: d.Text[e.Start:e.End]})
		}
		set.Articles = append(set.Articles, a)
	}
	if len(set.Articles) == 0 {
		return nil, fmt.Errorf("no documents to export")
	}
	if err := annot.Validate(set); err != nil {
		return nil, fmt.Errorf("cannot export: %s", annot.ErrorMessage(err)+fieldSuffix(err))
	}
	return set, nil
}

func fieldSuffix(err error) string {
	if f := annot.ErrorField(err); f != "" {
		return " (" + f + ")"
	}
	return ""
}

// idString gives a document's id as an article id: a JSON string's value,
// or a number's digits.
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// titleOf takes the first non-empty line, shortened, as the title.
func titleOf(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if r := []rune(line); len(r) > 120 {
				line = string(r[:119]) + "…"
			}
			return line
		}
	}
	return ""
}

// writeFormat exports the documents in format, after anchoring the
// annotations of importFile (a W3C Web Annotation document) onto them.
// Annotations that cannot be anchored are listed on stderr.
func writeFormat(w, stderr io.Writer, format string, docs []docio.Doc, importData []byte) (int, error) {
	set, err := buildSet(docs)
	if err != nil {
		return 0, err
	}
	orphans := 0
	if importData != nil {
		res, err := interchange.ImportWebAnnotation(importData, set)
		if err != nil {
			return 0, err
		}
		for _, o := range res.Orphans {
			fmt.Fprintf(stderr, "annotate: import: %s %q (%s): %s\n", o.Label, o.Exact, o.Source, o.Reason)
		}
		orphans = len(res.Orphans)
		if err := annot.Validate(set); err != nil {
			return 0, fmt.Errorf("after import: %s", annot.ErrorMessage(err)+fieldSuffix(err))
		}
	}
	var rep *compare.Report
	if format == "passages" || format == "html" {
		if rep, err = compare.Run(docs); err != nil {
			return 0, fmt.Errorf("compare: %w", err)
		}
	}
	var out []byte
	switch format {
	case "set":
		out, err = annot.Encode(set)
		if err == nil {
			out = append(out, '\n')
		}
	case "webanno":
		out, err = interchange.WebAnnotation(set)
	case "conll":
		out, err = interchange.CoNLL(set)
	case "spacy":
		out, err = interchange.SpaCy(set)
	case "csv":
		out, err = interchange.MentionsCSV(set)
	case "passages":
		out, err = interchange.PassagesCSV(set, rep)
	case "html":
		out, err = interchange.HTMLReport(set, rep)
	default:
		return 0, fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return 0, err
	}
	_, err = w.Write(out)
	return orphans, err
}
