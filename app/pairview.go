package app

import (
	"strconv"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderPair is the side-by-side view of two articles: matched sentences
// on one row, shared passages marked exact or edited, and what each says
// alone marked unique.
func (w *Workspace) renderPair() app.UI {
	p := w.state()
	i, j := p.pair[0], p.pair[1]
	if i < 0 || j < 0 || i >= len(p.ws.Articles) || j >= len(p.ws.Articles) {
		return app.If(false, nil)
	}
	r, ok := p.ws.Pair(i, j)
	if !ok {
		return app.If(false, nil)
	}
	a, b := p.ws.Articles[i], p.ws.Articles[j]
	rows := workspace.PairRows(a.Text, b.Text, r)
	matched := 0
	for _, row := range rows {
		if row.A.Start >= 0 && row.B.Start >= 0 {
			matched++
		}
	}
	return app.Section().ID("pair").Class("pair card").Attr("data-testid", "pair-view").Attr("tabindex", "-1").Aria("labelledby", "pair-h").Body(
		app.Div().Class("inspector-head").Body(
			app.H2().ID("pair-h").Text(strconv.Itoa(i+1)+" “"+a.Title+"” and "+strconv.Itoa(j+1)+" “"+b.Title+"”"),
			app.Button().Class("btn small").Attr("data-testid", "close-pair").Text("Close").OnClick(func(ctx app.Context, e app.Event) { p.pair = [2]int{-1, -1} }),
		),
		app.P().Body(
			app.Strong().Attr("data-testid", "pair-relation").Text(relationText[r.Relation]),
			app.Text(" · similarity "+strconv.FormatFloat(r.Score, 'f', 2, 64)+" · "+plural(len(r.Passages), "shared passage")+" · "+plural(matched, "matched sentence")),
		),
		app.P().Class("pair-legend small").Body(
			app.Span().Class("pc exact").Text("exact"), app.Text(" same words "),
			app.Span().Class("pc edited").Text("edited"), app.Text(" same passage, changed "),
			app.Span().Class("pc similar").Text("similar"), app.Text(" matched sentence, reworded "),
			app.Span().Class("pc unique").Text("unique"), app.Text(" only on this side"),
		),
		app.Div().Class("scroll").Attr("tabindex", "0").Attr("role", "region").Aria("label", "Aligned sentences").Body(
			app.Table().Class("aligned").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("#"),
					app.Th().Scope("col").Text(a.Title),
					app.Th().Scope("col").Text(b.Title),
				)),
				app.TBody().Body(app.Range(rows).Slice(func(k int) app.UI {
					row := rows[k]
					link := ""
					if row.A.Start >= 0 && row.B.Start >= 0 {
						n := 0
						for _, r := range rows[:k+1] {
							if r.A.Start >= 0 && r.B.Start >= 0 {
								n++
							}
						}
						link = strconv.Itoa(n)
					}
					return app.Tr().Attr("data-row", strconv.Itoa(k)).Body(
						app.Td().Class("link").Title("matched sentences share a row").Text(link),
						pairSide(a.Text, row.A),
						pairSide(b.Text, row.B),
					)
				})),
			),
		),
	)
}

func pairSide(text string, s workspace.Side) app.UI {
	if s.Start < 0 {
		return app.Td().Class("gap").Body(app.Span().Class("visually-hidden").Text("no counterpart"))
	}
	return app.Td().Body(app.Range(s.Pieces).Slice(func(i int) app.UI {
		pc := s.Pieces[i]
		return app.Span().Class("pc "+pc.Kind).Attr("data-kind", pc.Kind).Text(text[pc.Start:pc.End])
	}))
}
