// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleGenerator_GumbelMax32() {
	// A policy network's float32 logits: the index has the law of the
	// float64 form (the logits are read as float64), and the same value.
	logits := []float32{1.5, 0.2, -1, float32(math.Inf(-1))}
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	fmt.Println(a.GumbelMax32(logits) == b.GumbelMax([]float64{1.5, 0.2, -1, math.Inf(-1)}))
	// Output:
	// true
}

func ExampleGenerator_Categorical32() {
	logits := []float32{float32(math.Log(0.7)), float32(math.Log(0.2)), float32(math.Log(0.1))}
	g := gumbel.NewSeeded(1, 2)
	counts := make([]int, 3)
	for range 10000 {
		counts[g.Categorical32(logits)]++
	}
	fmt.Printf("%.2f %.2f %.2f\n", float64(counts[0])/1e4, float64(counts[1])/1e4, float64(counts[2])/1e4)
	// Output:
	// 0.70 0.20 0.10
}

func ExampleGenerator_GumbelMaxBatch32To() {
	// Three rows of four float32 logits, row-major, one index per row.
	logits := []float32{
		9, 0, 0, 0,
		0, 0, 9, 0,
		0, 0, 0, 9,
	}
	fmt.Println(gumbel.NewSeeded(1, 2).GumbelMaxBatch32To(nil, logits, 4))
	// Output:
	// [0 2 3]
}

func ExampleGenerator_CategoricalBatch32To() {
	logits := []float32{
		0, 9, 0,
		9, 0, 0,
	}
	fmt.Println(gumbel.NewSeeded(1, 2).CategoricalBatch32To(nil, logits, 3))
	// Output:
	// [1 0]
}

func ExampleGenerator_GumbelTopK32To() {
	// Three distinct actions from a policy's float32 logits, most likely
	// first in distribution (Plackett–Luce); the masked one never appears.
	logits := []float32{2, float32(math.Inf(-1)), 1, 0.5, 3}
	fmt.Println(gumbel.NewSeeded(1, 2).GumbelTopK32To(nil, nil, logits, 3))
	// Output:
	// [4 0 2]
}

func ExampleGenerator_SampleGumbel32() {
	// float32 Gumbel noise: the float64 draws rounded, from the same state.
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	g32 := a.SampleGumbel32(make([]float32, 3))
	g64 := b.SampleGumbel(make([]float64, 3))
	fmt.Printf("%.4f\n%.4f\n", g32, g64)
	// Output:
	// [0.9663 0.1225 1.7971]
	// [0.9663 0.1225 1.7971]
}

func ExampleGenerator_GumbelSoftmax32To() {
	// A relaxed sample of float32 logits, as a float32 model consumes it:
	// the float64 form's values rounded to float32.
	logits := []float32{2, 1, 0, float32(math.Inf(-1))}
	g := gumbel.NewSeeded(1, 2)
	y := g.GumbelSoftmax32To(nil, logits, 0.5, false)
	fmt.Printf("%.4f\n", y)
	fmt.Println(g.GumbelSoftmax32To(nil, logits, 0.5, true))
	// Output:
	// [0.8917 0.0223 0.0860 0.0000]
	// [0 0 1 0]
}

func ExampleGenerator_LogGumbelSoftmax32To() {
	// The ExpConcrete sample: log y, finite where y would underflow.
	logits := []float32{0, -200, 1}
	x := gumbel.NewSeeded(1, 2).LogGumbelSoftmax32To(nil, logits, 0.1)
	fmt.Printf("%.2f\n", x)
	// Output:
	// [-18.31 -2026.75 -0.00]
}

func ExampleGenerator_GumbelSoftmaxBatch32To() {
	// Two rows of three float32 logits, row-major.
	logits := []float32{
		3, 0, 0,
		0, 0, 3,
	}
	y := gumbel.NewSeeded(1, 2).GumbelSoftmaxBatch32To(nil, logits, 3, 0.5, false)
	fmt.Printf("%.3f\n%.3f\n", y[:3], y[3:])
	// Output:
	// [0.987 0.000 0.013]
	// [0.027 0.052 0.921]
}

func ExampleGenerator_LogGumbelSoftmaxBatch32To() {
	logits := []float32{0, 1, 2, 2, 1, 0}
	x := gumbel.NewSeeded(1, 2).LogGumbelSoftmaxBatch32To(nil, logits, 3, 1)
	fmt.Printf("%.3f\n%.3f\n", x[:3], x[3:])
	// Output:
	// [-2.951 -2.795 -0.120]
	// [-0.438 -1.110 -3.673]
}

func ExampleST32() {
	// The forward value Hard is one-hot; Soft is what the backward pass
	// differentiates; both are float32.
	st := gumbel.NewSeeded(1, 2).StraightThrough32To(nil, []float32{1, 2, 0}, 0.5)
	fmt.Println(st.Index, st.Hard)
	fmt.Printf("%.4f\n", st.Soft)
	// Output:
	// 1 [0 1 0]
	// [0.3247 0.4438 0.2315]
}

func ExampleGenerator_StraightThrough32To() {
	// Reuse one ST32 across steps: after the first draw nothing is allocated.
	g := gumbel.NewSeeded(1, 2)
	var st gumbel.ST32
	counts := make([]int, 3)
	for range 1000 {
		counts[g.StraightThrough32To(&st, []float32{0, 1, 2}, 0.5).Index]++
	}
	fmt.Println(counts)
	// Output:
	// [106 238 656]
}

func ExampleST32_VJP() {
	// Backward pass for a loss whose gradient at the one-hot forward value
	// is grad: computed in float64 from the float64 draw, returned in float32.
	st := gumbel.NewSeeded(1, 2).StraightThrough32To(nil, []float32{1, 2, 0}, 0.5)
	grad := []float32{1, -1, 0.5}
	dl := st.VJP(nil, grad)
	fmt.Printf("%.4f\n", dl)
	var sum float32
	for _, v := range dl {
		sum += v
	}
	fmt.Printf("sum %.1f\n", sum) // softmax gradients sum to 0
	// Output:
	// [0.6516 -0.8846 0.2330]
	// sum -0.0
}

func ExampleST32_TauVJP() {
	st := gumbel.NewSeeded(1, 2).StraightThrough32To(nil, []float32{1, 2, 0}, 0.5)
	fmt.Printf("%.4f\n", st.TauVJP([]float32{1, -1, 0.5}))
	// Output:
	// 0.3552
}

func ExampleSTBatch32() {
	// A batch of two rows of three logits: row i of Hard and Soft is
	// Hard[i*K : (i+1)*K].
	sb := gumbel.NewSeeded(1, 2).StraightThroughBatch32To(nil, []float32{5, 0, 0, 0, 0, 5}, 3, 0.5)
	fmt.Println(sb.K, sb.Index, sb.Hard)
	// Output:
	// 3 [0 2] [1 0 0 0 0 1]
}

func ExampleGenerator_StraightThroughBatch32To() {
	g := gumbel.NewSeeded(1, 2)
	var sb gumbel.STBatch32 // reused: no allocation after the first batch
	logits := []float32{1, 0, 0, 0, 1, 0, 0, 0, 1}
	for range 3 {
		g.StraightThroughBatch32To(&sb, logits, 3, 1)
	}
	fmt.Println(sb.Index)
	fmt.Printf("%.3f\n", sb.Soft[:3])
	// Output:
	// [1 2 2]
	// [0.091 0.737 0.172]
}

func ExampleSTBatch32_VJP() {
	sb := gumbel.NewSeeded(1, 2).StraightThroughBatch32To(nil, []float32{1, 0, 0, 0, 0, 1}, 3, 0.5)
	dl := sb.VJP(nil, []float32{1, 0, 0, 0, 0, 1})
	fmt.Printf("%.4f\n%.4f\n", dl[:3], dl[3:])
	// Output:
	// [0.4886 -0.0166 -0.4721]
	// [-0.0991 -0.1910 0.2901]
}

func ExampleSTBatch32_TauVJP() {
	sb := gumbel.NewSeeded(1, 2).StraightThroughBatch32To(nil, []float32{1, 0, 0, 0, 0, 1}, 3, 0.5)
	fmt.Printf("%.4f\n", sb.TauVJP([]float32{1, 0, 0, 0, 0, 1}))
	// Output:
	// 0.0406
}

func ExampleGenerator_GumbelTopKBatch32To() {
	// Two rows of five float32 logits: three distinct indices from each,
	// in Plackett–Luce order.
	logits := []float32{
		4, 3, 2, 1, 0,
		0, 1, 2, 3, 4,
	}
	idx := gumbel.NewSeeded(1, 2).GumbelTopKBatch32To(nil, logits, 5, 3)
	fmt.Println(idx[:3], idx[3:])
	// Output:
	// [0 2 1] [1 4 3]
}
