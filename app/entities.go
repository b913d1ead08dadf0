package app

import (
	"strconv"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Panel limits keep the page light with many articles.
const (
	maxListed    = 40           // entities listed
	maxMatrixRow = 25           // entities in the entity × article matrix
	maxMatrixCol = openArticles // articles in it
)

// EntityPanel is the side panel of merged entities with counts, and the
// entity × article matrix of who is mentioned where. It runs on the UI
// goroutine and renders again only when the derived index (Rev), the
// article list or the followed entity change.
type EntityPanel struct {
	app.Compo

	P      *page
	Rev    int
	Titles string
	Focus  string
}

func (ep *EntityPanel) Render() app.UI {
	p := ep.P
	if p == nil {
		return app.Div()
	}
	ents := p.entities
	if len(ents) == 0 {
		return app.Section().Class("card").Aria("labelledby", "ent-h").Body(
			app.H2().ID("ent-h").Text("Entities"),
			app.P().Class("muted").Text("People, organisations, places and numbers appear here once articles are analysed."),
		)
	}
	listed := ents[:min(len(ents), maxListed)]
	rows := ents[:min(len(ents), maxMatrixRow)]
	n := len(p.ws.Articles)
	cols := p.ws.Articles[:min(n, maxMatrixCol)]
	return app.Section().Class("card").Attr("data-testid", "entities").Aria("labelledby", "ent-h").Body(
		app.H2().ID("ent-h").Text("Entities ("+strconv.Itoa(len(ents))+")"),
		app.Ul().Class("entity-list").Body(app.Range(listed).Slice(func(i int) app.UI {
			e := listed[i]
			in := 0
			for _, c := range e.Counts {
				if c > 0 {
					in++
				}
			}
			return app.Li().Body(
				app.Button().Class("entity-row").Attr("data-testid", "entity").Attr("data-key", e.Key).
					Attr("data-label", e.Label).Aria("pressed", p.focus == e.Key).
					Title("Forms: "+joinForms(e.Forms)+". Click again to step through the mentions.").
					OnClick(func(ctx app.Context, ev app.Event) { p.follow(e.Key) }, app.EventScope(e.Key)).Body(
					app.Span().Class("tag").Attr("data-label", e.Label).Text(e.Label),
					app.Span().Class("name").Text(e.Name),
					app.Span().Class("count").Text(strconv.Itoa(e.Total())+" in "+strconv.Itoa(in)+"/"+strconv.Itoa(n)),
				),
			)
		})),
		app.If(n > 1, func() app.UI {
			return app.Div().Class("scroll").Attr("tabindex", "0").Attr("role", "region").Aria("label", "Entity by article matrix").Body(
				app.Table().Class("matrix").Attr("data-testid", "entity-matrix").Body(
					app.Caption().Text(matrixCaption(n)),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Entity"),
						app.Range(cols).Slice(func(j int) app.UI {
							return app.Th().Scope("col").Title(cols[j].Title).Text(strconv.Itoa(j + 1))
						}),
					)),
					app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
						e := rows[i]
						return app.Tr().Body(
							app.Th().Scope("row").Body(app.Span().Class("tag").Attr("data-label", e.Label).Text(e.Label), app.Text(" "+e.Name)),
							app.Range(e.Counts[:min(len(cols), len(e.Counts))]).Slice(func(j int) app.UI {
								c := e.Counts[j]
								if c == 0 {
									return app.Td().Class("missing").Attr("data-count", "0").Title(e.Name + " is not in article " + strconv.Itoa(j+1)).Text("—")
								}
								return app.Td().Attr("data-count", strconv.Itoa(c)).Text(strconv.Itoa(c))
							}),
						)
					})),
				),
			)
		}),
	)
}

func matrixCaption(n int) string {
	c := "Who is mentioned where (— means missing)"
	if n > maxMatrixCol {
		c += ", first " + strconv.Itoa(maxMatrixCol) + " articles"
	}
	return c
}

func joinForms(fs []string) string {
	out := ""
	for i, f := range fs {
		if i > 0 {
			out += ", "
		}
		out += f
	}
	return out
}

var _ = workspace.Labels
