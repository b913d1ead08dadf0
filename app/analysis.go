package app

import (
	"strconv"
	"time"

	"gloss/internal/entity"
	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// yield gives the browser a turn between two slices of engine work. In
// js/wasm a busy goroutine holds the page's only thread, runtime.Gosched
// does not give it back, and even time.Sleep may not: if another goroutine
// (go-app's, rendering the last result) is still busy when the sleep ends,
// the Go scheduler resumes the sleeper without ever returning to the
// browser. Waiting for a JavaScript timer does: its callback can only run
// once Go has gone idle and the event loop has had its turn.
func yield() {
	if !app.IsClient {
		time.Sleep(time.Millisecond)
		return
	}
	done := make(chan struct{})
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		close(done)
		return nil
	})
	app.Window().Call("setTimeout", f, 1)
	<-done
}

// flushEvery batches results handed to the page, so that a large batch
// re-renders the page a few times a second rather than once per article or
// pair.
const flushEvery = 250 * time.Millisecond

// analyse starts background work for whatever is not analysed yet: first
// the entities of every new text, one chunk of about 2,000 tokens at a
// time, then the pairwise comparisons, one pair at a time. It runs on the
// UI goroutine and only starts one worker; a worker that finishes calls it
// again to pick up what arrived meanwhile.
func (w *Workspace) analyse(_ app.Context) {
	// Work is dispatched through the page's own context: an event's context
	// belongs to the element clicked, which may be gone (a removed article)
	// by the time the work is done, and go-app drops dispatches to it.
	ctx := w.ctx
	p := w.state()
	if p.progress.Phase != "" || p.warming {
		return
	}
	if pending := p.ws.Pending(); len(pending) > 0 {
		type job struct{ hash, text string }
		jobs := make([]job, len(pending))
		for i, a := range pending {
			jobs[i] = job{a.Hash, a.Text}
		}
		p.progress = progress{Phase: "Finding entities…", Total: len(jobs)}
		ctx.Async(func() {
			if err := entity.Load(); err != nil {
				ctx.Dispatch(func(ctx app.Context) {
					p.progress = progress{}
					p.status = "The entity model could not be loaded: " + err.Error()
				})
				return
			}
			var batch []func()
			flush := func(done int) {
				apply := batch
				batch = nil
				ctx.Dispatch(func(ctx app.Context) {
					for _, f := range apply {
						f()
					}
					p.progress.Done = done
					p.progress.Phase = "Finding entities: " + strconv.Itoa(done) + " of " + strconv.Itoa(len(jobs)) + " articles"
				})
			}
			for i, j := range jobs {
				var ms []workspace.Mention
				var failed error
				for _, c := range workspace.Chunks(j.text) {
					ents, err := entity.Recognize(j.text[c.Start:c.End])
					if err != nil {
						failed = err
						break
					}
					for _, e := range ents {
						ms = append(ms, workspace.Mention{Start: c.Start + e.Start, End: c.Start + e.End, Label: e.Label})
					}
					yield()
				}
				batch = append(batch, func() {
					if failed != nil {
						p.status = "Analysis failed: " + failed.Error()
						ms = nil // shown unhighlighted rather than half done
					}
					p.ws.SetAuto(j.hash, ms)
				})
				// One article per update: its highlights are what the page
				// must mount, and mounting many at once is a long block.
				flush(i + 1)
			}
			ctx.Dispatch(w.next)
		})
		return
	}
	pairs := p.ws.Uncompared()
	if len(pairs) == 0 {
		if p.ws.Rev() != p.memoRev {
			p.derive()
		}
		w.markIdle()
		return
	}
	type job struct{ ha, hb, a, b string }
	jobs := make([]job, len(pairs))
	for i, pr := range pairs {
		a, b := p.ws.Articles[pr[0]], p.ws.Articles[pr[1]]
		jobs[i] = job{a.Hash, b.Hash, a.Text, b.Text}
	}
	prefilter := workspace.NeedsPrefilter(len(p.ws.Articles))
	p.progress = progress{Phase: "Comparing articles…", Total: len(jobs)}
	ctx.Async(func() {
		// With many articles, cheap trigram sets rule out most pairs first;
		// they too are built in slices.
		shingles := map[string]workspace.Shingles{}
		if prefilter {
			n := 0
			for _, j := range jobs {
				for _, t := range [][2]string{{j.ha, j.a}, {j.hb, j.b}} {
					if _, ok := shingles[t[0]]; !ok {
						shingles[t[0]] = workspace.ShinglesOf(t[1])
						if n++; n%8 == 0 {
							yield()
						}
					}
				}
			}
		}
		var batch []func()
		last := time.Now()
		cheap := 0 // prefilter decisions since the last yield
		for i, j := range jobs {
			var r workspace.PairResult
			var err error
			full := true
			if prefilter {
				r, full = workspace.Related(shingles[j.ha], shingles[j.hb])
			}
			if full {
				r, err = workspace.ComparePair(j.a, j.b)
			}
			batch = append(batch, func() {
				if err != nil {
					p.status = "Comparison failed: " + err.Error()
					r = workspace.PairResult{Relation: workspace.Unrelated}
				}
				p.ws.SetPair(j.ha, j.hb, r)
			})
			if time.Since(last) >= flushEvery || i == len(jobs)-1 {
				apply, done := batch, i+1
				batch, last = nil, time.Now()
				ctx.Dispatch(func(ctx app.Context) {
					for _, f := range apply {
						f()
					}
					p.progress.Done = done
					p.progress.Phase = "Comparing articles: " + strconv.Itoa(done) + " of " + strconv.Itoa(len(jobs)) + " pairs"
				})
			}
			if cheap++; full || cheap >= 64 {
				cheap = 0
				yield()
			}
		}
		ctx.Dispatch(w.next)
	})
}

// warmUp loads the entity model and runs one tiny comparison soon after
// the page mounts, so their one-off set-up cost is paid while the person
// is still reading the page rather than when they add the first article.
// Analysis that starts first simply waits for it.
func (w *Workspace) warmUp() {
	ctx := w.ctx
	p := w.state()
	p.warming = true
	ctx.Async(func() {
		time.Sleep(300 * time.Millisecond) // let the page paint first
		err := entity.Load()
		yield()
		if err == nil {
			_, err = workspace.ComparePair("Warm up the comparison.", "Warm up the comparison engine.")
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.warming = false
			if err != nil {
				p.status = "The analysis engine could not start: " + err.Error()
			}
			app.Window().Set("glossWarmAt", app.Window().Get("performance").Call("now"))
			w.analyse(ctx)
		})
	})
}

// next runs when a worker finished: start on anything that arrived since.
func (w *Workspace) next(ctx app.Context) {
	p := w.state()
	p.progress = progress{}
	w.analyse(ctx)
	if p.progress.Phase == "" {
		// Everything is analysed: keep the analysis in the draft too, so a
		// reload shows highlights at once.
		w.saveSoon(ctx)
	}
}

// markIdle tells tests and benchmarks that every highlight and comparison
// is on the page.
func (w *Workspace) markIdle() {
	app.Window().Set("glossIdleAt", app.Window().Get("performance").Call("now"))
}

func itoa(n int) string { return strconv.Itoa(n) }
