package app

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gloss/internal/workspace"
)

// chunkRe finds the chunk elements of textHTML's output.
var chunkRe = regexp.MustCompile(`<div class="chunk" data-off="(\d+)">`)

// tagRe finds every tag, to strip them to the text shown.
var tagRe = regexp.MustCompile(`<[^>]*>`)

// para is a paragraph of about 400 bytes with a place for a mention.
func para(i int) string {
	return "Paragraph " + strconv.Itoa(i) + " says that Ana Lee met the board. " + strings.Repeat("Words of the story go on here. ", 11)
}

// TestTextChunks checks how textHTML cuts an article into chunks: only
// after a paragraph break, never inside a highlight, each chunk at least
// chunkBytes long but the last; the text shown is the article's, byte for
// byte, and each chunk's data-off is where its text starts.
func TestTextChunks(t *testing.T) {
	var long []string
	for i := range 40 {
		long = append(long, para(i))
	}
	longText := strings.Join(long, "\n\n")
	// A manual span across a paragraph break, at about where a cut would
	// come: the cut moves to a later break.
	across := strings.Index(longText[chunkBytes-200:], "\n\n") + chunkBytes - 200
	for _, tt := range []struct {
		name       string
		text       string
		spans      []workspace.Span
		wantChunks int
	}{
		{"empty", "", nil, 1},
		{"short", "Ana Lee spoke.\n\nShe left.", []workspace.Span{{Start: 0, End: 7, Label: "PER"}}, 1},
		{"no paragraph breaks", strings.Repeat("word ", 2000), nil, 1},
		{"long", longText, mentions(longText, "Ana Lee"), len(longText) / chunkBytes},
		{"span across a break", longText, []workspace.Span{{Start: across - 10, End: across + 10, Label: "MISC", Manual: true}}, len(longText) / chunkBytes},
		{"ends with a break", strings.Repeat("word ", chunkBytes/4) + "\n\n", nil, 1},
		{"hostile", "<script>alert(1)</script> & \"x\"\n\n" + longText, mentions(longText, "Ana Lee"), len(longText) / chunkBytes},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := &workspace.Article{ID: "a1", Title: "T", Text: tt.text}
			out := textHTML(a, tt.spans, "")
			if strings.Contains(out, "<script") {
				t.Fatalf("markup of the text rendered as markup: %.200s", out)
			}
			if got := html.UnescapeString(tagRe.ReplaceAllString(out, "")); got != tt.text {
				t.Fatalf("text shown differs from the article (%d bytes, want %d)", len(got), len(tt.text))
			}
			cuts := chunkRe.FindAllStringSubmatchIndex(out, -1)
			if len(cuts) != tt.wantChunks {
				t.Errorf("chunks = %d, want %d", len(cuts), tt.wantChunks)
			}
			prev := 0
			for i, c := range cuts {
				off, _ := strconv.Atoi(out[c[2]:c[3]])
				// The text before the chunk's tag is the text before off.
				if got := html.UnescapeString(tagRe.ReplaceAllString(out[:c[0]], "")); len(got) != off {
					t.Errorf("chunk %d: data-off = %d, want %d", i, off, len(got))
				}
				if i == 0 {
					continue
				}
				if !strings.HasSuffix(tt.text[:off], "\n\n") {
					t.Errorf("chunk %d starts at %d, not after a paragraph break", i, off)
				}
				if off-prev < chunkBytes {
					t.Errorf("chunk %d is %d bytes, want at least %d", i-1, off-prev, chunkBytes)
				}
				for _, s := range tt.spans {
					if s.Start < off && off < s.End {
						t.Errorf("chunk %d starts at %d, inside highlight %d-%d", i, off, s.Start, s.End)
					}
				}
				prev = off
			}
		})
	}
}

// mentions are highlights of every occurrence of name in text.
func mentions(text, name string) []workspace.Span {
	var out []workspace.Span
	for at := 0; ; {
		i := strings.Index(text[at:], name)
		if i < 0 {
			return out
		}
		out = append(out, workspace.Span{Start: at + i, End: at + i + len(name), Label: "PER"})
		at += i + len(name)
	}
}
