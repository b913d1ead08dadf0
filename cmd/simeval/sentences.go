package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gloss/internal/similarity"
	"gloss/internal/stem"
)

// sentPair is one labelled sentence pair: Label is 0/1 for MSRP and the
// 0..5 gold score for STS.
type sentPair struct {
	A, B   string
	Label  float64
	Source string // STS: MSRpar, headlines, deft-news
}

func readMSRP(path string) ([]sentPair, error) {
	return readTSV(path, func(f []string) (sentPair, bool) {
		if len(f) < 5 {
			return sentPair{}, false
		}
		l, err := strconv.ParseFloat(strings.TrimPrefix(f[0], "\uFEFF"), 64)
		return sentPair{f[3], f[4], l, "msrp"}, err == nil
	})
}

// readSTS reads the news genre of an STS Benchmark split.
func readSTS(path string) ([]sentPair, error) {
	return readTSV(path, func(f []string) (sentPair, bool) {
		if len(f) < 7 || f[0] != "main-news" {
			return sentPair{}, false
		}
		l, err := strconv.ParseFloat(f[4], 64)
		return sentPair{f[5], f[6], l, f[1]}, err == nil
	})
}

func readTSV(path string, parse func([]string) (sentPair, bool)) ([]sentPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sentPair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if p, ok := parse(strings.Split(sc.Text(), "\t")); ok {
			out = append(out, p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no pairs read", path)
	}
	return out, nil
}

type sentData struct {
	msrpTrain, msrpTest       []sentPair
	stsTrain, stsDev, stsTest []sentPair
	df                        *similarity.DF
}

func loadSentData(shared string) (*sentData, error) {
	dir := filepath.Join(shared, "data", "similarity")
	d := &sentData{}
	var err error
	for _, x := range []struct {
		dst  *[]sentPair
		read func(string) ([]sentPair, error)
		path string
	}{
		{&d.msrpTrain, readMSRP, "msrp/msr_paraphrase_train.txt"},
		{&d.msrpTest, readMSRP, "msrp/msr_paraphrase_test.txt"},
		{&d.stsTrain, readSTS, "stsbenchmark/sts-train.csv"},
		{&d.stsDev, readSTS, "stsbenchmark/sts-dev.csv"},
		{&d.stsTest, readSTS, "stsbenchmark/sts-test.csv"},
	} {
		if *x.dst, err = x.read(filepath.Join(dir, x.path)); err != nil {
			return nil, err
		}
	}
	// Document frequencies come from the training sentences only (each
	// sentence one document); test sentences never inform the weights.
	d.df = similarity.NewDF()
	for _, set := range [][]sentPair{d.msrpTrain, d.stsTrain} {
		for _, p := range set {
			for _, s := range []string{p.A, p.B} {
				d.df.Add(similarity.AnalyzeLang(s, stem.English))
			}
		}
	}
	return d, nil
}

func sentRep(s string, df *similarity.DF) *similarity.SentRep {
	d := similarity.AnalyzeLang(s, stem.English)
	return similarity.NewSentRep(d, 0, len(d.Terms), df.Weight)
}

func features(ps []sentPair, df *similarity.DF) [][similarity.NumFeatures]float64 {
	out := make([][similarity.NumFeatures]float64, len(ps))
	for i, p := range ps {
		out[i] = similarity.Features(sentRep(p.A, df), sentRep(p.B, df))
		for _, k := range dropFeatures {
			out[i][k] = 0
		}
	}
	return out
}

// wordOverlap is the baseline: Jaccard of lowercased word tokens, no
// stemming, no weights.
func wordOverlap(a, b string) float64 { return overlap(a, b, false) }

// wordCosine is the cosine of the binary word vectors: |A∩B|/sqrt(|A||B|).
func wordCosine(a, b string) float64 { return overlap(a, b, true) }

func overlap(a, b string, cosine bool) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
		}) {
			m[w] = true
		}
		return m
	}
	x, y := set(a), set(b)
	in := 0
	for w := range x {
		if y[w] {
			in++
		}
	}
	if cosine {
		if len(x) == 0 || len(y) == 0 {
			return 0
		}
		return float64(in) / math.Sqrt(float64(len(x)*len(y)))
	}
	if u := len(x) + len(y) - in; u > 0 {
		return float64(in) / float64(u)
	}
	return 0
}

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// accF1 scores binary predictions against 0/1 labels.
func accF1(pred []bool, ps []sentPair) (acc, f1 float64) {
	var tp, fp, fn, ok int
	for i, p := range ps {
		gold := p.Label > 0.5
		if pred[i] == gold {
			ok++
		}
		switch {
		case pred[i] && gold:
			tp++
		case pred[i] && !gold:
			fp++
		case !pred[i] && gold:
			fn++
		}
	}
	acc = float64(ok) / float64(len(ps))
	if tp > 0 {
		pr, rc := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		f1 = 2 * pr * rc / (pr + rc)
	}
	return acc, f1
}

// bestThreshold picks the cut on scores maximizing accuracy on ps.
func bestThreshold(scores []float64, ps []sentPair) float64 {
	best, bestAcc := 0.5, -1.0
	for t := 0.0; t <= 1.0; t += 0.005 {
		pred := make([]bool, len(scores))
		for i, s := range scores {
			pred[i] = s >= t
		}
		if acc, _ := accF1(pred, ps); acc > bestAcc {
			best, bestAcc = t, acc
		}
	}
	return best
}
