// Package app holds Gloss's go-app components. Components stay thin: they
// hold view state and call the engine packages under internal/, which know
// nothing of the UI. Only cmd/server imports this package (aliased, because
// go-app's own package is also called app).
package app
