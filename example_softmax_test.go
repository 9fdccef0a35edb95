// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleSoftmaxTo() {
	// The probabilities that GumbelMax samples from; -Inf masks a category,
	// and logits of any magnitude do not overflow.
	fmt.Printf("%.3f\n", gumbel.SoftmaxTo(nil, []float64{math.Log(5), math.Log(3), math.Log(2), math.Inf(-1)}))
	fmt.Printf("%.3f\n", gumbel.SoftmaxTo(nil, []float64{1000, 1001}))
	// Output:
	// [0.500 0.300 0.200 0.000]
	// [0.269 0.731]
}

func ExampleLogSoftmaxTo() {
	// Log-probabilities without overflow, in place: dst may be x itself.
	x := []float64{1000, 1000 + math.Log(3)}
	fmt.Printf("%.3f\n", gumbel.LogSoftmaxTo(x, x))
	// Output:
	// [-1.386 -0.288]
}

func ExampleLogSumExp() {
	// log(e^1000 + e^1000) = 1000 + log 2, where exp(1000) overflows.
	x := []float64{1000, 1000}
	fmt.Printf("%.3f, naive %v\n", gumbel.LogSumExp(x), math.Log(math.Exp(x[0])+math.Exp(x[1])))
	fmt.Println(gumbel.LogSumExp([]float64{math.Inf(-1), math.Inf(-1)}))
	// Output:
	// 1000.693, naive +Inf
	// -Inf
}

func ExampleSoftmaxVJPTo() {
	// The backward pass of a relaxed sample y at temperature tau: the
	// gradient of the loss with respect to the logits, which sums to 0.
	y := []float64{0.7, 0.2, 0.1} // a relaxed sample, e.g. from GumbelSoftmaxTo
	grad := []float64{1, 0, -1}   // dLoss/dy
	fmt.Printf("%.3f\n", gumbel.SoftmaxVJPTo(nil, y, grad, 0.5))
	// Output:
	// [0.560 -0.240 -0.320]
}
