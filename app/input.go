package app

import (
	"strings"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxFileBytes bounds one dropped or picked file.
const maxFileBytes = 8 << 20

func (w *Workspace) renderInput() app.UI {
	return app.Section().Class("input").Aria("label", "Add articles").
		OnDragOver(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
		OnDrop(w.onDrop).Body(
		app.Label().For("paste").Class("label").Text("Article text"),
		app.Textarea().
			ID("paste").
			Attr("data-testid", "paste").
			Placeholder("Paste an article here. Several articles can be separated by a line with ---").
			Rows(rowsFor(len(w.state().ws.Articles))).
			Text(w.draft).
			OnInput(w.onInput),
		app.Div().Class("actions").Body(
			app.Button().Class("btn primary").Attr("data-testid", "add-article").
				Disabled(!w.loaded || strings.TrimSpace(w.draft) == "").
				Text("Add article").OnClick(w.add),
			app.Button().Class("btn").Text("Open files…").OnClick(func(ctx app.Context, e app.Event) {
				app.Window().GetElementByID("files").Call("click")
			}),
			app.Input().ID("files").Hidden(true).Type("file").Multiple(true).
				Accept(".txt,.md,.html,.htm,text/plain,text/markdown,text/html").
				Attr("data-testid", "files").OnChange(w.onFiles),
			app.Span().Class("hint").Text("or drop .txt, .md or .html files here"),
		),
	)
}

func (w *Workspace) onInput(ctx app.Context, e app.Event) {
	// Typing only keeps the text: nothing is analysed until it is added.
	w.draft = ctx.JSSrc().Get("value").String()
	w.savePasteSoon()
}

func (w *Workspace) add(ctx app.Context, e app.Event) {
	p := w.state()
	if err := workspace.CheckPaste(w.draft); err != nil {
		// The paste stays in the text area: nothing is lost.
		p.status = "Not added: " + err.Error() + "."
		return
	}
	added := p.ws.AddPaste(w.draft)
	if len(added) == 0 {
		return
	}
	w.draft = ""
	app.Window().GetElementByID("paste").Set("value", "")
	w.savePasteSoon()
	p.status = plural(len(added), "article") + " added."
	w.changed(ctx)
}

func (w *Workspace) onFiles(ctx app.Context, e app.Event) {
	w.readFiles(ctx, ctx.JSSrc().Get("files"))
	ctx.JSSrc().Set("value", "")
}

func (w *Workspace) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	dt := e.Get("dataTransfer")
	if dt.IsNull() || dt.IsUndefined() {
		return
	}
	w.readFiles(ctx, dt.Get("files"))
}

// readFiles adds each text, Markdown or HTML file as an article; HTML is
// reduced to its text and never inserted as markup.
func (w *Workspace) readFiles(ctx app.Context, files app.Value) {
	p := w.state()
	// Refusals are known at once, while accepted files are read later: the
	// refusals stay in every later status so an "added" never hides them.
	var refused []string
	for i := 0; i < files.Length(); i++ {
		f := files.Index(i)
		name := f.Get("name").String()
		lower := strings.ToLower(name)
		if isImportFile(lower) {
			w.importFile(f)
			continue
		}
		isHTML := strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm")
		if !(isHTML || strings.HasSuffix(lower, ".txt") || strings.HasSuffix(lower, ".md")) {
			refused = append(refused, name+" is not a .txt, .md or .html file.")
			p.status = strings.Join(refused, " ")
			continue
		}
		if f.Get("size").Int() > maxFileBytes {
			refused = append(refused, name+" is too large (over 8 MB).")
			p.status = strings.Join(refused, " ")
			continue
		}
		note := func() string {
			if len(refused) == 0 {
				return ""
			}
			return " " + strings.Join(refused, " ")
		}
		f.Call("text").Then(func(v app.Value) {
			text := v.String()
			ctx.Dispatch(func(ctx app.Context) {
				title := workspace.TitleFromFile(name)
				if isHTML {
					t, body, err := workspace.HTMLToText(strings.NewReader(text))
					if err != nil {
						p.status = name + ": " + err.Error()
						return
					}
					if t != "" {
						title = t
					}
					text = body
				}
				if strings.TrimSpace(text) == "" {
					p.status = name + " has no text."
					return
				}
				if err := workspace.CheckPaste(text); err != nil {
					p.status = name + " not added: " + err.Error() + "." + note()
					return
				}
				p.ws.Add(title, text)
				p.status = name + " added." + note()
				w.changed(ctx)
			})
		})
	}
}

// rowsFor makes the paste area smaller once there are articles to read.
func rowsFor(articles int) int {
	if articles > 0 {
		return 3
	}
	return 8
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}
