package app

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file saves the workspace as a share link and restores a workspace
// from one. It talks to the sets API (docs/saved-set.md) through the
// browser's fetch rather than internal/httpapi's Client: that package holds
// the server too, which must never reach app.wasm.

// shareState is the share dialog: the link made last and how to take it
// back.
type shareState struct {
	open    bool
	busy    bool
	kind    string // "encrypted", "public" or "serverless"
	url     string
	id      string // stored links: the set id, for Delete
	msg     string // what happened, or why not
	failed  bool
	deleted bool
	queued  bool // waiting in the outbox for the network
}

// Messages a person sees when a link cannot be opened. Tests match them.
const (
	msgCannotDecrypt = "This link cannot be decrypted (the key in the link is wrong or incomplete)."
	msgNotFound      = "No saved set has this link."
	msgGone          = "This link was removed by its owner."
	msgOffline       = "The server cannot be reached (are you offline?), so this link could not be opened."
	msgOfflineCopy   = "Opened this browser's copy of the shared workspace: the server cannot be reached right now."
)

// tokensKey is the localStorage key of the delete tokens of the sets this
// browser created, by set id. The server shows a token once only.
const tokensKey = "gloss.shared"

// errOffline is a fetch that never reached the server.
var errOffline = errors.New(msgOffline)

// apiError is an error answer of the sets API.
type apiError struct {
	Status int
	Code   string `json:"code"`
	Msg    string `json:"error"`
}

func (e *apiError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return "the server answered " + itoa(e.Status)
}

// fetchAPI calls the sets API and returns the body of a 2xx answer. It
// blocks, so it must run off the UI goroutine (ctx.Async): the promise is
// settled by JavaScript callbacks while this goroutine waits.
func fetchAPI(method, path string, body []byte, token string) ([]byte, error) {
	type result struct {
		body []byte
		err  error
	}
	done := make(chan result, 1)
	headers := map[string]any{"Accept": "application/json"}
	init := map[string]any{"method": method, "cache": "no-store", "headers": headers}
	if body != nil {
		headers["Content-Type"] = "application/json"
		init["body"] = string(body)
	}
	if token != "" {
		headers["Authorization"] = "Bearer " + token
	}
	var onText, onResp, onFail app.Func
	release := func() { onText.Release(); onResp.Release(); onFail.Release() }
	status := 0
	onFail = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{err: errOffline}
		return nil
	})
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		b := []byte(args[0].String())
		if status < 200 || status > 299 {
			e := &apiError{Status: status}
			_ = json.Unmarshal(b, e) // a proxy's HTML error page keeps the status
			done <- result{err: e}
			return nil
		}
		done <- result{body: b}
		return nil
	})
	onResp = app.FuncOf(func(this app.Value, args []app.Value) any {
		status = args[0].Get("status").Int()
		args[0].Call("text").Call("then", onText, onFail)
		return nil
	})
	app.Window().Call("fetch", path, init).Call("then", onResp, onFail)
	r := <-done
	release()
	return r.body, r.err
}

// created is the 201 answer of POST /api/sets.
type created struct {
	ID          string `json:"id"`
	DeleteToken string `json:"delete_token"`
	Path        string `json:"path"`
}

// fetched is the 200 answer of GET /api/sets/{id}.
type fetched struct {
	Kind string          `json:"kind"`
	Data string          `json:"data"`
	Set  json.RawMessage `json:"set"`
}

// origin is the page's scheme, host and port.
func origin() string { return app.Window().Get("location").Get("origin").String() }

// openShare saves the workspace as an encrypted link: the default kind,
// made as soon as the dialog opens.
func (w *Workspace) openShare(ctx app.Context, e app.Event) {
	w.share("encrypted")
}

// share saves the workspace as a link of kind. The set is built on the UI
// goroutine (the workspace is not safe to read elsewhere); sealing and
// uploading run in the background.
func (w *Workspace) share(kind string) {
	ctx := w.ctx
	p := w.state()
	p.share = shareState{open: true, kind: kind}
	if len(p.ws.Articles) == 0 {
		p.share.msg, p.share.failed = "Add an article first: there is nothing to share yet.", true
		return
	}
	set, err := p.ws.ToSet()
	if err != nil {
		p.share.msg, p.share.failed = "The workspace could not be prepared for sharing: "+err.Error(), true
		return
	}
	set.View = p.view(set)
	p.share.busy = true
	base := origin()
	ctx.Async(func() {
		var s shareState
		var token string
		switch kind {
		case "serverless":
			frag, err := sharelink.EncodeFragment(set)
			if errors.Is(err, sharelink.ErrTooLarge) {
				s.msg, s.failed = "This workspace is too large to fit in a link by itself. Make an encrypted or a public link instead.", true
			} else if err != nil {
				s.msg, s.failed = "The link could not be made: "+err.Error(), true
			} else {
				s.url = base + sharelink.ServerlessPath(frag)
				s.msg = "Anyone with this link can read the workspace; it is inside the link itself, so it works without the server and cannot be deleted."
			}
		default:
			var req any
			var key string
			if kind == "public" {
				data, err := annot.Encode(set)
				if err != nil {
					s.msg, s.failed = "The workspace could not be prepared for sharing: "+annot.ErrorMessage(err), true
					break
				}
				req = map[string]any{"kind": "public", "set": json.RawMessage(data)}
			} else {
				k, blob, err := sharelink.SealSet(set)
				if err != nil {
					s.msg, s.failed = "The workspace could not be encrypted: "+err.Error(), true
					break
				}
				key = k
				req = map[string]any{"kind": "encrypted", "data": base64.RawURLEncoding.EncodeToString(blob)}
			}
			body, _ := json.Marshal(req)
			resp, err := fetchAPI("POST", "/api/sets", body, "")
			if errors.Is(err, errOffline) {
				// Keep it for when the server can be reached again.
				if qerr := queueShare(queued{Kind: kind, Body: string(body), Key: key}); qerr != nil {
					s.msg, s.failed = "The server cannot be reached, and the link could not be queued: "+qerr.Error(), true
				} else {
					s.msg, s.queued = msgQueued, true
				}
				break
			}
			var c created
			if err == nil {
				err = json.Unmarshal(resp, &c)
			}
			if err != nil {
				s.msg, s.failed = "The link could not be saved: "+userError(err), true
				break
			}
			s.id, token = c.ID, c.DeleteToken
			if kind == "public" {
				s.url = base + sharelink.PublicPath(c.ID)
				s.msg = "Anyone with this link can read the workspace, and so can the server."
			} else {
				s.url = base + sharelink.EncryptedPath(c.ID, key)
				s.msg = "The workspace is encrypted in your browser; the key is only in the link, never on the server."
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			s.open, s.kind = true, kind
			p.share = s
			if token != "" {
				saveToken(ctx, s.id, token)
			}
			if s.queued {
				w.flushOutbox()
			}
		})
	})
}

// userError words an API or network error for people.
func userError(err error) string {
	var ae *apiError
	switch {
	case errors.Is(err, errOffline):
		return "the server cannot be reached (are you offline?)."
	case errors.As(err, &ae) && ae.Code == annot.ERATELIMIT:
		return "too many links were made from here just now; try again in a minute."
	case errors.As(err, &ae) && ae.Code == annot.ETOOLARGE:
		return "the workspace is larger than the server accepts."
	case errors.As(err, &ae):
		return ae.Error()
	}
	return err.Error()
}

func tokens(ctx app.Context) map[string]string {
	m := map[string]string{}
	_ = ctx.LocalStorage().Get(tokensKey, &m)
	if m == nil {
		m = map[string]string{}
	}
	return m
}

func saveToken(ctx app.Context, id, token string) {
	m := tokens(ctx)
	m[id] = token
	_ = ctx.LocalStorage().Set(tokensKey, m)
}

// deleteShared removes the set behind the link shown, with the delete
// token this browser kept.
func (w *Workspace) deleteShared(ctx app.Context, e app.Event) {
	p := w.state()
	id := p.share.id
	token := tokens(ctx)[id]
	if id == "" || token == "" {
		p.share.msg, p.share.failed = "This browser has no delete token for this link.", true
		return
	}
	p.share.busy = true
	w.ctx.Async(func() {
		_, err := fetchAPI("DELETE", "/api/sets/"+id, nil, token)
		if err == nil {
			dropSet(id)
		}
		w.ctx.Dispatch(func(ctx app.Context) {
			p.share.busy = false
			var ae *apiError
			if err != nil && !(errors.As(err, &ae) && ae.Status == 410) {
				p.share.msg, p.share.failed = "The link could not be deleted: "+userError(err), true
				return
			}
			m := tokens(ctx)
			delete(m, id)
			_ = ctx.LocalStorage().Set(tokensKey, m)
			p.share.deleted, p.share.failed = true, false
			p.share.msg = "The link was deleted: nobody can open it any more."
		})
	})
}

func (w *Workspace) copyShareURL(ctx app.Context, e app.Event) {
	p := w.state()
	el := app.Window().GetElementByID("share-url")
	if !el.IsNull() && !el.IsUndefined() {
		el.Call("select")
	}
	clip := app.Window().Get("navigator").Get("clipboard")
	if clip.IsUndefined() || clip.IsNull() {
		app.Window().Get("document").Call("execCommand", "copy")
	} else {
		clip.Call("writeText", p.share.url)
	}
	p.status = "Link copied."
}

// renderShare is the share dialog, shown once the person asked for a link.
func (w *Workspace) renderShare() app.UI {
	p := w.state()
	s := p.share
	if !s.open {
		return app.If(false, nil)
	}
	kindName := map[string]string{"encrypted": "Encrypted link", "public": "Public link", "serverless": "Link with the workspace inside"}[s.kind]
	other := func(kind, text string) app.UI {
		return app.Button().Class("btn small").Attr("data-testid", "share-"+kind).Disabled(s.busy).Text(text).
			OnClick(func(ctx app.Context, e app.Event) { w.share(kind) })
	}
	return app.Section().Class("share").Aria("label", "Share").Attr("data-testid", "share-dialog").Body(
		app.H2().Text(kindName),
		app.If(s.busy, func() app.UI { return app.P().Attr("role", "status").Text("Saving…") }),
		app.If(s.url != "" && !s.deleted, func() app.UI {
			return app.Div().Class("share-row").Body(
				app.Label().For("share-url").Class("visually-hidden").Text("Share link"),
				app.Input().ID("share-url").Class("share-url").Attr("data-testid", "share-url").ReadOnly(true).Value(s.url),
				app.Button().Class("btn primary").Attr("data-testid", "share-copy").Text("Copy").OnClick(w.copyShareURL),
			)
		}),
		app.If(s.msg != "", func() app.UI {
			cls, role := "share-msg", "status"
			if s.failed {
				cls, role = "error", "alert"
			}
			return app.P().Class(cls).Attr("role", role).Attr("data-testid", "share-msg").Text(s.msg)
		}),
		app.If(s.id != "" && !s.deleted, func() app.UI {
			return app.P().Class("share-delete").Body(
				app.Text("Shared by mistake? This browser keeps the link's delete token. "),
				app.Button().Class("btn small danger").Attr("data-testid", "share-delete").Disabled(s.busy).Text("Delete this link").OnClick(w.deleteShared),
			)
		}),
		app.Div().Class("share-kinds").Body(
			app.Span().Text("Other kinds: "),
			other("encrypted", "Encrypted (private)"),
			other("public", "Public (readable by the server)"),
			other("serverless", "Inside the link (no server)"),
			app.Button().Class("btn small").Attr("data-testid", "share-close").Text("Close").
				OnClick(func(ctx app.Context, e app.Event) { p.share = shareState{} }),
		),
	)
}

// openLink restores the workspace behind the page's address, if it is a
// share link. The local draft it replaces is kept under keptKey and can be
// brought back; a link that cannot be opened changes nothing.
func (w *Workspace) openLink(ctx app.Context) {
	loc := app.Window().Get("location")
	path, hash := loc.Get("pathname").String(), loc.Get("hash").String()
	if path+hash == w.opened {
		return
	}
	w.opened = path + hash
	p := w.state()
	link, err := sharelink.ParseLink(path, hash)
	if err != nil {
		p.linkErr = linkError(err)
		return
	}
	if link.Kind == sharelink.NoLink {
		return
	}
	p.linkErr = ""
	p.status = "Opening the shared workspace…"
	w.ctx.Async(func() {
		set, offline, err := fetchLink(link)
		w.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.status = ""
				p.linkErr = linkError(err)
				return
			}
			w.restore(set, func(ctx app.Context, err error) {
				p.status = ""
				if err != nil {
					p.linkErr = linkError(err)
					return
				}
				w.linkOpened(ctx, link, loc.Get("href").String())
				if offline {
					p.status = msgOfflineCopy
				}
			})
		})
	})
}

// linkOpened says that link was opened, and offers its owner to delete it.
func (w *Workspace) linkOpened(ctx app.Context, link sharelink.Link, href string) {
	p := w.state()
	p.status = "Opened the shared workspace."
	if _, mine := tokens(ctx)[link.ID]; mine && link.ID != "" {
		// Made in this browser: offer to take it back.
		kind := "public"
		if link.Kind == sharelink.Encrypted {
			kind = "encrypted"
		}
		p.share = shareState{open: true, kind: kind, id: link.ID, url: href,
			msg: "You shared this workspace from this browser."}
	}
}

// fetchLink gets and opens the set behind link; offline says it came from
// this browser's copy because the server could not be reached. It blocks.
func fetchLink(link sharelink.Link) (set *annot.Set, offline bool, err error) {
	if link.Kind == sharelink.Serverless {
		set, err = sharelink.DecodeFragment(link.Fragment)
		return set, false, err
	}
	if link.Kind == sharelink.Encrypted && len(link.Key) == 0 {
		return nil, false, sharelink.ErrBadKey
	}
	body, err := fetchAPI("GET", "/api/sets/"+link.ID, nil, "")
	var ae *apiError
	switch {
	case err == nil:
		// Kept for reading it offline later. A public set is readable
		// anyway and an encrypted one is kept as it is on the server: its
		// key is only in the link.
		cacheSet(link.ID, string(body))
	case errors.Is(err, errOffline):
		cached, ok := cachedSet(link.ID)
		if !ok {
			return nil, false, err
		}
		body, offline = []byte(cached), true
	case errors.As(err, &ae) && (ae.Status == 404 || ae.Status == 410):
		dropSet(link.ID)
		return nil, false, err
	default:
		return nil, false, err
	}
	set, err = openFetched(link, body)
	return set, offline, err
}

// openFetched opens a GET /api/sets/{id} answer with the link's key.
func openFetched(link sharelink.Link, body []byte) (*annot.Set, error) {
	var f fetched
	if err := json.Unmarshal(body, &f); err != nil {
		return nil, sharelink.ErrCorrupt
	}
	if f.Kind == "public" {
		// A key on a public link is harmless: the set is readable anyway.
		return annot.Decode(f.Set)
	}
	if link.Kind != sharelink.Encrypted {
		return nil, sharelink.ErrBadKey // an encrypted set needs the key
	}
	blob, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(f.Data, "="))
	if err != nil {
		return nil, sharelink.ErrCorrupt
	}
	return sharelink.OpenSet(link.Key, blob)
}

// cacheSet keeps a fetched set by id; a failure only costs offline use.
func cacheSet(id, body string) {
	if d, err := openIDB(); err == nil {
		_ = d.put(storeSets, id, body)
	}
}

// cachedSet returns the kept copy of set id.
func cachedSet(id string) (string, bool) {
	d, err := openIDB()
	if err != nil {
		return "", false
	}
	s, ok, err := d.get(storeSets, id)
	return s, ok && err == nil
}

// dropSet forgets the copy of a set that was deleted.
func dropSet(id string) {
	if d, err := openIDB(); err == nil {
		_ = d.del(storeSets, id)
	}
}

// linkError words why a link did not open.
func linkError(err error) string {
	var ae *apiError
	switch {
	case errors.Is(err, sharelink.ErrCannotDecrypt), errors.Is(err, sharelink.ErrBadKey):
		return msgCannotDecrypt
	case errors.Is(err, errOffline):
		return msgOffline
	case errors.As(err, &ae) && (ae.Status == 410 || ae.Code == annot.EGONE):
		return msgGone
	case errors.As(err, &ae) && (ae.Status == 404 || ae.Code == annot.ENOTFOUND):
		return msgNotFound
	case errors.Is(err, sharelink.ErrUnsupported):
		return "This link was made by a newer version of Gloss; reload to update."
	case errors.Is(err, sharelink.ErrCorrupt):
		return "This link is damaged (cut or edited on the way) and cannot be opened."
	case errors.As(err, &ae):
		return "This link could not be opened: " + ae.Error()
	}
	return "This link could not be opened: " + annot.ErrorMessage(err)
}

// restore replaces the workspace with set, then calls done. Work on the
// page is stored aside first (under keptKey), so the person can bring it
// back; if it cannot be, nothing is replaced and done gets the error.
func (w *Workspace) restore(set *annot.Set, done func(ctx app.Context, err error)) {
	ctx := w.ctx
	ws, err := workspace.FromSet(set)
	if err != nil {
		done(ctx, err)
		return
	}
	p := w.state()
	aside := map[string]string{}
	unreadable := len(p.ws.Articles) == 0 && p.loadErr != "" && w.rawDraft != nil
	if unreadable {
		// The draft could not be read and is waiting for someone to
		// recover it: the link's workspace must not be saved over it.
		aside[unreadableKey] = string(w.rawDraft)
	}
	if len(p.ws.Articles) > 0 {
		data, err := p.ws.MarshalDraft()
		if err != nil {
			done(ctx, errors.New("your current work could not be kept aside, so the link was not opened: "+err.Error()))
			return
		}
		aside[keptKey] = string(data)
	}
	ctx.Async(func() {
		var err error
		if len(aside) > 0 && w.store != nil {
			err = w.store.Put(aside)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				done(ctx, errors.New("your current work could not be kept aside, so the link was not opened: "+err.Error()))
				return
			}
			if unreadable {
				w.rawDraft = nil
				p.loadErr = "Your earlier saved work could not be read; it is kept unchanged in this browser's storage (IndexedDB gloss, key " + unreadableKey + ")."
			}
			if aside[keptKey] != "" {
				p.kept, p.keptNote = true, ""
			}
			p.ws = ws
			p.sel, p.focus, p.step, p.pair = selection{}, "", 0, [2]int{-1, -1}
			p.expanded = map[string]bool{}
			p.entities = nil
			p.applyView(set)
			w.changed(ctx)
			done(ctx, nil)
		})
	})
}

// restoreKept brings back the work a link replaced.
func (w *Workspace) restoreKept(ctx app.Context, e app.Event) {
	p := w.state()
	if w.store == nil {
		return
	}
	ctx = w.ctx
	ctx.Async(func() {
		s, found, err := w.store.Get(keptKey)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil || !found || s == "" {
				p.kept = false
				return
			}
			ws, err := workspace.UnmarshalDraft([]byte(s))
			if err != nil {
				p.linkErr = "Your earlier work could not be restored: " + err.Error()
				return
			}
			p.ws, p.kept = ws, false
			p.sel, p.focus, p.step, p.pair = selection{}, "", 0, [2]int{-1, -1}
			p.entities = nil
			p.status = "Your earlier work is back."
			w.changed(ctx)
			ctx.Async(func() { _ = w.store.Del(keptKey) })
		})
	})
}

// keptText says why work was set aside: a link replaced it, unless note
// says otherwise.
func keptText(note string) string {
	if note != "" {
		return note
	}
	return "The shared workspace replaced what you had open; your earlier work was kept. "
}

// renderLinkNotes tells what became of a link that was opened.
func (w *Workspace) renderLinkNotes() app.UI {
	p := w.state()
	return app.Div().Body(
		app.If(p.linkErr != "", func() app.UI {
			return app.P().Class("error").Attr("role", "alert").Attr("data-testid", "link-error").Text(p.linkErr + " Your work in this browser is unchanged.")
		}),
		app.If(p.kept, func() app.UI {
			return app.P().Class("kept").Attr("data-testid", "kept-draft").Body(
				app.Text(keptText(p.keptNote)),
				app.Button().Class("btn small").Attr("data-testid", "restore-kept").Text("Bring back my earlier work").OnClick(w.restoreKept),
			)
		}),
	)
}

// view records what is open (the compared pair, the followed entity) in
// the set, so a link reopens it. Entity index keys are "KIND:text".
func (p *page) view(set *annot.Set) *annot.View {
	var v annot.View
	if a, b := p.pair[0], p.pair[1]; a >= 0 && b >= 0 && a != b && a < len(set.Articles) && b < len(set.Articles) {
		v.Pair = []string{set.Articles[a].ID, set.Articles[b].ID}
	}
	if kind, text, ok := strings.Cut(p.focus, ":"); ok && kind != "" && text != "" {
		v.Entity = &annot.EntityKey{Kind: kind, Text: text}
	}
	if v.Pair == nil && v.Entity == nil {
		return nil
	}
	return &v
}

// applyView opens what the set's view names, ignoring what no longer fits.
func (p *page) applyView(set *annot.Set) {
	v := set.View
	if v == nil {
		return
	}
	if len(v.Pair) == 2 {
		a, b := -1, -1
		for i, art := range set.Articles {
			switch art.ID {
			case v.Pair[0]:
				a = i
			case v.Pair[1]:
				b = i
			}
		}
		if a >= 0 && b >= 0 {
			p.pair = [2]int{a, b}
		}
	}
	if v.Entity != nil {
		p.focus = v.Entity.Kind + ":" + v.Entity.Text
	}
}
