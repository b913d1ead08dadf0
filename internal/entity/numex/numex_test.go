package numex

import (
	"strings"
	"testing"

	"gloss/internal/token"
)

func find(text string) []string {
	toks, sents := token.Split(text)
	var out []string
	for _, s := range Find(text, toks, sents) {
		out = append(out, s.Label+":"+text[s.Start:s.End])
	}
	return out
}

var cases = []struct {
	name string
	text string
	want string // "LABEL:text" joined by "|"
}{
	{"money magnitude", "a $700 million loan", "MONEY:$700 million"},
	{"money code prefix", "up to HK$2 billion", "MONEY:HK$2 billion"},
	{"money code spaced", "reached US$ 3.5bn", "MONEY:US$ 3.5bn"},
	{"money glued magnitude", "between £310m and £330m", "MONEY:£310m|MONEY:£330m"},
	{"money range one currency", "to €18-18.5 billion", "MONEY:€18-18.5 billion"},
	{"money word", "a loss of 12.4 billion rubles", "MONEY:12.4 billion rubles"},
	{"currency without amount", "reporting in rubles and yen", ""},
	{"percent sign", "fell 2.1% today", "PERCENT:2.1%|DATE:today"},
	{"per cent", "up 0.5 per cent", "PERCENT:0.5 per cent"},
	{"percent word", "rose 15 percent", "PERCENT:15 percent"},
	{"cardinal bounded", "up to 1,000 civilians and at least 41 soldiers", "CARDINAL:1,000|CARDINAL:41"},
	{"cardinal words", "nine civilians and 1.2 million residents", "CARDINAL:nine|CARDINAL:1.2 million"},
	{"score", "won 2-1", "CARDINAL:2-1"},
	{"measurement", "420 cubic metres and 25 km away", ""},
	{"ordinal", "the first and 31st", ""},
	{"no one", "No one was hurt", ""},
	{"weekday part", "on Tuesday night", "DATE:Tuesday night"},
	{"month day year", "on October 1, 2024 and in July 2023", "DATE:October 1, 2024|DATE:July 2023"},
	{"year", "since 1995", "DATE:1995"},
	{"decade", "in the 1980s", "DATE:the 1980s"},
	{"relative", "last week and next spring", "DATE:last week|DATE:next spring"},
	{"ago", "two days ago", "DATE:two days ago"},
	{"earlier", "a year earlier", "DATE:a year earlier"},
	{"duration", "for three hours", "DATE:three hours"},
	{"the next", "over the next 18 months", "DATE:the next 18 months"},
	{"period to", "in the six months to September", "DATE:the six months to September"},
	{"end of", "by the end of June", "DATE:the end of June"},
	{"half of", "in the first half of 2025", "DATE:the first half of 2025"},
	{"compound", "a three-year plan for the 19-year-old", "DATE:three-year|DATE:19-year-old"},
	{"clock", "at 10:30 a.m. and 3 p.m.", "DATE:10:30 a.m.|DATE:3 p.m."},
	{"age after name", "Lehtonen, 38, said", "DATE:38"},
	{"may name", "May said she would", ""},
	{"may month", "in May and by May 30", "DATE:May|DATE:May 30"},
	{"net zero", "net zero by 2035", "DATE:2035"},
	{"mid year", "in mid-2020 and late-1990s", "DATE:mid-2020|DATE:late-1990s"},
	{"season years", "the 2020/21 season", "DATE:2020/21"},
	{"glued clock", "at 11.30pm or 3pm", "DATE:11.30pm|DATE:3pm"},
	{"year to month", "in the year to March", "DATE:the year to March"},
}

func TestFind(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(find(tc.text), "|"); got != tc.want {
				t.Errorf("Find(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks, sents := token.Split(text)
		prev := 0
		for _, s := range Find(text, toks, sents) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("span [%d,%d) invalid after %d", s.Start, s.End, prev)
			}
			prev = s.End
		}
	})
}
