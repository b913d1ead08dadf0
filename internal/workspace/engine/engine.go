// Package engine is the annotator's analysis, apart from the page: the
// entities of each text and the comparison of each pair of texts. The page
// runs it in a Web Worker (cmd/engine), so that none of its work blocks the
// page's thread and the engine's code and model stay out of app.wasm; its
// results are the types of package wire, which the page stores as they
// arrive.
//
// A pair is compared in two steps: Scores (score, relation, shared
// passages: what the similarity matrix shows, a few milliseconds) and
// Details (the sentence matching behind the pair view's linked sentences
// and each article's unique text, several times the cost), so that the
// matrix of a pasted set is complete long before its details.
package engine

import (
	"slices"

	"gloss/internal/entity"
	"gloss/internal/similarity"
	"gloss/internal/workspace/wire"
)

// Engine keeps each text's analysis by content hash, so that a text is
// analysed once however many pairs it is in. Not safe for concurrent use.
type Engine struct {
	texts    map[string]string
	docs     map[string]*similarity.Doc
	shingles map[string]wire.Shingles
}

// New returns an empty engine.
func New() *Engine {
	return &Engine{texts: map[string]string{}, docs: map[string]*similarity.Doc{}, shingles: map[string]wire.Shingles{}}
}

// Warm loads the entity model and runs one small comparison, so that their
// one-off set-up is paid before the first real text arrives.
func (e *Engine) Warm() error {
	if err := entity.Load(); err != nil {
		return err
	}
	_, err := ComparePair("Warm up the comparison of Anna Berg in Oslo.", "Warm up the comparison engine of Anna Berg in Oslo.")
	return err
}

// Add makes text known under hash (its wire.Article.Hash).
func (e *Engine) Add(hash, text string) {
	e.texts[hash] = text
}

// Known reports whether hash was added.
func (e *Engine) Known(hash string) bool {
	_, ok := e.texts[hash]
	return ok
}

// Forget drops what is kept for hash.
func (e *Engine) Forget(hash string) {
	delete(e.texts, hash)
	delete(e.docs, hash)
	delete(e.shingles, hash)
}

// Entities recognises the entities of the text added under hash. The whole
// article is one entity.Document: a surname late in the text keeps the type
// its full name was given earlier.
func (e *Engine) Entities(hash string) ([]wire.Mention, error) {
	return Entities(e.texts[hash])
}

// Entities recognises the entities of text.
func Entities(text string) ([]wire.Mention, error) {
	d, err := entity.NewDocument()
	if err != nil {
		return nil, err
	}
	ents := d.Recognize(text)
	ms := make([]wire.Mention, len(ents))
	for i, x := range ents {
		ms[i] = wire.Mention{Start: x.Start, End: x.End, Label: x.Label}
	}
	return ms, nil
}

func (e *Engine) doc(hash string) *similarity.Doc {
	d := e.docs[hash]
	if d == nil {
		d = similarity.Analyze(e.texts[hash])
		e.docs[hash] = d
	}
	return d
}

// Prefiltered settles a pair by word trigrams alone when the workspace is
// large enough for that (wire.NeedsPrefilter): ok is true and r the
// settled result when the two texts are unrelated.
func (e *Engine) Prefiltered(ha, hb string) (r wire.PairResult, ok bool) {
	sh := func(h string) wire.Shingles {
		s, found := e.shingles[h]
		if !found {
			s = wire.ShinglesOf(e.texts[h])
			e.shingles[h] = s
		}
		return s
	}
	r, related := wire.Related(sh(ha), sh(hb))
	return r, !related
}

// Scores compares the texts added under ha and hb without matching their
// sentences: the score, relation and shared passages are final; the result
// is marked Partial until Details.
func (e *Engine) Scores(ha, hb string) wire.PairResult {
	s := similarity.NewSetDocs([]*similarity.Doc{e.doc(ha), e.doc(hb)})
	sc, ps := s.Scores(0, 1)
	r := similarity.PairResult{I: 0, J: 1, Scores: sc, Relation: s.Th.Classify(sc), Passages: ps}
	out := result(s, r)
	out.Partial = r.Relation != similarity.Unrelated
	return out
}

// Details compares the texts added under ha and hb completely.
func (e *Engine) Details(ha, hb string) wire.PairResult {
	s := similarity.NewSetDocs([]*similarity.Doc{e.doc(ha), e.doc(hb)})
	return result(s, s.Pair(0, 1))
}

// ComparePair compares two texts completely: what the page shows for a
// pair once Details arrived. It is what compare.Run reports for the two
// texts alone, in byte offsets.
func ComparePair(a, b string) (wire.PairResult, error) {
	e := New()
	e.Add("a", a)
	e.Add("b", b)
	return e.Details("a", "b"), nil
}

// result converts a similarity result of a two-document set the way
// compare.Run reports it: score rounded, sentence links above
// MinSentenceScore once per pair of sentences, what each text
// alone says.
func result(s *similarity.Set, r similarity.PairResult) wire.PairResult {
	out := wire.PairResult{Score: round(r.Scores.Score()), Relation: string(r.Relation), Compared: true}
	for _, p := range r.Passages {
		out.Passages = append(out.Passages, wire.Passage{AStart: p.AStart, AEnd: p.AEnd, BStart: p.BStart, BEnd: p.BEnd, Kind: p.Kind})
	}
	sa, sb := s.Docs[0].Sentences, s.Docs[1].Sentences
	seen := map[[2]int]bool{}
	add := func(a, b int, score float64) {
		if b < 0 || score < MinSentenceScore || seen[[2]int{a, b}] {
			return
		}
		seen[[2]int{a, b}] = true
		out.Sentences = append(out.Sentences, wire.SentenceLink{AStart: sa[a].Start, AEnd: sa[a].End, BStart: sb[b].Start, BEnd: sb[b].End, Score: round(score)})
	}
	for _, m := range r.BestAB {
		add(m.A, m.B, m.Score)
	}
	for _, m := range r.BestBA {
		add(m.B, m.A, m.Score)
	}
	slices.SortStableFunc(out.Sentences, func(x, y wire.SentenceLink) int {
		if x.AStart != y.AStart {
			return x.AStart - y.AStart
		}
		return x.BStart - y.BStart
	})
	pairs := []similarity.PairResult{r}
	for _, k := range s.Unique(0, pairs) {
		out.UniqueA = append(out.UniqueA, wire.Chunk{Start: sa[k].Start, End: sa[k].End})
	}
	for _, k := range s.Unique(1, pairs) {
		out.UniqueB = append(out.UniqueB, wire.Chunk{Start: sb[k].Start, End: sb[k].End})
	}
	return out
}

// MinSentenceScore is compare.MinSentenceScore, the least score of a
// sentence link worth showing (a test keeps them equal): importing package
// compare would bring encoding/json into the engine's wasm for a constant.
const MinSentenceScore = 0.2

// round keeps 4 decimals, as compare.Run does.
func round(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}
