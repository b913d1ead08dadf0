// Package lsh finds candidate pairs of similar documents among many without
// comparing all pairs: one-permutation MinHash signatures of stem shingles,
// cut into bands; documents sharing any band are candidates. Exact scoring
// of the candidates is left to the caller.
//
// With b bands of r rows a pair with shingle Jaccard s becomes a candidate
// with probability 1-(1-s^r)^b; the defaults (32 bands of 2 rows) give
// 0.9999 at s=0.5, so near-duplicates are not missed, and about 0.27 at
// s=0.1 where the exact check then rejects them cheaply.
package lsh

import (
	"slices"

	"gloss/internal/similarity"
)

// Params sets the banding.
type Params struct {
	Bands, Rows int
	// MaxBucket caps how many documents one band bucket may pair up; a
	// bucket larger than that is boilerplate shared by everything and would
	// make candidate generation quadratic. Zero means no cap.
	MaxBucket int
}

// DefaultParams target shingle Jaccard ≥ 0.5 with recall ≥ 0.999.
var DefaultParams = Params{Bands: 32, Rows: 2, MaxBucket: 1000}

// Signature is a one-permutation MinHash sketch: the shingle hashes are
// split into Bands·Rows bins by their top bits and each bin keeps its
// minimum, so a sketch costs one hash per shingle, not one per row.
func Signature(shingles []uint64, p Params) []uint64 {
	k := p.Bands * p.Rows
	sig := make([]uint64, k)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	if len(shingles) == 0 || k == 0 {
		return sig
	}
	for _, x := range shingles {
		h := mix(x ^ 0x5851f42d4c957f2d)
		bin := int((h >> 32) * uint64(k) >> 32)
		v := h & 0xffffffff
		if v < sig[bin] {
			sig[bin] = v
		}
	}
	// Densify: an empty bin borrows the value of the next non-empty bin to
	// its right, tagged with the distance, as in Shrivastava's rotation
	// scheme; two documents then agree on the bin exactly when they agree on
	// the borrowed one.
	for i := range sig {
		if sig[i] != ^uint64(0) && sig[i] <= 0xffffffff {
			continue
		}
		for d := 1; d < k; d++ {
			j := (i + d) % k
			if v := sig[j]; v <= 0xffffffff {
				sig[i] = uint64(d)<<32 | v | 1<<63
				break
			}
		}
	}
	return sig
}

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Index collects signatures and reports candidate pairs.
type Index struct {
	p       Params
	buckets []map[uint64][]int32
	n       int
}

// NewIndex returns an empty index.
func NewIndex(p Params) *Index {
	ix := &Index{p: p, buckets: make([]map[uint64][]int32, p.Bands)}
	for b := range ix.buckets {
		ix.buckets[b] = map[uint64][]int32{}
	}
	return ix
}

// Add indexes the next document (ids are 0, 1, 2... in Add order). A
// document without shingles is counted but never a candidate.
func (ix *Index) Add(shingles []uint64) {
	id := int32(ix.n)
	ix.n++
	if len(shingles) == 0 {
		return
	}
	sig := Signature(shingles, ix.p)
	for b := range ix.p.Bands {
		key := uint64(b) * 0x9e3779b97f4a7c15
		for r := range ix.p.Rows {
			key = mix(key ^ sig[b*ix.p.Rows+r])
		}
		ix.buckets[b][key] = append(ix.buckets[b][key], id)
	}
}

// Candidates returns the distinct pairs (i<j) sharing a band bucket,
// sorted.
func (ix *Index) Candidates() [][2]int {
	var keys []uint64
	for _, m := range ix.buckets {
		for _, ids := range m {
			if len(ids) < 2 || ix.p.MaxBucket > 0 && len(ids) > ix.p.MaxBucket {
				continue
			}
			for x := 0; x < len(ids); x++ {
				for y := x + 1; y < len(ids); y++ {
					keys = append(keys, uint64(ids[x])<<32|uint64(ids[y]))
				}
			}
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	out := make([][2]int, len(keys))
	for k, v := range keys {
		out[k] = [2]int{int(v >> 32), int(v & 0xffffffff)}
	}
	return out
}

// Candidates indexes docs and returns their candidate pairs.
func Candidates(docs []*similarity.Doc, p Params) [][2]int {
	ix := NewIndex(p)
	for _, d := range docs {
		ix.Add(d.Shingles())
	}
	return ix.Candidates()
}
