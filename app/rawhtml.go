package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Large views that change as a whole (article texts, the panels) are built
// as one HTML string and mounted with app.Raw: the browser parses it in one
// go, where go-app would make a call into JavaScript for every element,
// attribute and text, most of a batch's time on the page's thread. Every
// text and attribute value goes through escape, so an article's markup is
// always shown as text. Handlers sit on a go-app element around the raw
// HTML and find what was hit from data attributes (delegation).

// htmlb builds escaped HTML.
type htmlb struct{ strings.Builder }

// open writes a start tag; attrs are name, value pairs (values escaped).
// A value "\x00" writes the attribute without a value.
func (b *htmlb) open(tag string, attrs ...string) {
	b.WriteByte('<')
	b.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.WriteByte(' ')
		b.WriteString(attrs[i])
		if attrs[i+1] == "\x00" {
			continue
		}
		b.WriteString(`="`)
		escape(&b.Builder, attrs[i+1])
		b.WriteByte('"')
	}
	b.WriteByte('>')
}

func (b *htmlb) close(tag string) {
	b.WriteString("</")
	b.WriteString(tag)
	b.WriteByte('>')
}

func (b *htmlb) text(s string) { escape(&b.Builder, s) }

// elem writes a whole element holding text.
func (b *htmlb) elem(tag, text string, attrs ...string) {
	b.open(tag, attrs...)
	b.text(text)
	b.close(tag)
}

// escape writes s as HTML text (and attribute value): what html.EscapeString
// does, without a copy of every piece of every article.
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// keepFocus puts keyboard focus back where it was when the element with id
// rootID, which holds it, is replaced by the render under way: on the
// element with the same id, or the same data-off inside the new root, or
// on the new root itself.
func keepFocus(rootID string) {
	if !app.IsClient {
		return
	}
	doc := app.Window().Get("document")
	act := doc.Get("activeElement")
	old := doc.Call("getElementById", rootID)
	if !act.Truthy() || !old.Truthy() || !old.Call("contains", act).Bool() {
		return
	}
	id := act.Get("id").String()
	off := act.Get("dataset").Get("off")
	// A mark and the chunk it starts share a data-off.
	tag := act.Get("localName").String()
	find := func() app.Value {
		if id != "" {
			if el := doc.Call("getElementById", id); el.Truthy() {
				return el
			}
		}
		root := doc.Call("getElementById", rootID)
		if root.Truthy() && off.Truthy() {
			if el := root.Call("querySelector", tag+`[data-off="`+off.String()+`"]`); el.Truthy() {
				return el
			}
		}
		return root
	}
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		// Only when focus was lost with the old element: something else may
		// have moved it on purpose meanwhile.
		if act := doc.Get("activeElement"); act.Truthy() && !act.Equal(doc.Get("body")) {
			return nil
		}
		if el := find(); el.Truthy() {
			// Marked, so that handlers can tell focus put back from focus
			// a person moved (see refocused).
			el.Call("setAttribute", "data-refocus", "")
			el.Call("focus", map[string]any{"preventScroll": true})
		}
		return nil
	})
	app.Window().Call("requestAnimationFrame", f)
}

// refocused reports whether a focus event is keepFocus putting focus back,
// not the person moving it.
func refocused(e app.Event) bool {
	t := e.Get("target")
	if !t.Truthy() || !t.Get("hasAttribute").Truthy() || !t.Call("hasAttribute", "data-refocus").Bool() {
		return false
	}
	t.Call("removeAttribute", "data-refocus")
	return true
}

// hitData returns attribute name's value on the element an event hit or
// its nearest ancestor with it, and whether there is one.
func hitData(e app.Event, attr string) (app.Value, bool) {
	t := e.Get("target")
	if !t.Truthy() || !t.Get("closest").Truthy() {
		return nil, false
	}
	el := t.Call("closest", "["+attr+"]")
	if !el.Truthy() || el.Get("disabled").Truthy() {
		return nil, false
	}
	return el, true
}
