//go:build !wasm

package sqlstore

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"gloss/internal/pgtest"
)

// TestMigrateAtomic: a migration that fails leaves no trace of the ones
// before it in the same run, and a later run with good migrations succeeds.
func TestMigrateAtomic(t *testing.T) {
	for _, tt := range []struct {
		name string
		db   func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "m.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.DSN(t) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.db(t)
			good := migrations
			t.Cleanup(func() { migrations = good })
			migrations = fstest.MapFS{
				"migrations/0001_ok.sql":     {Data: []byte("CREATE TABLE partial (x {{BYTES}});")},
				"migrations/0002_broken.sql": {Data: []byte("CREATE TABLE oops (;")},
			}
			if s, err := Open(context.Background(), db, ""); err == nil {
				s.Close()
				t.Fatal("Open with a broken migration: got nil error, want one")
			}
			migrations = good
			s, err := Open(context.Background(), db, "")
			if err != nil {
				t.Fatalf("Open after the failure: %v", err)
			}
			defer s.Close()
			var n int
			err = s.db.QueryRow(`SELECT COUNT(*) FROM partial`).Scan(&n)
			if err == nil {
				t.Error("table partial exists: the failed run was not rolled back")
			}
			if err := s.db.QueryRow(s.d.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`),
				"migrations/0001_ok.sql").Scan(&n); err != nil || n != 0 {
				t.Errorf("schema_migrations has the rolled-back migration: n=%d err=%v", n, err)
			}
			if err := s.db.QueryRow(`SELECT COUNT(*) FROM sets`).Scan(&n); err != nil {
				t.Errorf("sets table after good migrations: %v", err)
			}
		})
	}
}
