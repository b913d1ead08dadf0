package interchange

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strconv"

	"gloss/internal/annot"
	"gloss/internal/compare/report"
)

// labelColors gives each built-in label a background that keeps body text
// above WCAG AA contrast; user labels fall back to their own colour or grey.
var labelColors = map[string]string{
	"PER": "#ffd8a8", "ORG": "#a5d8ff", "LOC": "#b2f2bb", "MISC": "#eebefa",
	"DATE": "#ffec99", "MONEY": "#c3fae8", "PERCENT": "#d0bfff", "CARDINAL": "#e9ecef",
}

const reportCSS = `
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .4rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.meta{color:#57606a}.legend span{display:inline-block;margin:.1rem .4rem .1rem 0}
article{border-top:1px solid #d0d7de;padding-top:.5rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
mark{color:inherit;border-radius:3px;padding:0 .1em;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.manual{outline:2px dashed #57606a;outline-offset:1px}
mark sub{font-size:.65em;font-weight:700;letter-spacing:.03em;margin-left:.2em;vertical-align:baseline}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.unique{background:#fff8c5;border-left:3px solid #d4a72c;padding:.2rem .5rem;margin:.3rem 0;white-space:pre-wrap}
@media print{body{max-width:none;font-size:11pt}article{break-inside:auto}h2,h3{break-after:avoid}mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`

// HTMLReport renders the workspace as one self-contained HTML page: every
// article with its mentions highlighted (colour plus a visible label), the
// similarity matrix with each pair's relation, and what only each article
// says. rep may be nil when the articles were not compared. All text is
// escaped: the page holds no script and loads nothing.
func HTMLReport(set *annot.Set, rep *report.Report) ([]byte, error) {
	var b bytes.Buffer
	esc := html.EscapeString
	w := func(s string, args ...any) { fmt.Fprintf(&b, s, args...) }
	title := "Gloss report"
	w("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
	w("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
	w("<title>%s</title><style>%s</style></head><body>\n", esc(title), reportCSS)
	w("<h1>%s</h1><p class=\"meta\">%d articles</p>\n", esc(title), len(set.Articles))

	colors := make(map[string]string, len(labelColors)+len(set.Labels))
	for k, v := range labelColors {
		colors[k] = v
	}
	for _, l := range set.Labels {
		if l.Color != "" {
			colors[l.ID] = l.Color
		}
	}
	used := map[string]bool{}
	mentions := make([][]Mention, len(set.Articles))
	for i := range set.Articles {
		mentions[i] = flat(Mentions(&set.Articles[i]))
		for _, m := range mentions[i] {
			used[m.Label] = true
		}
	}
	if len(used) > 0 {
		labels := make([]string, 0, len(used))
		for l := range used {
			labels = append(labels, l)
		}
		slices.Sort(labels)
		w("<p class=\"legend\">")
		for _, l := range labels {
			w("<span><mark style=\"background:%s\">%s</mark></span>", colorOf(colors, l), esc(l))
		}
		w(" <span>(dashed: added or corrected by hand)</span></p>\n")
	}

	if rep != nil && len(set.Articles) > 1 {
		writeMatrix(&b, set, rep)
	}

	for i := range set.Articles {
		a := &set.Articles[i]
		w("<article id=\"a-%d\"><h2>%s</h2>", i, esc(orUntitled(a.Title)))
		if a.SourceURL != "" {
			w("<p class=\"meta\">%s</p>", esc(a.SourceURL))
		}
		runes := []rune(a.Text)
		w("<div class=\"text\">")
		pos := 0
		for _, m := range mentions[i] {
			if m.Start < pos || m.End > len(runes) {
				continue
			}
			b.WriteString(esc(string(runes[pos:m.Start])))
			class := ""
			if m.Source == SourceManual {
				class = " class=\"manual\""
			}
			titleAttr := m.Label
			if m.Note != "" {
				titleAttr += ": " + m.Note
			}
			w("<mark%s style=\"background:%s\" title=\"%s\">%s<sub>%s</sub></mark>", class, colorOf(colors, m.Label), esc(titleAttr), esc(string(runes[m.Start:m.End])), esc(m.Label))
			pos = m.End
		}
		b.WriteString(esc(string(runes[pos:])))
		w("</div>\n")
		if rep != nil {
			if spans := rep.Unique[a.ID]; len(spans) > 0 {
				w("<h3>Only in this article</h3>\n")
				for _, s := range spans {
					if s.Start >= 0 && s.End <= len(runes) && s.Start < s.End {
						w("<div class=\"unique\">%s</div>\n", esc(string(runes[s.Start:s.End])))
					}
				}
			}
		}
		if a.Note != "" {
			w("<h3>Note</h3><p class=\"text\">%s</p>\n", esc(a.Note))
		}
		w("</article>\n")
	}
	w("</body></html>\n")
	return b.Bytes(), nil
}

func writeMatrix(b *bytes.Buffer, set *annot.Set, rep *report.Report) {
	esc := html.EscapeString
	index := make(map[string]int, len(set.Articles))
	for i, a := range set.Articles {
		index[a.ID] = i
	}
	n := len(set.Articles)
	cell := make([][]*report.Pair, n)
	for i := range cell {
		cell[i] = make([]*report.Pair, n)
	}
	for k := range rep.Pairs {
		p := &rep.Pairs[k]
		i, okA := index[rawID(p.A)]
		j, okB := index[rawID(p.B)]
		if okA && okB {
			cell[i][j], cell[j][i] = p, p
		}
	}
	fmt.Fprintf(b, "<h2>How the articles relate</h2>\n<table><caption class=\"meta\">Similarity of each pair (0–1) and its relation</caption><tr><th scope=\"col\"></th>")
	for i := range set.Articles {
		fmt.Fprintf(b, "<th scope=\"col\">%d</th>", i+1)
	}
	b.WriteString("</tr>\n")
	for i, a := range set.Articles {
		fmt.Fprintf(b, "<tr><th scope=\"row\">%d. %s</th>", i+1, esc(orUntitled(a.Title)))
		for j := range set.Articles {
			switch p := cell[i][j]; {
			case i == j:
				b.WriteString("<td>—</td>")
			case p == nil:
				b.WriteString("<td></td>")
			default:
				fmt.Fprintf(b, "<td class=\"num\">%s<br><small>%s</small></td>", strconv.FormatFloat(p.Score, 'f', 2, 64), esc(p.Relation))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
}

func colorOf(colors map[string]string, label string) string {
	if c, ok := colors[label]; ok && validColor(c) {
		return c
	}
	return "#e9ecef"
}

// validColor accepts only #rrggbb, so a label colour can never break out of
// the style attribute.
func validColor(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

func orUntitled(t string) string {
	if t == "" {
		return "Untitled"
	}
	return t
}
