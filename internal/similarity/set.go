package similarity

import "sort"

// Set is a collection of analyzed articles with what pair comparison needs:
// document frequencies, vectors, shingle sets and (lazily) sentences. The
// pasted set of the UI is compared all against all; for thousands of
// articles find candidate pairs first (lsh, StoryCandidates) and call Pair
// only on those. A Set is not safe for concurrent use.
type Set struct {
	Docs []*Doc
	DF   *DF
	Th   Thresholds
	// NoSentences skips sentence matching in Pair (archives: thousands of
	// pairs, where only relations, passages and groups are wanted).
	NoSentences bool
	vectors     []Vector
	shset       []ShingleSet
	sents       [][]*SentRep
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
	// when none shares a word); BestBA the other way round. Both are nil
	// for unrelated pairs.
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
	// Sentence matching is most of a pair's cost and tells nothing about
	// unrelated articles, so it is done for related pairs only.
	if r.Relation != Unrelated && !s.NoSentences {
		r.BestAB = bestMatches(s.sentReps(i), s.sentReps(j))
		r.BestBA = bestMatches(s.sentReps(j), s.sentReps(i))
	}
	return r
}

// MatchCandidates is how many sentences of the other article are fully
// scored for each sentence: those sharing the most IDF weight with it. The
// model's best is practically always among them, and it keeps sentence
// matching linear in article length instead of quadratic.
var MatchCandidates = 4

// bestMatches finds for each sentence of a its best-scoring sentence of b.
func bestMatches(a, b []*SentRep) []SentenceMatch {
	type post struct {
		sent int32
		w    float64
	}
	inv := map[uint64][]post{}
	for k, r := range b {
		for x, h := range r.content {
			inv[h] = append(inv[h], post{int32(k), r.weight[x]})
		}
	}
	out := make([]SentenceMatch, len(a))
	acc := make([]float64, len(b))
	var touched []int32
	type cand struct {
		sent int32
		w    float64
	}
	var top []cand
	for k, r := range a {
		out[k] = SentenceMatch{A: k, B: -1}
		touched = touched[:0]
		for x, h := range r.content {
			for _, p := range inv[h] {
				if acc[p.sent] == 0 {
					touched = append(touched, p.sent)
				}
				acc[p.sent] += r.weight[x] + p.w
			}
		}
		top = top[:0]
		for _, m := range touched {
			top = append(top, cand{m, acc[m]})
			acc[m] = 0
		}
		sort.Slice(top, func(x, y int) bool {
			if top[x].w != top[y].w {
				return top[x].w > top[y].w
			}
			return top[x].sent < top[y].sent
		})
		if len(top) > MatchCandidates {
			top = top[:MatchCandidates]
		}
		for _, c := range top {
			if sc := SentenceScore(r, b[c.sent]); out[k].B < 0 || sc > out[k].Score {
				out[k].B, out[k].Score = int(c.sent), sc
			}
		}
	}
	return out
}

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
		// Coverage counts per pair: a sentence is found elsewhere when one
		// other article holds at least half of it.
		for k, se := range d.Sentences {
			c := 0
			for _, ps := range p.Passages {
				t0, t1 := ps.AT0, ps.AT1
				if i == p.J {
					t0, t1 = ps.BT0, ps.BT1
				}
				c += max(0, min(t1, se.T1)-max(t0, se.T0))
			}
			covered[k] = max(covered[k], c)
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
