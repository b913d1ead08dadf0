package workspace

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxHTML bounds the HTML read from one dropped file.
const MaxHTML = 8 << 20

// HTMLToText reduces an HTML document to its readable text: scripts,
// styles and other non-text elements are dropped, block elements become
// line breaks and paragraphs blank lines. It never produces markup the page
// could run: the result is plain text for text nodes. The title is the
// document's <title>, else its first <h1>, else "".
func HTMLToText(r io.Reader) (title, text string, err error) {
	z := html.NewTokenizer(io.LimitReader(r, MaxHTML))
	var b strings.Builder
	var titleB, h1B strings.Builder
	skip := 0 // depth inside elements whose text is not content
	inTitle, inH1, h1Done := false, false, false
	pendingSpace := false
	newlines := 0 // newlines already at the end of b
	br := func(n int) {
		if b.Len() == 0 {
			return
		}
		for newlines < n {
			b.WriteByte('\n')
			newlines++
		}
		pendingSpace = false
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return "", "", z.Err()
			}
			title = strings.Join(strings.Fields(titleB.String()), " ")
			if title == "" {
				title = strings.Join(strings.Fields(h1B.String()), " ")
			}
			return strings.ToValidUTF8(title, "\uFFFD"), strings.TrimSpace(b.String()), nil
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
				atom.Iframe, atom.Object, atom.Canvas, atom.Select, atom.Button:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case atom.Title:
				inTitle = tt == html.StartTagToken
				continue
			case atom.H1:
				if start && !h1Done {
					inH1 = true
				} else if !start && inH1 {
					inH1, h1Done = false, true
				}
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Br:
				br(1)
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Blockquote, atom.Pre, atom.Ul, atom.Ol, atom.Table, atom.Figure, atom.Hr:
				br(2)
			case atom.Div, atom.Li, atom.Tr, atom.Section, atom.Article, atom.Header, atom.Footer,
				atom.Aside, atom.Nav, atom.Main, atom.Figcaption, atom.Dd, atom.Dt, atom.Caption:
				br(1)
			case atom.Td, atom.Th:
				pendingSpace = b.Len() > 0 && newlines == 0
			}
		case html.TextToken:
			t := string(z.Text()) // entities decoded by the tokenizer
			if inTitle {
				titleB.WriteString(t)
				continue
			}
			if skip > 0 {
				continue
			}
			if inH1 {
				h1B.WriteString(t)
			}
			if strings.TrimSpace(t) == "" {
				pendingSpace = pendingSpace || (b.Len() > 0 && newlines == 0 && t != "")
				continue
			}
			if t[0] == ' ' || t[0] == '\n' || t[0] == '\t' || t[0] == '\r' {
				pendingSpace = pendingSpace || (b.Len() > 0 && newlines == 0)
			}
			words := strings.Fields(t)
			if pendingSpace {
				b.WriteByte(' ')
			}
			b.WriteString(strings.ToValidUTF8(strings.Join(words, " "), "\uFFFD"))
			newlines = 0
			last := t[len(t)-1]
			pendingSpace = last == ' ' || last == '\n' || last == '\t' || last == '\r'
		}
	}
}
