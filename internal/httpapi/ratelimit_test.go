package httpapi

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(60, func() time.Time { return now }) // one per second, burst 60
	for i := range 60 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d within the burst refused", i)
		}
	}
	ok, retry := l.allow("a")
	if ok || retry <= 0 || retry > time.Second {
		t.Fatalf("61st: got ok=%v retry=%v, want refused with retry in (0, 1s]", ok, retry)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Error("another client refused: limits must be per client")
	}
	now = now.Add(time.Second)
	if ok, _ := l.allow("a"); !ok {
		t.Error("refused after the refill interval")
	}
}

func TestLimiterSweep(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(10, func() time.Time { return now })
	for i := range maxClients - 1 {
		l.allow(fmt.Sprint("client", i))
	}
	for range 10 {
		l.allow("busy")
	}
	now = now.Add(30 * time.Second) // idle clients refilled; busy has 5 of 10
	l.allow("newcomer")             // a new client at the cap sweeps the map
	if got := len(l.buckets); got != 2 {
		t.Errorf("buckets after sweep: got %d, want 2 (busy and newcomer)", got)
	}
	for range 5 {
		l.allow("busy")
	}
	if ok, _ := l.allow("busy"); ok {
		t.Error("the busy client was forgotten by the sweep and let through")
	}
}

func TestLimiterBounded(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(10, func() time.Time { return now })
	for i := range 3 * maxClients {
		l.allow(fmt.Sprint("flood", i))
	}
	if got := len(l.buckets); got > maxClients {
		t.Errorf("buckets under a flood: got %d, want at most %d", got, maxClients)
	}
}

func TestClientKey(t *testing.T) {
	for _, tt := range []struct{ remote, want string }{
		{"192.0.2.7:5555", "192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:443", "2001:db8:1:2::/64"},
		{"[::ffff:192.0.2.7]:1", "192.0.2.7"},
		{"garbage", "garbage"},
	} {
		t.Run(tt.remote, func(t *testing.T) {
			if got := clientKey(&http.Request{RemoteAddr: tt.remote}); got != tt.want {
				t.Errorf("clientKey(%q) = %q, want %q", tt.remote, got, tt.want)
			}
		})
	}
}
