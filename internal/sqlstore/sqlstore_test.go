//go:build !wasm

package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"gloss/internal/annot"
	"gloss/internal/annot/annottest"
	"gloss/internal/pgtest"
	"gloss/internal/sqlstore"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func open(t *testing.T, db, data string) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(context.Background(), db, data)
	if err != nil {
		t.Fatalf("Open(%q): %v", db, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func sqlstoreOpen(b *testing.B, db, data string) (*sqlstore.Store, error) {
	s, err := sqlstore.Open(context.Background(), db, data)
	if err == nil {
		b.Cleanup(func() { s.Close() })
	}
	return s, err
}

func TestSQLite(t *testing.T) {
	annottest.RunSetStore(t, func(t *testing.T) annot.SetStore {
		return open(t, "", t.TempDir())
	})
}

func TestPostgres(t *testing.T) {
	annottest.RunSetStore(t, func(t *testing.T) annot.SetStore {
		return open(t, pgtest.DSN(t), "")
	})
}

// TestReopen checks that data and migrations survive closing the database
// and that migrating twice is harmless.
func TestReopen(t *testing.T) {
	for _, tt := range []struct {
		name string
		db   func(t *testing.T) (db, data string)
	}{
		{"sqlite", func(t *testing.T) (string, string) { return filepath.Join(t.TempDir(), "sub", "x.db"), "" }},
		{"postgres", func(t *testing.T) (string, string) { return pgtest.DSN(t), "" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, data := tt.db(t)
			s1, err := sqlstore.Open(context.Background(), db, data)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := annottest.NewRecord(t, annot.KindPublic, []byte("kept"))
			if err := s1.CreateSet(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if err := s1.Close(); err != nil {
				t.Fatal(err)
			}
			s2 := open(t, db, data)
			got, err := s2.FindSet(context.Background(), r.ID)
			if err != nil {
				t.Fatalf("FindSet after reopen: %v", err)
			}
			if string(got.Data) != "kept" {
				t.Errorf("data after reopen: got %q, want %q", got.Data, "kept")
			}
		})
	}
}

// TestConcurrentOpen starts several stores on one database at once, as
// several server processes behind a load balancer would.
func TestConcurrentOpen(t *testing.T) {
	for _, tt := range []struct {
		name string
		db   func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "x.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.DSN(t) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.db(t)
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s, err := sqlstore.Open(context.Background(), db, "")
					if err == nil {
						err = s.Close()
					}
					errs[i] = err
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("Open #%d: %v", i, err)
				}
			}
		})
	}
}

func TestLocate(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, db, data string
		dialect        string
		dsn            string
		wantErr        bool
	}{
		{"default file", "", dir, "sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "gloss.db")), false},
		{"explicit file", filepath.Join(dir, "a.db"), "", "sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "a.db")), false},
		{"postgres url", "postgres://u@h/db", "", "postgres", "postgres://u@h/db", false},
		{"postgresql url", "postgresql://u@h/db", "", "postgres", "postgresql://u@h/db", false},
		{"query in path", filepath.Join(dir, "a.db?mode=ro"), "", "", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, dsn, err := sqlstore.Locate(tt.db, tt.data)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Locate(%q): got nil error, want one", tt.db)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Name != tt.dialect || dsn != tt.dsn {
				t.Errorf("Locate(%q, %q) = %s %q, want %s %q", tt.db, tt.data, d.Name, dsn, tt.dialect, tt.dsn)
			}
		})
	}
}
