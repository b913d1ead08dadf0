package features

import (
	"encoding/binary"
	"errors"
	"slices"
)

// AppendBinary serializes the resources compactly: word lists are sorted
// and front-coded, gazetteer keys delta-coded.
func (r *Resources) AppendBinary(b []byte) []byte {
	// clusters: words front-coded with their fine id; mid and coarse per fine id
	words := make([]string, 0, len(r.Clusters))
	nFine := 0
	for w, c := range r.Clusters {
		words = append(words, w)
		nFine = max(nFine, int(c[0])+1)
	}
	slices.Sort(words)
	mid := make([]uint16, nFine)
	coarse := make([]uint16, nFine)
	for _, c := range r.Clusters {
		mid[c[0]], coarse[c[0]] = c[1], c[2]
	}
	b = binary.AppendUvarint(b, uint64(nFine))
	for i := 0; i < nFine; i++ {
		b = binary.AppendUvarint(b, uint64(mid[i]))
		b = binary.AppendUvarint(b, uint64(coarse[i]))
	}
	b = appendWords(b, words)
	for _, w := range words {
		b = binary.AppendUvarint(b, uint64(r.Clusters[w][0]))
	}
	b = appendWords(b, setWords(r.Common))
	b = appendWords(b, setWords(r.Titles))
	b = binary.AppendUvarint(b, uint64(len(r.Gaz)))
	for _, g := range r.Gaz {
		b = binary.AppendUvarint(b, uint64(g.MaxLen))
		keys := make([]uint32, 0, len(g.Entries))
		for k := range g.Entries {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		prev := uint32(0)
		for _, k := range keys {
			b = binary.AppendUvarint(b, uint64(k-prev))
			prev = k
		}
		for _, k := range keys {
			e := g.Entries[k]
			bits := byte(0)
			for l, df := range e.DF {
				if df > 0 {
					bits |= 1 << l
				}
			}
			b = append(b, bits|e.Src<<4)
		}
	}
	return b
}

func setWords(m map[string]bool) []string {
	var out []string
	for w, ok := range m {
		if ok {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

func appendWords(b []byte, words []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(words)))
	prev := ""
	for _, w := range words {
		p := 0
		for p < len(w) && p < len(prev) && w[p] == prev[p] && p < 255 {
			p++
		}
		b = binary.AppendUvarint(b, uint64(p))
		b = binary.AppendUvarint(b, uint64(len(w)-p))
		b = append(b, w[p:]...)
		prev = w
	}
	return b
}

var errTrunc = errors.New("features: truncated resources")

type rd struct {
	b   []byte
	err error
}

func (r *rd) uv() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<31 {
		r.err = errTrunc
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *rd) words() []string {
	n := r.uv()
	if n > len(r.b) {
		r.err = errTrunc
	}
	if r.err != nil {
		return nil
	}
	out := make([]string, 0, n)
	prev := ""
	for i := 0; i < n && r.err == nil; i++ {
		p, l := r.uv(), r.uv()
		if r.err != nil || p > len(prev) || l > len(r.b) {
			r.err = errTrunc
			return nil
		}
		w := prev[:p] + string(r.b[:l])
		r.b = r.b[l:]
		out = append(out, w)
		prev = w
	}
	return out
}

// DecodeResources reads resources written by AppendBinary and returns the
// rest of b.
func DecodeResources(b []byte) (*Resources, []byte, error) {
	r := &rd{b: b}
	res := &Resources{Clusters: map[string][3]uint16{}, Common: map[string]bool{}, Titles: map[string]bool{}}
	nFine := r.uv()
	if nFine > len(r.b) {
		return nil, nil, errTrunc
	}
	mid := make([]uint16, nFine)
	coarse := make([]uint16, nFine)
	for i := 0; i < nFine; i++ {
		mid[i], coarse[i] = uint16(r.uv()), uint16(r.uv())
	}
	words := r.words()
	for _, w := range words {
		f := r.uv()
		if f >= nFine {
			r.err = errTrunc
		}
		if r.err != nil {
			return nil, nil, r.err
		}
		res.Clusters[w] = [3]uint16{uint16(f), mid[f], coarse[f]}
	}
	for _, w := range r.words() {
		res.Common[w] = true
	}
	for _, w := range r.words() {
		res.Titles[w] = true
	}
	ng := r.uv()
	if ng > 16 {
		return nil, nil, errTrunc
	}
	for i := 0; i < ng && r.err == nil; i++ {
		g := NewGazetteer(r.uv())
		n := r.uv()
		if n > len(r.b) {
			return nil, nil, errTrunc
		}
		keys := make([]uint32, n)
		prev := uint32(0)
		for k := range keys {
			prev += uint32(r.uv())
			keys[k] = prev
		}
		if r.err != nil || len(r.b) < n {
			return nil, nil, errTrunc
		}
		for k, key := range keys {
			bits := r.b[k]
			var e GazEntry
			e.Src = bits >> 4
			for l := 0; l < 4; l++ {
				if bits&(1<<l) != 0 {
					e.DF[l] = 1
				}
			}
			g.Entries[key] = e
		}
		r.b = r.b[n:]
		g.Freeze()
		res.Gaz = append(res.Gaz, g)
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	return res, r.b, nil
}
