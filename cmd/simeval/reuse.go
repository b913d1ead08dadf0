package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gloss/internal/reusegen"
	"gloss/internal/similarity"
)

// readCoNLL returns the documents of a CoNLL-2003 file as lists of
// detokenized sentences, keeping only prose documents (no result tables).
// The texts are read in place and never written anywhere.
func readCoNLL(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs [][]string
	var doc []string
	var sent []string
	flushSent := func() {
		if len(sent) > 0 {
			doc = append(doc, detok(sent))
			sent = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if prose(doc) {
			docs = append(docs, doc)
		}
		doc = nil
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "-DOCSTART-"):
			flushDoc()
		case strings.TrimSpace(line) == "":
			flushSent()
		default:
			sent = append(sent, strings.Fields(line)[0])
		}
	}
	flushDoc()
	return docs, sc.Err()
}

// prose keeps documents with enough real sentences; the sentences that are
// headlines, datelines or table rows are dropped first.
func prose(doc []string) bool {
	k := 0
	for _, s := range doc {
		words, letters := strings.Fields(s), 0
		for _, w := range words {
			if w[0] >= 'a' && w[0] <= 'z' {
				letters++
			}
		}
		if len(words) >= 8 && letters*2 >= len(words) && strings.HasSuffix(s, ".") {
			doc[k] = s
			k++
		}
	}
	return k >= 6
}

func detok(toks []string) string {
	s := strings.Join(toks, " ")
	for _, r := range [][2]string{{" ,", ","}, {" .", "."}, {" 's", "'s"}, {" n't", "n't"}, {" :", ":"}, {" ;", ";"}, {"( ", "("}, {" )", ")"}, {" %", "%"}, {"$ ", "$"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

// prosePrefix trims a filtered document to its prose sentences.
func proseDocs(docs [][]string) [][]string {
	var out [][]string
	for _, d := range docs {
		var keep []string
		for _, s := range d {
			if len(strings.Fields(s)) >= 8 && strings.HasSuffix(s, ".") {
				keep = append(keep, s)
			}
		}
		if len(keep) >= 6 {
			out = append(out, keep[:min(len(keep), 14)])
		}
	}
	return out
}

// reuseSet is one pasted set: a family of four plus two outsiders.
type reuseSet struct {
	docs []*reusegen.Doc
	sim  *similarity.Set
}

type pairObs struct {
	set, i, j int
	truth     string
	scores    similarity.Scores
	passages  []similarity.Passage
}

func buildSets(sources [][]string, fillers []string, maxFamilies int, seed uint64) []reuseSet {
	n := min(len(sources), maxFamilies)
	fams := make([][]*reusegen.Doc, n)
	for f := range n {
		fams[f] = reusegen.Family(sources[f], f, reusegen.Config{Seed: seed, Fillers: fillers})
	}
	var sets []reuseSet
	for f := range n {
		docs := append([]*reusegen.Doc(nil), fams[f]...)
		// Outsiders from two other families, so the set also holds
		// unrelated pairs (including one between the outsiders).
		docs = append(docs, fams[(f+1)%n][f%4], fams[(f+2)%n][(f+1)%4])
		texts := make([]string, len(docs))
		for i, d := range docs {
			texts[i] = d.Text
		}
		sets = append(sets, reuseSet{docs: docs, sim: similarity.NewSet(texts)})
	}
	return sets
}

func observe(sets []reuseSet) []pairObs {
	var obs []pairObs
	for s, set := range sets {
		for i := range set.docs {
			for j := i + 1; j < len(set.docs); j++ {
				sc, ps := set.sim.Scores(i, j)
				obs = append(obs, pairObs{s, i, j, reusegen.Relation(set.docs[i], set.docs[j]), sc, ps})
			}
		}
	}
	return obs
}

var relations = []string{"near-duplicate", "same-source-edited", "same-story", "unrelated"}

// relationAccuracy returns plain and macro (mean recall over the relations
// present) accuracy.
func relationAccuracy(obs []pairObs, th similarity.Thresholds) (acc, macro float64, confusion map[[2]string]int) {
	confusion = map[[2]string]int{}
	ok := 0
	for _, o := range obs {
		got := string(th.Classify(o.scores))
		confusion[[2]string{o.truth, got}]++
		if got == o.truth {
			ok++
		}
	}
	present := 0
	for _, r := range relations {
		tot := 0
		for _, g := range relations {
			tot += confusion[[2]string{r, g}]
		}
		if tot > 0 {
			macro += float64(confusion[[2]string{r, r}]) / float64(tot)
			present++
		}
	}
	if present > 0 {
		macro /= float64(present)
	}
	return float64(ok) / float64(len(obs)), macro, confusion
}

// passagePR measures passages on word bytes: a byte of a word counts as
// aligned in truth when it lies in a true passage of the pair, and as
// predicted when it lies in a predicted one; both sides of every pair add.
func passagePR(sets []reuseSet, obs []pairObs) (p, r float64) {
	var tp, pred, truth int
	for _, o := range obs {
		set := sets[o.set]
		a, b := set.sim.Docs[o.i], set.sim.Docs[o.j]
		tr := reusegen.Passages(set.docs[o.i], set.docs[o.j])
		for side := 0; side < 2; side++ {
			d := a
			if side == 1 {
				d = b
			}
			inTruth := make([]bool, len(d.Text))
			inPred := make([]bool, len(d.Text))
			for _, t := range tr {
				s, e := t.AStart, t.AEnd
				if side == 1 {
					s, e = t.BStart, t.BEnd
				}
				for k := s; k < e; k++ {
					inTruth[k] = true
				}
			}
			for _, ps := range o.passages {
				s, e := ps.AStart, ps.AEnd
				if side == 1 {
					s, e = ps.BStart, ps.BEnd
				}
				for k := s; k < e; k++ {
					inPred[k] = true
				}
			}
			for _, t := range d.Terms {
				for k := t.Start; k < t.End; k++ {
					if inTruth[k] {
						truth++
					}
					if inPred[k] {
						pred++
						if inTruth[k] {
							tp++
						}
					}
				}
			}
		}
	}
	if pred > 0 {
		p = float64(tp) / float64(pred)
	}
	if truth > 0 {
		r = float64(tp) / float64(truth)
	}
	return p, r
}

// sentenceMatch measures sentence matching on the reworded report: the
// share of its paraphrased sentences whose best counterpart in the original
// is the sentence it was made from.
func sentenceMatch(sets []reuseSet) float64 {
	ok, n := 0, 0
	for _, set := range sets {
		// Family docs are 0 original, 3 same-story.
		story, orig := set.docs[3], set.docs[0]
		res := set.sim.Pair(3, 0)
		sd, od := set.sim.Docs[3], set.sim.Docs[0]
		for _, m := range res.BestAB {
			want := sentAt(story, sd.Sentences[m.A].Start, sd.Sentences[m.A].End)
			if want == nil || want.Mode != reusegen.Paraphrase {
				continue
			}
			n++
			if m.B >= 0 {
				if got := sentAt(orig, od.Sentences[m.B].Start, od.Sentences[m.B].End); got != nil && got.Origin == want.Origin {
					ok++
				}
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// sentAt returns the generated sentence that overlaps byte range s..e most.
func sentAt(d *reusegen.Doc, s, e int) *reusegen.Sent {
	var best *reusegen.Sent
	bestOv := 0
	for k := range d.Sents {
		x := &d.Sents[k]
		if ov := min(e, x.End) - max(s, x.Start); ov > bestOv {
			best, bestOv = x, ov
		}
	}
	return best
}

// uniquePR measures unique content on word bytes. True unique text of a
// document: sentences from outside the family (New), text that is no
// generated sentence (footers, headers), and sentences whose source
// sentence no other document of the set uses in any form.
func uniquePR(sets []reuseSet) (p, r float64) {
	var tp, pred, truth int
	for _, set := range sets {
		n := len(set.docs)
		var pairs []similarity.PairResult
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				pairs = append(pairs, set.sim.Pair(i, j))
			}
		}
		for i, gd := range set.docs {
			d := set.sim.Docs[i]
			isTrue := make([]bool, len(d.Text))
			for k := range isTrue {
				isTrue[k] = true // raw text unless a shared sentence covers it
			}
			for _, se := range gd.Sents {
				if se.Mode == reusegen.New || !usedElsewhere(set.docs, i, se.Origin) {
					continue
				}
				for k := se.Start; k < se.End; k++ {
					isTrue[k] = false
				}
			}
			isPred := make([]bool, len(d.Text))
			for _, k := range set.sim.Unique(i, pairs) {
				for b := d.Sentences[k].Start; b < d.Sentences[k].End; b++ {
					isPred[b] = true
				}
			}
			for _, t := range d.Terms {
				for b := t.Start; b < t.End; b++ {
					if isTrue[b] {
						truth++
					}
					if isPred[b] {
						pred++
						if isTrue[b] {
							tp++
						}
					}
				}
			}
		}
	}
	if pred > 0 {
		p = float64(tp) / float64(pred)
	}
	if truth > 0 {
		r = float64(tp) / float64(truth)
	}
	return p, r
}

func usedElsewhere(docs []*reusegen.Doc, self, origin int) bool {
	for j, d := range docs {
		if j == self || d.Family != docs[self].Family {
			continue
		}
		for _, s := range d.Sents {
			if s.Origin == origin && s.Mode != reusegen.New {
				return true
			}
		}
	}
	return false
}

// tuneThresholds searches the relation thresholds for the best macro
// accuracy on the training observations.
func tuneThresholds(obs []pairObs) (similarity.Thresholds, float64) {
	best, bestM := similarity.DefaultThresholds, -1.0
	for _, nd := range []float64{0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9} {
		for _, ndc := range []float64{0, 0.8, 0.85, 0.9, 0.95} {
			for _, run := range []int{4, 5, 6, 8, 10, 12, 15} {
				for _, cov := range []float64{0.05, 0.1, 0.15, 0.2, 0.3} {
					for _, ss := range []float64{0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4} {
						th := similarity.Thresholds{NearDup: nd, NearDupContain: ndc, EditedRun: run, EditedCover: cov, SameStory: ss}
						if _, m, _ := relationAccuracy(obs, th); m > bestM {
							best, bestM = th, m
						}
					}
				}
			}
		}
	}
	return best, bestM
}

func evalReuse(shared string, tune bool, r *report) error {
	dir := filepath.Join(shared, "data", "ner", "conll2003")
	train, err := readCoNLL(filepath.Join(dir, "eng.train"))
	if err != nil {
		return err
	}
	test, err := readCoNLL(filepath.Join(dir, "eng.testb"))
	if err != nil {
		return err
	}
	fill, err := readCoNLL(filepath.Join(dir, "eng.testa"))
	if err != nil {
		return err
	}
	var fillers []string
	for _, d := range fill {
		fillers = append(fillers, d...)
	}
	train, test = proseDocs(train), proseDocs(test)
	const families = 150
	if tune {
		// Alignment parameters: best passage F1 on the training split.
		g0, s0, m0 := similarity.MaxGap, similarity.MaxShift, similarity.MinSeeds
		trainSets := buildSets(train, fillers, families, 1)
		bestF, best := -1.0, [3]int{}
		for _, gap := range []int{4, 6, 8, 12} {
			for _, shift := range []int{2, 3, 5, 8} {
				for _, seeds := range []int{1, 2, 3} {
					similarity.MaxGap, similarity.MaxShift, similarity.MinSeeds = gap, shift, seeds
					p, rc := passagePR(trainSets, observe(trainSets))
					if f := 2 * p * rc / (p + rc); f > bestF {
						bestF, best = f, [3]int{gap, shift, seeds}
					}
				}
			}
		}
		similarity.MaxGap, similarity.MaxShift, similarity.MinSeeds = g0, s0, m0
		fmt.Fprintf(os.Stderr, "simeval: best alignment on the synthetic training split: MaxGap %d MaxShift %d MinSeeds %d (passage F1 %.4f)\n", best[0], best[1], best[2], bestF)
		// The IDF prior changes cosines, so thresholds are searched for each.
		d0, r0 := similarity.PriorDocs, similarity.PriorRate
		for _, pd := range []float64{5, 20, 50} {
			for _, pr := range []float64{0.02, 0.05, 0.1} {
				similarity.PriorDocs, similarity.PriorRate = pd, pr
				th, m := tuneThresholds(observe(buildSets(train, fillers, families, 1)))
				fmt.Fprintf(os.Stderr, "simeval: prior %g docs at rate %g: best thresholds on the synthetic training split %+v (macro accuracy %.4f)\n", pd, pr, th, m)
			}
		}
		similarity.PriorDocs, similarity.PriorRate = d0, r0
	}
	testSets := buildSets(test, fillers, families, 2)
	testObs := observe(testSets)
	acc, macro, conf := relationAccuracy(testObs, similarity.DefaultThresholds)
	p, rc := passagePR(testSets, testObs)
	r.add("sim.reuse.passage-precision", p, "ratio", fmt.Sprintf("synthetic reuse test split (%d sets from CoNLL testb)", len(testSets)))
	r.add("sim.reuse.passage-recall", rc, "ratio", "word bytes in true vs found passages")
	r.add("sim.reuse.relation-accuracy", acc, "ratio", fmt.Sprintf("%d pairs", len(testObs)))
	r.add("sim.reuse.relation-macro-accuracy", macro, "ratio", "mean per-relation recall")
	for _, want := range relations {
		tot := 0
		for _, got := range relations {
			tot += conf[[2]string{want, got}]
		}
		if tot > 0 {
			r.add("sim.reuse.recall."+want, float64(conf[[2]string{want, want}])/float64(tot), "ratio", fmt.Sprintf("%d pairs", tot))
		}
	}
	up, ur := uniquePR(testSets)
	r.add("sim.reuse.unique-precision", up, "ratio", "word bytes of sentences found in no other article")
	r.add("sim.reuse.unique-recall", ur, "ratio", "")
	r.add("sim.reuse.sentence-match-accuracy", sentenceMatch(testSets), "ratio", "paraphrased sentence -> its source sentence")
	return nil
}
