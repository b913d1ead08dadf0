package nermodel

import (
	"bytes"
	"os"
	"testing"
)

func modelBytes(t testing.TB) []byte {
	b, err := os.ReadFile("../model.bin")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoundTrip checks that the shipped model decodes and re-encodes to the
// same bytes, so the format loses nothing the tagger uses.
func TestRoundTrip(t *testing.T) {
	b := modelBytes(t)
	m, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if got := Encode(m.Tagger, m.Res); !bytes.Equal(got, b) {
		t.Errorf("re-encoded model differs: %d bytes, want %d", len(got), len(b))
	}
	if len(m.Res.Clusters) == 0 || len(m.Res.Gaz) == 0 || m.Tagger.Rows() == 0 {
		t.Errorf("model lacks parts: %d cluster words, %d gazetteers, %d rows", len(m.Res.Clusters), len(m.Res.Gaz), m.Tagger.Rows())
	}
}

func TestDecodeRejects(t *testing.T) {
	b := modelBytes(t)
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"bad magic", []byte("NOTAMODEL\n")},
		{"header only", b[:len(magic)]},
		{"truncated weights", b[:len(b)/3]},
		{"truncated resources", b[:len(b)-10]},
		{"trailing bytes", append(append([]byte(nil), b...), 1, 2, 3)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Decode(tc.data); err == nil {
				t.Errorf("Decode accepted %s input", tc.name)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	b := modelBytes(f)
	f.Add(b[:len(magic)+40])
	f.Add(b[:200])
	f.Add([]byte(magic + "\x11\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data)
		if err == nil && m == nil {
			t.Fatal("nil model without error")
		}
	})
}
