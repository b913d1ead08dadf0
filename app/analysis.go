package app

import (
	"strconv"
	"time"

	"gloss/internal/entity"
	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// sliceGap is the pause between two slices of engine work. In js/wasm a
// busy goroutine holds the page's only thread and runtime.Gosched does not
// give it back to the browser; a real timer wait does, so input, paint and
// scrolling get their turn between slices.
const sliceGap = 2 * time.Millisecond

func yield() { time.Sleep(sliceGap) }

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
	if p.progress.Phase != "" {
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
				done := i + 1
				ctx.Dispatch(func(ctx app.Context) {
					if failed != nil {
						p.status = "Analysis failed: " + failed.Error()
						ms = nil // shown unhighlighted rather than half done
					}
					p.ws.SetAuto(j.hash, ms)
					p.progress.Done = done
					p.progress.Phase = "Finding entities: " + strconv.Itoa(done) + " of " + strconv.Itoa(len(jobs)) + " articles"
				})
			}
			ctx.Dispatch(w.next)
		})
		return
	}
	pairs := p.ws.PendingPairs()
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
	p.progress = progress{Phase: "Comparing articles…", Total: len(jobs)}
	ctx.Async(func() {
		for i, j := range jobs {
			r, err := workspace.ComparePair(j.a, j.b)
			done := i + 1
			ctx.Dispatch(func(ctx app.Context) {
				if err != nil {
					p.status = "Comparison failed: " + err.Error()
					r = workspace.PairResult{Relation: workspace.Unrelated}
				}
				p.ws.SetPair(j.ha, j.hb, r)
				p.progress.Done = done
				p.progress.Phase = "Comparing articles: " + strconv.Itoa(done) + " of " + strconv.Itoa(len(jobs)) + " pairs"
			})
			yield()
		}
		ctx.Dispatch(w.next)
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
