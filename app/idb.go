package app

import (
	"errors"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file is a small promisified IndexedDB: go-app has no wrapper, and
// localStorage holds only a few megabytes and blocks the page on every
// write. Every call blocks until IndexedDB answers, so it must run off
// the UI goroutine (ctx.Async): the answer arrives through JavaScript
// callbacks, which can only run while the calling goroutine waits.

// The database and its object stores. Values are strings keyed by
// strings.
const (
	idbName     = "gloss"
	idbVersion  = 1
	storeKV     = "kv"     // the draft and the paste area
	storeOutbox = "outbox" // shares waiting for the network, by queue id
	storeSets   = "sets"   // share links opened once, by set id
)

var idbStores = []string{storeKV, storeOutbox, storeSets}

// errNoIDB is returned where the browser offers no IndexedDB (some private
// modes, or a page not in a browser).
var errNoIDB = errors.New("this browser does not allow storing data (IndexedDB is unavailable; private browsing?)")

// idb is an open database connection.
type idb struct{ db app.Value }

var (
	idbMu   sync.Mutex
	idbConn *idb
)

// openIDB returns the page's connection, opening (and if need be creating)
// the database on first use. It blocks.
func openIDB() (*idb, error) {
	idbMu.Lock()
	defer idbMu.Unlock()
	if idbConn != nil {
		return idbConn, nil
	}
	factory := app.Window().Get("indexedDB")
	if !factory.Truthy() {
		return nil, errNoIDB
	}
	type result struct {
		db  app.Value
		err error
	}
	done := make(chan result, 1)
	var req app.Value
	var onUpgrade, onSuccess, onError, onBlocked app.Func
	onUpgrade = app.FuncOf(func(this app.Value, args []app.Value) any {
		db := req.Get("result")
		names := db.Get("objectStoreNames")
		for _, s := range idbStores {
			if !names.Call("contains", s).Bool() {
				db.Call("createObjectStore", s)
			}
		}
		return nil
	})
	onSuccess = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{db: req.Get("result")}
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{err: domError(req.Get("error"), "the browser's storage could not be opened")}
		return nil
	})
	onBlocked = app.FuncOf(func(this app.Value, args []app.Value) any {
		// Another tab holds an older version open; it is asked to close
		// (see onversionchange below) and success follows.
		return nil
	})
	if err := jsTry(func() { req = factory.Call("open", idbName, idbVersion) }); err != nil {
		onUpgrade.Release()
		onSuccess.Release()
		onError.Release()
		onBlocked.Release()
		return nil, err
	}
	req.Set("onupgradeneeded", onUpgrade)
	req.Set("onsuccess", onSuccess)
	req.Set("onerror", onError)
	req.Set("onblocked", onBlocked)
	r := <-done
	onUpgrade.Release()
	onSuccess.Release()
	onError.Release()
	onBlocked.Release()
	if r.err != nil {
		return nil, r.err
	}
	// A newer version of Gloss in another tab may upgrade the database:
	// let it, and open again on next use.
	var onVersion app.Func
	onVersion = app.FuncOf(func(this app.Value, args []app.Value) any {
		r.db.Call("close")
		idbMu.Lock()
		idbConn = nil
		idbMu.Unlock()
		onVersion.Release()
		return nil
	})
	r.db.Set("onversionchange", onVersion)
	idbConn = &idb{db: r.db}
	return idbConn, nil
}

// jsTry runs f, turning a JavaScript exception into an error.
func jsTry(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = errors.New(storageMessage(e.Error()))
				return
			}
			err = errors.New("the browser's storage refused the operation")
		}
	}()
	f()
	return nil
}

// domError words a DOMException from IndexedDB; fallback when there is
// none.
func domError(e app.Value, fallback string) error {
	if !e.Truthy() {
		return errors.New(fallback)
	}
	name := e.Get("name").String()
	if name == "QuotaExceededError" {
		return errQuota
	}
	return errors.New(storageMessage(name + ": " + e.Get("message").String()))
}

// errQuota is the browser refusing to store more.
var errQuota = errors.New("the browser's storage for this site is full (free space, or remove old articles)")

// storageMessage turns the text of a storage exception into what a person
// should read.
func storageMessage(s string) string {
	if strings.Contains(strings.ToLower(s), "quota") {
		return errQuota.Error()
	}
	return "the browser's storage refused it (" + s + ")"
}

// tx runs one transaction on store: fill issues the requests (it must not
// block), and the result of the last request it returns is handed back
// once the transaction has committed. Quota and other failures end the
// transaction and come back as errors.
func (d *idb) tx(store, mode string, fill func(s app.Value) app.Value) (app.Value, error) {
	var t, last app.Value
	if err := jsTry(func() {
		t = d.db.Call("transaction", store, mode)
		last = fill(t.Call("objectStore", store))
	}); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	var onComplete, onFail app.Func
	onComplete = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- nil
		return nil
	})
	onFail = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- domError(t.Get("error"), "the browser's storage gave up on the operation")
		return nil
	})
	t.Set("oncomplete", onComplete)
	t.Set("onerror", onFail)
	t.Set("onabort", onFail)
	err := <-done
	t.Set("oncomplete", nil)
	t.Set("onerror", nil)
	t.Set("onabort", nil)
	onComplete.Release()
	onFail.Release()
	if err != nil {
		return nil, err
	}
	if last == nil {
		return nil, nil
	}
	return last.Get("result"), nil
}

// get returns the string stored under key, and whether there is one.
func (d *idb) get(store, key string) (string, bool, error) {
	v, err := d.tx(store, "readonly", func(s app.Value) app.Value { return s.Call("get", key) })
	if err != nil {
		return "", false, err
	}
	if v == nil || v.IsUndefined() || v.IsNull() {
		return "", false, nil
	}
	return v.String(), true, nil
}

// put stores val under key, committed when it returns.
func (d *idb) put(store, key, val string) error {
	_, err := d.tx(store, "readwrite", func(s app.Value) app.Value { return s.Call("put", val, key) })
	return err
}

// putAll stores every key → value pair in one transaction.
func (d *idb) putAll(store string, kv map[string]string) error {
	_, err := d.tx(store, "readwrite", func(s app.Value) app.Value {
		var last app.Value
		for k, v := range kv {
			last = s.Call("put", v, k)
		}
		return last
	})
	return err
}

// del removes key.
func (d *idb) del(store, key string) error {
	_, err := d.tx(store, "readwrite", func(s app.Value) app.Value { return s.Call("delete", key) })
	return err
}

// all returns every key → value of store.
func (d *idb) all(store string) (map[string]string, error) {
	var keys, vals app.Value
	_, err := d.tx(store, "readonly", func(s app.Value) app.Value {
		keys = s.Call("getAllKeys")
		vals = s.Call("getAll")
		return nil
	})
	if err != nil {
		return nil, err
	}
	ks, vs := keys.Get("result"), vals.Get("result")
	out := make(map[string]string, ks.Length())
	for i := 0; i < ks.Length() && i < vs.Length(); i++ {
		out[ks.Index(i).String()] = vs.Index(i).String()
	}
	return out, nil
}

// putNow issues a write without waiting for it: for pagehide, where the
// page may be gone before any callback could run.
func (d *idb) putNow(store string, kv map[string]string) {
	_ = jsTry(func() {
		t := d.db.Call("transaction", store, "readwrite")
		s := t.Call("objectStore", store)
		for k, v := range kv {
			s.Call("put", v, k)
		}
		if c := t.Get("commit"); c.Truthy() {
			t.Call("commit")
		}
	})
}
