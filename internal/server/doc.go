// Package server serves the Gloss web app: go-app's page handler, the static
// assets under /web/ (app.wasm precompressed), the service worker, health and
// security headers. It knows nothing of storage: the saved-set API is handed
// in as an http.Handler.
package server
