// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// ST is one straight-through Gumbel-Softmax draw (Jang et al. 2017 §2.2):
// the forward value is the one-hot Hard, the backward pass differentiates the
// soft sample Soft as if it had been the output. It keeps what the backward
// pass needs, so that the gradient costs O(k) and no k×k matrix (VJP,
// TauVJP); Jacobian builds the dense k×k matrix for those who want it.
//
// PyTorch writes the same estimator y_hard - y_soft.detach() + y_soft.
type ST struct {
	// Index is argmax_i (l_i + G_i), the sampled category, distributed as
	// Categorical(softmax(logits)); -1 if the logits had no valid category,
	// in which case Hard and Soft are NaN.
	Index int
	// Hard is the one-hot vector of Index: the forward value.
	Hard []float64
	// Soft is the relaxed sample y = softmax((l + G)/tau) drawn with the
	// same noise: the value the backward pass differentiates.
	Soft []float64
	// Perturbed holds the shifted perturbed logits (l_i - max l) + G_i (the
	// shift keeps the index exact at any magnitude; the softmax and its
	// derivatives are shift-invariant), the noise held fixed for the derivatives.
	Perturbed []float64
	// Tau is the temperature.
	Tau float64
}

// resize returns s with length n, reusing its array when it is large enough.
func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// resizeInts is resize for an index slice.
func resizeInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// StraightThroughTo draws a straight-through Gumbel-Softmax sample for logits
// at temperature tau into st, reusing its slices when they are large enough
// (then it allocates nothing), and returns st. If st is nil a new ST is
// allocated. It consumes len(logits) source values and draws the same noise
// as GumbelSoftmaxTo: Hard equals GumbelSoftmaxTo(nil, logits, tau, true)
// for the same source state, and Soft equals GumbelSoftmaxTo(nil, logits,
// tau, false), to the bit unless 1/tau is an integer and the row has 32
// logits or more: the soft sample then takes the exponential race (see
// GumbelSoftmaxTo), the same values in another order of operations, and
// the two agree to a few ulp.
//
// It panics with ErrTemperature unless tau is finite and > 0 and with
// ErrEmpty if logits is empty.
func (g *Generator) StraightThroughTo(st *ST, logits []float64, tau float64) *ST {
	const op = "StraightThroughTo"
	g.checkGen(op)
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	if st == nil {
		st = new(ST)
	}
	k := len(logits)
	st.Hard, st.Soft, st.Perturbed = resize(st.Hard, k), resize(st.Soft, k), resize(st.Perturbed, k)
	st.Tau = tau
	st.Index = g.perturb(st.Perturbed, logits)
	relax(st.Soft, st.Perturbed, st.Index, tau, modeSoft)
	relax(st.Hard, st.Perturbed, st.Index, tau, modeHard)
	return st
}

// StraightThroughTo draws a straight-through sample with the global source.
// See Generator.StraightThroughTo.
func StraightThroughTo(st *ST, logits []float64, tau float64) *ST {
	return global.StraightThroughTo(st, logits, tau)
}

// StraightThrough returns a new straight-through Gumbel-Softmax sample. See
// StraightThroughTo.
func (g *Generator) StraightThrough(logits mat.Vector, tau float64) *ST {
	g.checkGen("StraightThrough")
	checkVector("StraightThrough", "logits", logits)
	checkTau("StraightThrough", tau)
	checkNonEmpty("StraightThrough", logits.Len())
	_, data := vecCopy(logits)
	return g.StraightThroughTo(nil, data, tau)
}

// StraightThrough returns a new straight-through sample drawn with the global
// source. See Generator.StraightThroughTo.
func StraightThrough(logits mat.Vector, tau float64) *ST { return global.StraightThrough(logits, tau) }

// Jacobian stores in dst the Jacobian of the soft sample with respect to the
// logits, the noise held fixed,
//
//	dy/dl = (diag(y) - y yᵀ) / tau,
//
// symmetric with rows summing to 0, and returns dst. If dst is nil a new
// k×k matrix is allocated. It panics with ErrLength if dst is not k×k and
// with ErrParameter if st holds no draw (a zero-value ST).
// Prefer VJP, which costs O(k) instead of O(k²).
func (st *ST) Jacobian(dst *mat.SymDense) *mat.SymDense {
	st.check("ST.Jacobian", false)
	k := len(st.Soft)
	if dst == nil {
		dst = mat.NewSymDense(k, nil)
	}
	if n := dst.SymmetricDim(); n != k {
		panicf("ST.Jacobian", ErrLength, "dst is %d×%d, want %d×%d", n, n, k, k)
	}
	y := st.Soft
	for i, yi := range y {
		for j := i; j < k; j++ {
			v := -float64(yi * y[j]) // float64(): no fused multiply-add, same bits everywhere
			if i == j {
				v += yi
			}
			// Divide, not multiply by 1/tau: 1/tau overflows for tau
			// below 1/MaxFloat64 and 0*Inf would give NaN.
			dst.SetSym(i, j, v/st.Tau)
		}
	}
	return dst
}

// VJP stores in dst the vector-Jacobian product gradᵀ dy/dl, the gradient of
// a loss with respect to the logits given grad = dLoss/dy (straight-through:
// grad is the gradient at the one-hot forward value),
//
//	dl_i = y_i (grad_i - <grad, y>) / tau,
//
// in O(k) time and no extra memory, and returns dst. dst may be nil
// (allocated) or grad itself. It panics with ErrLength if len(grad) or a
// non-nil len(dst) is not k, and with ErrParameter if st holds no draw.
func (st *ST) VJP(dst, grad []float64) []float64 {
	st.check("ST.VJP", false)
	dst = vjpArgs("ST.VJP", dst, grad, len(st.Soft))
	vjp(dst, st.Soft, grad, st.Tau)
	return dst
}

// SoftmaxVJPTo stores in dst the vector-Jacobian product of a relaxed sample
// y = softmax((l + G)/tau) with respect to the logits, the noise held fixed,
//
//	dl_i = y_i (grad_i - <grad, y>) / tau,
//
// given grad = dLoss/dy, and returns dst. It is the backward pass of the
// relaxed Gumbel-Softmax (a sample from GumbelSoftmaxTo or a row of
// GumbelSoftmaxBatchTo used as the forward value) and the kernel of ST.VJP.
// It costs O(k) and builds no k×k matrix; dst may be nil (allocated), y or
// grad. It panics with ErrTemperature unless tau is finite and > 0, and with
// ErrLength unless len(grad) == len(y) and dst is nil or of that length.
func SoftmaxVJPTo(dst, y, grad []float64, tau float64) []float64 {
	const op = "SoftmaxVJPTo"
	checkTau(op, tau)
	dst = vjpArgs(op, dst, grad, len(y))
	vjp(dst, y, grad, tau)
	return dst
}

// check panics with ErrParameter if st holds no draw usable by op: Soft
// empty, Tau not positive, or, when perturbed is set (the temperature
// derivatives), Perturbed of another length or Index out of range. A
// zero-value ST is not a draw: use one filled by StraightThroughTo.
func (st *ST) check(op string, perturbed bool) {
	k := len(st.Soft)
	if k == 0 || !(st.Tau > 0) {
		panicf(op, ErrParameter, "ST holds no draw (len(Soft) = %d, Tau = %v); fill it with StraightThroughTo", k, st.Tau)
	}
	if perturbed && (len(st.Perturbed) != k || st.Index < -1 || st.Index >= k) {
		panicf(op, ErrParameter, "ST is inconsistent (len(Soft) = %d, len(Perturbed) = %d, Index = %d)", k, len(st.Perturbed), st.Index)
	}
}

// check is ST.check for a batch.
func (st *STBatch) check(op string, perturbed bool) {
	if st.Soft == nil || !(st.Tau > 0) {
		panicf(op, ErrParameter, "STBatch holds no draw (Tau = %v); fill it with StraightThroughBatchTo", st.Tau)
	}
	if perturbed {
		r, c := st.Soft.Dims()
		if st.Perturbed == nil || len(st.Index) != r {
			panicf(op, ErrParameter, "STBatch is inconsistent (%d rows, %d indices)", r, len(st.Index))
		}
		if pr, pc := st.Perturbed.Dims(); pr != r || pc != c {
			panicf(op, ErrParameter, "STBatch is inconsistent (Soft %d×%d, Perturbed %d×%d)", r, c, pr, pc)
		}
	}
}

// vjpArgs checks the arguments of a VJP method for k categories: it panics
// with ErrLength unless len(grad) == k and dst is nil or of length k, and
// returns dst, allocated if nil.
func vjpArgs(op string, dst, grad []float64, k int) []float64 {
	checkLen(op, "grad", len(grad), k)
	if dst == nil {
		dst = make([]float64, k)
	}
	checkLen(op, "dst", len(dst), k)
	return dst
}

// vjp is the one logits-VJP kernel: dst_i = y_i (g_i - <g, y>) / tau.
// dst may alias g. The slice kernel vjpBody (fastmath.go) computes it; if
// 1/tau overflows, the division is done element by element.
func vjp(dst, y, g []float64, tau float64) {
	inv := 1 / tau
	if !math.IsInf(inv, 1) {
		vjpBody(dst, y, g, inv)
		return
	}
	vjpBody(dst, y, g, 1)
	for i := range dst {
		dst[i] /= tau
	}
}

// TauVJP returns the derivative of a loss with respect to the temperature,
// <grad, dy/dtau>, given grad = dLoss/dy, with
//
//	dy_i/dtau = -y_i (s_i - <s, y>) / tau²,  s = l + G,
//
// (Jang et al. 2017 §2.1 read a learned tau as entropy
// regularisation). It costs O(k). Masked categories (y_i = 0) contribute 0.
// It panics with ErrLength if len(grad) is not k, and with ErrParameter if st
// holds no draw or its fields disagree.
func (st *ST) TauVJP(grad []float64) float64 {
	st.check("ST.TauVJP", true)
	checkLen("ST.TauVJP", "grad", len(grad), len(st.Soft))
	return tauVJP(st.Soft, st.Perturbed, grad, st.Index, st.Tau) / st.Tau
}

// TauJacobian stores dy/dtau (see TauVJP) in dst and returns it; dst may be
// nil (allocated). It panics with ErrLength if a non-nil len(dst) is not k,
// and with ErrParameter if st holds no draw or its fields disagree.
func (st *ST) TauJacobian(dst []float64) []float64 {
	st.check("ST.TauJacobian", true)
	k := len(st.Soft)
	if dst == nil {
		dst = make([]float64, k)
	}
	checkLen("ST.TauJacobian", "dst", len(dst), k)
	if st.Index < 0 {
		for i := range dst {
			dst[i] = math.NaN()
		}
		return dst
	}
	c := centre(st.Soft, st.Perturbed, st.Index, st.Tau)
	max := st.Perturbed[st.Index]
	for i, yi := range st.Soft {
		if yi == 0 {
			dst[i] = 0
			continue
		}
		dst[i] = -yi * ((st.Perturbed[i]-max)/st.Tau - c) / st.Tau
	}
	return dst
}

// centre returns <z, y> with z_i = (s_i - s_arg)/tau, skipping the
// categories where y is 0 (whose s may be -Inf). Where y_i != 0, z_i is in
// [-746, 0] (else exp(z_i) would underflow), so every term is bounded for
// logits of any finite magnitude and any tau; forming s_i - s_arg and then
// dividing by tau once, instead of by tau² at the end, keeps tau² from
// underflowing (tau < 1e-162) or overflowing (tau > 1e154).
func centre(y, s []float64, arg int, tau float64) float64 {
	max := s[arg]
	var c float64
	for i, yi := range y {
		if yi != 0 {
			c += float64(yi * ((s[i] - max) / tau)) // float64(): no fused multiply-add
		}
	}
	return c
}

// tauVJP is the one temperature-gradient kernel: it returns tau times the
// derivative, -sum_i g_i y_i (z_i - <z, y>) with z_i = (s_i - s_arg)/tau,
// which is bounded; the callers divide by tau once.
func tauVJP(y, s, g []float64, arg int, tau float64) float64 {
	if arg < 0 {
		return math.NaN()
	}
	c := centre(y, s, arg, tau)
	max := s[arg]
	var sum float64
	for i, yi := range y {
		if yi != 0 {
			sum += float64(g[i] * yi * ((s[i]-max)/tau - c)) // float64(): no fused multiply-add
		}
	}
	return -sum
}

// STBatch is a batch of straight-through draws, one per row of a logits
// matrix; row i of each matrix is the corresponding field of an ST.
type STBatch struct {
	Index     []int      // sampled category per row, -1 for an invalid row
	Hard      *mat.Dense // one-hot rows: the forward value
	Soft      *mat.Dense // relaxed rows, differentiated in the backward pass
	Perturbed *mat.Dense // logits + noise
	Tau       float64
}

// StraightThroughBatchTo draws one straight-through sample per row of logits
// into st (allocated if nil; its slice and matrices are reused, reshaped, when
// their backing arrays are large enough, so it then allocates nothing) and
// returns st. Rows are drawn in order, with the noise
// GumbelSoftmaxBatchTo would draw. It panics with ErrTemperature unless tau
// is finite and > 0 and with ErrEmpty if logits has no row or no column.
func (g *Generator) StraightThroughBatchTo(st *STBatch, logits mat.Matrix, tau float64) *STBatch {
	const op = "StraightThroughBatchTo"
	r, c := g.batchArgs(op, logits, tau)
	if st == nil {
		st = new(STBatch)
	}
	st.Hard, st.Soft, st.Perturbed = reshape(st.Hard, r, c), reshape(st.Soft, r, c), reshape(st.Perturbed, r, c)
	st.Index = resizeInts(st.Index, r)
	st.Tau = tau
	rows := rowsOf(logits)
	if w := g.workersFor(r, c, c); w > 1 {
		g.runRows(r, c, c, w, func(gen *Generator, i0, i1 int) { gen.stRows(st, rows, i0, i1) })
		return st
	}
	g.stRows(st, rows, 0, r)
	return st
}

// stRows draws the straight-through samples of rows [i0, i1) into the same
// rows of st, in order: the kernel of StraightThroughBatchTo.
func (g *Generator) stRows(st *STBatch, rows rowSource, i0, i1 int) {
	c, tau := rows.cols, st.Tau
	var scratch batchScratch
	z := newNoise(g, (i1-i0)*c, scratch[:])
	soft, hard, pert := rowsOf(st.Soft), rowsOf(st.Hard), rowsOf(st.Perturbed)
	if inv := 1 / tau; c <= 16 && useShortKernel && !math.IsInf(inv, 1) {
		// Rows of 16 or fewer: a group's Gumbels gathered from the noise
		// blocks; softShortBody gives the soft rows (relaxShort's bits),
		// Perturbed and the indices (perturbFrom's), as relaxRows does.
		var gbuf [catBlock]float64
		for i, j := i0, i0; i < i1; i = j {
			var gs []float64
			j, gs = z.shortGroup(&gbuf, i, i1, c)
			softShortBody(soft.from(i), rows.from(i), gs, c, inv, pert.from(i), st.Index[i:j])
			for r := i; r < j; r++ {
				oneHot(hard.row(r), st.Index[r])
			}
		}
		return
	}
	z.kind = perturbNoise(false, c) // from here on every draw goes through perturbFrom
	if inv := 1 / tau; c <= shortRow && !math.IsInf(inv, 1) {
		// Short rows: perturb a group of rows, then relax them together.
		var buf [catBlock]float64
		for i := i0; i < i1; {
			a := st.Index[i : i+min(i1-i, catBlock/c)]
			for j := range a {
				s := pert.row(i + j)
				a[j] = perturbFrom(s, rows.row(i+j), &z)
				relax(hard.row(i+j), s, a[j], tau, modeHard)
			}
			relaxShort(soft, pert, i, a, inv, &buf)
			i += len(a)
		}
		return
	}
	i := i0
	for ; i+1 < i1; i += 2 { // two rows at a time: see relaxTwo
		s0, s1 := pert.row(i), pert.row(i+1)
		a0 := perturbFrom(s0, rows.row(i), &z)
		a1 := perturbFrom(s1, rows.row(i+1), &z)
		st.Index[i], st.Index[i+1] = a0, a1
		relaxTwo(soft.row(i), s0, a0, soft.row(i+1), s1, a1, tau)
		oneHot(hard.row(i), a0)
		oneHot(hard.row(i+1), a1)
	}
	for ; i < i1; i++ {
		s := pert.row(i)
		arg := perturbFrom(s, rows.row(i), &z)
		st.Index[i] = arg
		relax(soft.row(i), s, arg, tau, modeSoft)
		relax(hard.row(i), s, arg, tau, modeHard)
	}
}

// StraightThroughBatchTo draws a batch of straight-through samples with the
// global source. See Generator.StraightThroughBatchTo.
func StraightThroughBatchTo(st *STBatch, logits mat.Matrix, tau float64) *STBatch {
	return global.StraightThroughBatchTo(st, logits, tau)
}

// reshape returns m if it is r×c, else a new r×c matrix.
func reshape(m *mat.Dense, r, c int) *mat.Dense {
	if m != nil {
		if mr, mc := m.Dims(); mr == r && mc == c {
			return m
		}
		// Reuse the backing array by capacity, as ST's slices are: the
		// same *mat.Dense takes the new shape, so alternating batch sizes
		// allocate nothing once the largest has been drawn.
		if raw := m.RawMatrix(); raw.Stride == raw.Cols && cap(raw.Data) >= r*c {
			m.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: c, Data: raw.Data[:r*c]})
			return m
		}
	}
	return mat.NewDense(r, c, nil)
}

// VJP stores in dst, row by row, the vector-Jacobian product of ST.VJP for
// the upstream gradient grad (same shape as the batch) and returns dst. dst
// may be nil (allocated) or grad itself. It panics with ErrLength on a shape
// mismatch and with ErrParameter if st holds no draw.
func (st *STBatch) VJP(dst *mat.Dense, grad mat.Matrix) *mat.Dense {
	const op = "STBatch.VJP"
	st.check(op, false)
	r, c := st.Soft.Dims()
	dst, rows := batchVJPArgs(op, dst, grad, r, c)
	for i := 0; i < r; i++ {
		vjp(dst.RawRowView(i), st.Soft.RawRowView(i), rows.row(i), st.Tau)
	}
	return dst
}

// TauVJP returns the derivative with respect to tau of a loss whose gradient
// with respect to the soft samples is grad, summed over the rows (see
// ST.TauVJP). It panics with ErrLength on a shape mismatch and with
// ErrParameter if st holds no draw or its fields disagree.
func (st *STBatch) TauVJP(grad mat.Matrix) float64 {
	st.check("STBatch.TauVJP", true)
	r, c := st.Soft.Dims()
	checkMatrix("STBatch.TauVJP", "grad", grad)
	if gr, gc := grad.Dims(); gr != r || gc != c {
		panicf("STBatch.TauVJP", ErrLength, "grad is %d×%d, want %d×%d", gr, gc, r, c)
	}
	rows := rowsOf(grad)
	var sum float64
	for i := 0; i < r; i++ {
		sum += tauVJP(st.Soft.RawRowView(i), st.Perturbed.RawRowView(i), rows.row(i), st.Index[i], st.Tau)
	}
	// Divide once: each row's term is bounded, so rows cannot meet
	// Inf - Inf = NaN when the derivative overflows at a subnormal tau.
	return sum / st.Tau
}
