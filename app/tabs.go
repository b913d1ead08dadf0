package app

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Several tabs of Gloss share one local workspace. Without a word between
// them, the last tab to save would silently replace what another tab
// saved. So each tab announces its saves on a BroadcastChannel, and a tab
// that hears one loads what was saved when it has nothing unsaved itself:
// its next change then builds on the other tab's work. A tab that does
// have unsaved work keeps it and sets the other tab's version aside
// (keptKey), offered back like the work a link replaced: neither is lost.

// tabChannel is the BroadcastChannel's name; messages are savedPrefix
// followed by the sending tab's id.
const (
	tabChannel  = "gloss-draft"
	savedPrefix = "saved:"
)

// tabID tells this tab's own announcements from other tabs'.
var tabID = func() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand does not fail in browsers
	return hex.EncodeToString(b)
}()

// watchTabs listens for saves made by other tabs.
func (w *Workspace) watchTabs() {
	if !app.IsClient || w.tabs != nil {
		return
	}
	ctor := app.Window().Get("BroadcastChannel")
	if !ctor.Truthy() {
		return // an old browser: tabs stay unaware of each other, as before
	}
	w.tabs = ctor.New(tabChannel)
	w.tabs.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := args[0].Get("data")
		if msg.Type() != app.TypeString {
			return nil
		}
		s := msg.String()
		if !strings.HasPrefix(s, savedPrefix) || s == savedPrefix+tabID {
			return nil
		}
		w.ctx.Dispatch(func(ctx app.Context) { w.otherTabSaved() })
		return nil
	}))
}

// announceSaved tells the other tabs that the draft was just saved.
func (w *Workspace) announceSaved() {
	if w.tabs != nil {
		w.tabs.Call("postMessage", savedPrefix+tabID)
	}
}

// otherTabSaved takes in the draft another tab saved.
func (w *Workspace) otherTabSaved() {
	p := w.state()
	if w.store == nil || !w.loaded {
		return // the draft is being loaded anyway
	}
	ctx := w.ctx
	ctx.Async(func() {
		data, found, err := w.store.Get(draftKey)
		if err != nil || !found {
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			ws, err := workspace.UnmarshalDraft([]byte(data))
			if err != nil {
				return // not ours to judge: the other tab wrote it
			}
			if p.dirty {
				// Both tabs changed the work: this tab's is saved next;
				// the other tab's is set aside, not overwritten.
				ctx.Async(func() {
					err := w.store.Put(map[string]string{keptKey: data})
					ctx.Dispatch(func(ctx app.Context) {
						if err != nil {
							p.saveState = saveFailed + "the work saved in another tab could not be kept aside: " + err.Error()
							return
						}
						p.kept, p.keptNote = true, keptOtherTab
					})
				})
				return
			}
			p.ws = ws
			p.sel, p.focus, p.step, p.pair = selection{}, "", 0, [2]int{-1, -1}
			p.entities = nil
			p.saveState = saveSaved
			p.status = "Updated with the work saved in another tab."
			w.analyse(ctx)
		})
	})
}

// keptOtherTab explains a draft set aside because another tab saved
// different work at the same time.
const keptOtherTab = "Another tab saved different work while you were changing this one; its version was kept. "
