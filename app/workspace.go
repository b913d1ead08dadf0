package app

import (
	"strings"
	"time"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Workspace is the page a person works in: paste articles, read them with
// their entities, correct them, compare them. It runs on the UI goroutine;
// engine work runs in slices in the background (analysis.go).
type Workspace struct {
	app.Compo

	p       *page
	ctx     app.Context // the page's own context, set on mount
	draft   string
	mounted bool
	update  bool
	store   DraftStore
	opened  string // the address whose share link was last opened
}

func (w *Workspace) state() *page {
	if w.p == nil {
		w.p = newPage()
	}
	return w.p
}

// OnMount marks the page as live, restores the local draft and starts
// analysing whatever it holds.
func (w *Workspace) OnMount(ctx app.Context) {
	w.mounted = true
	w.ctx = ctx
	w.state().changed = func() { w.changed(w.ctx) }
	// Time since navigation start, read by the load benchmarks.
	app.Window().Set("glossMountedAt", app.Window().Get("performance").Call("now"))
	w.update = ctx.AppUpdateAvailable() && loadedByWorker()
	if w.store == nil {
		w.store = localDraft{}
	}
	p := w.state()
	if data, err := w.store.Load(ctx); err != nil {
		p.loadErr = "Your saved work could not be read: " + err.Error()
	} else if data != nil {
		ws, err := workspace.UnmarshalDraft(data)
		if err != nil {
			p.loadErr = "Your saved work could not be restored (" + err.Error() + "). It is left untouched until you add an article."
		} else {
			p.ws = ws
		}
	}
	w.openLink(ctx)
	w.warmUp()
}

// OnNav opens a share link reached without reloading the page.
func (w *Workspace) OnNav(ctx app.Context) {
	if w.mounted {
		w.openLink(ctx)
	}
}

// OnAppUpdate is called when a new version has been installed by the service
// worker; the open workspace keeps running until the user chooses to reload.
func (w *Workspace) OnAppUpdate(ctx app.Context) {
	w.update = ctx.AppUpdateAvailable() && loadedByWorker()
}

// loadedByWorker reports whether this page came through a service worker.
// go-app reports the first install as an update too (the new worker claims
// the page, then turns "activated"); only a page that an older worker
// served can have an update.
func loadedByWorker() bool {
	nav := app.Window().Get("performance").Call("getEntriesByType", "navigation")
	if nav.Length() == 0 {
		return false
	}
	return nav.Index(0).Get("workerStart").Float() > 0
}

func (w *Workspace) Render() app.UI {
	p := w.state()
	p.derive()
	state := "prerendered"
	if w.mounted {
		state = "ready"
	}
	classes := []string{"workspace"}
	for l, off := range p.hidden {
		if off {
			classes = append(classes, "hide-"+l)
		}
	}
	if p.stacked {
		classes = append(classes, "stacked")
	}
	return app.Div().Class(strings.Join(classes, " ")).Attr("data-app-state", state).OnKeyDown(w.onKey).Body(
		app.A().Class("skip").Href("#articles").Text("Skip to articles"),
		app.If(w.update, func() app.UI {
			return app.Div().Class("update").Attr("role", "status").Attr("data-testid", "update-available").Body(
				app.Span().Text("A new version of Gloss is available."),
				app.Button().Class("btn").Attr("data-testid", "reload").Text("Reload").OnClick(w.reload),
			)
		}),
		app.Header().Class("bar").Body(
			app.H1().Class("brand").Text("Gloss"),
			app.P().Class("tagline").Text("Paste news articles to see their entities and how they relate. Everything runs in your browser."),
			w.renderToolbar(),
		),
		app.Div().Class("slot").Body(w.renderShare()),
		w.renderStatus(),
		app.Main().Class("main").Body(
			w.renderInput(),
			// Optional sections sit in fixed slots: go-app diffs children by
			// position, so a section appearing before the articles would
			// otherwise remount every article (and drop keyboard focus).
			app.Div().Class("slot").Body(w.renderInspector()),
			app.Div().Class("slot").Body(w.renderPair()),
			app.Div().Class("layout").Body(
				app.Section().ID("articles").Class("articles").Aria("label", "Articles").Attr("tabindex", "-1").Body(
					w.renderLegend(),
					app.If(len(p.ws.Articles) == 0, func() app.UI {
						return app.P().Class("empty").Text("No articles yet. Paste one above, or several separated by a line with ---.")
					}),
					app.Div().Class("article-list").Body(
						app.Range(p.ws.Articles).Slice(func(i int) app.UI {
							a := p.ws.Articles[i]
							_, analysed := p.ws.Auto(a.Hash)
							return &ArticleView{
								P: p, A: a, Pos: i, Count: len(p.ws.Articles), Analysed: analysed,
								Marks: focusMarks(p, i), Active: activeMark(p, a.ID), Unique: p.unique(i),
								Collapsed: p.collapsed(i),
							}
						}),
					),
				),
				app.Aside().Class("panel").Aria("label", "Across articles").Body(
					&EntityPanel{P: p, Rev: p.memoRev, Titles: titles(p), Focus: p.focus},
					&SimMatrix{P: p, Articles: titles(p), PairRev: p.ws.PairRev(), Open: p.pair},
					w.renderQuotes(),
				),
			),
		),
	)
}

// titles identifies the article list (ids, titles, texts) for panels that
// show it.
func titles(p *page) string {
	var b strings.Builder
	for _, a := range p.ws.Articles {
		b.WriteString(a.ID)
		b.WriteByte('\x00')
		b.WriteString(a.Title)
		b.WriteByte('\x00')
		b.WriteString(a.Hash)
		b.WriteByte('\x00')
	}
	return b.String()
}

func (w *Workspace) renderToolbar() app.UI {
	p := w.state()
	layout := "Stack articles"
	if p.stacked {
		layout = "Articles side by side"
	}
	return app.Div().Class("toolbar").Attr("role", "toolbar").Aria("label", "Workspace").Body(
		app.Button().Class("btn").Attr("data-testid", "undo").Title("Undo (Ctrl+Z)").Disabled(!p.ws.CanUndo()).Text("Undo").OnClick(w.undo),
		app.Button().Class("btn").Attr("data-testid", "redo").Title("Redo (Ctrl+Y)").Disabled(!p.ws.CanRedo()).Text("Redo").OnClick(w.redo),
		app.Button().Class("btn").Attr("data-testid", "share").Title("Save the workspace as a private link").Disabled(p.share.busy).Text("Share").OnClick(w.openShare),
		app.Button().Class("btn").Aria("pressed", p.stacked).Text(layout).OnClick(func(ctx app.Context, e app.Event) { p.stacked = !p.stacked }),
	)
}

func (w *Workspace) renderStatus() app.UI {
	p := w.state()
	msg := p.status
	if p.progress.Phase != "" {
		msg = p.progress.Phase
	} else if p.warming && len(p.ws.Pending()) > 0 {
		msg = "Loading the analysis engine…"
	}
	return app.Div().Class("status").Body(
		app.Div().Attr("role", "status").Attr("data-testid", "status").Text(msg),
		app.If(p.progress.Phase != "", func() app.UI {
			return app.Progress().Attr("data-testid", "progress").Aria("label", "Analysis progress").
				Attr("max", p.progress.Total).Attr("value", p.progress.Done)
		}),
		app.If(p.loadErr != "", func() app.UI {
			return app.P().Class("error").Attr("role", "alert").Text(p.loadErr)
		}),
		w.renderLinkNotes(),
	)
}

func (w *Workspace) onKey(ctx app.Context, e app.Event) {
	if !(e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) {
		return
	}
	tag := e.Get("target").Get("tagName").String()
	if tag == "TEXTAREA" || tag == "INPUT" {
		return // the field's own undo
	}
	switch strings.ToLower(e.Get("key").String()) {
	case "z":
		e.PreventDefault()
		if e.Get("shiftKey").Bool() {
			w.redo(ctx, e)
		} else {
			w.undo(ctx, e)
		}
	case "y":
		e.PreventDefault()
		w.redo(ctx, e)
	}
}

func (w *Workspace) undo(ctx app.Context, e app.Event) {
	p := w.state()
	if p.ws.Undo() {
		p.status = "Undone."
		w.changed(ctx)
	}
}

func (w *Workspace) redo(ctx app.Context, e app.Event) {
	p := w.state()
	if p.ws.Redo() {
		p.status = "Redone."
		w.changed(ctx)
	}
}

func (w *Workspace) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}

// changed is called after every change of the workspace: it drops views
// that no longer apply, saves the draft soon, and analyses what is new.
func (w *Workspace) changed(ctx app.Context) {
	p := w.state()
	if p.sel.valid() && p.ws.Article(p.sel.ID) == nil {
		p.sel = selection{}
	}
	if p.pair[0] >= len(p.ws.Articles) || p.pair[1] >= len(p.ws.Articles) {
		p.pair = [2]int{-1, -1}
	}
	w.saveSoon(ctx)
	w.analyse(ctx)
}

// saveDelay debounces draft saves while the person is working.
const saveDelay = 400 * time.Millisecond

func (w *Workspace) saveSoon(_ app.Context) {
	ctx := w.ctx
	p := w.state()
	p.saveGen++
	gen := p.saveGen
	ctx.After(saveDelay, func(ctx app.Context) {
		if gen != p.saveGen {
			return
		}
		w.saveNow(ctx)
	})
}

// saveNow writes the draft. The workspace is snapshotted here, on the UI
// goroutine, and encoded in the background one article at a time with a
// yield between, so saving a large workspace never freezes the page.
func (w *Workspace) saveNow(_ app.Context) {
	ctx := w.ctx
	p := w.state()
	if w.store == nil {
		return
	}
	d := p.ws.NewDraft()
	gen := p.saveGen
	ctx.Async(func() {
		var err error
		for done := false; !done && err == nil; {
			done, err = d.Next()
			yield()
		}
		var data []byte
		if err == nil {
			data, err = d.Bytes()
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil && gen != p.saveGen {
				return // a newer save is on its way
			}
			if err == nil {
				err = w.store.Save(ctx, data)
			}
			if err != nil {
				p.status = "Could not save your work in this browser: " + err.Error()
				return
			}
			p.loadErr = ""
			app.Window().Set("glossSavedAt", app.Window().Get("performance").Call("now"))
		})
	})
}
