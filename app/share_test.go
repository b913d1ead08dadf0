package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gloss/internal/annot"
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

// TestViewTravels checks that what is open (pair, followed entity) is
// written into a shared set and opened again from it.
func TestViewTravels(t *testing.T) {
	set := &annot.Set{Articles: []annot.Article{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	p := &page{pair: [2]int{2, 0}, focus: "PER:elena varga"}
	set.View = p.view(set)
	if set.View == nil || strings.Join(set.View.Pair, ",") != "c,a" || set.View.Entity == nil || set.View.Entity.Text != "elena varga" {
		t.Fatalf("view = %+v", set.View)
	}
	q := &page{pair: [2]int{-1, -1}}
	q.applyView(set)
	if q.pair != p.pair || q.focus != p.focus {
		t.Errorf("restored pair %v focus %q, want %v %q", q.pair, q.focus, p.pair, p.focus)
	}
	if v := (&page{pair: [2]int{-1, -1}}).view(set); v != nil {
		t.Errorf("nothing open gave view %+v", v)
	}
	set.View.Pair = []string{"a", "gone"}
	r := &page{pair: [2]int{-1, -1}}
	r.applyView(set)
	if r.pair != [2]int{-1, -1} {
		t.Errorf("a pair naming a missing article opened %v", r.pair)
	}
}
