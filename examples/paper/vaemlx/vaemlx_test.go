// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//lint:file-ignore ST1001 the dot import of graph is GoMLX's own style for graph code

package main

import (
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/backends/simplego"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// TestDenseGradient checks that the gradient of the model's negative ELBO
// with dense's DotGeneral backward pass equals the one GoMLX derives from
// Dot, for every parameter, on a small network (784-8-12 encoder, 3 × 4
// latents, 12-8-784 decoder, batch 5) with each estimator: the custom
// backward pass changes how the numbers are computed, not what they are.
func TestDenseGradient(t *testing.T) {
	be, err := simplego.New("")
	if err != nil {
		t.Fatal(err)
	}
	defer be.Finalize()
	c := config{N: 3, K: 4, encHid: []int{8}, decHid: []int{8}, batch: 5}
	ps := initParams(c, 7)
	np := len(ps)
	// Nonzero biases, so that their gradients are compared at a generic point.
	r := rand.New(rand.NewPCG(7, 8))
	for i := 1; i < np; i += 2 {
		b := tensors.MustCopyFlatData[float64](ps[i])
		for j := range b {
			b[j] = r.NormFloat64() / 4
		}
		ps[i] = tensors.FromFlatDataAndDimensions(b, ps[i].Shape().Dimensions...)
	}
	x := make([]float64, c.batch*pixels)
	for i := range x {
		if r.Float64() < 0.3 {
			x[i] = 1
		}
	}
	xt := tensors.FromFlatDataAndDimensions(x, c.batch, pixels)
	rng, err := RNGStateFromSeed(11)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { builtinGrad = false }()
	for _, name := range []string{"gs", "st", "reinmax", "rao"} {
		s, err := estimator(name, 0.7)
		if err != nil {
			t.Fatal(err)
		}
		grads := func(builtin bool) [][]float64 {
			builtinGrad = builtin
			e := MustNewExec(be, func(in []*Node) []*Node {
				_, recon, kl := negELBO(c, in[:np], in[np+1], in[np], s)
				return append(Gradient(Add(recon, kl), in[:np]...), recon, kl)
			})
			defer e.Finalize()
			out := e.MustExec(append(append([]*tensors.Tensor{}, ps...), rng, xt))
			flat := make([][]float64, len(out))
			for i, o := range out {
				flat[i] = tensors.MustCopyFlatData[float64](o)
			}
			return flat
		}
		want, got := grads(true), grads(false)
		worst := 0.0
		for i := range want {
			for j := range want[i] {
				d := math.Abs(got[i][j]-want[i][j]) / math.Max(1, math.Abs(want[i][j]))
				if !(d <= 1e-12) {
					t.Fatalf("%s: output %d[%d] = %v with dense's backward pass, %v with Dot's", name, i, j, got[i][j], want[i][j])
				}
				worst = math.Max(worst, d)
			}
		}
		var norm float64
		for _, g := range want[:np] {
			for _, v := range g {
				norm += v * v
			}
		}
		if !(norm > 0) {
			t.Fatalf("%s: the gradient is zero", name)
		}
		t.Logf("%s: loss %.4f, gradient norm %.4g, largest difference %.3g", name, want[np][0]+want[np+1][0], math.Sqrt(norm), worst)
	}
}

// TestShortRun runs the -short smoke mode (300 training images, 3 steps an
// epoch) for 3 epochs with every estimator and checks that the training loss
// stays finite and that it falls: the mean loss of the last 3 steps is at
// least 20 nats below that of the first 3 (it starts near 545).
func TestShortRun(t *testing.T) {
	for _, name := range []string{"gs", "st", "reinmax", "rao"} {
		res, err := train(options{epochs: 3, estimator: name, seed: 1, short: true, lr: 1e-3}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		l := res.losses
		if len(l) != 9 {
			t.Fatalf("%s: %d steps, want 9", name, len(l))
		}
		for i, v := range l {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: step %d: loss %v", name, i, v)
			}
		}
		first, last := (l[0]+l[1]+l[2])/3, (l[6]+l[7]+l[8])/3
		if !(last < first-20) || math.IsNaN(res.test) {
			t.Fatalf("%s: losses %.2f: the last three average %.2f, the first three %.2f", name, l, last, first)
		}
		t.Logf("%s: losses %.2f, test -ELBO %.2f", name, l, res.test)
	}
}
