//go:build !wasm

// Command loadtest measures the saved-set API on loopback: saves, loads and
// a 50/50 mix at a fixed concurrency, for SQLite and PostgreSQL, printing
// `name value unit` lines and then a table.
//
//	go run ./cmd/loadtest                  # both back ends, 32 clients, 4 s per phase
//	go run ./cmd/loadtest -backend sqlite -c 32 -phase 10s
//
// The API runs in this process (sqlstore.Open + httpapi.New, as cmd/server
// wires it) on 127.0.0.1; PostgreSQL is a throwaway local server with fsync
// on (see internal/pgtest) unless -postgres names one. Every phase is
// bounded by time and by -max requests.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"text/tabwriter"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"gloss/internal/httpapi"
	"gloss/internal/httpapi/loadgen"
	"gloss/internal/pgtest"
	"gloss/internal/sqlstore"
)

func main() {
	var (
		backend  = flag.String("backend", "both", "sqlite, postgres or both")
		conc     = flag.Int("c", 32, "concurrent clients")
		phase    = flag.Duration("phase", 4*time.Second, "duration of each phase (save, load, mixed)")
		maxReq   = flag.Int("max", 500_000, "most requests per phase")
		postgres = flag.String("postgres", os.Getenv(pgtest.EnvURL), "PostgreSQL URL to use instead of a throwaway server")
		profile  = flag.String("cpuprofile", "", "write a CPU profile of the whole run (client and server) to this file")
	)
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*backend, *conc, *phase, *maxReq, *postgres); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type named struct {
	name string
	loadgen.Result
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
	var all []named
	for _, name := range names {
		rs, err := runBackend(name, conc, phase, maxReq, pgURL)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		all = append(all, rs...)
	}
	for _, r := range all {
		fmt.Printf("api.%s.rps %.0f req/s\n", r.name, r.RPS())
		fmt.Printf("api.%s.p50 %.2f ms\n", r.name, ms(r.Pct(0.50)))
		fmt.Printf("api.%s.p99 %.2f ms\n", r.name, ms(r.Pct(0.99)))
		fmt.Printf("api.%s.errors %d count\n", r.name, r.Errors)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\nphase (c=%d)\trequests\terrors\treq/s\tp50 ms\tp99 ms\t\n", conc)
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.2f\t%.2f\t\n", r.name, r.Requests, r.Errors, r.RPS(), ms(r.Pct(0.5)), ms(r.Pct(0.99)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range all {
		if r.Errors > 0 {
			return fmt.Errorf("%s: %d requests failed, first: %v", r.name, r.Errors, r.FirstErr)
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func runBackend(name string, conc int, phase time.Duration, maxReq int, pgURL string) ([]named, error) {
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

	target, err := loadgen.NewTarget("http://"+l.Addr().String(), conc)
	if err != nil {
		return nil, err
	}
	var out []named
	for _, ph := range []struct {
		name      string
		saveShare float64
	}{{"save", 1}, {"load", 0}, {"mixed", 0.5}} {
		out = append(out, named{name + "." + ph.name, target.Run(conc, phase, maxReq, ph.saveShare)})
	}
	return out, nil
}
