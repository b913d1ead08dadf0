package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gloss/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// TestDropFiles drops files on the input area the way a file manager
// does: a DragEvent whose DataTransfer carries File objects. Text and
// Markdown become articles titled by their first line or name, HTML is
// reduced to its text, anything else is refused with a message.
func TestDropFiles(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")

	eval[bool](t, ctx, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(["High winds closed the port of Arlen on Monday, the harbour master said."], "storm-in-arlen.txt", {type: "text/plain"}));
		dt.items.add(new File(["<html><head><title>Bridge reopens</title></head><body><p>The Kestrel bridge reopened on Friday.</p><script>window.pwned = 1</script></body></html>"], "bridge.html", {type: "text/html"}));
		dt.items.add(new File(["MZ\u0000\u0001binary"], "tool.exe", {type: "application/octet-stream"}));
		const zone = document.querySelector('[data-testid="paste"]').closest('section');
		const over = new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true});
		zone.dispatchEvent(over);
		if (!over.defaultPrevented) throw new Error('dragover not accepted: the browser would open the file instead');
		zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true; })()`)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	titles := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid="article"] h2')].map(h => h.lastChild.textContent)`)
	texts := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid="article"] .text')].map(e => e.textContent)`)
	got := map[string]string{}
	for i := range titles {
		got[titles[i]] = texts[i]
	}
	for title, want := range map[string]string{
		"Bridge reopens": "The Kestrel bridge reopened on Friday.",
		"storm in arlen": "High winds closed the port of Arlen on Monday, the harbour master said.",
	} {
		var found bool
		for gt, text := range got {
			if strings.EqualFold(gt, title) {
				found = true
				if !strings.Contains(text, want) {
					t.Errorf("article %q text = %q, want it to hold %q", gt, text, want)
				}
			}
		}
		if !found {
			t.Errorf("no article titled %q among %q", title, titles)
		}
	}
	wait(t, ctx, `document.body.textContent.includes('tool.exe is not a .txt, .md or .html file')`)
	if eval[bool](t, ctx, `window.pwned !== undefined`) {
		t.Error("dropped HTML ran script")
	}
}

// TestApplyAllAndResize corrects a boundary with the inspector's word
// buttons and spreads a label to every occurrence across articles.
func TestApplyAllAndResize(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	addArticles(t, ctx, uiArticles[0], uiArticles[1])
	wait(t, ctx, idle)

	inspect := func(i int, text string) {
		t.Helper()
		wait(t, ctx, markJS(i, text)+` !== undefined`)
		eval[bool](t, ctx, markJS(i, text)+`.click() ?? true`)
		wait(t, ctx, fmt.Sprintf(`document.querySelector('[data-testid="inspector"] h2 q')?.textContent === %s`, jsString(text)))
	}
	button := func(label string) string {
		return `[data-testid="inspector"] button[aria-label="` + label + `"]`
	}

	// Resize: drop the first word, then take it back.
	inspect(0, "Elena Varga")
	press(t, ctx, button("Drop the first word"))
	wait(t, ctx, markJS(0, "Varga")+`?.classList.contains('manual') && `+markJS(0, "Elena Varga")+` === undefined`)
	wait(t, ctx, `document.querySelector('[data-testid="inspector"] h2 q')?.textContent === "Varga"`)
	press(t, ctx, button("Extend to the word before"))
	wait(t, ctx, markJS(0, "Elena Varga")+`?.classList.contains('manual')`)
	if got := eval[string](t, ctx, markJS(0, "Elena Varga")+`.dataset.entity`); got != "PER" {
		t.Errorf("resized span label = %q, want PER kept", got)
	}

	// Apply to every occurrence: relabel one "Valmora", then spread it to
	// every "Valmora" in both articles, highlighted before or not.
	occurrences := func(i int) int {
		return eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll('[data-testid="article"] .text')[%d].textContent.split('Valmora').length - 1`, i))
	}
	marked := func(i int, label string) string {
		return fmt.Sprintf(`[...document.querySelectorAll('[data-testid="article"]')[%d].querySelectorAll('[data-entity]')].filter(e => e.textContent === 'Valmora' && e.dataset.entity === %s).length`, i, jsString(label))
	}
	inspect(0, "Valmora")
	press(t, ctx, `[data-testid="inspector"] [data-testid="label-MISC"]`)
	wait(t, ctx, markJS(0, "Valmora")+`?.dataset.entity === "MISC"`)
	wait(t, ctx, `document.querySelector('[data-testid="apply-all"]')?.textContent.includes('Other name')`)
	press(t, ctx, `[data-testid="apply-all"]`)
	for i := range 2 {
		n := occurrences(i)
		if n < 2 {
			t.Fatalf("article %d holds Valmora %d times; the test needs at least 2", i, n)
		}
		wait(t, ctx, fmt.Sprintf(`%s === %d`, marked(i, "MISC"), n))
	}
	// One undo takes the whole spread back, leaving the single relabel.
	press(t, ctx, `[data-testid="undo"]`)
	wait(t, ctx, marked(1, "MISC")+` === 0`)
	wait(t, ctx, marked(0, "MISC")+` === 1`)
}

// TestBadPaste pastes a book-sized text and binary junk: each is refused
// with its reason, the paste stays in the text area to be trimmed, and
// nothing is added; a good paste afterwards still works.
func TestBadPaste(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	for _, tt := range []struct{ name, text, want string }{
		{"huge", strings.Repeat("Dock workers in Valmora returned to work on Tuesday. ", 30000), "too long for one article"},
		{"binary", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00\x00\x00\x00\x00\x00\x00@\x00\x01\x02", "binary data"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			paste(t, ctx, tt.text)
			do(t, ctx, chromedp.WaitEnabled(`[data-testid="add-article"]`))
			press(t, ctx, `[data-testid="add-article"]`)
			wait(t, ctx, fmt.Sprintf(`document.querySelector('[data-testid="status"]')?.textContent.includes(%s)`, jsString(tt.want)))
			if n := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"]').length`); n != 0 {
				t.Errorf("%d articles added, want none", n)
			}
			if got, want := eval[int](t, ctx, `document.querySelector('[data-testid="paste"]').value.length`), eval[int](t, ctx, fmt.Sprintf(`%s.length`, jsString(tt.text))); got != want {
				t.Errorf("paste area holds %d characters after the refusal, want the %d pasted", got, want)
			}
		})
	}
	addArticles(t, ctx, uiArticles[2])
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
}

// TestOfflineSession does a whole session with the server gone from the
// start: the app comes from the service worker's cache, the engine worker
// too; articles are analysed and compared, corrected, the share is queued,
// and a serverless link carries the work.
func TestOfflineSession(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	// The page has been used once: its local store is open. (Leaving a
	// page within moments of its first load, while it creates that store,
	// has been seen to leave the next page's store waiting; see the issue
	// notes.)
	wait(t, ctx, `window.glossLoadedAt !== undefined`)
	srv.Kill()

	open(t, ctx, srv.URL+"/")
	add(t, ctx, uiArticles[0], uiArticles[1])
	wait(t, ctx, idle)
	if got := entityTexts(t, ctx, 0)["Elena Varga"]; got != "PER" {
		t.Errorf("offline: Elena Varga = %q, want PER", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="sim-cell"][data-a="0"][data-b="1"]').dataset.relation`); got != "same-source-edited" && got != "near-duplicate" {
		t.Errorf("offline: relation of the two versions = %q", got)
	}

	// A correction, by the inspector.
	eval[bool](t, ctx, markJS(1, "Tomas Brekke")+`.click() ?? true`)
	wait(t, ctx, `document.querySelector('[data-testid="inspector"] h2 q')?.textContent === "Tomas Brekke"`)
	press(t, ctx, `[data-testid="inspector"] [data-testid="label-MISC"]`)
	wait(t, ctx, markJS(1, "Tomas Brekke")+`?.dataset.entity === "MISC"`)

	// Sharing waits for the server; a serverless link needs none.
	press(t, ctx, `[data-testid="share"]`)
	wait(t, ctx, `document.body.textContent.includes('Queued — will upload when online')`)
	link := shareURL(t, ctx, "share-serverless", srv.URL+"/#set=")
	before := eval[[]string](t, ctx, snapshotJS)
	press(t, ctx, `[data-testid="remove-article"]`)
	wait(t, ctx, articles(1))
	open(t, ctx, link)
	wait(t, ctx, articles(2))
	if after := eval[[]string](t, ctx, snapshotJS); !slices.Equal(after, before) {
		t.Errorf("offline serverless link shows\n%q\nwant\n%q", after, before)
	}
}

// TestTwoTabs works on one local workspace from two tabs: each tab's
// saves reach the other, so neither saves over what the other added.
func TestTwoTabs(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	one := browser(t)
	open(t, one, srv.URL+"/")
	add(t, one, uiArticles[0])
	wait(t, one, saveState+` === 'Saved locally'`)

	two, cancel := chromedp.NewContext(one) // a second tab, same profile
	t.Cleanup(cancel)
	open(t, two, srv.URL+"/")
	wait(t, two, articles(1))
	add(t, two, uiArticles[1])
	wait(t, two, saveState+` === 'Saved locally'`)
	wait(t, one, articles(2))

	add(t, one, uiArticles[2])
	wait(t, one, saveState+` === 'Saved locally'`)
	wait(t, two, articles(3))
	for _, title := range []string{"Harbour strike", "Valmora dockers", "Rail bridge"} {
		wait(t, one, draftHas(title))
	}
}
