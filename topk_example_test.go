// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"github.com/seed06c76d7c/gumbel"
)

// Draw three distinct classes without replacement, in Plackett–Luce order;
// the masked class 2 is never drawn.
func ExampleGenerator_GumbelTopKTo() {
	logits := []float64{math.Log(0.4), math.Log(0.3), math.Inf(-1), math.Log(0.2), math.Log(0.1)}
	g := gumbel.NewSeeded(1, 2)
	dst := make([]int, 3)
	counts := map[int]int{}
	const n = 100000
	for range n {
		g.GumbelTopKTo(dst, nil, logits, 3)
		counts[dst[0]]++
	}
	// The first index is Categorical(softmax(logits)).
	fmt.Printf("P(first = 0) ≈ %.2f, P(first = 1) ≈ %.2f, P(first = 2) = %.2f\n",
		float64(counts[0])/n, float64(counts[1])/n, float64(counts[2])/n)
	// Output:
	// P(first = 0) ≈ 0.40, P(first = 1) ≈ 0.30, P(first = 2) = 0.00
}
