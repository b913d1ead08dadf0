package similarity

import (
	"testing"

	"gloss/internal/stem"
)

func sentRep(s string) *SentRep {
	d := AnalyzeLang(s, stem.English)
	return NewSentRep(d, 0, len(d.Terms), func(string) float64 { return 1 })
}

// TestClusterFeatures checks that words of one embedding cluster ("quit",
// "resigned") count as matched by the cluster features only, and that
// unrelated words do not.
func TestClusterFeatures(t *testing.T) {
	tests := []struct {
		name      string
		a, b      string
		clusterUp bool // cluster containment above plain soft containment
	}{
		{"near synonyms", "The minister quit on Monday.", "The minister resigned on Monday.", true},
		{"same words", "The minister quit on Monday.", "On Monday the minister quit.", false},
		{"unrelated word", "The minister quit on Monday.", "The minister sang on Monday.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Features(sentRep(tc.a), sentRep(tc.b))
			soft, clus := f[24], f[31]
			if got := clus > soft; got != tc.clusterUp {
				t.Errorf("cluster containment %.3f > soft containment %.3f = %v, want %v", clus, soft, got, tc.clusterUp)
			}
			if clus < soft {
				t.Errorf("cluster containment %.3f below soft containment %.3f: a cluster match can only add", clus, soft)
			}
			if tc.clusterUp && f[33] <= f[1] {
				t.Errorf("fine-cluster cosine %.3f not above stem cosine %.3f", f[33], f[1])
			}
		})
	}
}

// TestFeaturesSymmetric pins that every feature, the cluster ones
// included, is symmetric in its two sentences.
func TestFeaturesSymmetric(t *testing.T) {
	a := sentRep("Shares of the company rose 5 percent after it said profits had doubled.")
	b := sentRep("The firm's stock fell five percent when it reported that earnings did not double.")
	fab, fba := Features(a, b), Features(b, a)
	for k := range fab {
		if fab[k] != fba[k] {
			t.Errorf("feature %s: got %v for (a, b), %v for (b, a)", FeatureNames[k], fab[k], fba[k])
		}
	}
}
