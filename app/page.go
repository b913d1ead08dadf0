package app

import (
	"time"

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
	warming  bool // the engine is being loaded (see warmUp)
	eng      engineState
	status   string
	loadErr  string
	saveGen  int
	// saveState is what the page says about the local copy (store.go);
	// dirty and pasteDirty mark work not stored yet.
	saveState  string
	dirty      bool
	pasteGen   int
	pasteDirty bool
	memoRev    int
	derivedAt  time.Time
	// derivedArts are the articles the panels were derived from.
	derivedArts []*workspace.Article
	entities    []workspace.Entity
	// uniques memoises what only each article says, per comparison state.
	uniques   [][]workspace.Chunk
	uniqueRev [2]int
	// expanded lists articles opened beyond the first openArticles.
	expanded map[string]bool
	quotes   [][]workspace.Quote
	// share is the share dialog; linkErr says why a link did not open,
	// and kept that opening one set aside the work that was open.
	share  shareState
	outbox outboxState
	// transfer is the export menu and the last import (transfer.go).
	transfer transferState
	linkErr  string
	kept     bool
	// keptNote says why work was kept aside when it was not a link.
	keptNote string
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
	return &page{ws: &workspace.Workspace{}, hidden: map[string]bool{}, expanded: map[string]bool{}, pair: [2]int{-1, -1}}
}

// openArticles is how many articles show their text from the start; the
// rest show a summary line until opened, which keeps a 100-article
// workspace quick to render.
const openArticles = 12

// collapsed reports whether article i shows only its summary.
func (p *page) collapsed(i int) bool {
	return i >= openArticles && !p.expanded[p.ws.Articles[i].ID]
}

// unique returns what only article i says (nil while its pairs are not
// all compared), computed on demand once per change of articles or
// comparisons: while a batch is compared, the comparisons change every
// frame.
func (p *page) unique(i int) []workspace.Chunk {
	rev := [2]int{p.ws.Rev(), p.ws.PairRev()}
	if p.uniqueRev != rev || len(p.uniques) != len(p.ws.Articles) {
		p.uniqueRev = rev
		p.uniques = make([][]workspace.Chunk, len(p.ws.Articles))
	}
	if p.uniques[i] == nil {
		if u, ok := p.ws.Unique(i); ok {
			p.uniques[i] = append([]workspace.Chunk{}, u...) // non-nil: known
		}
	}
	return p.uniques[i]
}

// deriveEvery throttles the panels while a batch is analysed: the entity
// index and quotes cover every article, so recomputing them for each
// analysed article would cost more than the analysis as the batch grows.
const deriveEvery = time.Second

// derive recomputes what the panels show when the workspace changed; while
// analysis runs, at most once per deriveEvery.
func (p *page) derive() {
	if p.memoRev == p.ws.Rev() && p.entities != nil {
		return
	}
	// Throttled views must still match the articles they cover: they index
	// articles by position. Articles added since are only not in them yet.
	if p.progress.Phase != "" && p.entities != nil && p.derivedPrefix() && time.Since(p.derivedAt) < deriveEvery {
		return
	}
	p.derivedAt = time.Now()
	p.derivedArts = append(p.derivedArts[:0], p.ws.Articles...)
	p.memoRev = p.ws.Rev()
	p.entities = p.ws.Entities()
	p.quotes = p.ws.Quotes()
}

// derivedPrefix reports whether the articles the panels were derived from
// are still the first articles, in place and unchanged.
func (p *page) derivedPrefix() bool {
	if len(p.derivedArts) > len(p.ws.Articles) {
		return false
	}
	for i, a := range p.derivedArts {
		if p.ws.Articles[i] != a {
			return false
		}
	}
	return true
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
