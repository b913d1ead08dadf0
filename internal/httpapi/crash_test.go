//go:build !wasm

package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"gloss/internal/annot"
	"gloss/internal/httpapi"
	"gloss/internal/sharelink"
	"gloss/internal/sqlstore"
)

// The crash test runs this test binary a second time as the server: with
// crashServerEnv set, TestMain serves the API over the database named in
// crashDBEnv/crashDataEnv instead of running tests. It is the same wiring
// as cmd/server's openAPI (sqlstore.Open + httpapi.New), in a process we
// can SIGKILL.
const (
	crashServerEnv = "GLOSS_CRASH_SERVER"
	crashDBEnv     = "GLOSS_CRASH_DB"
	crashDataEnv   = "GLOSS_CRASH_DATA"
	// crashLieEnv makes the server acknowledge saves before storing them,
	// to prove the crash test notices lost saves.
	crashLieEnv = "GLOSS_CRASH_LIE"
)

// lyingStore acknowledges a save at once and writes it 300 ms later: the
// bug the crash test exists to catch.
type lyingStore struct{ annot.SetStore }

func (l lyingStore) CreateSet(ctx context.Context, r *annot.Record) error {
	if err := annot.CheckRecord(r); err != nil {
		return err
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		_ = l.SetStore.CreateSet(context.Background(), r) // nobody is left to tell
	}()
	return nil
}

func runCrashServer() int {
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, os.Getenv(crashDBEnv), os.Getenv(crashDataEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash server:", err)
		return 1
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash server:", err)
		return 1
	}
	var store annot.SetStore = st
	if os.Getenv(crashLieEnv) != "" {
		store = lyingStore{st}
	}
	fmt.Printf("LISTEN %s\n", l.Addr())
	err = http.Serve(l, httpapi.New(store, httpapi.Options{}))
	fmt.Fprintln(os.Stderr, "crash server:", err)
	return 1
}

type serverProc struct {
	cmd  *exec.Cmd
	addr string
}

func startServerProc(t *testing.T, db, data string, env ...string) *serverProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashServerEnv+"=1", crashDBEnv+"="+db, crashDataEnv+"="+data)
	cmd.Env = append(cmd.Env, env...)
	// If this test binary dies first, the server must not outlive it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProc{cmd: cmd}
	t.Cleanup(p.kill)
	line, err := bufio.NewReader(out).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "LISTEN ")
	if err != nil || !ok {
		t.Fatalf("server did not start: %q, %v", line, err)
	}
	p.addr = addr
	return p
}

func (p *serverProc) kill() {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL) // already dead is fine
		_ = p.cmd.Wait()                          // "signal: killed" is expected
	}
}

type acked struct {
	id   string
	kind annot.Kind
	data []byte // what GET must give back, byte for byte
}

// TestCrash saves from many goroutines, SIGKILLs the server mid-stream,
// restarts it on the same database and checks that every save that was
// answered 201 is there and intact; three rounds per back end.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test starts server processes; skipped with -short")
	}
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			db, data := be.db(t)
			var all []acked
			var lost, inflight int
			for round := range 3 {
				p := startServerProc(t, db, data)
				c := httpapi.NewClient("http://"+p.addr, &http.Client{Timeout: 10 * time.Second})
				if round > 0 {
					lost += verify(t, c, all)
				}
				got, cut := saveUntilKilled(t, c, p, round)
				all = append(all, got...)
				inflight += cut
			}
			p := startServerProc(t, db, data)
			c := httpapi.NewClient("http://"+p.addr, nil)
			lost += verify(t, c, all)
			if lost > 0 {
				t.Errorf("%d of %d acknowledged saves lost or damaged", lost, len(all))
			}
			if len(all) < 100 {
				t.Errorf("only %d saves acknowledged; the test did not exercise the server", len(all))
			}
			if be.name == "sqlite" {
				p.kill() // SIGKILL once more, then check the file itself
				checkSQLiteIntegrity(t, filepath.Join(data, "gloss.db"), len(all))
			}
			t.Logf("%s: %d acknowledged saves over 3 SIGKILLs, %d requests in flight at the kills, %d lost", be.name, len(all), inflight, lost)
		})
	}
}

// TestCrashDetectsLoss runs one round against a server that acknowledges
// before it stores; the check must find lost saves, or it proves nothing.
func TestCrashDetectsLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test starts server processes; skipped with -short")
	}
	data := t.TempDir()
	p := startServerProc(t, "", data, crashLieEnv+"=1")
	c := httpapi.NewClient("http://"+p.addr, &http.Client{Timeout: 10 * time.Second})
	all, _ := saveUntilKilled(t, c, p, 0)
	p = startServerProc(t, "", data)
	c = httpapi.NewClient("http://"+p.addr, nil)
	ft := &countingT{T: t}
	lost := verify(ft, c, all)
	if lost == 0 {
		t.Fatalf("a server that acknowledges before storing lost none of %d saves; the crash check is blind", len(all))
	}
	t.Logf("lying server: the check found %d of %d acknowledged saves lost", lost, len(all))
}

// countingT swallows the errors verify reports, which this test expects.
type countingT struct {
	*testing.T
	errors int
}

func (c *countingT) Errorf(string, ...any) { c.errors++ }

// saveUntilKilled runs 16 savers; once at least 60 saves are acknowledged
// it kills the server while they are still sending. It returns the
// acknowledged saves and how many requests were in flight at the kill.
func saveUntilKilled(t *testing.T, c *httpapi.Client, p *serverProc, round int) ([]acked, int) {
	const workers = 16
	var (
		mu     sync.Mutex
		got    []acked
		busy   atomic.Int64
		killed atomic.Bool
		n      atomic.Int64
		wg     sync.WaitGroup
	)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil && !killed.Load() && i < 2000; i++ {
				busy.Add(1)
				a, err := saveOne(ctx, c, round, w, i)
				busy.Add(-1)
				if err != nil {
					continue // cut by the kill: not acknowledged, so not promised
				}
				mu.Lock()
				got = append(got, a)
				mu.Unlock()
				n.Add(1)
			}
		}()
	}
	deadline := time.Now().Add(15 * time.Second)
	for n.Load() < 60 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	killed.Store(true)
	inflight := busy.Load()
	p.kill()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return got, int(inflight)
}

func saveOne(ctx context.Context, c *httpapi.Client, round, w, i int) (acked, error) {
	// Sizes from a few hundred bytes to ~100 KB, so some writes are large
	// enough to be cut in the middle.
	text := strings.Repeat(fmt.Sprintf("Round %d worker %d save %d. ", round, w, i), 1+(i*37+w*11)%3000)
	set := &annot.Set{Format: annot.Format, Version: annot.Version, Articles: []annot.Article{{
		ID: "a", Title: "crash", Text: text, Hash: annot.ContentHash(text),
		Entities: []annot.Entity{{Start: 0, End: 5, Kind: "MISC"}},
	}}}
	if i%2 == 0 {
		_, blob, err := sharelink.SealSet(set)
		if err != nil {
			return acked{}, err
		}
		cr, err := c.CreateEncrypted(ctx, blob)
		if err != nil {
			return acked{}, err
		}
		return acked{cr.ID, annot.KindEncrypted, blob}, nil
	}
	js, err := annot.Encode(set)
	if err != nil {
		return acked{}, err
	}
	cr, err := c.CreatePublic(ctx, set)
	if err != nil {
		return acked{}, err
	}
	return acked{cr.ID, annot.KindPublic, js}, nil
}

// checkSQLiteIntegrity runs SQLite's own consistency check on a database
// file left behind by a killed server.
func checkSQLiteIntegrity(t *testing.T, path string, atLeast int) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Errorf("integrity_check after SIGKILLs: %s", res)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sets`).Scan(&n); err != nil || n < atLeast {
		t.Errorf("sets in the file: got %d (%v), want at least %d", n, err, atLeast)
	}
}

// verify reads every acknowledged save back and counts the missing or
// damaged ones, reporting the first few.
func verify(t interface {
	Helper()
	Errorf(string, ...any)
}, c *httpapi.Client, all []acked) int {
	t.Helper()
	bad := 0
	for _, a := range all {
		f, err := c.Get(context.Background(), a.id)
		var data []byte
		if err == nil {
			data = f.Sealed
			if a.kind == annot.KindPublic {
				data = f.Set
			}
		}
		if err != nil || f.Kind != a.kind || !bytes.Equal(data, a.data) {
			if bad++; bad <= 5 {
				t.Errorf("save %s after restart: err %v, got %d bytes, want %d", a.id, err, len(data), len(a.data))
			}
		}
	}
	return bad
}
