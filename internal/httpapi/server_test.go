//go:build !wasm

package httpapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"gloss/internal/annot"
	"gloss/internal/httpapi"
	"gloss/internal/pgtest"
	"gloss/internal/sharelink"
	"gloss/internal/sqlstore"
)

func TestMain(m *testing.M) {
	if os.Getenv(crashServerEnv) != "" {
		os.Exit(runCrashServer())
	}
	os.Exit(pgtest.Main(m))
}

// backends are the stores every end-to-end test runs on.
var backends = []struct {
	name string
	db   func(t testing.TB) (db, data string)
}{
	{"sqlite", func(t testing.TB) (string, string) { return "", t.TempDir() }},
	{"postgres", func(t testing.TB) (string, string) { return pgtest.DSN(t), "" }},
}

// serve starts the API over a fresh store on a real loopback listener.
func serve(t testing.TB, db, data string, opt httpapi.Options) (*httptest.Server, *httpapi.Client) {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), db, data)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.New(st, opt))
	t.Cleanup(func() {
		srv.Close()
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return srv, httpapi.NewClient(srv.URL, srv.Client())
}

func sampleSet(t testing.TB, text string) *annot.Set {
	t.Helper()
	return &annot.Set{
		Format: annot.Format, Version: annot.Version,
		Labels: []annot.Label{{ID: "claim", Name: "Claim", Color: "#ff0000"}},
		Articles: []annot.Article{{
			ID: "a1", Title: "<script>alert(1)</script>", Text: text, Language: "en",
			SourceURL: "https://example.org/news/1", Hash: annot.ContentHash(text),
			Entities:    []annot.Entity{{Start: 0, End: 3, Kind: "PER", Text: string([]rune(text)[:3])}},
			Annotations: []annot.Annotation{{ID: "n1", Start: 4, End: 7, Label: "claim", Note: "check"}},
		}},
		View: &annot.View{Article: "a1"},
	}
}

func TestEncryptedLifecycle(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			db, data := be.db(t)
			_, c := serve(t, db, data, httpapi.Options{})
			ctx := context.Background()
			want := sampleSet(t, "Zoë sagt: Köln ist schön.")
			key, blob, err := sharelink.SealSet(want)
			if err != nil {
				t.Fatal(err)
			}
			created, err := c.CreateEncrypted(ctx, blob)
			if err != nil {
				t.Fatalf("CreateEncrypted: %v", err)
			}
			if !annot.ValidID(created.ID) || created.Path != "/s/"+created.ID || created.DeleteToken == "" {
				t.Fatalf("Created: got %+v, want a valid id, path /s/<id> and a token", created)
			}
			got, err := c.Get(ctx, created.ID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if !bytes.Equal(got.Sealed, blob) || got.Kind != annot.KindEncrypted {
				t.Fatalf("Get: got kind %q and %d bytes, want the %d uploaded bytes", got.Kind, len(got.Sealed), len(blob))
			}
			opened, err := sharelink.OpenSet(key, got.Sealed)
			if err != nil {
				t.Fatalf("OpenSet: %v", err)
			}
			if !reflect.DeepEqual(opened, want) {
				t.Errorf("opened set: got %+v, want %+v", opened, want)
			}
			if err := c.Delete(ctx, created.ID, "wrong"); annot.ErrorCode(err) != annot.EFORBIDDEN {
				t.Errorf("Delete(wrong token): got %v, want EFORBIDDEN", err)
			}
			if err := c.Delete(ctx, created.ID, created.DeleteToken); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if _, err := c.Get(ctx, created.ID); annot.ErrorCode(err) != annot.EGONE {
				t.Errorf("Get after delete: got %v, want EGONE", err)
			}
		})
	}
}

func TestPublicLifecycle(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			db, data := be.db(t)
			_, c := serve(t, db, data, httpapi.Options{})
			ctx := context.Background()
			want := sampleSet(t, "Plain text & <b>markup</b> stays data.")
			created, err := c.CreatePublic(ctx, want)
			if err != nil {
				t.Fatalf("CreatePublic: %v", err)
			}
			got, err := c.Get(ctx, created.ID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if !reflect.DeepEqual(got.Public, want) {
				t.Errorf("public set: got %+v, want %+v", got.Public, want)
			}
		})
	}
}

func TestRawCiphertext(t *testing.T) {
	srv, c := serve(t, "", t.TempDir(), httpapi.Options{})
	_, blob, err := sharelink.SealSet(sampleSet(t, "Raw bytes both ways."))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		body string
	}{
		{"base64url", `{"kind":"encrypted","data":"` + base64.RawURLEncoding.EncodeToString(blob) + `"}`},
		{"base64 std padded", `{"kind":"encrypted","data":"` + base64.StdEncoding.EncodeToString(blob) + `"}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, srv, "POST", "/api/sets", "application/json", tt.body, nil)
			if resp.status != http.StatusCreated {
				t.Fatalf("status: got %d, want 201 (%s)", resp.status, resp.body)
			}
			var cr httpapi.Created
			if err := json.Unmarshal(resp.body, &cr); err != nil {
				t.Fatal(err)
			}
			raw := do(t, srv, "GET", "/api/sets/"+cr.ID, "", "", map[string]string{"Accept": "application/octet-stream"})
			if !bytes.Equal(raw.body, blob) || raw.header.Get("Content-Type") != "application/octet-stream" {
				t.Errorf("raw GET: got %d bytes of %s, want the %d uploaded bytes", len(raw.body), raw.header.Get("Content-Type"), len(blob))
			}
			if _, err := c.Get(context.Background(), cr.ID); err != nil {
				t.Errorf("JSON GET: %v", err)
			}
		})
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, srv *httptest.Server, method, path, contentType, body string, hdr map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

func TestErrors(t *testing.T) {
	const maxBody = 64 << 10
	srv, c := serve(t, "", t.TempDir(), httpapi.Options{MaxBody: maxBody})
	good, err := annot.Encode(sampleSet(t, "Some text for the tests."))
	if err != nil {
		t.Fatal(err)
	}
	public := func(set string) string { return `{"kind":"public","set":` + set + `}` }
	created, err := c.CreatePublic(context.Background(), sampleSet(t, "To delete."))
	if err != nil {
		t.Fatal(err)
	}
	unknownID, err := annot.NewID()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name        string
		method      string
		path        string
		contentType string
		body        string
		hdr         map[string]string
		status      int
		code        string
		field       string
	}{
		{"unknown envelope field", "POST", "/api/sets", "application/json", `{"kind":"public","set":` + string(good) + `,"owner":"me"}`, nil, 400, annot.EINVALID, "owner"},
		{"unknown set field", "POST", "/api/sets", "application/json", public(strings.Replace(string(good), `"title"`, `"html":"<b>","title"`, 1)), nil, 400, annot.EINVALID, "set.articles[0].html"},
		{"wrong type in set", "POST", "/api/sets", "", public(strings.Replace(string(good), `"version":1`, `"version":"1"`, 1)), nil, 400, annot.EINVALID, "set.version"},
		{"trailing data", "POST", "/api/sets", "application/json", public(string(good)) + `{}`, nil, 400, annot.EINVALID, ""},
		{"not json", "POST", "/api/sets", "application/json", `kind=public`, nil, 400, annot.EINVALID, ""},
		{"array body", "POST", "/api/sets", "application/json", `[1]`, nil, 400, annot.EINVALID, ""},
		{"kind missing", "POST", "/api/sets", "application/json", `{"set":{}}`, nil, 400, annot.EINVALID, "kind"},
		{"kind number", "POST", "/api/sets", "application/json", `{"kind":1}`, nil, 400, annot.EINVALID, "kind"},
		{"kind unknown", "POST", "/api/sets", "application/json", `{"kind":"private"}`, nil, 400, annot.EINVALID, "kind"},
		{"public without set", "POST", "/api/sets", "application/json", `{"kind":"public"}`, nil, 400, annot.EINVALID, "set"},
		{"public with data", "POST", "/api/sets", "application/json", `{"kind":"public","data":"AAAA"}`, nil, 400, annot.EINVALID, "data"},
		{"encrypted with set", "POST", "/api/sets", "application/json", `{"kind":"encrypted","set":{}}`, nil, 400, annot.EINVALID, "set"},
		{"encrypted bad base64", "POST", "/api/sets", "application/json", `{"kind":"encrypted","data":"@@@"}`, nil, 400, annot.EINVALID, "data"},
		{"encrypted too short", "POST", "/api/sets", "application/json", `{"kind":"encrypted","data":"AQID"}`, nil, 400, annot.EINVALID, "data"},
		{"raw blob too short", "POST", "/api/sets", "application/octet-stream", "\x01\x02", nil, 400, annot.EINVALID, ""},
		{"raw blob unknown version", "POST", "/api/sets", "application/octet-stream", "\x09" + strings.Repeat("x", 40), nil, 400, annot.EINVALID, ""},
		{"text/plain", "POST", "/api/sets", "text/plain", "hello", nil, 415, httpapi.EMEDIA, ""},
		{"body too large", "POST", "/api/sets", "application/octet-stream", "\x01" + strings.Repeat("x", maxBody), nil, 413, annot.ETOOLARGE, ""},
		{"malformed id", "GET", "/api/sets/abc", "", "", nil, 400, annot.EINVALID, "id"},
		{"traversal id", "GET", "/api/sets/..%2F..%2Fetc", "", "", nil, 400, annot.EINVALID, "id"},
		{"unknown id", "GET", "/api/sets/" + unknownID, "", "", nil, 404, annot.ENOTFOUND, ""},
		{"delete unknown", "DELETE", "/api/sets/" + unknownID, "", "", map[string]string{"Authorization": "Bearer x"}, 404, annot.ENOTFOUND, ""},
		{"delete no token", "DELETE", "/api/sets/" + created.ID, "", "", nil, 403, annot.EFORBIDDEN, ""},
		{"delete wrong token", "DELETE", "/api/sets/" + created.ID, "", "", map[string]string{"Authorization": "Bearer " + created.DeleteToken + "x"}, 403, annot.EFORBIDDEN, ""},
		{"put set", "PUT", "/api/sets/" + created.ID, "application/json", `{}`, nil, 405, httpapi.EMETHOD, ""},
		{"get list", "GET", "/api/sets", "", "", nil, 405, httpapi.EMETHOD, ""},
		{"unknown endpoint", "GET", "/api/nothing", "", "", nil, 404, annot.ENOTFOUND, ""},
		{"below a set", "GET", "/api/sets/" + created.ID + "/x", "", "", nil, 404, annot.ENOTFOUND, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, srv, tt.method, tt.path, tt.contentType, tt.body, tt.hdr)
			if resp.status != tt.status {
				t.Errorf("status: got %d, want %d (%s)", resp.status, tt.status, resp.body)
			}
			if ct := resp.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type: got %q, want application/json", ct)
			}
			var e httpapi.ErrorBody
			if err := json.Unmarshal(resp.body, &e); err != nil {
				t.Fatalf("error body %q: %v", resp.body, err)
			}
			if e.Code != tt.code || e.Field != tt.field || e.Error == "" {
				t.Errorf("error body: got %+v, want code %q field %q and a message", e, tt.code, tt.field)
			}
			if got := resp.header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options: got %q, want nosniff", got)
			}
			if got := resp.header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'none'") {
				t.Errorf("Content-Security-Policy: got %q", got)
			}
		})
	}
}

// TestBodyLimitChunked sends an over-limit body without Content-Length, so
// the limit must hold while reading, not only by the header.
func TestBodyLimitChunked(t *testing.T) {
	srv, _ := serve(t, "", t.TempDir(), httpapi.Options{MaxBody: 1024})
	pr, pw := io.Pipe()
	go func() {
		for range 64 {
			if _, err := pw.Write(bytes.Repeat([]byte{1}, 1024)); err != nil {
				return // the server closed the request early, as it should
			}
		}
		pw.Close()
	}()
	req, err := http.NewRequest("POST", srv.URL+"/api/sets", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	pr.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status: got %d, want 413", resp.StatusCode)
	}
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRateLimit(t *testing.T) {
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	srv, c := serve(t, "", t.TempDir(), httpapi.Options{CreatePerMinute: 3, Now: clk.Now})
	ctx := context.Background()
	set := sampleSet(t, "Rate limited text.")
	for i := range 3 {
		if _, err := c.CreatePublic(ctx, set); err != nil {
			t.Fatalf("create %d within the burst: %v", i, err)
		}
	}
	js, err := annot.Encode(set)
	if err != nil {
		t.Fatal(err)
	}
	resp := do(t, srv, "POST", "/api/sets", "application/json", `{"kind":"public","set":`+string(js)+`}`, nil)
	if resp.status != http.StatusTooManyRequests {
		t.Fatalf("4th create: got %d, want 429", resp.status)
	}
	retry, err := strconv.Atoi(resp.header.Get("Retry-After"))
	if err != nil || retry < 1 || retry > 20 {
		t.Errorf("Retry-After: got %q, want 1..20 seconds", resp.header.Get("Retry-After"))
	}
	// Reads are never limited.
	if _, err := c.Get(ctx, strings.Repeat("A", annot.IDLen)); annot.ErrorCode(err) != annot.ENOTFOUND {
		t.Errorf("Get while limited: got %v, want ENOTFOUND", err)
	}
	clk.Add(time.Duration(retry) * time.Second)
	if _, err := c.CreatePublic(ctx, set); err != nil {
		t.Errorf("create after Retry-After: %v", err)
	}
	if _, err := c.CreatePublic(ctx, set); annot.ErrorCode(err) != annot.ERATELIMIT {
		t.Errorf("create right after: got %v, want ERATELIMIT", err)
	}
}

// TestTwoServersOneDatabase: server processes keep no state, so two of
// them on one PostgreSQL behave as one (a load balancer may send each
// request of a user to a different one).
func TestTwoServersOneDatabase(t *testing.T) {
	db := pgtest.DSN(t)
	_, a := serve(t, db, "", httpapi.Options{})
	_, b := serve(t, db, "", httpapi.Options{})
	ctx := context.Background()
	cr, err := a.CreatePublic(ctx, sampleSet(t, "Shared between servers."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(ctx, cr.ID); err != nil {
		t.Fatalf("Get on the other server: %v", err)
	}
	if err := b.Delete(ctx, cr.ID, cr.DeleteToken); err != nil {
		t.Fatalf("Delete on the other server: %v", err)
	}
	if _, err := a.Get(ctx, cr.ID); annot.ErrorCode(err) != annot.EGONE {
		t.Errorf("Get on the first server after delete: got %v, want EGONE", err)
	}
}

// TestOpenLinks follows the end-to-end story at the Go level: save
// each link kind, open it from its address, tamper with the key, delete.
func TestOpenLinks(t *testing.T) {
	_, c := serve(t, "", t.TempDir(), httpapi.Options{})
	ctx := context.Background()
	want := sampleSet(t, "Opening links restores the workspace.")
	enc, err := c.ShareEncrypted(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := c.SharePublic(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	frag, err := sharelink.EncodeFragment(want)
	if err != nil {
		t.Fatal(err)
	}
	gone, err := c.ShareEncrypted(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, gone.ID, gone.DeleteToken); err != nil {
		t.Fatal(err)
	}
	encPath, encKey, _ := strings.Cut(enc.Link, "#")
	other, err := sharelink.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	unknown, err := annot.NewID()
	if err != nil {
		t.Fatal(err)
	}
	// One changed character: still a well-formed key, but the wrong one.
	tamper := []byte(encKey)
	tamper[5] = 'A'
	if encKey[5] == 'A' {
		tamper[5] = 'B'
	}
	for _, tt := range []struct {
		name, path, frag string
		wantSet          bool
		wantCode         string
		wantErr          error
	}{
		{"encrypted", encPath, "#" + encKey, true, "", nil},
		{"public", pub.Link, "", true, "", nil},
		{"serverless", "/", "#" + frag, true, "", nil},
		{"not a link", "/", "", false, "", nil},
		{"other key", encPath, "#" + other, false, "", sharelink.ErrCannotDecrypt},
		{"tampered key", encPath, "#" + string(tamper), false, "", sharelink.ErrCannotDecrypt},
		{"cut key", encPath, "#" + encKey[:20], false, "", sharelink.ErrBadKey},
		{"encrypted without key", encPath, "", false, "", sharelink.ErrBadKey},
		{"removed", strings.Split(gone.Link, "#")[0], "#" + strings.Split(gone.Link, "#")[1], false, annot.EGONE, nil},
		{"unknown id", sharelink.PublicPath(unknown), "", false, annot.ENOTFOUND, nil},
		{"cut fragment", "/", "#" + frag[:len(frag)/2], false, "", sharelink.ErrCorrupt},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Open(ctx, tt.path, tt.frag)
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Open: got %v, want %v", err, tt.wantErr)
				}
			case tt.wantCode != "":
				if annot.ErrorCode(err) != tt.wantCode {
					t.Errorf("Open: got %v, want code %q", err, tt.wantCode)
				}
			case err != nil:
				t.Errorf("Open: %v", err)
			case tt.wantSet && !reflect.DeepEqual(got, want):
				t.Errorf("Open: got %v, want %v", got, want)
			case !tt.wantSet && got != nil:
				t.Errorf("Open: got %v, want no set", got)
			}
		})
	}
}
