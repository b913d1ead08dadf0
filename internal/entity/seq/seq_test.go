package seq

import (
	"reflect"
	"testing"
)

func TestEncodeSpansRoundTrip(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		spans []Span
	}{
		{"empty", 3, nil},
		{"unit", 3, []Span{{1, 2, 0}}},
		{"multi", 5, []Span{{0, 3, 1}, {3, 4, 2}}},
		{"adjacent same label", 4, []Span{{0, 2, 3}, {2, 4, 3}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Spans(Encode(tc.spans, tc.n), nil)
			if len(got) == 0 && len(tc.spans) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.spans) {
				t.Errorf("got %v, want %v", got, tc.spans)
			}
		})
	}
}

func TestConstraints(t *testing.T) {
	allow, end := Constraints()
	ok := func(p, q int) bool { return allow[p*NT+q] }
	start := NT
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"start→B-PER", ok(start, tag(0, posB)), true},
		{"start→I-PER", ok(start, tag(0, posI)), false},
		{"B-PER→L-PER", ok(tag(0, posB), tag(0, posL)), true},
		{"B-PER→L-ORG", ok(tag(0, posB), tag(1, posL)), false},
		{"B-PER→O", ok(tag(0, posB), 0), false},
		{"L-PER→U-ORG", ok(tag(0, posL), tag(1, posU)), true},
		{"O→I-LOC", ok(0, tag(2, posI)), false},
		{"ends open", end[tag(3, posI)] < 0, true},
		{"ends closed", end[tag(3, posU)] == 0, true},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
