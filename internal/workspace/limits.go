package workspace

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxArticle bounds one article's text in bytes. A long-form feature runs
// to 20,000 words (about 130 KB); a megabyte is a short book. Past it the
// page would spend seconds mounting one article's highlights and the local
// draft would outgrow what browsers grant a page, so such a paste is
// refused with the reason instead of half working.
const MaxArticle = 1 << 20

// junkShare is the share of unreadable characters (NUL and other control
// characters, invalid UTF-8) above which a paste is taken for binary data.
// Text copied from PDFs or old web pages carries a few stray control
// characters; a binary file is mostly made of them.
const junkShare = 0.02

// CheckPaste reports why pasted or dropped text cannot be added, as a
// sentence for the person who pasted it, or nil. Several articles joined
// by --- lines are each held to MaxArticle.
func CheckPaste(text string) error {
	for i, part := range Split(text) {
		if err := checkArticle(part); err != nil {
			if strings.Contains(text, "\n---") {
				return fmt.Errorf("article %d of the paste: %w", i+1, err)
			}
			return err
		}
	}
	return nil
}

func checkArticle(text string) error {
	if len(text) > MaxArticle {
		return fmt.Errorf("%s is too long for one article (the limit is %s); split it with a line of --- between parts, or trim it",
			size(len(text)), size(MaxArticle))
	}
	var n, junk int
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		i += w
		n++
		if (r == utf8.RuneError && w == 1) || r == 0 || (unicode.IsControl(r) && !strings.ContainsRune("\n\r\t\f\v", r)) {
			junk++
		}
	}
	if n > 0 && float64(junk) > junkShare*float64(n) {
		return fmt.Errorf("this looks like binary data, not text: %d of %d characters are unreadable", junk, n)
	}
	return nil
}

// size writes a byte count the way people read file sizes.
func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// stripControls removes the control characters that CheckPaste lets
// through in small numbers: they are invisible on the page and would
// only shift offsets in every export. Tabs and line ends stay.
func stripControls(s string) string {
	if !strings.ContainsFunc(s, isStray) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isStray(r) {
			return -1
		}
		return r
	}, s)
}

func isStray(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t'
}
