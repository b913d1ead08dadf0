// Command precompress writes brotli (.br) and gzip (.gz) copies of files at
// their best levels, so the server sends them without compressing per
// request. Usage: precompress web/app.wasm
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
)

func main() {
	brLevel := flag.Int("br", brotli.BestCompression, "brotli quality, 0-11")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: precompress [-br N] FILE...")
		os.Exit(2)
	}
	failed := false
	for _, name := range flag.Args() {
		if err := compress(name, *brLevel); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// compress writes name.br and name.gz side by side, concurrently: brotli at
// level 11 dominates the build time and gzip fits beside it.
func compress(name string, brLevel int) error {
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		errs[0] = write(name, name+".br", func(w io.Writer) io.WriteCloser {
			return brotli.NewWriterLevel(w, brLevel)
		})
	}()
	go func() {
		defer wg.Done()
		errs[1] = write(name, name+".gz", func(w io.Writer) io.WriteCloser {
			zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // a valid constant level cannot fail
			return zw
		})
	}()
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// write compresses src into dst via a temporary file renamed into place, so
// a reader never sees a half-written variant.
func write(src, dst string, enc func(io.Writer) io.WriteCloser) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".precompress-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw := enc(tmp)
	if _, err := io.Copy(zw, in); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
