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
	return &QuotesPanel{P: p, Rev: p.memoRev, Titles: titles(p)}
}

// QuotesPanel is the quotes list. It runs on the UI goroutine and renders
// again only when the derived quotes (Rev) or the article list change, not
// on every update of the page.
type QuotesPanel struct {
	app.Compo

	P      *page
	Rev    int
	Titles string

	html string // the list as last rendered
}

func (qp *QuotesPanel) Render() app.UI {
	p := qp.P
	if p == nil {
		return app.Div()
	}
	total := 0
	for _, qs := range p.quotes {
		total += len(qs)
	}
	if total == 0 {
		// A component's root must be an element, even when empty.
		return app.Div()
	}
	html := qp.listHTML()
	if html != qp.html {
		keepFocus("quotes-body")
		qp.html = html
	}
	return app.Section().Class("card").Attr("data-testid", "quotes").Aria("labelledby", "quotes-h").Body(
		app.H2().ID("quotes-h").Text("Quotes ("+strconv.Itoa(total)+")"),
		app.Div().OnClick(qp.onClick).Body(app.Raw(qp.html)),
	)
}

// onClick goes to the other article a quote is also in.
func (qp *QuotesPanel) onClick(ctx app.Context, e app.Event) {
	el, ok := hitData(e, "data-article")
	if !ok {
		return
	}
	p := qp.P
	j, err := strconv.Atoi(el.Get("dataset").Get("article").String())
	if err != nil || j < 0 || j >= len(p.ws.Articles) {
		return
	}
	p.expanded[p.ws.Articles[j].ID] = true
	focusSoon("t-" + p.ws.Articles[j].ID)
}

// listHTML lists the quotes of each article.
func (qp *QuotesPanel) listHTML() string {
	p := qp.P
	n := min(len(p.quotes), maxQuoteArticles)
	var b htmlb
	b.open("div", "id", "quotes-body")
	for i, qs := range p.quotes[:n] {
		if len(qs) == 0 || i >= len(p.ws.Articles) {
			continue
		}
		a := p.ws.Articles[i]
		b.open("div", "class", "quote-group")
		b.elem("h3", strconv.Itoa(i+1)+" "+a.Title)
		b.open("ul")
		for k, q := range qs {
			speaker := q.Speaker
			if speaker == "" {
				speaker = "speaker not named"
			}
			b.open("li", "data-testid", "quote")
			b.elem("q", q.Text)
			b.elem("span", " — "+speaker, "class", "speaker")
			if len(q.Also) > 0 {
				b.open("span", "class", "also")
				b.text(" · also in ")
				for _, j := range q.Also {
					if j >= len(p.ws.Articles) {
						continue
					}
					b.elem("button", strconv.Itoa(j+1), "class", "btn link", "id", "quote-"+strconv.Itoa(i)+"-"+strconv.Itoa(k)+"-"+strconv.Itoa(j),
						"data-testid", "quote-also", "data-article", strconv.Itoa(j),
						"aria-label", "Go to article "+strconv.Itoa(j+1)+", "+p.ws.Articles[j].Title)
				}
				b.close("span")
			}
			b.close("li")
		}
		b.close("ul")
		b.close("div")
	}
	b.close("div")
	return b.String()
}
