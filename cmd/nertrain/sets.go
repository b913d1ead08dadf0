package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"gloss/internal/nerdata"
)

// Corpora (sources) with their own annotation conventions. Each gets its
// private feature copies under -domain; only CoNLL's are shipped.
const (
	srcCoNLL = byte(iota) // CoNLL-2003 conventions (CoNLL, wikigold)
	srcGMB                // GMB silver tags, titles and demonyms fixed
	srcUNER               // UNER: no MISC, different metonymy and facility habits
)

// keepSrc is the corpus whose conventions the written model follows.
var keepSrc = srcCoNLL

type set struct {
	path   []string
	format nerdata.Format
	src    byte
}

// sets are the corpora nertrain can train or score on. A name with the
// suffix "-a" or "-b" selects the even- or odd-numbered documents, so a
// corpus can be trained on in one half and scored on the other.
var sets = map[string]set{
	"conll-train":  {[]string{"conll2003", "eng.train"}, nerdata.CoNLL, srcCoNLL},
	"conll-dev":    {[]string{"conll2003", "eng.testa"}, nerdata.CoNLL, srcCoNLL},
	"wikigold":     {[]string{"wikigold", "wikigold.conll.txt"}, nerdata.WikiGold, srcCoNLL},
	"gmb-train":    {[]string{"gmb-kaggle", "gmb.train.conll"}, nerdata.GMB, srcGMB},
	"uner-ewt-dev": {[]string{"uner-en", "en_ewt-ud-dev.iob2"}, nerdata.UNER, srcUNER},
}

func setNames() []string {
	var out []string
	for k := range sets {
		out = append(out, k)
	}
	sort.Strings(out)
	return append(out, "(any of them + -a or -b: even or odd documents)")
}

func loadSet(shared, name string) ([]nerdata.Document, byte, error) {
	base, half := name, -1
	if b, ok := strings.CutSuffix(name, "-a"); ok {
		base, half = b, 0
	} else if b, ok := strings.CutSuffix(name, "-b"); ok {
		base, half = b, 1
	}
	s, ok := sets[base]
	if !ok {
		return nil, 0, fmt.Errorf("unknown set %q", name)
	}
	docs, err := nerdata.ReadFile(filepath.Join(append([]string{shared, "data", "ner"}, s.path...)...), s.format)
	if err != nil {
		return nil, 0, err
	}
	if half >= 0 {
		var keep []nerdata.Document
		for i, d := range docs {
			if i%2 == half {
				keep = append(keep, d)
			}
		}
		docs = keep
	}
	return docs, s.src, nil
}
