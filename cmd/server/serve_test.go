//go:build !wasm

package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	for _, tt := range []struct {
		name    string
		args    []string
		env     map[string]string
		want    func(Config) bool
		wantErr string
	}{
		{"defaults", nil, nil, func(c Config) bool {
			return c.Addr == ":8080" && c.Data == "./data" && c.DB == "" && c.Web == "./web" && c.MaxBody == 8<<20 && c.LogFormat == "text"
		}, ""},
		{"PORT", nil, map[string]string{"PORT": "9000"}, func(c Config) bool { return c.Addr == ":9000" }, ""},
		{"flag beats env", []string{"-addr", "127.0.0.1:1"}, map[string]string{"PORT": "9000", "GLOSS_ADDR": ":2"}, func(c Config) bool { return c.Addr == "127.0.0.1:1" }, ""},
		{"env db", nil, map[string]string{"GLOSS_DB": "postgres://x/y"}, func(c Config) bool { return c.DB == "postgres://x/y" }, ""},
		{"proxies", []string{"-trusted-proxies", "10.0.0.0/8, fd00::/8"}, nil, func(c Config) bool {
			return len(c.TrustedProxies) == 2 && c.TrustedProxies[1].String() == "fd00::/8"
		}, ""},
		{"bad proxy", nil, map[string]string{"GLOSS_TRUSTED_PROXIES": "10.0.0.1"}, nil, "-trusted-proxies"},
		{"bad log", []string{"-log", "xml"}, nil, nil, "-log"},
		{"bad env number", nil, map[string]string{"GLOSS_MAX_BODY": "lots"}, nil, "GLOSS_MAX_BODY"},
		{"stray args", []string{"serve"}, nil, nil, "unexpected"},
		{"zero limit", []string{"-max-body", "0"}, nil, nil, "positive"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseConfig(tt.args, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(c) {
				t.Errorf("config = %+v", c)
			}
		})
	}
}

// TestRunServesAndShutsDown runs the real server loop on SQLite: it creates
// the data directory and database file, serves, and stops cleanly when its
// context ends (as on SIGTERM).
func TestRunServesAndShutsDown(t *testing.T) {
	web := t.TempDir()
	if err := os.WriteFile(filepath.Join(web, "app.wasm"), []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	data := filepath.Join(t.TempDir(), "nested", "data")
	cfg, err := parseConfig([]string{"-addr", addr, "-data", data, "-web", web, "-log", "json"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var logs bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, &logs) }()

	var resp *http.Response
	for i := 0; i < 100; i++ {
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server never answered: %v\n%s", err, logs.String())
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz = %d", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(data, "gloss.db")); err != nil {
		t.Errorf("SQLite file not created under -data: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no shutdown within 20s")
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Errorf("logs lack the shutdown record:\n%s", logs.String())
	}
}

func TestRunWithoutWasm(t *testing.T) {
	cfg, _ := parseConfig([]string{"-web", t.TempDir(), "-data", t.TempDir()}, func(string) string { return "" })
	err := run(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "make build") {
		t.Fatalf("err = %v, want a hint to run make build", err)
	}
}
