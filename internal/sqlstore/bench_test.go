//go:build !wasm

package sqlstore_test

import (
	"context"
	"crypto/rand"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/annot/annottest"
	"gloss/internal/pgtest"
)

// BenchmarkStore measures the store alone, without HTTP: one save or one
// load of a 6 KB set (the size of a sealed three-article workspace).
func BenchmarkStore(b *testing.B) {
	data := make([]byte, 6<<10)
	if _, err := rand.Read(data); err != nil {
		b.Fatal(err)
	}
	for _, be := range []struct {
		name string
		db   func(b *testing.B) (string, string)
	}{
		{"sqlite", func(b *testing.B) (string, string) { return "", b.TempDir() }},
		{"postgres", func(b *testing.B) (string, string) { return pgtest.DSN(b), "" }},
	} {
		b.Run(be.name, func(b *testing.B) {
			db, dir := be.db(b)
			s, err := sqlstoreOpen(b, db, dir)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.Run("save", func(b *testing.B) {
				for b.Loop() {
					r, _ := annottest.NewRecord(b, annot.KindEncrypted, data)
					if err := s.CreateSet(ctx, r); err != nil {
						b.Fatal(err)
					}
				}
			})
			r, _ := annottest.NewRecord(b, annot.KindEncrypted, data)
			if err := s.CreateSet(ctx, r); err != nil {
				b.Fatal(err)
			}
			b.Run("load", func(b *testing.B) {
				for b.Loop() {
					if _, err := s.FindSet(ctx, r.ID); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
