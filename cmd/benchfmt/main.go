// Command benchfmt turns `go test -bench` output into one `name value unit`
// line per reported metric, the form `make bench` prints, and passes test
// failures through so a broken benchmark is not silently dropped.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	prefix := flag.String("prefix", "", "prefix for every metric name, e.g. native.")
	flag.Parse()
	if err := convert(os.Stdin, os.Stdout, *prefix); err != nil {
		fmt.Fprintln(os.Stderr, "benchfmt:", err)
		os.Exit(1)
	}
}

// convert reads benchmark output from r. It fails if the output reports a
// failure or holds no benchmark at all.
func convert(r io.Reader, w io.Writer, prefix string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	pkg, n, failed := "", 0, false
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = p[strings.LastIndex(p, "/")+1:]
			continue
		}
		if strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "panic:") {
			failed = true
			fmt.Fprintln(os.Stderr, line)
			continue
		}
		lines := metrics(line, prefix, pkg)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
		n += len(lines)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if failed {
		return fmt.Errorf("a benchmark failed")
	}
	if n == 0 {
		return fmt.Errorf("no benchmark results in the input")
	}
	return nil
}

// metrics parses one result line: "BenchmarkX-2  100  123 ns/op  4.5 unit".
func metrics(line, prefix, pkg string) []string {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return nil
	}
	name := strings.TrimPrefix(f[0], "Benchmark")
	if i := strings.LastIndex(name, "-"); i > 0 && isDigits(name[i+1:]) {
		name = name[:i]
	}
	if pkg != "" {
		name = pkg + "." + name
	}
	var out []string
	for i := 2; i+1 < len(f); i += 2 {
		out = append(out, fmt.Sprintf("%s%s %s %s", prefix, name, f[i], f[i+1]))
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
