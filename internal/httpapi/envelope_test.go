package httpapi

import (
	"encoding/base64"
	"testing"

	"gloss/internal/annot"
)

var envelopeSeeds = []string{
	`{"kind":"public","set":{"format":"gloss.set","version":1,"articles":[{"id":"a","title":"","text":"hi","hash":"` + annot.ContentHash("hi") + `"}]}}`,
	`{"kind":"encrypted","data":"` + base64.StdEncoding.EncodeToString(append([]byte{1}, make([]byte, 40)...)) + `"}`,
	`{"kind":"encrypted","data":"AQ"}`,
	`{"kind":"public","set":null}`,
	`{"kind":null}`,
	`{}`,
	`[]`,
	`{"kind":"public","set":{}} x`,
	``,
}

// FuzzParseCreate checks the create body parser: never a panic, every
// failure a coded error with an HTTP status, every success something the
// store accepts (a sealed blob, or a public set that decodes again).
func FuzzParseCreate(f *testing.F) {
	for _, s := range envelopeSeeds {
		f.Add("application/json", []byte(s))
	}
	f.Add("application/octet-stream", append([]byte{1}, make([]byte, 40)...))
	f.Add("text/plain; charset=x", []byte("x"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		kind, data, err := parseCreate(contentType, body)
		if err != nil {
			if _, ok := statusOf[annot.ErrorCode(err)]; !ok || annot.ErrorCode(err) == annot.EINTERNAL {
				t.Fatalf("error without a client status: %v", err)
			}
			return
		}
		if !kind.Valid() || len(data) == 0 {
			t.Fatalf("accepted kind %q with %d bytes", kind, len(data))
		}
		if kind == annot.KindPublic {
			if _, err := annot.Decode(data); err != nil {
				t.Fatalf("stored public set does not decode: %v", err)
			}
		}
	})
}
