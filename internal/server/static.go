package server

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

func init() {
	// Some systems' mime tables lack these; the browser needs the exact
	// wasm type for streaming compilation.
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

// encodings lists the precompressed variants we look for, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// staticFiles serves dir. For a file X with a prebuilt X.br or X.gz beside it,
// the variant the client accepts is sent with Content-Encoding, the original
// Content-Type and X-Uncompressed-Length; compressing at request time would
// take seconds for app.wasm at brotli's best level.
func staticFiles(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(name, "/") || strings.Contains(name, "/.") {
			http.NotFound(w, r)
			return
		}
		full := filepath.Join(dir, filepath.FromSlash(name))
		st, err := os.Stat(full)
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		// no-cache: revalidate every time, so the service worker's precache
		// never picks up a stale copy.
		h.Set("Cache-Control", "no-cache")
		ctype := mime.TypeByExtension(filepath.Ext(full))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		h.Set("Content-Type", ctype)

		serve := full
		if !isCompressed(full) {
			h.Add("Vary", "Accept-Encoding")
			for _, e := range encodings {
				if !accepts(r.Header.Get("Accept-Encoding"), e.name) {
					continue
				}
				cst, err := os.Stat(full + e.ext)
				if err != nil || cst.ModTime().Before(st.ModTime()) {
					continue // missing or older than the original: stale
				}
				serve = full + e.ext
				h.Set("Content-Encoding", e.name)
				h.Set(uncompressedLength, strconv.FormatInt(st.Size(), 10))
				break
			}
		}
		f, err := os.Open(serve)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		fst, err := f.Stat()
		if err != nil {
			http.Error(w, "cannot read file", http.StatusInternalServerError)
			return
		}
		if serve != full {
			// ServeContent would drop Content-Length for an encoded body.
			h.Set("Content-Length", strconv.FormatInt(fst.Size(), 10))
		}
		http.ServeContent(w, r, "", fst.ModTime(), f)
	})
}

func isCompressed(name string) bool {
	for _, e := range encodings {
		if strings.HasSuffix(name, e.ext) {
			return true
		}
	}
	return false
}

// accepts reports whether an Accept-Encoding header allows coding (q > 0).
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		if q, ok := strings.CutPrefix(params, "q="); ok {
			v, err := strconv.ParseFloat(q, 64)
			return err == nil && v > 0
		}
		return true
	}
	return false
}
