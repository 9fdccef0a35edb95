// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math/rand/v2"
	"testing"
)

// TestUniformsMatchSource checks that the block draws give exactly the
// values, and leave the source in exactly the state, of one Uint64 call per
// number, for every kind of source the fast path specialises on.
func TestUniformsMatchSource(t *testing.T) {
	t.Parallel()
	seed := [32]byte{1, 2, 3}
	type pair struct {
		name       string
		fast, slow rand.Source
	}
	for _, p := range []pair{
		{"PCG", rand.NewPCG(3, 4), rand.NewPCG(3, 4)},
		{"PCG zero", &rand.PCG{}, &rand.PCG{}},
		{"ChaCha8", rand.NewChaCha8(seed), rand.NewChaCha8(seed)},
		{"other", &countingSrc{src: rand.NewPCG(5, 6)}, &countingSrc{src: rand.NewPCG(5, 6)}},
	} {
		g := New(p.fast)
		for _, n := range []int{0, 1, 7, 64, 1000} {
			got := make([]float64, n)
			g.uniforms(got)
			for i := range got {
				if want := uniformOpen(p.slow.Uint64()); got[i] != want {
					t.Fatalf("%s n=%d: uniforms[%d] = %v, want %v", p.name, n, i, got[i], want)
				}
			}
			// The source is left where n calls would leave it.
			if a, b := p.fast.Uint64(), p.slow.Uint64(); a != b {
				t.Fatalf("%s n=%d: next value %d after block, want %d", p.name, n, a, b)
			}
		}
	}
}

// countingSrc is a Source the fast path does not know.
type countingSrc struct {
	n   int
	src rand.Source
}

func (c *countingSrc) Uint64() uint64 { c.n++; return c.src.Uint64() }

func TestUniformsAllocs(t *testing.T) {
	g := NewSeeded(1, 2)
	dst := make([]float64, 100)
	if n := testing.AllocsPerRun(10, func() { g.uniforms(dst) }); n != 0 {
		t.Errorf("uniforms allocates %v times per call", n)
	}
}

// TestPCGStepByTwo checks the step-by-two constants of pcgFill against two
// single steps: (mul², (mul+1)·inc) mod 2^128.
func TestPCGStepByTwo(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 1000; i++ {
		hi, lo := r.Uint64(), r.Uint64()
		h1, l1 := pcgStep(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
		h1, l1 = pcgStep(h1, l1, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
		h2, l2 := pcgStep(hi, lo, pcgMul2Hi, pcgMul2Lo, pcgInc2Hi, pcgInc2Lo)
		if h1 != h2 || l1 != l2 {
			t.Fatalf("state %#x:%#x: two steps give %#x:%#x, the double step %#x:%#x", hi, lo, h1, l1, h2, l2)
		}
	}
	// And the inlined output is rand.PCG's.
	p := rand.NewPCG(1, 2)
	hi, lo, ok := pcgState(p)
	if !ok {
		t.Fatal("pcgState cannot read rand.PCG's encoding")
	}
	hi, lo = pcgStep(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
	if got, want := dxsm(hi, lo), p.Uint64(); got != want {
		t.Fatalf("inlined PCG gives %#x, rand.PCG %#x", got, want)
	}
}
