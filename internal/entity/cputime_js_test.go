//go:build js

package entity

import "syscall/js"

// cpuSeconds is the CPU time (user + system) the Node process has used,
// from process.cpuUsage(); on a machine shared with other jobs it measures
// the work done rather than the wait for a core.
func cpuSeconds() float64 {
	u := js.Global().Get("process").Call("cpuUsage")
	return (u.Get("user").Float() + u.Get("system").Float()) / 1e6
}
