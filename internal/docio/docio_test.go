package docio

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"Hello"}`,
		``,
		`{"id":7,"text":"Seven"}`,
		`{"id":"b","text":"x"} trailing`,
		`{"id":"c","text":"x","extra":1}`,
		`{"text":"no id"}`,
		`{"id":true,"text":"bad id"}`,
		`not json at all`,
		`{"id":"d","text":"después 東京 👍"}`,
	}, "\n")
	var ids []string
	var bad []int
	err := ReadJSONL(strings.NewReader(in), func(d Doc) error {
		ids = append(ids, string(d.ID))
		return nil
	}, func(e *LineError) { bad = append(bad, e.Line) })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(ids, ","), `"a",7,"d"`; got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
	if got, want := bad, []int{4, 5, 6, 7, 8}; !slices.Equal(got, want) {
		t.Errorf("bad lines = %v, want %v", got, want)
	}
}

func TestReadJSONLStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	err := ReadJSONL(strings.NewReader(`{"id":1,"text":""}`+"\n"+`{"id":2,"text":""}`), func(Doc) error { return stop }, func(*LineError) {})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the callback's error", err)
	}
}

func TestFileDoc(t *testing.T) {
	d, err := FileDoc("a.txt", []byte("\uFEFFText"))
	if err != nil || d.Text != "Text" || string(d.ID) != `"a.txt"` {
		t.Errorf("FileDoc = %+v, %v", d, err)
	}
	for name, data := range map[string][]byte{"latin1": {0x63, 0x61, 0x66, 0xe9}, "nul": []byte("a\x00b")} {
		if _, err := FileDoc(name, data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestRunes(t *testing.T) {
	for _, text := range []string{"", "plain ascii", "é👍東京 x", "עברית and العربية"} {
		r := NewRunes(text)
		cp := 0
		for b := range text {
			if got := r.Index(b); got != cp {
				t.Errorf("%q: Index(%d) = %d, want %d", text, b, got, cp)
			}
			if got := r.Byte(cp); got != b {
				t.Errorf("%q: Byte(%d) = %d, want %d", text, cp, got, b)
			}
			cp++
		}
		if got := r.Index(len(text)); got != utf8.RuneCountInString(text) {
			t.Errorf("%q: Index(len) = %d", text, got)
		}
		if got := r.Byte(cp + 5); got != len(text) {
			t.Errorf("%q: Byte past end = %d, want %d", text, got, len(text))
		}
	}
}

// FuzzReadJSONL checks that any input is either a document or a reported
// bad line, never a panic or a silent loss.
func FuzzReadJSONL(f *testing.F) {
	f.Add(`{"id":"a","text":"x"}`)
	f.Add(`{"id":1,"text":"\ud800"}`)
	f.Add("{\"id\":\"a\",\"text\":\"\xff\"}")
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") {
			return
		}
		docs, bad := 0, 0
		err := ReadJSONL(strings.NewReader(line), func(d Doc) error {
			docs++
			if !utf8.ValidString(d.Text) {
				t.Errorf("accepted invalid UTF-8 text")
			}
			return nil
		}, func(*LineError) { bad++ })
		if err != nil {
			return
		}
		if strings.TrimSpace(line) != "" && docs+bad != 1 {
			t.Errorf("line %q: %d docs, %d bad", line, docs, bad)
		}
	})
}
