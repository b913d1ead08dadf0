package httpapi

import (
	"fmt"
	"net/http"
	"net/netip"
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
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	for _, tt := range []struct {
		name, remote, xff string
		trusted           []netip.Prefix
		want              string
	}{
		{"ipv4", "192.0.2.7:5555", "", nil, "192.0.2.7"},
		{"ipv6 /64", "[2001:db8:1:2:3:4:5:6]:443", "", nil, "2001:db8:1:2::/64"},
		{"same /64", "[2001:db8:1:2:ffff::1]:443", "", nil, "2001:db8:1:2::/64"},
		{"mapped ipv4", "[::ffff:192.0.2.7]:1", "", nil, "192.0.2.7"},
		{"garbage", "garbage", "", nil, "garbage"},
		{"xff ignored without trust", "192.0.2.7:1", "198.51.100.1", nil, "192.0.2.7"},
		{"xff ignored from untrusted peer", "192.0.2.7:1", "198.51.100.1", proxies, "192.0.2.7"},
		{"trusted proxy", "10.1.2.3:1", "198.51.100.1", proxies, "198.51.100.1"},
		{"spoofed left hops", "10.1.2.3:1", "6.6.6.6, 198.51.100.1", proxies, "198.51.100.1"},
		{"proxy chain", "10.1.2.3:1", "198.51.100.1, 10.9.9.9", proxies, "198.51.100.1"},
		{"ipv6 behind proxy", "[fd00::1]:1", "2001:db8:5:6::9", proxies, "2001:db8:5:6::/64"},
		{"malformed hop", "10.1.2.3:1", "nonsense", proxies, "10.1.2.3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &http.Request{RemoteAddr: tt.remote, Header: http.Header{}}
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := clientKey(r, tt.trusted); got != tt.want {
				t.Errorf("clientKey(%q, XFF %q) = %q, want %q", tt.remote, tt.xff, got, tt.want)
			}
		})
	}
}
