package loadgen

import (
	"testing"
	"time"

	"gloss/internal/sharelink"
)

func TestResult(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	r := Result{Requests: 100, Elapsed: 2 * time.Second, Latencies: lat}
	for _, tt := range []struct {
		name string
		got  float64
		want float64
	}{
		{"rps", r.RPS(), 50},
		{"p50", float64(r.Pct(0.5)), float64(51 * time.Millisecond)},
		{"p99", float64(r.Pct(0.99)), float64(100 * time.Millisecond)},
		{"p100 clamps", float64(r.Pct(1)), float64(100 * time.Millisecond)},
		{"empty", float64(Result{}.Pct(0.5)), 0},
		{"no time", Result{Requests: 3}.RPS(), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestPayloads(t *testing.T) {
	ps, err := Payloads(4)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		if err := sharelink.CheckSealed(p); err != nil {
			t.Errorf("payload %d: %v", i, err)
		}
		if len(p) < 2<<10 || len(p) > 16<<10 {
			t.Errorf("payload %d: %d bytes, want a few KB like a real sealed workspace", i, len(p))
		}
	}
}
