// Command uibench times the annotator the way a person uses it, in
// headless Chromium against the real server binary:
//
//   - ui.five.highlights / ui.five.matrix: from clicking "Add article" with
//     five ~700-word versions of one story pasted to all highlights shown,
//     and to the similarity matrix complete (goal ≤ 100 ms after load);
//   - ui.hundred.longest-block: the longest main-thread block (Long Tasks
//     API) while 100 articles are analysed and compared (goal ≤ 50 ms), with
//     the longest gap between animation frames as a cross-check.
//
// The articles are invented by the command (articles.go); no corpus is
// read. Output: `name value unit` lines.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gloss/internal/browsertest"

	"github.com/chromedp/chromedp"
)

func main() {
	bin := flag.String("bin", "bin/gloss", "server binary")
	web := flag.String("web", "web", "web directory with app.wasm")
	words := flag.Int("words", 700, "words per article")
	flag.Parse()
	if err := run(*bin, *web, *words); err != nil {
		fmt.Fprintln(os.Stderr, "uibench:", err)
		os.Exit(1)
	}
}

// result is what measure's script reports, in milliseconds.
type result struct {
	Highlights float64 `json:"highlights"`
	Done       float64 `json:"done"`
	MaxGap     float64 `json:"maxGap"`
	MaxLong    float64 `json:"maxLong"`
	LongTasks  int     `json:"longTasks"`
	TimedOut   bool    `json:"timedOut"`
	// Warm is mount to engine ready, WarmBlock the longest block up to
	// then (loading the model at page start).
	Warm, WarmBlock float64
}

func run(bin, web string, words int) error {
	tmp, err := os.MkdirTemp("", "uibench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	srv, err := browsertest.StartServer(bin, web, filepath.Join(tmp, "data"), 0)
	if err != nil {
		return err
	}
	defer srv.Kill()
	for _, c := range []struct {
		name string
		n    int
	}{{"five", 5}, {"hundred", 100}} {
		r, err := measure(srv.URL, filepath.Join(tmp, "profile-"+c.name), stories(c.n, 5, words))
		if err != nil {
			return fmt.Errorf("%s articles: %w", c.name, err)
		}
		if r.TimedOut {
			return fmt.Errorf("%s articles: not done after %.0f ms", c.name, r.Done)
		}
		if c.n == 5 {
			fmt.Printf("ui.warmup %.0f ms\n", r.Warm)
			fmt.Printf("ui.warmup.longest-block %.0f ms\n", r.WarmBlock)
		}
		p := "ui." + c.name + "."
		fmt.Printf("%shighlights %.0f ms\n", p, r.Highlights)
		fmt.Printf("%smatrix %.0f ms\n", p, r.Done)
		fmt.Printf("%slongest-block %.0f ms\n", p, r.MaxLong)
		fmt.Printf("%slongest-frame-gap %.0f ms\n", p, r.MaxGap)
		fmt.Printf("%slong-tasks %d count\n", p, r.LongTasks)
	}
	return nil
}

// measure loads the app in a fresh profile, pastes the texts as one paste
// (separated by --- lines) and watches the page until every article is
// highlighted and the similarity matrix is complete.
func measure(url, profile string, texts []string) (result, error) {
	ctx, cancel, err := browsertest.NewBrowser(context.Background(), profile)
	if err != nil {
		return result{}, err
	}
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		return result{}, err
	}
	if err := browsertest.WaitJS(ctx, browsertest.AppReady, time.Minute); err != nil {
		return result{}, err
	}
	// The page loads the engine in the background after mounting; time
	// from then on is what a person who starts working sees.
	if err := browsertest.WaitJS(ctx, "window.glossWarmAt !== undefined", time.Minute); err != nil {
		return result{}, err
	}
	warm, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async () => {
		const longs = [];
		await new Promise(r => {
			new PerformanceObserver(l => { for (const e of l.getEntries()) longs.push(e.duration); r(); }).observe({type: 'longtask', buffered: true});
			setTimeout(r, 200);
		});
		return [window.glossWarmAt - window.glossMountedAt, longs.length ? Math.max(...longs) : 0];
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, err
	}
	time.Sleep(500 * time.Millisecond)
	paste, _ := json.Marshal(strings.Join(texts, "\n---\n"))
	script := fmt.Sprintf(measureJS, paste, len(texts), 240_000)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, err
	}
	var r result
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return result{}, fmt.Errorf("%s: %w", raw, err)
	}
	r.Warm, r.WarmBlock = warm[0], warm[1]
	return r, nil
}

// measureJS: %[1]s the pasted text (JSON), %[2]d the article count, %[3]d
// the time limit in ms. Times are from the click that adds the articles.
const measureJS = `(async () => {
	const n = %[2]d, limit = %[3]d;
	const ta = document.querySelector('[data-testid="paste"]');
	ta.value = %[1]s;
	ta.dispatchEvent(new Event('input', {bubbles: true}));
	const btn = document.querySelector('[data-testid="add-article"]');
	while (btn.disabled) await new Promise(r => requestAnimationFrame(r));
	const longs = [];
	const obs = new PerformanceObserver(l => { for (const e of l.getEntries()) longs.push(e.duration); });
	obs.observe({type: 'longtask'});
	const t0 = performance.now();
	let last = t0, maxGap = 0, highlights = null;
	btn.click();
	return await new Promise(resolve => {
		const finish = (now, timedOut) => {
			obs.disconnect();
			resolve(JSON.stringify({highlights, done: now - t0, maxGap,
				maxLong: longs.length ? Math.max(...longs) : 0, longTasks: longs.length, timedOut}));
		};
		const tick = now => {
			maxGap = Math.max(maxGap, now - last);
			last = now;
			const arts = document.querySelectorAll('[data-testid="article"]');
			const ready = arts.length === n && ![...arts].some(a => a.querySelector('.meta').textContent.includes('analysing'));
			if (highlights === null && ready) highlights = now - t0;
			const m = Math.min(n, 12);
			const cells = document.querySelectorAll('[data-testid="sim-cell"]');
			if (ready && !document.querySelector('[data-testid="progress"]') && cells.length === m * (m - 1) &&
				[...cells].every(c => c.dataset.relation !== 'pending')) return finish(now, false);
			if (now - t0 > limit) return finish(now, true);
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
})()`
