package entity

import "testing"

func TestCluster(t *testing.T) {
	// The fine ids of these words are read from clusters.txt, the source
	// of the table packed into model.bin.
	tests := []struct {
		name, word        string
		fine, mid, coarse int
		ok                bool
	}{
		{"function word", "the", 796, 46, 6, true},
		{"pronoun", "who", 76, 78, 12, true},
		{"unknown word", "qzxqzxqzx", 0, 0, 0, false},
		{"upper case is not looked up", "The", 0, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, m, c, ok := Cluster(tc.word)
			if f != tc.fine || m != tc.mid || c != tc.coarse || ok != tc.ok {
				t.Errorf("Cluster(%q) = %d, %d, %d, %v; want %d, %d, %d, %v", tc.word, f, m, c, ok, tc.fine, tc.mid, tc.coarse, tc.ok)
			}
		})
	}
}
