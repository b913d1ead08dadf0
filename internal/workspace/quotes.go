package workspace

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is a direct quote in an article and, where the text says it, who
// said it.
type Quote struct {
	Start, End int    // the quoted words, without the quote marks
	Text       string //
	Speaker    string // "" when the text does not say
	// SpeakerStart/End locate the speaker's name in the text (the person
	// highlight when there is one); -1 when there is no speaker or it was
	// resolved from a pronoun to the last person named before.
	SpeakerStart, SpeakerEnd int
	// Also lists the other article positions that carry the same quote.
	Also []int
}

// MinQuoteWords keeps scare quotes ("so-called") out of the list.
const MinQuoteWords = 3

const speechVerbs = `said|says|told|added|asked|warned|insisted|explained|stated|declared|wrote|argued|claimed|noted|replied|urged|continued`

var (
	nameRE        = `((?:[\p{Lu}][\p{L}'’.-]*)(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|de|van|von|al|bin)){0,4})`
	afterVerbName = regexp.MustCompile(`^\s*[,.]?\s*(?:` + speechVerbs + `)\s+` + nameRE)
	afterNameVerb = regexp.MustCompile(`^\s*[,.]?\s*` + nameRE + `\s+(?:` + speechVerbs + `)\b`)
	afterPronoun  = regexp.MustCompile(`^\s*[,.]?\s*(?:(?:he|she|they)\s+(?:` + speechVerbs + `)|(?:` + speechVerbs + `)\s+(?:he|she|they))\b`)
	beforeName    = regexp.MustCompile(nameRE + `\s+(?:` + speechVerbs + `)(?:\s+\p{Ll}+){0,3}\s*[:,]\s*$`)
)

// FindQuotes returns the direct quotes of text in order. spans are the
// article's highlights, used to name speakers by their person mention.
func FindQuotes(text string, spans []Span) []Quote {
	var out []Quote
	for _, q := range quoteRanges(text) {
		body := text[q[0]:q[1]]
		if len(strings.Fields(body)) < MinQuoteWords {
			continue
		}
		qu := Quote{Start: q[0], End: q[1], Text: body, SpeakerStart: -1, SpeakerEnd: -1}
		closeEnd := q[1] + closeLen(text, q[1])
		after := text[closeEnd:min(len(text), closeEnd+100)]
		openStart := q[0] - openLen(text, q[0])
		before := text[max(0, openStart-100):openStart]
		switch {
		case matchName(afterVerbName, after) != nil:
			m := matchName(afterVerbName, after)
			qu.setSpeaker(text, spans, closeEnd+m[0], closeEnd+m[1])
		case matchName(afterNameVerb, after) != nil:
			m := matchName(afterNameVerb, after)
			qu.setSpeaker(text, spans, closeEnd+m[0], closeEnd+m[1])
		case afterPronoun.MatchString(after):
			qu.Speaker = lastPerson(text, spans, q[0])
		case matchName(beforeName, before) != nil:
			m := matchName(beforeName, before)
			base := openStart - len(before)
			qu.setSpeaker(text, spans, base+m[0], base+m[1])
		}
		out = append(out, qu)
	}
	return out
}

// matchName returns the name group's span, or nil.
func matchName(re *regexp.Regexp, s string) []int {
	m := re.FindStringSubmatchIndex(s)
	if m == nil || m[2] < 0 {
		return nil
	}
	return m[2:4]
}

// setSpeaker names the speaker by the person highlight overlapping
// [s,e) when there is one, else by the words themselves.
func (q *Quote) setSpeaker(text string, spans []Span, s, e int) {
	for _, sp := range spans {
		if sp.Label == "PER" && sp.Start < e && s < sp.End {
			q.Speaker, q.SpeakerStart, q.SpeakerEnd = text[sp.Start:sp.End], sp.Start, sp.End
			return
		}
	}
	name := strings.TrimRight(text[s:e], ".")
	q.Speaker, q.SpeakerStart, q.SpeakerEnd = name, s, s+len(name)
}

func lastPerson(text string, spans []Span, before int) string {
	name := ""
	for _, sp := range spans {
		if sp.Label == "PER" && sp.End <= before {
			name = text[sp.Start:sp.End]
		}
	}
	return name
}

// quoteRanges finds the insides of “…” pairs and of straight "…" pairs.
// A quote that runs past a paragraph break is left alone: news prose opens
// multi-paragraph quotes without closing them, and guessing there would
// misattribute.
func quoteRanges(text string) [][2]int {
	var out [][2]int
	open := -1
	var closer rune
	for i, r := range text {
		switch {
		case open < 0 && (r == '“' || r == '"'):
			open = i + utf8.RuneLen(r)
			closer = '”'
			if r == '"' {
				closer = '"'
			}
		case open >= 0 && r == closer:
			if i > open {
				out = append(out, [2]int{open, i})
			}
			open = -1
		case open >= 0 && r == '\n' && strings.HasPrefix(text[i:], "\n\n"):
			open = -1
		}
	}
	return out
}

func closeLen(text string, at int) int {
	if at < len(text) {
		_, n := utf8.DecodeRuneInString(text[at:])
		return n
	}
	return 0
}

func openLen(text string, at int) int {
	if at > 0 {
		_, n := utf8.DecodeLastRuneInString(text[:at])
		return n
	}
	return 0
}

// quoteWords normalises a quote for matching across articles.
func quoteWords(s string) map[string]bool {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// SameQuote reports whether two quotes are the same words, allowing for
// trimming and small edits: most of the shorter one's words are in the other.
func SameQuote(a, b string) bool {
	wa, wb := quoteWords(a), quoteWords(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	return sameWords(wa, wb)
}

// Quotes returns each article's quotes (by position), with Also linking
// the same quote in other articles (SameQuote).
//
// Candidates come from an index of words: if a quote shares 80% of the
// words of a shorter one, it holds at least one of any ⌊len/5⌋+1 words of
// the shorter one, so looking up only that many of its rarest words finds
// every match without comparing all pairs.
func (w *Workspace) Quotes() [][]Quote {
	out := make([][]Quote, len(w.Articles))
	type ref struct{ article, quote int }
	var refs []ref
	var sets []map[string]bool
	index := map[string][]int{} // word → positions in refs
	for i, a := range w.Articles {
		out[i] = w.findQuotes(a)
		words := w.quoteCache[a].words
		for qi := range out[i] {
			set := words[qi]
			for word := range set {
				index[word] = append(index[word], len(refs))
			}
			refs = append(refs, ref{i, qi})
			sets = append(sets, set)
		}
	}
	links := map[[2]int]bool{} // (ref, article) pairs already linked
	for k, r := range refs {
		if len(sets[k]) < MinQuoteWords {
			continue
		}
		words := make([]string, 0, len(sets[k]))
		for word := range sets[k] {
			words = append(words, word)
		}
		slices.SortFunc(words, func(x, y string) int {
			if d := len(index[x]) - len(index[y]); d != 0 {
				return d
			}
			return strings.Compare(x, y)
		})
		seen := map[int]bool{}
		for _, word := range words[:len(words)/5+1] {
			for _, o := range index[word] {
				if seen[o] || refs[o].article == r.article || len(sets[o]) < len(sets[k]) {
					continue // the shorter quote of a pair finds it
				}
				seen[o] = true
				if !sameWords(sets[k], sets[o]) {
					continue
				}
				links[[2]int{k, refs[o].article}] = true
				links[[2]int{o, r.article}] = true
			}
		}
	}
	for l := range links {
		r := refs[l[0]]
		out[r.article][r.quote].Also = append(out[r.article][r.quote].Also, l[1])
	}
	for i := range out {
		for qi := range out[i] {
			slices.Sort(out[i][qi].Also)
		}
	}
	return out
}

// sameWords is SameQuote on word sets, small being the shorter.
func sameWords(small, large map[string]bool) bool {
	if len(small) < MinQuoteWords {
		return false
	}
	in := 0
	for w := range small {
		if large[w] {
			in++
		}
	}
	return float64(in) >= 0.8*float64(len(small))
}

// findQuotes is FindQuotes for an article, cached: articles are replaced,
// not changed, when edited, so the pointer and whether the engine's
// mentions have arrived identify what the quotes were found on.
func (w *Workspace) findQuotes(a *Article) []Quote {
	_, analysed := w.auto[a.Hash]
	if c, ok := w.quoteCache[a]; ok && c.analysed == analysed {
		return slices.Clone(c.quotes)
	}
	q := FindQuotes(a.Text, w.Spans(a.ID))
	if w.quoteCache == nil || len(w.quoteCache) > 4*len(w.Articles)+64 {
		w.quoteCache = map[*Article]quoteEntry{} // drop entries of old versions
	}
	words := make([]map[string]bool, len(q))
	for i := range q {
		words[i] = quoteWords(q[i].Text)
	}
	w.quoteCache[a] = quoteEntry{analysed, q, words}
	return slices.Clone(q)
}

type quoteEntry struct {
	analysed bool
	quotes   []Quote
	words    []map[string]bool // quoteWords of each quote, read only
}

// Prepare does the per-article part of Entities and Quotes for article i
// ahead of time: a page with many articles calls it one article at a time
// between frames, so that deriving its panels afterwards only merges.
func (w *Workspace) Prepare(i int) {
	if i < 0 || i >= len(w.Articles) {
		return
	}
	a := w.Articles[i]
	w.mentionForms(a)
	w.findQuotes(a)
}

// Prepared reports whether article i's part of the panels is ready (see
// Prepare).
func (w *Workspace) Prepared(i int) bool {
	if i < 0 || i >= len(w.Articles) {
		return true
	}
	a := w.Articles[i]
	_, analysed := w.auto[a.Hash]
	f, okf := w.formCache[a]
	q, okq := w.quoteCache[a]
	return okf && okq && f.analysed == analysed && q.analysed == analysed
}
