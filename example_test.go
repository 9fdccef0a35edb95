// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleGenerator_GumbelMax() {
	// Exact categorical sampling: index i with probability softmax(logits)_i.
	// The -Inf logit masks category 3: it is never drawn.
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2), math.Inf(-1)}
	g := gumbel.NewSeeded(1, 2)
	counts := make([]int, len(logits))
	for i := 0; i < 10000; i++ {
		counts[g.GumbelMax(logits)]++
	}
	fmt.Println(counts)
	// Output:
	// [5120 2902 1978 0]
}

func ExampleGenerator_CategoricalBatchTo() {
	// One action per row, e.g. for a batch of reinforcement-learning states:
	// inverse-CDF sampling draws one random number per row, whatever the
	// number of actions. Row 1 masks every action but the last.
	logits := mat.NewDense(3, 4, []float64{
		0, 1, 2, 3,
		math.Inf(-1), math.Inf(-1), math.Inf(-1), 0,
		5, math.Log(0), 5, 5,
	})
	g := gumbel.NewSeeded(1, 2)
	fmt.Println(g.CategoricalBatchTo(nil, logits))
	// Output:
	// [3 3 3]
}

func ExampleGenerator_GumbelSoftmax() {
	logits := mat.NewVecDense(3, []float64{2, 0.5, -1})
	g := gumbel.NewSeeded(1, 2)
	soft := g.GumbelSoftmax(logits, 0.5, false)
	hard := g.GumbelSoftmax(logits, 0.5, true)
	fmt.Printf("soft %.4f\nhard %.0f\n", soft.RawVector().Data, hard.RawVector().Data)
	// Output:
	// soft [0.9782 0.0090 0.0128]
	// hard [1 0 0]
}

func ExampleGenerator_StraightThroughTo() {
	// Straight-through Gumbel-Softmax: the forward value is one-hot, the
	// gradient flows through the soft sample drawn with the same noise.
	logits := []float64{1, 0, -1}
	g := gumbel.NewSeeded(3, 4)
	st := g.StraightThroughTo(nil, logits, 1)
	upstream := []float64{0.2, -0.5, 1} // dLoss/dy at the forward value
	fmt.Printf("forward  %.0f (index %d)\n", st.Hard, st.Index)
	fmt.Printf("soft     %.4f\n", st.Soft)
	fmt.Printf("dlogits  %.4f\n", st.VJP(nil, upstream))
	fmt.Printf("dtau     %.4f\n", st.TauVJP(upstream))
	// Output:
	// forward  [1 0 0] (index 0)
	// soft     [0.7694 0.0949 0.1358]
	// dlogits  [-0.0325 -0.0704 0.1029]
	// dtau     0.0311
}

func ExampleGenerator_LogGumbelSoftmaxTo() {
	// At tau = 0.01 the soft sample underflows to exact zeros, and its
	// density cannot be evaluated; the log-space sample stays finite.
	logits := []float64{0, 0, 0}
	g := gumbel.NewSeeded(5, 6)
	x := g.LogGumbelSoftmaxTo(nil, logits, 0.01)
	fmt.Printf("log y = %.1f\n", x)
	fmt.Printf("log p = %.3f\n", gumbel.ExpConcrete{Logits: logits, Tau: 0.01}.LogProb(x))
	// Output:
	// log y = [-102.5 -0.0 -25.5]
	// log p = -12.111
}

func ExamplePaperSchedule() {
	s := gumbel.PaperSchedule() // max(0.5, exp(-3e-5 t)), every 1000 steps
	for _, step := range []int{0, 5000, 20000, 30000} {
		fmt.Printf("step %5d: tau %.4f\n", step, s.Tau(step))
	}
	// Output:
	// step     0: tau 1.0000
	// step  5000: tau 0.8607
	// step 20000: tau 0.5488
	// step 30000: tau 0.5000
}

func ExampleBinaryConcrete() {
	b := gumbel.BinaryConcrete{Logit: 0.5, Tau: 0.5}
	fmt.Printf("log p(0.3) = %.4f, P(Y <= 0.5) = %.4f\n", b.LogProb(0.3), b.CDF(0.5))
	// Output:
	// log p(0.3) = -0.7249, P(Y <= 0.5) = 0.3775
}

func Example_errors() {
	// Misuse panics with an *Error that errors.Is matches to a sentinel.
	defer func() {
		err := recover().(error)
		fmt.Println(err)
		fmt.Println(errors.Is(err, gumbel.ErrTemperature))
	}()
	gumbel.GumbelSoftmaxTo(nil, []float64{1, 2}, 0, false)
	// Output:
	// gumbel: GumbelSoftmaxTo: temperature 0 is not finite and > 0
	// true
}

func Example_tour() {
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2), math.Inf(-1)} // category 3 masked
	// A seeded Generator, or gumbel.New(any rand.Source); the package-level
	// functions of the same names draw from a global source.
	g := gumbel.NewSeeded(1, 2)

	i := g.GumbelMax(logits)                                      // exact sample of Categorical(softmax(logits))
	j := g.Categorical(logits)                                    // the same law by inverse CDF: one source value per call
	y := g.GumbelSoftmaxTo(nil, logits, 0.5, false)               // relaxed sample on the simplex
	h := g.GumbelSoftmaxTo(nil, logits, 0.5, true)                // one-hot value, with no gradient path
	x := g.LogGumbelSoftmaxTo(nil, logits, 0.1)                   // log y, finite at small tau
	lp := gumbel.ExpConcrete{Logits: logits, Tau: 0.1}.LogProb(x) // exact log-density of x
	v := g.GumbelSoftmax(mat.NewVecDense(4, logits), 0.5, false)  // gonum vector form: *mat.VecDense
	fmt.Println(i, j, h)
	fmt.Printf("y %.3f\nx %.3f log p %.3f\nv %.3f\n", y, x, lp, v.RawVector().Data)

	// Straight-through Gumbel-Softmax (PyTorch's F.gumbel_softmax(hard=True)):
	// the forward value is one-hot, the gradient flows through the soft sample.
	upstream := []float64{0.2, -0.5, 1, 0}           // dLoss/dy from the layers above
	st := g.StraightThroughTo(nil, logits, 0.5)      // st.Hard (forward), st.Soft, st.Index
	dl := st.VJP(nil, upstream)                      // dLoss/dlogits in O(k), no k×k matrix
	dtau := st.TauVJP(upstream)                      // dLoss/dtau, to learn the temperature
	J := st.Jacobian(nil)                            // (diag(y) - y yᵀ)/tau as *mat.SymDense
	dy := gumbel.SoftmaxVJPTo(nil, y, upstream, 0.5) // backward of the relaxed sample y itself
	fmt.Printf("index %d hard %.0f\ndl %.3f dtau %.3f\nJ[0][0] %.3f dy %.3f\n", st.Index, st.Hard, dl, dtau, J.At(0, 0), dy)

	// A batch: one row of logits per sample, at the paper's temperature for step 20000.
	tau := gumbel.PaperSchedule().Tau(20000) // max(0.5, exp(-3e-5 t)), updated every 1000 steps
	rows := mat.NewDense(2, 4, nil)
	rows.SetRow(0, logits)
	rows.SetRow(1, []float64{0, 0, 0, 0})
	batch := g.StraightThroughBatchTo(nil, rows, tau)                          // batch.Index, batch.Hard, batch.Soft
	dRows := batch.VJP(nil, mat.NewDense(2, 4, append(upstream, upstream...))) // dLoss/dlogits, row by row
	r, c := dRows.Dims()
	fmt.Printf("tau %.4f indices %v gradient %d×%d\n", tau, batch.Index, r, c)
	// Output:
	// 0 1 [0 1 0 0]
	// y [0.001 0.999 0.000 0.000]
	// x [-0.202 -1.697 -10.276 -Inf] log p -7.263
	// v [0.312 0.003 0.685 0.000]
	// index 2 hard [0 0 1 0]
	// dl [-0.066 -0.013 0.079 -0.000] dtau -0.272
	// J[0][0] 0.083 dy [0.001 -0.002 0.000 0.000]
	// tau 0.5488 indices [1 3] gradient 2×4
}
