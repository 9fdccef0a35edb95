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
