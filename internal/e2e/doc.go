// Package e2e holds Gloss's end-to-end tests: the real server binary and the
// real wasm app in headless Chromium. Run them with `make e2e` (part of
// `make test`), which builds the binary and the wasm first.
package e2e
