package engine_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"gloss/internal/compare"
	"gloss/internal/docio"
	"gloss/internal/entity"
	"gloss/internal/workspace"
	"gloss/internal/workspace/engine"
	"gloss/internal/workspace/newsgen"
)

// viaCompare is the comparison as compare.Run reports it for the two texts,
// converted to byte offsets: what the engine must give.
func viaCompare(t *testing.T, a, b string) workspace.PairResult {
	t.Helper()
	rep, err := compare.Run([]docio.Doc{{ID: json.RawMessage(`"a"`), Text: a}, {ID: json.RawMessage(`"b"`), Text: b}})
	if err != nil {
		t.Fatal(err)
	}
	p := rep.Pairs[0]
	if string(p.A) != `"a"` {
		t.Fatalf("compare.Run ordered the pair %s %s", p.A, p.B)
	}
	ra, rb := docio.NewRunes(a), docio.NewRunes(b)
	out := workspace.PairResult{Score: p.Score, Relation: p.Relation, Compared: true}
	for _, x := range p.Passages {
		out.Passages = append(out.Passages, workspace.Passage{AStart: ra.Byte(x.AStart), AEnd: ra.Byte(x.AEnd), BStart: rb.Byte(x.BStart), BEnd: rb.Byte(x.BEnd), Kind: x.Kind})
	}
	for _, s := range p.Sentences {
		if s.Score >= compare.MinSentenceScore {
			out.Sentences = append(out.Sentences, workspace.SentenceLink{AStart: ra.Byte(s.AStart), AEnd: ra.Byte(s.AEnd), BStart: rb.Byte(s.BStart), BEnd: rb.Byte(s.BEnd), Score: s.Score})
		}
	}
	for _, u := range rep.Unique["a"] {
		out.UniqueA = append(out.UniqueA, workspace.Chunk{Start: ra.Byte(u.Start), End: ra.Byte(u.End)})
	}
	for _, u := range rep.Unique["b"] {
		out.UniqueB = append(out.UniqueB, workspace.Chunk{Start: rb.Byte(u.Start), End: rb.Byte(u.End)})
	}
	return out
}

func TestScoresThenDetails(t *testing.T) {
	texts := newsgen.Stories(6, 3, 300) // two stories, three versions each
	texts = append(texts, storyA, storyB, "Ünïcödé: Zoë Müller met Łukasz in Gdańsk. \"Ça va,\" Zoë said. "+storyA)
	e := engine.New()
	for i, x := range texts {
		e.Add(string(rune('a'+i)), x)
	}
	related := 0
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			ha, hb := string(rune('a'+i)), string(rune('a'+j))
			want := viaCompare(t, texts[i], texts[j])
			got := e.Details(ha, hb)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pair %d %d: Details = %+v\nwant (compare.Run) %+v", i, j, got, want)
			}
			s := e.Scores(ha, hb)
			if s.Score != want.Score || s.Relation != want.Relation || !reflect.DeepEqual(s.Passages, want.Passages) {
				t.Errorf("pair %d %d: Scores = %v %s %v, want %v %s %v", i, j, s.Score, s.Relation, s.Passages, want.Score, want.Relation, want.Passages)
			}
			if s.Partial != (want.Relation != workspace.Unrelated) {
				t.Errorf("pair %d %d (%s): Partial = %v", i, j, want.Relation, s.Partial)
			}
			if want.Relation != workspace.Unrelated {
				related++
			}
		}
	}
	if related < 6 {
		t.Errorf("%d related pairs, want the versions of each story related", related)
	}
}

func TestEntities(t *testing.T) {
	text := newsgen.Stories(1, 1, 700)[0]
	want, err := entity.Recognize(text)
	if err != nil {
		t.Fatal(err)
	}
	e := engine.New()
	e.Add("h", text)
	got, err := e.Entities("h")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) < 20 {
		t.Fatalf("%d mentions, want %d (entity.Recognize of the whole text), at least 20", len(got), len(want))
	}
	for i, m := range got {
		if w := want[i]; m.Start != w.Start || m.End != w.End || m.Label != w.Label {
			t.Errorf("mention %d = %+v, want %+v", i, m, w)
		}
	}
}

func TestPrefiltered(t *testing.T) {
	e := engine.New()
	e.Add("a", storyA)
	e.Add("b", storyB)
	e.Add("c", "Completely different: a chess club in Tartu elected a new chair on a rainy evening.")
	if _, unrelated := e.Prefiltered("a", "b"); unrelated {
		t.Error("two versions of one story settled as unrelated")
	}
	r, unrelated := e.Prefiltered("a", "c")
	if !unrelated || r.Relation != workspace.Unrelated || r.Compared {
		t.Errorf("Prefiltered(a, c) = %+v %v, want settled as unrelated", r, unrelated)
	}
	e.Forget("c")
	if e.Known("c") {
		t.Error("Known after Forget")
	}
}

func TestMinSentenceScore(t *testing.T) {
	if engine.MinSentenceScore != compare.MinSentenceScore {
		t.Errorf("engine.MinSentenceScore = %v, want compare.MinSentenceScore %v", engine.MinSentenceScore, compare.MinSentenceScore)
	}
}
