// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"testing"
)

// TestMagnitudeGumbelMax checks the law of GumbelMax, the hard sample and
// StraightThroughTo.Index at logit magnitudes where l + G rounds G away.
func TestMagnitudeGumbelMax(t *testing.T) {
	t.Parallel()
	third := 1.0 / 3
	e := math.E
	cases := []struct {
		name   string
		logits []float64
		probs  []float64
	}{
		{"1e15", []float64{1e15, 1e15, 1e15 - 1}, []float64{e / (2*e + 1), e / (2*e + 1), 1 / (2*e + 1)}},
		{"1e17", []float64{1e17, 1e17}, []float64{0.5, 0.5}},
		{"1e300", []float64{1e300, 1e300, math.Inf(-1), 1e300}, []float64{third, third, 0, third}},
		{"-1e300", []float64{-1e300, -1e300, -1e300}, []float64{third, third, third}},
		{"Max", []float64{math.MaxFloat64, math.MaxFloat64, math.MaxFloat64}, []float64{third, third, third}},
		{"Max,-Max", []float64{math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64}, []float64{0.5, 0, 0.5}},
	}
	const n = 20000
	for _, c := range cases {
		for _, form := range []string{"GumbelMax", "hard", "ST"} {
			g := NewSeeded(7, 11)
			counts := make([]int, len(c.logits))
			dst := make([]float64, len(c.logits))
			var st ST
			for range n {
				var i int
				switch form {
				case "GumbelMax":
					i = g.GumbelMax(c.logits)
				case "hard":
					i = argmax(g.GumbelSoftmaxTo(dst, c.logits, 0.5, true))
				case "ST":
					i = g.StraightThroughTo(&st, c.logits, 0.5).Index
				}
				if i < 0 {
					t.Fatalf("%s %s: index %d", c.name, form, i)
				}
				counts[i]++
			}
			_, _, p := chiSquare(counts, c.probs)
			t.Logf("%s %s: counts %v, chi-square p = %.4g", c.name, form, counts, p)
			if p < 1e-4 {
				t.Errorf("%s %s: counts %v, chi-square p = %.3g", c.name, form, counts, p)
			}
		}
	}
}
