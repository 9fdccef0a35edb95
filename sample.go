// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"
)

// SampleGumbel fills dst with independent standard Gumbel(0, 1) draws
// (CDF exp(-exp(-x))) and returns it. Every value is finite, in about
// [-3.6, 36.7] (see Generator.Gumbel). It consumes len(dst) source values.
func (g *Generator) SampleGumbel(dst []float64) []float64 {
	g.checkGen("SampleGumbel")
	g.gumbels(dst)
	return dst
}

// SampleGumbel fills dst with standard Gumbel(0, 1) draws from the global
// source. See Generator.SampleGumbel.
func SampleGumbel(dst []float64) []float64 { return global.SampleGumbel(dst) }

// SampleGumbelLocScale fills dst with independent Gumbel(mu, beta) draws,
// mu + beta*G with G standard Gumbel (CDF exp(-exp(-(x-mu)/beta)), mean
// mu + beta*γ, variance π²beta²/6), and returns dst. It panics with
// ErrParameter if mu is not finite or beta is not finite and > 0.
func (g *Generator) SampleGumbelLocScale(dst []float64, mu, beta float64) []float64 {
	const op = "SampleGumbelLocScale"
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		panicf(op, ErrParameter, "location %v is not finite", mu)
	}
	if !(beta > 0) || math.IsInf(beta, 1) {
		panicf(op, ErrParameter, "scale %v is not finite and > 0", beta)
	}
	g.gumbels(dst)
	for i, v := range dst {
		dst[i] = mu + float64(beta*v) // float64(): no fused multiply-add, same bits everywhere
	}
	return dst
}

// SampleGumbelLocScale fills dst with Gumbel(mu, beta) draws from the global
// source. See Generator.SampleGumbelLocScale.
func SampleGumbelLocScale(dst []float64, mu, beta float64) []float64 {
	return global.SampleGumbelLocScale(dst, mu, beta)
}

// perturb is the one Gumbel-perturbation kernel: with c = rowShift(logits),
// the largest logit, it writes the shifted perturbed logits
// dst[i] = (logits[i] - c) + G_i, one fresh Gumbel draw per element (masked
// elements included, so the position in the stream depends only on the
// length), and returns the index of the largest dst[i], the first one on
// ties.
//
// The shift makes the index exact at every magnitude: softmax is
// shift-invariant, the differences l_i - c of logits near the maximum are
// exact (Sterbenz), and adding G_i to a number near 0 keeps its resolution,
// whereas l_i + G_i rounds G_i away once |l_i| is about 2^53 (1e17 + G ==
// 1e17). Logits far below c may round, or give -Inf, in l_i - c: their
// probability is 0 to float64 precision.
//
// It returns -1 when no index is valid: when every logit is -Inf (all
// categories masked), or when any logit is NaN or +Inf (the distribution
// softmax(logits) is then undefined). dst and logits may be the same slice;
// a nil dst stores nothing (plain Gumbel-max).
func (g *Generator) perturb(dst, logits []float64) int {
	return g.perturbShift(dst, logits, rowShift(logits))
}

// perturbShift is perturb with the shift c given (see rowShift), for callers
// that perturb a row in pieces (topk) and need one shift for all of them.
func (g *Generator) perturbShift(dst, logits []float64, c float64) int {
	if len(logits) <= shortRow {
		var scratch [shortRow]float64
		z := newNoise(g, len(logits), scratch[:])
		z.kind = perturbNoise(dst == nil, len(logits))
		return perturbFromShift(dst, logits, &z, c)
	}
	var scratch noiseScratch
	z := newNoise(g, len(logits), scratch[:])
	z.kind = perturbNoise(dst == nil, len(logits))
	return perturbFromShift(dst, logits, &z, c)
}

// perturbAbs is perturb in absolute units, unshifted: it writes
// dst[i] = logits[i] + G_i (rounded at the magnitude of logits[i]), for
// callers that compare the perturbed logits with absolute quantities
// (condGumbel); its index is not exact at magnitudes near 2^53 and above.
func (g *Generator) perturbAbs(dst, logits []float64) int {
	return g.perturbShift(dst, logits, 0)
}

// rowShift returns the shift the perturb kernel subtracts from a row: its
// largest logit, or 0 if there is none that is finite or the row is bad
// (NaN or +Inf), so that such rows keep their special results. It is one
// pass of the slice kernel maxBody (fastmath.go).
func rowShift(logits []float64) float64 {
	c, bad := maxBody(logits)
	if bad || c < -math.MaxFloat64 {
		return 0
	}
	return c
}

// perturbFrom is perturb with the Gumbel draws taken from z, so that a batch
// draws its noise in blocks that span rows.
func perturbFrom(dst, logits []float64, z *noise) int {
	return perturbFromShift(dst, logits, z, rowShift(logits))
}

// perturbFromShift is perturbFrom with the shift c given. The shifted sums
// (unless dst is nil), the maximum of each block and its first index come
// from the slice kernel perturbBody (fastmath.go).
func perturbFromShift(dst, logits []float64, z *noise, c float64) int {
	if z.kind == noiseBits {
		if dst != nil {
			panic("gumbel: internal error: raw bits where sums are stored")
		}
		return argmaxFromBits(logits, z, c)
	}
	best, arg := math.Inf(-1), -1
	bad := false
	for off := 0; off < len(logits); {
		gs := z.take(len(logits) - off)
		n := len(gs)
		var out []float64 // nil: no stores
		if dst != nil {
			out = dst[off : off+n]
		}
		var m float64
		var i int
		var b bool
		if z.kind == noiseExps { // G = -log E in the perturbation's pass
			m, i, b = perturbExpsBody(out, logits[off:off+n], gs, c)
		} else {
			m, i, b = perturbBody(out, logits[off:off+n], gs, c)
		}
		bad = bad || b
		if m > best {
			best, arg = m, off+i
		}
		off += n
	}
	if bad {
		return -1
	}
	return arg
}

// keyBound bounds |approximate key - exact key| in argmaxFromBits for every
// element. The approximate logarithm alog(x) = k ln2 + f q(f) (|x| = 2^k m,
// m = 1 + f in [3/4, 3/2), q of degree 4 within 5.2e-5 relatively of
// log1p(f)/f) is within 5.2e-5 log(3/2) < 2.1e-5 of log x absolutely, so
// alog(U) is log U within 7.5e-5 relatively (|log U| >= 0.287 wherever
// k != 0) and alog(-alog(U)) is log(-log U) within 7.5e-5 + 2.1e-5 < 1e-4
// = keyBound/10; TestApproxKeys measures 7.05e-5 on 10^6 uniforms, the
// extremes and the range boundaries. The roundings of keys within 41 of 0
// are below 1e-13.
const keyBound = 1e-3

// argmaxFromBits is perturbFrom(nil, logits, z) for a noise handing out the
// source's raw bits (noiseBits): rawArgmax for one row.
func argmaxFromBits(logits []float64, z *noise, c float64) int {
	var a rawArgmax
	a.add(0, logits, z, c)
	a.flush()
	return a.index(0)
}

// rawPend is the number of candidates whose exact keys rawArgmax computes
// in one call of the vector kernel; rawRows is the number of rows it holds.
const (
	rawPend = 16
	rawRows = 8
)

// rawArgmax finds the indices perturbFrom(nil, row, z) gives for up to
// rawRows rows from a noise handing out the source's raw bits (noiseBits),
// without the two exact logarithms of every element. Of each block of a
// row, candidatesBody keeps the elements whose approximate key
// (l_i - c) - alog(alog(U_i)) is within 2 keyBound of the row's largest
// approximate key so far: any other element's exact key is below that
// largest one's, since both are within keyBound of their approximate keys.
// Only the candidates get their exact key float64(l_i - c) + G_i, with
// G_i = gumbelFromBits as perturbGo computes it, and those of many rows at
// once, in the vector kernel gumbelsBody (the two logarithms of one
// candidate are a long chain of latency; those of many overlap). They are
// compared in index order, ties to the first.
type rawArgmax struct {
	keys    [blockLen]float64     // approximate keys of the current block
	mask    [blockLen / 64]uint64 // its candidates
	bits    [rawPend]float64      // pending candidates: raw bits, then G
	shifted [rawPend]float64      // their float64(l_i - c)
	row     [rawPend]int          // their row
	pos     [rawPend]int          // their index in it
	n       int                   // number pending
	best    [rawRows]float64      // each row's best exact key so far
	arg     [rawRows]int          // and its index
	bad     [rawRows]bool         // a NaN or +Inf logit in the row
}

// add draws the noise of the logits of row r (shift c, see rowShift) and
// queues its candidates.
func (a *rawArgmax) add(r int, logits []float64, z *noise, c float64) {
	a.best[r], a.arg[r], a.bad[r] = math.Inf(-1), -1, false
	lo := math.Inf(-1) // the row's largest approximate key so far - 2 keyBound
	for off := 0; off < len(logits); {
		us := z.take(min(len(logits)-off, blockLen)) // keys and mask hold blockLen
		n := len(us)
		l := logits[off : off+n]
		words := a.mask[:(n+63)/64]
		if candidatesBody(words, a.keys[:n], l, us, c, lo) {
			a.bad[r] = true
		}
		for w, word := range words {
			for word != 0 {
				j := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				if k := a.keys[j] - 2*keyBound; k > lo {
					lo = k
				}
				if a.n == rawPend {
					a.flush()
				}
				a.bits[a.n], a.shifted[a.n], a.row[a.n], a.pos[a.n] = us[j], float64(l[j]-c), r, off+j
				a.n++
			}
		}
		off += n
	}
}

// flush computes the exact keys of the pending candidates and updates
// their rows' best.
func (a *rawArgmax) flush() {
	g := a.bits[:a.n]
	gumbelsBody(g)
	for p, gp := range g {
		r := a.row[p]
		if s := a.shifted[p] + gp; s > a.best[r] {
			a.best[r], a.arg[r] = s, a.pos[p]
		}
	}
	a.n = 0
}

// index returns row r's index, after flush: -1 for a row with a NaN or
// +Inf logit or with every logit -Inf.
func (a *rawArgmax) index(r int) int {
	if a.bad[r] {
		return -1
	}
	return a.arg[r]
}

// indicesTo sets dst[j] = perturbFrom(nil, rows.row(i0+j), z) for every j:
// for a noise of raw bits through rawArgmax, rawRows rows at a time.
func indicesTo(dst []int, rows rowSource, i0 int, z *noise) {
	if z.kind != noiseBits {
		for j := range dst {
			dst[j] = perturbFrom(nil, rows.row(i0+j), z)
		}
		return
	}
	var a rawArgmax
	for j0 := 0; j0 < len(dst); j0 += rawRows {
		d := dst[j0:min(j0+rawRows, len(dst))]
		for j := range d {
			l := rows.row(i0 + j0 + j)
			a.add(j, l, z, rowShift(l))
		}
		a.flush()
		for j := range d {
			d[j] = a.index(j)
		}
	}
}

// GumbelMax returns argmax_i (logits[i] + G_i) with G_i independent standard
// Gumbel draws: an exact sample of Categorical(softmax(logits)) (the
// Gumbel-max trick, Gumbel 1954; Jang et al. 2017 eq. 1), for finite logits
// of any magnitude: the noise is added to logits[i] - max(logits), the same
// law, so that 1e17 + G does not round to 1e17. Logits are
// unnormalised log-probabilities; a logit of -Inf masks its category, which is
// never returned. It consumes len(logits) source values.
//
// It returns -1, which is never a valid index, when every logit is -Inf or any
// logit is NaN or +Inf. It panics with ErrEmpty if logits is empty.
func (g *Generator) GumbelMax(logits []float64) int {
	g.checkGen("GumbelMax")
	checkNonEmpty("GumbelMax", len(logits))
	return g.perturb(nil, logits)
}

// GumbelMax draws one categorical index with the global source. See
// Generator.GumbelMax.
func GumbelMax(logits []float64) int { return global.GumbelMax(logits) }

// GumbelMaxBatchTo draws one Gumbel-max index per row of logits (see
// GumbelMax), stores them in dst and returns dst. If dst is nil a new slice
// is allocated; otherwise its length must be the number of rows. Rows are
// drawn in order, so the result equals calling GumbelMax on each row in turn.
// A row with no valid index gives -1. It panics with ErrEmpty if logits has
// no column and ErrLength if len(dst) is wrong.
func (g *Generator) GumbelMaxBatchTo(dst []int, logits mat.Matrix) []int {
	g.checkGen("GumbelMaxBatchTo")
	dst, r, c := indexBatchArgs("GumbelMaxBatchTo", dst, logits)
	rows := rowsOf(logits)
	if w := g.workersFor(r, c, c); w > 1 {
		g.runRows(r, c, c, w, func(gen *Generator, i0, i1 int) { gen.gumbelMaxRows(dst, rows, i0, i1) })
		return dst
	}
	g.gumbelMaxRows(dst, rows, 0, r)
	return dst
}

// gumbelMaxRows draws the indices of rows [i0, i1) into dst[i0:i1], in
// order.
func (g *Generator) gumbelMaxRows(dst []int, rows rowSource, i0, i1 int) {
	var scratch batchScratch
	z := newNoise(g, (i1-i0)*rows.cols, scratch[:])
	z.kind = perturbNoise(true, rows.cols)
	indicesTo(dst[i0:i1], rows, i0, &z)
}

// GumbelMaxBatchTo draws one index per row with the global source. See
// Generator.GumbelMaxBatchTo.
func GumbelMaxBatchTo(dst []int, logits mat.Matrix) []int {
	return global.GumbelMaxBatchTo(dst, logits)
}

// indexBatchArgs checks the arguments of the batch forms that draw one index
// per row and returns dst (allocated if nil) and the shape of logits.
func indexBatchArgs(op string, dst []int, logits mat.Matrix) ([]int, int, int) {
	checkMatrix(op, "logits", logits)
	r, c := logits.Dims()
	checkNonEmpty(op, c)
	if dst == nil {
		dst = make([]int, r)
	}
	checkLen(op, "dst", len(dst), r)
	return dst, r, c
}

// rowSource gives row-major access to a matrix without copying a *mat.Dense.
type rowSource struct {
	data   []float64
	stride int
	cols   int
}

func (r rowSource) row(i int) []float64 {
	return r.data[i*r.stride : i*r.stride+r.cols : i*r.stride+r.cols]
}

// from returns r without its first i rows.
func (r rowSource) from(i int) rowSource {
	return rowSource{data: r.data[i*r.stride:], stride: r.stride, cols: r.cols}
}

// rowsOf returns row access to m: the backing array of a *mat.Dense (no copy),
// or a row-major copy of any other mat.Matrix.
func rowsOf(m mat.Matrix) rowSource {
	d, ok := m.(*mat.Dense)
	if !ok {
		d = mat.DenseCopyOf(m)
	}
	raw := d.RawMatrix()
	return rowSource{data: raw.Data, stride: raw.Stride, cols: raw.Cols}
}
