package app

import "testing"

func TestUTF16Offsets(t *testing.T) {
	const s = "aé東😀b" // 1, 2, 3 and 4 bytes; 1, 1, 1 and 2 UTF-16 units
	for _, tt := range []struct {
		name   string
		u16, b int
	}{
		{"start", 0, 0},
		{"after ascii", 1, 1},
		{"after two-byte", 2, 3},
		{"after cjk", 3, 6},
		{"after emoji", 5, 10},
		{"end", 6, 11},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := utf16ToByte(s, tt.u16); got != tt.b {
				t.Errorf("utf16ToByte(%d) = %d, want %d", tt.u16, got, tt.b)
			}
			if got := byteToUTF16(s, tt.b); got != tt.u16 {
				t.Errorf("byteToUTF16(%d) = %d, want %d", tt.b, got, tt.u16)
			}
		})
	}
	if got := utf16ToByte(s, 4); got != 10 {
		t.Errorf("inside a surrogate pair: utf16ToByte(4) = %d, want 10 (whole character)", got)
	}
	if got := utf16ToByte(s, 99); got != len(s) {
		t.Errorf("past the end: %d, want %d", got, len(s))
	}
}
