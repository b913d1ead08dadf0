package annot_test

import (
	"strings"
	"testing"
	"time"

	"gloss/internal/annot"
)

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id, err := annot.NewID()
		if err != nil {
			t.Fatal(err)
		}
		if !annot.ValidID(id) {
			t.Fatalf("ValidID(%q) = false, want true", id)
		}
		if seen[id] {
			t.Fatalf("NewID repeated %q", id)
		}
		seen[id] = true
	}
}

func TestValidID(t *testing.T) {
	for _, tt := range []struct {
		name, id string
		want     bool
	}{
		{"empty", "", false},
		{"short", "abc", false},
		{"good", "AAAAAAAAAAAAAAAAAAAAAA", true},
		{"url-safe chars", "-_AAAAAAAAAAAAAAAAAAAA", true},
		{"std base64 chars", "+/AAAAAAAAAAAAAAAAAAAA", false},
		{"non-canonical tail", "AAAAAAAAAAAAAAAAAAAAAB", false},
		{"long", strings.Repeat("A", 23), false},
		{"path traversal", "../../../../etc/passwd", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := annot.ValidID(tt.id); got != tt.want {
				t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestCheckRecord(t *testing.T) {
	good := func() *annot.Record {
		return &annot.Record{ID: "AAAAAAAAAAAAAAAAAAAAAA", Kind: annot.KindPublic, Data: []byte("{}"),
			DeleteHash: annot.TokenHash("t"), Created: time.Unix(1, 0)}
	}
	for _, tt := range []struct {
		name  string
		edit  func(r *annot.Record)
		field string
	}{
		{"good", func(*annot.Record) {}, ""},
		{"bad id", func(r *annot.Record) { r.ID = "x" }, "id"},
		{"bad kind", func(r *annot.Record) { r.Kind = "secret" }, "kind"},
		{"no data", func(r *annot.Record) { r.Data = nil }, "data"},
		{"no hash", func(r *annot.Record) { r.DeleteHash = nil }, "delete_hash"},
		{"no time", func(r *annot.Record) { r.Created = time.Time{} }, "created"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.edit(r)
			err := annot.CheckRecord(r)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			if got := annot.ErrorField(err); got != tt.field || annot.ErrorCode(err) != annot.EINVALID {
				t.Errorf("got %v (field %q), want EINVALID on %q", err, got, tt.field)
			}
		})
	}
}

func TestSameHash(t *testing.T) {
	if !annot.SameHash(annot.TokenHash("a"), annot.TokenHash("a")) {
		t.Error("SameHash(a, a) = false, want true")
	}
	if annot.SameHash(annot.TokenHash("a"), annot.TokenHash("b")) {
		t.Error("SameHash(a, b) = true, want false")
	}
}
