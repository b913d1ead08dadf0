package perceptron

// Trainer holds the weights of an averaged perceptron during training.
// Feature rows are created the first time an update touches a feature, so
// features that never matter cost nothing.
type Trainer struct {
	NT    int
	Index map[uint64]int32 // feature hash → row
	Keys  []uint64         // row → feature hash
	W     []float32        // rows × NT
	U     []float64        // c-weighted update sums for averaging: avg = W - U/c
	TW    []float32        // (NT+1) × NT transitions, row NT = sentence start
	TU    []float64
	C     float64 // instance counter
	Allow []bool  // (NT+1)×NT allowed transitions; nil allows all
	End   []float32

	emit  []float32
	trans []float32
	pred  [][]int32
	sc    Scratch
	rows  [][]int32
}

// NewTrainer makes a trainer for nT tags.
func NewTrainer(nT int, allow []bool, end []float32) *Trainer {
	return &Trainer{NT: nT, Index: map[uint64]int32{}, TW: make([]float32, (nT+1)*nT), TU: make([]float64, (nT+1)*nT), C: 1, Allow: allow, End: end}
}

// lookup maps each token's feature hashes to rows (-1 when unknown).
func (tr *Trainer) lookup(feats [][]uint64) [][]int32 {
	if cap(tr.rows) < len(feats) {
		tr.rows = make([][]int32, len(feats))
	}
	rows := tr.rows[:len(feats)]
	for i, fs := range feats {
		r := rows[i][:0]
		for _, h := range fs {
			if k, ok := tr.Index[h]; ok {
				r = append(r, k)
			} else {
				r = append(r, -1)
			}
		}
		rows[i] = r
	}
	return rows
}

// Tag returns the best path for a sentence given each token's feature hashes.
func (tr *Trainer) Tag(feats [][]uint64) []int {
	nT := tr.NT
	n := len(feats)
	rows := tr.lookup(feats)
	if cap(tr.emit) < n*nT {
		tr.emit = make([]float32, n*nT)
	}
	emit := tr.emit[:n*nT]
	for i, fs := range rows {
		e := emit[i*nT : i*nT+nT]
		for t := range e {
			e[t] = 0
		}
		for _, f := range fs {
			if f < 0 {
				continue
			}
			row := tr.W[int(f)*nT : int(f)*nT+nT]
			for t := range e {
				e[t] += row[t]
			}
		}
	}
	if tr.trans == nil {
		tr.trans = make([]float32, (nT+1)*nT)
	}
	for k := range tr.trans {
		if tr.Allow != nil && !tr.Allow[k] {
			tr.trans[k] = NegInf
		} else {
			tr.trans[k] = tr.TW[k]
		}
	}
	if tr.pred == nil {
		tr.pred = preds(nT, tr.trans)
	}
	return viterbi(n, nT, emit, tr.trans, tr.pred, tr.End, &tr.sc)
}

func (tr *Trainer) row(h uint64) int {
	if k, ok := tr.Index[h]; ok {
		return int(k)
	}
	k := len(tr.Keys)
	tr.Index[h] = int32(k)
	tr.Keys = append(tr.Keys, h)
	for t := 0; t < tr.NT; t++ {
		tr.W = append(tr.W, 0)
		tr.U = append(tr.U, 0)
	}
	return k
}

// Update moves the weights towards gold and away from pred and returns the
// number of wrong tags.
func (tr *Trainer) Update(feats [][]uint64, gold, pred []int) int {
	nT := tr.NT
	wrong := 0
	for i := range gold {
		g, p := gold[i], pred[i]
		if g != p {
			wrong++
			for _, h := range feats[i] {
				r := tr.row(h) * nT
				tr.W[r+g]++
				tr.U[r+g] += tr.C
				tr.W[r+p]--
				tr.U[r+p] -= tr.C
			}
		}
		gp, pp := nT, nT
		if i > 0 {
			gp, pp = gold[i-1], pred[i-1]
		}
		if gp != pp || g != p {
			tr.TW[gp*nT+g]++
			tr.TU[gp*nT+g] += tr.C
			tr.TW[pp*nT+p]--
			tr.TU[pp*nT+p] -= tr.C
		}
	}
	return wrong
}

// Tick advances the averaging clock by one training instance.
func (tr *Trainer) Tick() { tr.C++ }

// Averaged returns a copy of the trainer with averaged weights, for
// evaluation between epochs or for freezing.
func (tr *Trainer) Averaged() *Trainer {
	a := *tr
	a.W = make([]float32, len(tr.W))
	for k := range tr.W {
		a.W[k] = tr.W[k] - float32(tr.U[k]/tr.C)
	}
	a.TW = make([]float32, len(tr.TW))
	for k := range tr.TW {
		a.TW[k] = tr.TW[k] - float32(tr.TU[k]/tr.C)
	}
	a.U, a.TU = nil, nil
	a.emit, a.trans, a.pred, a.sc, a.rows = nil, nil, nil, Scratch{}, nil
	return &a
}
