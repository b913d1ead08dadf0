// Package workspace is the view model behind Gloss's annotator page: the
// articles a person pasted, the entities the engine found in them, the
// corrections the person made, and everything the page derives from those
// (merged entity index, quotes, render segments, the saved-set form).
//
// It is pure Go with no syscall/js, so every rule the UI relies on is tested
// natively and under wasm; the components in app/ only render it and forward
// events to it. All offsets here are half-open UTF-8 byte offsets into an
// article's Text; conversion to code points happens only in ToSet/FromSet
// and to UTF-16 only in app/dom.go.
//
// A Workspace is not safe for concurrent use: the UI goroutine owns it, and
// background analysis hands its results back through SetAuto.
package workspace
