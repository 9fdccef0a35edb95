// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleGumbelRao() {
	// The forward value of a Gumbel-Rao draw is the Gumbel-max index of the
	// same source state, as one-hot Hard; M conditional draws are kept for VJP.
	logits := []float64{1, 0, -1}
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	gr := a.GumbelRaoTo(nil, logits, 0.5, 8)
	fmt.Println(gr.Index == b.GumbelMax(logits), gr.Hard, gr.M)
	// Output:
	// true [1 0 0] 8
}

func ExampleGenerator_GumbelRaoTo() {
	// A training loop reuses one GumbelRao and one gradient slice: after the
	// first step nothing is allocated.
	logits := []float64{1, 0, -1}
	upstream := []float64{0.2, -0.5, 1}
	g := gumbel.NewSeeded(1, 2)
	var gr gumbel.GumbelRao
	dl := make([]float64, len(logits))
	for range 3 {
		g.GumbelRaoTo(&gr, logits, 0.5, 8)
		gr.VJP(dl, upstream) // dLoss/dlogits, for the layers below
	}
	fmt.Printf("last index %d, dlogits %.3f\n", gr.Index, dl)
	// Output:
	// last index 0, dlogits [0.022 -0.099 0.077]
}

func ExampleGumbelRao_VJP() {
	// VJP is a pure function of the draw: it consumes no randomness, and
	// repeated calls give the same bits. The gradient sums to 0.
	g := gumbel.NewSeeded(1, 2)
	gr := g.GumbelRaoTo(nil, []float64{1, 0, -1}, 0.5, 8)
	upstream := []float64{0.2, -0.5, 1}
	dl := gr.VJP(nil, upstream)
	fmt.Println(floats.Equal(dl, gr.VJP(nil, upstream)), math.Abs(floats.Sum(dl)) < 1e-12)
	// Output:
	// true true
}

func ExampleGenerator_ReinMaxTo() {
	// The forward value of a ReinMax draw, with pi0 = softmax(l) in Probs;
	// Shifted = (softmax(l/tau) + Hard)/2 is on the simplex too.
	g := gumbel.NewSeeded(1, 2)
	rm := g.ReinMaxTo(nil, []float64{1, 0, -1}, 1)
	fmt.Printf("probs %.3f, index %d, sum of shifted %.3f\n", rm.Probs, rm.Index, floats.Sum(rm.Shifted))
	// Output:
	// probs [0.665 0.245 0.090], index 0, sum of shifted 1.000
}

func ExampleReinMax_VJP() {
	// The ReinMax gradient with respect to the logits, given dLoss/dD at the
	// one-hot forward value; it sums to 0.
	g := gumbel.NewSeeded(1, 2)
	rm := g.ReinMaxTo(nil, []float64{1, 0, -1}, 1)
	dl := rm.VJP(nil, []float64{0.2, -0.5, 1})
	fmt.Printf("%.3f, |sum| < 1e-12: %v\n", dl, math.Abs(floats.Sum(dl)) < 1e-12)
	// Output:
	// [0.050 -0.086 0.036], |sum| < 1e-12: true
}
