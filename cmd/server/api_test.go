//go:build !wasm

package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/httpapi"
	"gloss/internal/pgtest"
	"gloss/internal/sharelink"
)

// TestOpenAPI checks the wiring itself: each -db form opens, migrates and
// serves a working API, and the SQLite default lands under -data.
func TestOpenAPI(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  func(t *testing.T) Config
		file string // expected SQLite file, relative to Data
	}{
		{"sqlite default", func(t *testing.T) Config { return Config{Data: filepath.Join(t.TempDir(), "new")} }, "gloss.db"},
		{"sqlite path", func(t *testing.T) Config {
			d := t.TempDir()
			return Config{Data: d, DB: filepath.Join(d, "other.db")}
		}, "other.db"},
		{"postgres", func(t *testing.T) Config { return Config{Data: t.TempDir(), DB: pgtest.DSN(t)} }, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg(t)
			cfg.MaxBody, cfg.CreatePerMinute = 1<<20, 100
			h, closer, err := openAPI(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatalf("openAPI: %v", err)
			}
			defer func() {
				if err := closer.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			}()
			srv := httptest.NewServer(h)
			defer srv.Close()
			c := httpapi.NewClient(srv.URL, srv.Client())
			_, blob, err := sharelink.SealSet(&annot.Set{Format: annot.Format, Version: annot.Version,
				Articles: []annot.Article{{ID: "a", Title: "t", Text: "x", Hash: annot.ContentHash("x")}}})
			if err != nil {
				t.Fatal(err)
			}
			cr, err := c.CreateEncrypted(context.Background(), blob)
			if err != nil {
				t.Fatalf("create through openAPI's handler: %v", err)
			}
			if _, err := c.Get(context.Background(), cr.ID); err != nil {
				t.Fatalf("get: %v", err)
			}
			if tt.file != "" {
				if _, err := os.Stat(filepath.Join(cfg.Data, tt.file)); err != nil {
					t.Errorf("SQLite file: %v", err)
				}
			}
		})
	}
}

func TestOpenAPIBadDB(t *testing.T) {
	cfg := Config{Data: t.TempDir(), DB: "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}
	if _, _, err := openAPI(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Fatal("openAPI with an unreachable PostgreSQL: got nil error, want one")
	}
}
