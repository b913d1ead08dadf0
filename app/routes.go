package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Register declares every route. Both builds call it: the browser to route,
// the server to prerender pages and to answer 404 for unknown paths.
func Register() {
	app.Route("/", func() app.Composer { return &Workspace{} })
	// Share links (/s/<id>) restore a saved workspace; the same component
	// reads the id from the URL.
	app.RouteWithRegexp("^/s/[A-Za-z0-9_-]{1,64}$", func() app.Composer { return &Workspace{} })
}
