package anchor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFind(t *testing.T) {
	orig := "Putin met Xi. Later, Putin said the talks went well. Putin left."
	at := strings.Index(orig, "Later, ") + len("Later, ") // the second "Putin"
	sel := Quote(orig, at, at+len("Putin"))
	for _, tt := range []struct {
		name   string
		text   string
		after  string // the occurrence wanted follows this text
		wantOK bool
	}{
		{"unchanged", orig, "Later, ", true},
		{"text inserted before", "BREAKING: " + orig, "Later, ", true},
		{"context picks the right repeat", "Putin left. Putin met Xi. Later, Putin said the talks went well.", "Later, ", true},
		{"emoji before", "🇺🇳 " + orig, "Later, ", true},
		{"gone", "Xi met nobody.", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, e, ok := Find(tt.text, sel)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			want := strings.Index(tt.text, tt.after) + len(tt.after)
			if s != want || tt.text[s:e] != "Putin" {
				t.Errorf("Find = [%d,%d) %q, want start %d", s, e, tt.text[s:e], want)
			}
		})
	}
}

func TestQuoteKeepsWholeRunes(t *testing.T) {
	text := strings.Repeat("東", 20) + "Tokyo" + strings.Repeat("京", 20)
	at := strings.Index(text, "Tokyo")
	s := Quote(text, at, at+5)
	if !utf8.ValidString(s.Prefix) || !utf8.ValidString(s.Suffix) || s.Prefix == "" || s.Suffix == "" {
		t.Errorf("Quote = %+v, want non-empty valid context", s)
	}
	if _, _, ok := Find("東京", Selector{Start: 1, End: 3}); ok {
		t.Error("an empty quote anchored inside a character")
	}
}

// FuzzFind checks that any anchoring lies inside the text, on character
// boundaries, and covers the exact quote.
func FuzzFind(f *testing.F) {
	f.Add("Putin met Xi. Putin left.", "Putin", "met Xi. ", " left.", 14)
	f.Add("", "", "", "", -1)
	f.Add("東京", "", "", "", 1)
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string, start int) {
		s, e, ok := Find(text, Selector{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: start + len(exact)})
		if !ok {
			return
		}
		if s < 0 || e > len(text) || s > e {
			t.Fatalf("Find = [%d,%d) outside text of %d", s, e, len(text))
		}
		if exact != "" && text[s:e] != exact {
			t.Fatalf("anchored %q, want %q", text[s:e], exact)
		}
	})
}
