//go:build !wasm

package httpapi_test

import (
	"testing"
	"time"

	"gloss/internal/httpapi"
	"gloss/internal/httpapi/loadgen"
)

// BenchmarkAPIMixed is the load figure as a benchmark: 32 clients,
// half saves and half loads of ~6 KB sealed sets, 3 s per back end. One
// timed run is one iteration; b.N has no meaning for it.
func BenchmarkAPIMixed(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			db, data := be.db(b)
			srv, _ := serve(b, db, data, httpapi.Options{})
			target, err := loadgen.NewTarget(srv.URL, 32)
			if err != nil {
				b.Fatal(err)
			}
			var r loadgen.Result
			for b.Loop() {
				r = target.Run(32, 3*time.Second, 200_000, 0.5)
			}
			if r.Errors > 0 {
				b.Fatalf("%d of %d requests failed, first: %v", r.Errors, r.Requests, r.FirstErr)
			}
			b.ReportMetric(r.RPS(), "req/s")
			b.ReportMetric(float64(r.Pct(0.5))/float64(time.Millisecond), "p50-ms")
			b.ReportMetric(float64(r.Pct(0.99))/float64(time.Millisecond), "p99-ms")
		})
	}
}
