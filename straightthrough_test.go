// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// softFixed recomputes the soft sample from the logits, the noise noise held
// fixed, with the plain reference softmax: y = softmax((l + G)/tau).
func softFixed(l, noise []float64, tau float64) []float64 {
	z := make([]float64, len(l))
	for i := range l {
		z[i] = (l[i] + noise[i]) / tau
	}
	return softmaxRef(z)
}

func TestStraightThroughDerivatives(t *testing.T) {
	t.Parallel()
	const h = 1e-6
	for _, c := range []struct {
		logits []float64
		tau    float64
	}{
		{[]float64{0.3, -1.2, 2, 0.7}, 0.5},
		{[]float64{0.3, -1.2, 2, 0.7, -0.1, 1.1}, 1},
		{[]float64{1, 1, 1}, 3},
		{[]float64{10, 12, 11.5}, 2},
	} {
		g := NewSeeded(21, 22)
		st := g.StraightThroughTo(nil, c.logits, c.tau)
		k := len(c.logits)
		noise := make([]float64, k)
		for i := range noise {
			noise[i] = st.Perturbed[i] - c.logits[i]
		}
		if y := softFixed(c.logits, noise, c.tau); !floatsClose(y, st.Soft, 1e-12) {
			t.Fatalf("soft %v, reference %v", st.Soft, y)
		}
		if st.Hard[st.Index] != 1 || st.Index != argmax(st.Soft) {
			t.Fatalf("hard %v index %d does not match soft %v", st.Hard, st.Index, st.Soft)
		}
		jac := st.Jacobian(nil)
		// Central finite differences of y in each logit, the noise fixed.
		for j := 0; j < k; j++ {
			lp := append([]float64(nil), c.logits...)
			lm := append([]float64(nil), c.logits...)
			lp[j] += h
			lm[j] -= h
			yp, ym := softFixed(lp, noise, c.tau), softFixed(lm, noise, c.tau)
			var row float64
			for i := 0; i < k; i++ {
				fd := (yp[i] - ym[i]) / (2 * h)
				if !scalar.EqualWithinAbsOrRel(jac.At(i, j), fd, 1e-7, 1e-6) {
					t.Errorf("tau %v: dy_%d/dl_%d = %v, finite difference %v", c.tau, i, j, jac.At(i, j), fd)
				}
				row += jac.At(j, i)
			}
			if math.Abs(row) > 1e-12 {
				t.Errorf("Jacobian row %d sums to %v", j, row)
			}
		}
		// The VJP equals gradᵀ J for an arbitrary upstream gradient.
		grad := []float64{0.5, -2, 1.5, 3, -1, 0.25}[:k]
		var want mat.VecDense
		want.MulVec(jac, mat.NewVecDense(k, grad))
		if got := st.VJP(nil, grad); !floatsClose(got, want.RawVector().Data, 1e-12) {
			t.Errorf("VJP %v, J g %v", got, want.RawVector().Data)
		}
		// dy/dtau and <grad, dy/dtau> against finite differences in tau.
		yp, ym := softFixed(c.logits, noise, c.tau+h), softFixed(c.logits, noise, c.tau-h)
		dtau := st.TauJacobian(nil)
		var fdVJP float64
		for i := range yp {
			fd := (yp[i] - ym[i]) / (2 * h)
			fdVJP += grad[i] * fd
			if !scalar.EqualWithinAbsOrRel(dtau[i], fd, 1e-7, 1e-6) {
				t.Errorf("tau %v: dy_%d/dtau = %v, finite difference %v", c.tau, i, dtau[i], fd)
			}
		}
		if got := st.TauVJP(grad); !scalar.EqualWithinAbsOrRel(got, fdVJP, 1e-7, 1e-6) {
			t.Errorf("tau %v: TauVJP = %v, finite difference %v", c.tau, got, fdVJP)
		}
	}
}

func TestStraightThroughMatchesGumbelSoftmax(t *testing.T) {
	t.Parallel()
	st := NewSeeded(3, 3).StraightThroughTo(nil, testLogits, 0.7)
	soft := NewSeeded(3, 3).GumbelSoftmaxTo(nil, testLogits, 0.7, false)
	hard := NewSeeded(3, 3).GumbelSoftmaxTo(nil, testLogits, 0.7, true)
	if !floatsClose(st.Soft, soft, 0) || !floatsClose(st.Hard, hard, 0) {
		t.Errorf("ST soft %v hard %v, GumbelSoftmaxTo soft %v hard %v", st.Soft, st.Hard, soft, hard)
	}
}

func TestStraightThroughMaskedTau(t *testing.T) {
	t.Parallel()
	// Masked categories contribute exact zeros to every derivative.
	st := NewSeeded(4, 4).StraightThroughTo(nil, testLogits, 0.2)
	grad := []float64{1, 2, 3, 4, 5, 6}
	if d := st.VJP(nil, grad); d[2] != 0 {
		t.Errorf("VJP on a masked category = %v", d[2])
	}
	if d := st.TauJacobian(nil); d[2] != 0 {
		t.Errorf("dy/dtau on a masked category = %v", d[2])
	}
	if v := st.TauVJP(grad); math.IsNaN(v) || math.IsInf(v, 0) {
		t.Errorf("TauVJP = %v", v)
	}
}

func TestStraightThroughBatch(t *testing.T) {
	t.Parallel()
	const rows = 20
	logits := mat.NewDense(rows, len(testLogits), nil)
	grad := mat.NewDense(rows, len(testLogits), nil)
	for i := 0; i < rows; i++ {
		logits.SetRow(i, testLogits)
		for j := range testLogits {
			grad.Set(i, j, float64(i-j))
		}
	}
	b := NewSeeded(9, 9).StraightThroughBatchTo(nil, logits, 0.5)
	vjp := b.VJP(nil, grad)
	g := NewSeeded(9, 9)
	var tauSum float64
	for i := 0; i < rows; i++ {
		st := g.StraightThroughTo(nil, testLogits, 0.5)
		if b.Index[i] != st.Index || !floatsClose(b.Soft.RawRowView(i), st.Soft, 0) || !floatsClose(b.Hard.RawRowView(i), st.Hard, 0) {
			t.Fatalf("row %d: batch differs from row-by-row", i)
		}
		if !floatsClose(vjp.RawRowView(i), st.VJP(nil, grad.RawRowView(i)), 0) {
			t.Fatalf("row %d: batch VJP differs", i)
		}
		tauSum += st.TauVJP(grad.RawRowView(i))
	}
	if got := b.TauVJP(grad); !scalar.EqualWithinAbsOrRel(got, tauSum, 1e-12, 1e-12) {
		t.Errorf("batch TauVJP %v, sum of rows %v", got, tauSum)
	}
	// Batch soft rows equal GumbelSoftmaxBatchTo with the same seed.
	soft := NewSeeded(9, 9).GumbelSoftmaxBatchTo(nil, logits, 0.5, false)
	if !mat.Equal(soft, b.Soft) {
		t.Errorf("GumbelSoftmaxBatchTo differs from STBatch.Soft")
	}
}

func floatsClose(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !(a[i] == b[i] || scalar.EqualWithinAbsOrRel(a[i], b[i], tol, tol)) {
			return false
		}
	}
	return true
}

// TestAllocs checks that the destination-first forms allocate nothing. It does
// not run in parallel: testing.AllocsPerRun forbids it.
func TestAllocs(t *testing.T) {
	const rows = 8
	k := len(testLogits)
	logits := mat.NewDense(rows, k, nil)
	for i := 0; i < rows; i++ {
		logits.SetRow(i, testLogits)
	}
	g := NewSeeded(1, 1)
	dst, grad := make([]float64, k), make([]float64, k)
	dstM, gradM := mat.NewDense(rows, k, nil), mat.NewDense(rows, k, nil)
	idx := make([]int, rows)
	st := g.StraightThroughTo(nil, testLogits, 0.7)
	stb := g.StraightThroughBatchTo(nil, logits, 0.7)
	for name, f := range map[string]func(){
		"SampleGumbel":            func() { g.SampleGumbel(dst) },
		"GumbelMax":               func() { g.GumbelMax(testLogits) },
		"GumbelMaxBatchTo":        func() { g.GumbelMaxBatchTo(idx, logits) },
		"GumbelSoftmaxTo":         func() { g.GumbelSoftmaxTo(dst, testLogits, 0.7, false) },
		"GumbelSoftmaxTo hard":    func() { g.GumbelSoftmaxTo(dst, testLogits, 0.7, true) },
		"LogGumbelSoftmaxTo":      func() { g.LogGumbelSoftmaxTo(dst, testLogits, 0.7) },
		"GumbelSoftmaxBatchTo":    func() { g.GumbelSoftmaxBatchTo(dstM, logits, 0.7, false) },
		"StraightThroughTo + VJP": func() { g.StraightThroughTo(st, testLogits, 0.7); st.VJP(dst, grad); st.TauVJP(grad) },
		"StraightThroughBatchTo":  func() { g.StraightThroughBatchTo(stb, logits, 0.7); stb.VJP(dstM, gradM) },
		"RelaxedBernoulliST":      func() { g.RelaxedBernoulliST(0.1, 0.5) },
		"SoftmaxVJPTo":            func() { SoftmaxVJPTo(dst, st.Soft, grad, 0.7) },
		"ExpConcrete.LogProb":     func() { ExpConcrete{Logits: testLogits, Tau: 0.7}.LogProb(dst) },
	} {
		if n := testing.AllocsPerRun(50, f); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}

func TestSoftmaxVJPTo(t *testing.T) {
	t.Parallel()
	// The relaxed sample's VJP equals the straight-through one drawn with the
	// same noise, and gradᵀ J against the dense Jacobian.
	st := NewSeeded(6, 6).StraightThroughTo(nil, testLogits, 0.8)
	y := NewSeeded(6, 6).GumbelSoftmaxTo(nil, testLogits, 0.8, false)
	grad := []float64{0.3, -1, 2, 0.5, 0, 4}
	got := SoftmaxVJPTo(nil, y, grad, 0.8)
	if !floatsClose(got, st.VJP(nil, grad), 0) {
		t.Errorf("SoftmaxVJPTo %v, ST.VJP %v", got, st.VJP(nil, grad))
	}
	var want mat.VecDense
	want.MulVec(st.Jacobian(nil), mat.NewVecDense(len(grad), grad))
	if !floatsClose(got, want.RawVector().Data, 1e-12) {
		t.Errorf("SoftmaxVJPTo %v, J g %v", got, want.RawVector().Data)
	}
	src := &countingSource{src: NewSeeded(1, 1).src}
	mustPanic(t, "SoftmaxVJPTo tau", ErrTemperature, src, func() { SoftmaxVJPTo(nil, y, grad, 0) })
	mustPanic(t, "SoftmaxVJPTo grad", ErrLength, src, func() { SoftmaxVJPTo(nil, y, grad[:2], 1) })
	mustPanic(t, "SoftmaxVJPTo dst", ErrLength, src, func() { SoftmaxVJPTo(make([]float64, 1), y, grad, 1) })
}
