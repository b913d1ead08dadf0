package httpapi

import (
	"net/http"
	"strings"

	"gloss/internal/annot"
)

func (s *Server) handleSetDelete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !annot.ValidID(id) {
		s.Error(w, r, annot.FieldErrorf("id", "malformed set id"))
		return
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		s.Error(w, r, annot.Errorf(annot.EFORBIDDEN, "Send the delete token as Authorization: Bearer <token>."))
		return
	}
	if err := s.store.DeleteSet(r.Context(), id, annot.TokenHash(tok)); err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
