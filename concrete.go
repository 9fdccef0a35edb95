// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
)

// genOf returns a Generator on src, or the global one if src is nil.
func genOf(src rand.Source) *Generator {
	if src == nil {
		return global
	}
	return &Generator{src: src}
}

// Concrete is the Concrete (Gumbel-Softmax) distribution on the probability
// simplex with the given logits and temperature (Maddison, Mnih, Teh 2017;
// Jang, Gu, Poole 2017), the law of GumbelSoftmaxTo's soft samples. Like the
// distributions of gonum's distuv it is a small value; Src may be nil for the
// global source. A logit of -Inf masks its category.
type Concrete struct {
	Logits []float64
	Tau    float64
	Src    rand.Source
}

// Rand draws a sample into dst (allocated if nil) and returns it; see
// GumbelSoftmaxTo for its contract and panics.
func (c Concrete) Rand(dst []float64) []float64 {
	dst, _ = genOf(c.Src).sampleTo("Concrete.Rand", dst, c.Logits, c.Tau, modeSoft)
	return dst
}

// LogProb returns the log-density of y with respect to Lebesgue measure on the
// first k-1 coordinates of the simplex (Jang et al. 2017 eq. 3; Maddison et
// al. 2017 eq. 11):
//
//	log p(y) = log p_Exp(log y) - sum_i log y_i,
//
// with p_Exp the ExpConcrete density (see ExpConcrete.LogProb). It matches
// torch.distributions.RelaxedOneHotCategorical.log_prob. It returns -Inf if
// some y_i is outside [0, 1], positive where its logit is -Inf, or 0 where
// it is not (off the open simplex: a sample that underflowed at small tau;
// use ExpConcrete there), and NaN if some y_i is NaN. The sum of y is not
// checked. It panics with ErrTemperature, ErrEmpty or ErrLength on a bad
// Tau, empty logits, or len(y) != len(Logits).
func (c Concrete) LogProb(y []float64) float64 {
	const op = "Concrete.LogProb"
	checkDensityArgs(op, y, c.Logits, c.Tau)
	var sumLog float64
	zero := false
	for i, v := range y {
		if v != v {
			return math.NaN()
		}
		if v < 0 || v > 1 {
			return math.Inf(-1)
		}
		if math.IsInf(c.Logits[i], -1) {
			continue
		}
		// y_i = 0 on an unmasked category is off the open simplex: density
		// 0. (Left to the sum it gives -Inf - -Inf = NaN.)
		zero = zero || v == 0
		sumLog += fastLog(v)
	}
	if zero {
		return math.Inf(-1)
	}
	return expConcreteLogProb(c.Logits, c.Tau, func(i int) float64 { return fastLog(y[i]) }) - sumLog
}

// ExpConcrete is the distribution of log y for y ~ Concrete(Logits, Tau)
// (Maddison et al. 2017, App. C), the law of LogGumbelSoftmaxTo's samples.
// Its density stays finite where y underflows to 0 at small Tau, which makes
// it the form to use in relaxed ELBOs. Src may be nil for the global source.
type ExpConcrete struct {
	Logits []float64
	Tau    float64
	Src    rand.Source
}

// Rand draws a sample into dst (allocated if nil) and returns it; see
// LogGumbelSoftmaxTo for its contract and panics.
func (c ExpConcrete) Rand(dst []float64) []float64 {
	dst, _ = genOf(c.Src).sampleTo("ExpConcrete.Rand", dst, c.Logits, c.Tau, modeLog)
	return dst
}

// LogProb returns the log-density of x = log y (Maddison et al. 2017, App. C),
//
//	log p(x) = lgamma(k) + (k-1) log tau + sum_i (l_i - tau x_i) - k LSE_i(l_i - tau x_i),
//
// computed as lgamma(k) + (k-1) log tau + sum_i (u_i - LSE(u)), u = l - tau x,
// which is invariant to shifting the logits and does not cancel for large
// ones. It matches torch.distributions.ExpRelaxedCategorical.log_prob.
// Categories with logit -Inf are left out (k counts the others); such an x_i
// must be -Inf, else the result is -Inf. NaN in x gives NaN; a +Inf logit,
// which names no distribution, gives -Inf or NaN. It panics with
// ErrTemperature, ErrEmpty or ErrLength on a bad Tau, empty logits, or
// len(x) != len(Logits).
func (c ExpConcrete) LogProb(x []float64) float64 {
	checkDensityArgs("ExpConcrete.LogProb", x, c.Logits, c.Tau)
	return expConcreteLogProb(c.Logits, c.Tau, func(i int) float64 { return x[i] })
}

func checkDensityArgs(op string, v, logits []float64, tau float64) {
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	checkLen(op, "the point", len(v), len(logits))
}

// expConcreteLogProb is the one ExpConcrete density kernel; logX(i) returns
// x_i = log y_i.
func expConcreteLogProb(logits []float64, tau float64, logX func(int) float64) float64 {
	k := 0
	max := math.Inf(-1)
	for i, l := range logits {
		x := logX(i)
		if x != x || l != l {
			return math.NaN()
		}
		if math.IsInf(l, -1) {
			if !math.IsInf(x, -1) {
				return math.Inf(-1)
			}
			continue
		}
		k++
		if u := l - float64(tau*x); u > max { // float64(): no fused multiply-add, same bits everywhere
			max = u
		}
	}
	if k == 0 || math.IsInf(max, 0) {
		// No unmasked category, or some x_i = -Inf (y_i = 0) on an unmasked
		// category or a +Inf logit: the density is 0 there.
		return math.Inf(-1)
	}
	var sum float64
	for i, l := range logits {
		if !math.IsInf(l, -1) {
			sum += fastExp(l - float64(tau*logX(i)) - max)
		}
	}
	lse := max + fastLog(sum)
	var total float64
	for i, l := range logits {
		if !math.IsInf(l, -1) {
			total += l - float64(tau*logX(i)) - lse
		}
	}
	return lgammaInt(k) + float64(float64(k-1)*fastLog(tau)) + total
}

// BinaryConcrete is the binary Concrete, or relaxed Bernoulli, distribution on
// (0, 1) (Maddison et al. 2017, App. B): y = sigmoid((Logit + L)/Tau) with L
// standard logistic noise. As Tau -> 0, y -> Bernoulli(sigmoid(Logit)).
// Src may be nil for the global source.
type BinaryConcrete struct {
	Logit float64
	Tau   float64
	Src   rand.Source
}

// Rand returns a sample. It panics with ErrTemperature on a bad Tau.
func (b BinaryConcrete) Rand() float64 {
	return genOf(b.Src).relaxedBernoulliST("BinaryConcrete.Rand", b.Logit, b.Tau).Soft
}

// LogProb returns the log-density at y in (0, 1) (Maddison et al. 2017,
// App. B), LogProbLogit(logit(y)) - log y - log(1-y); it matches
// torch.distributions.RelaxedBernoulli.log_prob. It returns -Inf outside
// (0, 1) and NaN for NaN. It panics with ErrTemperature on a bad Tau.
func (b BinaryConcrete) LogProb(y float64) float64 {
	checkTau("BinaryConcrete.LogProb", b.Tau)
	if y != y {
		return math.NaN()
	}
	if !(y > 0 && y < 1) {
		return math.Inf(-1)
	}
	ly, l1y := fastLog(y), fastLog1p(-y)
	return b.LogProbLogit(ly-l1y) - ly - l1y
}

// LogProbLogit returns the log-density of x = logit(y) (Maddison et al. 2017,
// App. B),
//
//	log p(x) = log tau + (a - tau x) - 2 softplus(a - tau x),
//
// finite for every finite x; it matches
// torch.distributions.LogitRelaxedBernoulli.log_prob. It panics with
// ErrTemperature on a bad Tau.
func (b BinaryConcrete) LogProbLogit(x float64) float64 {
	checkTau("BinaryConcrete.LogProbLogit", b.Tau)
	// u - 2 softplus(u) = -|u| - 2 softplus(-|u|): the left side is
	// Inf - Inf = NaN once u overflows, and 2 softplus(u) overflows for
	// u > MaxFloat64/2; the right side is finite for every finite u.
	u := math.Abs(b.Logit - float64(b.Tau*x))
	return fastLog(b.Tau) - u - 2*softplus(-u)
}

// CDF returns P(Y <= y) = sigmoid(tau logit(y) - a): 0 for y <= 0, 1 for
// y >= 1. It panics with ErrTemperature on a bad Tau.
func (b BinaryConcrete) CDF(y float64) float64 {
	checkTau("BinaryConcrete.CDF", b.Tau)
	switch {
	case y != y:
		return math.NaN()
	case y <= 0:
		return 0
	case y >= 1:
		return 1
	}
	return sigmoid(float64(b.Tau*(fastLog(y)-fastLog1p(-y))) - b.Logit)
}

// Quantile returns the y with CDF(y) = p, sigmoid((a + logit(p))/tau). It
// panics with ErrTemperature on a bad Tau and with ErrParameter unless p is
// in [0, 1].
func (b BinaryConcrete) Quantile(p float64) float64 {
	checkTau("BinaryConcrete.Quantile", b.Tau)
	if !(p >= 0 && p <= 1) {
		panicf("BinaryConcrete.Quantile", ErrParameter, "probability %v is not in [0, 1]", p)
	}
	return sigmoid((b.Logit + fastLog(p) - fastLog1p(-p)) / b.Tau)
}

// sigmoid returns 1/(1+exp(-x)) without overflow.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + fastExp(-x))
	}
	e := fastExp(x)
	return e / (1 + e)
}

// softplus returns log(1 + exp(x)) without overflow.
func softplus(x float64) float64 {
	return math.Max(x, 0) + fastLog1p(fastExp(-math.Abs(x)))
}

// logisticFromBits maps 64 random bits to a standard logistic draw
// log(U) - log(1-U), U = uniformOpen(bits); 1-U is exact, so the result is
// finite, in about [-36.7, 36.7].
func logisticFromBits(bits uint64) float64 {
	u := uniformOpen(bits)
	return fastLog(u) - fastLog1p(-u)
}

// BinaryST is one straight-through relaxed Bernoulli draw: the forward value
// Hard in {0, 1}, and the soft value Soft whose derivatives the backward pass
// uses.
type BinaryST struct {
	Hard      float64 // 1 if Perturbed > 0, else 0; P(Hard = 1) = sigmoid(logit)
	Soft      float64 // sigmoid(Perturbed / Tau)
	Perturbed float64 // logit + L, L standard logistic
	Tau       float64
}

// RelaxedBernoulliST draws a straight-through relaxed Bernoulli sample. It
// consumes one source value and draws the noise RelaxedBernoulli would. It
// panics with ErrTemperature unless tau is finite and > 0. A NaN logit gives
// NaN in every field.
func (g *Generator) RelaxedBernoulliST(logit, tau float64) BinaryST {
	return g.relaxedBernoulliST("RelaxedBernoulliST", logit, tau)
}

// relaxedBernoulliST is RelaxedBernoulliST, its panics naming op.
func (g *Generator) relaxedBernoulliST(op string, logit, tau float64) BinaryST {
	g.checkGen(op)
	checkTau(op, tau)
	s := logit + logisticFromBits(g.src.Uint64())
	st := BinaryST{Soft: sigmoid(s / tau), Perturbed: s, Tau: tau}
	switch {
	case s != s:
		st.Hard = math.NaN()
	case s > 0:
		st.Hard = 1
	}
	return st
}

// RelaxedBernoulliST draws a straight-through relaxed Bernoulli sample with
// the global source. See Generator.RelaxedBernoulliST.
func RelaxedBernoulliST(logit, tau float64) BinaryST { return global.RelaxedBernoulliST(logit, tau) }

// RelaxedBernoulli returns a binary Concrete sample sigmoid((logit + L)/tau)
// in [0, 1] (Maddison et al. 2017, App. B). See RelaxedBernoulliST.
func (g *Generator) RelaxedBernoulli(logit, tau float64) float64 {
	return g.relaxedBernoulliST("RelaxedBernoulli", logit, tau).Soft
}

// RelaxedBernoulli returns a binary Concrete sample drawn with the global
// source. See Generator.RelaxedBernoulli.
func RelaxedBernoulli(logit, tau float64) float64 { return global.RelaxedBernoulli(logit, tau) }

// RelaxedBernoulliTo stores in dst[i] a binary Concrete sample
// sigmoid((logits[i] + L_i)/tau) in [0, 1] for each logit, with L_i
// independent standard logistic draws (Maddison et al. 2017, App. B), and
// returns dst. Entries are drawn in order, so the result equals calling
// RelaxedBernoulli on each logit in turn; it consumes len(logits) source
// values. If dst is nil a new slice is allocated; dst may be logits itself.
// A NaN logit gives NaN.
//
// It panics with ErrTemperature unless tau is finite and > 0 and with
// ErrLength if a non-nil dst does not have the length of logits.
func (g *Generator) RelaxedBernoulliTo(dst, logits []float64, tau float64) []float64 {
	const op = "RelaxedBernoulliTo"
	g.checkGen(op)
	checkTau(op, tau)
	if dst == nil {
		dst = make([]float64, len(logits))
	}
	checkLen(op, "dst", len(dst), len(logits))
	for i, l := range logits {
		dst[i] = sigmoid((l + logisticFromBits(g.src.Uint64())) / tau)
	}
	return dst
}

// RelaxedBernoulliTo draws binary Concrete samples with the global source.
// See Generator.RelaxedBernoulliTo.
func RelaxedBernoulliTo(dst, logits []float64, tau float64) []float64 {
	return global.RelaxedBernoulliTo(dst, logits, tau)
}

// VJP returns the gradient with respect to the logit given grad = dLoss/dy:
// grad * y(1-y)/tau, the noise held fixed. It panics with ErrParameter on a
// BinaryST not drawn by RelaxedBernoulliST (a zero value: Tau is not finite
// and > 0).
func (b BinaryST) VJP(grad float64) float64 {
	b.check("BinaryST.VJP")
	return grad * b.Soft * (1 - b.Soft) / b.Tau
}

// TauVJP returns the gradient with respect to tau given grad = dLoss/dy:
// -grad * y(1-y) * Perturbed/tau². It panics as VJP does.
func (b BinaryST) TauVJP(grad float64) float64 {
	b.check("BinaryST.TauVJP")
	if b.Soft == 0 || b.Soft == 1 {
		return 0
	}
	// Divide twice: tau² underflows to 0 for tau < 1e-162.
	return -grad * b.Soft * (1 - b.Soft) * (b.Perturbed / b.Tau) / b.Tau
}

// check panics with ErrParameter unless b.Tau is finite and > 0, as in every
// BinaryST that RelaxedBernoulliST returns.
func (b BinaryST) check(op string) {
	if !(b.Tau > 0) || math.IsInf(b.Tau, 1) {
		panicf(op, ErrParameter, "BinaryST has temperature %v: a zero BinaryST? Draw it with RelaxedBernoulliST", b.Tau)
	}
}
