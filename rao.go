// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Conditional Gumbels and the Gumbel-Rao estimator (M. B. Paulus,
// C. J. Maddison, A. Krause. Rao-Blackwellizing the Straight-Through
// Gumbel-Softmax Gradient Estimator. ICLR 2021).

// ConditionalGumbelTo draws perturbed logits s = l + G conditioned on their
// argmax being index (Paulus et al. 2021, eq. 9), stores s in dst and returns
// dst. With Z = sum_j exp(l_j) and independent E_j ~ Exp(1):
//
//	s_index = log Z - log E_index,
//	s_j     = -log(E_j exp(-l_j) + E_index / Z)   for j != index,
//
// that is, s_index ~ Gumbel(log Z) and each other s_j is an unconditional
// l_j + G_j truncated below s_index: s_j = -log(exp(-s_index) + exp(-(l_j+G_j))).
// It is computed in that second form, min(a, b) - log1p(exp(-|a-b|)), from
// the perturb kernel's l_j + G_j and log Z = LogSumExp(l), so no exponential
// overflows for logits of any finite magnitude. dst[index] is the largest
// entry; masked categories (l_j = -Inf) stay -Inf. If index is drawn from
// Categorical(softmax(l)), s has the law of unconditional l + G. It consumes
// len(logits)+1 source values.
//
// If dst is nil a new slice is allocated; dst may be logits itself. If any
// logit is NaN or +Inf, dst is filled with NaN. It panics with ErrEmpty if
// logits is empty, with ErrLength if a non-nil dst does not have the length of
// logits, and with ErrParameter if index is out of range or names a masked
// (-Inf) category.
func (g *Generator) ConditionalGumbelTo(dst, logits []float64, index int) []float64 {
	const op = "ConditionalGumbelTo"
	checkNonEmpty(op, len(logits))
	if dst != nil {
		checkLen(op, "dst", len(dst), len(logits))
	}
	checkCondIndex(op, logits, index)
	if dst == nil {
		dst = make([]float64, len(logits))
	}
	g.condRow(dst, logits, index)
	return dst
}

// condRow is ConditionalGumbelTo on checked arguments, shared with
// ConditionalGumbelBatchTo: a row with a NaN or +Inf logit consumes the same
// len(logits)+1 source values and gives NaN.
func (g *Generator) condRow(dst, logits []float64, index int) {
	if argmaxValid(logits) < 0 {
		g.perturb(dst, logits)
		g.src.Uint64()
		relax(dst, dst, -1, 1, modeSoft)
		return
	}
	g.condGumbel(dst, logits, index, LogSumExp(logits))
}

// ConditionalGumbelTo draws conditional perturbed logits with the global
// source. See Generator.ConditionalGumbelTo.
func ConditionalGumbelTo(dst, logits []float64, index int) []float64 {
	return global.ConditionalGumbelTo(dst, logits, index)
}

// ConditionalGumbelBatchTo draws, for each row i of logits, perturbed logits
// conditioned on their argmax being index[i] (see ConditionalGumbelTo), stores
// them in row i of dst and returns dst. Rows are drawn in order, so the result
// equals calling ConditionalGumbelTo on each row in turn; it consumes
// c+1 source values per row of c logits. If dst is nil a new matrix is
// allocated; dst may be logits itself.
//
// Every argument is checked before any draw: it panics with ErrEmpty if
// logits has no column, with ErrLength if len(index) is not the number of
// rows or a non-nil dst has another shape, and with ErrParameter if an index
// is out of range or names a masked (-Inf) category of its row.
func (g *Generator) ConditionalGumbelBatchTo(dst *mat.Dense, logits mat.Matrix, index []int) *mat.Dense {
	const op = "ConditionalGumbelBatchTo"
	g.checkGen(op)
	dst, rows, r := denseBatchArgs(op, dst, logits)
	checkLen(op, "index", len(index), r)
	for i, d := range index {
		checkCondIndex(op, rows.row(i), d)
	}
	for i, d := range index {
		g.condRow(dst.RawRowView(i), rows.row(i), d)
	}
	return dst
}

// ConditionalGumbelBatchTo draws conditional perturbed logits for each row
// with the global source. See Generator.ConditionalGumbelBatchTo.
func ConditionalGumbelBatchTo(dst *mat.Dense, logits mat.Matrix, index []int) *mat.Dense {
	return global.ConditionalGumbelBatchTo(dst, logits, index)
}

// checkCondIndex panics unless index names an unmasked category; NaN logits
// pass (they are reported as NaN output).
func checkCondIndex(op string, logits []float64, index int) {
	if index < 0 || index >= len(logits) {
		panicf(op, ErrParameter, "index %d is out of range [0, %d)", index, len(logits))
	}
	if math.IsInf(logits[index], -1) {
		panicf(op, ErrParameter, "index %d names a masked (-Inf) category", index)
	}
}

// condGumbel is the one conditional-Gumbel kernel (see ConditionalGumbelTo):
// logZ must be LogSumExp(logits), finite. dst may alias logits.
func (g *Generator) condGumbel(dst, logits []float64, index int, logZ float64) {
	g.perturbAbs(dst, logits)
	top := logZ + g.Gumbel()
	for j, b := range dst[:len(logits)] {
		if j == index {
			dst[j] = top
			continue
		}
		// -log(exp(-top) + exp(-b)), stably; b = -Inf gives -Inf.
		dst[j] = math.Min(top, b) - fastLog1p(fastExp(-math.Abs(top-b)))
	}
}

// GumbelRao is one Gumbel-Rao straight-through draw (Paulus et al. 2021): the
// forward value is the one-hot Hard of D = argmax_i(l_i + G_i) ~
// Categorical(softmax(l)), exactly as in straight-through Gumbel-Softmax;
// the backward pass (VJP) averages the soft-sample Jacobian over M draws of
// the Gumbels conditioned on D, a Rao-Blackwellisation of the ST
// Gumbel-Softmax gradient: same expectation, mean squared error no larger
// (their Prop. 1). With M = 1 it has the distribution of the ST
// Gumbel-Softmax gradient.
//
// GumbelRaoTo draws everything the backward pass needs, the M conditional
// Gumbel vectors included, so VJP is a pure function of the draw and the
// upstream gradient: it consumes no randomness, repeated calls give the same
// bits, and a GumbelRao is safe for concurrent VJP calls with distinct dst.
type GumbelRao struct {
	// Index is the sampled category D, -1 if the logits had no valid
	// category (then Hard is NaN and VJP returns NaN).
	Index int
	// Hard is the one-hot vector of Index: the forward value.
	Hard []float64
	// Logits is a copy of the logits the draw was made from.
	Logits []float64
	// LogZ is LogSumExp(Logits).
	LogZ float64
	// Tau is the temperature of the soft samples differentiated.
	Tau float64
	// M is the number of conditional draws averaged by VJP.
	M int

	soft []float64 // the M soft samples y^(m), M×k row-major
}

// GumbelRaoTo draws a Gumbel-Rao estimator with M conditional draws at
// temperature tau into gr, reusing its slices when they are large enough
// (then it allocates nothing), and returns gr. If gr is nil a new GumbelRao
// is allocated. The index is a Gumbel-max sample, drawn from the same noise
// as GumbelMax draws from the same source state; then the M conditional
// Gumbel vectors G^(m) | argmax = Index are drawn (Paulus et al. 2021, eq. 9;
// see ConditionalGumbelTo) and the soft samples y^(m) = softmax((l +
// G^(m))/tau) kept for VJP. It consumes k + M(k+1) source values (k if the
// logits have no valid category).
//
// It panics with ErrTemperature unless tau is finite and > 0, with ErrEmpty
// if logits is empty and with ErrParameter if m < 1.
func (g *Generator) GumbelRaoTo(gr *GumbelRao, logits []float64, tau float64, m int) *GumbelRao {
	const op = "GumbelRaoTo"
	g.checkGen(op)
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	if m < 1 {
		panicf(op, ErrParameter, "number of conditional draws M = %d is not positive", m)
	}
	if gr == nil {
		gr = new(GumbelRao)
	}
	k := len(logits)
	gr.Hard, gr.Logits = resize(gr.Hard, k), resize(gr.Logits, k)
	gr.soft = resize(gr.soft, m*k)
	copy(gr.Logits, logits)
	gr.Tau, gr.M = tau, m
	gr.Index, gr.LogZ = g.raoRow(gr.Hard, gr.soft, logits, tau, m)
	return gr
}

// raoRow is the one Gumbel-Rao forward kernel, shared by GumbelRaoTo and
// GumbelRaoBatchTo: it draws the index into the one-hot hard and the m soft
// samples into soft (m×len(logits), row-major) and returns the index and
// LogSumExp(logits) (-1 and NaN for logits with no valid category).
func (g *Generator) raoRow(hard, soft, logits []float64, tau float64, m int) (int, float64) {
	k := len(logits)
	index := g.perturb(nil, logits)
	relax(hard, logits, index, tau, modeHard)
	if index < 0 {
		return index, math.NaN()
	}
	logZ := LogSumExp(logits)
	for r := range m {
		y := soft[r*k : (r+1)*k]
		g.condGumbel(y, logits, index, logZ)
		relax(y, y, index, tau, modeSoft)
	}
	return index, logZ
}

// GumbelRaoTo draws a Gumbel-Rao forward value with the global source. See
// Generator.GumbelRaoTo.
func GumbelRaoTo(gr *GumbelRao, logits []float64, tau float64, m int) *GumbelRao {
	return global.GumbelRaoTo(gr, logits, tau, m)
}

// VJP stores in dst the Gumbel-Rao estimate of the gradient with respect to
// the logits, given grad = dLoss/dD at the one-hot forward value,
//
//	dl = (1/M) sum_m y^(m) ⊙ (grad - <grad, y^(m)>) / tau,
//	y^(m) = softmax((l + G^(m))/tau),  G^(m) ~ Gumbels | argmax = D,
//
// the conditional Gumbels, drawn by GumbelRaoTo, held constant (Paulus et
// al. 2021, §3; as in nshepperd/gumbel-rao-pytorch, so that its mean equals
// ST Gumbel-Softmax's), and returns dst. It costs O(M k) time, no k×k
// matrix, consumes no randomness and allocates nothing for M <= 64. dst may
// be nil (allocated) or grad itself. Masked categories get 0; if Index is
// -1, dst is NaN.
//
// It panics with ErrLength if len(grad) or a non-nil len(dst) is not k.
func (gr *GumbelRao) VJP(dst, grad []float64) []float64 {
	checkDrawn("GumbelRao.VJP", "GumbelRao", len(gr.Hard))
	dst = vjpArgs("GumbelRao.VJP", dst, grad, len(gr.Hard))
	raoVJP(dst, grad, gr.soft, gr.Index, gr.M, gr.Tau)
	return dst
}

// raoVJP is the one Gumbel-Rao backward kernel (see GumbelRao.VJP), for the
// m soft samples in soft; dst may alias grad.
func raoVJP(dst, grad, soft []float64, index, m int, tau float64) {
	if index < 0 {
		relax(dst, dst, -1, 1, modeSoft)
		return
	}
	k := len(grad)
	// The dot products first, so that dst may alias grad.
	var buf [64]float64
	c := buf[:]
	if m > len(buf) {
		c = make([]float64, m)
	}
	for r := range m {
		c[r] = dot4(soft[r*k:(r+1)*k], grad)
	}
	for i, gi := range grad {
		// J(y) grad without the 1/tau: each term is bounded by 2 max|grad|,
		// so the sum cannot meet Inf - Inf = NaN when a derivative is too
		// large for a float64 (tied categories at a subnormal tau); dividing
		// once at the end, it overflows to ±Inf instead.
		var sum float64
		for r := range m {
			sum += float64(soft[r*k+i] * (gi - c[r]))
		}
		dst[i] = sum / float64(m) / tau
	}
}

// GumbelRaoBatch is a batch of Gumbel-Rao draws, one per row of a logits
// matrix: Index[i], row i of Hard and LogZ[i] are the fields of the GumbelRao
// drawn from row i, and VJP is GumbelRao.VJP row by row. Like GumbelRao it
// holds the conditional soft samples its VJP needs, so VJP is a pure function
// of the draw and the upstream gradient.
type GumbelRaoBatch struct {
	Index []int      // sampled category per row, -1 for a row with no valid category
	Hard  *mat.Dense // one-hot rows: the forward value
	LogZ  []float64  // LogSumExp of each row of logits (NaN for an invalid row)
	Tau   float64    // temperature of the soft samples differentiated
	M     int        // number of conditional draws per row averaged by VJP

	soft []float64 // rows × M × k: the soft samples of each row, row-major
}

// GumbelRaoBatchTo draws one Gumbel-Rao estimator with M conditional draws
// at temperature tau per row of logits into gr (allocated if nil; its slices
// and matrix are reused by capacity, so a reused gr allocates nothing) and
// returns gr. Rows are drawn in order with the kernel of GumbelRaoTo, so the
// result, and its VJP, equal calling GumbelRaoTo on each row in turn.
//
// It panics with ErrTemperature unless tau is finite and > 0, with ErrEmpty
// if logits has no column and with ErrParameter if m < 1.
func (g *Generator) GumbelRaoBatchTo(gr *GumbelRaoBatch, logits mat.Matrix, tau float64, m int) *GumbelRaoBatch {
	const op = "GumbelRaoBatchTo"
	r, k := g.batchArgs(op, logits, tau)
	if m < 1 {
		panicf(op, ErrParameter, "number of conditional draws M = %d is not positive", m)
	}
	if gr == nil {
		gr = new(GumbelRaoBatch)
	}
	gr.Hard = reshape(gr.Hard, r, k)
	gr.Index, gr.LogZ = resizeInts(gr.Index, r), resize(gr.LogZ, r)
	gr.soft = resize(gr.soft, r*m*k)
	gr.Tau, gr.M = tau, m
	rows := rowsOf(logits)
	for i := range r {
		gr.Index[i], gr.LogZ[i] = g.raoRow(gr.Hard.RawRowView(i), gr.soft[i*m*k:(i+1)*m*k], rows.row(i), tau, m)
	}
	return gr
}

// GumbelRaoBatchTo draws a batch of Gumbel-Rao forward values with the
// global source. See Generator.GumbelRaoBatchTo.
func GumbelRaoBatchTo(gr *GumbelRaoBatch, logits mat.Matrix, tau float64, m int) *GumbelRaoBatch {
	return global.GumbelRaoBatchTo(gr, logits, tau, m)
}

// VJP stores in row i of dst the Gumbel-Rao gradient estimate of row i (see
// GumbelRao.VJP) for row i of the upstream gradient grad, and returns dst.
// dst may be nil (allocated) or grad itself. It consumes no randomness and
// allocates nothing for M <= 64 and a non-nil dst. It panics with ErrLength
// on a shape mismatch and with ErrParameter on a zero GumbelRaoBatch.
func (gr *GumbelRaoBatch) VJP(dst *mat.Dense, grad mat.Matrix) *mat.Dense {
	const op = "GumbelRaoBatch.VJP"
	if gr.Hard == nil {
		checkDrawn(op, "GumbelRaoBatch", 0)
	}
	r, k := gr.Hard.Dims()
	dst, rows := batchVJPArgs(op, dst, grad, r, k)
	n := gr.M * k
	for i := range r {
		raoVJP(dst.RawRowView(i), rows.row(i), gr.soft[i*n:(i+1)*n], gr.Index[i], gr.M, gr.Tau)
	}
	return dst
}
