package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxQuoteArticles bounds the quotes panel with many articles.
const maxQuoteArticles = 30

// renderQuotes lists direct quotes per article with their speaker, and
// links the same quote in other articles.
func (w *Workspace) renderQuotes() app.UI {
	p := w.state()
	total := 0
	for _, qs := range p.quotes {
		total += len(qs)
	}
	if total == 0 {
		return app.If(false, nil)
	}
	n := min(len(p.quotes), maxQuoteArticles)
	return app.Section().Class("card").Attr("data-testid", "quotes").Aria("labelledby", "quotes-h").Body(
		app.H2().ID("quotes-h").Text("Quotes ("+strconv.Itoa(total)+")"),
		app.Range(p.quotes[:n]).Slice(func(i int) app.UI {
			qs := p.quotes[i]
			if len(qs) == 0 || i >= len(p.ws.Articles) {
				return app.If(false, nil)
			}
			a := p.ws.Articles[i]
			return app.Div().Class("quote-group").Body(
				app.H3().Text(strconv.Itoa(i+1)+" "+a.Title),
				app.Ul().Body(app.Range(qs).Slice(func(k int) app.UI {
					q := qs[k]
					speaker := q.Speaker
					if speaker == "" {
						speaker = "speaker not named"
					}
					return app.Li().Attr("data-testid", "quote").Body(
						app.Q().Text(q.Text),
						app.Span().Class("speaker").Text(" — "+speaker),
						app.If(len(q.Also) > 0, func() app.UI {
							return app.Span().Class("also").Body(
								app.Text(" · also in "),
								app.Range(q.Also).Slice(func(x int) app.UI {
									j := q.Also[x]
									return app.Button().Class("btn link").Attr("data-testid", "quote-also").
										Aria("label", "Go to article "+strconv.Itoa(j+1)+", "+p.ws.Articles[j].Title).
										Text(strconv.Itoa(j+1)).
										OnClick(func(ctx app.Context, e app.Event) {
											p.expanded[p.ws.Articles[j].ID] = true
											focusSoon("t-" + p.ws.Articles[j].ID)
										}, app.EventScope(p.ws.Articles[j].ID))
								}),
							)
						}),
					)
				})),
			)
		}),
	)
}
