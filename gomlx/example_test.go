// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbelmlx_test

import (
	"fmt"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/backends/simplego"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/seed06c76d7c/gumbel"
	"github.com/seed06c76d7c/gumbel/gomlx"
)

// newBackend returns GoMLX's pure-Go backend.
func newBackend() backends.Backend {
	b, err := simplego.New("")
	if err != nil {
		panic(err)
	}
	return b
}

func values(t *tensors.Tensor) []float64 { return tensors.MustCopyFlatData[float64](t) }

func ExampleGumbelNoise() {
	// Noise from GoMLX's own random state: a Philox state from a seed,
	// threaded through the graph.
	be := newBackend()
	state, _ := RNGStateFromSeed(1)
	mean := MustNewExec(be, func(state *Node) *Node {
		_, g := gumbelmlx.GumbelNoise(state, shapes.Make(dtypes.Float64, 100000))
		return ReduceAllMean(g)
	}).MustExec1(state)
	fmt.Printf("mean %.2f (Euler's gamma 0.58)\n", values(mean)[0])
	// Output:
	// mean 0.58 (Euler's gamma 0.58)
}

func ExampleExponentialNoise() {
	be := newBackend()
	state, _ := RNGStateFromSeed(1)
	mean := MustNewExec(be, func(state *Node) *Node {
		_, e := gumbelmlx.ExponentialNoise(state, shapes.Make(dtypes.Float64, 100000))
		return ReduceAllMean(e)
	}).MustExec1(state)
	fmt.Printf("mean %.2f\n", values(mean)[0])
	// Output:
	// mean 1.00
}

func ExampleGumbelSoftmax() {
	// The same sample as the gonum package gives for the same noise.
	be := newBackend()
	logits := []float64{2, 1, 0}
	noise := []float64{0.1, 0.5, -0.3}
	y := MustNewExec(be, func(l, g *Node) *Node { return gumbelmlx.GumbelSoftmax(l, g, 0.5) }).MustExec1(logits, noise)
	s := make([]float64, 3)
	for i := range s {
		s[i] = (logits[i] + noise[i]) / 0.5
	}
	fmt.Printf("%.4f\n%.4f\n", values(y), gumbel.SoftmaxTo(nil, s))
	// Output:
	// [0.7637 0.2300 0.0063]
	// [0.7637 0.2300 0.0063]
}

func ExampleStraightThrough() {
	// The one-hot forward value, and the soft sample's gradient.
	be := newBackend()
	out := MustNewExec(be, func(l, g, w *Node) (*Node, *Node) {
		y := gumbelmlx.StraightThrough(l, g, 0.5)
		return y, Gradient(ReduceAllSum(Mul(y, w)), l)[0]
	}).MustExec([]float64{2, 1, 0}, []float64{0.1, 0.5, -0.3}, []float64{1, 0, 0})
	fmt.Printf("%.0f\n%.4f\n", values(out[0]), values(out[1]))
	// Output:
	// [1 0 0]
	// [0.3609 -0.3513 -0.0096]
}

func ExampleReinMax() {
	be := newBackend()
	out := MustNewExec(be, func(l, g, w *Node) (*Node, *Node) {
		y := gumbelmlx.ReinMax(l, g, 1)
		return y, Gradient(ReduceAllSum(Mul(y, w)), l)[0]
	}).MustExec([]float64{2, 1, 0}, []float64{0.1, 0.5, -0.3}, []float64{1, 0, 0})
	fmt.Printf("%.0f\n%.4f\n", values(out[0]), values(out[1]))
	// Output:
	// [1 0 0]
	// [0.1674 -0.1224 -0.0450]
}

func ExampleGumbelRao() {
	// The straight-through gradient averaged over 100 perturbations
	// conditioned on the sampled category.
	be := newBackend()
	state, _ := RNGStateFromSeed(2)
	out := MustNewExec(be, func(state, l, g, w *Node) (*Node, *Node) {
		hard := gumbelmlx.StraightThrough(l, g, 0.5)
		_, e := gumbelmlx.ExponentialNoise(state, shapes.Make(dtypes.Float64, 100, 3))
		y := gumbelmlx.GumbelRao(l, StopGradient(hard), e, 0.5)
		return y, Gradient(ReduceAllSum(Mul(y, w)), l)[0]
	}).MustExec(state, []float64{2, 1, 0}, []float64{0.1, 0.5, -0.3}, []float64{1, 0, 0})
	fmt.Printf("%.0f\n%.2f\n", values(out[0]), values(out[1]))
	// Output:
	// [1 0 0]
	// [0.21 -0.14 -0.06]
}

func ExampleConditionalGumbel() {
	// Perturbed logits whose argmax is category 2, the least likely one.
	be := newBackend()
	state, _ := RNGStateFromSeed(3)
	s := MustNewExec(be, func(state, l, hard *Node) *Node {
		_, e := gumbelmlx.ExponentialNoise(state, shapes.Make(dtypes.Float64, 4, 3))
		return ArgMax(gumbelmlx.ConditionalGumbel(l, hard, e), -1)
	}).MustExec1(state, []float64{2, 1, 0}, []float64{0, 0, 1})
	fmt.Println(s.Value())
	// Output:
	// [2 2 2 2]
}

func ExampleConcreteLogProb() {
	be := newBackend()
	lp := MustNewExec(be, func(l, y *Node) *Node { return gumbelmlx.ConcreteLogProb(l, y, 0.5) }).MustExec1([]float64{2, 1, 0}, []float64{0.7, 0.2, 0.1})
	want := gumbel.Concrete{Logits: []float64{2, 1, 0}, Tau: 0.5}.LogProb([]float64{0.7, 0.2, 0.1})
	fmt.Printf("%.6f %.6f\n", values(lp)[0], want)
	// Output:
	// 0.026783 0.026783
}

func ExampleExpConcreteLogProb() {
	be := newBackend()
	x := []float64{-0.5, -1.5, -2}
	lp := MustNewExec(be, func(l, x *Node) *Node { return gumbelmlx.ExpConcreteLogProb(l, x, 0.5) }).MustExec1([]float64{2, 1, 0}, x)
	want := gumbel.ExpConcrete{Logits: []float64{2, 1, 0}, Tau: 0.5}.LogProb(x)
	fmt.Printf("%.6f %.6f\n", values(lp)[0], want)
	// Output:
	// -4.357692 -4.357692
}

func ExampleBinaryConcreteLogProb() {
	be := newBackend()
	lp := MustNewExec(be, func(l, y *Node) *Node { return gumbelmlx.BinaryConcreteLogProb(l, y, 0.7) }).MustExec1([]float64{0.4}, []float64{0.8})
	want := gumbel.BinaryConcrete{Logit: 0.4, Tau: 0.7}.LogProb(0.8)
	fmt.Printf("%.6f %.6f\n", values(lp)[0], want)
	// Output:
	// 0.009351 0.009351
}

func ExampleTau() {
	be := newBackend()
	s := gumbel.PaperSchedule()
	tau := MustNewExec(be, func(g *Graph) *Node { return gumbelmlx.Tau(g, dtypes.Float64, s, 20000) }).MustExec1()
	fmt.Printf("%.4f %.4f\n", values(tau)[0], s.Tau(20000))
	// Output:
	// 0.5488 0.5488
}
