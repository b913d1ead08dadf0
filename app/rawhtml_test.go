package app

import (
	"html"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, s := range []string{"", "plain", `<script>alert("x")</script>`, "a & b's <c>", "Zoë — ü<", "&amp;"} {
		var b strings.Builder
		escape(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("escape(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestHTMLBuilder(t *testing.T) {
	for _, tt := range []struct {
		name  string
		build func(b *htmlb)
		want  string
	}{
		{"attributes escaped", func(b *htmlb) { b.elem("button", "<b>", "title", `"x" & y`, "disabled", "\x00") },
			`<button title="&#34;x&#34; &amp; y" disabled>&lt;b&gt;</button>`},
		{"nested", func(b *htmlb) { b.open("ul"); b.elem("li", "a"); b.close("ul") }, `<ul><li>a</li></ul>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b htmlb
			tt.build(&b)
			if got := b.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
