// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"strings"
	"testing"

	"github.com/seed06c76d7c/gumbel"
)

// TestBigramSampling checks the model and that each setting draws from what
// it allows: greedy is deterministic, the printable-only mask holds, and a
// strong bias against 'e' removes it.
func TestBigramSampling(t *testing.T) {
	model := bigram(strings.Join(strings.Fields(text), " "))
	a, _ := generate(model, gumbel.NewSampler(1, 1, gumbel.SamplerOptions{TopP: 1}), 'T', 50)
	b, _ := generate(model, gumbel.NewSampler(2, 2, gumbel.SamplerOptions{TopP: 1}), 'T', 50)
	if a != b {
		t.Errorf("greedy depends on the seed: %q vs %q", a, b)
	}
	allowed := make([]bool, 256)
	for c := 'a'; c <= 'z'; c++ {
		allowed[c] = true
	}
	out, _ := generate(model, gumbel.NewSampler(3, 3, gumbel.SamplerOptions{Temperature: 1, TopP: 1, Allowed: allowed}), 'T', 2000)
	for _, c := range out {
		if c < 'a' || c > 'z' {
			t.Fatalf("masked character %q drawn", c)
		}
	}
	out, _ = generate(model, gumbel.NewSampler(4, 4, gumbel.SamplerOptions{Temperature: 1, TopP: 0.9, Bias: map[int]float32{'e': -30}}), 'T', 2000)
	if strings.ContainsRune(out, 'e') {
		t.Errorf("'e' drawn with a bias of -30 under top-p 0.9")
	}
}
