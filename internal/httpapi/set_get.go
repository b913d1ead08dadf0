package httpapi

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"gloss/internal/annot"
)

// SetBody is the 200 answer of GET /api/sets/{id}: Data (base64url, no
// padding) for an encrypted set, Set for a public one.
type SetBody struct {
	ID      string          `json:"id"`
	Kind    annot.Kind      `json:"kind"`
	Created time.Time       `json:"created"`
	Data    string          `json:"data,omitempty"`
	Set     json.RawMessage `json:"set,omitempty"`
}

func (s *Server) handleSetGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !annot.ValidID(id) {
		s.Error(w, r, annot.FieldErrorf("id", "malformed set id"))
		return
	}
	rec, err := s.store.FindSet(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// The browser may take the ciphertext raw and skip base64 both ways.
	if rec.Kind == annot.KindEncrypted && r.Header.Get("Accept") == "application/octet-stream" {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(rec.Data)))
		_, _ = w.Write(rec.Data) // the client went away; nothing to do
		return
	}
	body := SetBody{ID: rec.ID, Kind: rec.Kind, Created: rec.Created}
	if rec.Kind == annot.KindPublic {
		body.Set = rec.Data
	} else {
		body.Data = base64.RawURLEncoding.EncodeToString(rec.Data)
	}
	writeJSON(w, http.StatusOK, body)
}
