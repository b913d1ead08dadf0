// Command simeval measures the article comparison engine: the sentence
// "same fact" measure on MSRP and the STS Benchmark news pairs, and passage
// and relation accuracy on synthetic text reuse with known ground truth. It
// prints `name value unit` lines followed by a human-readable table.
//
//	go run ./cmd/simeval -shared ../shared          # evaluate
//	go run ./cmd/simeval -shared ../shared -train   # refit the sentence models (train/dev only)
//
// With -train it rewrites internal/similarity/weights.go (sentence models
// and the unique-content cut); with -tune it searches the alignment
// parameters, the IDF prior and the relation thresholds on the synthetic
// training split and prints the best (copy them into package similarity).
// Test splits are only ever evaluated.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

type result struct {
	name  string
	value float64
	unit  string
	note  string
}

type report struct{ rows []result }

func (r *report) add(name string, v float64, unit, note string) {
	r.rows = append(r.rows, result{name, v, unit, note})
}

func (r *report) print(w io.Writer) {
	for _, x := range r.rows {
		fmt.Fprintf(w, "%s %.4f %s\n", x.name, x.value, x.unit)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tvalue\tunit\tnote")
	for _, x := range r.rows {
		fmt.Fprintf(tw, "%s\t%.4f\t%s\t%s\n", x.name, x.value, x.unit, x.note)
	}
	tw.Flush()
}

func main() {
	shared := flag.String("shared", "../shared", "shared data directory")
	train := flag.Bool("train", false, "refit the sentence models on train/dev and rewrite -weights")
	weights := flag.String("weights", "internal/similarity/weights.go", "weights file written by -train")
	tune := flag.Bool("tune", false, "search relation thresholds on the synthetic training split")
	only := flag.String("only", "", "run only this part: sentences or reuse")
	flag.Parse()
	var r report
	if *only == "" || *only == "sentences" {
		if err := evalSentences(*shared, *train, *weights, &r); err != nil {
			fmt.Fprintln(os.Stderr, "simeval:", err)
			os.Exit(1)
		}
	}
	if *only == "" || *only == "reuse" {
		if err := evalReuse(*shared, *tune, &r); err != nil {
			fmt.Fprintln(os.Stderr, "simeval:", err)
			os.Exit(1)
		}
	}
	r.print(os.Stdout)
}
