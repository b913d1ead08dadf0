package main

import (
	"math"

	"gloss/internal/similarity"
)

const nf = similarity.NumFeatures

// ridge fits least squares with an L2 penalty (bias unpenalized).
func ridge(x [][nf]float64, y []float64, lambda float64) [nf]float64 {
	var a [nf][nf]float64
	var b [nf]float64
	for i, f := range x {
		for p := range nf {
			b[p] += f[p] * y[i]
			for q := range nf {
				a[p][q] += f[p] * f[q]
			}
		}
	}
	for p := 1; p < nf; p++ {
		a[p][p] += lambda * float64(len(x))
	}
	return solve(a, b)
}

// logistic fits L2-regularized logistic regression by Newton's method.
func logistic(x [][nf]float64, y []float64, lambda float64) [nf]float64 {
	var w [nf]float64
	n := float64(len(x))
	for iter := 0; iter < 30; iter++ {
		var g [nf]float64
		var h [nf][nf]float64
		for i, f := range x {
			z := 0.0
			for p := range nf {
				z += w[p] * f[p]
			}
			pr := 1 / (1 + math.Exp(-z))
			for p := range nf {
				g[p] += (pr - y[i]) * f[p]
				for q := range nf {
					h[p][q] += pr * (1 - pr) * f[p] * f[q]
				}
			}
		}
		for p := 1; p < nf; p++ {
			g[p] += lambda * n * w[p]
			h[p][p] += lambda * n
		}
		h[0][0] += 1e-9
		step := solve(h, g)
		var norm float64
		for p := range nf {
			w[p] -= step[p]
			norm += step[p] * step[p]
		}
		if norm < 1e-12 {
			break
		}
	}
	return w
}

// solve does Gaussian elimination with partial pivoting; a singular
// direction (a feature constant on the data) gets weight 0.
func solve(a [nf][nf]float64, b [nf]float64) [nf]float64 {
	for c := range nf {
		p := c
		for r := c + 1; r < nf; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		if math.Abs(a[c][c]) < 1e-12 {
			continue
		}
		for r := range nf {
			if r == c {
				continue
			}
			k := a[r][c] / a[c][c]
			for q := c; q < nf; q++ {
				a[r][q] -= k * a[c][q]
			}
			b[r] -= k * b[c]
		}
	}
	var x [nf]float64
	for c := range nf {
		if math.Abs(a[c][c]) >= 1e-12 {
			x[c] = b[c] / a[c][c]
		}
	}
	return x
}
