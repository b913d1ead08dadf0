package app

import (
	"strconv"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxHeat bounds the heat map; more articles are listed by their closest
// pairs instead.
const maxHeat = openArticles

// relationText says what a relation means, for the cell's label.
var relationText = map[string]string{
	"near-duplicate":     "near duplicate",
	"same-source-edited": "same source, edited",
	"same-story":         "same story",
	"unrelated":          "unrelated",
	"pending":            "not compared yet",
}

// relationMark is the short visible cue next to the score, so colour is
// never the only one.
var relationMark = map[string]string{
	"near-duplicate":     "≡",
	"same-source-edited": "≈",
	"same-story":         "~",
	"unrelated":          "·",
	"pending":            "…",
}

// SimMatrix is the heat map of every pair; a cell opens the pair. It runs
// on the UI goroutine and renders again only when its inputs change: the
// article list, the comparisons (PairRev) or the open pair.
type SimMatrix struct {
	app.Compo

	P        *page
	Articles string
	PairRev  int
	Open     [2]int

	html string // the heat map as last rendered
}

func (m *SimMatrix) Render() app.UI {
	p := m.P
	if p == nil {
		return app.Div()
	}
	n := len(p.ws.Articles)
	if n < 2 {
		// A component's root must be an element, even when empty.
		return app.Div()
	}
	html := m.heatHTML(min(n, maxHeat))
	if html != m.html {
		keepFocus("sim-scroll")
		m.html = html
	}
	return app.Section().Class("card").Aria("labelledby", "sim-h").Body(
		app.H2().ID("sim-h").Text("Similarity"),
		app.P().Class("muted small").Text("≡ near duplicate · ≈ same source, edited · ~ same story · · unrelated. Darker is more similar. Open a cell to compare the pair."),
		app.If(n > maxHeat, func() app.UI {
			return app.P().Class("muted small").Text("Showing the first " + strconv.Itoa(maxHeat) + " articles.")
		}),
		app.Div().OnClick(m.onClick).Body(app.Raw(m.html)),
	)
}

// onClick opens the pair of the cell clicked (or pressed with the
// keyboard: buttons turn Enter and Space into clicks).
func (m *SimMatrix) onClick(ctx app.Context, e app.Event) {
	el, ok := hitData(e, "data-testid")
	if !ok || el.Get("dataset").Get("testid").String() != "sim-cell" {
		return
	}
	i, err1 := strconv.Atoi(el.Get("dataset").Get("a").String())
	j, err2 := strconv.Atoi(el.Get("dataset").Get("b").String())
	if err1 != nil || err2 != nil {
		return
	}
	m.P.pair = [2]int{i, j}
	focusSoon("pair")
}

// heatHTML is the heat map of the first k articles.
func (m *SimMatrix) heatHTML(k int) string {
	p := m.P
	var b htmlb
	b.open("div", "class", "scroll", "id", "sim-scroll", "tabindex", "0", "role", "region", "aria-label", "Similarity matrix")
	b.open("table", "class", "heat", "data-testid", "sim-matrix")
	b.elem("caption", "Similarity of each pair of articles", "class", "visually-hidden")
	b.open("thead")
	b.open("tr")
	b.elem("td", "")
	for j := range k {
		b.elem("th", strconv.Itoa(j+1), "scope", "col", "title", p.ws.Articles[j].Title)
	}
	b.close("tr")
	b.close("thead")
	b.open("tbody")
	for i := range k {
		b.open("tr")
		b.elem("th", strconv.Itoa(i+1), "scope", "row", "title", p.ws.Articles[i].Title)
		for j := range k {
			m.heatCell(&b, i, j)
		}
		b.close("tr")
	}
	b.close("tbody")
	b.close("table")
	b.close("div")
	return b.String()
}

func (m *SimMatrix) heatCell(b *htmlb, i, j int) {
	p := m.P
	if i == j {
		b.elem("td", "", "class", "self", "aria-label", "same article")
		return
	}
	r, ok := p.ws.Pair(i, j)
	rel := r.Relation
	if !ok {
		rel = "pending"
	}
	score := strconv.FormatFloat(r.Score, 'f', 2, 64)
	level := min(4, int(r.Score*5))
	open := p.pair == [2]int{i, j}
	a, bb := strconv.Itoa(i), strconv.Itoa(j)
	attrs := []string{"class", "cell l" + strconv.Itoa(level), "id", "sim-" + a + "-" + bb,
		"data-testid", "sim-cell", "data-a", a, "data-b", bb,
		"data-score", strconv.FormatFloat(r.Score, 'f', 4, 64), "data-relation", rel,
		"aria-label", "Articles " + strconv.Itoa(i+1) + " and " + strconv.Itoa(j+1) + ": " + score + ", " + relationText[rel],
		"aria-pressed", strconv.FormatBool(open)}
	if !ok {
		attrs = append(attrs, "disabled", "\x00")
	}
	b.open("td")
	b.elem("button", shortScore(r.Score)+relationMark[rel], attrs...)
	b.close("td")
}

// shortScore prints a score in two or three characters: ".92", "1".
func shortScore(s float64) string {
	if s >= 0.995 {
		return "1"
	}
	return strconv.FormatFloat(s, 'f', 2, 64)[1:]
}

var _ = workspace.Unrelated
