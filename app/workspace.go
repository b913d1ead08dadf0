package app

import (
	"strings"

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
	// installed is set once a page that no worker served saw the first
	// install (see loadedByWorker).
	installed bool
	store     DraftStore
	opened    string // the address whose share link was last opened
	// loaded is set once the local draft was read (store.go); nothing is
	// saved before, so an early save cannot overwrite it. rawDraft keeps
	// a draft that could not be read until something replaces it.
	loaded   bool
	rawDraft []byte
	// tabs is the BroadcastChannel to other tabs (tabs.go).
	tabs app.Value
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
	w.installed = ctx.AppUpdateAvailable()
	w.watchLeave()
	w.watchTabs()
	w.loadDraft()
}

// OnNav opens a share link reached without reloading the page.
func (w *Workspace) OnNav(ctx app.Context) {
	if w.mounted && w.loaded {
		w.openLink(ctx)
	}
}

// OnAppUpdate is called when a new version has been installed by the service
// worker; the open workspace keeps running until the user chooses to reload.
func (w *Workspace) OnAppUpdate(ctx app.Context) {
	if loadedByWorker() || w.installed {
		w.update = ctx.AppUpdateAvailable()
	}
	w.installed = true
}

// loadedByWorker reports whether this page came through a service worker.
// go-app reports the first install as an update too (the new worker claims
// the page, then turns "activated"): on a page no worker served, the first
// report is that install (installed), and only later ones are updates.
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
			w.renderSaveState(),
		),
		app.Div().Class("slot").Body(w.renderShare()),
		app.Div().Class("slot").Body(w.renderTransfer()),
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
					app.Div().Class("article-list").Body(w.renderArticles()...),
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
		app.Span().Class("toolbar-transfer").Body(w.transferButtons()...),
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
	w.saveThen(func() { ctx.Reload() })
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
