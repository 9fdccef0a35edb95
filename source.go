// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math/bits"
	"math/rand/v2"
)

// Block draws. The kernels never call the source once per number through
// the rand.Source interface when they can avoid it: uniforms fills a whole
// block, and for the sources it knows it runs the generator inline.
//
// For a *rand.PCG the Generator reads the 128-bit state (AppendBinary into a
// stack buffer), runs the same PCG-DXSM step as math/rand/v2 in registers and
// writes the state back with Seed, so the values drawn, and the state the
// caller's *rand.PCG is left in, are exactly those of len(dst) calls to
// Uint64. A *rand.ChaCha8 and the global source are called directly (no
// interface call). Any other Source is called through the interface.

// uniforms fills dst with uniformOpen of len(dst) consecutive source values,
// in order: the same numbers as calling g.Uniform len(dst) times. It
// allocates nothing.
func (g *Generator) uniforms(dst []float64) {
	switch src := g.src.(type) {
	case *rand.PCG:
		pcgUniforms(src, dst)
	case *rand.ChaCha8:
		for i := range dst {
			dst[i] = uniformOpen(src.Uint64())
		}
	case globalSource:
		for i := range dst {
			dst[i] = uniformOpen(rand.Uint64())
		}
	default:
		for i := range dst {
			dst[i] = uniformOpen(src.Uint64())
		}
	}
}

// The constants of math/rand/v2's PCG (pcg.go): a 128-bit LCG
// state = state*mul + inc, output by the DXSM permutation.
const (
	pcgMulHi    = 2549297995355413924
	pcgMulLo    = 4865540595714422341
	pcgIncHi    = 6364136223846793005
	pcgIncLo    = 1442695040888963407
	pcgCheapMul = 0xda942042e4dd58b5
)

// pcgState returns the state (hi, lo) of p without allocating.
func pcgState(p *rand.PCG) (hi, lo uint64) {
	var buf [20]byte
	b, _ := p.AppendBinary(buf[:0]) // "pcg:" + big-endian hi + big-endian lo
	for i := 4; i < 12; i++ {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[i+8])
	}
	return hi, lo
}

// pcgUniforms is uniforms for a *rand.PCG, with the generator inlined: the
// step and the output are those of rand.PCG.Uint64.
func pcgUniforms(p *rand.PCG, dst []float64) {
	hi, lo := pcgState(p)
	for i := range dst {
		// state = state*mul + inc (128-bit)
		h, l := bits.Mul64(lo, pcgMulLo)
		h += hi*pcgMulLo + lo*pcgMulHi
		l, c := bits.Add64(l, pcgIncLo, 0)
		h, _ = bits.Add64(h, pcgIncHi, c)
		hi, lo = h, l
		// DXSM output
		h ^= h >> 32
		h *= pcgCheapMul
		h ^= h >> 48
		h *= l | 1
		dst[i] = uniformOpen(h)
	}
	p.Seed(hi, lo)
}
