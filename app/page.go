package app

import (
	"gloss/internal/workspace"
)

// page is the state the workspace's components share. It lives on the UI
// goroutine; the analysis goroutine only reads copies of texts and hands
// results back through ctx.Dispatch. Components take it as a pointer input,
// which go-app compares by identity, plus small value inputs that change
// when what they show changes (H7).
type page struct {
	ws *workspace.Workspace

	hidden map[string]bool // legend: labels switched off
	// focus is the entity followed across articles (its index key) and
	// step the mention last stepped to.
	focus string
	step  int
	// sel is the highlight or text selection being worked on.
	sel selection
	// pair is the pair of article positions open side by side, or -1s.
	pair     [2]int
	stacked  bool
	progress progress
	status   string
	loadErr  string
	saveGen  int
	memoRev  int
	entities []workspace.Entity
	quotes   [][]workspace.Quote
	// changed tells the page the workspace changed (save, analyse); set
	// by Workspace on mount.
	changed func()
}

// selection is what the inspector works on: an existing highlight (Span
// true) or a fresh text selection in article ID.
type selection struct {
	ID         string
	Start, End int
	Span       bool
}

func (s selection) valid() bool { return s.ID != "" && s.Start < s.End }

// progress reports background analysis.
type progress struct {
	Phase       string // "" when idle
	Done, Total int
}

func newPage() *page {
	return &page{ws: &workspace.Workspace{}, hidden: map[string]bool{}, pair: [2]int{-1, -1}}
}

// derive recomputes what the panels show when the workspace changed.
func (p *page) derive() {
	if p.memoRev == p.ws.Rev() && p.entities != nil {
		return
	}
	p.memoRev = p.ws.Rev()
	p.entities = p.ws.Entities()
	p.quotes = p.ws.Quotes()
}

// entity returns the indexed entity with key.
func (p *page) entity(key string) (workspace.Entity, bool) {
	for _, e := range p.entities {
		if e.Key == key {
			return e, true
		}
	}
	return workspace.Entity{}, false
}
