package wire

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// EngineRequest is a message from the page to the engine (Encode).
//
//   - "text": remember Text under Hash and find its entities (with
//     Analysed, only remember it: its entities are known);
//   - "pairs": compare each pair of hashes (their texts sent before), first
//     Scores for all, then Details for the related ones; with Prefilter,
//     pairs unrelated by word trigrams are settled without comparing them;
//   - "keep": forget every text not in Hashes and drop its queued work.
type EngineRequest struct {
	Op        string
	Hash      string
	Text      string
	Analysed  bool
	Pairs     [][2]string
	Prefilter bool
	Hashes    []string
}

// EngineResponse is a message from the engine to the page (Encode).
//
//   - "ready": the engine is loaded (Error says why not);
//   - "entities": the mentions of the text Hash;
//   - "pair": the comparison of A and B, oriented A then B; Pair.Partial
//     until its details follow in a second "pair" message with Details;
//   - "idle": every request so far is answered.
type EngineResponse struct {
	Op       string
	Error    string
	Hash     string
	Mentions []Mention
	A        string
	B        string
	Pair     *PairResult
	Details  bool
}

// The messages cross between the page and the worker as strings in a
// compact form of their own rather than JSON: encoding/json works by
// reflection, which in wasm made decoding a batch of results the largest
// cost on the page's thread. Numbers are decimal and end with ',';
// strings are their byte length, ':', then the bytes, so texts need no
// escaping.

type wireWriter struct{ b []byte }

func (w *wireWriter) int(n int) {
	w.b = strconv.AppendInt(w.b, int64(n), 10)
	w.b = append(w.b, ',')
}

func (w *wireWriter) float(f float64) {
	w.b = strconv.AppendFloat(w.b, f, 'g', -1, 64)
	w.b = append(w.b, ',')
}

func (w *wireWriter) bool(v bool) {
	if v {
		w.int(1)
	} else {
		w.int(0)
	}
}

func (w *wireWriter) str(s string) {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
}

type wireReader struct {
	s   string
	err error
}

var errWire = errors.New("malformed engine message")

func (r *wireReader) upTo(end byte) string {
	if r.err != nil {
		return ""
	}
	i := strings.IndexByte(r.s, end)
	if i < 0 {
		r.err = errWire
		return ""
	}
	v := r.s[:i]
	r.s = r.s[i+1:]
	return v
}

func (r *wireReader) int() int {
	v := r.upTo(',')
	if r.err != nil {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.err = errWire
	}
	return n
}

// count reads a number of items that each take at least min bytes, so that
// a corrupt count cannot make the reader allocate without bound.
func (r *wireReader) count(min int) int {
	n := r.int()
	if n < 0 || n > len(r.s)/min {
		r.err = errWire
		return 0
	}
	return n
}

func (r *wireReader) float() float64 {
	v := r.upTo(',')
	if r.err != nil {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.err = errWire
	}
	return f
}

func (r *wireReader) bool() bool { return r.int() != 0 }

func (r *wireReader) str() string {
	n, err := strconv.Atoi(r.upTo(':'))
	if r.err != nil {
		return ""
	}
	if err != nil || n < 0 || n > len(r.s) {
		r.err = errWire
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

// Encode returns q in the worker's message form.
func (q EngineRequest) Encode() string {
	w := wireWriter{b: make([]byte, 0, 64+len(q.Text))}
	w.str(q.Op)
	w.str(q.Hash)
	w.str(q.Text)
	w.bool(q.Analysed)
	w.int(len(q.Pairs))
	for _, p := range q.Pairs {
		w.str(p[0])
		w.str(p[1])
	}
	w.bool(q.Prefilter)
	w.int(len(q.Hashes))
	for _, h := range q.Hashes {
		w.str(h)
	}
	return string(w.b)
}

// DecodeEngineRequest reads a request made by Encode.
func DecodeEngineRequest(msg string) (EngineRequest, error) {
	r := wireReader{s: msg}
	var q EngineRequest
	q.Op = r.str()
	q.Hash = r.str()
	q.Text = r.str()
	q.Analysed = r.bool()
	if n := r.count(4); n > 0 {
		q.Pairs = make([][2]string, n)
		for i := range q.Pairs {
			q.Pairs[i] = [2]string{r.str(), r.str()}
		}
	}
	q.Prefilter = r.bool()
	if n := r.count(2); n > 0 {
		q.Hashes = make([]string, n)
		for i := range q.Hashes {
			q.Hashes[i] = r.str()
		}
	}
	if r.err == nil && r.s != "" {
		r.err = errWire
	}
	return q, r.err
}

// Encode returns e in the worker's message form.
func (e EngineResponse) Encode() string {
	w := wireWriter{b: make([]byte, 0, 64+20*len(e.Mentions))}
	w.str(e.Op)
	w.str(e.Error)
	w.str(e.Hash)
	w.str(e.A)
	w.str(e.B)
	w.bool(e.Details)
	w.int(len(e.Mentions))
	for _, m := range e.Mentions {
		w.int(m.Start)
		w.int(m.End)
		w.str(m.Label)
	}
	w.bool(e.Pair != nil)
	if p := e.Pair; p != nil {
		w.float(p.Score)
		w.str(p.Relation)
		w.bool(p.Compared)
		w.bool(p.Partial)
		w.int(len(p.Passages))
		for _, x := range p.Passages {
			w.int(x.AStart)
			w.int(x.AEnd)
			w.int(x.BStart)
			w.int(x.BEnd)
			w.str(x.Kind)
		}
		w.int(len(p.Sentences))
		for _, x := range p.Sentences {
			w.int(x.AStart)
			w.int(x.AEnd)
			w.int(x.BStart)
			w.int(x.BEnd)
			w.float(x.Score)
		}
		for _, u := range [][]Chunk{p.UniqueA, p.UniqueB} {
			w.int(len(u))
			for _, c := range u {
				w.int(c.Start)
				w.int(c.End)
			}
		}
	}
	return string(w.b)
}

// DecodeEngineResponse reads a response made by Encode.
func DecodeEngineResponse(msg string) (EngineResponse, error) {
	r := wireReader{s: msg}
	var e EngineResponse
	e.Op = r.str()
	e.Error = r.str()
	e.Hash = r.str()
	e.A = r.str()
	e.B = r.str()
	e.Details = r.bool()
	if n := r.count(6); n > 0 {
		e.Mentions = make([]Mention, n)
		for i := range e.Mentions {
			e.Mentions[i] = Mention{Start: r.int(), End: r.int(), Label: r.str()}
		}
	}
	if r.bool() {
		p := &PairResult{}
		p.Score = r.float()
		p.Relation = r.str()
		p.Compared = r.bool()
		p.Partial = r.bool()
		if n := r.count(10); n > 0 {
			p.Passages = make([]Passage, n)
			for i := range p.Passages {
				p.Passages[i] = Passage{AStart: r.int(), AEnd: r.int(), BStart: r.int(), BEnd: r.int(), Kind: r.str()}
			}
		}
		if n := r.count(10); n > 0 {
			p.Sentences = make([]SentenceLink, n)
			for i := range p.Sentences {
				p.Sentences[i] = SentenceLink{AStart: r.int(), AEnd: r.int(), BStart: r.int(), BEnd: r.int(), Score: r.float()}
			}
		}
		for _, u := range []*[]Chunk{&p.UniqueA, &p.UniqueB} {
			if n := r.count(4); n > 0 {
				*u = make([]Chunk, n)
				for i := range *u {
					(*u)[i] = Chunk{Start: r.int(), End: r.int()}
				}
			}
		}
		e.Pair = p
	}
	if r.err == nil && r.s != "" {
		r.err = errWire
	}
	if r.err != nil {
		return EngineResponse{}, r.err
	}
	return e, nil
}

// EncodeBatch joins encoded responses into one message: the worker posts
// what it produced within a few milliseconds together, which spares the
// page a call into Go per pair when hundreds are settled at once.
func EncodeBatch(msgs []string) string {
	n := 0
	for _, m := range msgs {
		n += len(m) + 8
	}
	w := wireWriter{b: make([]byte, 0, n)}
	for _, m := range msgs {
		w.str(m)
	}
	return string(w.b)
}

// DecodeBatch splits a message made by EncodeBatch into its responses.
func DecodeBatch(msg string) ([]EngineResponse, error) {
	msgs, err := SplitBatch(msg)
	if err != nil {
		return nil, err
	}
	out := make([]EngineResponse, 0, len(msgs))
	for _, m := range msgs {
		e, err := DecodeEngineResponse(m)
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
	return out, nil
}

// SplitBatch splits a message made by EncodeBatch into the messages it
// joins (the page sends its requests for one change together).
func SplitBatch(msg string) ([]string, error) {
	r := wireReader{s: msg}
	var out []string
	for r.s != "" && r.err == nil {
		if s := r.str(); r.err == nil {
			out = append(out, s)
		}
	}
	return out, r.err
}
