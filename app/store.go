package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// DraftStore keeps the workspace between visits. It is an interface so
// that the local draft can move from localStorage to IndexedDB (issue 7)
// without touching the page.
type DraftStore interface {
	// Load returns the saved draft, or nil when there is none.
	Load(ctx app.Context) ([]byte, error)
	// Save replaces the draft.
	Save(ctx app.Context, data []byte) error
}

// draftKey is the localStorage key of the draft.
const draftKey = "gloss.draft"

// localDraft keeps the draft in localStorage.
type localDraft struct{}

func (localDraft) Load(ctx app.Context) ([]byte, error) {
	var s string
	if err := ctx.LocalStorage().Get(draftKey, &s); err != nil {
		return nil, err
	}
	if s == "" {
		return nil, nil
	}
	return []byte(s), nil
}

func (localDraft) Save(ctx app.Context, data []byte) error {
	return ctx.LocalStorage().Set(draftKey, string(data))
}
