package main

import (
	"slices"
	"testing"

	"gloss/internal/entity/perceptron"
	"gloss/internal/entity/seq"
)

func TestWithMISC(t *testing.T) {
	misc := seq.LabelIndex("MISC")
	per := seq.LabelIndex("PER")
	enc := func(n int, sp ...seq.Span) []int { return seq.Encode(sp, n) }
	cases := []struct {
		name             string
		gold, pred, want []int
	}{
		{"MISC on O tokens is kept", enc(4, seq.Span{Start: 0, End: 1, Label: per}), enc(4, seq.Span{Start: 2, End: 4, Label: misc}),
			enc(4, seq.Span{Start: 0, End: 1, Label: per}, seq.Span{Start: 2, End: 4, Label: misc})},
		{"MISC over a gold name is an error", enc(3, seq.Span{Start: 1, End: 2, Label: per}), enc(3, seq.Span{Start: 1, End: 3, Label: misc}),
			enc(3, seq.Span{Start: 1, End: 2, Label: per})},
		{"other labels are errors", enc(3), enc(3, seq.Span{Start: 0, End: 1, Label: per}), enc(3)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf []int
			if got := withMISC(c.gold, c.pred, &buf); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestAugmenterMerge checks that the written weights are shared + the kept
// corpus's private copy, and that other corpora's private copies are gone.
func TestAugmenterMerge(t *testing.T) {
	for _, keep := range []byte{srcCoNLL, srcUNER} {
		a := newAugmenter()
		a.keep = keep
		const h = uint64(12345)
		tr := perceptron.NewTrainer(2, nil, nil)
		row := func(k uint64, w0, w1 float32) {
			tr.Index[k] = int32(len(tr.Keys))
			tr.Keys = append(tr.Keys, k)
			tr.W = append(tr.W, w0, w1)
		}
		row(h, 1, 2)
		for src := byte(0); src < 3; src++ {
			p := a.add([][]uint64{{h}}, src)[0][1]
			row(p, float32(10*(src+1)), 0)
		}
		m := a.merge(tr)
		if len(m.Keys) != 1 || m.Keys[0] != h {
			t.Fatalf("keep %d: got keys %v, want only the shared one", keep, m.Keys)
		}
		if want := 1 + float32(10*(keep+1)); m.W[0] != want || m.W[1] != 2 {
			t.Errorf("keep %d: got weights %v, want [%v 2]", keep, m.W, want)
		}
	}
}
