package perceptron

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Model is a frozen tagger: feature keys (32-bit folds of the feature
// hashes) in an open-addressing table, int8 weights with one scale per row.
type Model struct {
	NT    int
	Trans []float32 // (NT+1)×NT, NegInf where forbidden
	End   []float32
	keys  []uint32 // sorted, for serialization
	w     []int8   // row-major, len(keys)×NT
	scale []float32

	table []int32 // open addressing: slot → row+1 (0 = empty)
	mask  uint32
	wf    []float32 // dequantized weights for scoring
	pred  [][]int32
	in    []into
	endO  []float32 // score of moving on to tag 0 (O) from each tag
}

// Fold reduces a 64-bit feature hash to the 32-bit key the model stores.
func Fold(h uint64) uint32 { return uint32(h ^ h>>32) }

// Freeze turns averaged trainer weights into a compact model, dropping rows
// whose largest weight is below minAbs.
func Freeze(a *Trainer, minAbs float32) *Model {
	nT := a.NT
	type rowT struct {
		key uint32
		r   int
	}
	var rows []rowT
	for r, h := range a.Keys {
		w := a.W[r*nT : r*nT+nT]
		var mx float32
		for _, x := range w {
			mx = max(mx, float32(math.Abs(float64(x))))
		}
		if mx >= minAbs && mx > 0 {
			rows = append(rows, rowT{Fold(h), r})
		}
	}
	slices.SortFunc(rows, func(x, y rowT) int { return int(int64(x.key) - int64(y.key)) })
	// on a (rare) 32-bit collision keep the first row
	rows = slices.CompactFunc(rows, func(x, y rowT) bool { return x.key == y.key })
	m := &Model{NT: nT, Trans: make([]float32, (nT+1)*nT), End: append([]float32(nil), a.End...)}
	for k := range m.Trans {
		if a.Allow != nil && !a.Allow[k] {
			m.Trans[k] = NegInf
		} else {
			m.Trans[k] = a.TW[k]
		}
	}
	m.keys = make([]uint32, len(rows))
	m.w = make([]int8, len(rows)*nT)
	m.scale = make([]float32, len(rows))
	for i, rw := range rows {
		w := a.W[rw.r*nT : rw.r*nT+nT]
		var mx float32
		for _, x := range w {
			mx = max(mx, float32(math.Abs(float64(x))))
		}
		s := mx / 127
		m.keys[i] = rw.key
		m.scale[i] = s
		for t, x := range w {
			m.w[i*nT+t] = int8(math.Round(float64(x / s)))
		}
	}
	m.build()
	return m
}

// Rows is the number of feature rows kept.
func (m *Model) Rows() int { return len(m.keys) }

func (m *Model) build() {
	m.wf = make([]float32, len(m.w))
	for r := range m.keys {
		s := m.scale[r]
		for t := 0; t < m.NT; t++ {
			m.wf[r*m.NT+t] = s * float32(m.w[r*m.NT+t])
		}
	}
	m.pred = preds(m.NT, m.Trans)
	m.in = compileInto(m.NT, m.Trans, m.pred)
	m.endO = make([]float32, m.NT)
	for t := range m.endO {
		m.endO[t] = m.Trans[t*m.NT]
	}
	size := 1
	for size < 2*len(m.keys)+1 {
		size <<= 1
	}
	m.table = make([]int32, size)
	m.mask = uint32(size - 1)
	for i, k := range m.keys {
		s := mix(k) & m.mask
		for m.table[s] != 0 {
			s = (s + 1) & m.mask
		}
		m.table[s] = int32(i + 1)
	}
}

func mix(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x7feb352d
	k ^= k >> 15
	return k
}

func (m *Model) find(k uint32) int {
	s := mix(k) & m.mask
	for {
		v := m.table[s]
		if v == 0 {
			return -1
		}
		if m.keys[v-1] == k {
			return int(v - 1)
		}
		s = (s + 1) & m.mask
	}
}

// Scratch holds reusable decoding buffers; one per goroutine.
type Scratch struct {
	emit  []float32
	path  []int
	back  []int32
	score []float32
}

// Tag returns the best tag path for one sentence.
func (m *Model) Tag(feats [][]uint64, sc *Scratch) []int {
	nT := m.NT
	n := len(feats)
	if cap(sc.emit) < n*nT {
		sc.emit = make([]float32, n*nT)
	}
	emit := sc.emit[:n*nT]
	for i, fs := range feats {
		e := emit[i*nT : i*nT+nT]
		clear(e)
		for _, h := range fs {
			r := m.find(Fold(h))
			if r < 0 {
				continue
			}
			w := m.wf[r*nT : r*nT+nT]
			for t := range e {
				e[t] += w[t]
			}
		}
	}
	return viterbiInto(n, nT, emit, m.Trans, m.in, nT, m.End, sc)
}

// AppendBinary appends the model's serialization to b.
func (m *Model) AppendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(m.NT))
	for _, x := range m.Trans {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	for _, x := range m.End {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	b = binary.AppendUvarint(b, uint64(len(m.keys)))
	prev := uint32(0)
	for _, k := range m.keys {
		b = binary.AppendUvarint(b, uint64(k-prev))
		prev = k
	}
	// scales as float16-ish: keep float32 bits' top 16 (bfloat16)
	for _, s := range m.scale {
		b = binary.LittleEndian.AppendUint16(b, uint16(math.Float32bits(s)>>16))
	}
	// weights column-major: rows of one tag together compress better
	for t := 0; t < m.NT; t++ {
		for r := range m.keys {
			b = append(b, byte(m.w[r*m.NT+t]))
		}
	}
	return b
}

var errShort = errors.New("perceptron: truncated model")

// Decode reads a model written by AppendBinary and returns the rest of b.
func Decode(b []byte) (*Model, []byte, error) {
	rd := reader{b: b}
	nT := int(rd.uvarint())
	if rd.err != nil || nT <= 0 || nT > 256 {
		return nil, nil, fmt.Errorf("perceptron: bad tag count %d", nT)
	}
	m := &Model{NT: nT, Trans: make([]float32, (nT+1)*nT), End: make([]float32, nT)}
	for k := range m.Trans {
		m.Trans[k] = math.Float32frombits(rd.u32())
	}
	for k := range m.End {
		m.End[k] = math.Float32frombits(rd.u32())
	}
	n := int(rd.uvarint())
	if rd.err != nil || n < 0 || n > len(rd.b) {
		return nil, nil, errShort
	}
	m.keys = make([]uint32, n)
	prev := uint32(0)
	for i := range m.keys {
		prev += uint32(rd.uvarint())
		m.keys[i] = prev
	}
	m.scale = make([]float32, n)
	for i := range m.scale {
		m.scale[i] = math.Float32frombits(uint32(rd.u16()) << 16)
	}
	raw := rd.bytes(n * nT)
	if rd.err != nil {
		return nil, nil, rd.err
	}
	m.w = make([]int8, n*nT)
	for t := 0; t < nT; t++ {
		for r := 0; r < n; r++ {
			m.w[r*nT+t] = int8(raw[t*n+r])
		}
	}
	m.build()
	return m, rd.b, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.err = errShort
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) u16() uint16 {
	if r.err != nil || len(r.b) < 2 {
		r.err = errShort
		return 0
	}
	v := binary.LittleEndian.Uint16(r.b)
	r.b = r.b[2:]
	return v
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || len(r.b) < n {
		r.err = errShort
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// AddWeights adds the weight rows of the given features to e (len NT).
func (m *Model) AddWeights(e []float32, feats []uint64) {
	nT := m.NT
	for _, h := range feats {
		r := m.find(Fold(h))
		if r < 0 {
			continue
		}
		w := m.wf[r*nT : r*nT+nT]
		w = w[:len(e)] // lets the compiler drop bounds checks below
		for t := range e {
			e[t] += w[t]
		}
	}
}

// Decode returns the best path for n tokens' emission scores emit (n×NT).
func (m *Model) Decode(n int, emit []float32, sc *Scratch) []int {
	return viterbiInto(n, m.NT, emit, m.Trans, m.in, m.NT, m.End, sc)
}

// DecodeSegments decodes a sentence in which the tokens with fixed[i] true
// are known to be tag 0 (O): only the runs between them are searched, each
// starting after an O (or the sentence start) and ending before an O (or
// the sentence end), which gives exactly the path full Viterbi would.
func (m *Model) DecodeSegments(n int, emit []float32, fixed []bool, path []int, sc *Scratch) []int {
	nT := m.NT
	path = append(path[:0], make([]int, n)...)
	for a := 0; a < n; {
		if fixed[a] {
			a++
			continue
		}
		b := a
		for b < n && !fixed[b] {
			b++
		}
		start := nT
		if a > 0 {
			start = 0
		}
		end := m.End
		if b < n {
			end = m.endO
		}
		seg := viterbiInto(b-a, nT, emit[a*nT:b*nT], m.Trans, m.in, start, end, sc)
		copy(path[a:b], seg)
		a = b
	}
	return path
}

// into is, for one tag, its allowed predecessors and their transition
// scores side by side, so the Viterbi inner loop reads two short arrays
// instead of indexing the full transition matrix.
type into struct {
	p []int32
	w []float32
}

func compileInto(nT int, trans []float32, pred [][]int32) []into {
	out := make([]into, nT)
	for t := range out {
		for _, p := range pred[t] {
			out[t].p = append(out[t].p, p)
			out[t].w = append(out[t].w, trans[int(p)*nT+t])
		}
	}
	return out
}

// viterbiInto is viterbiFrom over compiled predecessor lists; it returns
// exactly the same path (same scores, same tie-breaking).
func viterbiInto(n, nT int, emit, trans []float32, in []into, startRow int, end []float32, sc *Scratch) []int {
	if n == 0 {
		return sc.path[:0]
	}
	back, cur, prev := sc.start(n, nT, emit, trans, startRow)
	in = in[:nT]
	for i := 1; i < n; i++ {
		cur, prev = prev, cur
		e := emit[i*nT : i*nT+nT]
		bk := back[i*nT : i*nT+nT]
		bk = bk[:len(e)]
		cur = cur[:len(e)]
		for t := range e {
			ps := in[t].p
			ws := in[t].w[:len(ps)]
			best, arg := NegInf, int32(0)
			for k, p := range ps {
				if s := prev[p] + ws[k]; s > best {
					best, arg = s, p
				}
			}
			cur[t] = best + e[t]
			bk[t] = arg
		}
	}
	return sc.finish(n, nT, cur, end, back)
}
