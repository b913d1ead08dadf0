//go:build !unix && !js

package entity

// cpuSeconds is not measured on this platform (0 drops the metric).
func cpuSeconds() float64 { return 0 }
