package annot

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"time"
)

// Kind says how a stored set's bytes are to be read.
type Kind string

const (
	// KindEncrypted data is ciphertext sealed in the browser; the key stays
	// in the link's fragment and never reaches the server.
	KindEncrypted Kind = "encrypted"
	// KindPublic data is the set's canonical JSON (see Encode).
	KindPublic Kind = "public"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == KindEncrypted || k == KindPublic }

// Record is a stored set. Records are immutable: saving again makes a new id.
type Record struct {
	ID   string
	Kind Kind
	Data []byte
	// DeleteHash is TokenHash of the delete token handed out at creation;
	// only the hash is stored so a copy of the database cannot delete sets.
	DeleteHash []byte
	Created    time.Time
}

// SetStore keeps saved sets. Implementations must be safe for concurrent
// use, and a CreateSet that returned nil must survive a crash of the process
// that called it.
type SetStore interface {
	// CreateSet stores r. It returns EINVALID for a malformed record
	// (bad id, unknown kind, empty data, missing delete hash) and
	// ECONFLICT if r.ID is taken, even by a deleted set.
	CreateSet(ctx context.Context, r *Record) error
	// FindSet returns the set with id, without its DeleteHash.
	// It returns ENOTFOUND if no set ever had id and EGONE if it was deleted.
	FindSet(ctx context.Context, id string) (*Record, error)
	// DeleteSet erases the data of the set with id if deleteHash matches.
	// The id stays reserved so the link reports "removed", not "not found".
	// It returns ENOTFOUND, EGONE (already deleted) or EFORBIDDEN.
	DeleteSet(ctx context.Context, id string, deleteHash []byte) error
}

const (
	idBytes    = 16 // 128 random bits
	tokenBytes = 32
	// IDLen is the length of a set id: base64url of 16 random bytes.
	IDLen = 22
)

// NewID returns a fresh unguessable, URL-safe set id.
func NewID() (string, error) { return randomString(idBytes) }

// NewDeleteToken returns a fresh delete token; store only TokenHash of it.
func NewDeleteToken() (string, error) { return randomString(tokenBytes) }

func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ValidID reports whether id has the shape NewID makes, so malformed ids are
// rejected before any storage lookup.
func ValidID(id string) bool {
	if len(id) != IDLen {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(id)
	return err == nil && len(b) == idBytes
}

// TokenHash is what the store keeps of a delete token.
func TokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// SameHash compares two token hashes in constant time.
func SameHash(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }

// CheckRecord returns the EINVALID error CreateSet must give for r, or nil.
// Stores call it so every implementation rejects the same records.
func CheckRecord(r *Record) error {
	switch {
	case r == nil:
		return Errorf(EINVALID, "No record.")
	case !ValidID(r.ID):
		return &Error{Code: EINVALID, Field: "id", Message: "Malformed set id."}
	case !r.Kind.Valid():
		return &Error{Code: EINVALID, Field: "kind", Message: fmt.Sprintf("Unknown kind %q.", r.Kind)}
	case len(r.Data) == 0:
		return &Error{Code: EINVALID, Field: "data", Message: "Empty set data."}
	case len(r.DeleteHash) != sha256.Size:
		return &Error{Code: EINVALID, Field: "delete_hash", Message: "Missing delete token hash."}
	case r.Created.IsZero():
		return &Error{Code: EINVALID, Field: "created", Message: "Missing creation time."}
	}
	return nil
}
