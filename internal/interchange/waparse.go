package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// parseAnnotations reads the annotations of a Web Annotation document in the
// shapes the model allows: a body or selector may be one object or an
// array, a body may be a plain string, a target may be a bare IRI.
func parseAnnotations(data []byte) ([]waAnnotation, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, errors.New("web annotation: empty document")
	}
	var raws []json.RawMessage
	if data[0] == '[' {
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, fmt.Errorf("web annotation: %w", err)
		}
	} else {
		var top struct {
			Type  json.RawMessage   `json:"type"`
			First json.RawMessage   `json:"first"`
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(data, &top); err != nil {
			return nil, fmt.Errorf("web annotation: %w", err)
		}
		switch typ := typeOf(top.Type); {
		case typ == "AnnotationCollection":
			if len(top.First) == 0 || top.First[0] != '{' {
				return nil, errors.New("web annotation: collection without an embedded first page (paged collections by IRI are not supported)")
			}
			var page struct {
				Items []json.RawMessage `json:"items"`
				Next  json.RawMessage   `json:"next"`
			}
			if err := json.Unmarshal(top.First, &page); err != nil {
				return nil, fmt.Errorf("web annotation: first page: %w", err)
			}
			if len(page.Next) > 0 && string(page.Next) != "null" {
				return nil, errors.New("web annotation: collection continues on further pages by IRI, which cannot be fetched here")
			}
			raws = page.Items
		case typ == "AnnotationPage":
			raws = top.Items
		case typ == "Annotation":
			raws = []json.RawMessage{data}
		default:
			return nil, fmt.Errorf("web annotation: top-level type %s is not an annotation, page or collection", top.Type)
		}
	}
	out := make([]waAnnotation, 0, len(raws))
	for i, r := range raws {
		a, err := parseAnnotation(r)
		if err != nil {
			return nil, fmt.Errorf("web annotation: item %d: %w", i, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func parseAnnotation(raw json.RawMessage) (waAnnotation, error) {
	var r struct {
		ID      string          `json:"id"`
		Type    json.RawMessage `json:"type"`
		Creator json.RawMessage `json:"creator"`
		Body    json.RawMessage `json:"body"`
		Target  json.RawMessage `json:"target"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return waAnnotation{}, err
	}
	if typeOf(r.Type) != "Annotation" {
		return waAnnotation{}, fmt.Errorf("type %s is not Annotation", r.Type)
	}
	a := waAnnotation{ID: r.ID, Type: "Annotation"}
	if len(r.Creator) > 0 && r.Creator[0] == '{' {
		var c waAgent
		if err := json.Unmarshal(r.Creator, &c); err == nil {
			a.Creator = &c
		}
	}
	for _, b := range oneOrMany(r.Body) {
		if len(b) > 0 && b[0] == '"' {
			var s string
			if err := json.Unmarshal(b, &s); err != nil {
				return a, fmt.Errorf("body: %w", err)
			}
			a.Body = append(a.Body, waBody{Type: "TextualBody", Purpose: purposeTag, Value: s})
			continue
		}
		var body struct {
			Purpose string `json:"purpose"`
			Value   string `json:"value"`
		}
		if err := json.Unmarshal(b, &body); err != nil {
			return a, fmt.Errorf("body: %w", err)
		}
		a.Body = append(a.Body, waBody{Type: "TextualBody", Purpose: body.Purpose, Value: body.Value})
	}
	switch {
	case len(r.Target) == 0:
		return a, errors.New("no target")
	case r.Target[0] == '"':
		if err := json.Unmarshal(r.Target, &a.Target.Source); err != nil {
			return a, fmt.Errorf("target: %w", err)
		}
	default:
		var t struct {
			Source   string          `json:"source"`
			Selector json.RawMessage `json:"selector"`
		}
		if err := json.Unmarshal(r.Target, &t); err != nil {
			return a, fmt.Errorf("target: %w", err)
		}
		a.Target.Source = t.Source
		for _, s := range oneOrMany(t.Selector) {
			var sel waSelector
			if err := json.Unmarshal(s, &sel); err != nil {
				return a, fmt.Errorf("selector: %w", err)
			}
			if sel.Start != nil && sel.End != nil && (*sel.Start < 0 || *sel.End < *sel.Start) {
				return a, fmt.Errorf("selector: bad position [%d,%d)", *sel.Start, *sel.End)
			}
			a.Target.Selector = append(a.Target.Selector, sel)
		}
	}
	return a, nil
}

// oneOrMany returns the elements of a JSON array, or the value itself.
func oneOrMany(raw json.RawMessage) []json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if raw[0] == '[' {
		var many []json.RawMessage
		if json.Unmarshal(raw, &many) == nil {
			return many
		}
		return nil
	}
	return []json.RawMessage{raw}
}

// typeOf reads a JSON-LD "type", which may be a string or an array of them,
// and returns the first known Web Annotation type in it.
func typeOf(raw json.RawMessage) string {
	for _, t := range oneOrMany(raw) {
		var s string
		if json.Unmarshal(t, &s) == nil {
			switch s {
			case "Annotation", "AnnotationPage", "AnnotationCollection":
				return s
			}
		}
	}
	return ""
}
