package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gloss/internal/sharelink"
)

// TestLinkError checks that every way a link can fail is told apart in
// words a person understands.
func TestLinkError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"wrong key", fmt.Errorf("open: %w", sharelink.ErrCannotDecrypt), msgCannotDecrypt},
		{"cut key", sharelink.ErrBadKey, msgCannotDecrypt},
		{"unknown id", &apiError{Status: 404, Code: "not_found"}, msgNotFound},
		{"deleted", &apiError{Status: 410, Code: "gone"}, msgGone},
		{"deleted, proxy page", &apiError{Status: 410}, msgGone},
		{"offline", errOffline, msgOffline},
		{"damaged", sharelink.ErrCorrupt, "damaged"},
		{"newer version", sharelink.ErrUnsupported, "newer version"},
		{"server error", &apiError{Status: 500, Msg: "internal error"}, "internal error"},
		{"other", errors.New("secret detail"), "could not be opened"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkError(tt.err)
			if !strings.Contains(got, tt.want) {
				t.Errorf("linkError(%v) = %q, want it to contain %q", tt.err, got, tt.want)
			}
			if strings.Contains(got, "secret detail") {
				t.Errorf("linkError(%v) = %q shows an internal detail", tt.err, got)
			}
		})
	}
}
