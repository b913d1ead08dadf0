package nerdata

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	in := `-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
Smith NNP I-NP B-PER

-DOCSTART- -X- O O

BRUSSELS NNP I-NP I-LOC
`
	docs, err := Read(strings.NewReader(in), CoNLL)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	cases := []struct {
		name string
		got  []string
		want []string
	}{
		{"IOB1 starts", docs[0].Sentences[0].Tags, []string{"B-ORG", "O", "B-MISC", "O"}},
		{"IOB1 B- between same type", docs[0].Sentences[1].Tags, []string{"B-PER", "I-PER", "B-PER"}},
		{"second document", docs[1].Sentences[0].Tags, []string{"B-LOC"}},
	}
	for _, tc := range cases {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestReadUNERAndMap(t *testing.T) {
	in := "# newdoc id = n01\n# sent_id = 1\n1\tObama\tB-PER\t-\t-\n2\tvisited\tO\t-\t-\n3\tNew\tB-LOC\t-\t-\n4\tYork\tI-LOC\t-\t-\n5\tthing\tB-OTH\t-\t-\n\n# newdoc id = n02\n1\tIBM\tB-ORG\t-\t-\n"
	docs, err := Read(strings.NewReader(in), UNER)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "n01" || docs[1].ID != "n02" {
		t.Fatalf("documents: got %+v", docs)
	}
	got := Spans(docs[0].Sentences[0].Tags)
	want := []Span{{0, 1, "PER"}, {2, 4, "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans: got %v, want %v (OTH must be dropped)", got, want)
	}
}

func TestGMBMapAndPseudoDocs(t *testing.T) {
	var sb strings.Builder
	for i := 0; i < 45; i++ {
		sb.WriteString("Iraqi JJ B-gpe\nofficials NNS O\nin IN O\nBaghdad NNP B-geo\non IN O\nMonday NNP B-tim\n\n")
	}
	docs, err := Read(strings.NewReader(sb.String()), GMB)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Errorf("got %d pseudo-documents, want 3 (20 sentences each)", len(docs))
	}
	got := Spans(docs[0].Sentences[0].Tags)
	want := []Span{{0, 1, "LOC"}, {3, 4, "LOC"}, {5, 6, "DATE"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans: got %v, want %v", got, want)
	}
}

func TestReadBadColumns(t *testing.T) {
	if _, err := Read(strings.NewReader("1\tonly\n"), UNER); err == nil {
		t.Error("want an error for a line without a tag column")
	}
}

func TestScorer(t *testing.T) {
	s := NewScorer("PER", "LOC")
	gold := []Span{{0, 2, "PER"}, {3, 4, "LOC"}, {5, 6, "LOC"}}
	pred := []Span{{0, 2, "PER"}, {3, 4, "PER"}, {5, 6, "LOC"}, {7, 8, "MISC"}}
	s.Add(gold, pred)
	cases := []struct {
		name string
		got  Counts
		want Counts
	}{
		{"overall", s.Overall, Counts{TP: 2, FP: 1, FN: 1}},
		{"PER", *s.ByLabel["PER"], Counts{TP: 1, FP: 1}},
		{"LOC", *s.ByLabel["LOC"], Counts{TP: 1, FN: 1}},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
	if f := s.Overall.F1(); f < 0.666 || f > 0.667 {
		t.Errorf("F1: got %.4f, want 0.6667", f)
	}
}

func FuzzRead(f *testing.F) {
	f.Add("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n", 0)
	f.Add("# newdoc id = n01\n1\tObama\tB-PER\t-\t-\n", 1)
	f.Add("Iraqi JJ B-gpe\n\n", 2)
	f.Add("x\n\n\ny I-\n-", 0)
	formats := []Format{CoNLL, UNER, GMB, WikiGold}
	f.Fuzz(func(t *testing.T, in string, which int) {
		if which < 0 {
			which = -which
		}
		docs, err := Read(strings.NewReader(in), formats[which%len(formats)])
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				if len(s.Words) != len(s.Tags) {
					t.Fatalf("%d words but %d tags", len(s.Words), len(s.Tags))
				}
				prev := 0
				for _, sp := range Spans(s.Tags) {
					if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s.Words) {
						t.Fatalf("bad span %v", sp)
					}
					prev = sp.End
				}
			}
		}
	})
}
