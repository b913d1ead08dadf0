//go:build wasm

package main

// serve is a no-op in the browser build, so that net/http's server, SQL
// drivers and the rest of the server never reach app.wasm.
func serve() {}
