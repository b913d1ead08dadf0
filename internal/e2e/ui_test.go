package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Three short invented news texts: two versions of one story and an
// unrelated one. The second carries multi-byte characters (é, ø) before
// the words the test selects, so offsets must survive UTF-16 ↔ UTF-8.
var uiArticles = []string{
	`Harbour strike ends in Valmora

Dock workers in Valmora returned to work on Tuesday after Mayor Elena Varga agreed to a new contract with the Port Workers Union. The deal is worth $12 million over three years and raises wages by 6 percent.

"This is a fair outcome for every family on the docks," Varga said. Union leader Tomas Brekke called the agreement a first step. Shipping firm Nordhavn Lines said its vessels would leave Valmora by Friday.`,
	`Valmora dockers back at work after deal

Dock workers in Valmora went back to work on Tuesday after Mayor Elena Varga agreed a new contract with the Port Workers Union. The agreement is worth $12 million over three years.

"This is a fair outcome for every family on the docks," Varga told reporters. Tomas Brekke, who leads the union, said members would vote on it next month. Café owners near Søndre Quay welcomed the news.`,
	`Rail bridge at Kestrel Falls to close for repairs

The Northern Rail Authority will close the bridge at Kestrel Falls from March 3 for six weeks. Engineer Ruth Okonjo said cracks were found during an inspection in January.

Passengers will travel by bus between Kestrel Falls and Dunmore. "We apologise for the disruption," the authority said in a statement.`,
}

// idle is true once every article is analysed and every pair compared.
const idle = `(() => {
	const arts = document.querySelectorAll('[data-testid="article"]');
	const cells = document.querySelectorAll('[data-testid="sim-cell"]');
	return arts.length > 0 && !document.querySelector('[data-testid="progress"]') &&
		cells.length === arts.length * (arts.length - 1) &&
		[...cells].every(c => c.dataset.relation !== 'pending');
})()`

// addArticles pastes each text and adds it, as a person would.
func addArticles(t *testing.T, ctx context.Context, texts ...string) {
	t.Helper()
	for _, text := range texts {
		// Typing 700 characters key by key is slow; set the value and fire
		// the input event the page listens to, as a paste does.
		setValue := fmt.Sprintf(`(() => { const el = document.querySelector('[data-testid="paste"]');
			el.value = %s; el.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`, jsString(text))
		eval[bool](t, ctx, setValue)
		do(t, ctx, chromedp.WaitEnabled(`[data-testid="add-article"]`))
		press(t, ctx, `[data-testid="add-article"]`)
		// Adding clears the paste area, also when the text held several articles.
		wait(t, ctx, `document.querySelector('[data-testid="paste"]').value === ''`)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// entityTexts returns text → label of every highlight in article i.
func entityTexts(t *testing.T, ctx context.Context, i int) map[string]string {
	t.Helper()
	pairs := eval[[][]string](t, ctx, fmt.Sprintf(`[...document.querySelectorAll('[data-testid="article"]')[%d].querySelectorAll('[data-entity]')].map(e => [e.textContent, e.dataset.entity])`, i))
	out := map[string]string{}
	for _, p := range pairs {
		out[p[0]] = p[1]
	}
	return out
}

// markSelector finds the highlight with exactly text in article i.
func markJS(i int, text string) string {
	return fmt.Sprintf(`[...document.querySelectorAll('[data-testid="article"]')[%d].querySelectorAll('[data-entity]')].find(e => e.textContent === %s)`, i, jsString(text))
}

// TestAnnotator walks the main path: paste three articles, read the
// entities, correct them by mouse and keyboard, compare, reload.
func TestAnnotator(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)

	do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	wait(t, ctx, AppReadyJS)
	addArticles(t, ctx, uiArticles...)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 3`)
	wait(t, ctx, idle)

	// Titles come from the first lines, in order.
	titles := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid="article"] h2')].map(h => h.lastChild.textContent)`)
	for i, want := range []string{"Harbour strike ends in Valmora", "Valmora dockers back at work after deal", "Rail bridge at Kestrel Falls to close for repairs"} {
		if i >= len(titles) || titles[i] != want {
			t.Fatalf("titles = %q, want %q at %d", titles, want, i)
		}
	}

	// Entities of the right types, each wrapping exactly its text.
	first := entityTexts(t, ctx, 0)
	for text, label := range map[string]string{"Elena Varga": "PER", "Valmora": "LOC", "$12 million": "MONEY", "Tuesday": "DATE", "Port Workers Union": "ORG"} {
		if got := first[text]; got != label {
			t.Errorf("article 1: %q is %q, want %s (all: %v)", text, got, label, first)
		}
	}
	if got := entityTexts(t, ctx, 2)["Ruth Okonjo"]; got != "PER" {
		t.Errorf("article 3: Ruth Okonjo is %q, want PER", got)
	}
	// The text is whole: highlights plus plain stretches give back the
	// article exactly.
	if got := eval[string](t, ctx, `document.querySelectorAll('[data-testid="article"] .text')[1].textContent`); got != strings.TrimSpace(uiArticles[1]) {
		t.Errorf("article 2 text = %q, want the pasted text", got)
	}
	screenshot(t, ctx, "workspace.png")

	// The legend hides a type and shows it again.
	do(t, ctx, chromedp.Click(`[data-testid="legend-PER"]`))
	wait(t, ctx, `document.querySelector('.workspace').classList.contains('hide-PER') && document.querySelector('[data-testid="legend-PER"]').getAttribute('aria-pressed') === 'false'`)
	if bg := eval[string](t, ctx, markJS(0, "Elena Varga")+`.computedStyleMap().get('background-color').toString()`); bg != "rgba(0, 0, 0, 0)" {
		t.Errorf("hidden PER highlight background = %s, want none", bg)
	}
	do(t, ctx, chromedp.Click(`[data-testid="legend-PER"]`))
	wait(t, ctx, `!document.querySelector('.workspace').classList.contains('hide-PER')`)

	// Following an entity marks its mentions in every article and steps
	// through them with the keyboard focus.
	do(t, ctx, chromedp.Click(`[data-testid="entity"][data-key="PER:elena varga"]`))
	wait(t, ctx, `document.querySelectorAll('mark.followed').length >= 4`)
	wait(t, ctx, `document.activeElement.matches('mark.followed')`)
	eval[bool](t, ctx, `(window.firstMention = document.activeElement, true)`)
	// By keyboard this time (the inspector, sticky at the top, may now
	// cover the row for a pointer).
	do(t, ctx, chromedp.Focus(`[data-testid="entity"][data-key="PER:elena varga"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, `document.activeElement.matches('mark.followed') && document.activeElement !== window.firstMention`)

	// Correct one by mouse: click the highlight, pick a label in the
	// inspector.
	quay := entityTexts(t, ctx, 1)["Søndre Quay"]
	if quay == "" {
		t.Fatalf("article 2: Søndre Quay not highlighted: %v", entityTexts(t, ctx, 1))
	}
	want := "LOC"
	if quay == "LOC" {
		want = "MISC"
	}
	eval[bool](t, ctx, markJS(1, "Søndre Quay")+`.click() ?? true`)
	wait(t, ctx, `document.querySelector('[data-testid="inspector"] h2 q')?.textContent === "Søndre Quay"`)
	// The label button is pressed from the keyboard: a pointer click is
	// placed by coordinates, and the page may still be scrolling smoothly
	// to the mention stepped to above.
	do(t, ctx, chromedp.Focus(`[data-testid="inspector"] [data-testid="label-`+want+`"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, markJS(1, "Søndre Quay")+`?.dataset.entity === "`+want+`"`)
	if !eval[bool](t, ctx, markJS(1, "Søndre Quay")+`.classList.contains('manual')`) {
		t.Error("relabelled highlight not marked as a correction")
	}
	screenshot(t, ctx, "inspector.png")

	// By keyboard: select words after the multi-byte characters and press
	// 4 (MISC).
	eval[bool](t, ctx, textNodesJS+`(() => {
		const text = document.querySelectorAll('[data-testid="article"] .text')[1];
		const node = textNodes(text).find(n => n.textContent.includes('welcomed the news'));
		const at = node.textContent.indexOf('the news');
		const r = document.createRange();
		r.setStart(node, at); r.setEnd(node, at + 'the news'.length);
		const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
		text.focus();
		return true; })()`)
	do(t, ctx, chromedp.KeyEvent("4"))
	wait(t, ctx, markJS(1, "the news")+`?.dataset.entity === "MISC"`)

	// Remove a wrong highlight with the keyboard: focus it, press Delete.
	eval[bool](t, ctx, markJS(2, "Dunmore")+`.focus() ?? true`)
	do(t, ctx, chromedp.KeyEvent("\b")) // Backspace removes too
	wait(t, ctx, markJS(2, "Dunmore")+` === undefined`)
	// Undo brings it back, redo removes it again.
	do(t, ctx, chromedp.Focus(`[data-testid="undo"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, markJS(2, "Dunmore")+` !== undefined`)
	do(t, ctx, chromedp.Focus(`[data-testid="redo"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, markJS(2, "Dunmore")+` === undefined`)

	// The entity index merges "Elena Varga" and "Varga".
	var varga []string
	if err := waitValue(ctx, `[...document.querySelectorAll('[data-testid="entity"]')].filter(e => e.textContent.includes('Varga')).map(e => e.textContent)`, &varga, func() bool { return len(varga) == 1 }); err != nil {
		t.Errorf("entity list rows naming Varga = %q, want one merged row: %v", varga, err)
	}
	if got := eval[int](t, ctx, `document.querySelectorAll('[data-testid="entity-matrix"] td.missing').length`); got == 0 {
		t.Error("entity × article matrix shows nobody missing anywhere")
	}

	// Similarity matrix: the two harbour versions are one source, edited;
	// the rail story is unrelated to them.
	rel := func(a, b int) string {
		return eval[string](t, ctx, fmt.Sprintf(`document.querySelector('[data-testid="sim-cell"][data-a="%d"][data-b="%d"]').dataset.relation`, a, b))
	}
	if got := rel(0, 1); got != "same-source-edited" && got != "near-duplicate" {
		t.Errorf("relation 1–2 = %q, want same-source-edited or near-duplicate", got)
	}
	if got := rel(0, 2); got != "unrelated" {
		t.Errorf("relation 1–3 = %q, want unrelated", got)
	}
	if got := rel(1, 0); got != rel(0, 1) {
		t.Errorf("matrix not symmetric: %q vs %q", got, rel(0, 1))
	}
	score := eval[float64](t, ctx, `+document.querySelector('[data-testid="sim-cell"][data-a="0"][data-b="1"]').dataset.score`)
	low := eval[float64](t, ctx, `+document.querySelector('[data-testid="sim-cell"][data-a="0"][data-b="2"]').dataset.score`)
	if !(score > low && score <= 1 && low >= 0) {
		t.Errorf("scores 1–2 = %v, 1–3 = %v: want 0 ≤ 1–3 < 1–2 ≤ 1", score, low)
	}

	// Open the pair: aligned rows with exact or edited passages and the
	// text only one side has.
	do(t, ctx, chromedp.Focus(`[data-testid="sim-cell"][data-a="0"][data-b="1"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, `document.querySelector('[data-testid="pair-view"]') !== null`)
	kinds := eval[[]string](t, ctx, `[...new Set([...document.querySelectorAll('[data-testid="pair-view"] [data-kind]')].map(e => e.dataset.kind))].sort()`)
	has := func(k string) bool { return slices.Contains(kinds, k) }
	if !(has("exact") || has("edited")) || !has("unique") {
		t.Errorf("pair view kinds = %q, want shared (exact or edited) and unique", kinds)
	}
	if got := eval[bool](t, ctx, `[...document.querySelectorAll('[data-testid="pair-view"] tr')].some(r => r.textContent.includes('Café owners') && r.querySelector('td.gap'))`); !got {
		t.Error("pair view: B's own sentence is not on a row of its own")
	}
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "pair" {
		t.Errorf("focus after opening the pair = %q, want the pair view", got)
	}
	screenshot(t, ctx, "pair.png")

	// Quotes: the same quote in both versions, with its speaker.
	if got := eval[int](t, ctx, `document.querySelectorAll('[data-testid="quote"]').length`); got < 2 {
		t.Errorf("quotes listed = %d, want at least 2", got)
	}
	if !eval[bool](t, ctx, `[...document.querySelectorAll('[data-testid="quote"]')].some(q => q.textContent.includes('Varga') && q.querySelector('[data-testid="quote-also"]'))`) {
		t.Error("Varga's quote is not attributed and linked across articles")
	}

	checkAxe(t, ctx, "workspace with inspector and pair view")

	// Reload: the work is still there, corrections included, before any
	// analysis runs again.
	wait(t, ctx, `window.glossSavedAt !== undefined`)
	time.Sleep(time.Second) // let the last debounced save land
	do(t, ctx, chromedp.Reload())
	wait(t, ctx, AppReadyJS)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 3`)
	wait(t, ctx, markJS(1, "Søndre Quay")+`?.dataset.entity === "`+want+`"`)
	if got := entityTexts(t, ctx, 1)["the news"]; got != "MISC" {
		t.Errorf("after reload: keyboard label = %q, want MISC", got)
	}
	if _, ok := entityTexts(t, ctx, 2)["Dunmore"]; ok {
		t.Error("after reload: removed highlight is back")
	}
	wait(t, ctx, idle)

	// Phone width: one column, nothing wider than the screen.
	do(t, ctx, chromedp.EmulateViewport(390, 844))
	time.Sleep(300 * time.Millisecond)
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("at phone width the page is %d px wide, want ≤ 390", w)
	}
	screenshot(t, ctx, "phone.png")
	checkAxe(t, ctx, "phone width")
}

// TestHostileFile drops an HTML file with script and markup: its text is
// added, nothing runs, nothing becomes an element.
func TestHostileFile(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "hostile.html")
	html := `<html><head><title>Council vote</title><script>window.pwned=1</script></head>
<body><h1>Council vote</h1><p>The council met in Valmora.</p>
<img src=x onerror="window.pwned=2"><p>&lt;b&gt;not bold&lt;/b&gt; <iframe src="javascript:window.pwned=3"></iframe></p>
<style>body{display:none}</style></body></html>`
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	wait(t, ctx, AppReadyJS)
	do(t, ctx, chromedp.SetUploadFiles(`[data-testid="files"]`, []string{path}))
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	text := eval[string](t, ctx, `document.querySelector('[data-testid="article"] .text').textContent`)
	if want := "Council vote\n\nThe council met in Valmora.\n\n<b>not bold</b>"; text != want {
		t.Errorf("file text = %q, want %q", text, want)
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="article"] h2').lastChild.textContent`); got != "Council vote" {
		t.Errorf("title = %q, want the document's title", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"] :is(img, script, iframe, b, style)').length`); n != 0 {
		t.Errorf("file markup became %d elements", n)
	}
	time.Sleep(500 * time.Millisecond)
	if eval[bool](t, ctx, `window.pwned !== undefined`) {
		t.Error("file ran script")
	}
	checkAxe(t, ctx, "one article from a file")

	// The accessibility check can fail: an unlabelled button is caught.
	eval[bool](t, ctx, `document.querySelector('.toolbar').appendChild(document.createElement('button')) && true`)
	vs := axeViolations(t, ctx)
	if !slices.ContainsFunc(vs, func(v axeViolation) bool { return v.ID == "button-name" }) {
		t.Errorf("axe missed an unlabelled button: %+v", vs)
	}
}

// TestPasteSeveral splits a paste at --- lines.
func TestPasteSeveral(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	wait(t, ctx, AppReadyJS)
	addArticles(t, ctx, "First story\nOne.\n---\nSecond story\nTwo.\n---\n")
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	do(t, ctx, chromedp.Click(`[data-testid="article"] [data-testid="remove-article"]`))
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="article"] h2').lastChild.textContent`); got != "Second story" {
		t.Errorf("after removing the first, title = %q", got)
	}
	do(t, ctx, chromedp.Click(`[data-testid="undo"]`))
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	// Selections are made once analysis is done: results arriving redraw
	// an article's text, and a selection inside the old text is gone.
	wait(t, ctx, idle)

	// A correction, then an edit of the text that removes its words: the
	// correction is listed as an orphan, not lost; one whose words remain
	// follows them.
	selectAndLabel := func(word, key string) {
		t.Helper()
		eval[bool](t, ctx, textNodesJS+`(() => {
			const text = document.querySelector('[data-testid="article"] .text');
			const node = textNodes(text).find(n => n.textContent.includes(`+jsString(word)+`));
			const at = node.textContent.indexOf(`+jsString(word)+`);
			const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + `+jsString(word)+`.length);
			getSelection().removeAllRanges(); getSelection().addRange(r); text.focus(); return true; })()`)
		do(t, ctx, chromedp.KeyEvent(key))
		wait(t, ctx, markJS(0, word)+`?.classList.contains('manual')`)
	}
	selectAndLabel("One", "8")
	selectAndLabel("First", "4")
	do(t, ctx, chromedp.Click(`[data-testid="article"] [aria-label^="Edit the text"]`))
	wait(t, ctx, `document.querySelector('[data-testid="article"] textarea') !== null`)
	eval[bool](t, ctx, `(() => { const ta = document.querySelector('[data-testid="article"] textarea');
		ta.value = 'New intro.\nFirst story\nUno.'; return true; })()`)
	do(t, ctx, chromedp.Click(`[data-testid="article"] .edit .btn.primary`))
	wait(t, ctx, `document.querySelector('[data-testid="article"] .orphans')?.textContent.includes('“One”')`)
	wait(t, ctx, markJS(0, "First")+`?.dataset.entity === "MISC"`)
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="article"] .text').textContent`); got != "New intro.\nFirst story\nUno." {
		t.Errorf("edited text = %q", got)
	}
}

// TestCollapsedArticles adds more articles than are opened at first: the
// rest show a summary and open on "Show text", highlighted, and the
// matrix of the first ones and every article's place stay right.
func TestCollapsedArticles(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	wait(t, ctx, AppReadyJS)
	var texts []string
	for i := range 15 {
		texts = append(texts, fmt.Sprintf("Story %d\n\nMayor Elena Varga visited Valmora on day %d with %d officials.", i+1, i+1, i+3))
	}
	addArticles(t, ctx, strings.Join(texts, "\n---\n"))
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 15`)
	wait(t, ctx, idleCapped)
	if n := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"].collapsed').length`); n != 3 {
		t.Errorf("collapsed articles = %d, want 3 (15 less the 12 open)", n)
	}
	if got := eval[string](t, ctx, `document.querySelectorAll('[data-testid="article"]')[13].querySelector('h2').lastChild.textContent`); got != "Story 14" {
		t.Errorf("article 14 title = %q, want Story 14", got)
	}
	press(t, ctx, `[data-testid="article"]:nth-child(2 of [data-testid="article"].collapsed) [data-testid="expand"]`)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]')[13].querySelector('.text [data-entity="PER"]')?.textContent === 'Elena Varga'`)
	if n := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"].collapsed').length`); n != 2 {
		t.Errorf("collapsed articles after opening one = %d, want 2", n)
	}
	if got := eval[string](t, ctx, `[...document.querySelectorAll('[data-testid="article"] h2')].map(h => h.lastChild.textContent).join('|')`); got != strings.Join(func() []string {
		var titles []string
		for i := range 15 {
			titles = append(titles, fmt.Sprintf("Story %d", i+1))
		}
		return titles
	}(), "|") {
		t.Errorf("titles in order = %s", got)
	}
	checkAxe(t, ctx, "collapsed articles")
}

// idleCapped is idle for workspaces larger than the heat map (12 articles).
const idleCapped = `(() => {
	const n = Math.min(12, document.querySelectorAll('[data-testid="article"]').length);
	const cells = document.querySelectorAll('[data-testid="sim-cell"]');
	return n > 0 && !document.querySelector('[data-testid="progress"]') &&
		cells.length === n * (n - 1) && [...cells].every(c => c.dataset.relation !== 'pending');
})()`

// AppReadyJS is browsertest.AppReady, repeated so this file reads alone.
const AppReadyJS = `document.querySelector('[data-app-state="ready"]') !== null`

// waitValue evaluates expr into v until ok() or 20 s pass.
func waitValue(ctx context.Context, expr string, v any, ok func() bool) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage]("JSON.stringify("+expr+")"))
		if err == nil {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				err = json.Unmarshal([]byte(s), v)
			}
		}
		if err == nil && ok() {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return err
			}
			return fmt.Errorf("still %v", v)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// checkAxe runs axe-core's WCAG 2.x A and AA rules on the page and fails on
// any violation. axe is injected through DevTools, which the page's CSP
// does not govern; the page itself loads no outside script.
func checkAxe(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	for _, v := range axeViolations(t, ctx) {
		t.Errorf("axe (%s): %s — %s\n  %s", where, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

type axeViolation struct {
	ID, Help string
	Nodes    []string
}

func axeViolations(t *testing.T, ctx context.Context) []axeViolation {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	src, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run `make e2e`, which runs npm ci): %v", err)
	}
	eval[bool](t, ctx, string(src)+"\n;true")
	out := eval[string](t, ctx, `(async () => {
		const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']});
		return JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)})));
	})()`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe result %s: %v", out, err)
	}
	return vs
}

// textNodesJS defines textNodes(el) (again on every use: a script run
// twice cannot declare a const twice): the text nodes under el, in order
// (an article's plain text is bare text nodes between its marks).
const textNodesJS = `globalThis.textNodes = el => {
	const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), out = [];
	while (w.nextNode()) out.push(w.currentNode);
	return out; };
`

// longArticle is an article of some 30 paragraphs, enough for several
// rendered chunks, with a multi-byte name in each, so that offsets in
// later chunks count bytes and UTF-16 units apart.
func longArticle() string {
	var b strings.Builder
	b.WriteString("Long report from Valmora")
	for i := range 30 {
		fmt.Fprintf(&b, "\n\nParagraph %d: Mayor Elena Varga met Søren Dahl in Valmora on Tuesday. ", i)
		b.WriteString(strings.TrimSpace(strings.Repeat("The council talked about the harbour and the rail bridge for a long time. ", 4)))
	}
	return b.String()
}

// TestLongArticle: a long article is rendered in chunks with its text
// whole, and selections that start on a chunk's edge (an element boundary
// point) or cross from one chunk into the next are labelled exactly.
func TestLongArticle(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/"))
	wait(t, ctx, AppReadyJS)
	text := longArticle()
	addArticles(t, ctx, text)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	wait(t, ctx, idle)
	wait(t, ctx, markJS(0, "Søren Dahl")+` !== undefined`)
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="article"] .text').textContent`); got != text {
		t.Errorf("text shown differs from the article: %d bytes, want %d", len(got), len(text))
	}
	chunks := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"] .text .chunk').length`)
	if chunks < 3 {
		t.Fatalf("chunks = %d, want several for a %d-byte article", chunks, len(text))
	}

	// From the start of the third chunk (the point (chunk, 0)) to the end
	// of its first word.
	eval[bool](t, ctx, textNodesJS+`(() => {
		const text = document.querySelector('[data-testid="article"] .text');
		const chunk = text.querySelectorAll('.chunk')[2];
		const node = textNodes(chunk)[0];
		const r = document.createRange(); r.setStart(chunk, 0); r.setEnd(node, 'Paragraph'.length);
		getSelection().removeAllRanges(); getSelection().addRange(r); text.focus(); return true; })()`)
	do(t, ctx, chromedp.KeyEvent("4"))
	wait(t, ctx, markJS(0, "Paragraph")+`?.classList.contains('manual')`)

	// From the last words of the fourth chunk to the first of the fifth:
	// across the paragraph break between them.
	want := eval[string](t, ctx, textNodesJS+`(() => {
		const text = document.querySelector('[data-testid="article"] .text');
		const cs = text.querySelectorAll('.chunk');
		const a = textNodes(cs[3]).at(-1), b = textNodes(cs[4])[0];
		const r = document.createRange(); r.setStart(a, a.textContent.lastIndexOf('long time.')); r.setEnd(b, 'Paragraph'.length);
		getSelection().removeAllRanges(); getSelection().addRange(r); text.focus(); return String(r); })()`)
	if !strings.Contains(want, "\n\nParagraph") {
		t.Fatalf("selection %q does not cross a paragraph break", want)
	}
	do(t, ctx, chromedp.KeyEvent("8"))
	wait(t, ctx, markJS(0, want)+`?.classList.contains('manual')`)
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="article"] .text').textContent`); got != text {
		t.Error("text shown differs from the article after the corrections")
	}
	checkAxe(t, ctx, "long article")
}
