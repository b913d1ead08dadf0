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
	k := min(n, maxHeat)
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	return app.Section().Class("card").Aria("labelledby", "sim-h").Body(
		app.H2().ID("sim-h").Text("Similarity"),
		app.P().Class("muted small").Text("≡ near duplicate · ≈ same source, edited · ~ same story · · unrelated. Darker is more similar. Open a cell to compare the pair."),
		app.If(n > maxHeat, func() app.UI {
			return app.P().Class("muted small").Text("Showing the first " + strconv.Itoa(maxHeat) + " articles.")
		}),
		app.Div().Class("scroll").Attr("tabindex", "0").Attr("role", "region").Aria("label", "Similarity matrix").Body(
			app.Table().Class("heat").Attr("data-testid", "sim-matrix").Body(
				app.Caption().Class("visually-hidden").Text("Similarity of each pair of articles"),
				app.THead().Body(app.Tr().Body(
					app.Td(),
					app.Range(idx).Slice(func(j int) app.UI {
						return app.Th().Scope("col").Title(p.ws.Articles[j].Title).Text(strconv.Itoa(j + 1))
					}),
				)),
				app.TBody().Body(app.Range(idx).Slice(func(i int) app.UI {
					return app.Tr().Body(
						app.Th().Scope("row").Title(p.ws.Articles[i].Title).Text(strconv.Itoa(i+1)),
						app.Range(idx).Slice(func(j int) app.UI { return m.heatCell(i, j) }),
					)
				})),
			),
		),
	)
}

func (m *SimMatrix) heatCell(i, j int) app.UI {
	p := m.P
	if i == j {
		return app.Td().Class("self").Aria("label", "same article").Text("")
	}
	r, ok := p.ws.Pair(i, j)
	rel := r.Relation
	if !ok {
		rel = "pending"
	}
	score := strconv.FormatFloat(r.Score, 'f', 2, 64)
	level := min(4, int(r.Score*5))
	open := p.pair == [2]int{i, j}
	return app.Td().Body(
		app.Button().Class("cell l"+strconv.Itoa(level)).
			Attr("data-testid", "sim-cell").Attr("data-a", strconv.Itoa(i)).Attr("data-b", strconv.Itoa(j)).
			Attr("data-score", strconv.FormatFloat(r.Score, 'f', 4, 64)).Attr("data-relation", rel).
			Aria("label", "Articles "+strconv.Itoa(i+1)+" and "+strconv.Itoa(j+1)+": "+score+", "+relationText[rel]).
			Aria("pressed", open).Disabled(!ok).
			Text(shortScore(r.Score) + relationMark[rel]).
			OnClick(func(ctx app.Context, e app.Event) {
				p.pair = [2]int{i, j}
				focusSoon("pair")
			}),
	)
}

// shortScore prints a score in two or three characters: ".92", "1".
func shortScore(s float64) string {
	if s >= 0.995 {
		return "1"
	}
	return strconv.FormatFloat(s, 'f', 2, 64)[1:]
}

var _ = workspace.Unrelated
