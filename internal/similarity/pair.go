package similarity

// Relation names one pair of articles' relationship.
type Relation string

// The relations, strongest first.
const (
	NearDuplicate    Relation = "near-duplicate"     // the same text, give or take a footer, markup or a few words
	SameSourceEdited Relation = "same-source-edited" // shares long verbatim runs: one source edited differently
	SameStory        Relation = "same-story"         // independent reports of one event: shared vocabulary, no long shared runs
	Unrelated        Relation = "unrelated"
)

// Scores are the pair measures a relation is decided on.
type Scores struct {
	Cosine     float64 // TF-IDF cosine of the whole articles
	ContainAB  float64 // fraction of A's shingles found in B
	ContainBA  float64 // fraction of B's shingles found in A
	Jaccard    float64 // shingle Jaccard
	CoverA     float64 // fraction of A's content terms inside aligned passages
	CoverB     float64
	LongestRun int // longest verbatim run in content terms
}

// Thresholds decide relations from Scores. See docs/similarity.md for how
// the defaults were tuned on the synthetic reuse training split.
type Thresholds struct {
	// NearDup is the least aligned coverage of both articles and
	// NearDupContain the least shingle containment of one article in the
	// other for a near-duplicate: everything is aligned, and one text is
	// there almost verbatim (an edited copy is aligned too, but its edits
	// break shingles on both sides).
	NearDup        float64
	NearDupContain float64
	// EditedRun is the least longest verbatim run (content terms) and
	// EditedCover the least aligned coverage of the shorter-covered article
	// for same-source-edited.
	EditedRun   int
	EditedCover float64
	// SameStory is the least cosine for same-story.
	SameStory float64
}

// DefaultThresholds are the tuned thresholds.
var DefaultThresholds = Thresholds{NearDup: 0.8, NearDupContain: 0.95, EditedRun: 4, EditedCover: 0.2, SameStory: 0.2}

// Classify returns the relation of a pair with scores s.
func (th Thresholds) Classify(s Scores) Relation {
	lo, hi := min(s.CoverA, s.CoverB), max(s.CoverA, s.CoverB)
	switch {
	case lo >= th.NearDup && max(s.ContainAB, s.ContainBA) >= th.NearDupContain:
		return NearDuplicate
	case s.LongestRun >= th.EditedRun && hi >= th.EditedCover:
		return SameSourceEdited
	case s.Cosine >= th.SameStory:
		return SameStory
	}
	return Unrelated
}

// Score is the single 0..1 similarity reported for a pair: the larger of
// the aligned coverage of the two articles (how much of one is reused in the
// other) and the TF-IDF cosine (how much they talk about the same things).
func (s Scores) Score() float64 {
	return min(max(max(s.CoverA, s.CoverB), s.Cosine), 1)
}
