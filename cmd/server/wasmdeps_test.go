//go:build !wasm

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWasmDependencies guards the browser download: server, storage and
// tooling packages must never be compiled into app.wasm, nor the analysis
// engine, which runs in its own worker (web/engine.wasm, cmd/engine): in
// both it would be downloaded twice.
func TestWasmDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps (js/wasm): %v", err)
	}
	forbidden := []string{
		"database/sql", "gloss/internal/server", "gloss/internal/sqlstore", "gloss/internal/pgtest",
		"gloss/internal/httpapi", "net/http/httptest", "os/signal", "log/slog",
		"gloss/internal/entity", "gloss/internal/similarity", "gloss/internal/stem", "gloss/internal/compare",
	}
	forbiddenPrefixes := []string{"modernc.org/", "github.com/jackc/", "github.com/chromedp/", "github.com/andybalholm/brotli",
		"github.com/abadojack/whatlanggo", "github.com/kljensen/snowball"}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list returned %d packages; expected the app's dependency graph", len(deps))
	}
	for _, d := range deps {
		for _, f := range forbidden {
			if d == f {
				t.Errorf("app.wasm depends on %s", d)
			}
		}
		for _, p := range forbiddenPrefixes {
			if strings.HasPrefix(d, p) {
				t.Errorf("app.wasm depends on %s", d)
			}
		}
	}
}
