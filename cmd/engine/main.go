//go:build js && wasm

// Command engine is the annotator's analysis as a Web Worker: web/engine.js
// loads it (web/engine.wasm, built by `make build`) and relays the page's
// messages. It recognises entities and compares articles
// (internal/workspace/engine) on its own thread, so the page's thread only
// renders, and the engine's code and model are not part of app.wasm.
//
// Messages are strings both ways: batches (wire.EncodeBatch) of
// encoded engine.Request in and of engine.Response out.
// The worker script queues what arrives before this program is running and
// hands it over through glossEngine.receive.
package main

import (
	"sync"
	"syscall/js"
	"time"

	"gloss/internal/workspace/engine"
	"gloss/internal/workspace/wire"
)

func main() {
	var (
		mu    sync.Mutex
		inbox []string
		wake  = make(chan struct{}, 1)
	)
	receive := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return nil
		}
		mu.Lock()
		inbox = append(inbox, args[0].String())
		mu.Unlock()
		select {
		case wake <- struct{}{}:
		default:
		}
		return nil
	})
	post := func(msg string) { js.Global().Call("postMessage", msg) }

	e := engine.New()
	ready := engine.Response{Op: "ready"}
	if err := e.Warm(); err != nil {
		ready.Error = err.Error()
	}
	y := newYielder()
	q := engine.NewQueue(e)
	js.Global().Get("glossEngine").Call("start", receive)
	post(wire.EncodeBatch([]string{ready.Encode()}))
	// Responses go out in batches of what was done within batchFor, and
	// whenever the queue runs dry.
	const batchFor = 8 * time.Millisecond
	var out []string
	var since time.Time
	flush := func() {
		if len(out) > 0 {
			post(wire.EncodeBatch(out))
			out = out[:0]
		}
	}
	for {
		mu.Lock()
		msgs := inbox
		inbox = nil
		mu.Unlock()
		for _, batch := range msgs {
			reqs, err := wire.SplitBatch(batch)
			for _, m := range reqs {
				if err == nil {
					err = q.Push(m)
				}
			}
			if err != nil {
				out = append(out, engine.Response{Op: "error", Error: err.Error()}.Encode())
			}
		}
		msg, ok := q.Step()
		if !ok {
			flush()
			<-wake
			continue
		}
		if len(out) == 0 {
			since = time.Now()
		}
		out = append(out, msg)
		if time.Since(since) >= batchFor {
			flush()
		}
		// Give the worker's event loop a turn, so requests sent meanwhile
		// (a removed article, new text) are taken in before the next step.
		y.yield()
	}
}

// yielder returns to the event loop through a MessageChannel: unlike a
// timer, it is not clamped to 4 ms when used in a loop.
type yielder struct {
	port js.Value
	done chan struct{}
}

func newYielder() *yielder {
	y := &yielder{done: make(chan struct{}, 1)}
	ch := js.Global().Get("MessageChannel").New()
	ch.Get("port1").Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		y.done <- struct{}{}
		return nil
	}))
	y.port = ch.Get("port2")
	return y
}

func (y *yielder) yield() {
	y.port.Call("postMessage", nil)
	<-y.done
}
