package server

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WriteStatic writes a self-contained static site into dir: go-app's pages,
// scripts and worker, plus every file of webDir under dir/web. It works from
// any static host; share links that need the server are the only loss.
func WriteStatic(dir, webDir, version string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(dir, AppHandler(version)); err != nil {
		return fmt.Errorf("generate static site: %w", err)
	}
	return copyTree(filepath.Join(dir, "web"), webDir)
}

func copyTree(dst, src string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
