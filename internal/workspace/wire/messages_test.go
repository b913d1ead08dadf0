package wire

import (
	"reflect"
	"strconv"
	"testing"
)

var wireRequests = []struct {
	name string
	q    EngineRequest
}{
	{"text", EngineRequest{Op: "text", Hash: "h1", Text: "Zoë said: \"12:3,\" — 4,5:\n\x00ok"}},
	{"analysed text", EngineRequest{Op: "text", Hash: "h2", Text: "x", Analysed: true}},
	{"pairs", EngineRequest{Op: "pairs", Pairs: [][2]string{{"a", "b"}, {"a:1", ""}}, Prefilter: true}},
	{"keep", EngineRequest{Op: "keep", Hashes: []string{"a", "b,c"}}},
	{"empty", EngineRequest{}},
}

var wireResponses = []struct {
	name string
	e    EngineResponse
}{
	{"ready", EngineResponse{Op: "ready"}},
	{"error", EngineResponse{Op: "ready", Error: "could not: 3, 4"}},
	{"entities", EngineResponse{Op: "entities", Hash: "h", Mentions: []Mention{{0, 5, "PER"}, {10, 12, "LOC"}}}},
	{"partial pair", EngineResponse{Op: "pair", A: "a", B: "b", Pair: &PairResult{Score: 0.8125, Relation: "same-story", Compared: true, Partial: true,
		Passages: []Passage{{1, 2, 3, 4, "exact"}, {5, 60, 7, 80, "edited"}}}}},
	{"details", EngineResponse{Op: "pair", A: "a", B: "b", Details: true, Pair: &PairResult{Score: 1, Relation: "near-duplicate", Compared: true,
		Passages:  []Passage{{0, 9, 0, 9, "exact"}},
		Sentences: []SentenceLink{{0, 9, 0, 9, 0.3333333333333333}},
		UniqueA:   []Chunk{{10, 20}}, UniqueB: []Chunk{{1, 2}, {3, 4}}}}},
	{"settled pair", EngineResponse{Op: "pair", A: "a", B: "b", Pair: &PairResult{Score: 0.01, Relation: "unrelated"}}},
}

func TestWireRoundTrip(t *testing.T) {
	for _, tt := range wireRequests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeEngineRequest(tt.q.Encode())
			if err != nil || !reflect.DeepEqual(got, tt.q) {
				t.Errorf("request round trip = %+v, %v; want %+v", got, err, tt.q)
			}
		})
	}
	for _, tt := range wireResponses {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeEngineResponse(tt.e.Encode())
			if err != nil || !reflect.DeepEqual(got, tt.e) {
				t.Errorf("response round trip = %+v, %v; want %+v", got, err, tt.e)
			}
		})
	}
}

func TestWireMalformed(t *testing.T) {
	full := wireResponses[4].e.Encode()
	for _, tt := range []struct{ name, msg string }{
		{"empty", ""},
		{"truncated", full[:len(full)-3]},
		{"trailing bytes", full + "1,"},
		{"string longer than the message", "99:op"},
		{"negative length", "-1:"},
		{"huge count", "4:pair0:0:0:0:0,999999999,"},
		{"not a number", "4:pair0:0:0:0:x,"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeEngineResponse(tt.msg); err == nil {
				t.Errorf("DecodeEngineResponse(%q) = nil error", tt.msg)
			}
			if _, err := DecodeEngineRequest(tt.msg); err == nil {
				t.Errorf("DecodeEngineRequest(%q) = nil error", tt.msg)
			}
		})
	}
}

func FuzzDecodeEngineResponse(f *testing.F) {
	for _, tt := range wireResponses {
		f.Add(tt.e.Encode())
	}
	f.Fuzz(func(t *testing.T, msg string) {
		e, err := DecodeEngineResponse(msg)
		if err != nil {
			return
		}
		again, err := DecodeEngineResponse(e.Encode())
		if err != nil || !reflect.DeepEqual(again, e) {
			t.Errorf("decoded %q to %+v, which does not round-trip: %+v, %v", msg, e, again, err)
		}
	})
}

func FuzzDecodeEngineRequest(f *testing.F) {
	for _, tt := range wireRequests {
		f.Add(tt.q.Encode())
	}
	f.Fuzz(func(t *testing.T, msg string) {
		q, err := DecodeEngineRequest(msg)
		if err != nil {
			return
		}
		again, err := DecodeEngineRequest(q.Encode())
		if err != nil || !reflect.DeepEqual(again, q) {
			t.Errorf("decoded %q to %+v, which does not round-trip: %+v, %v", msg, q, again, err)
		}
	})
}

func TestBatch(t *testing.T) {
	var msgs []string
	var want []EngineResponse
	for _, tt := range wireResponses {
		msgs = append(msgs, tt.e.Encode())
		want = append(want, tt.e)
	}
	got, err := DecodeBatch(EncodeBatch(msgs))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("batch round trip = %+v, %v; want %+v", got, err, want)
	}
	if got, err := DecodeBatch(EncodeBatch(nil)); err != nil || len(got) != 0 {
		t.Errorf("empty batch = %v, %v", got, err)
	}
	for _, bad := range []string{"5:x", "3:abc", EncodeBatch(msgs)[:20]} {
		if _, err := DecodeBatch(bad); err == nil {
			t.Errorf("DecodeBatch(%q) = nil error", bad)
		}
	}
}

// TestWireFromJavaScript decodes the message web/engine.js builds by hand
// when the engine cannot be loaded.
func TestWireFromJavaScript(t *testing.T) {
	const msg = "the analysis engine could not be loaded: TypeError"
	js := "5:ready" + strconv.Itoa(len(msg)) + ":" + msg + "0:0:0:0,0,0,"
	got, err := DecodeBatch(EncodeBatch([]string{js}))
	if err != nil || len(got) != 1 || got[0].Op != "ready" || got[0].Error != msg {
		t.Errorf("decoded %+v, %v; want a ready response with the error", got, err)
	}
}
