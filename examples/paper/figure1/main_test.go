// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/seed06c76d7c/gumbel"
)

// TestRun draws the figure into a temporary directory, decodes the PNG and
// checks the numbers against the facts Figure 1 illustrates (Jang
// et al. 2017 Fig. 1): E[y] sums to 1; at tau = 0.1 it is within Monte Carlo
// error of p (the bias of the relaxation is small at low tau); at tau = 10 it
// is close to uniform; the tau = 0.1 sample is nearly one-hot; the tau = 10
// sample is nearly uniform.
func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "figure1.png")
	const draws = 20000
	res, err := run(out, draws, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	if r := img.Bounds(); r.Dx() < 100 || r.Dy() < 100 {
		t.Errorf("PNG is %v, too small", r)
	}
	k := float64(len(probs))
	for i, tau := range taus {
		var sum float64
		for _, v := range res.mean[i] {
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("tau=%g: E[y] sums to %v", tau, sum)
		}
	}
	// tau = 0.1: each y_i is nearly Bernoulli(p_i), standard error
	// <= 0.5/sqrt(draws) = 0.0035; allow 6 standard errors plus the small
	// relaxation bias.
	for j, p := range probs {
		if d := math.Abs(res.mean[0][j] - p); d > 0.025 {
			t.Errorf("tau=0.1: E[y_%d] = %.4f, want p = %.4f", j, res.mean[0][j], p)
		}
	}
	// The spread max_i E[y_i] - min_i E[y_i] shrinks as tau grows, and at
	// tau = 10 E[y] is within 0.05 of uniform (the exact bias is about
	// 0.02-0.03 here: log p_i/10 spans only 0.22).
	prev := math.Inf(1)
	for i, tau := range taus {
		sp := maxOf(res.mean[i]) + maxOf(neg(res.mean[i]))
		if sp >= prev {
			t.Errorf("tau=%g: spread of E[y] %.4f did not shrink from %.4f", tau, sp, prev)
		}
		prev = sp
	}
	for j, m := range res.mean[3] {
		if d := math.Abs(m - 1/k); d > 0.05 {
			t.Errorf("tau=10: E[y_%d] = %.4f, want about %.4f", j, m, 1/k)
		}
	}
	// Single samples: at tau = 0.1 most are nearly one-hot, at tau = 10 none
	// is. With p = probs, P(max y > 0.9 at tau = 0.1) is 0.849 (800,000
	// draws from two generators), so 2000 draws give 0.849 +- 0.008: the
	// bound 0.80 is six standard errors below.
	g := gumbel.NewSeeded(7, 7)
	logits := make([]float64, len(probs))
	for i, p := range probs {
		logits[i] = math.Log(p)
	}
	y := make([]float64, len(probs))
	const n = 2000
	var oneHot, spread int
	for range n {
		if maxOf(g.GumbelSoftmaxTo(y, logits, 0.1, false)) > 0.9 {
			oneHot++
		}
		if maxOf(g.GumbelSoftmaxTo(y, logits, 10, false)) > 0.5 {
			spread++
		}
	}
	if oneHot < 0.80*n {
		t.Errorf("tau=0.1: only %d of %d samples have max > 0.9", oneHot, n)
	}
	if spread > 0 {
		t.Errorf("tau=10: %d of %d samples have max > 0.5", spread, n)
	}
	if s := maxOf(res.hard); s != 1 {
		t.Errorf("Gumbel-max draw %v is not one-hot", res.hard)
	}
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

func neg(v []float64) []float64 {
	w := make([]float64, len(v))
	for i, x := range v {
		w[i] = -x
	}
	return w
}
