package app

import (
	"html"
	"strconv"
	"strings"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ArticleView renders one article with its highlights. It runs on the UI
// goroutine. Its inputs are small and compared on every parent render, so
// an article whose text, corrections, analysis and focus are unchanged is
// not rendered again (A is replaced, not mutated, when the article
// changes: the workspace copies on write).
type ArticleView struct {
	app.Compo

	P        *page
	A        *workspace.Article
	Pos      int
	Count    int
	Analysed bool
	Marks    string // offsets of the followed entity's mentions here
	Active   string // "start-end" of the highlight being inspected here
	Unique   []workspace.Chunk

	renaming bool
	editing  bool
	html     string      // the text as last rendered, for key
	key      textKey     // what html was rendered from
	ctx      app.Context // set on mount
	mounted  bool
	waiting  bool // for a turn to render the text again (textTurn)
}

func (v *ArticleView) OnMount(ctx app.Context) { v.ctx, v.mounted, v.waiting = ctx, true, false }

func (v *ArticleView) OnDismount() { v.mounted = false }

// textKey is what an article's text is rendered from.
type textKey struct {
	a        *workspace.Article
	analysed bool
	marks    string
}

// renderArticles is the article list: a component per open article, and
// one piece of HTML for each run of collapsed ones, whose summaries are all
// a hundred-article workspace shows of most articles; as components they
// cost more to mount than everything else on the page.
func (w *Workspace) renderArticles() []app.UI {
	p := w.state()
	n := len(p.ws.Articles)
	var out []app.UI
	var run htmlb
	runFrom := -1
	endRun := func() {
		if runFrom < 0 {
			return
		}
		html := run.String()
		out = append(out, app.Div().Class("collapsed-run").OnClick(p.onExpand).Body(app.Raw(html)))
		run = htmlb{}
		runFrom = -1
	}
	if p.eng.shown == nil {
		p.eng.shown = map[string]bool{}
	}
	// An open article new to the page waits as a summary when this frame
	// has mounted enough views already.
	mounts, waited := 0, false
	asView := func(j int) bool {
		return !p.collapsed(j) && (p.eng.shown[p.ws.Articles[j].ID] || mounts < mountsPerFrame || !app.IsClient)
	}
	for i, a := range p.ws.Articles {
		_, analysed := p.ws.Auto(a.Hash)
		analysed = analysed || p.eng.failed != "" // then shown unhighlighted
		if !asView(i) {
			waited = waited || !p.collapsed(i)
			if runFrom < 0 {
				runFrom = i
				run.open("div")
			}
			run.WriteString(p.collapsedHTML(a, i))
			if i+1 == n || asView(i+1) {
				run.close("div")
				endRun()
			}
			continue
		}
		if !p.eng.shown[a.ID] {
			p.eng.shown[a.ID] = true
			mounts++
		}
		out = append(out, &ArticleView{
			P: p, A: a, Pos: i, Count: n, Analysed: analysed,
			Marks: focusMarks(p, i), Active: activeMark(p, a.ID), Unique: p.unique(i),
		})
	}
	if waited {
		w.mountLater()
	}
	return out
}

// mountsPerFrame is how many article views renderArticles mounts in one
// frame: each is a few dozen elements made one call at a time, and a
// paste of many articles mounted a dozen in one block.
const mountsPerFrame = 4

// mountLater renders the articles again on the next frame, for the open
// ones still waiting to be mounted.
func (w *Workspace) mountLater() {
	p := w.state()
	if p.eng.later || !app.IsClient {
		return
	}
	p.eng.later = true
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		w.ctx.Dispatch(func(app.Context) { p.eng.later = false })
		return nil
	})
	app.Window().Call("requestAnimationFrame", f)
}

// collapsedKey is what a collapsed article's HTML is made from.
type collapsedKey struct {
	a   *workspace.Article
	pos int
}

// collapsedHTML is an article's summary, memoised: the list is rendered
// again on every update of the page.
func (p *page) collapsedHTML(a *workspace.Article, pos int) string {
	k := collapsedKey{a, pos}
	if h, ok := p.eng.collapsed[k]; ok {
		return h
	}
	if p.eng.collapsed == nil || len(p.eng.collapsed) > 4*len(p.ws.Articles)+64 {
		p.eng.collapsed = map[collapsedKey]string{} // drop old versions
	}
	head := "h-" + a.ID
	// No "analysing…" here, unlike open articles: the summary would change
	// as each article is analysed, and the whole run with it; the progress
	// bar says how far a batch is.
	meta := plural(len(strings.Fields(a.Text)), "word")
	var b htmlb
	b.open("article", "class", "article collapsed", "id", "art-"+a.ID, "data-testid", "article", "data-id", a.ID, "aria-labelledby", head)
	b.open("header", "class", "article-head")
	b.open("h2", "id", head)
	b.elem("span", strconv.Itoa(pos+1), "class", "pos")
	b.text(a.Title)
	b.close("h2")
	b.elem("span", meta, "class", "meta")
	b.close("header")
	b.open("p", "class", "summary")
	b.text(summaryOf(a.Text) + " ")
	b.elem("button", "Show text", "class", "btn small", "id", "expand-"+a.ID, "data-testid", "expand", "data-id", a.ID, "aria-label", "Show the text of "+a.Title)
	b.close("p")
	b.close("article")
	p.eng.collapsed[k] = b.String()
	return p.eng.collapsed[k]
}

// onExpand opens the collapsed article whose "Show text" was pressed.
func (p *page) onExpand(ctx app.Context, e app.Event) {
	if el, ok := hitData(e, "data-testid"); ok && el.Get("dataset").Get("testid").String() == "expand" {
		p.expanded[el.Get("dataset").Get("id").String()] = true
	}
}

// markSelector finds the highlight starting at byte off of an article; marks
// carry no id, because every attribute costs a call into JavaScript when
// hundreds of highlights arrive at once.
func markSelector(articleID string, off int) string {
	return "#t-" + articleID + " mark[data-off=\"" + strconv.Itoa(off) + "\"]"
}

func (v *ArticleView) Render() app.UI {
	a := v.A
	if a == nil || v.P == nil {
		return app.Article().Class("article").Attr("data-testid", "article")
	}
	head := "h-" + a.ID
	body := v.renderBody()
	words := len(strings.Fields(a.Text))
	meta := plural(words, "word")
	if !v.key.analysed {
		// Until the highlights are shown, not merely found.
		meta += " · analysing…"
	}
	return app.Article().Class("article").ID("art-"+a.ID).Attr("data-testid", "article").Attr("data-id", a.ID).Aria("labelledby", head).Body(
		app.Header().Class("article-head").Body(
			app.If(v.renaming, func() app.UI {
				return app.Input().Class("title-input").ID("title-"+a.ID).Aria("label", "Article title").
					Value(a.Title).AutoFocus(true).OnChange(v.rename).OnKeyDown(v.titleKey)
			}).Else(func() app.UI {
				return app.H2().ID(head).Body(
					app.Span().Class("pos").Text(strconv.Itoa(v.Pos+1)),
					app.Text(a.Title),
				)
			}),
			app.Span().Class("meta").Text(meta),
			app.Div().Class("article-actions").Body(
				v.action("Rename", "Rename "+a.Title, func(ctx app.Context, e app.Event) { v.renaming = !v.renaming }),
				v.action("Edit text", "Edit the text of "+a.Title, func(ctx app.Context, e app.Event) { v.editing = !v.editing }),
				app.Button().Class("btn small").Aria("label", "Move "+a.Title+" up").Disabled(v.Pos == 0).Text("↑").
					OnClick(func(ctx app.Context, e app.Event) { v.do(v.P.ws.Move(v.A.ID, -1)) }),
				app.Button().Class("btn small").Aria("label", "Move "+a.Title+" down").Disabled(v.Pos == v.Count-1).Text("↓").
					OnClick(func(ctx app.Context, e app.Event) { v.do(v.P.ws.Move(v.A.ID, 1)) }),
				app.Button().Class("btn small danger").Attr("data-testid", "remove-article").Aria("label", "Remove "+a.Title).Text("Remove").
					OnClick(func(ctx app.Context, e app.Event) {
						// go-app keeps the first handler mounted at a place
						// (it compares code, not captured values), and this
						// component is reused for whatever article comes to
						// its place: read the article now, never capture it.
						gone := v.A
						if v.do(v.P.ws.Remove(gone.ID)) {
							v.P.status = "Removed “" + gone.Title + "”. Undo brings it back."
						}
					}),
			),
		),
		app.If(v.editing, func() app.UI {
			return app.Div().Class("edit").Body(
				app.Label().For("edit-"+a.ID).Class("label").Text("Text (corrections follow their words; those that cannot are listed below)"),
				app.Textarea().ID("edit-"+a.ID).Rows(12).Text(a.Text),
				app.Div().Class("actions").Body(
					app.Button().Class("btn primary").Text("Save text").OnClick(v.saveText),
					app.Button().Class("btn").Text("Cancel").OnClick(func(ctx app.Context, e app.Event) { v.editing = false }),
				),
			)
		}),
		body,
		v.renderUnique(),
		app.If(len(a.Orphans) > 0, func() app.UI {
			return app.Div().Class("orphans").Attr("role", "note").Body(
				app.H3().Text("Corrections that lost their place after the edit"),
				app.Ul().Body(app.Range(a.Orphans).Slice(func(i int) app.UI {
					o := a.Orphans[i]
					return app.Li().Body(
						app.Span().Class("orphan").Attr("data-label", o.Label).Text("“"+o.Quote+"” — "+workspace.LabelName(o.Label)),
						app.Button().Class("btn small").Aria("label", "Forget the correction “"+o.Quote+"”").Text("Forget").
							OnClick(func(ctx app.Context, e app.Event) { v.do(v.P.ws.DropOrphan(v.A.ID, o.ID)) }, app.EventScope(a.ID, o.ID)),
					)
				})),
			)
		}),
	)
}

// renderBody is the article's text with its highlights. The text is one
// piece of HTML (textHTML): the browser parses it in one go, where
// creating thousands of elements one call at a time from Go was most of the
// time to show a batch of articles. The handlers sit on a wrapper, which
// keeps them when the text is replaced.
func (v *ArticleView) renderBody() app.UI {
	a := v.A
	// The text only changes with the article (replaced on every change),
	// its analysis and the followed mentions. The highlight being
	// inspected only changes a class: rendering the text again for it
	// would take keyboard focus from the highlight just focused.
	key := textKey{a, v.Analysed, v.Marks}
	if key != v.key && v.key.a == a && v.mounted && !textTurn() {
		// Same article, new highlights, and this frame has rendered
		// enough texts: the old text stays until a later frame.
		v.renderLater()
	} else if key != v.key {
		html := textHTML(a, v.P.ws.Spans(a.ID), v.Marks)
		if html != v.html {
			keepFocus("t-" + a.ID)
		}
		v.html, v.key = html, key
	}
	markActive("t-"+a.ID, v.Active)
	return app.Div().Class("text-wrap").
		OnClick(v.onClick).OnMouseUp(v.onSelect).OnKeyUp(v.onKeyUp).OnKeyDown(v.onKey).On("focusin", v.onFocus).
		Body(app.Raw(v.html))
}

// textsPerFrame is how many article texts may be rendered again in one
// frame. When the first entities of a batch arrive, every open article's
// text changes at once; rendering them all (HTML, then the browser's
// style and layout of their highlights) in one frame was one long block.
// The first render of an article is never put off: its plain text is cheap
// and must show.
const textsPerFrame = 3

// texts counts the texts rendered again in the current frame.
var texts struct {
	n     int
	reset bool // a reset is scheduled for the next frame
}

// textTurn reports whether one more text may be rendered again this frame,
// counting it.
func textTurn() bool {
	if !app.IsClient {
		return true
	}
	if !texts.reset {
		texts.reset = true
		var f app.Func
		f = app.FuncOf(func(this app.Value, args []app.Value) any {
			f.Release()
			texts.n, texts.reset = 0, false
			return nil
		})
		app.Window().Call("requestAnimationFrame", f)
	}
	if texts.n >= textsPerFrame {
		return false
	}
	texts.n++
	return true
}

// renderLater renders the view again on a later frame.
func (v *ArticleView) renderLater() {
	if v.waiting || !v.mounted || !app.IsClient {
		return
	}
	v.waiting = true
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		v.ctx.Dispatch(func(app.Context) { v.waiting = false })
		return nil
	})
	app.Window().Call("requestAnimationFrame", f)
}

// markActive gives the highlight active ("start-end") of the text with id
// the class active, and takes it from any other, once the render under way
// is on the page.
func markActive(id, active string) {
	if !app.IsClient {
		return
	}
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		f.Release()
		root := app.Window().GetElementByID(id)
		if !root.Truthy() {
			return nil
		}
		want := app.Value(nil)
		if start, _, ok := strings.Cut(active, "-"); ok {
			want = root.Call("querySelector", `mark[data-off="`+start+`"]`)
		}
		old := root.Call("querySelectorAll", "mark.active")
		for i := 0; i < old.Length(); i++ {
			if el := old.Index(i); want == nil || !el.Equal(want) {
				el.Get("classList").Call("remove", "active")
			}
		}
		if want != nil && want.Truthy() {
			want.Get("classList").Call("add", "active")
		}
		return nil
	})
	app.Window().Call("requestAnimationFrame", f)
}

// textHTML renders an article's text: blocks of a few KB cut after
// paragraph breaks (div.chunk), holding the plain text as text nodes and
// the highlights as marks with data-entity. Chunks and marks carry
// data-off, the byte offset of their first character, from which dom.go
// turns selections back into offsets. The chunks are there for the
// browser: each is laid out on its own, and only when near the view
// (content-visibility in gloss.css), where one block of a long article
// held every highlight and its layout grew faster than the text. Every
// piece of text is escaped: an article's markup is shown as text, never
// run.
func textHTML(a *workspace.Article, spans []workspace.Span, marks string) string {
	followed := map[int]bool{}
	for _, m := range strings.Split(marks, ",") {
		if n, err := strconv.Atoi(m); err == nil {
			followed[n] = true
		}
	}
	text := a.Text
	var b strings.Builder
	b.Grow(len(text) + len(text)/chunkBytes*40 + 96*len(spans) + 256)
	b.WriteString(`<div class="text" id="t-`)
	b.WriteString(html.EscapeString(a.ID))
	b.WriteString(`" tabindex="0" role="region" aria-label="`)
	b.WriteString(html.EscapeString("Text of " + a.Title + ". Select words and press 1 to 8 to label them."))
	b.WriteString(`"><div class="chunk" data-off="0">`)
	chunk := 0 // where the open chunk starts
	for _, s := range workspace.Segments(text, spans) {
		if s.Span == nil {
			at := s.Start
			for {
				// The next paragraph break that ends the open chunk at
				// chunkBytes or more; never one inside a highlight, nor at
				// the very end (an empty chunk).
				cut := -1
				if from := max(at, chunk+chunkBytes-2); from < s.End {
					if i := strings.Index(text[from:s.End], "\n\n"); i >= 0 && from+i+2 < len(text) {
						cut = from + i + 2
					}
				}
				if cut < 0 {
					escape(&b, text[at:s.End])
					break
				}
				escape(&b, text[at:cut])
				b.WriteString(`</div><div class="chunk" data-off="`)
				b.WriteString(strconv.Itoa(cut))
				b.WriteString(`">`)
				chunk, at = cut, cut
			}
			continue
		}
		cls := "ent"
		if s.Span.Manual {
			cls += " manual"
		}
		if followed[s.Start] {
			cls += " followed"
		}
		// The type is shown by CSS after the mention (and by the inspector
		// on focus), so the mark needs no title.
		b.WriteString(`<mark class="`)
		b.WriteString(cls)
		b.WriteString(`" data-entity="`)
		b.WriteString(html.EscapeString(s.Span.Label))
		b.WriteString(`" data-off="`)
		b.WriteString(strconv.Itoa(s.Start))
		b.WriteString(`" tabindex="0" role="button">`)
		escape(&b, text[s.Start:s.End])
		b.WriteString(`</mark>`)
	}
	b.WriteString(`</div></div>`)
	return b.String()
}

// chunkBytes is the least size of a rendered chunk of text: a few
// paragraphs, so that a long article is many blocks the browser can skip,
// and a short one is one or two.
const chunkBytes = 2048

// summaryOf is the start of a text, for collapsed articles.
func summaryOf(text string) string {
	line, _, _ := strings.Cut(text, "\n\n")
	if r := []rune(strings.TrimSpace(line)); len(r) > 160 {
		return string(r[:159]) + "…"
	}
	return strings.TrimSpace(line)
}

func (v *ArticleView) action(text, label string, h app.EventHandler) app.UI {
	return app.Button().Class("btn small").Aria("label", label).Text(text).OnClick(h)
}

// do reports err in the status line, or tells the page about the change.
func (v *ArticleView) do(err error) bool {
	if err != nil {
		v.P.status = err.Error()
		return false
	}
	if v.P.changed != nil {
		v.P.changed()
	}
	return true
}

func (v *ArticleView) renderUnique() app.UI {
	a := v.A
	if v.Count < 2 || v.Unique == nil {
		return app.If(false, nil)
	}
	var parts []string
	for _, u := range v.Unique {
		if t := strings.TrimSpace(a.Text[u.Start:u.End]); len(strings.Fields(t)) >= 3 {
			parts = append(parts, t)
		}
	}
	var b htmlb
	b.open("details", "class", "unique", "data-testid", "unique")
	b.elem("summary", "What only this one says ("+strconv.Itoa(len(parts))+")")
	if len(parts) == 0 {
		b.elem("p", "Nothing: every passage appears in another article.", "class", "muted")
	}
	b.open("ul")
	for _, t := range parts {
		b.elem("li", t)
	}
	b.close("ul")
	b.close("details")
	return app.Raw(b.String())
}

func (v *ArticleView) rename(ctx app.Context, e app.Event) {
	v.renaming = false
	v.do(v.P.ws.Rename(v.A.ID, ctx.JSSrc().Get("value").String()))
}

func (v *ArticleView) titleKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "Enter":
		v.rename(ctx, e)
	case "Escape":
		v.renaming = false
	}
}

func (v *ArticleView) saveText(ctx app.Context, e app.Event) {
	el := app.Window().GetElementByID("edit-" + v.A.ID)
	if el.IsNull() {
		return
	}
	if v.do(v.P.ws.SetText(v.A.ID, el.Get("value").String())) {
		v.editing = false
	}
}

// spanAt returns the highlight starting at byte off.
func (v *ArticleView) spanAt(off int) (workspace.Span, bool) {
	for _, s := range v.P.ws.Spans(v.A.ID) {
		if s.Start == off {
			return s, true
		}
	}
	return workspace.Span{}, false
}

func (v *ArticleView) inspect(off int) {
	if s, ok := v.spanAt(off); ok {
		v.P.sel = selection{ID: v.A.ID, Start: s.Start, End: s.End, Span: true}
	}
}

func (v *ArticleView) onClick(ctx app.Context, e app.Event) {
	if off, ok := targetEntity(e, v.A.Text); ok {
		v.inspect(off)
	}
}

func (v *ArticleView) onFocus(ctx app.Context, e app.Event) {
	if refocused(e) {
		return // the text was rendered again: focus put back, not moved
	}
	if off, ok := targetEntity(e, v.A.Text); ok {
		v.inspect(off)
	}
}

// onSelect takes a text selection made in this article as the thing to
// label.
func (v *ArticleView) onSelect(ctx app.Context, e app.Event) {
	s, end, ok := selectionIn(v.textRoot(), v.A.Text)
	if !ok {
		return
	}
	v.P.sel = selection{ID: v.A.ID, Start: s, End: end}
}

// textRoot is the element holding the article's chunks.
func (v *ArticleView) textRoot() app.Value {
	return app.Window().GetElementByID("t-" + v.A.ID)
}

func (v *ArticleView) onKeyUp(ctx app.Context, e app.Event) {
	if e.Get("shiftKey").Bool() {
		v.onSelect(ctx, e)
	}
}

// onKey: number keys label the selection or relabel the focused
// highlight; Delete removes the focused highlight; Escape lets go.
func (v *ArticleView) onKey(ctx app.Context, e app.Event) {
	if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	key := e.Get("key").String()
	p := v.P
	if key == "Escape" {
		p.sel = selection{}
		clearSelection()
		return
	}
	if off, ok := targetEntity(e, v.A.Text); ok && (key == "Delete" || key == "Backspace") {
		if s, ok := v.spanAt(off); ok {
			e.PreventDefault()
			p.apply(selection{ID: v.A.ID, Start: s.Start, End: s.End, Span: true}, workspace.NoEntity)
		}
		return
	}
	if key == "Enter" || key == " " {
		if off, ok := targetEntity(e, v.A.Text); ok {
			e.PreventDefault()
			v.inspect(off)
		}
		return
	}
	l, ok := workspace.LabelByKey(key)
	if !ok {
		return
	}
	if s, end, ok := selectionIn(v.textRoot(), v.A.Text); ok {
		e.PreventDefault()
		p.apply(selection{ID: v.A.ID, Start: s, End: end}, l.ID)
		clearSelection()
		return
	}
	if off, ok := targetEntity(e, v.A.Text); ok {
		if s, ok := v.spanAt(off); ok {
			e.PreventDefault()
			p.apply(selection{ID: v.A.ID, Start: s.Start, End: s.End, Span: true}, l.ID)
		}
	}
}

// focusMarks lists the offsets of the followed entity's mentions in
// article i.
func focusMarks(p *page, i int) string {
	if p.focus == "" {
		return ""
	}
	e, ok := p.entity(p.focus)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, r := range e.Refs {
		if r.Article == i {
			b.WriteString(strconv.Itoa(r.Start))
			b.WriteByte(',')
		}
	}
	return b.String()
}

func activeMark(p *page, id string) string {
	if !p.sel.Span || p.sel.ID != id {
		return ""
	}
	return strconv.Itoa(p.sel.Start) + "-" + strconv.Itoa(p.sel.End)
}
