// gen draws Gloss's icons: lines of text with one highlighted span, the
// product in one picture. Run from the repository root: go run ./cmd/icongen
package main

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"
	"path/filepath"
)

var (
	blue   = color.RGBA{0x1d, 0x4e, 0x89, 0xff}
	white  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	yellow = color.RGBA{0xff, 0xd4, 0x3b, 0xff}
)

// draw paints the icon at size n. Maskable icons keep their content inside
// the central 80% safe zone and fill the whole square.
func paint(n int, maskable bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	f := func(v float64) int { return int(v * float64(n)) }
	radius := f(0.18)
	if maskable {
		radius = 0
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if inRounded(x, y, n, radius) {
				img.Set(x, y, blue)
			}
		}
	}
	inset := 0.2
	if maskable {
		inset = 0.28
	}
	lines := []struct{ w float64 }{{1}, {0.8}, {1}, {0.55}}
	h := (1 - 2*inset) / 7
	for i, l := range lines {
		y0 := inset + h*float64(2*i) + h/2
		x0, x1 := inset, inset+(1-2*inset)*l.w
		col := color.Color(white)
		if i == 1 {
			// the highlighted entity
			draw.Draw(img, image.Rect(f(x0-0.02), f(y0-0.03), f(x1+0.02), f(y0+h+0.03)), &image.Uniform{yellow}, image.Point{}, draw.Src)
			col = blue
		}
		draw.Draw(img, image.Rect(f(x0), f(y0), f(x1), f(y0+h)), &image.Uniform{col}, image.Point{}, draw.Src)
	}
	return img
}

func inRounded(x, y, n, r int) bool {
	cx, cy := x, y
	switch {
	case x < r:
		cx = r
	case x >= n-r:
		cx = n - r - 1
	}
	switch {
	case y < r:
		cy = r
	case y >= n-r:
		cy = n - r - 1
	}
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

func main() {
	for _, o := range []struct {
		name     string
		n        int
		maskable bool
	}{{"icon-192.png", 192, false}, {"icon-512.png", 512, false}, {"maskable-512.png", 512, true}} {
		f, err := os.Create(filepath.Join("web", "icons", o.name))
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, paint(o.n, o.maskable)); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
