package token

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(src string, toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text(src)
	}
	return out
}

var tokenizeCases = []struct {
	name string
	src  string
	want string // tokens joined by "|"
}{
	{"plain", "The cat sat.", "The|cat|sat|."},
	{"country abbreviation", "the U.S. Army", "the|U.S.|Army"},
	{"title", "Gen. Mark Milley", "Gen.|Mark|Milley"},
	{"month", "on Jan. 5", "on|Jan.|5"},
	{"company", "Acme Inc. said", "Acme|Inc.|said"},
	{"initial", "John F. Kennedy", "John|F.|Kennedy"},
	{"time", "at 10:30 a.m. local", "at|10:30|a.m.|local"},
	{"money", "$700 million", "$|700|million"},
	{"thousands", "1,000 civilians", "1,000|civilians"},
	{"percent", "3.5% rise", "3.5|%|rise"},
	{"currency code", "US$3.5bn and HK$2", "US$|3.5bn|and|HK$|2"},
	{"pound", "£310m", "£|310m"},
	{"hyphenated", "Moscow-based firm", "Moscow-based|firm"},
	{"age", "a 19-year-old", "a|19-year-old"},
	{"score", "won 2-1 at home", "won|2-1|at|home"},
	{"en dash range", "€18–18.5 billion", "€|18–18.5|billion"},
	{"em dash stays", "ANKARA — Turkey", "ANKARA|—|Turkey"},
	{"possessive straight", "Turkey's river", "Turkey|'s|river"},
	{"possessive curly", "Kettu’s chip", "Kettu|’s|chip"},
	{"contraction kept", "don’t go", "don’t|go"},
	{"curly quotes", "“Yes,” she said", "“|Yes|,|”|she|said"},
	{"ellipsis", "wait... now", "wait|...|now"},
	{"markdown bold", "**Putin** said", "**|Putin|**|said"},
	{"markdown link", "[Reuters](https://reuters.com/x).", "[|Reuters|]|(|https://reuters.com/x|)|."},
	{"url", "see www.example.org/a-b, then", "see|www.example.org/a-b|,|then"},
	{"email", "write to a.b@example.com.", "write|to|a.b@example.com|."},
	{"html entity", "AT&amp;T", "AT|&amp;|T"},
	{"date", "1996-08-22", "1996-08-22"},
	{"invalid utf8", "a\xffb c", "a|\xff|b|c"},
	{"zero width space", "a\u200bb", "a|b"},
	{"not abbreviation", "the end.", "the|end|."},
	{"html tags", "<p>Putin</p> said<br/>", "<p>|Putin|</p>|said|<br/>"},
	{"not a tag", "a < b > c", "a|<|b|>|c"},
}

func TestTokenize(t *testing.T) {
	for _, tc := range tokenizeCases {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(texts(tc.src, Tokenize(tc.src)), "|")
			if got != tc.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	src := "Acme 42 , $ https://a.b"
	want := []Kind{Word, Number, Punct, Symbol, URL}
	toks := Tokenize(src)
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, k := range want {
		if toks[i].Kind != k {
			t.Errorf("token %q: got kind %d, want %d", toks[i].Text(src), toks[i].Kind, k)
		}
	}
}

var sentenceCases = []struct {
	name string
	src  string
	want string // sentences joined by "|"
}{
	{"two", "He left. She stayed.", "He left.|She stayed."},
	{"title no break", "Gen. Smith spoke. Then he left.", "Gen. Smith spoke.|Then he left."},
	{"country mid sentence", "The U.S. Army said so.", "The U.S. Army said so."},
	{"country at end", "He lives in the U.S. The rest stay.", "He lives in the U.S.|The rest stay."},
	{"month", "On Jan. 5 it rained.", "On Jan. 5 it rained."},
	{"company mid", "Acme Inc. said profit rose.", "Acme Inc. said profit rose."},
	{"decimal", "It rose 3.5 percent. Then fell.", "It rose 3.5 percent.|Then fell."},
	{"quote closes", "“We won.” Then silence.", "“We won.”|Then silence."},
	{"question", "Why? Because.", "Why?|Because."},
	{"lower after period", "e.g. this one. and more", "e.g. this one. and more"},
	{"headline line", "Yen Surges\n\nTOKYO — The yen rose.", "Yen Surges|TOKYO — The yen rose."},
	{"single newline", "Title Line\nBody text here.", "Title Line|Body text here."},
	{"wrapped line", "a sentence that\ncontinues here.", "a sentence that\ncontinues here."},
	{"empty", "   ", ""},
	{"markdown heading", "# Markets wrap\nshares rose.", "# Markets wrap|shares rose."},
}

func TestSentences(t *testing.T) {
	for _, tc := range sentenceCases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tc.src) {
				got = append(got, tc.src[s.Start:s.End])
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("Sentences(%q) = %q, want %q", tc.src, g, tc.want)
			}
		})
	}
}

// checkTokens verifies the invariants every caller relies on.
func checkTokens(t *testing.T, src string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(src) {
			t.Fatalf("token %d [%d,%d) invalid after %d in %q", i, tk.Start, tk.End, prev, src)
		}
		for _, r := range src[prev:tk.Start] {
			if !isSpace(r) {
				t.Fatalf("non-space %q skipped before token %d in %q", r, i, src)
			}
		}
		r, _ := utf8.DecodeRuneInString(src[tk.Start:tk.End])
		if isSpace(r) {
			t.Fatalf("token %d starts with space in %q", i, src)
		}
		prev = tk.End
	}
	for _, r := range src[prev:] {
		if !isSpace(r) {
			t.Fatalf("non-space %q dropped at end of %q", r, src)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, tc := range tokenizeCases {
		f.Add(tc.src)
	}
	for _, tc := range sentenceCases {
		f.Add(tc.src)
	}
	f.Add("www.\xff.com")
	f.Add("x@y.z.")
	f.Fuzz(func(t *testing.T, src string) {
		toks, sents := Split(src)
		checkTokens(t, src, toks)
		next := 0
		for _, s := range sents {
			if s.Start != next || s.End <= s.Start || s.End > len(toks) {
				t.Fatalf("sentence range %v invalid (next %d, %d tokens)", s, next, len(toks))
			}
			next = s.End
		}
		if next != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString(benchText)
	}
	src := sb.String()
	n := len(Tokenize(src))
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		Split(src)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

const benchText = `WASHINGTON (Reuters) — U.S. Treasury Secretary Janet Yellen said on Tuesday that the $1.2 trillion
infrastructure bill would add 3.5% to growth by 2027, while Gen. Mark Milley told lawmakers the Pentagon's
budget of $700 million was "not enough." Shares of Acme Inc. rose 1,000 points, or 2.1 per cent, to 38,410.52
at 10:30 a.m. “We’re not done,” she said. See https://example.com/news?id=1 for details. **Update:** The
Moscow-based firm’s 19-year-old founder won 2-1 against Real Madrid.

`
