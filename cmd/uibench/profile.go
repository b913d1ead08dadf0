package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// startProfile starts the page's sampling profiler (-profile): where the
// main thread's time goes, by function, to find what to make faster. Build
// the wasm without -s for Go function names.
func startProfile(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, performance.Enable, performance.EnableParams{}); err != nil {
			return err
		}
		m, err := cdp.Call(ctx, t, performance.GetMetrics, cdp.Empty{})
		if err != nil {
			return err
		}
		metricsBefore = m.Metrics
		_, err = cdp.Call(ctx, t, profiler.Start, cdp.Empty{})
		return err
	}))
}

// metricsBefore are the page's run-time metrics when profiling started.
var metricsBefore []*performance.Metric

// printMetrics writes how the main thread's time went since startProfile:
// script, style, layout, in ms.
func printMetrics(ctx context.Context, w io.Writer) error {
	m, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (performance.GetMetricsResult, error) {
		return cdp.Call(ctx, t, performance.GetMetrics, cdp.Empty{})
	})
	if err != nil {
		return err
	}
	before := map[string]float64{}
	for _, x := range metricsBefore {
		before[x.Name] = x.Value
	}
	for _, x := range m.Metrics {
		switch x.Name {
		case "TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration":
			fmt.Fprintf(w, "%s %.0f ms\n", x.Name, 1000*(x.Value-before[x.Name]))
		case "RecalcStyleCount", "LayoutCount", "Nodes", "JSHeapUsedSize":
			fmt.Fprintf(w, "%s %.0f\n", x.Name, x.Value-before[x.Name])
		}
	}
	return nil
}

// stopProfile stops the profiler and writes the functions with the most
// time: self time, and total time (counted once per sample).
func stopProfile(ctx context.Context, w io.Writer, top int) error {
	res, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (profiler.StopResult, error) {
		return cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
	})
	if err != nil {
		return err
	}
	if err := printMetrics(ctx, w); err != nil {
		return err
	}
	p := res.Profile
	parent := map[int64]int64{}
	byID := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self, total := map[string]float64{}, map[string]float64{}
	for i, id := range p.Samples {
		dt := 0.0
		if i+1 < len(p.TimeDeltas) {
			dt = float64(p.TimeDeltas[i+1]) / 1000
		}
		n := byID[id]
		if n == nil {
			continue
		}
		self[n.CallFrame.FunctionName] += dt
		seen := map[string]bool{}
		for x, ok := id, true; ok; x, ok = parent[x] {
			name := byID[x].CallFrame.FunctionName
			if !seen[name] {
				seen[name] = true
				total[name] += dt
			}
		}
	}
	for _, m := range []struct {
		name string
		v    map[string]float64
	}{{"self", self}, {"total", total}} {
		names := make([]string, 0, len(m.v))
		for k := range m.v {
			names = append(names, k)
		}
		sort.Slice(names, func(a, b int) bool { return m.v[names[a]] > m.v[names[b]] })
		fmt.Fprintf(w, "-- %s time (ms)\n", m.name)
		for _, k := range names[:min(top, len(names))] {
			fmt.Fprintf(w, "%8.1f  %s\n", m.v[k], k)
		}
		fmt.Fprintf(w, "-- %s time (ms), gloss functions\n", m.name)
		n := 0
		for _, k := range names {
			if strings.HasPrefix(k, "gloss") && n < top {
				fmt.Fprintf(w, "%8.1f  %s\n", m.v[k], k)
				n++
			}
		}
	}
	return nil
}
