package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Workspace is the page a person works in: paste articles, read them. Runs on
// the UI goroutine; all fields are local state.
type Workspace struct {
	app.Compo

	draft    string
	articles []article
	mounted  bool
	update   bool
}

type article struct {
	Title string
	Text  string
}

// OnMount marks the page as live; the prerendered HTML has no handlers until
// the wasm mounts, and the marker lets tests and styles tell the two apart.
func (w *Workspace) OnMount(ctx app.Context) {
	w.mounted = true
	// Time since navigation start, read by the load benchmarks.
	app.Window().Set("glossMountedAt", app.Window().Get("performance").Call("now"))
	w.update = ctx.AppUpdateAvailable() && loadedByWorker()
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
	state := "prerendered"
	if w.mounted {
		state = "ready"
	}
	return app.Div().Class("workspace").Attr("data-app-state", state).Body(
		app.If(w.update, func() app.UI {
			return app.Div().Class("update").Attr("role", "status").Attr("data-testid", "update-available").Body(
				app.Span().Text("A new version of Gloss is available."),
				app.Button().Class("btn").Attr("data-testid", "reload").Text("Reload").OnClick(w.reload),
			)
		}),
		app.Header().Class("bar").Body(
			app.H1().Class("brand").Text("Gloss"),
			app.P().Class("tagline").Text("Paste news articles to see their entities and how they relate. Everything runs in your browser."),
		),
		app.Main().Class("main").Body(
			app.Section().Class("input").Attr("aria-label", "Add articles").Body(
				app.Label().For("paste").Class("label").Text("Article text"),
				app.Textarea().
					ID("paste").
					Attr("data-testid", "paste").
					Placeholder("Paste an article here. Several articles can be separated by a line with ---").
					Rows(10).
					Text(w.draft).
					OnInput(w.onInput),
				app.Div().Class("actions").Body(
					app.Button().Class("btn primary").Attr("data-testid", "add-article").
						Disabled(strings.TrimSpace(w.draft) == "").
						Text("Add article").OnClick(w.add),
				),
			),
			app.Section().Class("articles").Attr("aria-label", "Articles").Body(
				app.If(len(w.articles) == 0, func() app.UI {
					return app.P().Class("empty").Text("No articles yet.")
				}),
				app.Range(w.articles).Slice(func(i int) app.UI {
					a := w.articles[i]
					// Article text is always a text node, never markup.
					return app.Article().Class("article").Attr("data-testid", "article").Body(
						app.H2().Text(a.Title),
						app.Div().Class("text").Text(a.Text),
					)
				}),
			),
		),
	)
}

func (w *Workspace) onInput(ctx app.Context, e app.Event) {
	w.draft = ctx.JSSrc().Get("value").String()
}

func (w *Workspace) add(ctx app.Context, e app.Event) {
	text := strings.TrimSpace(w.draft)
	if text == "" {
		return
	}
	w.articles = append(w.articles, article{Title: titleOf(text), Text: text})
	w.draft = ""
	app.Window().GetElementByID("paste").Set("value", "")
}

func (w *Workspace) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}

// titleOf takes the first line, shortened, as a working title.
func titleOf(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	const max = 80
	if r := []rune(line); len(r) > max {
		line = string(r[:max-1]) + "…"
	}
	return line
}
