package server

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

//go:embed worker.js
var workerJS string

// uncompressedLength carries app.wasm's real size next to a compressed body,
// so go-app's loader can still show true progress.
const uncompressedLength = "X-Uncompressed-Length"

// Version returns the content hash of webDir/app.wasm. Clients compare it to
// decide whether there is an update, so it must change exactly when the
// wasm changes: never a timestamp.
func Version(webDir string) (string, error) {
	f, err := os.Open(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return "", fmt.Errorf("app.wasm not found in %s (run `make build` first): %w", webDir, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash app.wasm: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:20], nil
}

// AppHandler returns go-app's handler configured for Gloss at version.
func AppHandler(version string) *app.Handler {
	return &app.Handler{
		Name:            "Gloss",
		ShortName:       "Gloss",
		Title:           "Gloss — article annotator",
		Description:     "Paste news articles and see their entities and how they relate. Runs in your browser.",
		Lang:            "en",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1d4e89",
		LoadingLabel:    "Loading Gloss {progress}%",
		// Local icons: go-app's remote defaults make the service worker's
		// atomic precache fail offline.
		Icon: app.Icon{
			Default:  "/web/icons/icon-192.png",
			Large:    "/web/icons/icon-512.png",
			Maskable: "/web/icons/maskable-512.png",
			SVG:      "/web/icons/icon.svg",
		},
		Styles: []string{"/web/css/gloss.css"},
		// The analysis engine's worker and wasm (cmd/engine): the app
		// cannot analyse offline without them.
		CacheableResources:      []string{"/web/icons/icon.svg", "/web/engine.js", "/web/engine.wasm"},
		Version:                 version,
		WasmContentLengthHeader: uncompressedLength,
		ServiceWorkerTemplate:   workerJS,
	}
}

// Options configure New.
type Options struct {
	WebDir  string       // directory served under /web/, holding app.wasm
	API     http.Handler // mounted at /api/; nil answers 404
	Log     *slog.Logger
	Version string // from Version(WebDir)
}

// New returns the site's handler.
func New(o Options) http.Handler {
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"status": "ok", "version": o.Version})
	})
	api := o.API
	if api == nil {
		api = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"error":"not found"}`+"\n")
		})
	}
	mux.Handle("/api/", api)
	mux.Handle("/web/", http.StripPrefix("/web/", staticFiles(o.WebDir)))
	mux.Handle("/", AppHandler(o.Version))
	return logRequests(log, securityHeaders(mux))
}

// logRequests writes one structured line per request.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"bytes", sw.n, "dur", time.Since(start).Round(time.Microsecond))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
