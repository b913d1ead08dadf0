package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gloss/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// snapshotJS lists every article as its title, its text and its
// highlights (text:label, * for a correction), so two pages can be
// compared whole.
const snapshotJS = `[...document.querySelectorAll('[data-testid="article"]')].map(a =>
	a.querySelector('h2').lastChild.textContent + '\n' + a.querySelector('.text').textContent + '\n' +
	[...a.querySelectorAll('[data-entity]')].map(e => e.textContent + ':' + e.dataset.entity + (e.classList.contains('manual') ? '*' : '')).join('|'))`

// shareURL clicks a share control and returns the link it shows.
func shareURL(t *testing.T, ctx context.Context, control, want string) string {
	t.Helper()
	// The link shown before is replaced, not kept: wait for a new one.
	prev := eval[string](t, ctx, `document.querySelector('[data-testid="share-url"]')?.value ?? ''`)
	press(t, ctx, `[data-testid="`+control+`"]`)
	wait(t, ctx, `((v) => v.includes(`+jsString(want)+`) && v !== `+jsString(prev)+`)(document.querySelector('[data-testid="share-url"]')?.value ?? '')`)
	return eval[string](t, ctx, `document.querySelector('[data-testid="share-url"]').value`)
}

// add adds each text as an article, pressing the button from the keyboard:
// a pointer click lands by coordinates, and the status line above can
// still move the button while the engine loads.
func add(t *testing.T, ctx context.Context, texts ...string) {
	t.Helper()
	for _, text := range texts {
		n := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"]').length`)
		paste(t, ctx, text)
		do(t, ctx, chromedp.WaitEnabled(`[data-testid="add-article"]`))
		press(t, ctx, `[data-testid="add-article"]`)
		wait(t, ctx, fmt.Sprintf(`document.querySelectorAll('[data-testid="article"]').length === %d`, n+1))
	}
}

// paste puts text in the paste area as a paste does: the value at once
// (typing hundreds of characters key by key is slow) and the input event
// the page listens to.
func paste(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	eval[bool](t, ctx, `(() => { const el = document.querySelector('[data-testid="paste"]');
		el.value = `+jsString(text)+`; el.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
}

// open loads url as a new document (a changed fragment alone would not
// reload the page).
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
	wait(t, ctx, browsertest.AppReady)
}

func linkError(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	wait(t, ctx, `(document.querySelector('[data-testid="link-error"]')?.textContent ?? '').includes(`+jsString(want)+`)`)
}

// TestShareEncrypted saves an annotated workspace as an encrypted link,
// restarts the server on the same data, and opens the link in a fresh
// browser profile; then tampers with the key, deletes the link, and asks
// for an id nobody saved.
func TestShareEncrypted(t *testing.T) {
	bin, web := build(t)
	data := t.TempDir()
	srv, err := browsertest.StartServer(bin, web, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Kill() })
	ctx := browser(t)

	open(t, ctx, srv.URL+"/")
	add(t, ctx, uiArticles[:2]...)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	wait(t, ctx, idle)
	// A correction, so the link must carry more than the engine's output.
	quay := entityTexts(t, ctx, 1)["Søndre Quay"]
	want := "LOC"
	if quay == "LOC" {
		want = "MISC"
	}
	eval[bool](t, ctx, markJS(1, "Søndre Quay")+`.click() ?? true`)
	wait(t, ctx, `document.querySelector('[data-testid="inspector"] h2 q')?.textContent === "Søndre Quay"`)
	do(t, ctx, chromedp.Focus(`[data-testid="inspector"] [data-testid="label-`+want+`"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, markJS(1, "Søndre Quay")+`?.dataset.entity === "`+want+`"`)
	before := eval[[]string](t, ctx, snapshotJS)
	// What is open travels with the link: the pair view of the two articles.
	cell := `[data-testid="sim-cell"][data-a="0"][data-b="1"]`
	do(t, ctx, chromedp.WaitEnabled(cell))
	press(t, ctx, cell)
	wait(t, ctx, `document.querySelector('[data-testid="close-pair"]') !== null`)

	link := shareURL(t, ctx, "share", srv.URL+"/s/")
	id, key, ok := strings.Cut(strings.TrimPrefix(link, srv.URL+"/s/"), "#")
	if !ok || len(id) < 22 || len(key) < 40 {
		t.Fatalf("share link = %q, want %s/s/<id>#<key>", link, srv.URL)
	}
	checkAxe(t, ctx, "share dialog")
	if got := eval[string](t, ctx, `JSON.stringify(localStorage.getItem('gloss.shared'))`); !strings.Contains(got, id) {
		t.Errorf("delete token not kept for %s: localStorage gloss.shared = %s", id, got)
	}

	// Links survive a restart: same data directory, same port.
	srv.Kill()
	srv, err = browsertest.StartServer(bin, web, data, srv.Port)
	if err != nil {
		t.Fatal(err)
	}

	other := browser(t) // a fresh profile: no draft, no cache
	open(t, other, link)
	wait(t, other, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	wait(t, other, idle)
	if after := eval[[]string](t, other, snapshotJS); !slices.Equal(after, before) {
		t.Errorf("opened link shows\n%q\nwant\n%q", after, before)
	}
	if !eval[bool](t, other, markJS(1, "Søndre Quay")+`?.classList.contains('manual')`) {
		t.Error("the correction is not marked as one after opening the link")
	}
	wait(t, other, `document.querySelector('[data-testid="close-pair"]') !== null`)
	wait(t, other, `window.glossSavedAt !== undefined`) // now the local draft too

	// A wrong key: a clear message, and the page goes on working.
	bad := []byte(key)
	bad[0] ^= 'A' ^ 'B'
	if bad[0] == key[0] {
		bad[0] = 'C'
	}
	open(t, other, srv.URL+"/s/"+id+"#"+string(bad))
	linkError(t, other, "This link cannot be decrypted (the key in the link is wrong or incomplete)")
	checkAxe(t, other, "link error")
	open(t, other, srv.URL+"/s/"+id+"#"+key[:20])
	linkError(t, other, "This link cannot be decrypted")
	wait(t, other, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	add(t, other, uiArticles[2])
	wait(t, other, `document.querySelectorAll('[data-testid="article"]').length === 3`)
	wait(t, other, draftHas("Kestrel Falls"))

	// An id nobody saved.
	open(t, other, srv.URL+"/s/AAAAAAAAAAAAAAAAAAAAAA#"+key)
	linkError(t, other, "No saved set has this link")

	// The owner deletes the link, from the browser that made it, after
	// opening it again; it then says so.
	open(t, ctx, link)
	wait(t, ctx, `document.querySelector('[data-testid="share-delete"]') !== null`)
	do(t, ctx, chromedp.Focus(`[data-testid="share-delete"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, `(document.querySelector('[data-testid="share-msg"]')?.textContent ?? '').includes('deleted')`)
	open(t, other, link)
	linkError(t, other, "This link was removed by its owner")
	wait(t, other, `document.querySelectorAll('[data-testid="article"]').length === 3`)
}

// TestSharePublic makes a public link and opens it elsewhere.
func TestSharePublic(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	add(t, ctx, uiArticles[2])
	wait(t, ctx, `!document.querySelector('[data-testid="progress"]') && document.querySelectorAll('[data-entity]').length > 0`)
	before := eval[[]string](t, ctx, snapshotJS)
	shareURL(t, ctx, "share", srv.URL+"/s/")
	link := shareURL(t, ctx, "share-public", srv.URL+"/s/")
	if strings.Contains(link, "#") {
		t.Fatalf("public link %q carries a fragment", link)
	}
	other := browser(t)
	open(t, other, link)
	wait(t, other, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	if after := eval[[]string](t, other, snapshotJS); !slices.Equal(after, before) {
		t.Errorf("opened public link shows\n%q\nwant\n%q", after, before)
	}
}

// TestShareServerless makes a link that holds the workspace itself and
// opens it with the server stopped; the work it replaces can be brought
// back.
func TestShareServerless(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	add(t, ctx, uiArticles[0])
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1 && !document.querySelector('[data-testid="progress"]') && document.querySelectorAll('[data-entity]').length > 0`)
	before := eval[[]string](t, ctx, snapshotJS)
	shareURL(t, ctx, "share", srv.URL+"/s/")
	link := shareURL(t, ctx, "share-serverless", srv.URL+"/#set=")

	// More work after sharing: opening the link must not lose it.
	add(t, ctx, uiArticles[2])
	wait(t, ctx, idle)
	wait(t, ctx, draftHas("Kestrel Falls"))
	srv.Kill()

	open(t, ctx, link)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	if after := eval[[]string](t, ctx, snapshotJS); !slices.Equal(after, before) {
		t.Errorf("serverless link shows\n%q\nwant\n%q", after, before)
	}
	do(t, ctx, chromedp.Focus(`[data-testid="restore-kept"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 2`)
	wait(t, ctx, draftHas("Kestrel Falls"))

	// A stored link cannot open offline: the page says so and keeps the work.
	open(t, ctx, srv.URL+"/s/AAAAAAAAAAAAAAAAAAAAAA#"+strings.Repeat("k", 43))
	linkError(t, ctx, "The server cannot be reached")
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 2`)
}

// TestShareTooLarge asks for a link holding a workspace too large for it:
// the dialog says so and still offers the stored kinds.
func TestShareTooLarge(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	// Random words barely compress, so this cannot fit in MaxFragment.
	r := rand.New(rand.NewPCG(6, 6))
	var b strings.Builder
	b.WriteString("Noise\n\n")
	for b.Len() < 60_000 {
		for range 2 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteByte(' ')
	}
	add(t, ctx, b.String())
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	shareURL(t, ctx, "share", srv.URL+"/s/")
	do(t, ctx, chromedp.Focus(`[data-testid="share-serverless"]`), chromedp.KeyEvent("\r"))
	wait(t, ctx, `(document.querySelector('[data-testid="share-msg"]')?.textContent ?? '').includes('too large')`)
	if eval[bool](t, ctx, `document.querySelector('[data-testid="share-url"]') !== null`) {
		t.Error("a link is shown for a workspace too large to fit in one")
	}
	for _, kind := range []string{"encrypted", "public"} {
		if !eval[bool](t, ctx, `document.querySelector('[data-testid="share-`+kind+`"]') !== null`) {
			t.Errorf("no %s link offered instead", kind)
		}
	}
}

// TestShareKeepsUnreadableDraft opens a link over a draft the page could
// not read: the draft must be set aside, not saved over.
func TestShareKeepsUnreadableDraft(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	add(t, ctx, uiArticles[2])
	link := shareURL(t, ctx, "share", srv.URL+"/s/")
	wait(t, ctx, draftHas("Kestrel Falls"))
	// Spoil the draft from a page of the same origin that does not run
	// the app, so no save of the app's can land after it.
	do(t, ctx, chromedp.Navigate(srv.URL+"/web/icons/icon.svg"))
	eval[bool](t, ctx, inIDB(`await (async () => { const db = await idbOpen(); await new Promise((res, rej) => {
		const tx = db.transaction('kv', 'readwrite'); tx.objectStore('kv').put('not a draft {', 'draft'); tx.oncomplete = res; tx.onerror = rej; }); db.close(); return true; })()`))
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 0`)
	open(t, ctx, link)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"]').length === 1`)
	wait(t, ctx, draftHas("Kestrel Falls"))
	if got := eval[string](t, ctx, inIDB(`(await idb('kv', 'draft.unreadable')) ?? ''`)); got != "not a draft {" {
		t.Errorf("unreadable draft kept as %q, want it unchanged", got)
	}
}
