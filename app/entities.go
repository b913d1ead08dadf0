package app

import (
	"strconv"
	"strings"

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

	html string // the list and matrix as last rendered
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
	html := ep.bodyHTML(ents)
	if html != ep.html {
		keepFocus("ent-body")
		ep.html = html
	}
	return app.Section().Class("card").Attr("data-testid", "entities").Aria("labelledby", "ent-h").Body(
		app.H2().ID("ent-h").Text("Entities ("+strconv.Itoa(len(ents))+")"),
		app.Div().OnClick(ep.onClick).Body(app.Raw(ep.html)),
	)
}

// onClick follows the entity whose row was clicked.
func (ep *EntityPanel) onClick(ctx app.Context, e app.Event) {
	if el, ok := hitData(e, "data-key"); ok && el.Get("dataset").Get("testid").String() == "entity" {
		ep.P.follow(el.Get("dataset").Get("key").String())
	}
}

// bodyHTML is the entity list and the entity × article matrix.
func (ep *EntityPanel) bodyHTML(ents []workspace.Entity) string {
	p := ep.P
	listed := ents[:min(len(ents), maxListed)]
	rows := ents[:min(len(ents), maxMatrixRow)]
	n := len(p.ws.Articles)
	cols := p.ws.Articles[:min(n, maxMatrixCol)]
	var b htmlb
	b.open("div", "id", "ent-body")
	b.open("ul", "class", "entity-list")
	for _, e := range listed {
		in := 0
		for _, c := range e.Counts {
			if c > 0 {
				in++
			}
		}
		b.open("li")
		b.open("button", "class", "entity-row", "id", "ent-"+strings.ReplaceAll(e.Key, " ", "_"),
			"data-testid", "entity", "data-key", e.Key, "data-label", e.Label,
			"aria-pressed", strconv.FormatBool(p.focus == e.Key),
			"title", "Forms: "+joinForms(e.Forms)+". Click again to step through the mentions.")
		b.elem("span", e.Label, "class", "tag", "data-label", e.Label)
		b.elem("span", e.Name, "class", "name")
		b.elem("span", strconv.Itoa(e.Total())+" in "+strconv.Itoa(in)+"/"+strconv.Itoa(n), "class", "count")
		b.close("button")
		b.close("li")
	}
	b.close("ul")
	if n > 1 {
		b.open("div", "class", "scroll", "tabindex", "0", "role", "region", "aria-label", "Entity by article matrix")
		b.open("table", "class", "matrix", "data-testid", "entity-matrix")
		b.elem("caption", matrixCaption(n))
		b.open("thead")
		b.open("tr")
		b.elem("th", "Entity", "scope", "col")
		for j, a := range cols {
			b.elem("th", strconv.Itoa(j+1), "scope", "col", "title", a.Title)
		}
		b.close("tr")
		b.close("thead")
		b.open("tbody")
		for _, e := range rows {
			b.open("tr")
			b.open("th", "scope", "row")
			b.elem("span", e.Label, "class", "tag", "data-label", e.Label)
			b.text(" " + e.Name)
			b.close("th")
			for j := range cols {
				if j >= len(e.Counts) {
					// Added while the panels wait for the batch (page.derive).
					b.elem("td", "…", "class", "pending", "title", "Article "+strconv.Itoa(j+1)+" is not analysed yet")
					continue
				}
				c := e.Counts[j]
				if c == 0 {
					b.elem("td", "—", "class", "missing", "data-count", "0", "title", e.Name+" is not in article "+strconv.Itoa(j+1))
					continue
				}
				b.elem("td", strconv.Itoa(c), "data-count", strconv.Itoa(c))
			}
			b.close("tr")
		}
		b.close("tbody")
		b.close("table")
		b.close("div")
	}
	b.close("div")
	return b.String()
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
