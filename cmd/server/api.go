//go:build !wasm

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	// The database drivers are registered here, in main, and nowhere else:
	// internal/sqlstore names them but imports neither.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"gloss/internal/httpapi"
	"gloss/internal/sqlstore"
)

// openAPI opens the store named by cfg.DB (a postgres:// or postgresql://
// URL, else an SQLite file, by default <Data>/gloss.db), applies pending
// migrations and returns the saved-set API to mount at /api/. The closer
// closes the database.
func openAPI(ctx context.Context, cfg Config, log *slog.Logger) (http.Handler, io.Closer, error) {
	st, err := sqlstore.Open(ctx, cfg.DB, cfg.Data)
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	log.Info("store open", "dialect", st.Dialect().Name)
	h := httpapi.New(st, httpapi.Options{
		MaxBody:         cfg.MaxBody,
		CreatePerMinute: cfg.CreatePerMinute,
		TrustedProxies:  cfg.TrustedProxies,
		Log:             log,
	})
	return h, st, nil
}
