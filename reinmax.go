// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "gonum.org/v1/gonum/mat"

// ReinMax is one draw of the ReinMax gradient estimator (L. Liu, C. Dong,
// X. Liu, B. Yu, J. Gao. Bridging Discrete and Backpropagation:
// Straight-Through and Beyond. NeurIPS 2023; code microsoft/ReinMax). The
// forward value is the one-hot Hard of D ~ Categorical(softmax(l)), drawn
// by Gumbel-max; the backward pass (VJP) applies Heun's method instead of
// straight-through's forward Euler step, which makes the estimator
// second-order accurate, at the cost of O(k) like straight-through.
//
// The authors recommend tau >= 1 (their code refuses tau < 1); any finite
// tau > 0 is accepted here.
type ReinMax struct {
	// Index is the sampled category D, -1 if the logits had no valid
	// category (then every vector, and VJP's result, is NaN).
	Index int
	// Hard is the one-hot vector of Index: the forward value.
	Hard []float64
	// Probs is pi0 = softmax(l), the distribution D is drawn from.
	Probs []float64
	// Shifted is pi1 = (softmax(l/tau) + D)/2.
	Shifted []float64
	// Tau is the temperature of softmax(l/tau) in Shifted.
	Tau float64
}

// ReinMaxTo draws the forward value of a ReinMax estimator at temperature
// tau into rm, reusing its slices when they are large enough (then it
// allocates nothing), and returns rm. If rm is nil a new ReinMax is
// allocated. The index is a Gumbel-max sample, drawn from the same noise as
// GumbelMax draws from the same source state; it consumes len(logits)
// source values. Masked categories (-Inf) are never drawn and get
// probability 0 in Probs and Shifted.
//
// It panics with ErrTemperature unless tau is finite and > 0 and with
// ErrEmpty if logits is empty.
func (g *Generator) ReinMaxTo(rm *ReinMax, logits []float64, tau float64) *ReinMax {
	const op = "ReinMaxTo"
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	if rm == nil {
		rm = new(ReinMax)
	}
	rm.fill(logits, tau, g.perturb(nil, logits))
	return rm
}

// ReinMaxTo draws a ReinMax forward value with the global source. See
// Generator.ReinMaxTo.
func ReinMaxTo(rm *ReinMax, logits []float64, tau float64) *ReinMax {
	return global.ReinMaxTo(rm, logits, tau)
}

// fill sets rm for the sample index (-1: invalid logits) of logits at
// temperature tau. It is the deterministic part of ReinMaxTo.
func (rm *ReinMax) fill(logits []float64, tau float64, index int) {
	k := len(logits)
	rm.Hard, rm.Probs, rm.Shifted = resize(rm.Hard, k), resize(rm.Probs, k), resize(rm.Shifted, k)
	rm.Tau, rm.Index = tau, index
	reinmaxRow(rm.Hard, rm.Probs, rm.Shifted, logits, tau, index)
}

// reinmaxRow is the one ReinMax forward kernel, shared by ReinMaxTo and
// ReinMaxBatchTo: for the sample index (-1: invalid logits) it writes the
// one-hot hard, pi0 = softmax(l) to probs and pi1 = (softmax(l/tau) + D)/2
// to shifted.
func reinmaxRow(hard, probs, shifted, logits []float64, tau float64, index int) {
	arg := argmaxValid(logits) // the largest logit, -1 exactly when index is
	if index < 0 {
		arg = -1
	}
	relax(hard, logits, index, tau, modeHard)
	relax(probs, logits, arg, 1, modeSoft)
	relax(shifted, logits, arg, tau, modeSoft)
	if index < 0 {
		return
	}
	for i := range shifted {
		shifted[i] *= 0.5
	}
	shifted[index] += 0.5
}

// VJP stores in dst the ReinMax estimate of the gradient with respect to the
// logits, given grad = dLoss/dD at the one-hot forward value, and returns
// dst:
//
//	dl = 2 J(pi1) grad - J(pi0) grad / 2,   J(v) grad = v ⊙ (grad - <grad, v>),
//
// with pi0 = Probs and pi1 = Shifted (Liu et al. 2023; microsoft/ReinMax), then
// centred: the mean over the categories with nonzero probability is
// subtracted, as microsoft/ReinMax subtracts the mean over the last axis
// (each term already sums to 0, so this only removes rounding; masked
// categories keep exactly 0). There is no 1/tau factor: tau enters only
// through pi1, as in the reference code. It costs O(k), builds no k×k matrix
// and allocates nothing. dst may be nil (allocated) or grad itself. If Index
// is -1, dst is NaN.
//
// It panics with ErrLength if len(grad) or a non-nil len(dst) is not k.
func (rm *ReinMax) VJP(dst, grad []float64) []float64 {
	checkDrawn("ReinMax.VJP", "ReinMax", len(rm.Hard))
	dst = vjpArgs("ReinMax.VJP", dst, grad, len(rm.Hard))
	reinmaxVJP(dst, grad, rm.Probs, rm.Shifted, rm.Index)
	return dst
}

// reinmaxVJP is the one ReinMax backward kernel (see ReinMax.VJP); dst may
// alias grad. It reads only its arguments, so one draw may be
// differentiated concurrently into distinct dst.
func reinmaxVJP(dst, grad, probs, shifted []float64, index int) {
	if index < 0 {
		relax(dst, dst, -1, 1, modeSoft)
		return
	}
	// Both dot products first, so that dst may alias grad; each term as
	// the vjp kernel rounds it, v ⊙ (g - <g, v>) times 2 or -1/2 (exact
	// scalings), with no fused multiply-add.
	c0, c1 := dot4(probs, grad), dot4(shifted, grad)
	var sum float64
	n := 0
	for i, gi := range grad {
		p0, p1 := probs[i], shifted[i]
		dst[i] = float64(float64(p1*(gi-c1))*2) + float64(float64(p0*(gi-c0))*-0.5)
		if p0 != 0 || p1 != 0 {
			sum += dst[i]
			n++
		}
	}
	mean := sum / float64(n)
	for i := range dst {
		if probs[i] != 0 || shifted[i] != 0 {
			dst[i] -= mean
		}
	}
}

// ReinMaxBatch is a batch of ReinMax draws, one per row of a logits matrix:
// Index[i] and row i of Hard, Probs and Shifted are the fields of the
// ReinMax drawn from row i, and VJP is ReinMax.VJP row by row.
type ReinMaxBatch struct {
	Index   []int      // sampled category per row, -1 for a row with no valid category
	Hard    *mat.Dense // one-hot rows: the forward value
	Probs   *mat.Dense // pi0 = softmax(l) per row
	Shifted *mat.Dense // pi1 = (softmax(l/tau) + D)/2 per row
	Tau     float64
}

// ReinMaxBatchTo draws one ReinMax forward value at temperature tau per row
// of logits into rm (allocated if nil; its slice and matrices are reused by
// capacity, so a reused rm allocates nothing) and returns rm. Rows are drawn
// in order with the noise GumbelMaxBatchTo would draw, so the result equals
// calling ReinMaxTo on each row in turn. It panics with ErrTemperature unless
// tau is finite and > 0 and with ErrEmpty if logits has no row or no column.
func (g *Generator) ReinMaxBatchTo(rm *ReinMaxBatch, logits mat.Matrix, tau float64) *ReinMaxBatch {
	const op = "ReinMaxBatchTo"
	r, k := g.batchArgs(op, logits, tau)
	if rm == nil {
		rm = new(ReinMaxBatch)
	}
	rm.Hard, rm.Probs, rm.Shifted = reshape(rm.Hard, r, k), reshape(rm.Probs, r, k), reshape(rm.Shifted, r, k)
	rm.Index, rm.Tau = resizeInts(rm.Index, r), tau
	rows := rowsOf(logits)
	var scratch noiseScratch
	z := newNoise(g, r*k, scratch[:])
	z.kind = perturbNoise(true, k)
	indicesTo(rm.Index, rows, 0, &z)
	for i := range r {
		reinmaxRow(rm.Hard.RawRowView(i), rm.Probs.RawRowView(i), rm.Shifted.RawRowView(i), rows.row(i), tau, rm.Index[i])
	}
	return rm
}

// ReinMaxBatchTo draws a batch of ReinMax forward values with the global
// source. See Generator.ReinMaxBatchTo.
func ReinMaxBatchTo(rm *ReinMaxBatch, logits mat.Matrix, tau float64) *ReinMaxBatch {
	return global.ReinMaxBatchTo(rm, logits, tau)
}

// VJP stores in row i of dst the ReinMax gradient estimate of row i (see
// ReinMax.VJP) for row i of the upstream gradient grad, and returns dst.
// dst may be nil (allocated) or grad itself. It panics with ErrLength on a
// shape mismatch and with ErrParameter on a zero ReinMaxBatch.
func (rm *ReinMaxBatch) VJP(dst *mat.Dense, grad mat.Matrix) *mat.Dense {
	const op = "ReinMaxBatch.VJP"
	if rm.Hard == nil {
		checkDrawn(op, "ReinMaxBatch", 0)
	}
	r, k := rm.Hard.Dims()
	dst, rows := batchVJPArgs(op, dst, grad, r, k)
	for i := range r {
		reinmaxVJP(dst.RawRowView(i), rows.row(i), rm.Probs.RawRowView(i), rm.Shifted.RawRowView(i), rm.Index[i])
	}
	return dst
}
