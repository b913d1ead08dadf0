package engine_test

import (
	"strings"
	"testing"

	"gloss/internal/workspace"
	"gloss/internal/workspace/engine"
)

func push(t *testing.T, q *engine.Queue, r engine.Request) {
	t.Helper()
	if err := q.Push(r.Encode()); err != nil {
		t.Fatal(err)
	}
}

// drain steps q until it is idle and returns what it said, one line per
// response: op, then the hashes, then "partial" for pairs still partial.
func drain(t *testing.T, q *engine.Queue) []string {
	t.Helper()
	var out []string
	for {
		msg, ok := q.Step()
		if !ok {
			return out
		}
		r, err := workspace.DecodeEngineResponse(msg)
		if err != nil {
			t.Fatalf("response %s: %v", msg, err)
		}
		line := strings.TrimSpace(strings.Join([]string{r.Op, r.Hash, r.A, r.B}, " "))
		if r.Pair != nil && r.Pair.Partial {
			line += " partial"
		}
		if r.Error != "" {
			line += " error"
		}
		out = append(out, strings.Join(strings.Fields(line), " "))
	}
}

func TestQueue(t *testing.T) {
	for _, tt := range []struct {
		name string
		reqs []engine.Request
		want []string
	}{
		{"entities, then matrix, then details", []engine.Request{
			{Op: "text", Hash: "a", Text: storyA},
			{Op: "text", Hash: "b", Text: storyB},
			{Op: "pairs", Pairs: [][2]string{{"a", "b"}}},
			{Op: "text", Hash: "c", Text: "A chess club in Tartu elected Mari Tamm as its chair."},
			{Op: "pairs", Pairs: [][2]string{{"a", "c"}, {"b", "c"}}},
		}, []string{"entities a", "entities b", "entities c", "pair a b partial", "pair a c", "pair b c", "pair a b", "idle"}},
		{"prefilter settles unrelated pairs", []engine.Request{
			{Op: "text", Hash: "a", Text: storyA},
			{Op: "text", Hash: "c", Text: "A chess club in Tartu elected Mari Tamm as its chair."},
			{Op: "pairs", Pairs: [][2]string{{"a", "c"}}, Prefilter: true},
		}, []string{"entities a", "entities c", "pair a c", "idle"}},
		{"keep drops the work of removed texts", []engine.Request{
			{Op: "text", Hash: "a", Text: storyA},
			{Op: "text", Hash: "b", Text: storyB},
			{Op: "pairs", Pairs: [][2]string{{"a", "b"}}},
			{Op: "keep", Hashes: []string{"a"}},
		}, []string{"entities a", "idle"}},
		{"a pair of unknown texts is an error, not a crash", []engine.Request{
			{Op: "pairs", Pairs: [][2]string{{"x", "y"}}},
		}, []string{"pair x y error", "idle"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := engine.NewQueue(engine.New())
			for _, r := range tt.reqs {
				push(t, q, r)
			}
			got := drain(t, q)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("responses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if got := drain(t, q); len(got) != 0 {
				t.Errorf("after idle: %q, want nothing", got)
			}
		})
	}
}

func TestQueueBadRequest(t *testing.T) {
	q := engine.NewQueue(engine.New())
	for _, msg := range []string{`{`, (engine.Request{Op: "nope"}).Encode(), `4:text`} {
		if err := q.Push(msg); err == nil {
			t.Errorf("Push(%s) = nil, want an error", msg)
		}
	}
	if got := drain(t, q); len(got) != 0 {
		t.Errorf("responses to bad requests: %q, want none", got)
	}
}
