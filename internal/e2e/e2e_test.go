package e2e

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// build returns the server binary and web directory that `make e2e` built.
func build(t *testing.T) (bin, web string) {
	t.Helper()
	bin, web = os.Getenv("GLOSS_BIN"), os.Getenv("GLOSS_WEB")
	if bin == "" || web == "" {
		t.Fatal("GLOSS_BIN and GLOSS_WEB are not set: run the end-to-end tests with `make e2e`")
	}
	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		t.Fatalf("no app.wasm in %s: run `make build`", web)
	}
	return bin, web
}

func browser(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel, err := browsertest.NewBrowser(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelT)
	return ctx
}

func startServer(t *testing.T, bin, web string, port int) *browsertest.Server {
	t.Helper()
	s, err := browsertest.StartServer(bin, web, t.TempDir(), port)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Kill)
	return s
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for _, a := range actions {
		if err := chromedp.Do(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
}

// press activates a button from the keyboard. A pointer click lands by
// coordinates, and a status line appearing above can move the button
// between the lookup and the click.
func press(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	do(t, ctx, chromedp.Focus(sel), chromedp.KeyEvent("\r"))
}

func wait(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	if err := browsertest.WaitJS(ctx, expr, 60*time.Second); err != nil {
		// What the page said helps tell a slow page from a broken one.
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({mounted: window.glossMountedAt, loaded: window.glossLoadedAt, saved: window.glossSavedAt}) + '\n' + (document.body ? document.body.innerText.slice(0, 2000) : '')`))
		t.Fatalf("%v\npage text:\n%s", err, page)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// TestShell loads the app, checks what a new user sees, and adds an article
// whose text is hostile HTML: it must come out as text.
func TestShell(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)

	open(t, ctx, srv.URL+"/")

	if got := eval[string](t, ctx, `document.querySelector('h1').textContent`); got != "Gloss" {
		t.Errorf("h1 = %q, want Gloss", got)
	}
	if got := eval[string](t, ctx, `document.title`); !strings.Contains(got, "Gloss") {
		t.Errorf("title = %q, want it to name Gloss", got)
	}

	hostile := `Breaking <img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> & more`
	do(t, ctx,
		chromedp.SendKeys(`[data-testid="paste"]`, hostile),
		chromedp.WaitEnabled(`[data-testid="add-article"]`),
	)
	press(t, ctx, `[data-testid="add-article"]`)
	do(t, ctx, chromedp.WaitVisible(`[data-testid="article"]`))
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="article"] .text').textContent`); got != hostile {
		t.Errorf("article text = %q, want the pasted text verbatim %q", got, hostile)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('[data-testid="article"] img, [data-testid="article"] script').length`); n != 0 {
		t.Errorf("pasted HTML became %d elements", n)
	}
	if eval[bool](t, ctx, `window.pwned !== undefined`) {
		t.Error("pasted HTML ran script")
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-testid="paste"]').value`); got != "" {
		t.Errorf("paste area not cleared after adding: %q", got)
	}

	screenshot(t, ctx, "shell.png")

	// PWA: manifest with local icons, each fetchable.
	icons := eval[[]string](t, ctx, `(async () => {
		const m = await (await fetch('/manifest.webmanifest')).json();
		const out = [];
		for (const i of m.icons) { const r = await fetch(i.src); out.push(i.src + ' ' + r.status + ' ' + (i.purpose||'any')); }
		return out; })()`)
	var maskable bool
	for _, ic := range icons {
		if !strings.Contains(ic, " 200 ") || !strings.HasPrefix(ic, "/web/icons/") {
			t.Errorf("manifest icon %q: want a local file answering 200", ic)
		}
		maskable = maskable || strings.HasSuffix(ic, "maskable")
	}
	if len(icons) < 3 || !maskable {
		t.Errorf("manifest icons = %q, want several sizes including a maskable one", icons)
	}
	wait(t, ctx, browsertest.OfflineReady)
	// The first install is not an update.
	time.Sleep(time.Second)
	if eval[bool](t, ctx, `document.querySelector('[data-testid="update-available"]') !== null`) {
		t.Error("first visit offers an update")
	}
}

// TestOffline stops the server and reloads: the service worker must serve
// the app, also for app routes it never cached exactly.
func TestOffline(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)

	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	srv.Kill()
	if _, err := http.Get(srv.URL + "/healthz"); err == nil {
		t.Fatal("server still answers after being killed")
	}

	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)

	// A share-link route and a query were never cached as such.
	for _, path := range []string{"/s/Zm9vYmFyYmF6", "/?from=offline"} {
		do(t, ctx, chromedp.Navigate(srv.URL+path))
		wait(t, ctx, browsertest.AppReady)
		if got := eval[string](t, ctx, `document.querySelector('h1').textContent`); got != "Gloss" {
			t.Errorf("offline %s: h1 = %q", path, got)
		}
	}
}

// TestUpdate serves a new build on the same origin: the open page must be
// offered the update and get the new version on reload.
func TestUpdate(t *testing.T) {
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

	// Restarting the same build must not look like an update.
	srv.Stop()
	srv = startServer(t, bin, web, port)
	if v := version(t, srv.URL); v != oldVersion {
		t.Fatalf("same build, new version %q != %q", v, oldVersion)
	}

	// A new build of the same app.
	newWeb := newBuild(t, web)
	srv.Stop()
	srv = startServer(t, bin, newWeb, port)
	newVersion := version(t, srv.URL)
	if newVersion == oldVersion {
		t.Fatal("new build did not change the version")
	}

	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, `document.querySelector('[data-testid="update-available"]') !== null`)
	do(t, ctx, chromedp.Click(`[data-testid="reload"]`))
	wait(t, ctx, browsertest.AppReady)
	keys := eval[[]string](t, ctx, `caches.keys()`)
	if len(keys) != 1 || keys[0] != "app-"+newVersion {
		t.Errorf("caches after update = %q, want only app-%s", keys, newVersion)
	}
	if got := eval[string](t, ctx, `document.querySelector('h1').textContent`); got != "Gloss" {
		t.Errorf("after update h1 = %q", got)
	}
}

// TestStaticSite serves `gloss -static` output from a plain file server,
// as any static host would, and goes offline.
func TestStaticSite(t *testing.T) {
	bin, web := build(t)
	dir := t.TempDir()
	if err := browsertest.WriteStatic(bin, web, dir); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.FileServer(http.Dir(dir))}
	go hs.Serve(ln)
	url := "http://" + ln.Addr().String()
	ctx := browser(t)

	do(t, ctx, chromedp.Navigate(url+"/"))
	wait(t, ctx, browsertest.AppReady)
	wait(t, ctx, browsertest.OfflineReady)
	hs.Close()
	do(t, ctx, chromedp.Reload())
	wait(t, ctx, browsertest.AppReady)
	// The engine worker came with the site and works from the cache.
	add(t, ctx, uiArticles[2])
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"] [data-entity]').length > 0 && !document.querySelector('[data-testid="progress"]')`)
}

// screenshot saves the page for people to look at, under $GLOSS_ARTIFACTS.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("GLOSS_ARTIFACTS")
	if dir == "" {
		return
	}
	// A full-page capture paints beyond the viewport, where the browser
	// skips content-visibility: auto (long texts, far articles) until a
	// person scrolls there: show everything for the picture.
	eval[bool](t, ctx, `(() => { const s = document.createElement('style'); s.id = 'e2e-shot';
		s.textContent = '* { content-visibility: visible !important; }'; document.head.append(s); return true; })()`)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	eval[bool](t, ctx, `(document.getElementById('e2e-shot')?.remove(), true)`)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func version(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	_, v, ok := strings.Cut(string(b), `"version":"`)
	if !ok {
		t.Fatalf("healthz = %s", b)
	}
	v, _, _ = strings.Cut(v, `"`)
	return v
}

// appendCustomSection adds a wasm custom section (id 0), which runtimes
// ignore, to the end of a module.
// newBuild copies the web directory and makes its app.wasm a new build:
// the same app with one more custom section, so its bytes (and so its
// content hash, the version) differ.
func newBuild(t *testing.T, web string) string {
	t.Helper()
	dir := t.TempDir()
	if err := copyDir(dir, web); err != nil {
		t.Fatal(err)
	}
	if err := appendCustomSection(filepath.Join(dir, "app.wasm"), "gloss-test-build", []byte(time.Now().String())); err != nil {
		t.Fatal(err)
	}
	return dir
}

func appendCustomSection(path, name string, data []byte) error {
	var payload bytes.Buffer
	payload.Write(binary.AppendUvarint(nil, uint64(len(name))))
	payload.WriteString(name)
	payload.Write(data)
	sec := append([]byte{0}, binary.AppendUvarint(nil, uint64(payload.Len()))...)
	sec = append(sec, payload.Bytes()...)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(sec); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// copyDir copies the files of src (recursively) into dst, skipping the
// precompressed wasm variants, which would be stale for a changed wasm.
func copyDir(dst, src string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
