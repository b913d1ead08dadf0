// Command loadtest measures the saved-set API on loopback: saves, loads and
// a 50/50 mix at a fixed concurrency, for SQLite and PostgreSQL, printing
// `name value unit` lines and then a table.
//
//	go run ./cmd/loadtest                  # both back ends, 32 clients, 4 s per phase
//	go run ./cmd/loadtest -backend sqlite -c 32 -phase 10s
//
// The API runs in this process (httpapi over sqlstore, as cmd/server wires
// it) on 127.0.0.1; PostgreSQL is a throwaway local server with fsync on
// (see internal/pgtest) unless -postgres names one. Every phase is bounded
// by time and by -max requests.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"gloss/internal/annot"
	"gloss/internal/httpapi"
	"gloss/internal/pgtest"
	"gloss/internal/sharelink"
	"gloss/internal/sqlstore"
)

func main() {
	var (
		backend  = flag.String("backend", "both", "sqlite, postgres or both")
		conc     = flag.Int("c", 32, "concurrent clients")
		phase    = flag.Duration("phase", 4*time.Second, "duration of each phase (save, load, mixed)")
		maxReq   = flag.Int("max", 500_000, "most requests per phase")
		postgres = flag.String("postgres", os.Getenv(pgtest.EnvURL), "PostgreSQL URL to use instead of a throwaway server")
	)
	flag.Parse()
	if err := run(*backend, *conc, *phase, *maxReq, *postgres); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type result struct {
	name     string
	requests int
	errors   int
	elapsed  time.Duration
	lat      []time.Duration // sorted
}

func (r result) rps() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

func run(backend string, conc int, phase time.Duration, maxReq int, pgURL string) error {
	var names []string
	switch backend {
	case "both":
		names = []string{"sqlite", "postgres"}
	case "sqlite", "postgres":
		names = []string{backend}
	default:
		return fmt.Errorf("-backend must be sqlite, postgres or both, not %q", backend)
	}
	var all []result
	for _, name := range names {
		rs, err := runBackend(name, conc, phase, maxReq, pgURL)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		all = append(all, rs...)
	}
	for _, r := range all {
		fmt.Printf("api.%s.rps %.0f req/s\n", r.name, r.rps())
		fmt.Printf("api.%s.p50 %.2f ms\n", r.name, ms(r.pct(0.50)))
		fmt.Printf("api.%s.p99 %.2f ms\n", r.name, ms(r.pct(0.99)))
		fmt.Printf("api.%s.errors %d count\n", r.name, r.errors)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\nphase\trequests\terrors\treq/s\tp50 ms\tp99 ms\t\n")
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.2f\t%.2f\t\n", r.name, r.requests, r.errors, r.rps(), ms(r.pct(0.5)), ms(r.pct(0.99)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range all {
		if r.errors > 0 {
			return fmt.Errorf("%s: %d requests failed", r.name, r.errors)
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func runBackend(name string, conc int, phase time.Duration, maxReq int, pgURL string) ([]result, error) {
	ctx := context.Background()
	var db, data string
	switch {
	case name == "sqlite":
		dir, err := os.MkdirTemp("", "gloss-loadtest-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		data = filepath.Join(dir, "data")
	case pgURL != "":
		db = pgURL
	default:
		srv, err := pgtest.Start(ctx, pgtest.Options{Durable: true})
		if err != nil {
			return nil, err
		}
		defer srv.Stop()
		if db, err = srv.CreateDB(ctx); err != nil {
			return nil, err
		}
	}
	st, err := sqlstore.Open(ctx, db, data)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: httpapi.New(st, httpapi.Options{}), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(l) //nolint:errcheck // ends with ErrServerClosed at Shutdown
	defer hs.Shutdown(ctx)

	base := "http://" + l.Addr().String()
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxIdleConns: conc}}
	blobs, err := payloads(16)
	if err != nil {
		return nil, err
	}
	lt := &loadTest{base: base, hc: hc, blobs: blobs}

	var out []result
	for _, ph := range []struct {
		name      string
		saveShare float64
	}{{"save", 1}, {"load", 0}, {"mixed", 0.5}} {
		r := lt.phase(conc, phase, maxReq, ph.saveShare)
		r.name = name + "." + ph.name
		out = append(out, r)
	}
	return out, nil
}

// payloads returns sealed sets of three news-sized articles each (~6 KB
// once compressed and sealed), what the browser uploads for an encrypted
// link.
func payloads(n int) ([][]byte, error) {
	words := strings.Fields(`the minister said on tuesday that the government would review its
		plans for the new railway line after protests in several towns along the route
		officials in berlin and paris declined to comment while analysts expected a delay`)
	rng := rand.New(rand.NewPCG(1, 2))
	var out [][]byte
	for range n {
		s := &annot.Set{Format: annot.Format, Version: annot.Version,
			Labels: []annot.Label{{ID: "claim", Name: "Claim"}}}
		for a := range 3 {
			var b strings.Builder
			for b.Len() < 4000 {
				b.WriteString(words[rng.IntN(len(words))])
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

type loadTest struct {
	base  string
	hc    *http.Client
	blobs [][]byte
	mu    sync.Mutex
	ids   []string // saved so far, for loads
}

func (lt *loadTest) phase(conc int, d time.Duration, maxReq int, saveShare float64) result {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		lat   []time.Duration
		errs  int
		count int
	)
	if saveShare < 1 && len(lt.ids) == 0 {
		// Loads need something to load.
		for i := range 64 {
			if _, err := lt.save(i); err != nil {
				return result{errors: 1, elapsed: time.Nanosecond}
			}
		}
	}
	start := time.Now()
	deadline := start.Add(d)
	per := maxReq / conc
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var mine []time.Duration
			bad := 0
			for i := 0; i < per && time.Now().Before(deadline); i++ {
				t0 := time.Now()
				var err error
				if rng.Float64() < saveShare {
					_, err = lt.save(rng.IntN(len(lt.blobs)))
				} else {
					err = lt.load(rng)
				}
				mine = append(mine, time.Since(t0))
				if err != nil {
					bad++
					if bad == 1 {
						fmt.Fprintln(os.Stderr, "loadtest: request failed:", err)
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			count += len(mine)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	return result{requests: count, errors: errs, elapsed: elapsed, lat: lat}
}

func (lt *loadTest) save(i int) (string, error) {
	resp, err := lt.hc.Post(lt.base+"/api/sets", "application/octet-stream", bytes.NewReader(lt.blobs[i%len(lt.blobs)]))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("save: %s: %s", resp.Status, b)
	}
	// The id is the first field of the answer; avoid a JSON decode in the
	// measuring loop's client side.
	const pre = `{"id":"`
	if !bytes.HasPrefix(b, []byte(pre)) || len(b) < len(pre)+annot.IDLen {
		return "", errors.New("save: unexpected answer")
	}
	id := string(b[len(pre) : len(pre)+annot.IDLen])
	lt.mu.Lock()
	lt.ids = append(lt.ids, id)
	lt.mu.Unlock()
	return id, nil
}

func (lt *loadTest) load(rng *rand.Rand) error {
	lt.mu.Lock()
	id := lt.ids[rng.IntN(len(lt.ids))]
	lt.mu.Unlock()
	req, err := http.NewRequest(http.MethodGet, lt.base+"/api/sets/"+id, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/octet-stream")
	resp, err := lt.hc.Do(req)
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
