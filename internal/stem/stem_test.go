package stem

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		text string
		want Lang
	}{
		{"english", "The central bank raised interest rates on Tuesday for the third time this year, saying inflation was still too high for comfort.", English},
		{"french", "La banque centrale a relevé mardi ses taux d'intérêt pour la troisième fois cette année, estimant que l'inflation restait trop élevée.", French},
		{"spanish", "El banco central subió el martes los tipos de interés por tercera vez este año, al considerar que la inflación sigue siendo demasiado alta.", Spanish},
		{"russian", "Центральный банк во вторник повысил процентные ставки в третий раз в этом году, заявив, что инфляция остается слишком высокой.", Russian},
		{"german has no stemmer", "Die Zentralbank hat am Dienstag zum dritten Mal in diesem Jahr die Zinsen erhöht, weil die Inflation immer noch zu hoch ist.", Unknown},
		{"too short", "Bank raises rates", Unknown},
		{"empty", "", Unknown},
		{"digits only", "1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678", Unknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(tc.text); got != tc.want {
				t.Errorf("Detect(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		word string
		want string
	}{
		{"plural", English, "reports", "report"},
		{"inflection", English, "Reported", "report"},
		{"possessive", English, "company's", "compani"},
		{"curly possessive", English, "company’s", "compani"},
		{"thousands separator", English, "1,000", "1000"},
		{"french", French, "gouvernements", "gouvern"},
		{"unknown lowercases only", Unknown, "Häuser", "häuser"},
		{"dotted acronym", English, "U.S.", "us"},
		{"acronym without dots", English, "US", "us"},
		{"acronym cut by a tokenizer", English, "U.S", "us"},
		{"pronoun stays a word", English, "us", "us"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := For(tc.lang).Stem(tc.word); got != tc.want {
				t.Errorf("Stem(%q) = %q, want %q", tc.word, got, tc.want)
			}
		})
	}
}

func TestIsStop(t *testing.T) {
	tests := []struct {
		lang Lang
		word string
		want bool
	}{
		{English, "The", true},
		{English, "US", false},
		{English, "minister", false},
		{French, "des", true},
		{Unknown, "the", false},
	}
	for _, tc := range tests {
		if got := For(tc.lang).IsStop(tc.word); got != tc.want {
			t.Errorf("For(%q).IsStop(%q) = %v, want %v", tc.lang, tc.word, got, tc.want)
		}
	}
}

func TestAnalyze(t *testing.T) {
	text := "## The ministers' well-known plans — under way."
	got := Analyze(text, For(English))
	want := []Term{
		{"the", 3, 6, true},
		{"minist", 7, 16, false},
		{"well", 18, 22, false},
		{"known", 23, 28, false},
		{"plan", 29, 34, false},
		{"under", 39, 44, true},
		{"way", 45, 48, false},
	}
	if len(got) != len(want) {
		t.Fatalf("Analyze = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("term %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "The minister’s plans", "1,000 Häuser", "\xff\xfe bad", "Центральный банк"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = Detect(s)
		for _, tm := range Analyze(s, For(English)) {
			if tm.Start < 0 || tm.End > len(s) || tm.Start >= tm.End {
				t.Fatalf("bad range %d..%d in %q", tm.Start, tm.End, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[tm.Start:tm.End]) {
				t.Fatalf("range %d..%d splits a rune", tm.Start, tm.End)
			}
		}
	})
}

func ExampleAnalyze() {
	text := "Reported: the ministers were reporting."
	for _, t := range Analyze(text, For(Detect(text+" The government said the plan would go ahead next week."))) {
		fmt.Println(t.Stem, t.Stop)
	}
	// Output:
	// report false
	// the true
	// minist false
	// were true
	// report false
}
