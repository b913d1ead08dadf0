// Package loadgen drives the sets API with concurrent saves and loads of
// realistic sealed sets and measures throughput and latency. cmd/loadtest
// and the httpapi benchmarks share it.
package loadgen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

// Result is one phase's outcome; Latencies are sorted.
type Result struct {
	Requests  int
	Errors    int
	FirstErr  error
	Elapsed   time.Duration
	Latencies []time.Duration
}

// RPS is completed requests per second.
func (r Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Pct returns the p-quantile latency (p in [0,1]).
func (r Result) Pct(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	return r.Latencies[min(len(r.Latencies)-1, int(p*float64(len(r.Latencies))))]
}

// Target is one API server under load. It remembers the ids it saved so
// loads fetch real sets.
type Target struct {
	base  string
	hc    *http.Client
	blobs [][]byte
	mu    sync.Mutex
	ids   []string
}

// NewTarget prepares 16 sealed payloads and a client with enough idle
// connections for conc workers.
func NewTarget(base string, conc int) (*Target, error) {
	blobs, err := Payloads(16)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxIdleConns: conc}}
	return &Target{base: strings.TrimRight(base, "/"), hc: hc, blobs: blobs}, nil
}

// Payloads returns n sealed sets of three news-sized articles (~4 KB of
// text each, with entities and an annotation). Words come from a
// Zipf-distributed vocabulary of 5,000 made-up words, so the text
// compresses about as well as English prose and the sealed sets are the
// ~6 KB the browser uploads for an encrypted link.
func Payloads(n int) ([][]byte, error) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 5000)
	for i := range vocab {
		b := make([]byte, 2+rng.IntN(8))
		for j := range b {
			b[j] = "etaoinshrdlucmfwypvbgkjqxz"[min(25, int(rng.ExpFloat64()*5))]
		}
		vocab[i] = string(b)
	}
	zipf := newZipf(rng, len(vocab))
	var out [][]byte
	for range n {
		s := &annot.Set{Format: annot.Format, Version: annot.Version,
			Labels: []annot.Label{{ID: "claim", Name: "Claim"}}}
		for a := range 3 {
			var b strings.Builder
			for b.Len() < 4000 {
				b.WriteString(vocab[zipf()])
				b.WriteByte(' ')
			}
			text := b.String()
			art := annot.Article{ID: fmt.Sprint("a", a), Title: "Article", Text: text, Language: "en", Hash: annot.ContentHash(text)}
			for e := 0; e+10 < len(text) && len(art.Entities) < 40; e += 97 {
				art.Entities = append(art.Entities, annot.Entity{Start: e, End: e + 5, Kind: "ORG"})
			}
			art.Annotations = []annot.Annotation{{ID: "n1", Start: 10, End: 20, Label: "claim", Note: "check this"}}
			s.Articles = append(s.Articles, art)
		}
		_, blob, err := sharelink.SealSet(s)
		if err != nil {
			return nil, err
		}
		out = append(out, blob)
	}
	return out, nil
}

// newZipf returns a sampler of ranks 0..n-1 with P(k) ∝ 1/(k+1), the
// shape of word frequencies in prose.
func newZipf(rng *rand.Rand, n int) func() int {
	cum := make([]float64, n)
	total := 0.0
	for k := range n {
		total += 1 / float64(k+1)
		cum[k] = total
	}
	return func() int {
		x := rng.Float64() * total
		i, _ := slices.BinarySearch(cum, x)
		return min(i, n-1)
	}
}

// Run sends requests from conc workers for d or until maxReq requests,
// each a save with probability saveShare and otherwise a load.
func (t *Target) Run(conc int, d time.Duration, maxReq int, saveShare float64) Result {
	if saveShare < 1 && t.saved() == 0 {
		// Loads need something to load.
		for i := range 64 {
			if err := t.save(i); err != nil {
				return Result{Errors: 1, FirstErr: err}
			}
		}
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		res Result
	)
	start := time.Now()
	deadline := start.Add(d)
	per := max(1, maxReq/conc)
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var lat []time.Duration
			var bad int
			var first error
			for i := 0; i < per && time.Now().Before(deadline); i++ {
				t0 := time.Now()
				var err error
				if rng.Float64() < saveShare {
					err = t.save(rng.IntN(len(t.blobs)))
				} else {
					err = t.load(rng)
				}
				lat = append(lat, time.Since(t0))
				if err != nil {
					bad++
					if first == nil {
						first = err
					}
				}
			}
			mu.Lock()
			res.Latencies = append(res.Latencies, lat...)
			res.Errors += bad
			if res.FirstErr == nil {
				res.FirstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(res.Latencies)
	slices.Sort(res.Latencies)
	return res
}

func (t *Target) saved() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.ids)
}

func (t *Target) save(i int) error {
	resp, err := t.hc.Post(t.base+"/api/sets", "application/octet-stream", bytes.NewReader(t.blobs[i%len(t.blobs)]))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("save: %s: %s", resp.Status, b)
	}
	// The id is the answer's first field; skipping a JSON decode keeps the
	// client's share of the two cores small.
	const pre = `{"id":"`
	if !bytes.HasPrefix(b, []byte(pre)) || len(b) < len(pre)+annot.IDLen {
		return errors.New("save: unexpected answer")
	}
	id := string(b[len(pre) : len(pre)+annot.IDLen])
	t.mu.Lock()
	t.ids = append(t.ids, id)
	t.mu.Unlock()
	return nil
}

func (t *Target) load(rng *rand.Rand) error {
	t.mu.Lock()
	id := t.ids[rng.IntN(len(t.ids))]
	t.mu.Unlock()
	req, err := http.NewRequest(http.MethodGet, t.base+"/api/sets/"+id, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/octet-stream")
	resp, err := t.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || n < sharelink.Overhead {
		return fmt.Errorf("load %s: %s, %d bytes", id, resp.Status, n)
	}
	return nil
}
