package sqlstore

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Dialect holds every difference between the SQL back ends, so the rest of
// the package is written once.
type Dialect struct {
	Name string
	// Driver is the database/sql driver name; main blank-imports it.
	Driver string
	// types fills the {{NAME}} placeholders of the shared migrations.
	types map[string]string
	// numbered placeholders ($1, $2) instead of ?.
	numbered bool
	// lock runs first inside each migration transaction so that several
	// processes starting at once migrate one after the other.
	lock string
	// groupCommit sends creations through one writer goroutine that
	// commits whatever is queued in one transaction. SQLite has a single
	// writer and pays one fsync per commit, so under 32 concurrent savers
	// batching is the difference between hundreds and thousands of durable
	// saves per second; every caller still hears back only after the
	// commit that holds its row.
	groupCommit bool
	maxConns    int
	// retryBusy retries a first connection refused with SQLITE_BUSY.
	retryBusy bool
}

var (
	// SQLite is modernc.org/sqlite (pure Go), driver name "sqlite".
	SQLite = Dialect{
		Name: "sqlite", Driver: "sqlite",
		types:       map[string]string{"BYTES": "BLOB"},
		groupCommit: true,
		maxConns:    8,
		retryBusy:   true,
	}
	// Postgres is PostgreSQL through pgx's database/sql driver, "pgx".
	Postgres = Dialect{
		Name: "postgres", Driver: "pgx",
		types:    map[string]string{"BYTES": "BYTEA"},
		numbered: true,
		lock:     "SELECT pg_advisory_xact_lock(7013452)",
		maxConns: 32,
	}
)

// Rebind turns ? placeholders into the dialect's form. Queries in this
// package never hold a literal ?, so no quoting rules are needed.
func (d Dialect) Rebind(q string) string {
	if !d.numbered {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// expand fills the type placeholders of a migration.
func (d Dialect) expand(ddl string) (string, error) {
	for k, v := range d.types {
		ddl = strings.ReplaceAll(ddl, "{{"+k+"}}", v)
	}
	if i := strings.Index(ddl, "{{"); i >= 0 {
		return "", fmt.Errorf("unknown placeholder at %q", ddl[i:min(len(ddl), i+20)])
	}
	return ddl, nil
}

// Locate maps the -db setting to a dialect and a driver DSN: a postgres://
// or postgresql:// URL selects PostgreSQL; anything else is an SQLite file
// path, by default gloss.db in dataDir (created if missing).
func Locate(db, dataDir string) (Dialect, string, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		if _, err := url.Parse(db); err != nil {
			return Dialect{}, "", fmt.Errorf("database URL: %w", err)
		}
		return Postgres, db, nil
	}
	path := db
	if path == "" {
		if dataDir == "" {
			dataDir = "."
		}
		path = filepath.Join(dataDir, "gloss.db")
	}
	if strings.ContainsAny(path, "?#") {
		return Dialect{}, "", fmt.Errorf("sqlite path %q: must not contain ? or #", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return Dialect{}, "", fmt.Errorf("data dir: %w", err)
	}
	return SQLite, SQLiteDSN(path), nil
}

// SQLiteDSN is the modernc.org/sqlite DSN for a database file. WAL lets
// readers run beside the writer; synchronous=FULL makes every acknowledged
// commit survive power loss, not only a process crash; busy_timeout covers
// other processes on the same file; immediate transactions take the write
// lock up front so migrations never deadlock on a lock upgrade.
func SQLiteDSN(path string) string {
	return path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=foreign_keys(1)&_txlock=immediate"
}
