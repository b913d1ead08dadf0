// Command nereval measures the entity recognizer: entity-level exact-match
// precision, recall and F1 (micro-averaged, overall and per label) on the
// held-out corpora under SHARED/data/ner, printed as "name value unit"
// lines followed by a table.
//
//	go run ./cmd/nereval -shared ../shared
//
// Corpora that come tokenized (CoNLL-2003 test, UNER, wikigold, GMB) are
// tagged on their own tokens with the name tagger; gloss-dev is run
// through the full pipeline (segmentation, names and numeric rules) on its
// raw text and scored on code-point spans.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"gloss/internal/docio"
	"gloss/internal/entity"
	"gloss/internal/entity/seq"
	"gloss/internal/nerdata"
)

type corpus struct {
	name   string // metric prefix
	title  string
	path   []string
	format nerdata.Format
	labels []string
	note   string
}

var corpora = []corpus{
	{"conll2003-test", "CoNLL-2003 test (eng.testb)", []string{"conll2003", "eng.testb"}, nerdata.CoNLL, []string{"PER", "ORG", "LOC", "MISC"}, "held out"},
	{"conll2003-dev", "CoNLL-2003 dev (eng.testa)", []string{"conll2003", "eng.testa"}, nerdata.CoNLL, []string{"PER", "ORG", "LOC", "MISC"}, "dev: tuned on; in the shipped model's training data"},
	{"uner-pud", "UNER English-PUD test", []string{"uner-en", "en_pud-ud-test.iob2"}, nerdata.UNER, []string{"PER", "ORG", "LOC"}, "held out"},
	{"uner-ewt-test", "UNER English-EWT test", []string{"uner-en", "en_ewt-ud-test.iob2"}, nerdata.UNER, []string{"PER", "ORG", "LOC"}, "held out (web text)"},
	{"wikigold", "wikigold", []string{"wikigold", "wikigold.conll.txt"}, nerdata.WikiGold, []string{"PER", "ORG", "LOC", "MISC"}, "held out"},
	{"gmb-test", "GMB test (per,org→PER,ORG; geo+gpe→LOC)", []string{"gmb-kaggle", "gmb.test.conll"}, nerdata.GMB, []string{"PER", "ORG", "LOC"}, "held out; silver tags"},
}

func main() {
	shared := flag.String("shared", "../shared", "shared data directory")
	flag.Parse()
	if err := run(*shared); err != nil {
		log.Fatal(err)
	}
}

type result struct {
	c  corpus
	s  *nerdata.Scorer
	dt time.Duration
	n  int
}

func run(shared string) error {
	if err := entity.Load(); err != nil {
		return err
	}
	var results []result
	for _, c := range corpora {
		t0 := time.Now()
		docs, err := nerdata.ReadFile(filepath.Join(append([]string{shared, "data", "ner"}, c.path...)...), c.format)
		if err != nil {
			return err
		}
		s := nerdata.NewScorer(c.labels...)
		ntok := 0
		for _, d := range docs {
			sents := make([][]string, len(d.Sentences))
			for i, x := range d.Sentences {
				sents[i] = x.Words
				ntok += len(x.Words)
			}
			pred, err := entity.TagWords(sents)
			if err != nil {
				return err
			}
			for i, x := range d.Sentences {
				var p []nerdata.Span
				for _, sp := range pred[i] {
					p = append(p, nerdata.Span{Start: sp.Start, End: sp.End, Label: seq.Labels[sp.Label]})
				}
				s.Add(nerdata.Spans(x.Tags), p)
			}
		}
		results = append(results, result{c, s, time.Since(t0), ntok})
	}
	// gloss-dev: full pipeline on raw text
	t0 := time.Now()
	gd, err := nerdata.ReadJSONL(filepath.Join(shared, "data", "ner", "gloss-dev", "dev.jsonl"))
	if err != nil {
		return err
	}
	gs := nerdata.NewScorer(entity.Labels...)
	ntok := 0
	for _, d := range gd {
		ents, err := entity.Recognize(d.Text)
		if err != nil {
			return err
		}
		rn := docio.NewRunes(d.Text)
		var p []nerdata.Span
		for _, e := range ents {
			p = append(p, nerdata.Span{Start: rn.Index(e.Start), End: rn.Index(e.End), Label: e.Label})
		}
		gs.Add(d.Entities, p)
		ntok += len(strings.Fields(d.Text))
	}
	results = append(results, result{corpus{name: "gloss-dev", title: "gloss-dev (8 labels, raw text)", note: "dev: tuned on freely"}, gs, time.Since(t0), ntok})

	for _, r := range results {
		fmt.Printf("ner.%s.p %.1f %%\n", r.c.name, 100*r.s.Overall.P())
		fmt.Printf("ner.%s.r %.1f %%\n", r.c.name, 100*r.s.Overall.R())
		fmt.Printf("ner.%s.f1 %.1f %%\n", r.c.name, 100*r.s.Overall.F1())
		for _, l := range r.s.SortedLabels() {
			fmt.Printf("ner.%s.%s.f1 %.1f %%\n", r.c.name, strings.ToLower(l), 100*r.s.ByLabel[l].F1())
		}
	}
	fmt.Println()
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "corpus\tlabel\tgold\tP\tR\tF1\t\tnote")
	for _, r := range results {
		row := func(l string, c nerdata.Counts, note string) {
			fmt.Fprintf(w, "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t\t%s\n", r.c.name, l, c.TP+c.FN, 100*c.P(), 100*c.R(), 100*c.F1(), note)
		}
		row("all", r.s.Overall, r.c.note)
		for _, l := range r.s.SortedLabels() {
			row(l, *r.s.ByLabel[l], "")
		}
	}
	w.Flush()
	return nil
}
