package app

import (
	"strings"
	"time"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// DraftStore keeps the workspace between visits, as strings by key. It is
// an interface so that tests and other storage can stand in for IndexedDB.
// Every method but PutNow blocks: call them from ctx.Async.
type DraftStore interface {
	// Get returns the value under key and whether there is one.
	Get(key string) (string, bool, error)
	// Put stores every key → value at once (one transaction).
	Put(kv map[string]string) error
	// Del removes key.
	Del(key string) error
	// PutNow starts storing kv and returns at once: for pagehide, where
	// nothing can be waited for.
	PutNow(kv map[string]string)
}

// Keys of the local store.
const (
	draftKey = "draft" // the workspace (workspace.MarshalDraft)
	pasteKey = "paste" // the paste area's text, not yet added
	// keptKey holds the draft a link replaced, so opening a link never
	// loses local work.
	keptKey = "draft.before-link"
	// unreadableKey holds a draft that could not be read when a link
	// replaced it, for whoever can repair it.
	unreadableKey = "draft.unreadable"
)

// legacyDraftKey is where Gloss kept the draft in localStorage before it
// moved to IndexedDB: migrated once, then removed.
const legacyDraftKey = "gloss.draft"

// idbStore keeps the draft in the kv object store of IndexedDB.
type idbStore struct{}

func (idbStore) Get(key string) (string, bool, error) {
	d, err := openIDB()
	if err != nil {
		return "", false, err
	}
	return d.get(storeKV, key)
}

func (idbStore) Put(kv map[string]string) error {
	d, err := openIDB()
	if err != nil {
		return err
	}
	return d.putAll(storeKV, kv)
}

func (idbStore) Del(key string) error {
	d, err := openIDB()
	if err != nil {
		return err
	}
	return d.del(storeKV, key)
}

func (idbStore) PutNow(kv map[string]string) {
	// A JavaScript callback must not block: if the connection is being
	// opened right now, there is nothing to write through yet.
	if !idbMu.TryLock() {
		return
	}
	d := idbConn
	idbMu.Unlock()
	if d != nil {
		d.putNow(storeKV, kv)
	}
}

// Save states shown next to the toolbar.
const (
	saveSaving = "Saving…"
	saveSaved  = "Saved locally"
	saveFailed = "Not saved: "
)

// loadDraft restores the saved workspace and paste text in the
// background, then opens the page's share link (which may set the draft
// aside) and starts the engine. A draft left in localStorage by an older
// Gloss is moved to IndexedDB once.
func (w *Workspace) loadDraft() {
	ctx := w.ctx
	p := w.state()
	if w.store == nil {
		w.store = idbStore{}
	}
	store := w.store
	var legacy string
	_ = ctx.LocalStorage().Get(legacyDraftKey, &legacy)
	ctx.Async(func() {
		data, found, err := store.Get(draftKey)
		migrated := false
		if err == nil && legacy != "" {
			if !found {
				data, found = legacy, true
				err = store.Put(map[string]string{draftKey: legacy})
			}
			migrated = err == nil
		}
		paste, _, perr := store.Get(pasteKey)
		ctx.Dispatch(func(ctx app.Context) {
			w.loaded = true
			if migrated {
				ctx.LocalStorage().Del(legacyDraftKey)
			}
			switch {
			case err != nil:
				p.loadErr = "Your saved work could not be read: " + err.Error()
				p.saveState = saveFailed + err.Error()
			case found:
				w.rawDraft = []byte(data)
				ws, err := workspace.UnmarshalDraft(w.rawDraft)
				if err != nil {
					p.loadErr = "Your saved work could not be restored (" + err.Error() + "). It is left untouched until you add an article."
				} else {
					// Articles added while the draft loaded come after it.
					for _, a := range p.ws.Articles {
						ws.Add(a.Title, a.Text)
					}
					p.ws = ws
					p.saveState = saveSaved
				}
			}
			if perr == nil && paste != "" && w.draft == "" {
				w.draft = paste
				if el := app.Window().GetElementByID("paste"); el.Truthy() {
					el.Set("value", paste)
				}
			}
			app.Window().Set("glossLoadedAt", app.Window().Get("performance").Call("now"))
			w.openLink(ctx)
			w.resumeOutbox()
			w.warmUp()
		})
	})
}

// saveDelay debounces draft saves while the person is working.
const saveDelay = 400 * time.Millisecond

// saveSoon saves the draft once the person pauses.
func (w *Workspace) saveSoon(_ app.Context) {
	ctx := w.ctx
	p := w.state()
	p.saveGen++
	p.dirty = true
	p.saveState = saveSaving
	gen := p.saveGen
	ctx.After(saveDelay, func(ctx app.Context) {
		if gen != p.saveGen {
			return
		}
		w.saveNow()
	})
}

// saveNow writes the draft. The workspace is snapshotted here, on the UI
// goroutine, and encoded in the background one article at a time with a
// yield between, so saving a large workspace never freezes the page.
func (w *Workspace) saveNow() {
	ctx := w.ctx
	p := w.state()
	if w.store == nil || !w.loaded {
		return
	}
	d := p.ws.NewDraft()
	gen := p.saveGen
	ctx.Async(func() {
		var err error
		for done := false; !done && err == nil; {
			done, err = d.Next()
			yield()
		}
		var data []byte
		if err == nil {
			data, err = d.Bytes()
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil && gen != p.saveGen {
				return // a newer save is on its way
			}
			if err != nil {
				w.saved(gen, err)
				return
			}
			ctx.Async(func() {
				err := w.store.Put(map[string]string{draftKey: string(data)})
				ctx.Dispatch(func(ctx app.Context) { w.saved(gen, err) })
			})
		})
	})
}

// saved records how the save of generation gen went.
func (w *Workspace) saved(gen int, err error) {
	p := w.state()
	if err != nil {
		p.saveState = saveFailed + err.Error()
		return
	}
	if gen != p.saveGen {
		return // newer changes are still to be saved
	}
	p.dirty = false
	p.saveState = saveSaved
	p.loadErr = ""
	w.rawDraft = nil
	w.announceSaved()
	app.Window().Set("glossSavedAt", app.Window().Get("performance").Call("now"))
}

// pasteDelay debounces saving the paste area while someone types.
const pasteDelay = 300 * time.Millisecond

// savePasteSoon keeps the paste area's text, so a reload right after a
// paste does not lose it.
func (w *Workspace) savePasteSoon() {
	ctx := w.ctx
	p := w.state()
	p.pasteGen++
	p.pasteDirty = true
	gen := p.pasteGen
	ctx.After(pasteDelay, func(ctx app.Context) {
		if gen != p.pasteGen || w.store == nil || !w.loaded {
			return
		}
		text := w.draft
		ctx.Async(func() {
			err := w.store.Put(map[string]string{pasteKey: text})
			ctx.Dispatch(func(ctx app.Context) {
				if err != nil {
					p.saveState = saveFailed + err.Error()
				} else if gen == p.pasteGen {
					p.pasteDirty = false
				}
			})
		})
	})
}

// unsaved returns what is not stored yet, encoded at once.
func (w *Workspace) unsaved() map[string]string {
	p := w.state()
	kv := map[string]string{}
	if w.store == nil || !w.loaded {
		return kv
	}
	if p.pasteDirty {
		kv[pasteKey] = w.draft
	}
	if p.dirty {
		if data, err := p.ws.MarshalDraft(); err == nil {
			kv[draftKey] = string(data)
		}
	}
	return kv
}

// saveThen stores what is not saved yet and then runs next (on the UI
// goroutine), so that reloading into a new version never loses work. A
// failed save is shown and next does not run.
func (w *Workspace) saveThen(next func()) {
	kv := w.unsaved()
	if len(kv) == 0 {
		next()
		return
	}
	p := w.state()
	p.saveState = saveSaving
	ctx := w.ctx
	ctx.Async(func() {
		err := w.store.Put(kv)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.saveState = saveFailed + err.Error()
				return
			}
			p.dirty, p.pasteDirty = false, false
			p.saveState = saveSaved
			w.announceSaved()
			next()
		})
	})
}

// leaving flushes the page's unsaved work; set by the mounted workspace.
var leaving func()

// watchLeave stores unsaved work at once when the tab is hidden, closed
// or reloaded: the debounced save would come too late. One listener
// serves the page; it calls whichever workspace is mounted.
func (w *Workspace) watchLeave() {
	first := leaving == nil
	leaving = func() {
		if kv := w.unsaved(); len(kv) > 0 {
			w.store.PutNow(kv)
		}
	}
	if !first {
		return
	}
	onHide := app.FuncOf(func(this app.Value, args []app.Value) any {
		if args[0].Get("type").String() == "visibilitychange" && app.Window().Get("document").Get("visibilityState").String() != "hidden" {
			return nil
		}
		leaving()
		return nil
	})
	app.Window().Call("addEventListener", "pagehide", onHide)
	app.Window().Get("document").Call("addEventListener", "visibilitychange", onHide)
}

// renderSaveState says whether the work is safe in this browser.
func (w *Workspace) renderSaveState() app.UI {
	p := w.state()
	cls := "save-state"
	if strings.HasPrefix(p.saveState, saveFailed) {
		cls += " error"
	}
	return app.P().Class(cls).Attr("role", "status").Attr("data-testid", "save-state").Text(p.saveState)
}
