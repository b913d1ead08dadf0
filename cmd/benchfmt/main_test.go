package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	in := `goos: linux
pkg: gloss/internal/similarity
BenchmarkAlign1000-2   	     120	   9876543 ns/op	         0.9912 recall	  1234 B/op
BenchmarkLSH/10k-2     	       1	3500000000 ns/op
PASS
ok  	gloss/internal/similarity	3.2s
`
	var out bytes.Buffer
	if err := convert(strings.NewReader(in), &out, "wasm."); err != nil {
		t.Fatal(err)
	}
	want := `wasm.similarity.Align1000 9876543 ns/op
wasm.similarity.Align1000 0.9912 recall
wasm.similarity.Align1000 1234 B/op
wasm.similarity.LSH/10k 3500000000 ns/op
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestConvertFails(t *testing.T) {
	for name, in := range map[string]string{
		"failure": "pkg: x\nBenchmarkA-2 1 5 ns/op\n--- FAIL: BenchmarkB\nFAIL\n",
		"empty":   "PASS\nok x 0.1s\n",
	} {
		if err := convert(strings.NewReader(in), &bytes.Buffer{}, ""); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
