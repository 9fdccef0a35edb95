// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"sync"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// The relaxed float32 forms. Each reads its float32 logits as float64
// (exact) and draws from the same source values as its float64 form. The
// hard samples, the ExpConcrete samples, the straight-through draws and
// their gradients are the float64 form's values rounded to float32 once;
// the soft samples are computed in float32 by the kernels of soft32.go,
// within a few float32 ulp of the float64 values. So
// the law has the float64 form's precision (no tail loss from float32 noise
// or float32 sums), and a float32 sample is as reproducible as a float64
// one.

// rowPool holds float64 scratch rows for the float32 forms whose rows are
// too long for a stack buffer: after the first call of a given length they
// allocate nothing.
var rowPool = sync.Pool{New: func() any { return new([]float64) }}

// getRow returns a pooled float64 slice of length n; give it back with
// rowPool.Put.
func getRow(n int) *[]float64 {
	p := rowPool.Get().(*[]float64)
	if cap(*p) < n {
		*p = make([]float64, n)
	}
	*p = (*p)[:n]
	return p
}

// narrowTo rounds src to float32 into dst: dst[i] = float32(src[i]), round
// to nearest even, the same bits on every platform (the slice kernel
// narrowBody).
func narrowTo(dst []float32, src []float64) { narrowBody(dst, src) }

// narrowGo is the pure-Go twin of the assembly narrowBody.
func narrowGo(dst []float32, src []float64) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = float32(v)
	}
}

// SampleGumbel32 fills dst with standard Gumbel(0, 1) draws, the values
// SampleGumbel draws from the same source state rounded to float32, and
// returns dst. It consumes len(dst) source values.
func (g *Generator) SampleGumbel32(dst []float32) []float32 {
	g.checkGen("SampleGumbel32")
	var buf [blockLen]float64
	for off := 0; off < len(dst); off += blockLen {
		b := buf[:min(blockLen, len(dst)-off)]
		g.gumbels(b)
		narrowTo(dst[off:], b)
	}
	return dst
}

// SampleGumbel32 fills dst with float32 Gumbel draws from the global source.
// See Generator.SampleGumbel32.
func SampleGumbel32(dst []float32) []float32 { return global.SampleGumbel32(dst) }

// GumbelSoftmax32To is GumbelSoftmaxTo for float32 logits and samples: the
// Gumbel-Softmax (Concrete) sample
//
//	y_i = exp((l_i + G_i)/tau) / sum_j exp((l_j + G_j)/tau)
//
// (Jang et al. 2017 eq. 2; Maddison et al. 2017), or with hard the one-hot
// vector of argmax_i (l_i + G_i), stored in dst and returned, from the same
// source values GumbelSoftmaxTo draws for the logits converted to float64.
// The hard sample is GumbelSoftmaxTo's, so its index is exactly
// Categorical(softmax(logits)) at any magnitude. The soft sample is
// computed in float32 by SIMD kernels (see soft32.go: sixteen lanes with
// AVX-512, eight with AVX2; the same uniforms, float32 logarithms and
// exponentials, the sum in float64; on rows of more than 16 logits at
// tau = 1 and 1/2 by the exponential race): each y_i is within
// 2e-6 + (8e-6 + 3e-7 (max l - l_i))/tau relatively of GumbelSoftmaxTo's
// value (the float32 roundings of the exponent grow with the logit's
// distance below the largest; measured: 2.8e-6 at most on logits within 8 of
// it) or below 1e-30 where that value is (at a tau below about 3e-39, whose
// reciprocal overflows float32, it is GumbelSoftmaxTo's value rounded to
// float32). -Inf logits are masked
// (y_i = 0); if every logit is -Inf or any is NaN or +Inf, dst is filled
// with NaN. dst may be nil (allocated) or logits itself. With dst given it
// allocates nothing (a row of more than 64 logits drawn in float64, at a
// temperature whose reciprocal overflows float32, uses a pooled float64
// row). It panics as GumbelSoftmaxTo does.
func (g *Generator) GumbelSoftmax32To(dst, logits []float32, tau float64, hard bool) []float32 {
	return g.relax32("GumbelSoftmax32To", dst, logits, tau, hardMode(hard))
}

// GumbelSoftmax32To draws a float32 Gumbel-Softmax sample with the global
// source. See Generator.GumbelSoftmax32To.
func GumbelSoftmax32To(dst, logits []float32, tau float64, hard bool) []float32 {
	return global.GumbelSoftmax32To(dst, logits, tau, hard)
}

// LogGumbelSoftmax32To is LogGumbelSoftmaxTo for float32 logits: the
// ExpConcrete sample x_i = log y_i of GumbelSoftmax32To (Maddison et al.
// 2017, Appendix C), the float64 form's values rounded to float32. -Inf
// logits give -Inf. It panics as LogGumbelSoftmaxTo does.
func (g *Generator) LogGumbelSoftmax32To(dst, logits []float32, tau float64) []float32 {
	return g.relax32("LogGumbelSoftmax32To", dst, logits, tau, modeLog)
}

// LogGumbelSoftmax32To draws a float32 ExpConcrete sample with the global
// source. See Generator.LogGumbelSoftmax32To.
func LogGumbelSoftmax32To(dst, logits []float32, tau float64) []float32 {
	return global.LogGumbelSoftmax32To(dst, logits, tau)
}

// relax32 is the body of the single-row relaxed float32 forms.
func (g *Generator) relax32(op string, dst, logits []float32, tau float64, m mode) []float32 {
	g.checkGen(op)
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	if dst == nil {
		dst = make([]float32, len(logits))
	}
	checkLen(op, "dst", len(dst), len(logits))
	if m == modeHard {
		// The index alone, from the logits read in place (GumbelMax32).
		var scratch noiseScratch
		z := newNoise(g, len(logits), scratch[:])
		oneHot(dst, gumbelMax32(logits, &z))
		return dst
	}
	if inv := float32(1 / tau); m == modeSoft && soft32Fast(inv) {
		g.soft32Rows(dst, logits, len(logits), 0, 1, inv)
		return dst
	}
	if len(logits) <= shortRow {
		var buf [shortRow]float64
		b := buf[:len(logits)]
		prepBody(b, logits)
		g.sampleTo(op, b, b, tau, m)
		narrowTo(dst, b)
		return dst
	}
	p := getRow(len(logits))
	prepBody(*p, logits)
	g.sampleTo(op, *p, *p, tau, m)
	narrowTo(dst, *p)
	rowPool.Put(p)
	return dst
}

// GumbelSoftmaxBatch32To draws one GumbelSoftmax32To sample per row of the
// row-major float32 matrix logits with rows of k logits, stores them in dst
// (allocated if nil; it may be logits itself) and returns dst. The rows
// equal GumbelSoftmax32To on each row in turn, bit for bit, and so
// GumbelSoftmaxBatchTo on the converted matrix as GumbelSoftmax32To does;
// rows drawn in float64 are converted block by block into a pooled float64
// buffer (no allocation once it exists). With the package's Source the
// rows are drawn on several goroutines with the same result (see
// SetMaxWorkers). It panics with ErrTemperature unless tau is finite and
// > 0, with ErrEmpty if logits is empty, with ErrParameter unless k >= 1
// divides len(logits) and with ErrLength if a non-nil dst has another
// length.
func (g *Generator) GumbelSoftmaxBatch32To(dst, logits []float32, k int, tau float64, hard bool) []float32 {
	return g.batch32("GumbelSoftmaxBatch32To", dst, logits, k, tau, hardMode(hard))
}

// GumbelSoftmaxBatch32To draws a batch of float32 Gumbel-Softmax samples with
// the global source. See Generator.GumbelSoftmaxBatch32To.
func GumbelSoftmaxBatch32To(dst, logits []float32, k int, tau float64, hard bool) []float32 {
	return global.GumbelSoftmaxBatch32To(dst, logits, k, tau, hard)
}

// LogGumbelSoftmaxBatch32To draws one LogGumbelSoftmax32To sample per row;
// its contract is that of GumbelSoftmaxBatch32To.
func (g *Generator) LogGumbelSoftmaxBatch32To(dst, logits []float32, k int, tau float64) []float32 {
	return g.batch32("LogGumbelSoftmaxBatch32To", dst, logits, k, tau, modeLog)
}

// LogGumbelSoftmaxBatch32To draws a batch of float32 ExpConcrete samples with
// the global source. See Generator.LogGumbelSoftmaxBatch32To.
func LogGumbelSoftmaxBatch32To(dst, logits []float32, k int, tau float64) []float32 {
	return global.LogGumbelSoftmaxBatch32To(dst, logits, k, tau)
}

// batch32Shape checks a float32 batch's logits and row length k and returns
// the number of rows.
func batch32Shape(op string, logits []float32, k int) int {
	checkNonEmpty(op, len(logits))
	if k < 1 || len(logits)%k != 0 {
		panicf(op, ErrParameter, "row length k = %d does not divide %d logits", k, len(logits))
	}
	return len(logits) / k
}

// batch32 is the body of the relaxed float32 batch forms: relaxBatch on
// the converted rows, on the workers the Generator may use.
func (g *Generator) batch32(op string, dst, logits []float32, k int, tau float64, m mode) []float32 {
	g.checkGen(op)
	checkTau(op, tau)
	r := batch32Shape(op, logits, k)
	if dst == nil {
		dst = make([]float32, len(logits))
	}
	checkLen(op, "dst", len(dst), len(logits))
	inv := float32(1 / tau)
	fast := m == modeSoft && soft32Fast(inv)
	if w := g.workersFor(r, k, k); w > 1 {
		g.runRows(r, k, k, w, func(gen *Generator, i0, i1 int) {
			if fast {
				gen.soft32Rows(dst, logits, k, i0, i1, inv)
			} else {
				gen.relax32Rows(dst, logits, k, i0, i1, tau, m)
			}
		})
		return dst
	}
	if fast {
		g.soft32Rows(dst, logits, k, 0, r, inv)
	} else {
		g.relax32Rows(dst, logits, k, 0, r, tau, m)
	}
	return dst
}

// block32 is the number of float64 values the float32 batch forms convert
// at a time: rows are converted, drawn and rounded in blocks of about this
// size (or one by one if longer), which stay in the core's cache.
const block32 = 2048

// relax32Rows draws rows [i0, i1) of the float32 batch logits (rows of k)
// into the same rows of dst: block by block, each converted into a pooled
// float64 buffer, drawn by relaxRows into a second one (not in place: the
// short-row kernel would then go through a copy) and rounded. The noise is
// drawn in row order, so the blocks change nothing.
func (g *Generator) relax32Rows(dst, logits []float32, k, i0, i1 int, tau float64, m mode) {
	n := max(k, block32)
	p := getRow(2 * n) // both buffers from one pooled slice
	per := max(1, block32/k)
	for i := i0; i < i1; i += per {
		j := min(i1, i+per)
		b, o := (*p)[:(j-i)*k], (*p)[n:n+(j-i)*k]
		prepBody(b, logits[i*k:j*k])
		g.relaxRows(rowSource{data: o, stride: k, cols: k}, rowSource{data: b, stride: k, cols: k}, 0, j-i, tau, m)
		narrowTo(dst[i*k:j*k], o)
	}
	rowPool.Put(p)
}

// ST32 is a straight-through Gumbel-Softmax draw (see ST) from float32
// logits: the forward value Hard and the relaxed sample Soft in float32, and
// behind them the float64 draw that the backward pass differentiates, so the
// gradients have the float64 forms' precision.
type ST32 struct {
	// Index is the sampled category, Categorical(softmax(logits)); -1 if
	// the logits had no valid category (Hard and Soft are then NaN).
	Index int
	// Hard is the one-hot vector of Index: the forward value.
	Hard []float32
	// Soft is the relaxed sample drawn with the same noise, rounded to
	// float32.
	Soft []float32
	// Tau is the temperature.
	Tau float64

	st   ST        // the float64 draw
	grad []float64 // scratch of VJP and TauVJP
}

// StraightThrough32To is StraightThroughTo for float32 logits: it draws into
// st (allocated if nil; its slices are reused when large enough, so it then
// allocates nothing) the straight-through sample of the logits converted to
// float64, from the same source state, and returns st. Index is
// StraightThroughTo's Index and Hard and Soft its Hard and Soft rounded to
// float32. It panics with ErrTemperature unless tau is finite and > 0 and
// with ErrEmpty if logits is empty.
func (g *Generator) StraightThrough32To(st *ST32, logits []float32, tau float64) *ST32 {
	const op = "StraightThrough32To"
	g.checkGen(op)
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	if st == nil {
		st = new(ST32)
	}
	k := len(logits)
	st.st.Perturbed = resize(st.st.Perturbed, k)
	prepBody(st.st.Perturbed, logits)
	g.StraightThroughTo(&st.st, st.st.Perturbed, tau) // perturbs in place
	st.Hard, st.Soft = resize32(st.Hard, k), resize32(st.Soft, k)
	narrowTo(st.Hard, st.st.Hard)
	narrowTo(st.Soft, st.st.Soft)
	st.Index, st.Tau = st.st.Index, tau
	return st
}

// StraightThrough32To draws a float32 straight-through sample with the
// global source. See Generator.StraightThrough32To.
func StraightThrough32To(st *ST32, logits []float32, tau float64) *ST32 {
	return global.StraightThrough32To(st, logits, tau)
}

// resize32 is resize for a float32 slice.
func resize32(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// check panics with ErrParameter unless st holds a draw of
// StraightThrough32To.
func (st *ST32) check(op string) {
	if len(st.Soft) == 0 || len(st.st.Soft) != len(st.Soft) || st.Tau != st.st.Tau {
		panicf(op, ErrParameter, "ST32 holds no draw (len(Soft) = %d, Tau = %v); fill it with StraightThrough32To", len(st.Soft), st.Tau)
	}
}

// VJP stores in dst the vector-Jacobian product of ST.VJP,
//
//	dl_i = y_i (grad_i - <grad, y>) / tau,
//
// for the upstream float32 gradient grad = dLoss/dy, computed in float64
// from the float64 soft sample and rounded to float32, and returns dst. dst
// may be nil (allocated) or grad itself. It panics with ErrLength if
// len(grad) or a non-nil len(dst) is not k, and with ErrParameter if st
// holds no draw.
func (st *ST32) VJP(dst, grad []float32) []float32 {
	const op = "ST32.VJP"
	st.check(op)
	k := len(st.Soft)
	checkLen(op, "grad", len(grad), k)
	if dst == nil {
		dst = make([]float32, k)
	}
	checkLen(op, "dst", len(dst), k)
	st.grad = resize(st.grad, k)
	prepBody(st.grad, grad)
	vjp(st.grad, st.st.Soft, st.grad, st.Tau)
	narrowTo(dst, st.grad)
	return dst
}

// TauVJP returns the derivative of a loss with respect to the temperature
// given the float32 gradient grad = dLoss/dy (see ST.TauVJP), computed in
// float64. It panics with ErrLength if len(grad) is not k and with
// ErrParameter if st holds no draw.
func (st *ST32) TauVJP(grad []float32) float64 {
	const op = "ST32.TauVJP"
	st.check(op)
	checkLen(op, "grad", len(grad), len(st.Soft))
	st.grad = resize(st.grad, len(grad))
	prepBody(st.grad, grad)
	return st.st.TauVJP(st.grad)
}

// STBatch32 is a batch of float32 straight-through draws, one per row of a
// row-major float32 logits matrix with rows of K logits: row i of Hard and
// Soft (Hard[i*K : (i+1)*K]) and Index[i] are the fields of an ST32.
type STBatch32 struct {
	Index []int     // sampled category per row, -1 for an invalid row
	Hard  []float32 // one-hot rows: the forward value
	Soft  []float32 // relaxed rows, rounded to float32
	K     int       // row length
	Tau   float64

	st     STBatch   // the float64 draws
	logits mat.Dense // the converted logits (then perturbed in place)
	grad   mat.Dense // scratch of VJP and TauVJP
}

// StraightThroughBatch32To draws one straight-through sample per row of the
// row-major float32 matrix logits with rows of k logits into st (allocated
// if nil; reused when large enough, so it then allocates nothing) and
// returns st: StraightThroughBatchTo on the converted matrix, its Soft and
// Hard rounded to float32, equal to StraightThrough32To on each row in turn.
// It panics with ErrTemperature unless tau is finite and > 0, with ErrEmpty
// if logits is empty and with ErrParameter unless k >= 1 divides
// len(logits).
func (g *Generator) StraightThroughBatch32To(st *STBatch32, logits []float32, k int, tau float64) *STBatch32 {
	const op = "StraightThroughBatch32To"
	g.checkGen(op)
	checkTau(op, tau)
	r := batch32Shape(op, logits, k)
	if st == nil {
		st = new(STBatch32)
	}
	denseOf(&st.logits, r, k)
	prepBody(st.logits.RawMatrix().Data, logits)
	g.StraightThroughBatchTo(&st.st, &st.logits, tau)
	n := r * k
	st.Hard, st.Soft = resize32(st.Hard, n), resize32(st.Soft, n)
	narrowTo(st.Hard, st.st.Hard.RawMatrix().Data)
	narrowTo(st.Soft, st.st.Soft.RawMatrix().Data)
	st.Index, st.K, st.Tau = st.st.Index, k, tau
	return st
}

// StraightThroughBatch32To draws a batch of float32 straight-through samples
// with the global source. See Generator.StraightThroughBatch32To.
func StraightThroughBatch32To(st *STBatch32, logits []float32, k int, tau float64) *STBatch32 {
	return global.StraightThroughBatch32To(st, logits, k, tau)
}

// denseOf makes m an r×c matrix, reusing its backing array when it is large
// enough.
func denseOf(m *mat.Dense, r, c int) {
	data := m.RawMatrix().Data
	if cap(data) < r*c {
		data = make([]float64, r*c)
	}
	m.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: c, Data: data[:r*c]})
}

// check panics with ErrParameter unless st holds a draw of
// StraightThroughBatch32To.
func (st *STBatch32) check(op string) {
	if st.K < 1 || len(st.Soft) == 0 || st.st.Soft == nil || len(st.st.Soft.RawMatrix().Data) != len(st.Soft) || st.Tau != st.st.Tau {
		panicf(op, ErrParameter, "STBatch32 holds no draw (K = %d, Tau = %v); fill it with StraightThroughBatch32To", st.K, st.Tau)
	}
}

// gradOf checks the float32 batch gradient grad and returns it converted
// into st's scratch matrix.
func (st *STBatch32) gradOf(op string, grad []float32) *mat.Dense {
	st.check(op)
	checkLen(op, "grad", len(grad), len(st.Soft))
	denseOf(&st.grad, len(st.Soft)/st.K, st.K)
	prepBody(st.grad.RawMatrix().Data, grad)
	return &st.grad
}

// VJP stores in dst, row by row, the vector-Jacobian product of ST32.VJP for
// the upstream float32 gradient grad (r×K, row-major) and returns dst. dst
// may be nil (allocated) or grad itself. It panics with ErrLength on a
// length mismatch and with ErrParameter if st holds no draw.
func (st *STBatch32) VJP(dst, grad []float32) []float32 {
	const op = "STBatch32.VJP"
	g := st.gradOf(op, grad)
	if dst == nil {
		dst = make([]float32, len(grad))
	}
	checkLen(op, "dst", len(dst), len(grad))
	st.st.VJP(g, g)
	narrowTo(dst, g.RawMatrix().Data)
	return dst
}

// TauVJP returns the derivative with respect to tau of a loss whose float32
// gradient with respect to the soft samples is grad, summed over the rows
// (see STBatch.TauVJP). It panics with ErrLength on a length mismatch and
// with ErrParameter if st holds no draw.
func (st *STBatch32) TauVJP(grad []float32) float64 {
	return st.st.TauVJP(st.gradOf("STBatch32.TauVJP", grad))
}
