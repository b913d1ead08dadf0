package main

import (
	"strings"

	"gloss/internal/entity/nermodel"
	"gloss/internal/entity/perceptron"
	"gloss/internal/nerdata"
)

// augmenter implements feature augmentation for training on corpora with
// different conventions (Daumé III 2007): every feature gets a shared copy
// and a copy private to the token's corpus. At run time Gloss wants the
// CoNLL conventions, so the shipped weights are shared + CoNLL-private,
// summed into one row (exact, since both copies always fire together).
type augmenter struct {
	dom  map[uint64]byte // private hash → corpus+1
	buf  [][]uint64
	keep byte // the corpus whose private rows are folded into the shipped weights
}

var salts = [...]uint64{0x9e3779b97f4a7c15, 0xc2b2ae3d27d4eb4f, 0x165667b19e3779f9}

func newAugmenter() *augmenter { return &augmenter{dom: map[uint64]byte{}} }

func (a *augmenter) add(feats [][]uint64, src byte) [][]uint64 {
	if cap(a.buf) < len(feats) {
		a.buf = make([][]uint64, len(feats))
	}
	out := a.buf[:len(feats)]
	for i, fs := range feats {
		o := append(out[i][:0], fs...)
		for _, h := range fs {
			p := (h ^ salts[src]) * 0xff51afd7ed558ccd
			if _, ok := a.dom[p]; !ok {
				a.dom[p] = src + 1
			}
			o = append(o, p)
		}
		out[i] = o
	}
	return out
}

// merge folds the kept corpus's private rows (CoNLL's, unless -convention
// says otherwise) into the shared rows and drops the other corpora's.
func (a *augmenter) merge(t *perceptron.Trainer) *perceptron.Trainer {
	if len(a.dom) == 0 {
		return t
	}
	nT := t.NT
	out := *t
	out.Index = map[uint64]int32{}
	out.Keys = nil
	out.W = nil
	rowOf := func(h uint64) int {
		if k, ok := out.Index[h]; ok {
			return int(k)
		}
		k := len(out.Keys)
		out.Index[h] = int32(k)
		out.Keys = append(out.Keys, h)
		out.W = append(out.W, make([]float32, nT)...)
		return k
	}
	// shared rows first, so a private row can find its shared key
	for r, h := range t.Keys {
		if a.dom[h] == 0 {
			k := rowOf(h)
			for x := 0; x < nT; x++ {
				out.W[k*nT+x] += t.W[r*nT+x]
			}
		}
	}
	for r, h := range t.Keys {
		if a.dom[h] != a.keep+1 { // only the kept corpus's private rows
			continue
		}
		shared := (h * 0x4f74430c22a54005) ^ salts[a.keep] // inverse of the multiply above
		k := rowOf(shared)
		for x := 0; x < nT; x++ {
			out.W[k*nT+x] += t.W[r*nT+x]
		}
	}
	return &out
}

// fixGMB brings GMB spans to CoNLL conventions: leading titles leave
// person names, and "gpe" demonyms ("Iraqi", "Palestinians") become MISC.
func fixGMB(docs []nerdata.Document, conll []nerdata.Document) {
	major := map[string]map[string]int{}
	for _, d := range conll {
		for _, s := range d.Sentences {
			for _, sp := range nerdata.Spans(s.Tags) {
				k := strings.Join(s.Words[sp.Start:sp.End], " ")
				if major[k] == nil {
					major[k] = map[string]int{}
				}
				major[k][sp.Label]++
			}
		}
	}
	titles := nermodel.TitleWords()
	for _, w := range strings.Fields("prime foreign defense defence interior finance state general secretary-general minister") {
		titles[w] = true
	}
	for di := range docs {
		for si := range docs[di].Sentences {
			s := &docs[di].Sentences[si]
			for _, sp := range nerdata.Spans(s.Tags) {
				switch sp.Label {
				case "PER":
					a := sp.Start
					for a < sp.End-1 && (titles[strings.ToLower(s.Words[a])] || isLowerWord(s.Words[a])) {
						s.Tags[a] = "O"
						a++
					}
					if a > sp.Start {
						s.Tags[a] = "B-PER"
					}
				case "LOC":
					k := strings.Join(s.Words[sp.Start:sp.End], " ")
					if m := major[k]; m != nil {
						if m["MISC"] > m["LOC"] {
							relabel(s.Tags, sp, "MISC")
						}
						continue
					}
					if sp.End-sp.Start == 1 && demonymLike(s.Words[sp.Start]) {
						relabel(s.Tags, sp, "MISC")
					}
				}
			}
		}
	}
}

func relabel(tags []string, sp nerdata.Span, lab string) {
	tags[sp.Start] = "B-" + lab
	for i := sp.Start + 1; i < sp.End; i++ {
		tags[i] = "I-" + lab
	}
}

func isLowerWord(w string) bool { return w != "" && w[0] >= 'a' && w[0] <= 'z' }

func demonymLike(w string) bool {
	for _, suf := range []string{"an", "ans", "ese", "ish", "i", "is", "ch", "ic", "ean", "eans"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
