package app

import (
	"regexp"
	"strings"
	"testing"

	"gloss/internal/workspace"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// render loads the page with p's workspace in go-app's test engine (as the
// server prerenders it) and returns its HTML.
func render(t *testing.T, p *page) string {
	t.Helper()
	e := app.NewTestEngine()
	w := &Workspace{p: p}
	if err := e.Load(w); err != nil {
		t.Fatalf("load: %v", err)
	}
	e.ConsumeAll()
	return app.HTMLString(w)
}

func count(html, sub string) int { return strings.Count(html, sub) }

func TestWorkspaceRender(t *testing.T) {
	const text = "Elena Varga met the Port Union in Valmora. \"We will sign it today,\" Varga said."
	analysed := func() *page {
		p := newPage()
		a := p.ws.Add("", text)
		b := p.ws.Add("Second", "Valmora <script>alert(1)</script> & more")
		span := func(s, sub, label string) workspace.Mention {
			i := strings.LastIndex(s, sub)
			return workspace.Mention{Start: i, End: i + len(sub), Label: label}
		}
		p.ws.SetAuto(a.Hash, []workspace.Mention{span(text, "Elena Varga", "PER"), span(text, "Port Union", "ORG"), span(text, "Valmora", "LOC"), span(text, "Varga", "PER")})
		p.ws.SetAuto(b.Hash, []workspace.Mention{span(b.Text, "Valmora", "LOC")})
		return p
	}
	for _, tt := range []struct {
		name string
		page func() *page
		want map[string]int // substring → count
	}{
		{"empty", newPage, map[string]int{
			`data-testid="paste"`: 1, `data-testid="add-article"`: 1, `data-testid="article"`: 0, "No articles yet": 1,
			`data-testid="sim-cell"`: 0, `data-app-state="prerendered"`: 1,
		}},
		{"two analysed articles", analysed, map[string]int{
			`data-testid="article"`: 2, `data-entity="PER"`: 1 + 1, `data-entity="ORG"`: 1, `data-entity="LOC"`: 2,
			`data-testid="sim-cell"`: 2, `data-relation="pending"`: 2, `data-testid="entity"`: 3, // Varga merged into Elena Varga
			`data-testid="legend-PER"`: 1, "&lt;script&gt;": 1, "<script>": 0,
		}},
		{"pair compared and open", func() *page {
			p := analysed()
			p.ws.SetPair(p.ws.Articles[0].Hash, p.ws.Articles[1].Hash, workspace.PairResult{Score: 0.25, Relation: "same-story", Compared: true})
			p.pair = [2]int{0, 1}
			return p
		}, map[string]int{
			`data-relation="same-story"`: 2, `data-score="0.2500"`: 2, `data-testid="pair-view"`: 1, `data-testid="quote"`: 1,
		}},
		{"collapsed beyond the first articles", func() *page {
			p := newPage()
			for range openArticles + 2 {
				p.ws.Add("", "Some text here.")
			}
			return p
		}, map[string]int{`data-testid="article"`: openArticles + 2, `data-testid="expand"`: 2}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			html := render(t, tt.page())
			for sub, want := range tt.want {
				if got := count(html, sub); got != want {
					t.Errorf("%s appears %d times, want %d", sub, got, want)
				}
			}
		})
	}
}

// TestHighlightsWrapTheirText checks the data-entity hook: each highlight
// element holds exactly its mention, so the DOM's text is the article's.
func TestHighlightsWrapTheirText(t *testing.T) {
	p := newPage()
	text := "Zürich hosts Ana Lee."
	a := p.ws.Add("", text)
	i := strings.Index(text, "Ana Lee")
	p.ws.SetAuto(a.Hash, []workspace.Mention{{Start: 0, End: len("Zürich"), Label: "LOC"}, {Start: i, End: i + len("Ana Lee"), Label: "PER"}})
	html := render(t, p)
	re := regexp.MustCompile(`<mark[^>]*data-entity="(\w+)"[^>]*>\s*([^<]*?)\s*</mark>`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(html, -1) {
		got = append(got, m[1]+":"+m[2])
	}
	if strings.Join(got, ",") != "LOC:Zürich,PER:Ana Lee" {
		t.Errorf("highlights = %q, want LOC:Zürich, PER:Ana Lee", got)
	}
	offs := regexp.MustCompile(`data-off="(\d+)"`).FindAllStringSubmatch(html, -1)
	var o []string
	for _, m := range offs {
		o = append(o, m[1])
	}
	if want := "0,0,14"; strings.Join(o, ",") != want { // the chunk, then the marks; ü is two bytes
		t.Errorf("data-off = %v, want byte offsets %s", o, want)
	}
}

// TestRenderWhileAnalysing adds an article while the panels are throttled
// (analysis running): views indexed by article position must stay aligned.
func TestRenderWhileAnalysing(t *testing.T) {
	p := newPage()
	a := p.ws.Add("", "Ana Lee spoke.")
	p.ws.SetAuto(a.Hash, []workspace.Mention{{Start: 0, End: 7, Label: "PER"}})
	b := p.ws.Add("", "Ana Lee left.")
	p.ws.SetAuto(b.Hash, []workspace.Mention{{Start: 0, End: 7, Label: "PER"}})
	render(t, p)
	p.progress = progress{Phase: "Finding entities…", Total: 1}
	p.ws.Add("", "A third article.")
	html := render(t, p)
	if got := count(html, `data-testid="article"`); got != 3 {
		t.Errorf("articles = %d, want 3", got)
	}
	// The panels wait for the batch: the new article's cell is pending,
	// the others keep their counts.
	if got := count(html, `data-count=`); got != 2 {
		t.Errorf("matrix cells with a count = %d, want 2 (one entity, two analysed articles)", got)
	}
	if got := count(html, `class="pending"`); got != 1 {
		t.Errorf("pending matrix cells = %d, want 1 (the article added)", got)
	}
}
