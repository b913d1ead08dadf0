// Command webbench measures what a visitor pays for Gloss: the sizes of
// app.wasm (the UI) and engine.wasm (the analysis worker) raw, gzip and
// brotli, with their brotli total, and load times in headless Chromium (median of
// runs): a cold load with an empty profile, and a reload with the server
// stopped, served by the service worker. Output: `name value unit` lines.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"gloss/internal/browsertest"

	"github.com/chromedp/chromedp"
)

func main() {
	bin := flag.String("bin", "bin/gloss", "server binary")
	web := flag.String("web", "web", "web directory with app.wasm")
	runs := flag.Int("runs", 5, "runs per timing (the median is printed)")
	flag.Parse()
	if err := run(*bin, *web, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "webbench:", err)
		os.Exit(1)
	}
}

func run(bin, web string, runs int) error {
	var total int64
	for _, w := range []struct{ name, file string }{{"wasm", "app.wasm"}, {"engine", "engine.wasm"}} {
		for _, v := range []struct{ name, suffix string }{{"raw", ""}, {"gzip", ".gz"}, {"brotli", ".br"}} {
			st, err := os.Stat(filepath.Join(web, w.file+v.suffix))
			if err != nil {
				return err
			}
			fmt.Printf("web.%s.%s %d bytes\n", w.name, v.name, st.Size())
			if v.name == "brotli" {
				total += st.Size()
			}
		}
	}
	fmt.Printf("web.download.brotli %d bytes\n", total)
	var cold, offline []float64
	for i := 0; i < runs; i++ {
		c, o, err := once(bin, web)
		if err != nil {
			return err
		}
		cold, offline = append(cold, c), append(offline, o)
	}
	fmt.Printf("web.load.cold %.0f ms\n", median(cold))
	fmt.Printf("web.load.offline-reload %.0f ms\n", median(offline))
	return nil
}

// once loads the app in a fresh profile, then stops the server and reloads.
// Each time is navigation start to the app's mount (window.glossMountedAt).
func once(bin, web string) (cold, offline float64, err error) {
	tmp, err := os.MkdirTemp("", "webbench-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(tmp)
	srv, err := browsertest.StartServer(bin, web, filepath.Join(tmp, "data"), 0)
	if err != nil {
		return 0, 0, err
	}
	defer srv.Kill()
	ctx, cancel, err := browsertest.NewBrowser(context.Background(), filepath.Join(tmp, "profile"))
	if err != nil {
		return 0, 0, err
	}
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()

	mounted := func() (float64, error) {
		if err := browsertest.WaitJS(ctx, browsertest.AppReady, time.Minute); err != nil {
			return 0, err
		}
		return chromedp.Run(ctx, chromedp.Evaluate[float64]("window.glossMountedAt"))
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		return 0, 0, err
	}
	if cold, err = mounted(); err != nil {
		return 0, 0, err
	}
	if err := browsertest.WaitJS(ctx, browsertest.OfflineReady, time.Minute); err != nil {
		return 0, 0, err
	}
	srv.Kill()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		return 0, 0, err
	}
	if offline, err = mounted(); err != nil {
		return 0, 0, err
	}
	return cold, offline, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
