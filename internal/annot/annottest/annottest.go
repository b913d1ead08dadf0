// Package annottest is the conformance suite every annot.SetStore must pass.
// Storage packages run it against each back end (SQLite and PostgreSQL), and
// httpapi runs it end to end, so all of them keep one contract.
package annottest

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"testing"
	"time"

	"gloss/internal/annot"
)

// RunSetStore runs the whole contract. newStore must return an empty store
// that lives until the test ends.
func RunSetStore(t *testing.T, newStore func(t *testing.T) annot.SetStore) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, s annot.SetStore)
	}{
		{"CreateFind", testCreateFind},
		{"BinaryData", testBinaryData},
		{"LargeData", testLargeData},
		{"NotFound", testNotFound},
		{"Conflict", testConflict},
		{"Invalid", testInvalid},
		{"Delete", testDelete},
		{"DeleteWrongToken", testDeleteWrongToken},
		{"DeleteUnknown", testDeleteUnknown},
		{"Concurrent", testConcurrent},
		{"Cancelled", testCancelled},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// NewRecord returns a valid record with a fresh id and the token whose hash
// it carries.
func NewRecord(t testing.TB, kind annot.Kind, data []byte) (*annot.Record, string) {
	t.Helper()
	id, err := annot.NewID()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := annot.NewDeleteToken()
	if err != nil {
		t.Fatal(err)
	}
	// Millisecond precision, UTC: what every store must preserve.
	now := time.Now().UTC().Truncate(time.Millisecond)
	return &annot.Record{ID: id, Kind: kind, Data: data, DeleteHash: annot.TokenHash(tok), Created: now}, tok
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := annot.ErrorCode(err); got != code {
		t.Fatalf("%s: got error %v (code %q), want code %q", what, err, got, code)
	}
}

func mustCreate(t *testing.T, s annot.SetStore, r *annot.Record) {
	t.Helper()
	if err := s.CreateSet(context.Background(), r); err != nil {
		t.Fatalf("CreateSet(%s): %v", r.ID, err)
	}
}

func checkSame(t *testing.T, got, want *annot.Record) {
	t.Helper()
	if got.ID != want.ID || got.Kind != want.Kind {
		t.Errorf("record: got id %q kind %q, want id %q kind %q", got.ID, got.Kind, want.ID, want.Kind)
	}
	if !bytes.Equal(got.Data, want.Data) {
		t.Errorf("data: got %d bytes, want %d bytes (equal prefix: %v)", len(got.Data), len(want.Data),
			bytes.HasPrefix(want.Data, got.Data))
	}
	if !got.Created.Equal(want.Created) {
		t.Errorf("created: got %v, want %v", got.Created, want.Created)
	}
	if got.DeleteHash != nil {
		t.Errorf("FindSet returned the delete hash; it must stay in the store")
	}
}

func testCreateFind(t *testing.T, s annot.SetStore) {
	ctx := context.Background()
	for _, kind := range []annot.Kind{annot.KindPublic, annot.KindEncrypted} {
		r, _ := NewRecord(t, kind, []byte(`{"format":"gloss.set","note":"`+string(kind)+`"}`))
		mustCreate(t, s, r)
		got, err := s.FindSet(ctx, r.ID)
		if err != nil {
			t.Fatalf("FindSet: %v", err)
		}
		checkSame(t, got, r)
	}
}

func testBinaryData(t *testing.T, s annot.SetStore) {
	data := make([]byte, 4096)
	for i := range data {
		data[i] = byte(i) // every byte value, NULs included
	}
	r, _ := NewRecord(t, annot.KindEncrypted, data)
	mustCreate(t, s, r)
	got, err := s.FindSet(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, got, r)
}

func testLargeData(t *testing.T, s annot.SetStore) {
	data := make([]byte, 6<<20) // what an 8 MB base64 body decodes to
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	r, _ := NewRecord(t, annot.KindEncrypted, data)
	mustCreate(t, s, r)
	got, err := s.FindSet(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, got, r)
}

func testNotFound(t *testing.T, s annot.SetStore) {
	id, err := annot.NewID()
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.FindSet(context.Background(), id)
	wantCode(t, "FindSet(unknown id)", err, annot.ENOTFOUND)
	_, err = s.FindSet(context.Background(), "not an id")
	wantCode(t, "FindSet(malformed id)", err, annot.ENOTFOUND)
}

func testConflict(t *testing.T, s annot.SetStore) {
	r, _ := NewRecord(t, annot.KindPublic, []byte("first"))
	mustCreate(t, s, r)
	dup, _ := NewRecord(t, annot.KindEncrypted, []byte("second"))
	dup.ID = r.ID
	wantCode(t, "CreateSet(taken id)", s.CreateSet(context.Background(), dup), annot.ECONFLICT)
	got, err := s.FindSet(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, got, r) // the first set is untouched: sets are immutable
}

func testInvalid(t *testing.T, s annot.SetStore) {
	for _, tt := range []struct {
		name string
		edit func(r *annot.Record)
	}{
		{"bad id", func(r *annot.Record) { r.ID = "short" }},
		{"bad kind", func(r *annot.Record) { r.Kind = "plain" }},
		{"empty data", func(r *annot.Record) { r.Data = nil }},
		{"no delete hash", func(r *annot.Record) { r.DeleteHash = nil }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := NewRecord(t, annot.KindPublic, []byte("x"))
			tt.edit(r)
			wantCode(t, "CreateSet", s.CreateSet(context.Background(), r), annot.EINVALID)
		})
	}
}

func testDelete(t *testing.T, s annot.SetStore) {
	ctx := context.Background()
	r, tok := NewRecord(t, annot.KindEncrypted, []byte("secret"))
	mustCreate(t, s, r)
	if err := s.DeleteSet(ctx, r.ID, annot.TokenHash(tok)); err != nil {
		t.Fatalf("DeleteSet: %v", err)
	}
	_, err := s.FindSet(ctx, r.ID)
	wantCode(t, "FindSet after delete", err, annot.EGONE)
	wantCode(t, "DeleteSet twice", s.DeleteSet(ctx, r.ID, annot.TokenHash(tok)), annot.EGONE)
	again, _ := NewRecord(t, annot.KindEncrypted, []byte("reuse"))
	again.ID = r.ID
	wantCode(t, "CreateSet on a deleted id", s.CreateSet(ctx, again), annot.ECONFLICT)
}

func testDeleteWrongToken(t *testing.T, s annot.SetStore) {
	ctx := context.Background()
	r, _ := NewRecord(t, annot.KindPublic, []byte("keep me"))
	mustCreate(t, s, r)
	wantCode(t, "DeleteSet(wrong token)", s.DeleteSet(ctx, r.ID, annot.TokenHash("guess")), annot.EFORBIDDEN)
	wantCode(t, "DeleteSet(no token)", s.DeleteSet(ctx, r.ID, nil), annot.EFORBIDDEN)
	got, err := s.FindSet(ctx, r.ID)
	if err != nil {
		t.Fatalf("FindSet after refused delete: %v", err)
	}
	checkSame(t, got, r)
}

func testDeleteUnknown(t *testing.T, s annot.SetStore) {
	id, err := annot.NewID()
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, "DeleteSet(unknown id)", s.DeleteSet(context.Background(), id, annot.TokenHash("x")), annot.ENOTFOUND)
}

func testConcurrent(t *testing.T, s annot.SetStore) {
	const workers, each = 16, 20
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	recs := make(chan *annot.Record, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r, _ := NewRecord(t, annot.KindPublic, fmt.Appendf(nil, "worker %d item %d", w, i))
				if err := s.CreateSet(ctx, r); err != nil {
					errs <- err
					return
				}
				if _, err := s.FindSet(ctx, r.ID); err != nil {
					errs <- err
					return
				}
				recs <- r
			}
		}()
	}
	wg.Wait()
	close(errs)
	close(recs)
	for err := range errs {
		t.Errorf("concurrent create/find: %v", err)
	}
	n := 0
	for r := range recs {
		got, err := s.FindSet(ctx, r.ID)
		if err != nil {
			t.Fatalf("FindSet(%s): %v", r.ID, err)
		}
		checkSame(t, got, r)
		n++
	}
	if n != workers*each {
		t.Errorf("stored %d sets, want %d", n, workers*each)
	}
}

func testCancelled(t *testing.T, s annot.SetStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, _ := NewRecord(t, annot.KindPublic, []byte("never"))
	if err := s.CreateSet(ctx, r); err == nil {
		t.Fatal("CreateSet with a cancelled context: got nil, want an error")
	}
	if _, err := s.FindSet(context.Background(), r.ID); annot.ErrorCode(err) != annot.ENOTFOUND {
		t.Errorf("FindSet after cancelled create: got %v, want ENOTFOUND", err)
	}
}
