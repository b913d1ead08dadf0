// Command server is Gloss's one binary. Built for the browser
// (GOOS=js GOARCH=wasm) it runs the UI; built natively it serves the app and
// stores saved sets.
package main

import (
	annotapp "gloss/app"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	annotapp.Register()
	app.RunWhenOnBrowser() // in the browser: runs the UI and never returns
	serve()
}
