package main

import (
	"io"
	"strings"
	"testing"

	"gloss/internal/nerdata"
)

func TestClassify(t *testing.T) {
	words := strings.Fields("the Bank of England met Mr Ali in Paris today")
	sp := func(a, b int, l string) nerdata.Span { return nerdata.Span{Start: a, End: b, Label: l} }
	cases := []struct {
		name       string
		gold, pred []nerdata.Span
		want       []string // categories
	}{
		{"exact match", []nerdata.Span{sp(1, 4, "ORG")}, []nerdata.Span{sp(1, 4, "ORG")}, nil},
		{"label", []nerdata.Span{sp(8, 9, "LOC")}, []nerdata.Span{sp(8, 9, "ORG")}, []string{"label LOC>ORG"}},
		{"gold includes the", []nerdata.Span{sp(0, 4, "ORG")}, []nerdata.Span{sp(1, 4, "ORG")}, []string{"boundary gold+the"}},
		{"pred longer left, other label", []nerdata.Span{sp(6, 7, "PER")}, []nerdata.Span{sp(5, 7, "ORG")}, []string{"boundary pred-longer-left PER>ORG"}},
		{"miss", []nerdata.Span{sp(6, 7, "PER")}, nil, []string{"miss PER"}},
		{"spurious", nil, []nerdata.Span{sp(9, 10, "MISC")}, []string{"spurious MISC"}},
		{"second overlapping prediction", []nerdata.Span{sp(1, 4, "ORG")}, []nerdata.Span{sp(1, 2, "ORG"), sp(3, 4, "LOC")}, []string{"boundary gold-longer-right", "boundary extra LOC"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, d := range classify(words, c.gold, c.pred) {
				got = append(got, d.cat)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestErrorsRefuseTestSets(t *testing.T) {
	for _, name := range []string{"uner-pud", "conll2003-test", "uner-ewt-test", "gmb-test", "nonsense"} {
		if err := listErrors(io.Discard, "/nonexistent", name); err == nil || !strings.Contains(err.Error(), "not a dev corpus") {
			t.Errorf("listErrors(%q): got %v, want a refusal", name, err)
		}
	}
}
