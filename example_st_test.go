// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleST() {
	// An ST keeps one draw: the one-hot forward value Hard, and the soft
	// sample Soft, drawn with the same noise, that peaks at the same index.
	g := gumbel.NewSeeded(1, 2)
	st := g.StraightThroughTo(nil, []float64{1, 0, -1}, 1)
	fmt.Println(st.Index, st.Hard, floats.MaxIdx(st.Soft) == st.Index)
	// Output:
	// 0 [1 0 0] true
}

func ExampleGenerator_StraightThrough() {
	// The gonum form: logits as a mat.Vector.
	g := gumbel.NewSeeded(1, 2)
	st := g.StraightThrough(mat.NewVecDense(3, []float64{1, 0, -1}), 0.5)
	fmt.Printf("index %d, soft sums to %.3f\n", st.Index, floats.Sum(st.Soft))
	// Output:
	// index 0, soft sums to 1.000
}

func ExampleST_VJP() {
	// The straight-through gradient with respect to the logits, in O(k):
	// it sums to 0, as softmax is shift-invariant.
	g := gumbel.NewSeeded(1, 2)
	st := g.StraightThroughTo(nil, []float64{1, 0, -1}, 1)
	upstream := []float64{0.2, -0.5, 1} // dLoss/dy at the forward value
	dl := st.VJP(nil, upstream)
	fmt.Printf("dlogits %.3f, |sum| < 1e-12: %v\n", dl, math.Abs(floats.Sum(dl)) < 1e-12)
	// Output:
	// dlogits [-0.064 -0.086 0.149], |sum| < 1e-12: true
}

func ExampleST_TauVJP() {
	// Learn the temperature: one gradient step on tau.
	g := gumbel.NewSeeded(1, 2)
	tau := 1.0
	st := g.StraightThroughTo(nil, []float64{1, 0, -1}, tau)
	tau -= 0.1 * st.TauVJP([]float64{0.2, -0.5, 1})
	fmt.Printf("tau %.3f\n", tau)
	// Output:
	// tau 0.998
}

func ExampleST_Jacobian() {
	// The dense k×k Jacobian dy/dl = (diag(y) - y yᵀ)/tau: symmetric, rows
	// summing to 0, and VJP is its product with the upstream gradient.
	g := gumbel.NewSeeded(1, 2)
	st := g.StraightThroughTo(nil, []float64{1, 0, -1}, 1)
	J := st.Jacobian(nil)
	grad := mat.NewVecDense(3, []float64{0.2, -0.5, 1})
	var Jg mat.VecDense
	Jg.MulVec(J, grad)
	fmt.Println(mat.EqualApprox(&Jg, mat.NewVecDense(3, st.VJP(nil, grad.RawVector().Data)), 1e-12))
	fmt.Printf("row 0 sums to %.3f\n", math.Abs(floats.Sum(mat.Row(nil, 0, J))))
	// Output:
	// true
	// row 0 sums to 0.000
}

func ExampleST_TauJacobian() {
	// dy/dtau as a vector: it sums to 0 (y stays on the simplex), and
	// TauVJP is its dot product with the upstream gradient.
	g := gumbel.NewSeeded(1, 2)
	st := g.StraightThroughTo(nil, []float64{1, 0, -1}, 1)
	dy := st.TauJacobian(nil)
	grad := []float64{0.2, -0.5, 1}
	fmt.Printf("%.3f = %.3f, |sum| < 1e-12: %v\n", floats.Dot(grad, dy), st.TauVJP(grad), math.Abs(floats.Sum(dy)) < 1e-12)
	// Output:
	// 0.017 = 0.017, |sum| < 1e-12: true
}

func ExampleGenerator_StraightThroughBatchTo() {
	// A training loop reuses one STBatch: after the first step nothing is
	// allocated.
	logits := mat.NewDense(2, 3, []float64{1, 0, -1, 0, 0, math.Inf(-1)})
	g := gumbel.NewSeeded(1, 2)
	var batch gumbel.STBatch
	for step := range 3 {
		g.StraightThroughBatchTo(&batch, logits, 0.5)
		fmt.Println(step, batch.Index)
	}
	// Output:
	// 0 [0 1]
	// 1 [0 1]
	// 2 [0 1]
}

func ExampleSTBatch() {
	// Row i of each matrix of an STBatch is the field of the i-th ST.
	g := gumbel.NewSeeded(1, 2)
	batch := g.StraightThroughBatchTo(nil, mat.NewDense(2, 3, []float64{1, 0, -1, 3, 0, 0}), 0.5)
	r, c := batch.Hard.Dims()
	fmt.Printf("%d×%d, indices %v, row 1 %v\n", r, c, batch.Index, batch.Hard.RawRowView(1))
	// Output:
	// 2×3, indices [0 0], row 1 [1 0 0]
}

func ExampleSTBatch_VJP() {
	// The gradient with respect to every row of logits, row by row.
	g := gumbel.NewSeeded(1, 2)
	batch := g.StraightThroughBatchTo(nil, mat.NewDense(2, 3, []float64{1, 0, -1, 0, 0, 0}), 1)
	upstream := mat.NewDense(2, 3, []float64{0.2, -0.5, 1, 1, 0, 0})
	dl := batch.VJP(nil, upstream)
	fmt.Printf("%.3f\n%.3f\n", dl.RawRowView(0), dl.RawRowView(1))
	// Output:
	// [-0.064 -0.086 0.149]
	// [0.234 -0.193 -0.041]
}

func ExampleSTBatch_TauVJP() {
	// dLoss/dtau summed over the rows: the sum of each row's ST.TauVJP.
	logits := []float64{1, 0, -1}
	grad := []float64{0.2, -0.5, 1}
	twoRows := func(v []float64) *mat.Dense { return mat.NewDense(2, 3, append(append([]float64{}, v...), v...)) }
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	batch := a.StraightThroughBatchTo(nil, twoRows(logits), 1)
	sum := b.StraightThroughTo(nil, logits, 1).TauVJP(grad) + b.StraightThroughTo(nil, logits, 1).TauVJP(grad)
	fmt.Printf("%.3f = %.3f\n", batch.TauVJP(twoRows(grad)), sum)
	// Output:
	// -0.008 = -0.008
}

func ExampleBinaryST() {
	// A straight-through relaxed Bernoulli: Hard in {0, 1} forward, Soft
	// differentiated backward; Hard is 1 when the perturbed logit is > 0.
	g := gumbel.NewSeeded(1, 2)
	b := g.RelaxedBernoulliST(0.5, 0.5)
	fmt.Println(b.Hard, (b.Hard == 1) == (b.Perturbed > 0), b.Hard == math.Round(b.Soft))
	// Output:
	// 1 true true
}

func ExampleGenerator_RelaxedBernoulliST() {
	// P(Hard = 1) = sigmoid(logit) = 0.3, at every temperature.
	g := gumbel.NewSeeded(1, 2)
	ones := 0
	for range 10000 {
		ones += int(g.RelaxedBernoulliST(math.Log(0.3/0.7), 2).Hard)
	}
	fmt.Println(ones)
	// Output:
	// 2968
}

func ExampleBinaryST_VJP() {
	// The gradient with respect to the logit, grad * y(1-y)/tau.
	g := gumbel.NewSeeded(1, 2)
	b := g.RelaxedBernoulliST(0.5, 0.5)
	fmt.Printf("%.3f = %.3f\n", b.VJP(1), b.Soft*(1-b.Soft)/b.Tau)
	// Output:
	// 0.136 = 0.136
}

func ExampleBinaryST_TauVJP() {
	// The gradient with respect to tau, -grad * y(1-y) * Perturbed/tau².
	g := gumbel.NewSeeded(1, 2)
	b := g.RelaxedBernoulliST(0.5, 0.5)
	fmt.Printf("%.3f = %.3f\n", b.TauVJP(1), -b.Soft*(1-b.Soft)*b.Perturbed/(b.Tau*b.Tau))
	// Output:
	// -0.344 = -0.344
}
