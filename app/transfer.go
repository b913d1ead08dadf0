package app

import (
	"encoding/json"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/compare/report"
	"gloss/internal/docio"
	"gloss/internal/interchange"
	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file moves a workspace in and out of Gloss as files: the export
// menu writes each format of internal/interchange and hands it to the
// browser as a download made from a Blob (no server, so it works
// offline); import reads a saved set or a W3C Web Annotation file, picked
// or dropped, and re-anchors it.

// exportFormat is one entry of the export menu.
type exportFormat struct {
	ID, Name, File, Type string
	// make builds the file from the set and the comparisons.
	make func(set *annot.Set, rep *report.Report) ([]byte, error)
}

var exportFormats = []exportFormat{
	{"set", "Gloss saved set (JSON)", "gloss-set.json", "application/json",
		func(s *annot.Set, _ *report.Report) ([]byte, error) { return annot.Encode(s) }},
	{"webanno", "W3C Web Annotation (JSON-LD)", "gloss-annotations.jsonld", "application/ld+json",
		func(s *annot.Set, _ *report.Report) ([]byte, error) { return interchange.WebAnnotation(s) }},
	{"conll", "CoNLL IOB2 (for NER training)", "gloss.conll", "text/plain",
		func(s *annot.Set, _ *report.Report) ([]byte, error) { return interchange.CoNLL(s) }},
	{"spacy", "spaCy training JSON", "gloss-spacy.json", "application/json",
		func(s *annot.Set, _ *report.Report) ([]byte, error) { return interchange.SpaCy(s) }},
	{"mentions", "Entity mentions (CSV)", "gloss-mentions.csv", "text/csv",
		func(s *annot.Set, _ *report.Report) ([]byte, error) { return interchange.MentionsCSV(s) }},
	{"passages", "Shared passages (CSV)", "gloss-passages.csv", "text/csv", interchange.PassagesCSV},
	{"html", "Report (standalone HTML, prints well)", "gloss-report.html", "text/html", interchange.HTMLReport},
}

// transferState is the export menu and what the last import did.
type transferState struct {
	menu    bool
	msg     string
	failed  bool
	orphans []interchange.Orphan
}

// report gathers the comparisons made so far in compare's format
// (code-point offsets), for the exports that show them.
func reportOf(ws *workspace.Workspace) *report.Report {
	rep := &report.Report{Unique: map[string][]report.Span{}}
	runes := make([]*docio.Runes, len(ws.Articles))
	ids := make([]json.RawMessage, len(ws.Articles))
	for i, a := range ws.Articles {
		runes[i] = docio.NewRunes(a.Text)
		ids[i], _ = json.Marshal(a.ID)
	}
	for i := range ws.Articles {
		for j := i + 1; j < len(ws.Articles); j++ {
			r, ok := ws.Pair(i, j)
			if !ok {
				continue
			}
			p := report.Pair{A: ids[i], B: ids[j], Score: r.Score, Relation: r.Relation}
			for _, ps := range r.Passages {
				p.Passages = append(p.Passages, report.Passage{
					AStart: runes[i].Index(ps.AStart), AEnd: runes[i].Index(ps.AEnd),
					BStart: runes[j].Index(ps.BStart), BEnd: runes[j].Index(ps.BEnd), Kind: ps.Kind,
				})
			}
			rep.Pairs = append(rep.Pairs, p)
		}
		if spans, ok := ws.Unique(i); ok && len(ws.Articles) > 1 {
			for _, c := range spans {
				rep.Unique[ws.Articles[i].ID] = append(rep.Unique[ws.Articles[i].ID], report.Span{Start: runes[i].Index(c.Start), End: runes[i].Index(c.End)})
			}
		}
	}
	return rep
}

// export builds format f from the open workspace and downloads it.
func (w *Workspace) export(f exportFormat) {
	p := w.state()
	t := &p.transfer
	t.menu = false
	set, err := p.ws.ToSet()
	var data []byte
	if err == nil {
		data, err = f.make(set, reportOf(p.ws))
	}
	if err != nil {
		t.msg, t.failed, t.orphans = "Could not export "+f.Name+": "+annot.ErrorMessage(err), true, nil
		return
	}
	download(f.File, f.Type, data)
	app.Window().GetElementByID("export-btn").Call("focus")
	t.msg, t.failed, t.orphans = "Exported "+f.Name+" as "+f.File+".", false, nil
}

// download hands data to the browser as a file. The object URL lives a
// minute, long enough for the browser to have read it.
func download(name, mime string, data []byte) {
	win := app.Window()
	arr := win.Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	blob := win.Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := win.Get("URL").Call("createObjectURL", blob)
	// A detached link: go-app's click handler for links never sees it,
	// and go-app keeps the body free of elements it did not make.
	a := win.Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	var revoke app.Func
	revoke = app.FuncOf(func(this app.Value, args []app.Value) any {
		win.Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	win.Call("setTimeout", revoke, 60_000)
}

// isImportFile tells the files import takes from the articles one adds.
func isImportFile(lower string) bool {
	return strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".jsonld")
}

// importFile reads a picked or dropped file and imports it.
func (w *Workspace) importFile(f app.Value) {
	t := &w.state().transfer
	name := f.Get("name").String()
	if f.Get("size").Int() > maxFileBytes {
		t.msg, t.failed, t.orphans = name+" is too large to import (over 8 MB).", true, nil
		return
	}
	ctx := w.ctx
	f.Call("text").Then(func(v app.Value) {
		data := []byte(v.String())
		ctx.Dispatch(func(ctx app.Context) { w.importData(name, data) })
	})
}

// importData imports a native saved set (it replaces the workspace, which
// is kept aside as for a link) or W3C Web Annotations (added to the open
// articles, re-anchored by quote where the text changed; those that
// cannot be anchored are listed).
func (w *Workspace) importData(name string, data []byte) {
	p := w.state()
	t := &p.transfer
	if isWebAnnotation(data) {
		set, err := p.ws.ToSet()
		var res *interchange.Imported
		if err == nil {
			res, err = interchange.ImportWebAnnotation(data, set)
		}
		var ws *workspace.Workspace
		if err == nil {
			ws, err = workspace.FromSet(set)
		}
		if err != nil {
			t.msg, t.failed, t.orphans = name+" could not be imported: "+annot.ErrorMessage(err), true, nil
			return
		}
		p.ws = ws
		p.entities = nil
		t.msg = name + ": " + plural(res.Annotations, "annotation") + " imported"
		if res.Moved > 0 {
			t.msg += ", " + itoa(res.Moved) + " found at a new place in the text"
		}
		if len(res.Orphans) > 0 {
			t.msg += ", " + itoa(len(res.Orphans)) + " could not be placed (listed below)"
		}
		t.msg += "."
		t.failed, t.orphans = false, res.Orphans
		w.changed(w.ctx)
		return
	}
	set, err := annot.Decode(data)
	if err != nil {
		t.msg, t.failed, t.orphans = name+" is neither a Gloss saved set nor W3C Web Annotation: "+annot.ErrorMessage(err), true, nil
		return
	}
	w.restore(set, func(ctx app.Context, err error) {
		if err != nil {
			t.msg, t.failed = name+" could not be imported: "+annot.ErrorMessage(err), true
			return
		}
		t.msg, t.failed, t.orphans = name+": "+plural(len(set.Articles), "article")+" imported.", false, nil
	})
}

// isWebAnnotation tells a W3C Web Annotation document (with its JSON-LD
// context, or typed as annotations) from a saved set.
func isWebAnnotation(data []byte) bool {
	var probe struct {
		Context json.RawMessage `json:"@context"`
		Type    json.RawMessage `json:"type"`
		Format  string          `json:"format"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		// An array of annotations.
		var arr []json.RawMessage
		return json.Unmarshal(data, &arr) == nil
	}
	return probe.Format == "" && (probe.Context != nil || strings.Contains(string(probe.Type), "Annotation"))
}

func (w *Workspace) toggleExport(ctx app.Context, e app.Event) {
	t := &w.state().transfer
	t.menu = !t.menu
	if t.menu {
		ctx.Defer(func(app.Context) {
			if el := app.Window().Get("document").Call("querySelector", "#export-menu button"); el.Truthy() {
				el.Call("focus")
			}
		})
	}
}

// transferButtons are the toolbar's Export and Import.
func (w *Workspace) transferButtons() []app.UI {
	p := w.state()
	return []app.UI{
		app.Button().ID("export-btn").Class("btn").Attr("data-testid", "export").Aria("expanded", p.transfer.menu).Aria("controls", "export-menu").
			Title("Download the workspace in another format").Disabled(len(p.ws.Articles) == 0).Text("Export…").OnClick(w.toggleExport),
		app.Button().Class("btn").Attr("data-testid", "import").Title("Open a Gloss saved set or W3C Web Annotation file").Text("Import…").
			OnClick(func(ctx app.Context, e app.Event) { app.Window().GetElementByID("import-file").Call("click") }),
		app.Input().ID("import-file").Hidden(true).Type("file").Accept(".json,.jsonld,application/json,application/ld+json").
			Attr("data-testid", "import-file").OnChange(func(ctx app.Context, e app.Event) {
			files := ctx.JSSrc().Get("files")
			if files.Length() > 0 {
				w.importFile(files.Index(0))
			}
			ctx.JSSrc().Set("value", "")
		}),
	}
}

// renderTransfer is the export menu, when open, and what the last export
// or import did.
func (w *Workspace) renderTransfer() app.UI {
	p := w.state()
	t := p.transfer
	if !t.menu && t.msg == "" {
		return app.If(false, nil)
	}
	return app.Section().Class("transfer").Aria("label", "Export and import").Attr("data-testid", "transfer").Body(
		app.If(t.menu, func() app.UI {
			return app.Div().ID("export-menu").Class("export-menu").Body(
				app.H2().Text("Export"),
				app.Ul().Body(app.Range(exportFormats).Slice(func(i int) app.UI {
					f := exportFormats[i]
					return app.Li().Body(app.Button().Class("btn small").Attr("data-testid", "export-"+f.ID).Text(f.Name).
						OnClick(func(ctx app.Context, e app.Event) { w.export(f) }, app.EventScope(f.ID)))
				})),
				app.Button().Class("btn small").Attr("data-testid", "export-close").Text("Close").
					OnClick(func(ctx app.Context, e app.Event) { p.transfer.menu = false }),
			).OnKeyDown(func(ctx app.Context, e app.Event) {
				if e.Get("key").String() == "Escape" {
					p.transfer.menu = false
					app.Window().GetElementByID("export-btn").Call("focus")
				}
			})
		}),
		app.If(t.msg != "", func() app.UI {
			cls, role := "transfer-msg", "status"
			if t.failed {
				cls, role = "error", "alert"
			}
			return app.P().Class(cls).Attr("role", role).Attr("data-testid", "transfer-msg").Text(t.msg)
		}),
		app.If(len(t.orphans) > 0, func() app.UI {
			return app.Ul().Class("orphans").Attr("data-testid", "import-orphans").Aria("label", "Annotations that could not be placed").Body(
				app.Range(t.orphans).Slice(func(i int) app.UI {
					o := t.orphans[i]
					return app.Li().Attr("data-testid", "import-orphan").Text("“" + o.Exact + "” (" + o.Label + "): " + o.Reason)
				}),
			)
		}),
	)
}
