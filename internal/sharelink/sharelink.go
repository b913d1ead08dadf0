// Package sharelink holds the pure-Go parts of share links that the browser
// runs: sealing a set with AES-256-GCM under a random key that travels only
// in the link's fragment (/s/<id>#<key>), and packing a small set into the
// fragment itself (/#set=…) for serverless links. It imports no server or
// storage code and passes its tests natively and under wasm.
package sharelink

import (
	"bytes"
	"compress/flate"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"gloss/internal/annot"
)

// Errors the UI tells apart. They are returned wrapped; use errors.Is.
var (
	ErrBadKey        = errors.New("the link's key is malformed")
	ErrCannotDecrypt = errors.New("cannot decrypt: the key is wrong or the data was altered")
	ErrUnsupported   = errors.New("this link was made by a newer version of Gloss")
	ErrCorrupt       = errors.New("the link's data is damaged")
	ErrTooLarge      = errors.New("the set is too large for this kind of link")
)

const (
	// KeyLen is the AES-256 key size; keys travel as 43 base64url chars.
	KeyLen   = 32
	nonceLen = 12
	tagLen   = 16
	// sealVersion is the first byte of every sealed blob; it names the
	// cipher and the compression so both can change without guessing.
	sealVersion = 1
	// Overhead is what sealing adds to the compressed set.
	Overhead = 1 + nonceLen + tagLen
	// MaxSetJSON bounds a set after decompression, so a small hostile
	// blob cannot expand into gigabytes in a browser tab.
	MaxSetJSON = 32 << 20
)

// additionalData binds ciphertexts to this use; a blob sealed for anything
// else with the same key does not open as a set.
var additionalData = []byte("gloss.set.sealed.v1")

var b64 = base64.RawURLEncoding

// NewKey returns a fresh random key, base64url without padding.
func NewKey() (string, error) {
	k := make([]byte, KeyLen)
	if _, err := rand.Read(k); err != nil {
		return "", fmt.Errorf("new key: %w", err)
	}
	return b64.EncodeToString(k), nil
}

func parseKey(key string) (cipher.AEAD, error) {
	k, err := b64.Strict().DecodeString(key)
	if err != nil || len(k) != KeyLen {
		return nil, ErrBadKey
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadKey, err)
	}
	return cipher.NewGCM(block)
}

// Seal encrypts plaintext under key: version byte, random nonce, then the
// GCM ciphertext and tag.
func Seal(key string, plaintext []byte) ([]byte, error) {
	aead, err := parseKey(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+nonceLen, 1+nonceLen+len(plaintext)+tagLen)
	out[0] = sealVersion
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("nonce: %w", err)
	}
	return aead.Seal(out, out[1:], plaintext, additionalData), nil
}

// CheckSealed tells whether blob has the shape Seal makes, without a key.
// The server uses it to reject uploads that could never be opened.
func CheckSealed(blob []byte) error {
	if len(blob) < Overhead {
		return fmt.Errorf("%w: %d bytes is shorter than any sealed set", ErrCorrupt, len(blob))
	}
	if blob[0] != sealVersion {
		return fmt.Errorf("%w (format %d)", ErrUnsupported, blob[0])
	}
	return nil
}

// Open decrypts a blob made by Seal. A wrong key and altered data both give
// ErrCannotDecrypt: GCM cannot tell them apart, and neither can we.
func Open(key string, blob []byte) ([]byte, error) {
	aead, err := parseKey(key)
	if err != nil {
		return nil, err
	}
	if err := CheckSealed(blob); err != nil {
		return nil, err
	}
	pt, err := aead.Open(nil, blob[1:1+nonceLen], blob[1+nonceLen:], additionalData)
	if err != nil {
		return nil, ErrCannotDecrypt
	}
	return pt, nil
}

// SealSet encodes, compresses and seals s under a new key. The key goes in
// the link's fragment; only blob is uploaded.
func SealSet(s *annot.Set) (key string, blob []byte, err error) {
	js, err := annot.Encode(s)
	if err != nil {
		return "", nil, err
	}
	z, err := deflate(js)
	if err != nil {
		return "", nil, err
	}
	if key, err = NewKey(); err != nil {
		return "", nil, err
	}
	blob, err = Seal(key, z)
	return key, blob, err
}

// OpenSet reverses SealSet and validates the set it finds.
func OpenSet(key string, blob []byte) (*annot.Set, error) {
	z, err := Open(key, blob)
	if err != nil {
		return nil, err
	}
	js, err := inflate(z, MaxSetJSON)
	if err != nil {
		return nil, err
	}
	return annot.Decode(js)
}

func deflate(p []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	if _, err := w.Write(p); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	return buf.Bytes(), nil
}

func inflate(z []byte, limit int64) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(z))
	defer r.Close()
	p, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if int64(len(p)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes once decompressed", ErrTooLarge, limit)
	}
	return p, nil
}

// Fragment links.
const (
	// FragmentPrefix starts a serverless link's fragment: /#set=1.<data>.
	FragmentPrefix = "set="
	fragVersion    = "1."
	// MaxFragment is the longest fragment EncodeFragment makes. Browsers
	// take far longer URLs, but chat apps and mail clients cut them, and a
	// link that arrives cut is worse than one the UI declined to make.
	MaxFragment = 32_000
	// maxFragmentJSON bounds decompression of a fragment.
	maxFragmentJSON = 4 << 20
	sumLen          = 8
)

// EncodeFragment packs s into a fragment "set=1.<base64url>" holding an
// 8-byte SHA-256 prefix of the set's JSON and the deflated JSON. It returns
// ErrTooLarge when the fragment would be longer than MaxFragment, so the UI
// can offer a stored link instead.
func EncodeFragment(s *annot.Set) (string, error) {
	js, err := annot.Encode(s)
	if err != nil {
		return "", err
	}
	z, err := deflate(js)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(js)
	payload := append(sum[:sumLen:sumLen], z...)
	f := FragmentPrefix + fragVersion + b64.EncodeToString(payload)
	if len(f) > MaxFragment {
		return "", fmt.Errorf("%w: the link would be %d characters, at most %d fit", ErrTooLarge, len(f), MaxFragment)
	}
	return f, nil
}

// DecodeFragment reads a fragment made by EncodeFragment, with or without
// the leading '#'. The checksum catches links damaged in transit (cut,
// re-wrapped, edited) before the set is parsed.
func DecodeFragment(frag string) (*annot.Set, error) {
	frag = strings.TrimPrefix(frag, "#")
	rest, ok := strings.CutPrefix(frag, FragmentPrefix)
	if !ok {
		return nil, fmt.Errorf("%w: no %q in the fragment", ErrCorrupt, FragmentPrefix)
	}
	if len(rest) > MaxFragment {
		return nil, fmt.Errorf("%w: %d characters", ErrTooLarge, len(rest))
	}
	data, ok := strings.CutPrefix(rest, fragVersion)
	if !ok {
		return nil, ErrUnsupported
	}
	payload, err := b64.DecodeString(data)
	if err != nil || len(payload) < sumLen {
		return nil, fmt.Errorf("%w: not base64url", ErrCorrupt)
	}
	js, err := inflate(payload[sumLen:], maxFragmentJSON)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(js); !bytes.Equal(sum[:sumLen], payload[:sumLen]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	return annot.Decode(js)
}
