// Package sqlstore implements annot.SetStore on database/sql for SQLite and
// PostgreSQL with one schema and one set of embedded migrations. It imports
// no driver: the program's main registers them (see Dialect.Driver).
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"time"

	"gloss/internal/annot"
)

//go:embed migrations/*.sql
var embedded embed.FS

// migrations is what migrate applies; tests swap in broken sets.
var migrations fs.FS = embedded

// Store is an annot.SetStore over one database.
type Store struct {
	db *sql.DB
	d  Dialect
	// Now stamps deletions; tests may replace it.
	Now func() time.Time
	q   queries

	// Group commit (d.groupCommit): CreateSet hands its record to the
	// writer goroutine; wmu keeps deletes out of the writer's way.
	wmu    sync.Mutex
	writes chan *writeReq
	quit   chan struct{}
	writer sync.WaitGroup
	closeM sync.Once
}

// queries are prepared once per store: SQLite otherwise parses every
// statement on every call, a tenth of the CPU of a save or load.
type queries struct {
	insert, find, findHash, erase *sql.Stmt
}

func (s *Store) prepare(ctx context.Context) error {
	for _, q := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&s.q.insert, `INSERT INTO sets (id, kind, data, delete_hash, created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&s.q.find, `SELECT kind, data, created_ms, deleted_ms FROM sets WHERE id = ?`},
		{&s.q.findHash, `SELECT delete_hash, deleted_ms FROM sets WHERE id = ?`},
		{&s.q.erase, `UPDATE sets SET data = NULL, deleted_ms = ? WHERE id = ? AND deleted_ms IS NULL`},
	} {
		st, err := s.db.PrepareContext(ctx, s.d.Rebind(q.sql))
		if err != nil {
			return fmt.Errorf("prepare %q: %w", q.sql, err)
		}
		*q.dst = st
	}
	return nil
}

type writeReq struct {
	ctx  context.Context
	r    *annot.Record
	done chan error
}

// maxBatch bounds one group commit so a huge queue cannot make one
// transaction (and every caller waiting on it) arbitrarily slow.
const maxBatch = 64

var _ annot.SetStore = (*Store)(nil)

// Open opens the database the -db setting names (see Locate), migrates it
// and returns a ready store. The driver must be registered by the caller.
func Open(ctx context.Context, db, dataDir string) (*Store, error) {
	d, dsn, err := Locate(db, dataDir)
	if err != nil {
		return nil, err
	}
	sdb, err := sql.Open(d.Driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", d.Name, err)
	}
	s, err := New(ctx, sdb, d)
	if err != nil {
		return nil, errors.Join(err, sdb.Close())
	}
	return s, nil
}

// New wraps an open database, sizes its pool and applies pending
// migrations. Close closes db.
func New(ctx context.Context, db *sql.DB, d Dialect) (*Store, error) {
	// Keep idle connections: database/sql's default of 2 would reopen
	// SQLite connections (and rerun their pragmas) under any real load.
	db.SetMaxOpenConns(d.maxConns)
	db.SetMaxIdleConns(d.maxConns)
	if err := ping(ctx, db, d); err != nil {
		return nil, fmt.Errorf("connect %s: %w", d.Name, err)
	}
	s := &Store{db: db, d: d, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		return nil, err
	}
	if d.groupCommit {
		s.writes = make(chan *writeReq)
		s.quit = make(chan struct{})
		s.writer.Add(1)
		go s.writeLoop()
	}
	return s, nil
}

// ping opens the first connection. SQLite runs the DSN's pragmas there,
// and switching a new file to WAL needs an exclusive lock that SQLite
// refuses at once with SQLITE_BUSY (no busy handler, to avoid deadlock)
// when another process is doing the same: those attempts are retried with
// a short backoff for up to connectRetry.
func ping(ctx context.Context, db *sql.DB, d Dialect) error {
	deadline := time.Now().Add(connectRetry)
	wait := 5 * time.Millisecond
	for {
		err := db.PingContext(ctx)
		if err == nil || !d.retryBusy || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// connectRetry bounds how long Open waits out other processes that are
// opening the same SQLite file.
const connectRetry = 10 * time.Second

// isBusy reports SQLITE_BUSY (5) and its extended codes, read through the
// driver's Code method so this package needs no driver import.
func isBusy(err error) bool {
	var c interface{ Code() int }
	return errors.As(err, &c) && c.Code()&0xff == 5
}

// Dialect returns the store's dialect.
func (s *Store) Dialect() Dialect { return s.d }

// Close stops the writer, if any, and closes the database. Creations
// already handed to the writer finish first.
func (s *Store) Close() error {
	s.closeM.Do(func() {
		if s.quit != nil {
			close(s.quit)
			s.writer.Wait()
		}
	})
	for _, st := range []*sql.Stmt{s.q.insert, s.q.find, s.q.findHash, s.q.erase} {
		if st != nil {
			_ = st.Close() // db.Close below reports what matters
		}
	}
	return s.db.Close()
}

// migrate applies the embedded migrations not yet recorded in
// schema_migrations, in lexical order, in one transaction that first takes
// the dialect's lock: processes starting together then migrate one after
// the other, and a failed migration leaves nothing half done.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	slices.Sort(names)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if s.d.lock != "" {
		if _, err := tx.ExecContext(ctx, s.d.lock); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_ms BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: migrations table: %w", err)
	}
	for _, name := range names {
		if err := s.migrateOne(ctx, tx, name); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

func (s *Store) migrateOne(ctx context.Context, tx *sql.Tx, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`), name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	raw, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	ddl, err := s.d.expand(string(raw))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO schema_migrations (name, applied_ms) VALUES (?, ?)`),
		name, time.Now().UnixMilli())
	return err
}

// CreateSet implements annot.SetStore.
func (s *Store) CreateSet(ctx context.Context, r *annot.Record) error {
	if err := annot.CheckRecord(r); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.writes == nil {
		return s.insert(ctx, s.q.insert, r)
	}
	req := &writeReq{ctx: ctx, r: r, done: make(chan error, 1)}
	select {
	case s.writes <- req:
	case <-s.quit:
		return errors.New("insert set: store closed")
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once the writer has the request it always answers, after the commit
	// (or the failure) that decides it.
	return <-req.done
}

func (s *Store) insert(ctx context.Context, stmt *sql.Stmt, r *annot.Record) error {
	res, err := stmt.ExecContext(ctx, r.ID, string(r.Kind), r.Data, r.DeleteHash, r.Created.UnixMilli())
	if err != nil {
		return fmt.Errorf("insert set: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("insert set: %w", err)
	}
	if n == 0 {
		return annot.Errorf(annot.ECONFLICT, "Set id %s is taken.", r.ID)
	}
	return nil
}

func (s *Store) writeLoop() {
	defer s.writer.Done()
	for {
		var batch []*writeReq
		select {
		case req := <-s.writes:
			batch = append(batch, req)
		case <-s.quit:
			return
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case req := <-s.writes:
				batch = append(batch, req)
			default:
				break drain
			}
		}
		s.commitBatch(batch)
	}
}

// commitBatch inserts a batch in one transaction. Callers whose context
// ended are answered with its error and left out. If the transaction
// fails as a whole, each record is retried alone so one bad row cannot
// fail its neighbours.
func (s *Store) commitBatch(batch []*writeReq) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	live := batch[:0]
	for _, req := range batch {
		if err := req.ctx.Err(); err != nil {
			req.done <- err
			continue
		}
		live = append(live, req)
	}
	if len(live) == 0 {
		return
	}
	// The batch's transaction must not die with one caller's context.
	ctx := context.Background()
	errs := make([]error, len(live))
	err := func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback() //nolint:errcheck // a no-op after Commit
		ins := tx.StmtContext(ctx, s.q.insert)
		for i, req := range live {
			errs[i] = s.insert(ctx, ins, req.r)
			if errs[i] != nil && annot.ErrorCode(errs[i]) != annot.ECONFLICT {
				return errs[i]
			}
		}
		return tx.Commit()
	}()
	if err != nil && len(live) > 1 {
		for _, req := range live {
			req.done <- s.insert(ctx, s.q.insert, req.r)
		}
		return
	}
	for i, req := range live {
		if err != nil {
			errs[i] = err
		}
		req.done <- errs[i]
	}
}

// FindSet implements annot.SetStore.
func (s *Store) FindSet(ctx context.Context, id string) (*annot.Record, error) {
	if !annot.ValidID(id) {
		return nil, annot.Errorf(annot.ENOTFOUND, "No set has this id.")
	}
	var (
		kind    string
		data    []byte
		created int64
		deleted sql.NullInt64
	)
	err := s.q.find.QueryRowContext(ctx, id).
		Scan(&kind, &data, &created, &deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, annot.Errorf(annot.ENOTFOUND, "No set has this id.")
	case err != nil:
		return nil, fmt.Errorf("find set: %w", err)
	case deleted.Valid:
		return nil, annot.Errorf(annot.EGONE, "This set was removed by its owner.")
	}
	return &annot.Record{ID: id, Kind: annot.Kind(kind), Data: data, Created: time.UnixMilli(created).UTC()}, nil
}

// DeleteSet implements annot.SetStore.
func (s *Store) DeleteSet(ctx context.Context, id string, deleteHash []byte) error {
	if !annot.ValidID(id) {
		return annot.Errorf(annot.ENOTFOUND, "No set has this id.")
	}
	if s.d.groupCommit {
		s.wmu.Lock()
		defer s.wmu.Unlock()
	}
	var (
		hash    []byte
		deleted sql.NullInt64
	)
	err := s.q.findHash.QueryRowContext(ctx, id).Scan(&hash, &deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return annot.Errorf(annot.ENOTFOUND, "No set has this id.")
	case err != nil:
		return fmt.Errorf("delete set: %w", err)
	case deleted.Valid:
		return annot.Errorf(annot.EGONE, "This set was already removed.")
	case !annot.SameHash(hash, deleteHash):
		return annot.Errorf(annot.EFORBIDDEN, "Wrong delete token.")
	}
	// deleted_ms IS NULL makes a concurrent second delete a no-op we can see.
	res, err := s.q.erase.ExecContext(ctx, s.Now().UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("delete set: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete set: %w", err)
	}
	if n == 0 {
		return annot.Errorf(annot.EGONE, "This set was already removed.")
	}
	return nil
}
