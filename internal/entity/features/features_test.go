package features

import (
	"reflect"
	"testing"
)

func TestShapes(t *testing.T) {
	cases := []struct{ word, short, long string }{
		{"Putin", "Xx", "Xxxxx"},
		{"U.S.", "X.X.", "X.X."},
		{"1,000", "d,d", "d,ddd"},
		{"iPhone", "xXx", "xXxxxx"},
		{"São", "Xx", "Xxx"},
		{"€5", "*d", "*d"},
	}
	for _, tc := range cases {
		s, l := Shapes(tc.word)
		if s != tc.short || l != tc.long {
			t.Errorf("Shapes(%q) = %q, %q; want %q, %q", tc.word, s, l, tc.short, tc.long)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{"Turkey’s": "Turkey's", "“Yes”": "\"Yes\"", "18–20": "18-20", "plain": "plain"}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeadline(t *testing.T) {
	r := &Resources{}
	cases := []struct {
		name  string
		words []string
		head  bool
		title bool
	}{
		{"all caps", []string{"SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"}, true, false},
		{"title case with minor words", []string{"Turkey", "Brokers", "Water", "Deal", "as", "Iraq", "and", "Syria", "Agree"}, true, true},
		{"running text", []string{"The", "yen", "jumped", "to", "its", "strongest", "level"}, false, false},
	}
	for _, tc := range cases {
		toks := r.Prepare(tc.words, nil)
		if got := Headline(toks); got != tc.head {
			t.Errorf("%s: Headline = %v, want %v", tc.name, got, tc.head)
		}
		if tc.head {
			if got := TitleCase(toks); got != tc.title {
				t.Errorf("%s: TitleCase = %v, want %v", tc.name, got, tc.title)
			}
		}
	}
}

func TestGazetteerMatch(t *testing.T) {
	g := NewGazetteer(4)
	g.Add([]string{"New", "York"}, 2, 0)
	g.Add([]string{"Reuters"}, 1, 0)
	r := &Resources{}
	toks := r.Prepare([]string{"Reuters", "in", "New", "York"}, nil)
	check := func(name string, g *Gazetteer, ex Exclude, want [][]GazHit) {
		t.Helper()
		got := g.Match(toks, ex, nil)
		for i := range want {
			if len(got[i]) == 0 && len(want[i]) == 0 {
				continue
			}
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s: token %d: got %v, want %v", name, i, got[i], want[i])
			}
		}
	}
	want := [][]GazHit{{{1, 4, 0}}, nil, {{2, 1, 0}}, {{2, 3, 0}}}
	check("map", g, nil, want)
	// leave-one-document-out: the current document's own name disappears
	check("excluded", g, Exclude{Key([]string{"Reuters"}): 1 << 1}, [][]GazHit{nil, nil, {{2, 1, 0}}, {{2, 3, 0}}})
	g.Freeze()
	check("frozen table", g, nil, want)
}

func TestResourcesRoundTrip(t *testing.T) {
	g := NewGazetteer(6)
	g.Add([]string{"Acme", "Corp"}, 1, 0)
	res := &Resources{
		Clusters: map[string][3]uint16{"moscow": {7, 2, 1}, "london": {7, 2, 1}, "the": {3, 0, 0}},
		Common:   map[string]bool{"the": true, "said": true},
		Titles:   map[string]bool{"president": true},
		Gaz:      []*Gazetteer{g},
	}
	b := res.AppendBinary(nil)
	got, rest, err := DecodeResources(b)
	if err != nil || len(rest) != 0 {
		t.Fatalf("decode: %v, %d bytes left", err, len(rest))
	}
	if !reflect.DeepEqual(got.Clusters, res.Clusters) || !reflect.DeepEqual(got.Common, res.Common) || !reflect.DeepEqual(got.Titles, res.Titles) {
		t.Errorf("lexicons differ after round trip: %+v", got)
	}
	if _, ok := got.Gaz[0].get(Key([]string{"Acme", "Corp"})); !ok {
		t.Error("gazetteer entry lost in round trip")
	}
	for n := 0; n < len(b); n++ {
		if _, _, err := DecodeResources(b[:n]); err == nil {
			t.Fatalf("truncated to %d of %d bytes: no error", n, len(b))
		}
	}
}
