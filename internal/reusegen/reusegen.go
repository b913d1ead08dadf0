// Package reusegen builds synthetic text-reuse collections with known
// ground truth for evaluating the comparison engine. From source articles
// (lists of sentences) it makes story families: the original, a
// near-duplicate (republished with boilerplate, markup or a word changed),
// a same-source edit (sentences dropped, edited and reordered, new ones
// added) and an independent-looking report (every sentence reworded so no
// long run survives), and records which sentence of which document comes
// from which source sentence and how. Everything is deterministic in the
// seed.
package reusegen

import (
	"math/rand/v2"
	"strings"
)

// Sentence modes: how a document's sentence was made from its source.
const (
	Copy       = "copy"       // verbatim
	Edit       = "edit"       // lightly edited: a passage a reader would call the same text
	Paraphrase = "paraphrase" // reworded: the same fact, no long shared run
	New        = "new"        // not from the family's source
	Quote      = "quote"      // reworded around a verbatim quote of the source (Frag)
)

// Doc kinds.
const (
	Original      = "original"
	NearDuplicate = "near-duplicate"
	Edited        = "same-source-edited"
	Story         = "same-story"
)

// Sent is one sentence of a generated document.
type Sent struct {
	Start, End int    // byte span in Doc.Text
	Origin     int    // index of the source sentence, -1 for New
	Mode       string // Copy, Edit, Paraphrase, Quote or New
	// Frag is the verbatim part of a Quote sentence, at FragStart in Text.
	Frag      string
	FragStart int
}

// Doc is one generated article.
type Doc struct {
	ID     string
	Text   string
	Family int    // index of the source article
	Kind   string // Original, NearDuplicate, Edited or Story
	Sents  []Sent
}

// Span4 is an aligned pair of byte ranges.
type Span4 struct{ AStart, AEnd, BStart, BEnd int }

// Relation returns the true relation of two documents, using the engine's
// relation names.
func Relation(a, b *Doc) string {
	if a.Family != b.Family {
		return "unrelated"
	}
	switch {
	case a.Kind == Story || b.Kind == Story:
		return "same-story"
	case a.Kind == Edited || b.Kind == Edited:
		return "same-source-edited"
	}
	return "near-duplicate"
}

// Passages returns the true shared passages of a and b: sentence pairs
// that come from the same source sentence by copy or edit on both sides.
func Passages(a, b *Doc) []Span4 {
	if a.Family != b.Family {
		return nil
	}
	var out []Span4
	for _, x := range a.Sents {
		for _, y := range b.Sents {
			if y.Origin != x.Origin || x.Origin < 0 {
				continue
			}
			xs, ys := x.Mode == Copy || x.Mode == Edit, y.Mode == Copy || y.Mode == Edit
			switch {
			case xs && ys:
				out = append(out, Span4{x.Start, x.End, y.Start, y.End})
			case x.Mode == Quote && ys:
				if k := strings.Index(b.Text[y.Start:y.End], x.Frag); k >= 0 {
					out = append(out, Span4{x.FragStart, x.FragStart + len(x.Frag), y.Start + k, y.Start + k + len(x.Frag)})
				}
			case xs && y.Mode == Quote:
				if k := strings.Index(a.Text[x.Start:x.End], y.Frag); k >= 0 {
					out = append(out, Span4{x.Start + k, x.Start + k + len(y.Frag), y.FragStart, y.FragStart + len(y.Frag)})
				}
			}
		}
	}
	return out
}

// Config controls generation.
type Config struct {
	Seed uint64
	// Fillers are sentences from articles outside every family, used for
	// the material an edited copy adds and for boilerplate.
	Fillers []string
}

// Family makes the four documents of one source article (its sentences).
func Family(src []string, family int, cfg Config) []*Doc {
	r := rand.New(rand.NewPCG(cfg.Seed, uint64(family)*0x9e3779b97f4a7c15+1))
	g := &gen{r: r, fillers: cfg.Fillers}
	var docs []*Doc
	for _, kind := range []string{Original, NearDuplicate, Edited, Story} {
		var b builder
		switch kind {
		case Original:
			for k, s := range src {
				b.add(s, k, Copy, k > 0 && k%3 == 0)
			}
		case NearDuplicate:
			g.nearDuplicate(&b, src)
		case Edited:
			g.edited(&b, src)
		case Story:
			g.story(&b, src)
		}
		docs = append(docs, &Doc{ID: idOf(family, kind), Text: b.sb.String(), Family: family, Kind: kind, Sents: b.sents})
	}
	return docs
}

func idOf(family int, kind string) string {
	return strings.Join([]string{"f", itoa(family), "-", kind}, "")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

type builder struct {
	sb    strings.Builder
	sents []Sent
}

// add appends a sentence, starting a new paragraph when para is set.
func (b *builder) add(s string, origin int, mode string, para bool) {
	if b.sb.Len() > 0 {
		if para {
			b.sb.WriteString("\n\n")
		} else {
			b.sb.WriteByte(' ')
		}
	}
	start := b.sb.Len()
	b.sb.WriteString(s)
	b.sents = append(b.sents, Sent{Start: start, End: b.sb.Len(), Origin: origin, Mode: mode})
}

// raw appends text that is no sentence of the source (markup, footers).
func (b *builder) raw(s string) { b.sb.WriteString(s) }

type gen struct {
	r       *rand.Rand
	fillers []string
}

func (g *gen) filler() string {
	if len(g.fillers) == 0 {
		return "The company did not respond to a request for comment."
	}
	return g.fillers[g.r.IntN(len(g.fillers))]
}

var footers = []string{
	"Copyright 2026 The Daily Courier. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
	"Sign up for our morning newsletter to get the day's top stories delivered to your inbox. Follow us on social media for breaking news.",
	"Reporting by staff correspondents; editing by the news desk. Send tips and corrections to our newsroom.",
}

// nearDuplicate republishes src: verbatim, with an optional markdown
// rendering, a header or footer, and at most one word changed.
func (g *gen) nearDuplicate(b *builder, src []string) {
	md := g.r.IntN(2) == 0
	if g.r.IntN(2) == 0 {
		b.raw("UPDATED " + itoa(1+g.r.IntN(12)) + ":" + itoa(10+g.r.IntN(49)) + " | ")
	}
	tweak := -1
	if g.r.IntN(2) == 0 {
		tweak = g.r.IntN(len(src))
	}
	for k, s := range src {
		mode := Copy
		if k == tweak {
			s, mode = g.substitute(s, 1), Edit
		}
		para := k > 0 && k%3 == 0
		if md && k == 0 {
			b.raw("# ")
		}
		if md && para && g.r.IntN(2) == 0 {
			b.sb.WriteString("\n\n> ")
			b.add(s, k, mode, false)
			continue
		}
		b.add(s, k, mode, para)
		if md && k == 0 {
			b.raw("\n")
		}
	}
	if g.r.IntN(3) > 0 {
		b.raw("\n\n" + footers[g.r.IntN(len(footers))])
	}
}

// edited keeps most sentences, edits some, drops some, adds new ones and
// swaps a pair of paragraphs, as a desk editing wire copy would.
func (g *gen) edited(b *builder, src []string) {
	type item struct {
		s      string
		origin int
		mode   string
	}
	var items []item
	for k, s := range src {
		switch x := g.r.Float64(); {
		case k > 0 && x < 0.25: // dropped
		case x < 0.55:
			items = append(items, item{g.edit(s), k, Edit})
		default:
			items = append(items, item{s, k, Copy})
		}
		if k > 0 && g.r.Float64() < 0.15 {
			items = append(items, item{g.filler(), -1, New})
		}
	}
	items = append(items, item{g.filler(), -1, New})
	// Move one block of sentences elsewhere.
	if len(items) > 4 {
		i := 1 + g.r.IntN(len(items)-3)
		blk := append([]item(nil), items[i:i+2]...)
		rest := append(append([]item(nil), items[:i]...), items[i+2:]...)
		j := 1 + g.r.IntN(len(rest)-1)
		items = append(append(append([]item(nil), rest[:j]...), blk...), rest[j:]...)
	}
	for k, it := range items {
		b.add(it.s, it.origin, it.mode, k > 0 && k%3 == 0)
	}
}

// story rewrites every kept sentence so that no three content words stay
// in a row, in a different sentence order: same facts, own words.
func (g *gen) story(b *builder, src []string) {
	idx := g.r.Perm(len(src))
	n := 0
	quoted := g.r.Float64() >= 0.5 // independent reports often quote the same source verbatim
	for _, k := range idx {
		if g.r.Float64() < 0.3 {
			continue
		}
		para := n > 0 && n%3 == 0
		n++
		if w := strings.Fields(trimEnd(src[k])); quoted && len(w) >= 12 {
			quoted = false
			i := g.r.IntN(len(w) - 8)
			frag := strings.Trim(strings.Join(w[i:i+5+g.r.IntN(4)], " "), ",;:\"'")
			lead := speakers[g.r.IntN(len(speakers))]
			b.add(lead+" \""+frag+"\".", k, Quote, para)
			last := &b.sents[len(b.sents)-1]
			last.Frag, last.FragStart = frag, last.Start+len(lead)+2
			continue
		}
		b.add(g.paraphrase(src[k]), k, Paraphrase, para)
	}
	if n == 0 {
		b.add(g.paraphrase(src[0]), 0, Paraphrase, false)
	}
	b.add(g.filler(), -1, New, true)
}

// edit applies one to three light edits to a sentence.
func (g *gen) edit(s string) string {
	for n := 1 + g.r.IntN(3); n > 0; n-- {
		switch g.r.IntN(4) {
		case 0:
			s = g.substitute(s, 1)
		case 1:
			s = g.deleteWord(s)
		case 2:
			s = g.inflect(s)
		default:
			s = g.swapClauses(s)
		}
	}
	return s
}

// paraphrase rewords a sentence: synonyms, dropped words, and chunks of at
// most two words reordered so no run of three source words survives.
func (g *gen) paraphrase(s string) string {
	s = g.substitute(s, 8)
	w := strings.Fields(trimEnd(s))
	if len(w) < 3 {
		return s
	}
	var kept []string
	for i, x := range w {
		if i > 0 && len(w) > 6 && g.r.Float64() < 0.2 {
			continue
		}
		kept = append(kept, x)
	}
	var chunks [][]string
	for i := 0; i < len(kept); i += 2 {
		chunks = append(chunks, kept[i:min(i+2, len(kept))])
	}
	// Reverse the chunk order, then rotate: neighbours never stay neighbours.
	var out []string
	for i := len(chunks) - 1; i >= 0; i-- {
		out = append(out, chunks[i]...)
		if i > 0 && g.r.IntN(3) == 0 {
			out = append(out, connectives[g.r.IntN(len(connectives))])
		}
	}
	t := strings.Join(out, " ")
	return strings.ToUpper(t[:1]) + t[1:] + "."
}

var speakers = []string{"In the words of one official,", "A source described it this way:", "As the statement put it,"}

var connectives = []string{"and", "while", "as", "with", "also", "then"}

func trimEnd(s string) string { return strings.TrimRight(s, ".!? ") }

func (g *gen) substitute(s string, n int) string {
	w := strings.Fields(s)
	var cand []int
	for i, x := range w {
		if _, ok := synonyms[strings.ToLower(strings.Trim(x, ".,;:\"'"))]; ok {
			cand = append(cand, i)
		}
	}
	g.r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	for _, i := range cand[:min(n, len(cand))] {
		core := strings.Trim(w[i], ".,;:\"'")
		alts := synonyms[strings.ToLower(core)]
		w[i] = strings.Replace(w[i], core, alts[g.r.IntN(len(alts))], 1)
	}
	if len(cand) == 0 && n > 0 && len(w) > 4 {
		// No synonym known: change an adjective-like word instead.
		i := 1 + g.r.IntN(len(w)-2)
		w[i] = fillerWords[g.r.IntN(len(fillerWords))] + " " + w[i]
	}
	return strings.Join(w, " ")
}

var fillerWords = []string{"also", "reportedly", "already", "still", "now"}

func (g *gen) deleteWord(s string) string {
	w := strings.Fields(s)
	if len(w) < 6 {
		return s
	}
	i := 1 + g.r.IntN(len(w)-2)
	return strings.Join(append(w[:i], w[i+1:]...), " ")
}

func (g *gen) inflect(s string) string {
	w := strings.Fields(s)
	for _, i := range g.r.Perm(len(w)) {
		x := w[i]
		switch {
		case strings.HasSuffix(x, "ed") && len(x) > 5:
			w[i] = strings.TrimSuffix(x, "ed") + "ing"
		case strings.HasSuffix(x, "s") && len(x) > 4 && !strings.HasSuffix(x, "ss"):
			w[i] = strings.TrimSuffix(x, "s")
		default:
			continue
		}
		return strings.Join(w, " ")
	}
	return s
}

func (g *gen) swapClauses(s string) string {
	body := trimEnd(s)
	i := strings.Index(body, ", ")
	if i <= 0 || i >= len(body)-2 {
		return s
	}
	a, b := body[:i], body[i+2:]
	return strings.ToUpper(b[:1]) + b[1:] + ", " + strings.ToLower(a[:1]) + a[1:] + "."
}
