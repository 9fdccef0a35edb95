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
