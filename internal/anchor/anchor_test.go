package anchor

import (
	"testing"
)

func TestFind(t *testing.T) {
	orig := []rune("Putin met Xi. Later, Putin said the talks went well. Putin left.")
	// The second "Putin" (after "Later, ").
	sel := Quote(orig, 21, 26)
	for _, tt := range []struct {
		name        string
		text        string
		wantStart   int
		wantOK      bool
		wantExcerpt string
	}{
		{"unchanged", string(orig), 21, true, "Putin"},
		{"text inserted before", "BREAKING: Putin met Xi. Later, Putin said the talks went well. Putin left.", 31, true, "Putin"},
		{"context picks the right repeat", "Putin left. Putin met Xi. Later, Putin said the talks went well.", 33, true, "Putin"},
		{"emoji before shifts code points", "🇺🇳 Putin met Xi. Later, Putin said the talks went well. Putin left.", 24, true, "Putin"},
		{"gone", "Xi met nobody.", 0, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			s, e, ok := Find(text, sel)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if s != tt.wantStart || string(text[s:e]) != tt.wantExcerpt {
				t.Errorf("Find = [%d,%d) %q, want start %d %q", s, e, string(text[s:e]), tt.wantStart, tt.wantExcerpt)
			}
		})
	}
}

func TestQuoteEdges(t *testing.T) {
	text := []rune("東京")
	s := Quote(text, 0, 2)
	if s.Prefix != "" || s.Suffix != "" || s.Exact != "東京" {
		t.Errorf("Quote = %+v", s)
	}
	if _, _, ok := Find(text, Selector{Start: 5, End: 9}); ok {
		t.Error("an empty quote with an out-of-range position was anchored")
	}
}

// FuzzFind checks that any anchoring lies inside the text and covers the
// exact quote.
func FuzzFind(f *testing.F) {
	f.Add("Putin met Xi. Putin left.", "Putin", "met Xi. ", " left.", 14)
	f.Add("", "", "", "", -1)
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string, start int) {
		r := []rune(text)
		s, e, ok := Find(r, Selector{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: start + len([]rune(exact))})
		if !ok {
			return
		}
		if s < 0 || e > len(r) || s > e {
			t.Fatalf("Find = [%d,%d) outside text of %d", s, e, len(r))
		}
		if exact != "" && string(r[s:e]) != string([]rune(exact)) {
			t.Fatalf("anchored %q, want %q", string(r[s:e]), exact)
		}
	})
}
