// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// Block draws. The kernels never call the source once per number through
// the rand.Source interface when they can avoid it: bitsTo fills a whole
// block, and for the sources it knows it runs the generator inline.
//
// For a *rand.PCG the Generator reads the 128-bit state (AppendBinary into a
// stack buffer), runs the same PCG-DXSM step as math/rand/v2 in registers and
// writes the state back with Seed, so the values drawn, and the state the
// caller's *rand.PCG is left in, are exactly those of len(dst) calls to
// Uint64. A *rand.ChaCha8 and the global source are called directly (no
// interface call). Any other Source is called through the interface.

// bitsTo fills dst with len(dst) consecutive source values, in order, each
// stored bit for bit as a float64 (math.Float64frombits): the slice kernels
// read them back as integers, and no conversion is spent on them here. It
// allocates nothing.
func (g *Generator) bitsTo(dst []float64) { g.fill(dst, false) }

// uniforms fills dst with uniformOpen of len(dst) consecutive source values,
// in order: the same numbers as calling g.Uniform len(dst) times. It
// allocates nothing.
func (g *Generator) uniforms(dst []float64) { g.fill(dst, true) }

// fill is bitsTo, or uniforms if uniform. For a *rand.PCG the conversion is
// done in the generator's loop, where it costs next to nothing beside the
// multiplications; the other sources convert in a second pass.
func (g *Generator) fill(dst []float64, uniform bool) {
	switch src := g.src.(type) {
	case *Source:
		src.fill(dst, uniform)
		return
	case *rand.PCG:
		pcgFill(src, dst, uniform)
		return
	case *rand.ChaCha8:
		for i := range dst {
			dst[i] = math.Float64frombits(src.Uint64())
		}
	case globalSource:
		for i := range dst {
			dst[i] = math.Float64frombits(rand.Uint64())
		}
	default:
		for i := range dst {
			dst[i] = math.Float64frombits(src.Uint64())
		}
	}
	if uniform {
		for i, v := range dst {
			dst[i] = uniformOpen(math.Float64bits(v))
		}
	}
}

// store returns v as fill stores it: uniformOpen(v) if uniform, else v's
// bits.
func store(v uint64, uniform bool) float64 {
	if uniform {
		return uniformOpen(v)
	}
	return math.Float64frombits(v)
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

// pcgState returns the state (hi, lo) of p without allocating, and false if
// the encoding is not the one it knows ("pcg:" + big-endian hi and lo).
func pcgState(p *rand.PCG) (hi, lo uint64, ok bool) {
	var buf [20]byte
	b, err := p.AppendBinary(buf[:0])
	if err != nil || len(b) != 20 || string(b[:4]) != "pcg:" {
		return 0, 0, false
	}
	for i := 4; i < 12; i++ {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[i+8])
	}
	return hi, lo, true
}

// The step by two, state*mul² + (mul+1)*inc mod 2^128, lets two states be
// computed from one: the loops below run two independent multiplications per
// iteration instead of a chain of two, which the CPU overlaps. The constants
// are checked against two single steps in source_test.go.
const (
	pcgMul2Hi = 1710491942223705148
	pcgMul2Lo = 5953435361322512025
	pcgInc2Hi = 5220163216168088568
	pcgInc2Lo = 12402783752613479834
)

// pcgStep returns state*(mulHi:mulLo) + (incHi:incLo) mod 2^128.
func pcgStep(hi, lo, mulHi, mulLo, incHi, incLo uint64) (uint64, uint64) {
	h, l := bits.Mul64(lo, mulLo)
	h += hi*mulLo + lo*mulHi
	l, c := bits.Add64(l, incLo, 0)
	h, _ = bits.Add64(h, incHi, c)
	return h, l
}

// dxsm is the output permutation of rand.PCG.Uint64 applied to a state.
func dxsm(hi, lo uint64) uint64 {
	hi ^= hi >> 32
	hi *= pcgCheapMul
	hi ^= hi >> 48
	hi *= lo | 1
	return hi
}

// pcgFill is fill for a *rand.PCG, with the generator inlined: the states
// and outputs are those of rand.PCG.Uint64, two per iteration.
func pcgFill(p *rand.PCG, dst []float64, uniform bool) {
	hi, lo, ok := pcgState(p)
	if !ok {
		for i := range dst {
			dst[i] = store(p.Uint64(), uniform)
		}
		return
	}
	// Two loops, not one testing uniform per value: the test in the loop
	// costs the Gumbel noise (bits) about 15%.
	i := 0
	if uniform {
		for ; i+1 < len(dst); i += 2 {
			h1, l1 := pcgStep(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
			hi, lo = pcgStep(hi, lo, pcgMul2Hi, pcgMul2Lo, pcgInc2Hi, pcgInc2Lo)
			dst[i], dst[i+1] = uniformOpen(dxsm(h1, l1)), uniformOpen(dxsm(hi, lo))
		}
	} else {
		for ; i+1 < len(dst); i += 2 {
			h1, l1 := pcgStep(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
			hi, lo = pcgStep(hi, lo, pcgMul2Hi, pcgMul2Lo, pcgInc2Hi, pcgInc2Lo)
			dst[i], dst[i+1] = math.Float64frombits(dxsm(h1, l1)), math.Float64frombits(dxsm(hi, lo))
		}
	}
	if i < len(dst) {
		hi, lo = pcgStep(hi, lo, pcgMulHi, pcgMulLo, pcgIncHi, pcgIncLo)
		dst[i] = store(dxsm(hi, lo), uniform)
	}
	p.Seed(hi, lo)
}

// blockLen is the number of values drawn and transformed at a time: large
// enough to amortise the per-block cost (reading and writing the PCG state,
// calling the SIMD kernels), small enough for a stack buffer in L1.
const blockLen = 256

// noise hands out the Gumbel draws of one call, or of one batch, a block at
// a time: the values are gumbelFromBits of one source value per draw, in
// order, and no more than the total announced are ever taken from the
// source. It lives on the caller's stack, its block in a scratch array of
// the caller's (noiseScratch, or a smaller one for a short vector, which
// then has less to zero); the block length changes only how many values are
// drawn at a time, never which.
type noise struct {
	g      *Generator
	kind   noiseKind // what it hands out
	left   int       // values still to draw from the source
	pos, n int       // buf[pos:n] is ready
	buf    []float64 // the current block
}

// noiseKind is what a noise hands out for each source value.
type noiseKind uint8

const (
	noiseGumbels noiseKind = iota // G = gumbelFromBits
	noiseExps                     // E = -log U: the race's draws, and perturbFrom's with fusedPerturb
	noiseBits                     // the raw bits: rawArgmax's
)

// perturbNoise is the noise perturbFrom takes for rows of k logits: the raw
// bits if only the index is wanted and indexFromBits(k), else the
// exponentials if fusedPerturb, else the Gumbels. Every choice gives the
// same results.
func perturbNoise(indexOnly bool, k int) noiseKind {
	switch {
	case indexOnly && indexFromBits(k):
		return noiseBits
	case fusedPerturb():
		return noiseExps
	}
	return noiseGumbels
}

// noiseScratch is the scratch array of a noise with blocks of blockLen.
type noiseScratch [blockLen]float64

// batchScratch is the scratch array of the noise of a batch's rows: longer
// blocks, so that fewer rows straddle two of them (each piece of a row is
// one more call of the perturbation kernel).
type batchScratch [4 * blockLen]float64

// newNoise returns a noise that hands out total draws from g, in blocks of
// len(scratch) values kept in scratch. (A constructor returning the value,
// not a method storing into *z, so that scratch stays on the caller's
// stack.)
func newNoise(g *Generator, total int, scratch []float64) noise {
	return noise{g: g, left: total, buf: scratch}
}

// take returns the next min(max, ready) draws, drawing a new block if none
// is ready. It returns an empty slice only if the total is exhausted.
func (z *noise) take(max int) []float64 {
	if z.pos == z.n {
		n := min(z.left, len(z.buf))
		switch z.kind {
		case noiseBits:
			z.g.bitsTo(z.buf[:n])
		case noiseExps:
			z.g.exps(z.buf[:n])
		default:
			z.g.gumbels(z.buf[:n])
		}
		z.left -= n
		z.pos, z.n = 0, n
	}
	m := min(max, z.n-z.pos)
	out := z.buf[z.pos : z.pos+m]
	z.pos += m
	return out
}

// takeTo fills dst with the next len(dst) draws.
func (z *noise) takeTo(dst []float64) {
	for off := 0; off < len(dst); {
		off += copy(dst[off:], z.take(len(dst)-off))
	}
}

// exps fills dst with the standard exponential draws E = -log U, U =
// uniformOpen of len(dst) consecutive source values: the first of the two
// log passes of gumbels, so that -log of them gives gumbels' values to the
// bit.
func (g *Generator) exps(dst []float64) {
	g.bitsTo(dst)
	negLogsBody(dst, true)
}

// gumbels fills dst with gumbelFromBits of len(dst) consecutive source
// values, a slice at a time: the raw bits, then the slice kernel
// gumbelsBody (fastmath.go), which gives the bits of the scalar
// gumbelFromBits.
func (g *Generator) gumbels(dst []float64) {
	g.bitsTo(dst)
	gumbelsBody(dst)
}
