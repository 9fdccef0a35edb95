// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// denseJ returns J(v) = diag(v) - v vᵀ as a dense k×k matrix.
func denseJ(v []float64) *mat.Dense {
	k := len(v)
	j := mat.NewDense(k, k, nil)
	for a := range k {
		for b := range k {
			x := -v[a] * v[b]
			if a == b {
				x += v[a]
			}
			j.Set(a, b, x)
		}
	}
	return j
}

// reinmaxDense evaluates the ReinMax backward directly from its definition
// with k×k matrices: 2 J(pi1) g - J(pi0) g / 2, pi0 = softmax(l),
// pi1 = (softmax(l/tau) + onehot(d))/2, minus the mean over the unmasked
// categories (microsoft/ReinMax, reinmax.py).
func reinmaxDense(logits []float64, tau float64, d int, g []float64) []float64 {
	k := len(logits)
	pi0 := softmaxRef(logits)
	scaled := make([]float64, k)
	for i, l := range logits {
		scaled[i] = l / tau
	}
	pi1 := softmaxRef(scaled)
	for i := range pi1 {
		pi1[i] /= 2
	}
	pi1[d] += 0.5
	gv := mat.NewVecDense(k, append([]float64(nil), g...))
	var a, b mat.VecDense
	a.MulVec(denseJ(pi1), gv)
	b.MulVec(denseJ(pi0), gv)
	a.AddScaledVec(scaledVec(&a, 2), -0.5, &b)
	out := a.RawVector().Data
	var sum float64
	n := 0
	for i, l := range logits {
		if !math.IsInf(l, -1) {
			sum += out[i]
			n++
		}
	}
	for i, l := range logits {
		if !math.IsInf(l, -1) {
			out[i] -= sum / float64(n)
		}
	}
	return out
}

func scaledVec(v *mat.VecDense, s float64) *mat.VecDense {
	var w mat.VecDense
	w.ScaleVec(s, v)
	return &w
}

func TestReinMaxVJPDense(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(81, 82))
	g := NewSeeded(83, 84)
	var rm ReinMax
	for trial := range 40 {
		k := 2 + trial%9
		logits := make([]float64, k)
		grad := make([]float64, k)
		for i := range logits {
			logits[i] = 2 * r.NormFloat64()
			grad[i] = r.NormFloat64()
		}
		if k > 3 {
			logits[1] = math.Inf(-1)
		}
		tau := []float64{0.3, 1, 2, 5}[trial%4]
		g.ReinMaxTo(&rm, logits, tau)
		got := rm.VJP(nil, grad)
		want := reinmaxDense(logits, tau, rm.Index, grad)
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Fatalf("k=%d tau=%v D=%d: VJP[%d] = %v, dense %v", k, tau, rm.Index, i, got[i], want[i])
			}
		}
		if k > 3 && (got[1] != 0 || rm.Probs[1] != 0 || rm.Shifted[1] != 0) {
			t.Errorf("masked category: grad %v, probs %v, %v", got[1], rm.Probs[1], rm.Shifted[1])
		}
		// dst may alias grad.
		if again := rm.VJP(grad, grad); math.Abs(again[0]-want[0]) > 1e-12 {
			t.Errorf("aliased VJP[0] = %v, want %v", again[0], want[0])
		}
	}
}

// The forward index is Categorical(softmax(l)), the Gumbel-max kernel's draw.
func TestReinMaxForward(t *testing.T) {
	t.Parallel()
	logits := []float64{0.4, -1, 1.3, math.Inf(-1), 0}
	g := NewSeeded(91, 92)
	counts := make([]int, len(logits))
	var rm ReinMax
	for range 30000 {
		g.ReinMaxTo(&rm, logits, 2)
		counts[rm.Index]++
		if rm.Hard[rm.Index] != 1 {
			t.Fatalf("Hard %v does not mark %d", rm.Hard, rm.Index)
		}
	}
	stat, df, p := chiSquare(counts, softmaxRef(logits))
	t.Logf("forward index: chi2 = %.2f, df = %d, p = %.3f", stat, df, p)
	if p < pThreshold {
		t.Errorf("forward index is not Categorical(softmax(l)): p = %v", p)
	}
	if a, b := NewSeeded(3, 3).ReinMaxTo(nil, logits, 1).Index, NewSeeded(3, 3).perturb(nil, logits); a != b {
		t.Errorf("ReinMax index %d, Gumbel-max %d", a, b)
	}
	bad := NewSeeded(1, 1).ReinMaxTo(nil, []float64{0, math.NaN()}, 1)
	if bad.Index != -1 || !math.IsNaN(bad.Hard[0]) || !math.IsNaN(bad.Probs[0]) || !math.IsNaN(bad.VJP(nil, []float64{1, 2})[1]) {
		t.Errorf("NaN logits: %+v", bad)
	}
	src := &countingSource{src: rand.NewPCG(1, 1)}
	gg := New(src)
	rm1 := gg.ReinMaxTo(nil, logits, 1)
	mustPanic(t, "ReinMaxTo tau", ErrTemperature, src, func() { gg.ReinMaxTo(nil, logits, math.Inf(1)) })
	mustPanic(t, "ReinMaxTo empty", ErrEmpty, src, func() { gg.ReinMaxTo(nil, nil, 1) })
	mustPanic(t, "ReinMax.VJP grad", ErrLength, src, func() { rm1.VJP(nil, []float64{1}) })
	mustPanic(t, "ReinMax.VJP dst", ErrLength, src, func() { rm1.VJP(make([]float64, 2), make([]float64, 5)) })
}

func TestReinMaxAllocs(t *testing.T) {
	g := NewSeeded(1, 1)
	logits := []float64{0.1, 0.2, -0.3, 1}
	rm := g.ReinMaxTo(nil, logits, 1)
	grad := []float64{1, -1, 0.5, 2}
	dst := make([]float64, 4)
	if a := testing.AllocsPerRun(100, func() {
		g.ReinMaxTo(rm, logits, 1)
		rm.VJP(dst, grad)
	}); a != 0 {
		t.Errorf("ReinMaxTo + VJP allocate %v times", a)
	}
}

// quadExact returns the exact gradient of E_{D ~ softmax(l)} ||D - t||²
// with respect to l, J(p) f with f_i = ||e_i - t||², by enumeration.
func quadExact(logits, target []float64) []float64 {
	p := softmaxRef(logits)
	f := make([]float64, len(p))
	for i := range f {
		for j, tj := range target {
			d := -tj
			if i == j {
				d++
			}
			f[i] += d * d
		}
	}
	out := make([]float64, len(p))
	vjp(out, p, f, 1)
	return out
}

// On a quadratic objective ReinMax is less biased than straight-through (the
// authors' second-order claim, Liu et al. 2023 §4): the mean of many draws is
// measured against the exact gradient, and checked against the mean computed
// by enumerating D.
func TestReinMaxBiasQuadratic(t *testing.T) {
	t.Parallel()
	logits := []float64{1.5, 0.2, -0.4, 0.9, -1.2, 0.0}
	target := []float64{0.9, 0.1, 0.8, 0.0, 0.6, 0.3}
	k := len(logits)
	exact := quadExact(logits, target)
	n := 100000
	if testing.Short() {
		n = 30000
	}
	for _, tau := range []float64{1, 2} {
		g := NewSeeded(101, uint64(10*tau))
		var rm ReinMax
		up, est, st := make([]float64, k), make([]float64, k), make([]float64, k)
		sumRM, sqRM := make([]float64, k), make([]float64, k)
		sumST, sqST := make([]float64, k), make([]float64, k)
		// Plain straight-through (microsoft/ReinMax's st): the backward
		// Jacobian of softmax(l/tau), J(softmax(l/tau))/tau.
		scaled := make([]float64, k)
		for i, l := range logits {
			scaled[i] = l / tau
		}
		soft := softmaxRef(scaled)
		for range n {
			g.ReinMaxTo(&rm, logits, tau)
			for i := range up {
				up[i] = 2 * (rm.Hard[i] - target[i])
			}
			rm.VJP(est, up)
			vjp(st, soft, up, tau)
			for i := range est {
				sumRM[i] += est[i]
				sqRM[i] += est[i] * est[i]
				sumST[i] += st[i]
				sqST[i] += st[i] * st[i]
			}
		}
		// The expectation of ReinMax by enumeration over D.
		enum := make([]float64, k)
		p := softmaxRef(logits)
		for d := range k {
			rm.fill(logits, tau, d)
			for i := range up {
				up[i] = 2 * (rm.Hard[i] - target[i])
			}
			rm.VJP(est, up)
			for i := range enum {
				enum[i] += p[d] * est[i]
			}
		}
		biasRM, biasST, seRM, seST := 0.0, 0.0, 0.0, 0.0
		for i := range exact {
			m, ms := sumRM[i]/float64(n), sumST[i]/float64(n)
			vr := sqRM[i]/float64(n) - m*m
			vs := sqST[i]/float64(n) - ms*ms
			se := math.Sqrt(vr / float64(n))
			if z := (m - enum[i]) / se; math.Abs(z) > 4.5 {
				t.Errorf("tau=%v coordinate %d: Monte Carlo mean %v vs enumerated %v (z = %.2f)", tau, i, m, enum[i], z)
			}
			biasRM += (m - exact[i]) * (m - exact[i])
			biasST += (ms - exact[i]) * (ms - exact[i])
			seRM += vr / float64(n)
			seST += vs / float64(n)
		}
		biasRM, biasST, seRM, seST = math.Sqrt(biasRM), math.Sqrt(biasST), math.Sqrt(seRM), math.Sqrt(seST)
		var biasEnum float64
		for i := range exact {
			biasEnum += (enum[i] - exact[i]) * (enum[i] - exact[i])
		}
		t.Logf("tau=%v, %d draws: |bias| ReinMax %.4f (enumerated %.4f, s.e. %.4f), ST %.4f (s.e. %.4f); |exact| %.4f",
			tau, n, biasRM, math.Sqrt(biasEnum), seRM, biasST, seST, math.Sqrt(innerRef(exact, exact)))
		if biasST < 4*seST {
			t.Fatalf("tau=%v: ST's bias %v is not resolved by the sample (s.e. %v)", tau, biasST, seST)
		}
		if biasRM+4*seRM > biasST {
			t.Errorf("tau=%v: ReinMax bias %v (s.e. %v) is not below ST's %v", tau, biasRM, seRM, biasST)
		}
	}
}

func innerRef(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// BenchmarkReinMaxVJP compares the O(k) VJP with the dense evaluation of the
// formula (k×k matrices, reinmaxDense).
func BenchmarkReinMaxVJP(b *testing.B) {
	for _, k := range []int{10, 100} {
		logits, grad := benchInputs(k)
		rm := NewSeeded(1, 1).ReinMaxTo(nil, logits, 2)
		dst := make([]float64, k)
		b.Run(fmt.Sprintf("vjp/k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rm.VJP(dst, grad)
			}
		})
		b.Run(fmt.Sprintf("naive-dense/k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				reinmaxDense(logits, 2, rm.Index, grad)
			}
		})
	}
}
