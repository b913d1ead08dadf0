package workspace

import (
	"strings"
	"testing"
)

func TestCheckPaste(t *testing.T) {
	story := "Dock workers in Valmora returned to work on Tuesday.\n"
	for _, tt := range []struct {
		name, text string
		wantErr    string // a fragment of the message; "" for none
	}{
		{"plain article", story, ""},
		{"a few stray controls", strings.Repeat(story, 3) + "\x07\x1b", ""},
		{"tabs and form feeds", "Col\tumn\fpage\vtab\r\n" + story, ""},
		{"just under the limit", strings.Repeat("a", MaxArticle), ""},
		{"over the limit", strings.Repeat("a", MaxArticle+1), "too long for one article"},
		{"each part within the limit", strings.Repeat("a", MaxArticle-10) + "\n---\n" + strings.Repeat("b", MaxArticle-10), ""},
		{"second part too long", story + "---\n" + strings.Repeat("b", MaxArticle+1), "article 2 of the paste"},
		{"binary with NULs", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "binary data"},
		{"invalid UTF-8 noise", strings.Repeat("\xc3\x28\xa0\xa1", 50) + story, "binary data"},
		{"empty", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPaste(tt.text)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckPaste = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("CheckPaste = %v, want an error saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestAddStripsStrayControls(t *testing.T) {
	w := &Workspace{}
	a := w.Add("", "Bell\x07 and escape\x1b[0m gone,\ttab and\r\nline kept.")
	if want := "Bell and escape[0m gone,\ttab and\nline kept."; a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
}

func FuzzCheckPaste(f *testing.F) {
	f.Add("Dock workers in Valmora.\n---\nSecond.")
	f.Add("MZ\x90\x00\x03")
	f.Fuzz(func(t *testing.T, s string) {
		if err := CheckPaste(s); err == nil && len(s) <= MaxArticle {
			// Whatever is accepted must add cleanly and keep valid text.
			w := &Workspace{}
			for _, a := range w.AddPaste(s) {
				if strings.ContainsFunc(a.Text, isStray) {
					t.Fatalf("stray control left in %q", a.Text)
				}
			}
		}
	})
}
