package wordvec

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// build encodes a table the way tools/wordvec does.
func build(stems []string, dims int, vecs ...[]int8) []byte {
	b := []byte(magic)
	b = binary.AppendUvarint(b, uint64(len(stems)))
	b = binary.AppendUvarint(b, uint64(dims))
	prev := ""
	for _, s := range stems {
		k := 0
		for k < len(s) && k < len(prev) && s[k] == prev[k] {
			k++
		}
		b = binary.AppendUvarint(b, uint64(k))
		b = binary.AppendUvarint(b, uint64(len(s)-k))
		b = append(b, s[k:]...)
		prev = s
	}
	for _, v := range vecs {
		for _, x := range v {
			b = append(b, byte(x))
		}
	}
	return b
}

func TestParse(t *testing.T) {
	good := build([]string{"acquir", "banana", "buy"}, 2, []int8{90, 20}, []int8{0, -127}, []int8{100, 0})
	tests := []struct {
		name    string
		data    []byte
		wantErr bool
	}{
		{"good", good, false},
		{"empty", nil, true},
		{"bad magic", append([]byte("XXXX"), good[4:]...), true},
		{"truncated vectors", good[:len(good)-1], true},
		{"extra bytes", append(bytes.Clone(good), 0), true},
		{"header only", []byte(magic), true},
		{"zero dims", build([]string{"a"}, 0), true},
		{"duplicate stem", build([]string{"buy", "buy"}, 1, []int8{1}, []int8{2}), true},
		{"out of order", build([]string{"buy", "acquir"}, 1, []int8{1}, []int8{2}), true},
		{"shared past previous", append([]byte(magic), 1, 1, 5, 1, 'a', 7), true},
		{"huge count", append([]byte(magic), 0xff, 0xff, 0xff, 0xff, 0x0f, 1), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.data)
			if got := err != nil; got != tc.wantErr {
				t.Errorf("Parse error = %v, want error %v", err, tc.wantErr)
			}
		})
	}
}

func TestSim(t *testing.T) {
	tab, err := Parse(build([]string{"acquir", "banana", "buy", "zero"}, 2,
		[]int8{90, 20}, []int8{0, -127}, []int8{100, 0}, []int8{0, 0}))
	if err != nil {
		t.Fatal(err)
	}
	id := func(s string) int32 {
		i, ok := tab.ID(s)
		if !ok {
			t.Fatalf("ID(%q) not found", s)
		}
		return i
	}
	tests := []struct {
		name   string
		a, b   int32
		lo, hi float64
	}{
		{"self", id("buy"), id("buy"), 0.9999, 1.0001},
		{"close", id("buy"), id("acquir"), 0.97, 0.98},
		{"orthogonal", id("buy"), id("banana"), -0.0001, 0.0001},
		{"zero vector", id("buy"), id("zero"), 0, 0},
		{"out of range", id("buy"), 99, 0, 0},
		{"negative id", -1, id("buy"), 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tab.Sim(tc.a, tc.b)
			if got < tc.lo || got > tc.hi {
				t.Errorf("Sim = %.4f, want in [%g, %g]", got, tc.lo, tc.hi)
			}
			if back := tab.Sim(tc.b, tc.a); back != got {
				t.Errorf("Sim not symmetric: %v and %v", got, back)
			}
		})
	}
	if _, ok := tab.ID("nosuch"); ok {
		t.Error(`ID("nosuch") found, want missing`)
	}
}

// TestEnglish checks the embedded table on word pairs whose stems it holds:
// near synonyms must be closer than unrelated words.
func TestEnglish(t *testing.T) {
	tab, err := English()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() < 1000 {
		t.Fatalf("Len = %d, want thousands of stems", tab.Len())
	}
	sim := func(a, b string) float64 {
		x, ok1 := tab.ID(a)
		y, ok2 := tab.ID(b)
		if !ok1 || !ok2 {
			t.Fatalf("stems %q/%q: in table %v/%v, want both", a, b, ok1, ok2)
		}
		return tab.Sim(x, y)
	}
	tests := []struct {
		name       string
		close, far [2]string
	}{
		{"buy", [2]string{"buy", "purchas"}, [2]string{"buy", "weather"}},
		{"resign", [2]string{"resign", "quit"}, [2]string{"resign", "rain"}},
		{"lawsuit", [2]string{"lawsuit", "suit"}, [2]string{"lawsuit", "footbal"}},
		{"rise", [2]string{"rose", "gain"}, [2]string{"rose", "minist"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, f := sim(tc.close[0], tc.close[1]), sim(tc.far[0], tc.far[1])
			if c <= f {
				t.Errorf("Sim%v = %.3f not above Sim%v = %.3f", tc.close, c, tc.far, f)
			}
		})
	}
}

// FuzzParse: no input may panic, and a parsed table answers every id.
func FuzzParse(f *testing.F) {
	f.Add(build([]string{"acquir", "buy"}, 2, []int8{90, 20}, []int8{100, 0}))
	f.Add([]byte(magic))
	f.Add(tableData[:min(len(tableData), 200)])
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Parse(data)
		if err != nil {
			return
		}
		for a := int32(-1); a <= int32(tab.Len()) && a < 50; a++ {
			if s := tab.Sim(a, 0); s < -1.0001 || s > 1.0001 {
				t.Fatalf("Sim(%d, 0) = %v outside -1..1", a, s)
			}
		}
	})
}
