package sharelink_test

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

func testSet(text string) *annot.Set {
	return &annot.Set{
		Format: annot.Format, Version: annot.Version,
		Labels: []annot.Label{{ID: "c", Name: "Claim"}},
		Articles: []annot.Article{{
			ID: "a1", Title: "Tïtle", Text: text, Language: "en", Hash: annot.ContentHash(text),
			Entities:    []annot.Entity{{Start: 0, End: 3, Kind: "PER", Text: string([]rune(text)[:3])}},
			Annotations: []annot.Annotation{{ID: "n1", Start: 1, End: 2, Label: "c", Note: "why"}},
		}},
		View: &annot.View{Article: "a1"},
	}
}

func TestSealOpenSet(t *testing.T) {
	s := testSet("Zoë met Ada in Zürich.")
	key, blob, err := sharelink.SealSet(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 43 {
		t.Errorf("key length: got %d, want 43", len(key))
	}
	if err := sharelink.CheckSealed(blob); err != nil {
		t.Errorf("CheckSealed: %v", err)
	}
	if bytes.Contains(blob, []byte("Zürich")) {
		t.Error("ciphertext contains the plaintext")
	}
	got, err := sharelink.OpenSet(key, blob)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("OpenSet: got %+v, want %+v", got, s)
	}
}

func TestOpenErrors(t *testing.T) {
	key, blob, err := sharelink.SealSet(testSet("Some article text."))
	if err != nil {
		t.Fatal(err)
	}
	other, err := sharelink.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		b := bytes.Clone(blob)
		b[i] ^= 1
		return b
	}
	for _, tt := range []struct {
		name string
		key  string
		blob []byte
		want error
	}{
		{"wrong key", other, blob, sharelink.ErrCannotDecrypt},
		{"flipped nonce", key, flip(3), sharelink.ErrCannotDecrypt},
		{"flipped ciphertext", key, flip(len(blob) / 2), sharelink.ErrCannotDecrypt},
		{"flipped tag", key, flip(len(blob) - 1), sharelink.ErrCannotDecrypt},
		{"truncated", key, blob[:len(blob)-1], sharelink.ErrCannotDecrypt},
		{"too short", key, blob[:5], sharelink.ErrCorrupt},
		{"empty", key, nil, sharelink.ErrCorrupt},
		{"future version", key, flip(0), sharelink.ErrUnsupported},
		{"key too short", key[:20], blob, sharelink.ErrBadKey},
		{"key not base64", strings.Repeat("!", 43), blob, sharelink.ErrBadKey},
		{"key std alphabet", strings.Repeat("+", 43), blob, sharelink.ErrBadKey},
		{"empty key", "", blob, sharelink.ErrBadKey},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sharelink.OpenSet(tt.key, tt.blob)
			if !errors.Is(err, tt.want) {
				t.Errorf("OpenSet: got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSealFresh(t *testing.T) {
	key, err := sharelink.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	a, err1 := sharelink.Seal(key, []byte("same"))
	b, err2 := sharelink.Seal(key, []byte("same"))
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, b) {
		t.Error("two seals of the same plaintext are equal; the nonce must be fresh")
	}
}

func TestFragmentRoundTrip(t *testing.T) {
	s := testSet("Kurz und gut: Ärger in Köln.")
	f, err := sharelink.EncodeFragment(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(f, "set=1.") {
		t.Errorf("fragment %q: want prefix set=1.", f)
	}
	for _, in := range []string{f, "#" + f} {
		got, err := sharelink.DecodeFragment(in)
		if err != nil {
			t.Fatalf("DecodeFragment(%.20q…): %v", in, err)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("DecodeFragment: got %+v, want %+v", got, s)
		}
	}
}

// bomb is a fragment whose payload inflates past the fragment limit.
func bomb(t *testing.T) string {
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte{' '}, 5<<20)
	if _, err := w.Write(big); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(big)
	return "set=1." + base64.RawURLEncoding.EncodeToString(append(sum[:8], z.Bytes()...))
}

func TestDecodeFragmentErrors(t *testing.T) {
	good, err := sharelink.EncodeFragment(testSet("Original text here."))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(i int) string {
		b := []byte(good)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	for _, tt := range []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", sharelink.ErrCorrupt},
		{"other fragment", "#section-2", sharelink.ErrCorrupt},
		{"future version", "set=2." + good[6:], sharelink.ErrUnsupported},
		{"not base64", "set=1.$$$$", sharelink.ErrCorrupt},
		{"cut short", good[:len(good)/2], sharelink.ErrCorrupt},
		{"edited checksum", edit(8), sharelink.ErrCorrupt},
		{"edited data", edit(len(good) - 10), sharelink.ErrCorrupt},
		{"too long", "set=1." + strings.Repeat("A", sharelink.MaxFragment), sharelink.ErrTooLarge},
		{"bomb", bomb(t), sharelink.ErrTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sharelink.DecodeFragment(tt.in)
			if !errors.Is(err, tt.want) {
				t.Errorf("DecodeFragment: got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestEncodeFragmentTooLarge(t *testing.T) {
	// Random-looking text does not compress, so this cannot fit.
	var b strings.Builder
	x := uint32(1)
	for b.Len() < 3*sharelink.MaxFragment {
		x = x*1664525 + 1013904223
		b.WriteByte(byte('a' + x>>27%26))
	}
	_, err := sharelink.EncodeFragment(testSet(b.String()))
	if !errors.Is(err, sharelink.ErrTooLarge) {
		t.Errorf("EncodeFragment of a large set: got %v, want ErrTooLarge", err)
	}
}

// FuzzDecodeFragment: any input gives a set or an error, never a panic, and
// a set it accepts encodes back to a fragment that decodes to the same set.
func FuzzDecodeFragment(f *testing.F) {
	good, err := sharelink.EncodeFragment(testSet("Seed text for fuzzing."))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{good, "", "set=1.", "set=1.AAAA", "#set=2.x", good[:20]} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := sharelink.DecodeFragment(in)
		if err != nil {
			return
		}
		again, err := sharelink.EncodeFragment(s)
		if err != nil {
			t.Fatalf("EncodeFragment of a decoded set: %v", err)
		}
		s2, err := sharelink.DecodeFragment(again)
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
