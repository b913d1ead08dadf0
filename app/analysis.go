package app

import (
	"strconv"
	"strings"
	"time"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The analysis runs in a Web Worker (web/engine.js running cmd/engine's
// wasm): entities, then the similarity matrix, then the sentence details
// of related pairs, each result posted back as soon as it is ready. The
// page's thread only stores results and renders, so a large batch never
// blocks it for long, and the engine's code and model are not in app.wasm.
// This file is the page's side: what to send, and applying what arrives.

// engineURL is the worker script; it loads engine.wasm beside it.
const engineURL = "/web/engine.js"

// engineBuild is the hash of the engine.wasm this app was built with (set
// by the Makefile with -X): it makes app.wasm, whose hash is the version
// the service worker caches by, change whenever the engine does. The page
// publishes it as window.glossEngineBuild.
var engineBuild = "dev"

// engineState is the page's view of the worker.
type engineState struct {
	worker app.Value
	onMsg  app.Func
	ready  bool
	failed string // why the engine could not start
	// sent holds the hashes of texts the worker has; asked the pairs
	// (pairKey) it was asked to compare.
	sent  map[string]bool
	asked map[string]bool
	// list is the article hashes as last looked at; reask is set when a
	// pair must be asked again although the list is the same.
	list  string
	reask bool
	// preparing is set while prepare runs; finishing once the worker is
	// idle, until the panels are derived.
	preparing, finishing bool
	// Counts for the progress bar: requests sent and answered since the
	// worker was last idle. Details are counted as partial results arrive.
	texts, textsDone     int
	pairs, pairsDone     int
	details, detailsDone int
	// collapsed memoises collapsed articles' HTML (collapsedHTML).
	collapsed map[collapsedKey]string
	// shown holds the IDs of articles whose open view is on the page
	// (renderArticles mounts a few new ones per frame); later is set
	// while some wait.
	shown map[string]bool
	later bool
	// outbox holds encoded requests until flush.
	outbox []string
	// inbox holds responses until the next animation frame applies them
	// in one update.
	inbox     []workspace.EngineResponse
	scheduled bool
}

// yield gives the browser a turn between two slices of work on the page's
// thread (the draft is encoded in slices). It waits for a MessageChannel
// message rather than a timer: nested timers are clamped to 4 ms or more.
func yield() {
	if !app.IsClient {
		time.Sleep(time.Millisecond)
		return
	}
	done := make(chan struct{})
	ch := app.Window().Get("MessageChannel").New()
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		close(done)
		return nil
	})
	ch.Get("port1").Set("onmessage", f)
	ch.Get("port2").Call("postMessage", nil)
	<-done
}

// warmUp starts the engine worker soon after the page mounts, so that its
// download and set-up are paid while the person is still reading the page.
// Analysis asked for before it is ready starts when it is.
func (w *Workspace) warmUp() {
	p := w.state()
	if !app.IsClient || p.eng.worker != nil {
		return
	}
	p.warming = true
	app.Window().Set("glossEngineBuild", engineBuild)
	ctor := app.Window().Get("Worker")
	if !ctor.Truthy() {
		p.warming = false
		p.eng.failed = "this browser cannot run the analysis engine (no Web Workers)"
		p.status = "The analysis engine could not start: " + p.eng.failed
		return
	}
	p.eng.sent, p.eng.asked = map[string]bool{}, map[string]bool{}
	p.eng.onMsg = app.FuncOf(func(this app.Value, args []app.Value) any {
		rs, err := workspace.DecodeBatch(args[0].Get("data").String())
		if err != nil {
			rs = append(rs, workspace.EngineResponse{Op: "error", Error: err.Error()})
		}
		w.receive(rs...)
		return nil
	})
	p.eng.worker = ctor.New(engineURL)
	p.eng.worker.Set("onmessage", p.eng.onMsg)
	onErr := app.FuncOf(func(this app.Value, args []app.Value) any {
		w.receive(workspace.EngineResponse{Op: "ready", Error: "the analysis engine could not be loaded"})
		return nil
	})
	p.eng.worker.Set("onerror", onErr)
}

// receive queues a response from the worker. Responses are applied once
// per animation frame, together: one update of the page for however many
// results arrived meanwhile.
func (w *Workspace) receive(rs ...workspace.EngineResponse) {
	ctx := w.ctx
	ctx.Dispatch(func(ctx app.Context) {
		e := &w.state().eng
		e.inbox = append(e.inbox, rs...)
		if e.scheduled {
			ctx.PreventUpdate()
			return
		}
		e.scheduled = true
		ctx.PreventUpdate()
		var f app.Func
		f = app.FuncOf(func(this app.Value, args []app.Value) any {
			f.Release()
			w.ctx.Dispatch(w.applyInbox)
			return nil
		})
		// Sentence details change nothing on screen unless their pair is
		// open: they are stored a few times a second, not every frame.
		if onlyDetails(e.inbox) {
			app.Window().Call("setTimeout", f, detailsEvery.Milliseconds())
		} else {
			app.Window().Call("requestAnimationFrame", f)
		}
	})
}

// detailsEvery spaces out storing sentence details (see receive).
const detailsEvery = 300 * time.Millisecond

// onlyDetails reports whether rs are all sentence details of pairs.
func onlyDetails(rs []workspace.EngineResponse) bool {
	for _, r := range rs {
		if r.Op != "pair" || !r.Details {
			return false
		}
	}
	return len(rs) > 0
}

// applyBudget bounds the time one frame spends storing results.
const applyBudget = 8 * time.Millisecond

// applyInbox stores the responses received since the last frame.
func (w *Workspace) applyInbox(ctx app.Context) {
	p := w.state()
	e := &p.eng
	// Apply for applyBudget at most; the rest waits for the next frame,
	// so a flood of settled pairs never blocks the page for long.
	start := time.Now()
	idle := false
	n := 0
	defer func() {
		e.inbox, e.scheduled = e.inbox[n:], false
		if len(e.inbox) > 0 {
			w.receive()
		}
	}()
	// A mark per batch for the performance timeline (cmd/uibench -profile).
	if len(e.inbox) > 0 {
		app.Window().Get("performance").Call("mark", "gloss-apply "+strconv.Itoa(len(e.inbox))+" "+e.inbox[0].Op)
	}
	for ; n < len(e.inbox) && (n%16 != 0 || time.Since(start) < applyBudget); n++ {
		r := e.inbox[n]
		switch r.Op {
		case "ready":
			p.warming = false
			if r.Error != "" {
				e.failed = r.Error
				p.status = "The analysis engine could not start: " + r.Error
				break
			}
			e.ready = true
			app.Window().Set("glossWarmAt", app.Window().Get("performance").Call("now"))
		case "entities":
			e.textsDone++
			ms := r.Mentions
			if r.Error != "" {
				p.status = "Analysis failed: " + r.Error
				ms = nil // shown unhighlighted rather than half done
			}
			p.ws.SetAuto(r.Hash, ms)
		case "pair":
			if r.Pair == nil {
				// The texts were forgotten meanwhile: ask again if still
				// wanted.
				if r.Details {
					e.detailsDone++
				} else {
					e.pairsDone++
				}
				delete(e.asked, pairKey(r.A, r.B))
				e.reask = true
				if r.Error != "" && r.Error != "text not sent" {
					p.status = "Comparison failed: " + r.Error
				}
				continue
			}
			switch {
			case r.Details:
				e.detailsDone++
			case r.Pair.Partial:
				e.pairsDone++
				e.details++
			default:
				e.pairsDone++
			}
			p.ws.SetPair(r.A, r.B, *r.Pair)
		case "idle":
			idle = true
		case "error":
			p.status = "The analysis engine failed: " + r.Error
		}
	}
	w.analyse(ctx)
	if idle && n == len(e.inbox) && e.textsDone >= e.texts && e.pairsDone >= e.pairs && e.detailsDone >= e.details {
		e.texts, e.textsDone, e.pairs, e.pairsDone, e.details, e.detailsDone = 0, 0, 0, 0, 0, 0
	}
	w.showProgress()
	if p.progress.Phase == "" && idle && n == len(e.inbox) {
		e.finishing = true
	}
	w.prepare()
}

// prepare does the per-article part of the panels (workspace.Prepare) for
// analysed articles, one article per turn of the browser, so that deriving
// the panels only merges. When analysis is over it then derives them and
// tells tests the page is idle.
func (w *Workspace) prepare() {
	p := w.state()
	e := &p.eng
	if e.preparing {
		return
	}
	e.preparing = true
	ctx := w.ctx
	ctx.Async(func() {
		// This goroutine only runs while the UI goroutine waits (js/wasm
		// has one thread), and reads the workspace afresh after each yield.
		for i := 0; i < len(p.ws.Articles); i++ {
			if _, analysed := p.ws.Auto(p.ws.Articles[i].Hash); !analysed || p.ws.Prepared(i) {
				continue
			}
			p.ws.Prepare(i)
			// The panels wait until the articles are prepared: deriving
			// them meanwhile would do the preparation in one block.
			p.derivedAt = time.Now()
			yield()
		}
		ctx.Dispatch(func(ctx app.Context) {
			e.preparing = false
			if !e.finishing || p.progress.Phase != "" {
				ctx.PreventUpdate()
				return
			}
			for i := range p.ws.Articles {
				if _, analysed := p.ws.Auto(p.ws.Articles[i].Hash); analysed && !p.ws.Prepared(i) {
					w.prepare() // changed meanwhile
					return
				}
			}
			e.finishing = false
			p.derive()
			w.markIdle()
			// Keep the analysis in the draft too, so a reload shows
			// highlights at once.
			w.saveSoon(ctx)
		})
	})
}

// analyse sends the worker whatever it has not been asked yet: the texts
// not analysed, then the pairs not compared. It runs on the UI goroutine
// after every change of the workspace and every batch of results.
func (w *Workspace) analyse(_ app.Context) {
	p := w.state()
	e := &p.eng
	if !e.ready {
		w.showProgress()
		return
	}
	// Only a change of the article list (or a pair to ask again) can need
	// a request: results arriving, the most frequent call, do not.
	var sig strings.Builder
	for _, a := range p.ws.Articles {
		sig.WriteString(a.Hash)
	}
	if sig.String() == e.list && !e.reask {
		w.showProgress()
		return
	}
	e.list, e.reask = sig.String(), false
	live := make(map[string]bool, len(p.ws.Articles))
	for _, a := range p.ws.Articles {
		live[a.Hash] = true
	}
	// Texts removed (or edited away): the worker forgets them and drops
	// their queued work.
	forgot := false
	for h := range e.sent {
		if !live[h] {
			delete(e.sent, h)
			forgot = true
		}
	}
	if forgot {
		hashes := make([]string, 0, len(e.sent))
		for h := range e.sent {
			hashes = append(hashes, h)
		}
		for k := range e.asked {
			delete(e.asked, k) // what was dropped is asked again below
		}
		e.texts, e.textsDone, e.pairs, e.pairsDone, e.details, e.detailsDone = 0, 0, 0, 0, 0, 0
		w.post(workspace.EngineRequest{Op: "keep", Hashes: hashes})
	}
	for _, a := range p.ws.Articles {
		if e.sent[a.Hash] {
			continue
		}
		e.sent[a.Hash] = true
		_, analysed := p.ws.Auto(a.Hash)
		if !analysed {
			if e.texts == e.textsDone {
				// A batch starts: the panels wait (see page.derive)
				// rather than derive from texts not analysed yet.
				p.derivedAt = time.Now()
			}
			e.texts++
		}
		w.post(workspace.EngineRequest{Op: "text", Hash: a.Hash, Text: a.Text, Analysed: analysed})
	}
	var pairs [][2]string
	for _, pr := range p.ws.Uncompared() {
		a, b := p.ws.Articles[pr[0]].Hash, p.ws.Articles[pr[1]].Hash
		if k := pairKey(a, b); !e.asked[k] {
			e.asked[k] = true
			pairs = append(pairs, [2]string{a, b})
		}
	}
	// Pairs compared before but not in detail yet (a reload or undo
	// brought them back after their details were dropped) need nothing:
	// their details are still queued in the worker unless it forgot them,
	// and then they were deleted from asked above and are resent whole.
	if len(pairs) > 0 {
		e.pairs += len(pairs)
		w.post(workspace.EngineRequest{Op: "pairs", Pairs: pairs, Prefilter: workspace.NeedsPrefilter(len(p.ws.Articles))})
	}
	w.flush()
	w.showProgress()
}

// post queues a request for the worker; analyse sends what one change
// needs as one message.
func (w *Workspace) post(r workspace.EngineRequest) {
	e := &w.state().eng
	e.outbox = append(e.outbox, r.Encode())
}

// flush sends the queued requests.
func (w *Workspace) flush() {
	e := &w.state().eng
	if len(e.outbox) > 0 {
		e.worker.Call("postMessage", workspace.EncodeBatch(e.outbox))
		e.outbox = e.outbox[:0]
	}
}

// showProgress says what the worker is doing.
func (w *Workspace) showProgress() {
	p := w.state()
	e := &p.eng
	switch {
	case !e.ready && e.failed == "":
		// Articles wait for the engine to load: that is analysis under
		// way too, and tests and people must not take the page for idle.
		if n := len(p.ws.Pending()); n > 0 {
			p.progress = progress{Phase: "Loading the analysis engine…", Total: n}
		} else {
			p.progress = progress{}
		}
	case e.textsDone < e.texts:
		p.progress = progress{Phase: "Finding entities: " + strconv.Itoa(e.textsDone) + " of " + plural(e.texts, "article"), Done: e.textsDone, Total: e.texts}
	case e.pairsDone < e.pairs:
		p.progress = progress{Phase: "Comparing articles: " + strconv.Itoa(e.pairsDone) + " of " + plural(e.pairs, "pair"), Done: e.pairsDone, Total: e.pairs}
	case e.detailsDone < e.details:
		p.progress = progress{Phase: "Matching sentences: " + strconv.Itoa(e.detailsDone) + " of " + plural(e.details, "pair"), Done: e.detailsDone, Total: e.details}
	default:
		p.progress = progress{}
	}
}

func pairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}

// markIdle tells tests and benchmarks that every highlight and comparison
// is on the page.
func (w *Workspace) markIdle() {
	app.Window().Set("glossIdleAt", app.Window().Get("performance").Call("now"))
}

func itoa(n int) string { return strconv.Itoa(n) }
