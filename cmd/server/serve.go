//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gloss/internal/server"
)

// Config is everything the server reads from flags and the environment.
type Config struct {
	Addr            string         // listen address
	Data            string         // data directory (SQLite file, created if missing)
	DB              string         // SQLite path, or a postgres:// URL
	Web             string         // directory of static assets with app.wasm
	Static          string         // if set: write a static site there and exit
	MaxBody         int64          // request body limit for the API, bytes
	CreatePerMinute int            // saved-set creations allowed per client per minute
	LogFormat       string         // text or json
	TrustedProxies  []netip.Prefix // load balancers whose X-Forwarded-For is believed
}

func serve() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "gloss:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gloss:", err)
		os.Exit(1)
	}
}

// parseConfig reads flags, falling back to environment variables, then to
// defaults that need no setup.
func parseConfig(args []string, getenv func(string) string) (Config, error) {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	addr := ":8080"
	if p := getenv("PORT"); p != "" {
		addr = ":" + p
	}
	maxBody, err := strconv.ParseInt(env("GLOSS_MAX_BODY", "8388608"), 10, 64)
	if err != nil {
		return Config{}, fmt.Errorf("GLOSS_MAX_BODY: %w", err)
	}
	rate, err := strconv.Atoi(env("GLOSS_CREATE_PER_MINUTE", "30"))
	if err != nil {
		return Config{}, fmt.Errorf("GLOSS_CREATE_PER_MINUTE: %w", err)
	}
	var c Config
	fs := flag.NewFlagSet("gloss", flag.ContinueOnError)
	fs.StringVar(&c.Addr, "addr", env("GLOSS_ADDR", addr), "listen address (env GLOSS_ADDR; PORT=n means :n)")
	fs.StringVar(&c.Data, "data", env("GLOSS_DATA", "./data"), "data directory, created if missing (env GLOSS_DATA)")
	fs.StringVar(&c.DB, "db", env("GLOSS_DB", ""), "database: an SQLite file path (default <data>/gloss.db) or a postgres:// URL (env GLOSS_DB)")
	fs.StringVar(&c.Web, "web", env("GLOSS_WEB", "./web"), "directory of static assets holding app.wasm (env GLOSS_WEB)")
	fs.StringVar(&c.Static, "static", "", "write a self-contained static site into this directory and exit")
	fs.Int64Var(&c.MaxBody, "max-body", maxBody, "largest accepted API request body in bytes (env GLOSS_MAX_BODY)")
	fs.IntVar(&c.CreatePerMinute, "create-per-minute", rate, "saved sets one client may create per minute (env GLOSS_CREATE_PER_MINUTE)")
	fs.StringVar(&c.LogFormat, "log", env("GLOSS_LOG", "text"), "log format: text or json (env GLOSS_LOG)")
	proxies := fs.String("trusted-proxies", env("GLOSS_TRUSTED_PROXIES", ""), "comma-separated CIDRs of load balancers whose X-Forwarded-For is believed for rate limiting (env GLOSS_TRUSTED_PROXIES)")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			return Config{}, fmt.Errorf("-trusted-proxies: %w", err)
		}
		c.TrustedProxies = append(c.TrustedProxies, pfx)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return Config{}, fmt.Errorf("-log must be text or json, not %q", c.LogFormat)
	}
	if c.MaxBody <= 0 || c.CreatePerMinute <= 0 {
		return Config{}, errors.New("-max-body and -create-per-minute must be positive")
	}
	return c, nil
}

func run(ctx context.Context, cfg Config, logOut io.Writer) error {
	var h slog.Handler = slog.NewTextHandler(logOut, nil)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(logOut, nil)
	}
	log := slog.New(h)

	version, err := server.Version(cfg.Web)
	if err != nil {
		return err
	}
	if cfg.Static != "" {
		if err := server.WriteStatic(cfg.Static, cfg.Web, version); err != nil {
			return err
		}
		log.Info("static site written", "dir", cfg.Static, "version", version)
		return nil
	}

	api, closer, err := openAPI(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closer.Close()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           server.New(server.Options{WebDir: cfg.Web, API: api, Log: log, Version: version}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	log.Info("serving", "addr", ln.Addr().String(), "version", version, "web", cfg.Web)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}
