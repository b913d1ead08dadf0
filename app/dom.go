package app

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file is the one place where DOM positions (UTF-16 code units inside
// text nodes) become the workspace's UTF-8 byte offsets. An article's text
// is rendered as chunks holding text nodes and marks; chunks and marks
// carry data-off, the byte offset of their first character (textHTML).

// utf16ToByte returns the byte offset in s of UTF-16 offset u, clamped to
// s. An offset inside a surrogate pair rounds up to the whole character.
func utf16ToByte(s string, u int) int {
	if u <= 0 {
		return 0
	}
	n := 0
	for i, r := range s {
		if n >= u {
			return i
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return len(s)
}

// byteToUTF16 returns the UTF-16 offset of byte offset b in s.
func byteToUTF16(s string, b int) int {
	n := 0
	for i, r := range s {
		if i >= b {
			break
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// domPoint converts a DOM boundary point (node, offset), as a Range or a
// Selection gives it, into a byte offset of text. root is the element that
// holds the article's chunks. ok is false for points outside root.
func domPoint(root, node app.Value, offset int, text string) (int, bool) {
	if node.Type() != app.TypeObject || !root.Call("contains", node).Bool() {
		return 0, false
	}
	if node.Get("nodeType").Int() == 3 {
		// In a text node: offset counts UTF-16 units.
		return nodeStart(root, node, utf16ToByte(textOf(node), offset), text)
	}
	// In an element (the root, a chunk, a mark): offset counts child
	// nodes; the point is the start of the one at offset, or the end of
	// the element.
	kids := node.Get("childNodes")
	if offset < kids.Length() {
		return nodeStart(root, kids.Index(offset), 0, text)
	}
	return nodeStart(root, node, len(textOf(node)), text)
}

// nodeStart returns the byte offset of the point n bytes after the start
// of node, a node inside root. Plain text is a bare text node: its offset
// is that of the nearest element before it carrying data-off (a mark, or
// its chunk) plus the length of the text in between, so the walk back
// stops at the previous highlight or the chunk's start.
func nodeStart(root, node app.Value, n int, text string) (int, bool) {
	for !node.Equal(root) {
		if node.Get("nodeType").Int() == 1 && !node.Get("dataset").Get("off").IsUndefined() {
			off, ok := stretchStart(node, text)
			if !ok || off+n > len(text) || (off+n < len(text) && !utf8.RuneStart(text[off+n])) {
				return 0, false
			}
			return off + n, true
		}
		if p := node.Get("previousSibling"); p.Truthy() {
			n += len(textOf(p))
			node = p
			continue
		}
		node = node.Get("parentNode")
		if !node.Truthy() {
			return 0, false
		}
	}
	if n > len(text) {
		return 0, false
	}
	return n, true
}

// textOf is a node's text as UTF-8, the article's bytes (the DOM's
// strings are UTF-16; a JavaScript string is not an object to read a
// length from: syscall/js panics on that).
func textOf(node app.Value) string { return node.Get("textContent").String() }

// stretchStart reads an element's data-off and checks it is a character
// boundary of text.
func stretchStart(el app.Value, text string) (int, bool) {
	off, err := strconv.Atoi(el.Get("dataset").Get("off").String())
	if err != nil || off < 0 || off > len(text) || (off < len(text) && !utf8.RuneStart(text[off])) {
		return 0, false
	}
	return off, true
}

// selectionIn returns the current selection as byte offsets of text when
// it lies inside root and is not empty.
func selectionIn(root app.Value, text string) (start, end int, ok bool) {
	sel := app.Window().Call("getSelection")
	if sel.IsNull() || sel.Get("rangeCount").Int() == 0 || sel.Get("isCollapsed").Bool() {
		return 0, 0, false
	}
	r := sel.Call("getRangeAt", 0)
	start, ok1 := domPoint(root, r.Get("startContainer"), r.Get("startOffset").Int(), text)
	end, ok2 := domPoint(root, r.Get("endContainer"), r.Get("endOffset").Int(), text)
	if !ok1 || !ok2 || start >= end {
		return 0, 0, false
	}
	return start, end, true
}

// clearSelection drops the browser's text selection.
func clearSelection() {
	if sel := app.Window().Call("getSelection"); !sel.IsNull() {
		sel.Call("removeAllRanges")
	}
}

// targetEntity returns the data-off of the element an event hit, if it is
// a highlighted entity.
func targetEntity(e app.Event, text string) (int, bool) {
	t := e.Get("target")
	if t.IsNull() || t.IsUndefined() || t.Get("closest").IsUndefined() {
		return 0, false
	}
	el := t.Call("closest", "[data-entity]")
	if el.IsNull() {
		return 0, false
	}
	return stretchStart(el, text)
}

// focusByID moves keyboard focus to the element with id and brings it into
// view.
func focusByID(id string) { focusEl(app.Window().GetElementByID(id)) }

func focusEl(el app.Value) {
	if el.IsNull() || el.IsUndefined() {
		return
	}
	el.Call("scrollIntoView", map[string]any{"block": "center", "behavior": "smooth"})
	el.Call("focus", map[string]any{"preventScroll": true})
}

// focusSoon focuses the element with id (or, starting with "#" and
// holding a space, matching a CSS selector) once it is on the page: go-app
// applies renders on the next animation frame, so an element made by the
// current event is not there yet. It gives up after a few frames.
func focusSoon(id string) {
	find := func() app.Value { return app.Window().GetElementByID(id) }
	if strings.HasPrefix(id, "#") && strings.Contains(id, " ") {
		find = func() app.Value { return app.Window().Get("document").Call("querySelector", id) }
	}
	tries := 0
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		el := find()
		if (el.IsNull() || el.IsUndefined()) && tries < 20 {
			tries++
			app.Window().Call("requestAnimationFrame", f)
			return nil
		}
		f.Release()
		focusEl(el)
		return nil
	})
	app.Window().Call("requestAnimationFrame", f)
}
