package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gloss/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// idbJS defines idb(store, key) and idbAll(store), reading Gloss's
// IndexedDB the way the page writes it. Opening creates the stores the
// same way the app does, so a test reading first cannot break the app.
const idbJS = `
const idbOpen = () => new Promise((res, rej) => {
	const r = indexedDB.open('gloss', 1);
	r.onupgradeneeded = () => { for (const s of ['kv', 'outbox', 'sets']) if (!r.result.objectStoreNames.contains(s)) r.result.createObjectStore(s); };
	r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error);
});
const idb = async (store, key) => { const db = await idbOpen(); try { return await new Promise((res, rej) => {
	const g = db.transaction(store).objectStore(store).get(key); g.onsuccess = () => res(g.result ?? null); g.onerror = () => rej(g.error); }); } finally { db.close(); } };
const idbAll = async (store) => { const db = await idbOpen(); try { return await new Promise((res, rej) => {
	const g = db.transaction(store).objectStore(store).getAll(); g.onsuccess = () => res(g.result); g.onerror = () => rej(g.error); }); } finally { db.close(); } };
`

// inIDB wraps an expression that may use idb() and idbAll() into a
// promise, for eval; waits take it with await before it.
func inIDB(expr string) string {
	return `(async () => {` + idbJS + `return (` + expr + `); })()`
}

// draftHas is true once the saved draft holds text.
func draftHas(text string) string {
	return `await ` + inIDB(`((await idb('kv', 'draft')) ?? '').includes(`+jsString(text)+`)`)
}

// saveState is the text of the "saved locally" indicator.
const saveState = `document.querySelector('[data-testid="save-state"]')?.textContent ?? ''`

func articles(n int) string {
	return `document.querySelectorAll('[data-testid="article"]').length === ` + strconv.Itoa(n)
}

// profile is a browser whose user-data directory outlives it, so that a
// test can close the browser and start it again on the same profile.
type profile struct {
	dir    string
	cancel context.CancelFunc
}

func (p *profile) start(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel, err := browsertest.NewBrowser(context.Background(), p.dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	p.cancel = func() { cancelT(); cancel() }
	t.Cleanup(p.close)
	return ctx
}

// close ends the browser process, as closing its last window would.
func (p *profile) close() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// TestDraftSurvives checks that work is kept in IndexedDB: an old
// localStorage draft is moved there once, a paste and a new article survive
// a reload made at once, and everything survives closing the browser and
// starting it again with the server down.
func TestDraftSurvives(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	prof := &profile{dir: t.TempDir()}
	ctx := prof.start(t)

	// An older Gloss kept its draft in localStorage: make one, then put it
	// there and clear IndexedDB, from a page of the same origin that does
	// not run the app.
	open(t, ctx, srv.URL+"/")
	add(t, ctx, uiArticles[0])
	wait(t, ctx, saveState+` === 'Saved locally'`)
	wait(t, ctx, draftHas("Harbour strike"))
	legacy := eval[string](t, ctx, inIDB(`await idb('kv', 'draft')`))
	do(t, ctx, chromedp.Navigate(srv.URL+"/web/icons/icon.svg"))
	eval[bool](t, ctx, `(async () => {
		localStorage.setItem('gloss.draft', JSON.stringify(`+jsString(legacy)+`));
		await new Promise((res, rej) => { const r = indexedDB.deleteDatabase('gloss'); r.onsuccess = res; r.onerror = rej; r.onblocked = () => rej(new Error('blocked')); });
		return true; })()`)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, articles(1))
	wait(t, ctx, draftHas("Harbour strike"))
	wait(t, ctx, `localStorage.getItem('gloss.draft') === null`)
	if got := eval[string](t, ctx, saveState); got != "Saved locally" {
		t.Errorf("after migrating, save state = %q, want Saved locally", got)
	}

	// A paste, then a reload at once: the text is still in the paste area.
	pasted := uiArticles[2]
	paste(t, ctx, pasted)
	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, `document.querySelector('[data-testid="paste"]').value === `+jsString(pasted))
	wait(t, ctx, articles(1))

	// Adding it, then a reload at once: the article is there.
	do(t, ctx, chromedp.WaitEnabled(`[data-testid="add-article"]`))
	press(t, ctx, `[data-testid="add-article"]`)
	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, articles(2))
	wait(t, ctx, `document.querySelector('[data-testid="paste"]').value === ''`)
	wait(t, ctx, saveState+` === 'Saved locally'`)
	wait(t, ctx, browsertest.OfflineReady)
	wait(t, ctx, idle)
	before := eval[[]string](t, ctx, snapshotJS)

	// Close the browser, stop the server, start the browser again on the
	// same profile.
	prof.close()
	srv.Kill()
	ctx = prof.start(t)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, articles(2))
	wait(t, ctx, idle)
	if after := eval[[]string](t, ctx, snapshotJS); !slices.Equal(after, before) {
		t.Errorf("after a browser restart offline the workspace shows\n%q\nwant\n%q", after, before)
	}
	checkAxe(t, ctx, "saved locally")

	// Work offline, then a full storage: the page says it did not save.
	eval[bool](t, ctx, `(() => { IDBObjectStore.prototype.put = function () {
		throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; return true; })()`)
	add(t, ctx, uiArticles[1])
	wait(t, ctx, `(`+saveState+`).startsWith('Not saved: ') && (`+saveState+`).includes('full')`)
	checkAxe(t, ctx, "not saved")
}

// TestShareQueued makes links with the server down: each is queued, says
// so, and becomes a link once the server is back (on a timer, and on the
// next load); the link then opens elsewhere.
func TestShareQueued(t *testing.T) {
	bin, web := build(t)
	data := t.TempDir()
	srv, err := browsertest.StartServer(bin, web, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Kill() })
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	add(t, ctx, uiArticles[0])
	wait(t, ctx, `!document.querySelector('[data-testid="progress"]') && document.querySelectorAll('[data-entity]').length > 0`)
	before := eval[[]string](t, ctx, snapshotJS)

	srv.Kill()
	press(t, ctx, `[data-testid="share"]`)
	wait(t, ctx, `(document.querySelector('[data-testid="share-msg"]')?.textContent ?? '').includes('Queued — will upload when online')`)
	if n := eval[int](t, ctx, inIDB(`(await idbAll('outbox')).length`)); n != 1 {
		t.Errorf("outbox holds %d shares, want 1", n)
	}
	checkAxe(t, ctx, "queued share")

	srv, err = browsertest.StartServer(bin, web, data, srv.Port)
	if err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, `(document.querySelector('[data-testid="share-url"]')?.value ?? '').includes('/s/')`)
	link := eval[string](t, ctx, `document.querySelector('[data-testid="share-url"]').value`)
	if !strings.Contains(link, "#") {
		t.Errorf("queued encrypted link %q has no key", link)
	}
	wait(t, ctx, `await `+inIDB(`(await idbAll('outbox')).length === 0`))

	// Queued, then the page is reloaded with the server still down: the
	// next load uploads it once the server is back.
	srv.Kill()
	press(t, ctx, `[data-testid="share-public"]`)
	wait(t, ctx, `(document.querySelector('[data-testid="share-msg"]')?.textContent ?? '').includes('Queued')`)
	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, articles(1))
	srv, err = browsertest.StartServer(bin, web, data, srv.Port)
	if err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, `(document.querySelector('[data-testid="share-url"]')?.value ?? '').includes('/s/')`)
	public := eval[string](t, ctx, `document.querySelector('[data-testid="share-url"]').value`)
	if strings.Contains(public, "#") {
		t.Errorf("queued public link %q carries a key", public)
	}

	for _, l := range []string{link, public} {
		other := browser(t)
		open(t, other, l)
		wait(t, other, articles(1))
		wait(t, other, idle)
		if after := eval[[]string](t, other, snapshotJS); !slices.Equal(after, before) {
			t.Errorf("queued link %s shows\n%q\nwant\n%q", l, after, before)
		}
	}
}

// TestShareOpensOffline opens a link once, then again with the server
// down: the browser's copy opens.
func TestShareOpensOffline(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	add(t, ctx, uiArticles[:2]...)
	wait(t, ctx, idle)
	before := eval[[]string](t, ctx, snapshotJS)
	link := shareURL(t, ctx, "share", srv.URL+"/s/")

	other := browser(t)
	open(t, other, link)
	wait(t, other, articles(2))
	wait(t, other, browsertest.OfflineReady)
	// Other work replaces it before the server goes down.
	add(t, other, uiArticles[2])
	wait(t, other, articles(3))
	wait(t, other, draftHas("Kestrel Falls"))
	srv.Kill()

	open(t, other, link)
	wait(t, other, `(document.querySelector('[data-testid="status"]')?.textContent ?? '').includes("this browser's copy")`)
	wait(t, other, articles(2))
	wait(t, other, idle)
	if after := eval[[]string](t, other, snapshotJS); !slices.Equal(after, before) {
		t.Errorf("link opened offline shows\n%q\nwant\n%q", after, before)
	}
	// The work it replaced is kept.
	wait(t, other, `document.querySelector('[data-testid="restore-kept"]') !== null`)

	// The cache holds what the server sent, not the key.
	key := link[strings.Index(link, "#")+1:]
	if eval[bool](t, other, inIDB(`JSON.stringify(await idbAll('sets')).includes(`+jsString(key)+`)`)) {
		t.Error("the cached set holds the link's key")
	}
}

// TestUpdateKeepsWork serves a new build while work is open and not yet
// saved: the banner comes, and reloading into the new version keeps the
// articles and the paste area.
func TestUpdateKeepsWork(t *testing.T) {
	bin, web := build(t)
	port, err := browsertest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, bin, web, port)
	ctx := browser(t)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	add(t, ctx, uiArticles[0])

	newWeb := newBuild(t, web)
	srv.Stop()
	srv = startServer(t, bin, newWeb, port)
	newVersion := version(t, srv.URL)

	// The browser checks for a new worker without a reload.
	eval[bool](t, ctx, `(async () => { await (await navigator.serviceWorker.getRegistration()).update(); return true; })()`)
	wait(t, ctx, `document.querySelector('[data-testid="update-available"]') !== null`)
	checkAxe(t, ctx, "update banner")

	// Unsaved work: an article added and a paste typed just now.
	add(t, ctx, uiArticles[1])
	pasted := "Typed just before reloading"
	paste(t, ctx, pasted)
	press(t, ctx, `[data-testid="reload"]`)
	wait(t, ctx, `performance.getEntriesByType('navigation')[0].type === 'reload'`)
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, articles(2))
	wait(t, ctx, `document.querySelector('[data-testid="paste"]').value === `+jsString(pasted))
	keys := eval[[]string](t, ctx, `caches.keys()`)
	if len(keys) != 1 || keys[0] != "app-"+newVersion {
		t.Errorf("caches after update = %q, want only app-%s", keys, newVersion)
	}
	if eval[bool](t, ctx, `document.querySelector('[data-testid="update-available"]') !== null`) {
		t.Error("the new version still offers an update")
	}
}

// TestFailedPrecache serves a new build one of whose files is missing:
// the new version must not install, and the old one must keep working,
// online and off.
func TestFailedPrecache(t *testing.T) {
	bin, web := build(t)
	port, err := browsertest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, bin, web, port)
	ctx := browser(t)
	oldVersion := version(t, srv.URL)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	add(t, ctx, uiArticles[2])

	newWeb := newBuild(t, web)
	// icon.svg is precached: its 404 makes the new version's install fail.
	if err := os.Remove(filepath.Join(newWeb, "icons", "icon.svg")); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	srv = startServer(t, bin, newWeb, port)

	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	// The new worker was tried and gave up.
	waitFile(t, srv.Log.Name(), "icon.svg", "404")
	// Once the install gave up, only the old version's cache is left.
	wait(t, ctx, `(async () => { const r = await navigator.serviceWorker.getRegistration();
		const keys = await caches.keys();
		return !r.installing && !r.waiting && keys.length === 1 && keys[0] === 'app-`+oldVersion+`'; })()`)
	if eval[bool](t, ctx, `document.querySelector('[data-testid="update-available"]') !== null`) {
		t.Error("a version that failed to install is offered as an update")
	}
	wait(t, ctx, articles(1))

	srv.Kill()
	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, articles(1))
	add(t, ctx, uiArticles[0])
	wait(t, ctx, draftHas("Harbour strike"))
}

// waitFile waits until a line of the file holds every word.
func waitFile(t *testing.T, path string, words ...string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		for _, line := range strings.Split(string(b), "\n") {
			ok := true
			for _, w := range words {
				ok = ok && strings.Contains(line, w)
			}
			if ok {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no line of %s holds %q:\n%s", path, words, b)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
