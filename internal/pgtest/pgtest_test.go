//go:build !wasm

package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestDSN(t *testing.T) {
	a, b := DSN(t), DSN(t)
	if !strings.HasPrefix(a, "postgres://") {
		t.Errorf("DSN: got %q, want a postgres:// URL", a)
	}
	if os.Getenv(EnvURL) == "" && a == b {
		t.Errorf("two DSN calls gave the same database %q; each test wants an empty one", a)
	}
}

func TestStartStop(t *testing.T) {
	if os.Getenv(EnvURL) != "" {
		t.Skipf("%s is set; this test exercises the throwaway server", EnvURL)
	}
	s, err := Start(context.Background(), Options{})
	if err != nil {
		Unavailable(t, err)
	}
	dsn, err := s.CreateDB(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dsn, "host=") {
		t.Errorf("URL %q: want the unix socket directory as host=", dsn)
	}
	dir := s.dir
	s.Stop()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Stop, %s: got %v, want it removed", dir, err)
	}
}

// fakeTB records how Unavailable ends a test without ending this one.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Skipf(format string, a ...any)  { f.skipped = fmt.Sprintf(format, a...) }
func (f *fakeTB) Fatalf(format string, a ...any) { f.failed = fmt.Sprintf(format, a...) }

func TestUnavailable(t *testing.T) {
	for _, tt := range []struct {
		name, ci string
		fail     bool
	}{
		{"CI fails", "true", true},
		{"local skips", "", false},
		{"other CI value skips", "false", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			f := &fakeTB{TB: t}
			Unavailable(f, errors.New("no initdb"))
			got := f.skipped
			if tt.fail {
				got = f.failed
			}
			if !strings.Contains(got, "no initdb") || (f.failed != "") != tt.fail {
				t.Errorf("got skipped %q failed %q, want fail=%v naming the cause", f.skipped, f.failed, tt.fail)
			}
		})
	}
}
