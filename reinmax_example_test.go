// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"

	"github.com/seed06c76d7c/gumbel"
)

// Estimate the gradient of E ||D - t||² over D ~ softmax(logits) with
// ReinMax and with Gumbel-Rao, averaging many single-draw estimates, and
// compare them with the exact gradient J(p) f, f_i = ||e_i - t||². ReinMax
// at tau = 1 is unbiased on any quadratic; Gumbel-Rao has the bias of
// straight-through Gumbel-Softmax (and less variance).
func ExampleReinMax() {
	logits := []float64{1, 0, -1}
	t := []float64{0.2, 0.5, 0.9}
	grad := func(dst, d []float64) { // d/dD ||D - t||²
		for i := range d {
			dst[i] = 2 * (d[i] - t[i])
		}
	}
	g := gumbel.NewSeeded(3, 4)
	var rm gumbel.ReinMax
	var gr gumbel.GumbelRao
	up, est := make([]float64, 3), make([]float64, 3)
	meanRM, meanGR := make([]float64, 3), make([]float64, 3)
	const n = 40000
	for range n {
		g.ReinMaxTo(&rm, logits, 1)
		grad(up, rm.Hard)
		for i, v := range rm.VJP(est, up) {
			meanRM[i] += v / n
		}
		g.GumbelRaoTo(&gr, logits, 1, 10)
		grad(up, gr.Hard)
		for i, v := range gr.VJP(est, up) {
			meanGR[i] += v / n
		}
	}
	// The exact gradient, by enumeration.
	p := gumbel.SoftmaxTo(nil, logits)
	f := make([]float64, 3)
	var mean float64
	for i := range f {
		for j := range t {
			d := -t[j]
			if i == j {
				d++
			}
			f[i] += d * d
		}
		mean += p[i] * f[i]
	}
	fmt.Printf("exact      [%.2f %.2f %.2f]\n", p[0]*(f[0]-mean), p[1]*(f[1]-mean), p[2]*(f[2]-mean))
	fmt.Printf("ReinMax    [%.2f %.2f %.2f]\n", meanRM[0], meanRM[1], meanRM[2])
	fmt.Printf("Gumbel-Rao [%.2f %.2f %.2f]\n", meanGR[0], meanGR[1], meanGR[2])
	// Output:
	// exact      [0.18 -0.08 -0.10]
	// ReinMax    [0.18 -0.08 -0.10]
	// Gumbel-Rao [0.27 -0.10 -0.17]
}
