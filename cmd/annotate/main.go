// Command annotate finds the entities of news articles.
//
//	annotate FILE...            # each file is one document, its name the id
//	annotate < docs.jsonl       # one {"id":..,"text":..} object per line
//	annotate -compare < docs.jsonl
//
// For each document it writes one JSON line
// {"id":..,"entities":[{"start":..,"end":..,"label":..,"text":..}]} with
// offsets in Unicode code points, end exclusive. A bad input line or file
// is reported on stderr (naming the line or file) and skipped; the other
// documents are still processed and the exit status is 1 at the end.
//
// With -compare it reads all documents and writes one JSON object: the
// comparison report of gloss/internal/compare (pairs, shared passages,
// unique content, story groups).
//
// With -format it writes all documents in one of the formats other tools
// read (W3C Web Annotation, CoNLL IOB2, spaCy JSON, CSV, an HTML report, or
// the saved-set JSON); -import FILE first anchors the annotations of a W3C
// Web Annotation file onto the documents, by quote where offsets moved.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gloss/internal/compare"
	"gloss/internal/docio"
	"gloss/internal/entity"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type outEntity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

type outDoc struct {
	ID       json.RawMessage `json:"id"`
	Entities []outEntity     `json:"entities"`
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cmp := fs.Bool("compare", false, "compare the documents instead of listing entities: print one JSON report")
	format := fs.String("format", "jsonl", "output format: "+formatNames())
	importFile := fs.String("import", "", "a W3C Web Annotation file whose annotations are anchored onto the documents (needs -format other than jsonl)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: annotate [-compare | -format F [-import FILE]] [FILE...]   (no files: JSONL {\"id\",\"text\"} lines on stdin)")
		fs.PrintDefaults()
		for _, name := range sortedFormats() {
			fmt.Fprintf(stderr, "  %-9s %s\n", name, formats[name])
		}
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if _, ok := formats[*format]; !ok {
		fmt.Fprintf(stderr, "annotate: unknown -format %q (want one of %s)\n", *format, formatNames())
		return 2
	}
	export := *format != "jsonl"
	if *cmp && export {
		fmt.Fprintln(stderr, "annotate: -compare and -format exclude each other")
		return 2
	}
	var importData []byte
	if *importFile != "" {
		if !export {
			fmt.Fprintln(stderr, "annotate: -import needs a -format to write the result in (e.g. -format webanno)")
			return 2
		}
		var err error
		if importData, err = os.ReadFile(*importFile); err != nil {
			fmt.Fprintf(stderr, "annotate: %v\n", err)
			return 1
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	failed := false
	var all []docio.Doc
	handle := func(d docio.Doc) error {
		if *cmp || export {
			all = append(all, d)
			return nil
		}
		ents, err := entity.Recognize(d.Text)
		if err != nil {
			return err // the model itself is broken: stop
		}
		rn := docio.NewRunes(d.Text)
		od := outDoc{ID: d.ID, Entities: make([]outEntity, 0, len(ents))}
		for _, e := range ents {
			od.Entities = append(od.Entities, outEntity{rn.Index(e.Start), rn.Index(e.End), e.Label, d.Text[e.Start:e.End]})
		}
		b, err := json.Marshal(od)
		if err != nil {
			return err
		}
		w.Write(b)
		return w.WriteByte('\n')
	}
	if fs.NArg() == 0 {
		err := docio.ReadJSONL(stdin, handle, func(le *docio.LineError) {
			failed = true
			fmt.Fprintf(stderr, "annotate: stdin %v\n", le)
		})
		if err != nil {
			fmt.Fprintf(stderr, "annotate: %v\n", err)
			return 1
		}
	} else {
		for _, name := range fs.Args() {
			data, err := os.ReadFile(name)
			if err == nil {
				var d docio.Doc
				if d, err = docio.FileDoc(name, data); err == nil {
					if err = handle(d); err != nil {
						fmt.Fprintf(stderr, "annotate: %v\n", err)
						return 1
					}
					continue
				}
			}
			failed = true
			fmt.Fprintf(stderr, "annotate: %v\n", err)
		}
	}
	if *cmp {
		rep, err := compare.Run(all)
		if err != nil {
			fmt.Fprintf(stderr, "annotate: compare: %v\n", err)
			return 1
		}
		b, err := json.Marshal(rep)
		if err != nil {
			fmt.Fprintf(stderr, "annotate: %v\n", err)
			return 1
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if export {
		orphans, err := writeFormat(w, stderr, *format, all, importData)
		if err != nil {
			fmt.Fprintf(stderr, "annotate: %v\n", err)
			return 1
		}
		if orphans > 0 {
			failed = true // never lose an annotation silently
		}
	}
	if failed {
		return 1
	}
	return 0
}

func sortedFormats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func formatNames() string { return strings.Join(sortedFormats(), ", ") }
