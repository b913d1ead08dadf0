package engine

import (
	"fmt"

	"gloss/internal/workspace/wire"
)

// Request and Response are the messages of the engine worker; they live in
// package wire so that the page can speak them without importing the
// engine. They travel encoded (Encode, wire.DecodeEngineRequest).
type (
	Request  = wire.EngineRequest
	Response = wire.EngineResponse
)

// Queue orders the engine's work: every text's entities first (the
// highlights a person reads), then the scores of every pair (the matrix),
// then the details of related pairs. Each Step is one text or one pair, so
// a host that yields between steps takes in new requests promptly.
type Queue struct {
	e        *Engine
	entities []string
	scores   []job
	details  []job
	idle     bool // "idle" was sent since the last work
}

type job struct {
	a, b      string
	prefilter bool
}

// NewQueue returns an empty queue working with e.
func NewQueue(e *Engine) *Queue { return &Queue{e: e, idle: true} }

// Push takes in one encoded Request (Request.Encode).
func (q *Queue) Push(msg string) error {
	r, err := wire.DecodeEngineRequest(msg)
	if err != nil {
		return fmt.Errorf("engine: bad request: %w", err)
	}
	switch r.Op {
	case "text":
		q.e.Add(r.Hash, r.Text)
		if !r.Analysed {
			q.entities = append(q.entities, r.Hash)
		}
	case "pairs":
		for _, p := range r.Pairs {
			q.scores = append(q.scores, job{p[0], p[1], r.Prefilter})
		}
	case "keep":
		keep := map[string]bool{}
		for _, h := range r.Hashes {
			keep[h] = true
		}
		for h := range q.e.texts {
			if !keep[h] {
				q.e.Forget(h)
			}
		}
		q.entities = filter(q.entities, func(h string) bool { return keep[h] })
		live := func(j job) bool { return keep[j.a] && keep[j.b] }
		q.scores = filter(q.scores, live)
		q.details = filter(q.details, live)
		return nil
	default:
		return fmt.Errorf("engine: unknown request %q", r.Op)
	}
	q.idle = false
	return nil
}

func filter[T any](xs []T, keep func(T) bool) []T {
	out := xs[:0]
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// Step does the next piece of work and returns its encoded Response;
// ok is false when there is nothing left to do and "idle" was sent.
func (q *Queue) Step() (msg string, ok bool) {
	var r Response
	switch {
	case len(q.entities) > 0:
		h := q.entities[0]
		q.entities = q.entities[1:]
		r = Response{Op: "entities", Hash: h}
		ms, err := q.e.Entities(h)
		if err != nil {
			r.Error = err.Error()
		}
		r.Mentions = ms
	case len(q.scores) > 0:
		j := q.scores[0]
		q.scores = q.scores[1:]
		r = q.pair(j, false)
	case len(q.details) > 0:
		j := q.details[0]
		q.details = q.details[1:]
		r = q.pair(j, true)
	case !q.idle:
		q.idle = true
		r = Response{Op: "idle"}
	default:
		return "", false
	}
	return r.Encode(), true
}

func (q *Queue) pair(j job, details bool) Response {
	r := Response{Op: "pair", A: j.a, B: j.b, Details: details}
	if !q.e.Known(j.a) || !q.e.Known(j.b) {
		r.Error = "text not sent"
		return r
	}
	var res wire.PairResult
	switch {
	case details:
		res = q.e.Details(j.a, j.b)
	case j.prefilter:
		var settled bool
		if res, settled = q.e.Prefiltered(j.a, j.b); settled {
			break
		}
		fallthrough
	default:
		res = q.e.Scores(j.a, j.b)
		if res.Partial {
			q.details = append(q.details, j)
		}
	}
	r.Pair = &res
	return r
}
