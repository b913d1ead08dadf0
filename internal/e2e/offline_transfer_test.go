package e2e

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gloss/internal/annot"
	"gloss/internal/browsertest"
	"gloss/internal/interchange"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// downloads records the files the browser saves into dir.
type downloads struct {
	dir  string
	mu   sync.Mutex
	name map[string]string   // GUID → suggested file name
	done map[string][]string // suggested file name → completed files, in order
	read map[string]int      // suggested file name → files returned so far
	seen map[string]bool     // GUIDs completed
}

// allowDownloads makes the browser save downloads into a fresh directory
// and report them.
func allowDownloads(t *testing.T, ctx context.Context) *downloads {
	t.Helper()
	d := &downloads{dir: t.TempDir(), name: map[string]string{}, done: map[string][]string{}, read: map[string]int{}, seen: map[string]bool{}}
	on := func(ev any) {
		d.mu.Lock()
		defer d.mu.Unlock()
		switch ev := ev.(type) {
		case *cdpbrowser.EventDownloadWillBegin:
			d.name[ev.GUID] = ev.SuggestedFilename
		case *cdpbrowser.EventDownloadProgress:
			if ev.State == cdpbrowser.DownloadProgressStateCompleted && !d.seen[ev.GUID] {
				d.seen[ev.GUID] = true
				n := d.name[ev.GUID]
				d.done[n] = append(d.done[n], filepath.Join(d.dir, ev.GUID))
			}
		}
	}
	if err := chromedp.ListenBrowser(ctx, on); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior:      cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName,
			DownloadPath:  d.dir,
			EventsEnabled: new(true),
		})
		return err
	}))
	return d
}

// file waits for the next download named name and returns its bytes.
func (d *downloads) file(t *testing.T, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		d.mu.Lock()
		ok := len(d.done[name]) > d.read[name]
		var path string
		if ok {
			path = d.done[name][d.read[name]]
			d.read[name]++
		}
		d.mu.Unlock()
		if ok {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		if time.Now().After(deadline) {
			d.mu.Lock()
			t.Fatalf("no download %s; saw %v", name, d.name)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// worldly is an article whose offsets differ in bytes, UTF-16 and code
// points: accents, a ZWJ emoji, CJK and Arabic.
const worldly = `Café talks in Tōkyō

Mayor Elena Varga 👩‍👩‍👧 met 東京 officials and القاهرة delegates in Valmora on Tuesday. "Prices are fair," Varga said.`

// hostileQuote is an imported quote that is nowhere in the text and is
// markup: it must be listed as text.
const hostileQuote = `a sentence <img src=x onerror="window.pwned=1"> nobody wrote`

// TestExportImport exports every format with the server down and checks
// each file parses and agrees with the page; then imports W3C Web
// Annotations back onto an edited article and lists what cannot be placed.
func TestExportImport(t *testing.T) {
	bin, web := build(t)
	srv := startServer(t, bin, web, 0)
	ctx := browser(t)
	dl := allowDownloads(t, ctx)
	open(t, ctx, srv.URL+"/")
	wait(t, ctx, browsertest.OfflineReady)
	add(t, ctx, uiArticles[0], uiArticles[1], worldly)
	wait(t, ctx, idle)
	// A correction, so the files carry the user's work too.
	quay := entityTexts(t, ctx, 1)["Søndre Quay"]
	label := "LOC"
	if quay == "LOC" {
		label = "MISC"
	}
	eval[bool](t, ctx, markJS(1, "Søndre Quay")+`.click() ?? true`)
	wait(t, ctx, `document.querySelector('[data-testid="inspector"] h2 q')?.textContent === "Søndre Quay"`)
	press(t, ctx, `[data-testid="inspector"] [data-testid="label-`+label+`"]`)
	wait(t, ctx, markJS(1, "Søndre Quay")+`?.classList.contains('manual')`)
	texts := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid="article"] .text')].map(e => e.textContent)`)
	srv.Kill()

	get := func(id, name string) []byte {
		t.Helper()
		press(t, ctx, `[data-testid="export"]`)
		wait(t, ctx, `document.querySelector('[data-testid="export-`+id+`"]') !== null`)
		press(t, ctx, `[data-testid="export-`+id+`"]`)
		return dl.file(t, name)
	}
	press(t, ctx, `[data-testid="export"]`)
	wait(t, ctx, `document.activeElement?.dataset.testid === 'export-set'`)
	checkAxe(t, ctx, "export menu")
	do(t, ctx, chromedp.KeyEvent("\x1b")) // Escape closes it
	wait(t, ctx, `document.querySelector('#export-menu') === null`)

	// The native set: the articles as shown, the correction as an annotation.
	set, err := annot.Decode(get("set", "gloss-set.json"))
	if err != nil {
		t.Fatalf("exported set: %v", err)
	}
	var got []string
	for _, a := range set.Articles {
		got = append(got, a.Text)
	}
	if !slices.Equal(got, texts) {
		t.Errorf("exported set texts = %q, want %q", got, texts)
	}
	if n := len(set.Articles[1].Annotations); n != 1 || set.Articles[1].Annotations[0].Label != label {
		t.Errorf("exported set article 2 annotations = %+v, want the %s correction", set.Articles[1].Annotations, label)
	}

	// W3C: re-anchors on the set without loss.
	wa := get("webanno", "gloss-annotations.jsonld")
	bare, _ := annot.Decode(get("set", "gloss-set.json"))
	for i := range bare.Articles {
		bare.Articles[i].Entities, bare.Articles[i].Annotations = nil, nil
	}
	res, err := interchange.ImportWebAnnotation(wa, bare)
	if err != nil || len(res.Orphans) != 0 || res.Annotations != 1 || res.Entities == 0 {
		t.Errorf("W3C export imports as %+v, %v; want 1 annotation, some entities, no orphans", res, err)
	}

	// CoNLL and spaCy: one document per article, tokens and spans matching.
	docs, err := interchange.ReadCoNLL(get("conll", "gloss.conll"))
	if err != nil || len(docs) != len(texts) {
		t.Errorf("CoNLL export: %d docs, %v; want %d", len(docs), err, len(texts))
	}
	sp, err := interchange.ReadSpaCy(get("spacy", "gloss-spacy.json"))
	if err != nil || len(sp) != len(texts) {
		t.Fatalf("spaCy export: %d docs, %v; want %d", len(sp), err, len(texts))
	}
	for i, d := range sp {
		if d.Text != texts[i] {
			t.Errorf("spaCy doc %d text = %q, want %q", i, d.Text, texts[i])
		}
	}

	// Mentions CSV: every row's text is the text at its code points.
	rows, err := interchange.ReadMentionsCSV(get("mentions", "gloss-mentions.csv"))
	if err != nil || len(rows) == 0 {
		t.Fatalf("mentions CSV: %d rows, %v", len(rows), err)
	}
	byID := map[string][]rune{}
	for _, a := range set.Articles {
		byID[a.ID] = []rune(a.Text)
	}
	sawWorldly := false
	for _, r := range rows {
		rs := byID[r.Article]
		if r.Start < 0 || r.End > len(rs) || r.Start >= r.End || string(rs[r.Start:r.End]) != r.Text {
			t.Errorf("mentions CSV row %+v does not match its article's text", r)
		}
		sawWorldly = sawWorldly || (r.Article == set.Articles[2].ID && r.Text == "Varga")
	}
	if !sawWorldly {
		t.Error("mentions CSV has no mention after the emoji and CJK in article 3")
	}

	// Passages CSV: the two harbour versions share passages.
	recs, err := csv.NewReader(bytes.NewReader(get("passages", "gloss-passages.csv"))).ReadAll()
	if err != nil || len(recs) < 2 || !slices.Equal(recs[0], interchange.PassagesHeader) {
		t.Errorf("passages CSV: %d records, %v; want a header %q and rows", len(recs), err, interchange.PassagesHeader)
	}

	// The report: a page on its own, with no script.
	html := string(get("html", "gloss-report.html"))
	for _, want := range []string{"<!doctype html>", "Harbour strike ends in Valmora", "<mark", "How the articles relate", "東京"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	if strings.Contains(strings.ToLower(html), "<script") {
		t.Error("HTML report holds a script")
	}

	// Import the W3C file back after undoing the correction and editing
	// the article's start, plus one annotation whose quote is nowhere.
	press(t, ctx, `[data-testid="undo"]`)
	wait(t, ctx, `!`+markJS(1, "Søndre Quay")+`?.classList.contains('manual')`)
	var coll map[string]any
	if err := json.Unmarshal(wa, &coll); err != nil {
		t.Fatal(err)
	}
	items := coll["first"].(map[string]any)["items"].([]any)
	var extra map[string]any
	b, _ := json.Marshal(items[0])
	json.Unmarshal(b, &extra)
	extra["id"] = "urn:test:nowhere"
	delete(extra, "creator")
	extra["target"].(map[string]any)["selector"] = []any{map[string]any{"type": "TextQuoteSelector", "exact": hostileQuote}}
	coll["first"].(map[string]any)["items"] = append(items, extra)
	edited, _ := json.Marshal(coll)
	file := filepath.Join(t.TempDir(), "annotations.jsonld")
	if err := os.WriteFile(file, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `document.querySelectorAll('[data-testid="article"]')[1].querySelector('[aria-label^="Edit the text"]').click() ?? true`)
	wait(t, ctx, `document.querySelector('[data-testid="article"] textarea') !== null`)
	eval[bool](t, ctx, `(() => { const ta = document.querySelector('[data-testid="article"] textarea');
		ta.value = 'Update: ' + ta.value; ta.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	eval[bool](t, ctx, `document.querySelector('[data-testid="article"] .edit .btn.primary').click() ?? true`)
	wait(t, ctx, `document.querySelectorAll('[data-testid="article"] .text')[1].textContent.startsWith('Update: ')`)
	wait(t, ctx, idle)

	do(t, ctx, chromedp.SetUploadFiles(`[data-testid="import-file"]`, []string{file}))
	wait(t, ctx, `(document.querySelector('[data-testid="transfer-msg"]')?.textContent ?? '').includes('imported')`)
	wait(t, ctx, markJS(1, "Søndre Quay")+`?.classList.contains('manual') && `+markJS(1, "Søndre Quay")+`.dataset.entity === "`+label+`"`)
	msg := eval[string](t, ctx, `document.querySelector('[data-testid="transfer-msg"]').textContent`)
	if !strings.Contains(msg, "new place") || !strings.Contains(msg, "1 could not be placed") {
		t.Errorf("import message = %q, want moved annotations and one that could not be placed", msg)
	}
	orphans := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid="import-orphan"]')].map(e => e.textContent)`)
	if len(orphans) != 1 || !strings.Contains(orphans[0], hostileQuote) {
		t.Errorf("orphans listed = %q, want the one quote that is nowhere, as text", orphans)
	}
	if eval[bool](t, ctx, `window.pwned !== undefined || document.querySelector('[data-testid="transfer"] img') !== null`) {
		t.Error("an imported quote became markup")
	}
	checkAxe(t, ctx, "import result")

	// A saved set dropped on the page opens as the workspace, keeping
	// what was open aside.
	setData := get("set", "gloss-set.json")
	remove := `document.querySelector('[data-testid="article"] [data-testid="remove-article"]')`
	eval[bool](t, ctx, remove+`.click() ?? true`)
	wait(t, ctx, articles(2))
	eval[bool](t, ctx, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([`+jsString(string(setData))+`], "workspace.json", {type: "application/json"}));
		const zone = document.querySelector('[data-testid="paste"]').closest('section');
		zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
		zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true; })()`)
	wait(t, ctx, `(document.querySelector('[data-testid="transfer-msg"]')?.textContent ?? '').includes('workspace.json: 3 articles imported')`)
	wait(t, ctx, articles(3))
	wait(t, ctx, `document.querySelector('[data-testid="restore-kept"]') !== null`)
}
