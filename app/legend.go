package app

import (
	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderLegend shows each entity type with its colour and pattern, and
// switches its highlights on and off. Hiding is pure CSS (a class on the
// page), so no article is rendered again.
func (w *Workspace) renderLegend() app.UI {
	p := w.state()
	return app.Div().Class("legend").Attr("role", "group").Aria("label", "Entity types: show or hide").Body(
		app.Range(workspace.Labels).Slice(func(i int) app.UI {
			l := workspace.Labels[i]
			on := !p.hidden[l.ID]
			return app.Button().Class("chip legend-item").Attr("data-testid", "legend-"+l.ID).Attr("data-label", l.ID).
				Aria("pressed", on).Title("Show or hide "+l.Name+" (key "+l.Key+" labels a selection)").
				Body(
					app.Span().Class("swatch").Attr("data-entity-swatch", l.ID).Aria("hidden", true),
					app.Text(l.Name),
				).
				OnClick(func(ctx app.Context, e app.Event) { p.hidden[l.ID] = !p.hidden[l.ID] })
		}),
	)
}
