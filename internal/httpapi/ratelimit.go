package httpapi

import (
	"math"
	"net"
	"net/http"
	"sync"
	"time"
)

// limiter is a token bucket per client address: perMinute tokens refill
// evenly over a minute and a client may spend a full minute's worth at once.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxClients bounds the map. Beyond it, buckets that have refilled
// (clients idle for a minute) are dropped, as they hold no information; if
// that is not enough, as under a flood from many addresses, arbitrary
// buckets go too: memory stays bounded and the limit fails open for some.
const maxClients = 10_000

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{rate: float64(perMinute) / 60, burst: float64(perMinute), now: now, buckets: map[string]*bucket{}}
}

// allow takes a token for key, or says how long until one is available.
func (l *limiter) allow(key string) (ok bool, retry time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxClients {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < maxClients/2 {
			break
		}
		delete(l.buckets, k)
	}
}

// clientKey is the peer address without its port, and for IPv6 its /64
// network, since one host commonly holds a whole /64. Behind a proxy all
// clients share the proxy's address; trusting X-Forwarded-For would need a
// configured list of proxies, so it is not done here.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if v4 := ip.To4(); v4 != nil {
		return v4.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
