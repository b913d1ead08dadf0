package app

import (
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"

	"gloss/internal/sharelink"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file queues share links made while the server cannot be reached,
// and uploads them when it can again: on the browser's online event, on a
// timer while anything waits (a server that is down does not make the
// browser go offline), and on the next load.

// queued is a share waiting for the network, as stored in the outbox.
type queued struct {
	Kind string `json:"kind"` // "encrypted" or "public"
	Body string `json:"body"` // the POST /api/sets request
	// Key is the encryption key of an encrypted set: it stays in this
	// browser and only ends up in the link.
	Key string `json:"key,omitempty"`
}

// Messages of the queue. Tests match them.
const (
	msgQueued   = "Queued — will upload when online."
	msgUploaded = "Uploaded the link that was queued while offline."
)

// Retry delays while shares wait: the first retry comes soon, later ones
// back off to retryMax.
const (
	retryMin = 2 * time.Second
	retryMax = 30 * time.Second
)

// queueShare stores a share that could not be uploaded. It blocks.
func queueShare(q queued) error {
	d, err := openIDB()
	if err != nil {
		return err
	}
	b, _ := json.Marshal(q)
	// Keys sort in the order shares were made.
	key := strconv.FormatInt(time.Now().UnixNano(), 36)
	return d.put(storeOutbox, key, string(b))
}

// uploadQueued uploads every queued share, oldest first, and returns the
// state to show for the last one uploaded (zero when none was), and
// whether shares still wait. It blocks.
func uploadQueued(base string, keep func(id, token string)) (last shareState, waiting bool, err error) {
	d, err := openIDB()
	if err != nil {
		return last, false, err
	}
	all, err := d.all(storeOutbox)
	if err != nil {
		return last, false, err
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var q queued
		if json.Unmarshal([]byte(all[k]), &q) != nil {
			_ = d.del(storeOutbox, k) // not ours to upload
			continue
		}
		resp, err := fetchAPI("POST", "/api/sets", []byte(q.Body), "")
		if retryable(err) {
			return last, true, nil
		}
		var c created
		if err == nil {
			err = json.Unmarshal(resp, &c)
		}
		if err != nil {
			// The server refused it for good: say so once and drop it,
			// as a share made online would have failed.
			_ = d.del(storeOutbox, k)
			last = shareState{open: true, kind: q.Kind, failed: true, msg: "The queued link could not be saved: " + userError(err)}
			continue
		}
		keep(c.ID, c.DeleteToken)
		if err := d.del(storeOutbox, k); err != nil {
			return last, false, err
		}
		last = shareState{open: true, kind: q.Kind, id: c.ID, msg: msgUploaded}
		if q.Kind == "public" {
			last.url = base + sharelink.PublicPath(c.ID)
		} else {
			last.url = base + sharelink.EncryptedPath(c.ID, q.Key)
		}
	}
	return last, false, nil
}

// retryable reports whether an upload failed for now only: the server is
// down, restarting behind a proxy, or busy.
func retryable(err error) bool {
	var ae *apiError
	return errors.Is(err, errOffline) || errors.As(err, &ae) && (ae.Status >= 500 || ae.Status == 429 || ae.Status == 408)
}

// outboxState is the page's side of the queue.
type outboxState struct {
	busy    bool          // an upload round is running
	pending bool          // a retry is scheduled
	retry   time.Duration // the delay before the next retry
}

// online uploads the mounted workspace's queue; one listener serves the
// page.
var online func()

// resumeOutbox starts uploading whatever an earlier visit queued, and
// listens for the browser coming back online.
func (w *Workspace) resumeOutbox() {
	first := online == nil
	online = func() { w.ctx.Dispatch(func(ctx app.Context) { w.flushOutbox() }) }
	if first {
		app.Window().Call("addEventListener", "online", app.FuncOf(func(this app.Value, args []app.Value) any {
			online()
			return nil
		}))
	}
	w.flushOutbox()
}

// flushOutbox tries to upload the queue now; while shares wait it tries
// again after a growing delay.
func (w *Workspace) flushOutbox() {
	o := &w.state().outbox
	if o.busy {
		return
	}
	o.busy = true
	p := w.state()
	ctx := w.ctx
	base := origin()
	ctx.Async(func() {
		tokens := map[string]string{}
		last, waiting, err := uploadQueued(base, func(id, token string) { tokens[id] = token })
		ctx.Dispatch(func(ctx app.Context) {
			o.busy = false
			for id, token := range tokens {
				saveToken(ctx, id, token)
			}
			if last.open {
				p.share = last
			}
			if err != nil {
				p.status = "Queued links could not be read: " + err.Error()
				return
			}
			if !waiting {
				o.retry = 0
				return
			}
			if o.pending {
				return
			}
			o.retry = min(max(2*o.retry, retryMin), retryMax)
			o.pending = true
			ctx.After(o.retry, func(ctx app.Context) {
				o.pending = false
				w.flushOutbox()
			})
		})
	})
}
