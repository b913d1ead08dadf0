//go:build !wasm

package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// openAPI opens the store named by cfg.DB and returns the saved-set API.
// Until the storage layer lands it only opens (and so creates) the database
// and answers every API request with 404.
func openAPI(ctx context.Context, cfg Config, log *slog.Logger) (http.Handler, io.Closer, error) {
	driver, dsn := "sqlite", cfg.DB
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		driver = "pgx"
	} else {
		if err := os.MkdirAll(cfg.Data, 0o755); err != nil {
			return nil, nil, fmt.Errorf("data directory: %w", err)
		}
		if dsn == "" {
			dsn = filepath.Join(cfg.Data, "gloss.db")
		}
		dsn = "file:" + dsn + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	log.Info("database open", "driver", driver)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"error":"not found"}`+"\n")
	})
	return h, db, nil
}
