// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package gumbelmlx brings the estimators of package gumbel to GoMLX
// computation graphs: Gumbel noise from GoMLX's random state, the
// Gumbel-Softmax sample with its straight-through form, the ReinMax backward
// pass as a custom gradient, and the Concrete, ExpConcrete and binary
// Concrete log-densities. It is a module of its own, so that users of the
// gonum package do not depend on GoMLX.
//
// Every function works on the last axis of its operands: logits of shape
// [..., K] give samples of shape [..., K]. The formulas, their ranges and
// citations are those of package gumbel, which is this package's test
// oracle: with the same noise fed in, forward values agree to 1e-12 in
// float64 and the gradients from GoMLX's autodiff equal ST.VJP and
// ReinMax.VJP.
package gumbelmlx

import (
	"math"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/seed06c76d7c/gumbel"
)

// GumbelNoise returns standard Gumbel(0, 1) draws of the given float shape,
// G = -log(-log U) with U uniform from GoMLX's random state rngState, and the
// new state. U is kept inside (0, 1) (GoMLX's uniforms may be 0), so every
// draw is finite.
func GumbelNoise(rngState *Node, shape shapes.Shape) (newState, noise *Node) {
	newState, u := RandomUniform(rngState, shape)
	tiny := math.SmallestNonzeroFloat64
	if shape.DType.Size() == 4 {
		tiny = math.SmallestNonzeroFloat32
	}
	u = MaxScalar(u, tiny)
	return newState, StopGradient(Neg(Log(Neg(Log(u)))))
}

// GumbelSoftmax returns the Gumbel-Softmax (Concrete) sample
//
//	y_i = exp((l_i + G_i)/tau) / sum_j exp((l_j + G_j)/tau)
//
// over the last axis of logits, for noise G of the same shape (from
// GumbelNoise, or fed in), at temperature tau > 0 (Jang et al. 2017 eq. 2;
// Maddison et al. 2017). Its gradient with respect to the logits is the
// softmax Jacobian, y ⊙ (w - <w, y>)/tau, gumbel.SoftmaxVJPTo.
func GumbelSoftmax(logits, noise *Node, tau float64) *Node {
	checkTau("GumbelSoftmax", tau)
	return Softmax(DivScalar(Add(logits, noise), tau), -1)
}

// StraightThrough returns the straight-through Gumbel-Softmax estimator
// (Jang et al. 2017 §2.2): its value is the one-hot vector of
// argmax_i (l_i + G_i), a sample of Categorical(softmax(logits)), and its
// gradient is that of the soft sample GumbelSoftmax (gumbel.ST.VJP). It is
// PyTorch's y_hard - y_soft.detach() + y_soft.
func StraightThrough(logits, noise *Node, tau float64) *Node {
	checkTau("StraightThrough", tau)
	y := GumbelSoftmax(logits, noise, tau)
	return Add(StopGradient(Sub(hardOf(Add(logits, noise)), y)), y)
}

// hardOf returns the one-hot vector of the argmax of s over its last axis.
func hardOf(s *Node) *Node {
	k := s.Shape().Dimensions[s.Rank()-1]
	return StopGradient(OneHot(ArgMax(s, -1), k, s.DType()))
}

// ReinMax returns the ReinMax estimator (Liu et al. 2023, "Bridging
// Discrete and Backpropagation: Straight-Through and Beyond", Algorithm 2):
// the one-hot Gumbel-max sample D of softmax(logits) as its value and, as
// its gradient for the upstream gradient g,
//
//	2 J(pi1) g - J(pi0) g / 2,  pi0 = softmax(l), pi1 = (softmax(l/tau) + D)/2,
//
// with J(p) g = p ⊙ (g - <g, p>), centred over the unmasked categories, as
// gumbel.ReinMax.VJP.
func ReinMax(logits, noise *Node, tau float64) *Node {
	checkTau("ReinMax", tau)
	d := hardOf(Add(logits, noise))
	fwd := StopGradient(d)
	p := IdentityWithCustomGradient(logits, func(x, v *Node) *Node {
		pi0 := StopGradient(Softmax(x, -1))
		pi1 := StopGradient(DivScalar(Add(Softmax(DivScalar(x, tau), -1), d), 2))
		jvp := func(p *Node) *Node { return Mul(p, Sub(v, ReduceAndKeep(Mul(v, p), ReduceSum, -1))) }
		grad := Sub(MulScalar(jvp(pi1), 2), MulScalar(jvp(pi0), 0.5))
		live := ConvertDType(GreaterThan(Add(pi0, pi1), ZerosLike(pi0)), x.DType())
		mean := Div(ReduceAndKeep(Mul(grad, live), ReduceSum, -1), ReduceAndKeep(live, ReduceSum, -1))
		return Sub(grad, Mul(mean, live))
	})
	// The value is D, the gradient p's custom one.
	return Add(fwd, Sub(p, StopGradient(p)))
}

// ExponentialNoise returns standard exponential draws E = -log U of the
// given float shape from GoMLX's random state, and the new state: the noise
// of ConditionalGumbel and GumbelRao. U is kept inside (0, 1), so every
// draw is finite and > 0.
func ExponentialNoise(rngState *Node, shape shapes.Shape) (newState, noise *Node) {
	newState, u := RandomUniform(rngState, shape)
	tiny := math.SmallestNonzeroFloat64
	if shape.DType.Size() == 4 {
		tiny = math.SmallestNonzeroFloat32
	}
	return newState, StopGradient(Neg(Log(MaxScalar(u, tiny))))
}

// ConditionalGumbel returns M perturbed-logit vectors s = l + G conditioned
// on their argmax being the category of the one-hot hard (Paulus et al.
// 2021, eq. 9), from standard exponentials e of shape [M, logits' shape...]:
// with Z = sum_j exp(l_j),
//
//	s_D = log Z - log E_D,
//	s_j = -log(exp(-s_D) + exp(-(l_j - log E_j)))   for j != D,
//
// the second computed as min(a, b) - log1p(exp(-|a - b|)), which overflows
// for no finite logits (gumbel.ConditionalGumbelTo). Masked categories
// (l_j = -Inf) stay -Inf.
func ConditionalGumbel(logits, hard, e *Node) *Node {
	m := e.Shape().Dimensions[0]
	l := BroadcastPrefix(logits, m)
	d := BroadcastPrefix(StopGradient(hard), m)
	logE := Log(e)
	logZ := BroadcastPrefix(logSumExpKeep(logits), m)
	top := Sub(logZ, ReduceAndKeep(Mul(logE, d), ReduceSum, -1)) // s_D, one per vector
	a := BroadcastToDims(top, e.Shape().Dimensions...)
	b := Sub(l, logE)
	rest := Sub(Min(a, b), Log1p(Exp(Neg(Abs(Sub(a, b))))))
	return Where(GreaterThan(d, ZerosLike(d)), a, rest)
}

// GumbelRao returns the Gumbel-Rao estimator (Paulus et al. 2021): the
// one-hot hard (the straight-through forward value) as its value and, as
// its gradient for the upstream gradient g, the straight-through gradient
// averaged over the M conditional perturbations s^(m) of ConditionalGumbel
// drawn from the exponentials e ([M, logits' shape...]):
//
//	(1/M) sum_m y^(m) ⊙ (g - <g, y^(m)>) / tau,  y^(m) = softmax(s^(m)/tau),
//
// gumbel.GumbelRao.VJP.
func GumbelRao(logits, hard, e *Node, tau float64) *Node {
	checkTau("GumbelRao", tau)
	m := e.Shape().Dimensions[0]
	fwd := StopGradient(hard)
	p := IdentityWithCustomGradient(logits, func(x, v *Node) *Node {
		y := StopGradient(Softmax(DivScalar(ConditionalGumbel(x, hard, e), tau), -1))
		vb := BroadcastPrefix(v, m)
		j := Mul(y, Sub(vb, ReduceAndKeep(Mul(vb, y), ReduceSum, -1)))
		return DivScalar(ReduceMean(j, 0), tau)
	})
	return Add(fwd, Sub(p, StopGradient(p)))
}

// ConcreteLogProb returns the log-density of the Concrete distribution
// (Maddison et al. 2017 eq. 9) at y on the simplex, over the last axis:
//
//	log (K-1)! + (K-1) log tau + sum_i (l_i - (tau+1) log y_i) - K logsumexp_i(l_i - tau log y_i),
//
// gumbel.Concrete.LogProb.
func ConcreteLogProb(logits, y *Node, tau float64) *Node {
	checkTau("ConcreteLogProb", tau)
	k := logits.Shape().Dimensions[logits.Rank()-1]
	logY := Log(y)
	a := Sub(logits, MulScalar(logY, tau))
	sum := ReduceSum(Sub(logits, MulScalar(logY, tau+1)), -1)
	return Add(Sub(sum, MulScalar(logSumExp(a), float64(k))), constant(logits, k, tau))
}

// ExpConcreteLogProb returns the log-density of the ExpConcrete
// distribution, the law of x = log y (Maddison et al. 2017, Appendix C), at
// x over the last axis:
//
//	log (K-1)! + (K-1) log tau + sum_i (l_i - tau x_i) - K logsumexp_i(l_i - tau x_i),
//
// gumbel.ExpConcrete.LogProb.
func ExpConcreteLogProb(logits, x *Node, tau float64) *Node {
	checkTau("ExpConcreteLogProb", tau)
	k := logits.Shape().Dimensions[logits.Rank()-1]
	a := Sub(logits, MulScalar(x, tau))
	return Add(Sub(ReduceSum(a, -1), MulScalar(logSumExp(a), float64(k))), constant(logits, k, tau))
}

// BinaryConcreteLogProb returns the log-density of the binary Concrete
// (relaxed Bernoulli) distribution with location logit at y in (0, 1)
// (Maddison et al. 2017 eq. 19), elementwise:
//
//	log tau + logit - (tau+1)(log y + log(1-y)) - 2 log(e^logit y^-tau + (1-y)^-tau),
//
// gumbel.BinaryConcrete.LogProb.
func BinaryConcreteLogProb(logit, y *Node, tau float64) *Node {
	checkTau("BinaryConcreteLogProb", tau)
	ly, l1y := Log(y), Log1p(Neg(y))
	// log(e^logit y^-tau + (1-y)^-tau) = logaddexp(logit - tau log y, -tau log(1-y))
	a, b := Sub(logit, MulScalar(ly, tau)), MulScalar(l1y, -tau)
	m := Max(a, b)
	lse := Add(m, Log(Add(Exp(Sub(a, m)), Exp(Sub(b, m)))))
	return Add(Sub(Sub(logit, MulScalar(Add(ly, l1y), tau+1)), MulScalar(lse, 2)), Log(Scalar(logit.Graph(), logit.DType(), tau)))
}

// Tau returns the temperature of schedule s at step as a scalar of g in
// dtype: the package's annealing schedules (gumbel.PaperSchedule,
// Exponential, Linear, Cosine, Constant) in a graph.
func Tau(g *Graph, dtype dtypes.DType, s gumbel.Schedule, step int) *Node {
	return Scalar(g, dtype, s.Tau(step))
}

// logSumExp is log sum_i exp(a_i) over the last axis, stable.
func logSumExp(a *Node) *Node {
	return Reshape(logSumExpKeep(a), a.Shape().Dimensions[:a.Rank()-1]...)
}

// logSumExpKeep is logSumExp with the last axis kept, of size 1.
func logSumExpKeep(a *Node) *Node {
	m := StopGradient(ReduceAndKeep(a, ReduceMax, -1))
	return Add(m, Log(ReduceAndKeep(Exp(Sub(a, m)), ReduceSum, -1)))
}

// constant returns log (k-1)! + (k-1) log tau, the normalising constant of
// the Concrete densities, computed in the graph as the rest is (the sum of
// log i for i < k).
func constant(x *Node, k int, tau float64) *Node {
	g, dt := x.Graph(), x.DType()
	c := MulScalar(Log(Scalar(g, dt, tau)), float64(k-1))
	if k > 2 {
		c = Add(c, ReduceAllSum(Log(AddScalar(Iota(g, shapes.Make(dt, k-2), 0), 2))))
	}
	return c
}

// checkTau panics unless tau is finite and > 0.
func checkTau(op string, tau float64) {
	if !(tau > 0) || math.IsInf(tau, 1) {
		panic("gumbelmlx: " + op + ": temperature is not finite and > 0")
	}
}
