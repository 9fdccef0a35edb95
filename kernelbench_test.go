// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build amd64 && !noasm

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Per-kernel micro-benchmarks: each assembly kernel of fastmath_amd64.s and
// splitmix_amd64.s called directly on one slice of n float64s, n = 256 (every
// operand in L1) and n = 4096 (32 KiB per slice), reporting ns/elem and
// cpu-ns/elem per element of the slice. They are the "measured" column of
// docs/notes/port-bounds.md, which gives for each kernel the lower bound in
// cycles per element from its instruction mix; cycles/elem = ns/elem × the
// core clock in GHz.

// kernelBenchSizes are the slice lengths of the per-kernel benchmarks:
// multiples of 16, so that every kernel runs its main loop only.
var kernelBenchSizes = []int{256, 4096}

// kernelEach runs op as the sub-benchmarks "n=<n>" of b, after skipping
// unless ok (the CPU lacks the kernel's instructions), and reports
// ns/elem and cpu-ns/elem with n elements per call.
func kernelEach(b *testing.B, ok bool, setup func(n int) func()) {
	if !ok {
		b.Skip("the CPU lacks the kernel's instruction set")
	}
	for _, n := range kernelBenchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { timeOp(b, setup(n), n) })
	}
}

// kernelBits returns n float64s holding random bits.
func kernelBits(n int) []float64 {
	r := rand.New(rand.NewPCG(5, uint64(n)))
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Float64frombits(r.Uint64())
	}
	return x
}

// BenchmarkKernelNegLogsUniform is negLogsAVX2(dst, true), the first pass of
// gumbelsBody: dst[i] = -logNormal(uniformOpen(bits of dst[i])). It runs in
// place on its own output, which is valid input (any 64 bits are).
func BenchmarkKernelNegLogsUniform(b *testing.B) {
	kernelEach(b, useAVX2, func(n int) func() {
		dst := kernelBits(n)
		return func() { negLogsAVX2(dst, true) }
	})
}

// BenchmarkKernelNegLogs is negLogsAVX2(dst, false), the second pass of
// gumbelsBody: dst[i] = -logNormal(dst[i]). It starts from E = -log U and
// then runs in place on its own output: the kernel has no data-dependent
// branch, and for any 64 bits its intermediates are normal or zero (the
// reduced argument f is in [√½ - 1, √2 - 1)), so the later calls, on values
// outside logNormal's domain, run the same instructions at the same speed.
func BenchmarkKernelNegLogs(b *testing.B) {
	kernelEach(b, useAVX2, func(n int) func() {
		dst := kernelBits(n)
		negLogsAVX2(dst, true)
		return func() { negLogsAVX2(dst, false) }
	})
}

// BenchmarkKernelExpSum is expSumAVX2 on standard normal logits shifted by
// their maximum at scale 1/τ = 2 (so every k is in [-1021, 1023]: the fast
// scaling path, the one softmax rows take).
func BenchmarkKernelExpSum(b *testing.B) {
	kernelEach(b, useAVX2, func(n int) func() {
		x := kernelLogits(rand.New(rand.NewPCG(6, uint64(n))), n)
		x[n/2] = 0 // no -Inf: a finite row
		dst := make([]float64, n)
		shift, _ := maxGo(x)
		var p [4]float64
		return func() { expSumAVX2(dst, x, shift, 2, &p) }
	})
}

// BenchmarkKernelMax is maxAVX2 on standard normal logits.
func BenchmarkKernelMax(b *testing.B) {
	kernelEach(b, useAVX2, func(n int) func() {
		x := kernelLogits(rand.New(rand.NewPCG(7, uint64(n))), n)
		return func() { maxAVX2(x) }
	})
}

// BenchmarkKernelPerturb is perturbAVX2 on standard normal logits and
// Gumbel noise, storing s_i ("store", as the soft forms do) or not
// ("nostore", as GumbelMax does).
func BenchmarkKernelPerturb(b *testing.B) {
	for _, store := range []bool{true, false} {
		name := "nostore"
		if store {
			name = "store"
		}
		b.Run(name, func(b *testing.B) {
			kernelEach(b, useAVX2, func(n int) func() {
				l := kernelLogits(rand.New(rand.NewPCG(8, uint64(n))), n)
				g := kernelBits(n)
				gumbelsGo(g)
				var dst []float64
				if store {
					dst = make([]float64, n)
				}
				return func() { perturbAVX2(dst, l, g, 0.5) }
			})
		})
	}
}

// BenchmarkKernelVJP is vjpAVX2 with dst distinct from g: both of its loops
// (the dot product, then the scaling), per element of y.
func BenchmarkKernelVJP(b *testing.B) {
	kernelEach(b, useAVX2, func(n int) func() {
		r := rand.New(rand.NewPCG(9, uint64(n)))
		y := make([]float64, n)
		g := make([]float64, n)
		for i := range y {
			y[i] = r.Float64() / float64(n)
			g[i] = r.NormFloat64()
		}
		dst := make([]float64, n)
		return func() { vjpAVX2(dst, y, g, 2) }
	})
}

// splitmixBench runs kernel(dst, uniform) as the sub-benchmarks "bits" and
// "uniform" of b.
func splitmixBench(b *testing.B, ok bool, kernel func(dst []float64, uniform bool)) {
	for _, uniform := range []bool{false, true} {
		name := "bits"
		if uniform {
			name = "uniform"
		}
		b.Run(name, func(b *testing.B) {
			kernelEach(b, ok, func(n int) func() {
				dst := make([]float64, n)
				return func() { kernel(dst, uniform) }
			})
		})
	}
}

// BenchmarkKernelSplitmixAVX2 is splitmixAVX2, storing the bits or
// uniformOpen of them.
func BenchmarkKernelSplitmixAVX2(b *testing.B) {
	var gamma uint64 = 0x9e3779b97f4a7c15
	var z [8]uint64
	for j := range z {
		z[j] = 1 + uint64(j)*gamma
	}
	splitmixBench(b, useAVX2, func(dst []float64, uniform bool) {
		splitmixAVX2(dst, &z, 8*gamma, uniform)
	})
}

// BenchmarkKernelSplitmixAVX512 is splitmixAVX512, storing the bits or
// uniformOpen of them.
func BenchmarkKernelSplitmixAVX512(b *testing.B) {
	var gamma uint64 = 0x9e3779b97f4a7c15
	var z [16]uint64
	for j := range z {
		z[j] = 1 + uint64(j)*gamma
	}
	splitmixBench(b, useAVX512, func(dst []float64, uniform bool) {
		splitmixAVX512(dst, &z, 16*gamma, uniform)
	})
}

// BenchmarkKernelNegLogsAVX512 is BenchmarkKernelNegLogsUniform and
// BenchmarkKernelNegLogs for negLogsAVX512.
func BenchmarkKernelNegLogsAVX512(b *testing.B) {
	for _, uniform := range []bool{true, false} {
		name := "uniform"
		if !uniform {
			name = "log"
		}
		b.Run(name, func(b *testing.B) {
			kernelEach(b, useAVX512, func(n int) func() {
				dst := kernelBits(n)
				if !uniform {
					negLogsAVX512(dst, true)
				}
				return func() { negLogsAVX512(dst, uniform) }
			})
		})
	}
}

// BenchmarkKernelExpSumAVX512 is BenchmarkKernelExpSum for expSumAVX512.
func BenchmarkKernelExpSumAVX512(b *testing.B) {
	kernelEach(b, useAVX512, func(n int) func() {
		x := kernelLogits(rand.New(rand.NewPCG(6, uint64(n))), n)
		x[n/2] = 0
		dst := make([]float64, n)
		shift, _ := maxGo(x)
		var p [4]float64
		return func() { expSumAVX512(dst, x, shift, 2, &p) }
	})
}

// BenchmarkKernelPerturbAVX512 is BenchmarkKernelPerturb/store for
// perturbAVX512.
func BenchmarkKernelPerturbAVX512(b *testing.B) {
	kernelEach(b, useAVX512, func(n int) func() {
		l := kernelLogits(rand.New(rand.NewPCG(8, uint64(n))), n)
		g := kernelBits(n)
		gumbelsGo(g)
		dst := make([]float64, n)
		return func() { perturbAVX512(dst, l, g, 0.5) }
	})
}

// BenchmarkKernelPerturbExpsAVX512 times the perturbation of the Gumbels
// -log e in one pass (perturbExpsAVX512, /fused) against its two passes
// (negLogsAVX512 of e, then perturbAVX512, /two-pass), storing the sums.
func BenchmarkKernelPerturbExpsAVX512(b *testing.B) {
	for _, fused := range []bool{true, false} {
		name := "fused"
		if !fused {
			name = "two-pass"
		}
		b.Run(name, func(b *testing.B) {
			kernelEach(b, useAVX512, func(n int) func() {
				l := kernelLogits(rand.New(rand.NewPCG(8, uint64(n))), n)
				e := kernelBits(n)
				negLogsGo(e, true)
				w := make([]float64, n)
				dst := make([]float64, n)
				if fused {
					return func() { perturbExpsAVX512(dst, l, e, 0.5) }
				}
				return func() {
					copy(w, e)
					negLogsAVX512(w, false)
					perturbAVX512(dst, l, w, 0.5)
				}
			})
		})
	}
}

// BenchmarkKernelCandidatesAVX512 is the approximate Gumbel-max keys from
// raw bits and their candidate mask (candidatesAVX512), on standard normal
// logits.
func BenchmarkKernelCandidatesAVX512(b *testing.B) {
	kernelEach(b, useAVX512, func(n int) func() {
		l := kernelLogits(rand.New(rand.NewPCG(9, uint64(n))), n)
		u := kernelBits(n)
		keys := make([]float64, n)
		mask := make([]uint64, (n+63)/64)
		c, _ := maxGo(l)
		return func() { candidatesAVX512(mask, keys, l, u, c, math.Inf(-1)) }
	})
}

// BenchmarkKernelSoftShortAVX512 is the short-row soft-sample kernel
// (softShortAVX512) on n/10 rows of 10 standard normal logits and their
// Gumbels, tau = 0.5, without the Perturbed stores: n is the number of
// logits.
func BenchmarkKernelSoftShortAVX512(b *testing.B) {
	kernelEach(b, useShortKernel, func(n int) func() {
		const k = 10
		n -= n % k
		l := kernelLogits(rand.New(rand.NewPCG(10, uint64(n))), n)
		g := kernelBits(n)
		gumbelsGo(g)
		dst := make([]float64, n)
		return func() { softShortAVX512(dst, k, l, k, g, k, 2, nil, 0, nil) }
	})
}

// BenchmarkKernelRace is the exponential race's kernel (raceAVX512, or
// raceAVX2 without AVX-512) at n = 2, on standard normal logits shifted by
// their maximum and exponential draws.
func BenchmarkKernelRace(b *testing.B) {
	kernelEach(b, useAVX2, func(n int) func() {
		l := kernelLogits(rand.New(rand.NewPCG(6, uint64(n))), n)
		l[n/2] = 0
		e := kernelBits(n)
		negLogsGo(e, true)
		dst := make([]float64, n)
		c, _ := maxGo(l)
		var p [4]float64
		return func() { raceBody(dst, e, l, c, 2, 2, &p) }
	})
}

// The float32 soft-sample kernels and the float32 maximum, each with
// AVX-512 (kernels32_amd64.s, kernels512_amd64.s), AVX2
// (kernels32avx2_amd64.s) and as its pure-Go twin, on the same inputs.

// benchGumbel32 is the float32 Gumbel kernel: source values to float32
// Gumbels, two logarithms each.
func benchGumbel32(b *testing.B, ok bool, f func(dst []float32, bits []float64)) {
	kernelEach(b, ok, func(n int) func() {
		bits := kernelBits(n)
		dst := make([]float32, n)
		return func() { f(dst, bits) }
	})
}

func BenchmarkKernelGumbel32AVX512(b *testing.B) { benchGumbel32(b, useAVX512, gumbel32AVX512) }
func BenchmarkKernelGumbel32AVX2(b *testing.B)   { benchGumbel32(b, useAVX2, gumbel32AVX2) }
func BenchmarkKernelGumbel32Go(b *testing.B)     { benchGumbel32(b, true, gumbel32Go) }

// benchExpSum32 is the float32 exponential and its float64 sum.
func benchExpSum32(b *testing.B, ok bool, f func(dst, s []float32, m, inv float32) float64) {
	kernelEach(b, ok, func(n int) func() {
		r := rand.New(rand.NewPCG(6, uint64(n)))
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(-8 * r.Float64())
		}
		dst := make([]float32, n)
		return func() { f(dst, s, 0, 2) }
	})
}

func BenchmarkKernelExpSum32AVX512(b *testing.B) { benchExpSum32(b, useAVX512, softExp32AVX512) }
func BenchmarkKernelExpSum32AVX2(b *testing.B)   { benchExpSum32(b, useAVX2, softExp32AVX2) }
func BenchmarkKernelExpSum32Go(b *testing.B)     { benchExpSum32(b, true, softExp32Go) }

// benchRace32 is the float32 exponential race at n = 2: source values and
// logits to weights and their sum.
func benchRace32(b *testing.B, ok bool, f func(dst, l []float32, bits []float64, c, nf float32, n int) (float64, bool)) {
	kernelEach(b, ok, func(n int) func() {
		bits := kernelBits(n)
		r := rand.New(rand.NewPCG(7, uint64(n)))
		l := make([]float32, n)
		for i := range l {
			l[i] = float32(-3 * r.Float64())
		}
		dst := make([]float32, n)
		return func() { f(dst, l, bits, 0, 2, 2) }
	})
}

func BenchmarkKernelRace32AVX512(b *testing.B) { benchRace32(b, useAVX512, race32AVX512) }
func BenchmarkKernelRace32AVX2(b *testing.B)   { benchRace32(b, useAVX2, race32AVX2) }
func BenchmarkKernelRace32Go(b *testing.B)     { benchRace32(b, true, race32Go) }

// benchAddMax32 is the float32 shifted perturbation and its maximum.
func benchAddMax32(b *testing.B, ok bool, f func(s, l, g []float32, c float32) float32) {
	kernelEach(b, ok, func(n int) func() {
		r := rand.New(rand.NewPCG(8, uint64(n)))
		l, g, s := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range l {
			l[i], g[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
		}
		return func() { f(s, l, g, 1) }
	})
}

func BenchmarkKernelAddMax32AVX512(b *testing.B) { benchAddMax32(b, useAVX512, addMax32AVX512) }
func BenchmarkKernelAddMax32AVX2(b *testing.B)   { benchAddMax32(b, useAVX2, addMax32AVX2) }
func BenchmarkKernelAddMax32Go(b *testing.B)     { benchAddMax32(b, true, addMax32Go) }

// benchScale32 is the float32 scaling, in place (by 1, so that the values
// stay put; the multiply costs the same for any c).
func benchScale32(b *testing.B, ok bool, f func(dst []float32, c float32)) {
	kernelEach(b, ok, func(n int) func() {
		r := rand.New(rand.NewPCG(9, uint64(n)))
		dst := make([]float32, n)
		for i := range dst {
			dst[i] = float32(r.Float64())
		}
		return func() { f(dst, 1) }
	})
}

func BenchmarkKernelScale32AVX512(b *testing.B) { benchScale32(b, useAVX512, scale32AVX512) }
func BenchmarkKernelScale32AVX2(b *testing.B)   { benchScale32(b, useAVX2, scale32AVX2) }
func BenchmarkKernelScale32Go(b *testing.B)     { benchScale32(b, true, scale32Go) }

// benchMaxF32 is the float32 maximum and the NaN/+Inf check.
func benchMaxF32(b *testing.B, ok bool, f func(x []float32) (float32, bool)) {
	kernelEach(b, ok, func(n int) func() {
		r := rand.New(rand.NewPCG(10, uint64(n)))
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(r.NormFloat64())
		}
		return func() { f(x) }
	})
}

func BenchmarkKernelMaxF32AVX512(b *testing.B) { benchMaxF32(b, useAVX512, maxF32AVX512) }
func BenchmarkKernelMaxF32AVX2(b *testing.B)   { benchMaxF32(b, useAVX2, maxF32AVX2) }
func BenchmarkKernelMaxF32Go(b *testing.B)     { benchMaxF32(b, true, maxF32Go) }

// BenchmarkKernelNarrowAVX512 is the float64-to-float32 rounding.
func BenchmarkKernelNarrowAVX512(b *testing.B) {
	kernelEach(b, useAVX512, func(n int) func() {
		src := kernelBits(n)
		for i := range src {
			src[i] = float64(i) * 0.37
		}
		dst := make([]float32, n)
		return func() { narrowAVX512(dst, src) }
	})
}

// benchShort32 is the short-row float32 soft sample (short32Body's
// kernels) on n/10 rows of 10 standard normal logits and the Gumbels of
// random source values, tau = 0.5: n is the number of logits.
func benchShort32(b *testing.B, ok bool, f func(dst, l, gs []float32, k int, inv float32)) {
	kernelEach(b, ok, func(n int) func() {
		const k = 10
		n -= n % k
		r := rand.New(rand.NewPCG(11, uint64(n)))
		l, gs, dst := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range l {
			l[i] = float32(r.NormFloat64())
		}
		gumbel32Go(gs, kernelBits(n))
		return func() { f(dst, l, gs, k, 2) }
	})
}

func BenchmarkKernelShort32AVX512(b *testing.B) { benchShort32(b, useAVX512, short32AVX512) }
func BenchmarkKernelShort32AVX2(b *testing.B)   { benchShort32(b, useAVX2, short32AVX2) }
func BenchmarkKernelShort32Go(b *testing.B)     { benchShort32(b, true, short32Go) }

// rowBenchSizes are the slice lengths of the row-kernel benchmarks: short
// rows (the dispatch thresholds), a row of 100 logits and the two
// standard sizes.
var rowBenchSizes = []int{8, 16, 32, 64, 100, 256, 4096}

// kernelEachAt is kernelEach at the given sizes.
func kernelEachAt(b *testing.B, ok bool, sizes []int, setup func(n int) func()) {
	if !ok {
		b.Skip("the CPU lacks the kernel's instruction set")
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { timeOp(b, setup(n), n) })
	}
}

// BenchmarkKernelMaxAVX2Rows is maxAVX2 at the sizes of
// BenchmarkKernelMaxAVX512.
func BenchmarkKernelMaxAVX2Rows(b *testing.B) {
	kernelEachAt(b, useAVX2, rowBenchSizes, func(n int) func() {
		x := kernelLogits(rand.New(rand.NewPCG(7, uint64(n))), n)
		return func() { maxAVX2(x) }
	})
}

// BenchmarkKernelMaxAVX512 is maxAVX512 on standard normal logits.
func BenchmarkKernelMaxAVX512(b *testing.B) {
	kernelEachAt(b, useAVX512, rowBenchSizes, func(n int) func() {
		x := kernelLogits(rand.New(rand.NewPCG(7, uint64(n))), n)
		return func() { maxAVX512(x) }
	})
}

// BenchmarkKernelRangeAVX512 is rangeAVX512 on standard normal logits.
func BenchmarkKernelRangeAVX512(b *testing.B) {
	kernelEachAt(b, useAVX512, rowBenchSizes, func(n int) func() {
		x := kernelLogits(rand.New(rand.NewPCG(7, uint64(n))), n)
		return func() { rangeAVX512(x) }
	})
}
