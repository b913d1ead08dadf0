package similarity

import "testing"

// TestWordVectorFeatures checks the soft alignment through the word
// table: a near synonym is aligned (raising alignment above plain
// containment), an unrelated word stays unaligned, and without a table the
// features are zero.
func TestWordVectorFeatures(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		up   bool // vector alignment above exact/near-spelling containment
		lost bool // a word left unaligned
	}{
		{"near synonym", "The company bought the airline on Monday.", "The company purchased the airline on Monday.", true, false},
		{"same words", "The company bought the airline on Monday.", "On Monday the company bought the airline.", false, false},
		{"unrelated word", "The company bought the airline on Monday.", "The company painted the airline on Monday.", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Features(sentRep(tc.a), sentRep(tc.b))
			soft, vec := f[24], f[41]
			if vec < soft-1e-9 {
				t.Errorf("vector alignment %.3f below soft containment %.3f: a word match can only add", vec, soft)
			}
			if got := vec > soft+0.05; got != tc.up {
				t.Errorf("vector alignment %.3f > soft containment %.3f + 0.05 = %v, want %v", vec, soft, got, tc.up)
			}
			if got := f[45] > 0; got != tc.lost {
				t.Errorf("unaligned words (log1p) %.3f > 0 = %v, want %v", f[45], got, tc.lost)
			}
			if f[43] < 0 || f[43] > 1 {
				t.Errorf("soft cosine %.3f outside 0..1", f[43])
			}
		})
	}
	t.Run("no table", func(t *testing.T) {
		saved := Words
		Words = nil
		defer func() { Words = saved }()
		f := Features(sentRep(tests[0].a), sentRep(tests[0].b))
		for k := 41; k < NumFeatures; k++ {
			if f[k] != 0 {
				t.Errorf("feature %s = %v without a table, want 0", FeatureNames[k], f[k])
			}
		}
	})
}

// TestSentenceScoreWithoutVectors pins the contract that lets
// SentenceScore skip the word-vector features: the STS model was fitted
// without them, so none of its trees may split on them.
func TestSentenceScoreWithoutVectors(t *testing.T) {
	m, ok := STSModel.(*Boosted)
	if !ok {
		t.Fatalf("STSModel is %T, want *Boosted", STSModel)
	}
	for i, tree := range m.Trees {
		for _, n := range tree {
			if n.F >= 41 {
				t.Errorf("tree %d splits on %s, which SentenceScore leaves zero", i, FeatureNames[n.F])
			}
		}
	}
}
