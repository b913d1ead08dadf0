package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// webDir makes a web directory with a fake app.wasm and its variants.
func webDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app.wasm", "\x00asm raw body")
	write("app.wasm.br", "brotli body")
	write("app.wasm.gz", "gzip body")
	write("css/gloss.css", "body{}")
	write(".hidden", "secret")
	// Variants must be newer than the original to be served.
	later := time.Now().Add(time.Minute)
	for _, n := range []string{"app.wasm.br", "app.wasm.gz"} {
		if err := os.Chtimes(filepath.Join(dir, n), later, later); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, path string, hdr ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWasmEncoding(t *testing.T) {
	dir := webDir(t)
	h := New(Options{WebDir: dir, Version: "v1"})
	for _, tt := range []struct {
		name, accept, wantEnc, wantBody string
	}{
		{"brotli preferred", "gzip, deflate, br", "br", "brotli body"},
		{"gzip only", "gzip", "gzip", "gzip body"},
		{"br refused by q=0", "br;q=0, gzip", "gzip", "gzip body"},
		{"identity", "", "", "\x00asm raw body"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, "/web/app.wasm", "Accept-Encoding", tt.accept)
			if r.StatusCode != 200 {
				t.Fatalf("status %d", r.StatusCode)
			}
			if got := r.Header.Get("Content-Encoding"); got != tt.wantEnc {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.wantEnc)
			}
			if got := r.Header.Get("Content-Type"); got != "application/wasm" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := r.Header.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary = %q", got)
			}
			if got := body(t, r); got != tt.wantBody {
				t.Errorf("body = %q, want %q", got, tt.wantBody)
			}
			if tt.wantEnc != "" {
				if got := r.Header.Get(uncompressedLength); got != "13" {
					t.Errorf("%s = %q, want 13", uncompressedLength, got)
				}
				if got := r.Header.Get("Content-Length"); got != "" && got != "11" && got != "9" {
					t.Errorf("Content-Length = %q, want the compressed size", got)
				}
			}
		})
	}
}

func TestStaleVariantIgnored(t *testing.T) {
	dir := webDir(t)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "app.wasm.br"), old, old); err != nil {
		t.Fatal(err)
	}
	r := get(t, New(Options{WebDir: dir}), "/web/app.wasm", "Accept-Encoding", "br")
	if enc := r.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("served a .br older than app.wasm (Content-Encoding %q)", enc)
	}
}

func TestStaticPaths(t *testing.T) {
	h := New(Options{WebDir: webDir(t)})
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/web/css/gloss.css", 200},
		{"/web/.hidden", 404},
		{"/web/css/", 404},
		{"/web/missing.js", 404},
	} {
		if got := get(t, h, tt.path).StatusCode; got != tt.want {
			t.Errorf("GET %s = %d, want %d", tt.path, got, tt.want)
		}
	}
	// The mux redirects to the cleaned path, which is outside /web/.
	if r := get(t, h, "/web/../../etc/passwd"); r.StatusCode == 200 {
		t.Errorf("path traversal answered 200: %s", body(t, r))
	}
	r := get(t, h, "/web/css/gloss.css")
	if r.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", r.Header.Get("Cache-Control"))
	}
}

func TestHeadersAndHealth(t *testing.T) {
	h := New(Options{WebDir: webDir(t), Version: "abc"})
	r := get(t, h, "/healthz")
	if r.StatusCode != 200 || !strings.Contains(body(t, r), `"version":"abc"`) {
		t.Fatalf("healthz: %d", r.StatusCode)
	}
	for _, path := range []string{"/", "/healthz", "/web/app.wasm", "/api/sets/x"} {
		r := get(t, h, path)
		csp := r.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s: CSP allows eval", path)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or referrer policy", path)
		}
	}
	if r := get(t, h, "/api/sets/x"); r.StatusCode != 404 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("API without a store: %d %s, want a JSON 404", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

func TestVersionIsContentHash(t *testing.T) {
	dir := webDir(t)
	v1, err := Version(dir)
	if err != nil {
		t.Fatal(err)
	}
	if v2, _ := Version(dir); v2 != v1 {
		t.Errorf("same bytes, versions %q and %q", v1, v2)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
	if v3, _ := Version(dir); v3 == v1 {
		t.Error("changed wasm kept its version")
	}
	if _, err := Version(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("missing wasm: err = %v, want a hint to run make build", err)
	}
}

func TestWorkerTemplate(t *testing.T) {
	h := New(Options{WebDir: webDir(t), Version: "v42"})
	js := body(t, get(t, h, "/app-worker.js"))
	for _, want := range []string{`"app-" + "v42"`, "event.waitUntil", `req.mode === "navigate"`, `"/web/app.wasm"`, `"/web/icons/icon-192.png"`, "/api/"} {
		if !strings.Contains(js, want) {
			t.Errorf("app-worker.js lacks %q", want)
		}
	}
	if strings.Contains(js, "{{") {
		t.Error("app-worker.js has unfilled template fields")
	}
}

func TestAccepts(t *testing.T) {
	for _, tt := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, br", "br", true},
		{"GZIP", "gzip", true},
		{"br;q=0", "br", false},
		{"br; q=0.5", "br", true},
		{"brotli", "br", false},
		{"", "gzip", false},
		{"gzip;q=bogus", "gzip", false},
	} {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}
