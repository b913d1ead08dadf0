// Package httpapi serves saved sets as JSON over HTTP and offers a Client
// for the browser and tests. Handlers speak annot's error codes; Error is
// the one place where codes become HTTP statuses.
//
//	POST   /api/sets       create (encrypted ciphertext or a public set) → 201
//	GET    /api/sets/{id}  fetch → 200, 404 unknown, 410 deleted, 400 malformed id
//	DELETE /api/sets/{id}  with "Authorization: Bearer <delete token>" → 204
//
// docs/saved-set.md documents the bodies.
package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"gloss/internal/annot"
)

// DefaultMaxBody is the request body limit when Options.MaxBody is 0.
const DefaultMaxBody = 8 << 20

// Options configure a Server. The zero value is usable.
type Options struct {
	// MaxBody limits request bodies in bytes (0: DefaultMaxBody).
	MaxBody int64
	// CreatePerMinute limits creations per client address, with bursts of
	// up to that many (0 or less: no limit).
	CreatePerMinute int
	// TrustedProxies are the load balancers whose X-Forwarded-For is
	// believed when telling clients apart; without them every client
	// behind a proxy shares the proxy's limit.
	TrustedProxies []netip.Prefix
	Log            *slog.Logger
	// Now is the clock for creation times and the rate limiter.
	Now func() time.Time
}

// Server is the sets API over a store.
type Server struct {
	store   annot.SetStore
	maxBody int64
	log     *slog.Logger
	now     func() time.Time
	limit   *limiter
	proxies []netip.Prefix
	mux     *http.ServeMux
}

// New returns a Server over store.
func New(store annot.SetStore, opt Options) *Server {
	s := &Server{store: store, maxBody: opt.MaxBody, log: opt.Log, now: opt.Now, proxies: opt.TrustedProxies}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opt.CreatePerMinute > 0 {
		s.limit = newLimiter(opt.CreatePerMinute, s.now)
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("POST /api/sets", s.handleSetCreate)
	s.mux.HandleFunc("GET /api/sets/{id}", s.handleSetGet)
	s.mux.HandleFunc("DELETE /api/sets/{id}", s.handleSetDelete)
	s.mux.HandleFunc("/api/", s.handleOther)
	return s
}

// ServeHTTP serves every path under /api/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	// API answers are data, never pages; if one is opened as a page
	// anyway, it can run and embed nothing.
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	// Sets can be deleted, so no cache may keep serving one.
	h.Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) handleOther(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/api/sets":
		w.Header().Set("Allow", "POST")
		s.Error(w, r, errMethod)
	case strings.HasPrefix(r.URL.Path, "/api/sets/") && !strings.Contains(r.URL.Path[len("/api/sets/"):], "/"):
		w.Header().Set("Allow", "GET, DELETE")
		s.Error(w, r, errMethod)
	default:
		s.Error(w, r, annot.Errorf(annot.ENOTFOUND, "No such API endpoint."))
	}
}

// Codes of transport-level errors, beside annot's domain codes.
const (
	EMETHOD = "method_not_allowed"
	EMEDIA  = "unsupported_media"
)

var errMethod = &annot.Error{Code: EMETHOD, Message: "Method not allowed."}

// ErrorBody is the JSON body of every error response.
type ErrorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
	Field string `json:"field,omitempty"`
}

var statusOf = map[string]int{
	annot.EINVALID:   http.StatusBadRequest,
	annot.ENOTFOUND:  http.StatusNotFound,
	annot.EGONE:      http.StatusGone,
	annot.ECONFLICT:  http.StatusConflict,
	annot.EFORBIDDEN: http.StatusForbidden,
	annot.ETOOLARGE:  http.StatusRequestEntityTooLarge,
	annot.ERATELIMIT: http.StatusTooManyRequests,
	EMETHOD:          http.StatusMethodNotAllowed,
	EMEDIA:           http.StatusUnsupportedMediaType,
	annot.EINTERNAL:  http.StatusInternalServerError,
}

// Error writes err as a JSON error response. It is the only place codes
// become statuses and the only place internal errors are logged; their
// details never reach the client.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := annot.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status, code = http.StatusInternalServerError, annot.EINTERNAL
	}
	// A client that hung up is not a server fault worth an error log.
	if status == http.StatusInternalServerError && r.Context().Err() == nil {
		s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, ErrorBody{Error: annot.ErrorMessage(err), Code: code, Field: annot.ErrorField(err)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own response types get here; a failure is a bug, and
		// the client still deserves a well-formed error.
		status, b = http.StatusInternalServerError, []byte(`{"error":"Internal error.","code":"internal"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n')) // the client went away; nothing to do
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
