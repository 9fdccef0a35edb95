// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

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

	scratch []float64
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
	rm.Hard, rm.Probs = resize(rm.Hard, k), resize(rm.Probs, k)
	rm.Shifted, rm.scratch = resize(rm.Shifted, k), resize(rm.scratch, k)
	rm.Tau, rm.Index = tau, index
	arg := argmaxValid(logits) // the largest logit, -1 exactly when index is
	if index < 0 {
		arg = -1
	}
	relax(rm.Hard, logits, index, tau, modeHard)
	relax(rm.Probs, logits, arg, 1, modeSoft)
	relax(rm.Shifted, logits, arg, tau, modeSoft)
	if index < 0 {
		return
	}
	for i := range rm.Shifted {
		rm.Shifted[i] *= 0.5
	}
	rm.Shifted[index] += 0.5
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
	if rm.Index < 0 {
		relax(dst, dst, -1, 1, modeSoft)
		return dst
	}
	// The vjp kernel computes v ⊙ (g - <g, v>) / s: s = -2 gives
	// -J(pi0)g/2 and s = 1/2 gives 2 J(pi1)g. The first goes to scratch
	// so that dst may alias grad.
	vjp(rm.scratch, rm.Probs, grad, -2)
	vjp(dst, rm.Shifted, grad, 0.5)
	var sum float64
	n := 0
	for i, v := range rm.scratch {
		dst[i] += v
		if rm.Probs[i] != 0 || rm.Shifted[i] != 0 {
			sum += dst[i]
			n++
		}
	}
	mean := sum / float64(n)
	for i := range dst {
		if rm.Probs[i] != 0 || rm.Shifted[i] != 0 {
			dst[i] -= mean
		}
	}
	return dst
}
