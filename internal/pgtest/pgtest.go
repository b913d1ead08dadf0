//go:build !wasm

// Package pgtest starts a real, throwaway PostgreSQL from the local
// installation for tests and benchmarks, so the PostgreSQL half of the
// storage suite runs in plain `go test ./...` instead of against a mock.
//
// If GLOSS_TEST_POSTGRES holds a postgres:// URL, that server is used
// instead. When neither is possible, tests skip with a clear message, except
// when CI=true, where a PostgreSQL that cannot start is a failure.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// EnvURL names the variable that points tests at an existing server.
const EnvURL = "GLOSS_TEST_POSTGRES"

// Options tune a server started by Start.
type Options struct {
	// Durable keeps fsync on. Tests leave it off: they kill the client
	// process, never PostgreSQL, so it only costs time; benchmarks turn it
	// on to measure what production pays.
	Durable bool
}

// Server is a running throwaway PostgreSQL owned by this process.
type Server struct {
	dir  string // temp root: data/ and the unix socket live here
	bin  string
	port int
	cmd  *exec.Cmd
	done chan error
	n    atomic.Int64
	log  bytes.Buffer
}

// Start initialises a fresh cluster in a temp dir and starts it listening
// only on a unix socket there. Stop removes everything.
func Start(ctx context.Context, opt Options) (_ *Server, err error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	cred, err := credential()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(tempRoot(), "gloss-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin, done: make(chan error, 1)}
	defer func() {
		if err != nil {
			s.Stop()
		}
	}()
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, fmt.Errorf("pgtest: chown %s: %w", dir, err)
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgtest: initdb: %v: %s", err, lastLine(out))
	}
	if s.port, err = freePort(); err != nil {
		return nil, err
	}
	args := []string{"-D", data, "-p", strconv.Itoa(s.port), "-k", dir,
		"-c", "listen_addresses=", "-c", "max_connections=200", "-c", "logging_collector=off"}
	if !opt.Durable {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	s.cmd = exec.Command(filepath.Join(bin, "postgres"), args...)
	// Pdeathsig: if the test binary dies (timeout, SIGKILL), the server
	// goes with it instead of lingering on the machine.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL, Setpgid: true}
	s.cmd.Stdout = &s.log
	s.cmd.Stderr = &s.log
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("pgtest: start postgres: %w", err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	if err := s.waitReady(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		c := exec.CommandContext(ctx, filepath.Join(s.bin, "pg_isready"), "-q", "-h", s.dir, "-p", strconv.Itoa(s.port), "-U", "postgres")
		if c.Run() == nil {
			return nil
		}
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("pgtest: postgres exited: %v: %s", err, lastLine(s.log.Bytes()))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("pgtest: postgres not ready after 30s: %s", lastLine(s.log.Bytes()))
		}
	}
}

// CreateDB makes a new empty database and returns its URL.
func (s *Server) CreateDB(ctx context.Context) (string, error) {
	name := fmt.Sprintf("gloss_%d", s.n.Add(1))
	c := exec.CommandContext(ctx, filepath.Join(s.bin, "createdb"), "-h", s.dir, "-p", strconv.Itoa(s.port), "-U", "postgres", name)
	if out, err := c.CombinedOutput(); err != nil {
		return "", fmt.Errorf("pgtest: createdb: %v: %s", err, lastLine(out))
	}
	return s.URL(name), nil
}

// URL returns the postgres:// URL of database name on this server.
func (s *Server) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@localhost:%d/%s?host=%s&sslmode=disable", s.port, name, url.QueryEscape(s.dir))
}

// Stop shuts the server down (fast mode) and removes its files.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		if s.cmd.Process.Signal(syscall.SIGINT) == nil {
			select {
			case <-s.done:
			case <-time.After(10 * time.Second):
				_ = s.cmd.Process.Kill() // best effort; Pdeathsig is the backstop
				<-s.done
			}
		}
	}
	_ = os.RemoveAll(s.dir) // a leftover temp dir is not worth failing a test for
}

var shared struct {
	mu     sync.Mutex
	inMain bool
	srv    *Server
	err    error
}

// Main runs a test binary's tests with one shared server, started on first
// use and stopped at the end: func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }.
// Without it, each DSN call starts and stops its own server.
func Main(m *testing.M) int {
	shared.mu.Lock()
	shared.inMain = true
	shared.mu.Unlock()
	code := m.Run()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.srv != nil {
		shared.srv.Stop()
	}
	return code
}

// DSN returns the URL of an empty database for the test: a fresh database
// on the throwaway server, or the GLOSS_TEST_POSTGRES server as given (then
// tests share it, which the store suite tolerates since ids are random).
func DSN(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	srv, err := server(t)
	if err != nil {
		Unavailable(t, err)
	}
	dsn, err := srv.CreateDB(context.Background())
	if err != nil {
		Unavailable(t, err)
	}
	return dsn
}

func server(t testing.TB) (*Server, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.inMain {
		s, err := Start(context.Background(), Options{})
		if err == nil {
			t.Cleanup(s.Stop)
		}
		return s, err
	}
	if shared.srv == nil && shared.err == nil {
		shared.srv, shared.err = Start(context.Background(), Options{})
	}
	return shared.srv, shared.err
}

// Unavailable ends a test that needs PostgreSQL but cannot have one: one
// clear failing line in CI, a skip with the reason elsewhere.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("PostgreSQL is required in CI but cannot start: %v", err)
	}
	t.Skipf("skipping PostgreSQL test: %v (install postgresql or set %s)", err, EnvURL)
}

// findBin locates the directory with initdb and postgres: PATH first, then
// Debian's versioned /usr/lib/postgresql/N/bin, newest first.
func findBin() (string, error) {
	var dirs []string
	if p, err := exec.LookPath("initdb"); err == nil {
		// Debian links only some tools into PATH; the rest sit beside the
		// link's target.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			dirs = append(dirs, filepath.Dir(real))
		}
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin") // Glob only fails on a bad pattern
	slices.SortFunc(found, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return vb - va
	})
	dirs = append(dirs, found...)
	for _, d := range dirs {
		if hasTools(d) {
			return d, nil
		}
	}
	return "", errors.New("no PostgreSQL installation found (initdb, postgres, pg_isready and createdb in one directory, from PATH or /usr/lib/postgresql/*/bin)")
}

func hasTools(dir string) bool {
	for _, tool := range []string{"initdb", "postgres", "pg_isready", "createdb"} {
		if _, err := os.Stat(filepath.Join(dir, tool)); err != nil {
			return false
		}
	}
	return true
}

// credential returns the postgres OS user to run as when we are root,
// because PostgreSQL refuses to run as root.
func credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root and no postgres user to run PostgreSQL as: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("postgres user ids: %w", err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// tempRoot is where clusters go: /tmp when it exists, because the postgres
// user must be able to reach the directory (a TMPDIR under /root is closed
// to it) and the socket path must stay under the kernel's ~107 bytes.
func tempRoot() string {
	if fi, err := os.Stat("/tmp"); err == nil && fi.IsDir() {
		return "/tmp"
	}
	return os.TempDir()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
