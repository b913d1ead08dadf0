package app

import (
	"strconv"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// apply labels the selection (NoEntity removes a highlight) and keeps the
// inspector on the result.
func (p *page) apply(s selection, label string) {
	a := p.ws.Article(s.ID)
	if a == nil || !s.valid() {
		return
	}
	start, end := s.Start, s.End
	var err error
	if s.Span {
		// Relabel keeps the note the highlight had.
		err = p.ws.Relabel(s.ID, s.Start, s.End, label)
	} else {
		var ann workspace.Annotation
		ann, err = p.ws.Annotate(s.ID, s.Start, s.End, label, "")
		start, end = ann.Start, ann.End
	}
	if err != nil {
		p.status = err.Error()
		return
	}
	text := a.Text[start:end]
	if label == workspace.NoEntity {
		p.status = "“" + text + "” is no longer highlighted."
		p.sel = selection{}
	} else {
		p.status = "“" + text + "” is now " + workspace.LabelName(label) + "."
		p.sel = selection{ID: s.ID, Start: start, End: end, Span: true}
	}
	if p.changed != nil {
		p.changed()
	}
}

func (w *Workspace) renderInspector() app.UI {
	p := w.state()
	s := p.sel
	a := p.ws.Article(s.ID)
	if !s.valid() || a == nil || s.End > len(a.Text) {
		return app.If(false, nil)
	}
	text := a.Text[s.Start:s.End]
	current := ""
	note := ""
	if s.Span {
		for _, sp := range p.ws.Spans(a.ID) {
			if sp.Start == s.Start && sp.End == s.End {
				current, note = sp.Label, sp.Note
			}
		}
		if current == "" {
			return app.If(false, nil)
		}
	}
	heading := "Label the selection"
	if s.Span {
		heading = workspace.LabelName(current)
	}
	var info app.UI = app.If(false, nil)
	if s.Span {
		if key, ok := workspace.EntityAt(p.entities, p.ws.Pos(a.ID), s.Start); ok {
			if e, ok := p.entity(key); ok {
				in := 0
				for _, c := range e.Counts {
					if c > 0 {
						in++
					}
				}
				info = app.P().Class("muted").Body(
					app.Text(e.Name+" · "+plural(e.Total(), "mention")+" in "+strconv.Itoa(in)+" of "+plural(len(p.ws.Articles), "article")+" "),
					app.Button().Class("btn small").Attr("data-testid", "follow").Text("Show all mentions").
						OnClick(func(ctx app.Context, ev app.Event) { p.follow(key) }, app.EventScope(key)),
				)
			}
		}
	}
	id := s.ID
	// Handlers capture the selection; go-app would keep the first one
	// mounted here unless the scope says it changed.
	scope := app.EventScope(s.ID, s.Start, s.End, s.Span, current)
	return app.Section().Class("inspector").Attr("data-testid", "inspector").Aria("label", "Selected text").Body(
		app.Div().Class("inspector-head").Body(
			app.H2().Body(app.Text(heading+": "), app.Q().Text(text)),
			app.Button().Class("btn small").Aria("label", "Close").Text("✕").OnClick(func(ctx app.Context, e app.Event) { p.sel = selection{} }, scope),
		),
		info,
		app.Div().Class("labels").Attr("role", "group").Aria("label", "Label").Body(
			app.Range(workspace.Labels).Slice(func(i int) app.UI {
				l := workspace.Labels[i]
				return app.Button().Class("btn small chip").Attr("data-testid", "label-"+l.ID).Attr("data-label", l.ID).
					Aria("pressed", l.ID == current).Title("Key "+l.Key).
					Body(app.Kbd().Text(l.Key), app.Text(" "+l.Name)).
					OnClick(func(ctx app.Context, e app.Event) { p.apply(s, l.ID) }, scope)
			}),
		),
		app.If(s.Span, func() app.UI {
			return app.Div().Class("actions wrap").Body(
				app.Button().Class("btn small").Attr("data-testid", "remove-entity").Text("Not an entity").
					OnClick(func(ctx app.Context, e app.Event) { p.apply(s, workspace.NoEntity) }, scope),
				app.Button().Class("btn small").Attr("data-testid", "apply-all").Text("Apply “"+workspace.LabelName(current)+"” to every “"+text+"”").
					OnClick(func(ctx app.Context, e app.Event) { w.applyAll(text, current) }, scope),
				app.Button().Class("btn small").Aria("label", "Extend to the word before").Text("◂ word").
					OnClick(func(ctx app.Context, e app.Event) { w.resize(id, s, workspace.WordBefore(a.Text, s.Start), s.End) }, scope),
				app.Button().Class("btn small").Aria("label", "Drop the first word").Text("▸ shrink").
					OnClick(func(ctx app.Context, e app.Event) {
						w.resize(id, s, workspace.WordBefore(a.Text, workspace.WordAfter(a.Text, workspace.WordAfter(a.Text, s.Start))), s.End)
					}, scope),
				app.Button().Class("btn small").Aria("label", "Drop the last word").Text("shrink ◂").
					OnClick(func(ctx app.Context, e app.Event) {
						w.resize(id, s, s.Start, workspace.WordAfter(a.Text, workspace.WordBefore(a.Text, workspace.WordBefore(a.Text, s.End))))
					}, scope),
				app.Button().Class("btn small").Aria("label", "Extend to the word after").Text("word ▸").
					OnClick(func(ctx app.Context, e app.Event) { w.resize(id, s, s.Start, workspace.WordAfter(a.Text, s.End)) }, scope),
			)
		}),
		app.If(s.Span, func() app.UI {
			return app.Div().Class("note").Body(
				app.Label().For("note").Class("label").Text("Note"),
				app.Input().ID("note").Type("text").Value(note).Placeholder("Why this label?").
					OnChange(func(ctx app.Context, e app.Event) {
						if err := p.ws.SetNote(id, s.Start, s.End, ctx.JSSrc().Get("value").String()); err != nil {
							p.status = err.Error()
							return
						}
						p.status = "Note saved."
						w.changed(ctx)
					}, scope),
			)
		}),
	)
}

func (w *Workspace) resize(id string, s selection, ns, ne int) {
	p := w.state()
	if ns >= ne || (ns == s.Start && ne == s.End) {
		return
	}
	if err := p.ws.Resize(id, s.Start, s.End, ns, ne); err != nil {
		p.status = err.Error()
		return
	}
	a := p.ws.Article(id)
	for _, sp := range p.ws.Spans(id) {
		if sp.Manual && sp.Start >= ns && sp.End <= ne {
			p.sel = selection{ID: id, Start: sp.Start, End: sp.End, Span: true}
		}
	}
	p.status = "Now “" + a.Text[p.sel.Start:p.sel.End] + "”."
	w.changed(w.ctx)
}

func (w *Workspace) applyAll(text, label string) {
	p := w.state()
	n, err := p.ws.ApplyAll(text, label)
	if err != nil {
		p.status = err.Error()
		return
	}
	p.status = plural(n, "more place") + " now " + workspace.LabelName(label) + "."
	w.changed(w.ctx)
}

// follow highlights every mention of the entity with key and steps to the
// first.
func (p *page) follow(key string) {
	if p.focus == key {
		p.step = (p.step + 1)
	} else {
		p.focus, p.step = key, 0
	}
	e, ok := p.entity(key)
	if !ok || len(e.Refs) == 0 {
		return
	}
	r := e.Refs[p.step%len(e.Refs)]
	if r.Article >= len(p.ws.Articles) {
		return
	}
	p.expanded[p.ws.Articles[r.Article].ID] = true
	sel := markSelector(p.ws.Articles[r.Article].ID, r.Start)
	p.status = e.Name + ": mention " + strconv.Itoa(p.step%len(e.Refs)+1) + " of " + strconv.Itoa(len(e.Refs)) + "."
	focusSoon(sel)
}
