package similarity

import "sort"

// Set is a small collection of articles compared all against all: the
// pasted set of the UI. For thousands of articles use the lsh subpackage to
// find candidate pairs and Set.Pair only on those.
type Set struct {
	Docs    []*Doc
	DF      *DF
	Th      Thresholds
	vectors []Vector
	shset   []ShingleSet
	sents   [][]*SentRep
}

// NewSet analyzes texts and prepares them for pair comparison.
func NewSet(texts []string) *Set {
	docs := make([]*Doc, len(texts))
	for i, t := range texts {
		docs[i] = Analyze(t)
	}
	return NewSetDocs(docs)
}

// NewSetDocs prepares already analyzed documents.
func NewSetDocs(docs []*Doc) *Set {
	s := &Set{Docs: docs, DF: NewDF(), Th: DefaultThresholds}
	for _, d := range docs {
		s.DF.Add(d)
	}
	s.vectors = make([]Vector, len(docs))
	s.shset = make([]ShingleSet, len(docs))
	for i, d := range docs {
		s.vectors[i] = NewVector(d, nil, s.DF)
		s.shset[i] = d.Set()
	}
	return s
}

func (s *Set) sentReps(i int) []*SentRep {
	if s.sents == nil {
		s.sents = make([][]*SentRep, len(s.Docs))
	}
	if s.sents[i] == nil {
		d := s.Docs[i]
		reps := make([]*SentRep, len(d.Sentences))
		for k, se := range d.Sentences {
			reps[k] = NewSentRep(d, se.T0, se.T1, s.DF.Weight)
		}
		s.sents[i] = reps
	}
	return s.sents[i]
}

// SentenceMatch pairs sentence A of one article with sentence B of another.
type SentenceMatch struct {
	A, B  int // sentence indexes into Doc.Sentences
	Score float64
}

// PairResult is everything known about one pair.
type PairResult struct {
	I, J     int
	Scores   Scores
	Relation Relation
	Passages []Passage
	// BestAB gives, for each sentence of I, its best sentence of J (B=-1
	// when none shares a word); BestBA the other way round.
	BestAB, BestBA []SentenceMatch
}

// Scores computes the pair measures of documents i and j and their
// alignment.
func (s *Set) Scores(i, j int) (Scores, []Passage) {
	a, b := s.Docs[i], s.Docs[j]
	ps := Align(a, b)
	sc := Scores{
		Cosine:    Cosine(s.vectors[i], s.vectors[j]),
		ContainAB: Containment(s.shset[i], s.shset[j]),
		ContainBA: Containment(s.shset[j], s.shset[i]),
		Jaccard:   Jaccard(s.shset[i], s.shset[j]),
	}
	sc.CoverA, sc.CoverB = Coverage(a, b, ps)
	for _, p := range ps {
		sc.LongestRun = max(sc.LongestRun, p.Run)
	}
	return sc, ps
}

// Pair compares documents i and j completely.
func (s *Set) Pair(i, j int) PairResult {
	sc, ps := s.Scores(i, j)
	r := PairResult{I: i, J: j, Scores: sc, Relation: s.Th.Classify(sc), Passages: ps}
	r.BestAB = bestMatches(s.sentReps(i), s.sentReps(j))
	r.BestBA = bestMatches(s.sentReps(j), s.sentReps(i))
	return r
}

// bestMatches finds for each sentence of a its best-scoring sentence of b.
// Only sentences sharing a stem are scored: the rest would score near zero
// and skipping them keeps long articles fast.
func bestMatches(a, b []*SentRep) []SentenceMatch {
	inv := map[uint64][]int32{}
	for k, r := range b {
		for _, h := range r.all {
			inv[h] = append(inv[h], int32(k))
		}
	}
	out := make([]SentenceMatch, len(a))
	mark := make([]int, len(b))
	for k, r := range a {
		out[k] = SentenceMatch{A: k, B: -1}
		stamp := k + 1
		var cands []int32
		for _, h := range r.content {
			for _, m := range inv[h] {
				if mark[m] != stamp {
					mark[m] = stamp
					cands = append(cands, m)
				}
			}
		}
		sort.Slice(cands, func(x, y int) bool { return cands[x] < cands[y] })
		for _, m := range cands {
			if sc := SentenceScore(r, b[m]); out[k].B < 0 || sc > out[k].Score {
				out[k].B, out[k].Score = int(m), sc
			}
		}
	}
	return out
}

// UniqueMax is the best sentence score below which a sentence counts as
// found in no other article (when no passage covers it either).
var UniqueMax = 0.5

// Unique returns, for document i, the indexes of its sentences found in no
// other article of the set, given all pair results involving i.
func (s *Set) Unique(i int, pairs []PairResult) []int {
	d := s.Docs[i]
	best := make([]float64, len(d.Sentences))
	covered := make([]int, len(d.Sentences))
	for _, p := range pairs {
		var ms []SentenceMatch
		switch i {
		case p.I:
			ms = p.BestAB
		case p.J:
			ms = p.BestBA
		default:
			continue
		}
		for _, m := range ms {
			best[m.A] = max(best[m.A], m.Score)
		}
		for _, ps := range p.Passages {
			t0, t1 := ps.AT0, ps.AT1
			if i == p.J {
				t0, t1 = ps.BT0, ps.BT1
			}
			for k, se := range d.Sentences {
				covered[k] += max(0, min(t1, se.T1)-max(t0, se.T0))
			}
		}
	}
	var out []int
	for k, se := range d.Sentences {
		if best[k] < UniqueMax && 2*covered[k] < se.T1-se.T0 {
			out = append(out, k)
		}
	}
	return out
}
