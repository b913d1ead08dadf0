// Command uibench times the annotator the way a person uses it, in
// headless Chromium against the real server binary:
//
//   - ui.five.highlights / ui.five.matrix: from clicking "Add article" with
//     five ~700-word versions of one story pasted to all highlights shown,
//     and to the similarity matrix complete, every cell with its final score
//     and relation (goal ≤ 100 ms after load); ui.five.done: to the
//     sentence details of every pair too (pair view, unique text) and the
//     page idle;
//   - ui.hundred.longest-block: the longest main-thread block (Long Tasks
//     API) while 100 articles are analysed and compared (goal ≤ 50 ms), with
//     the longest gap between animation frames as a cross-check;
//   - ui.long.highlights / ui.long.longest-block: one article of ~300 KB
//     (varied generated stories one after another) from clicking "Add
//     article" to its highlights shown, and the longest main-thread block
//     meanwhile: a long text must not freeze the page.
//
// The articles are invented (internal/workspace/newsgen); no corpus is
// read. Output: `name value unit` lines.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gloss/internal/browsertest"
	"gloss/internal/workspace/newsgen"

	"github.com/chromedp/chromedp"
)

func main() {
	bin := flag.String("bin", "bin/gloss", "server binary")
	web := flag.String("web", "web", "web directory with app.wasm")
	words := flag.Int("words", 700, "words per article")
	flag.IntVar(&runs, "runs", 5, "runs of the five-article case (half as many of the hundred); figures are medians")
	flag.DurationVar(&profileFor, "profile-for", 0, "with -profile, profile only this long from the click")
	flag.StringVar(&profileCase, "profile", "", "profile the page's main thread during this case (five, hundred or long) and print where its time goes")
	cases := flag.String("cases", "five,hundred,long", "cases to run, comma-separated")
	flag.Parse()
	if err := run(*bin, *web, *words, strings.Split(*cases, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "uibench:", err)
		os.Exit(1)
	}
}

// runs is how many times the five-article case is measured (-runs).
var runs int

// profileCase is the case to profile (-profile), "" for none.
var profileCase string

// profileFor limits the profile to the start of the run (-profile-for).
var profileFor time.Duration

// result is what measure's script reports, in milliseconds.
type result struct {
	Highlights float64 `json:"highlights"`
	Matrix     float64 `json:"matrix"`
	Done       float64 `json:"done"`
	MaxGap     float64 `json:"maxGap"`
	MaxLong    float64 `json:"maxLong"`
	LongTasks  int     `json:"longTasks"`
	TimedOut   bool    `json:"timedOut"`
	// Timeline lists the page's performance marks and long tasks: start
	// and duration in ms from the click, and name (printed with -profile).
	Timeline [][3]any `json:"timeline"`
	// Warm is mount to engine ready, WarmBlock the longest block up to
	// then (loading the model at page start).
	Warm, WarmBlock float64
}

// longBytes is the size of the long case's one article.
const longBytes = 300_000

// longText is one article of at least longBytes: different stories one
// after another, so its entities and sentences vary as a real long text's.
func longText(words int) []string {
	var b strings.Builder
	for i := 0; b.Len() < longBytes; i++ {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(newsgen.Stories(i+1, 1, words)[i])
	}
	return []string{b.String()}
}

func run(bin, web string, words int, cases []string) error {
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
		name  string
		texts []string
		runs  int
	}{
		{"five", newsgen.Stories(5, 5, words), runs},
		{"hundred", newsgen.Stories(100, 5, words), max(1, runs/2)},
		{"long", longText(words), max(1, runs/2)},
	} {
		if !slices.Contains(cases, c.name) {
			continue
		}
		// Each run is a fresh browser profile; the figures are medians
		// over the runs, as the machine's load varies from run to run.
		var rs []result
		for k := range c.runs {
			r, err := measure(srv.URL, filepath.Join(tmp, fmt.Sprintf("profile-%s-%d", c.name, k)), c.texts, c.name == profileCase && k == 0)
			if err != nil {
				return fmt.Errorf("%s articles: %w", c.name, err)
			}
			if r.TimedOut {
				return fmt.Errorf("%s articles: not done after %.0f ms", c.name, r.Done)
			}
			rs = append(rs, r)
		}
		med := func(f func(r result) float64) float64 {
			v := make([]float64, len(rs))
			for i, r := range rs {
				v[i] = f(r)
			}
			sort.Float64s(v)
			return v[len(v)/2]
		}
		if c.name == "five" {
			fmt.Printf("ui.warmup %.0f ms\n", med(func(r result) float64 { return r.Warm }))
			fmt.Printf("ui.warmup.longest-block %.0f ms\n", med(func(r result) float64 { return r.WarmBlock }))
		}
		p := "ui." + c.name + "."
		fmt.Printf("%shighlights %.0f ms\n", p, med(func(r result) float64 { return r.Highlights }))
		fmt.Printf("%smatrix %.0f ms\n", p, med(func(r result) float64 { return r.Matrix }))
		fmt.Printf("%sdone %.0f ms\n", p, med(func(r result) float64 { return r.Done }))
		fmt.Printf("%slongest-block %.0f ms\n", p, med(func(r result) float64 { return r.MaxLong }))
		fmt.Printf("%slongest-frame-gap %.0f ms\n", p, med(func(r result) float64 { return r.MaxGap }))
		fmt.Printf("%slong-tasks %.0f count\n", p, med(func(r result) float64 { return float64(r.LongTasks) }))
		if c.name == "long" {
			fmt.Printf("%sbytes %d B\n", p, len(c.texts[0]))
		}
		fmt.Printf("%sruns %d count\n", p, len(rs))
	}
	return nil
}

// measure loads the app in a fresh profile, pastes the texts as one paste
// (separated by --- lines) and watches the page until every article is
// highlighted and the similarity matrix is complete.
func measure(url, profile string, texts []string, prof bool) (result, error) {
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
	if prof {
		if err := startProfile(ctx); err != nil {
			return result{}, err
		}
	}
	var profErr error
	stopped := make(chan struct{})
	if prof && profileFor > 0 {
		// Profile only the first profileFor of the run.
		go func() {
			defer close(stopped)
			time.Sleep(profileFor)
			profErr = stopProfile(ctx, os.Stderr, 45)
		}()
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, err
	}
	if prof && profileFor > 0 {
		<-stopped
	} else if prof {
		profErr = stopProfile(ctx, os.Stderr, 45)
	}
	if profErr != nil {
		return result{}, profErr
	}
	var r result
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return result{}, fmt.Errorf("%s: %w", raw, err)
	}
	if prof {
		for _, e := range r.Timeline {
			fmt.Fprintf(os.Stderr, "%8.1f %6.1f  %v\n", e[0], e[1], e[2])
		}
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
	const obs = new PerformanceObserver(l => { for (const e of l.getEntries()) longs.push(e); });
	obs.observe({type: 'longtask'});
	const idleBefore = window.glossIdleAt;
	const t0 = performance.now();
	let last = t0, maxGap = 0, highlights = null, matrix = null;
	btn.click();
	return await new Promise(resolve => {
		const finish = async (now, timedOut) => {
			// A long task is reported after it ends, in a later task: the
			// one that ends as the page becomes ready (the render of what
			// was waited for) would be missed without waiting a moment.
			await new Promise(r => setTimeout(r, 200));
			for (const e of obs.takeRecords()) longs.push(e);
			obs.disconnect();
			const timeline = [...performance.getEntriesByType('mark').filter(m => m.startTime >= t0).map(m => [m.startTime - t0, 0, m.name]),
				...longs.map(l => [l.startTime - t0, l.duration, 'long task'])].sort((a, b) => a[0] - b[0]);
			resolve(JSON.stringify({highlights, matrix, done: now - t0, maxGap,
				maxLong: longs.length ? Math.max(...longs.map(l => l.duration)) : 0, longTasks: longs.length, timedOut, timeline}));
		};
		const tick = now => {
			maxGap = Math.max(maxGap, now - last);
			last = now;
			const arts = document.querySelectorAll('[data-testid="article"]');
			// Open articles say "analysing…" until highlighted; collapsed ones
			// show no highlights, and the status line says whether entities
			// are still being found for them.
			const status = document.querySelector('[data-testid="status"]')?.textContent ?? '';
			const ready = arts.length === n && ![...arts].some(a => a.querySelector('.meta').textContent.includes('analysing')) &&
				!status.startsWith('Finding entities') && !status.startsWith('Loading the analysis engine');
			if (highlights === null && ready) highlights = now - t0;
			const m = Math.min(n, 12);
			const cells = document.querySelectorAll('[data-testid="sim-cell"]');
			const final = ready && cells.length === m * (m - 1) && [...cells].every(c => c.dataset.relation !== 'pending');
			if (matrix === null && final) matrix = now - t0;
			if (final && !document.querySelector('[data-testid="progress"]') && window.glossIdleAt !== idleBefore) return finish(now, false);
			if (now - t0 > limit) return finish(now, true);
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
})()`
