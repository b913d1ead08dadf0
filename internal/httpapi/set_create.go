package httpapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

// CreateRequest is the JSON body of POST /api/sets. Kind "encrypted" takes
// Data (the sealed blob in base64, either alphabet, padding optional); kind
// "public" takes Set. A raw application/octet-stream body is an encrypted
// blob as is.
type CreateRequest struct {
	Kind annot.Kind      `json:"kind"`
	Data string          `json:"data,omitempty"`
	Set  json.RawMessage `json:"set,omitempty"`
}

// Created is the 201 answer. DeleteToken is shown once and never again.
type Created struct {
	ID          string     `json:"id"`
	Kind        annot.Kind `json:"kind"`
	DeleteToken string     `json:"delete_token"`
	Created     time.Time  `json:"created"`
	// Path is the share link's path; the browser appends "#<key>" for an
	// encrypted set.
	Path string `json:"path"`
}

func (s *Server) handleSetCreate(w http.ResponseWriter, r *http.Request) {
	if s.limit != nil {
		if ok, retry := s.limit.allow(clientKey(r, s.proxies)); !ok {
			secs := int(math.Ceil(retry.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(max(1, secs)))
			s.Error(w, r, annot.Errorf(annot.ERATELIMIT, "Too many saves; try again in %d s.", max(1, secs)))
			return
		}
	}
	if r.ContentLength > s.maxBody {
		s.Error(w, r, s.tooLarge())
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		if isTooLarge(err) {
			err = s.tooLarge()
		}
		s.Error(w, r, err)
		return
	}
	kind, data, err := parseCreate(r.Header.Get("Content-Type"), body)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := s.create(r, kind, data)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/sets/"+c.ID)
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) tooLarge() error {
	return annot.Errorf(annot.ETOOLARGE, "The request body is over the limit of %d bytes.", s.maxBody)
}

// create stores data under a fresh id. A collision of 128-bit ids will not
// happen, but retrying costs nothing and keeps ECONFLICT from ever reaching
// a user.
func (s *Server) create(r *http.Request, kind annot.Kind, data []byte) (*Created, error) {
	tok, err := annot.NewDeleteToken()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	for range 3 {
		id, err := annot.NewID()
		if err != nil {
			return nil, err
		}
		rec := &annot.Record{ID: id, Kind: kind, Data: data, DeleteHash: annot.TokenHash(tok), Created: now}
		err = s.store.CreateSet(r.Context(), rec)
		if annot.ErrorCode(err) == annot.ECONFLICT {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &Created{ID: id, Kind: kind, DeleteToken: tok, Created: now, Path: "/s/" + id}, nil
	}
	return nil, errors.New("create set: three id collisions in a row")
}

// parseCreate turns a request body into the kind and bytes to store.
func parseCreate(contentType string, body []byte) (annot.Kind, []byte, error) {
	mt := "application/json"
	if contentType != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(contentType); err != nil {
			return "", nil, &annot.Error{Code: EMEDIA, Message: "Malformed Content-Type."}
		}
	}
	switch mt {
	case "application/octet-stream":
		if err := sharelink.CheckSealed(body); err != nil {
			return "", nil, annot.FieldErrorf("", "not a sealed set: %v", err)
		}
		return annot.KindEncrypted, body, nil
	case "application/json":
		return parseEnvelope(body)
	default:
		return "", nil, &annot.Error{Code: EMEDIA,
			Message: fmt.Sprintf("Content-Type %s is not accepted; send application/json or application/octet-stream.", mt)}
	}
}

func parseEnvelope(body []byte) (annot.Kind, []byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return "", nil, annot.FieldErrorf("", "the body must be a JSON object")
		}
		return "", nil, annot.FieldErrorf("", "invalid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", nil, annot.FieldErrorf("", "trailing data after the JSON object")
	}
	var unknown []string
	for k := range m {
		if k != "kind" && k != "data" && k != "set" {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return "", nil, annot.FieldErrorf(unknown[0], "unknown field")
	}
	var kind string
	if raw, ok := m["kind"]; !ok {
		return "", nil, annot.FieldErrorf("kind", "required field is missing")
	} else if err := json.Unmarshal(raw, &kind); err != nil || raw[0] != '"' {
		return "", nil, annot.FieldErrorf("kind", "must be a string")
	}
	switch annot.Kind(kind) {
	case annot.KindEncrypted:
		if _, ok := m["set"]; ok {
			return "", nil, annot.FieldErrorf("set", "only a public set carries a set; an encrypted one sends data")
		}
		raw, ok := m["data"]
		if !ok {
			return "", nil, annot.FieldErrorf("data", "required field is missing")
		}
		var b64 string
		if err := json.Unmarshal(raw, &b64); err != nil || raw[0] != '"' {
			return "", nil, annot.FieldErrorf("data", "must be a base64 string")
		}
		blob, err := decodeBase64(b64)
		if err != nil {
			return "", nil, annot.FieldErrorf("data", "not valid base64")
		}
		if err := sharelink.CheckSealed(blob); err != nil {
			return "", nil, annot.FieldErrorf("data", "not a sealed set: %v", err)
		}
		return annot.KindEncrypted, blob, nil
	case annot.KindPublic:
		if _, ok := m["data"]; ok {
			return "", nil, annot.FieldErrorf("data", "a public set is sent as set, not data")
		}
		raw, ok := m["set"]
		if !ok {
			return "", nil, annot.FieldErrorf("set", "required field is missing")
		}
		set, err := annot.Decode(raw)
		if err != nil {
			var e *annot.Error
			if errors.As(err, &e) {
				return "", nil, &annot.Error{Code: e.Code, Field: prefixField("set", e.Field), Message: e.Message}
			}
			return "", nil, err
		}
		canon, err := annot.Encode(set)
		if err != nil {
			return "", nil, err
		}
		return annot.KindPublic, canon, nil
	default:
		return "", nil, annot.FieldErrorf("kind", "must be %q or %q", annot.KindEncrypted, annot.KindPublic)
	}
}

func prefixField(prefix, field string) string {
	if field == "" {
		return prefix
	}
	return prefix + "." + field
}

// decodeBase64 accepts standard and URL-safe base64, padded or not, since
// browsers produce both (btoa versus our own base64url).
func decodeBase64(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	return base64.RawURLEncoding.DecodeString(s)
}
