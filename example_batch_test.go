// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleGenerator_GumbelRaoBatchTo() {
	// A batch of 3 categorical latents with 4 classes each: one-hot forward
	// values, and a Rao-Blackwellised backward pass averaging M = 8
	// conditional soft samples per row.
	logits := mat.NewDense(3, 4, []float64{
		2, 0, 0, 0,
		0, 2, 0, 0,
		0, 0, 0, 2,
	})
	g := gumbel.NewSeeded(1, 2)
	gr := g.GumbelRaoBatchTo(nil, logits, 0.5, 8)
	fmt.Println("indices", gr.Index)
	fmt.Printf("forward row 0 %.0f\n", gr.Hard.RawRowView(0))
	// Output:
	// indices [0 2 3]
	// forward row 0 [1 0 0 0]
}

func ExampleGumbelRaoBatch_VJP() {
	logits := mat.NewDense(2, 3, []float64{1, 0, -1, 0, 0, 0})
	gr := gumbel.NewSeeded(1, 2).GumbelRaoBatchTo(nil, logits, 0.5, 16)
	// dLoss/dz at the one-hot forward values: here the loss is z_0 of each row.
	grad := mat.NewDense(2, 3, []float64{1, 0, 0, 1, 0, 0})
	dl := gr.VJP(nil, grad)
	// Each row of a softmax gradient sums to 0; a second call gives the same
	// bits, since the conditional noise was drawn with the forward value.
	again := gr.VJP(nil, grad)
	zero := math.Abs(mat.Sum(dl.RowView(0))) < 1e-12 && math.Abs(mat.Sum(dl.RowView(1))) < 1e-12
	fmt.Printf("rows sum to 0: %v, repeatable: %v, dl[0] %.3f\n", zero, mat.Equal(dl, again), dl.RawRowView(0))
	// Output:
	// rows sum to 0: true, repeatable: true, dl[0] [0.179 -0.115 -0.064]
}

func ExampleGenerator_ReinMaxBatchTo() {
	logits := mat.NewDense(2, 3, []float64{3, 0, 0, 0, 0, 3})
	g := gumbel.NewSeeded(1, 2)
	rm := g.ReinMaxBatchTo(nil, logits, 1)
	fmt.Println("indices", rm.Index)
	fmt.Printf("pi0 row 0 %.3f\n", rm.Probs.RawRowView(0))
	// Output:
	// indices [0 2]
	// pi0 row 0 [0.909 0.045 0.045]
}

func ExampleReinMaxBatch_VJP() {
	logits := mat.NewDense(2, 3, []float64{1, 0, -1, math.Inf(-1), 0, 0})
	rm := gumbel.NewSeeded(1, 2).ReinMaxBatchTo(nil, logits, 1)
	grad := mat.NewDense(2, 3, []float64{1, -1, 0, 0, 1, -1})
	dl := rm.VJP(nil, grad)
	// The masked logit of row 1 gets exactly 0.
	zero := math.Abs(mat.Sum(dl.RowView(0))) < 1e-12 && math.Abs(mat.Sum(dl.RowView(1))) < 1e-12
	fmt.Printf("rows sum to 0: %v, masked entry is 0: %v, dl[1][1:] %.3f\n", zero, dl.At(1, 0) == 0, dl.RawRowView(1)[1:])
	// Output:
	// rows sum to 0: true, masked entry is 0: true, dl[1][1:] [0.500 -0.500]
}

func ExampleGenerator_ConditionalGumbelBatchTo() {
	// Perturbed logits whose argmax is the given index of each row (as
	// Gumbel-Rao draws them): each row's largest entry is at its index.
	logits := mat.NewDense(2, 3, []float64{0, 1, 2, 2, 1, 0})
	index := []int{0, 2}
	s := gumbel.NewSeeded(1, 2).ConditionalGumbelBatchTo(nil, logits, index)
	for i := range index {
		fmt.Println("row", i, "argmax", floatsArgmax(s.RawRowView(i)))
	}
	// Output:
	// row 0 argmax 0
	// row 1 argmax 2
}

func floatsArgmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

func ExampleGenerator_RelaxedBernoulliTo() {
	// Relaxed Bernoulli gates for 5 units at temperature 0.5: values in
	// [0, 1], nearer 0 or 1 as the temperature falls.
	logits := []float64{-2, -1, 0, 1, 2}
	g := gumbel.NewSeeded(1, 2)
	gates := g.RelaxedBernoulliTo(nil, logits, 0.5)
	fmt.Printf("%.3f\n", gates)
	// Output:
	// [0.079 0.063 0.969 0.978 0.999]
}

func ExampleGumbelRaoBatch() {
	// One training step for a batch of 2 categorical latents: the one-hot
	// rows of Hard go forward; the gradient of the loss with respect to
	// them comes back through VJP as a gradient for the logits.
	logits := mat.NewDense(2, 3, []float64{1, 0, -1, 0, 2, 0})
	var gr gumbel.GumbelRaoBatch // reused from step to step: no allocation after the first
	gumbel.NewSeeded(1, 2).GumbelRaoBatchTo(&gr, logits, 0.5, 10)
	dLdz := mat.NewDense(2, 3, []float64{0, 1, 0, 0, 1, 0})
	dLdl := gr.VJP(nil, dLdz)
	r, c := dLdl.Dims()
	fmt.Printf("indices %v, M %d, gradient %d×%d\n", gr.Index, gr.M, r, c)
	// Output:
	// indices [0 1], M 10, gradient 2×3
}

func ExampleReinMaxBatch() {
	// ReinMax over a batch, at the temperature its authors recommend.
	logits := mat.NewDense(2, 3, []float64{1, 0, -1, 0, 2, 0})
	var rm gumbel.ReinMaxBatch
	gumbel.NewSeeded(1, 2).ReinMaxBatchTo(&rm, logits, 1)
	dLdl := rm.VJP(nil, mat.NewDense(2, 3, []float64{0, 1, 0, 0, 1, 0}))
	fmt.Printf("indices %v, pi1 row 1 %.3f, dL/dl row 1 %.3f\n", rm.Index, rm.Shifted.RawRowView(1), dLdl.RawRowView(1))
	// Output:
	// indices [0 1], pi1 row 1 [0.053 0.893 0.053], dL/dl row 1 [-0.053 0.107 -0.053]
}

func ExampleGenerator_SetMaxWorkers() {
	// A large batch from NewSeeded's generator is drawn on every core
	// GOMAXPROCS gives; its bits do not depend on the number of goroutines.
	logits := mat.NewDense(4096, 100, nil)
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	b.SetMaxWorkers(1) // the calling goroutine only
	ya := a.GumbelSoftmaxBatchTo(nil, logits, 0.5, false)
	yb := b.GumbelSoftmaxBatchTo(nil, logits, 0.5, false)
	fmt.Println(mat.Equal(ya, yb))
	// Output:
	// true
}
