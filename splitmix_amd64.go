// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package gumbel

import "golang.org/x/sys/cpu"

// useAVX512 selects the AVX-512 SplitMix64 kernel (64-bit lane multiplies,
// AVX512DQ); without it the AVX2 kernel or the pure-Go twin runs, with the
// same bits.
var useAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// splitmixAVX2 is splitmixGo for len(dst) a multiple of 8, with the states
// of dst[0:8] in z and step = 8 gamma; if uniform, it stores uniformOpen of
// the outputs instead of their bits.
//
//go:noescape
func splitmixAVX2(dst []float64, z *[8]uint64, step uint64, uniform bool)

// splitmixAVX512 is splitmixAVX2 for len(dst) a multiple of 16, with the
// states of dst[0:16] in z and step = 16 gamma.
//
//go:noescape
func splitmixAVX512(dst []float64, z *[16]uint64, step uint64, uniform bool)

// splitmixBody stores splitmix(z + i gamma) in dst[i] (as bits, or as
// uniformOpen of them if uniform) for i < n and returns n: all of dst in the
// pure-Go twin, the whole groups of 8 (AVX2) or 16 (AVX-512) lanes in the
// kernels, the caller computing the rest.
func splitmixBody(dst []float64, z, gamma uint64, uniform bool) int {
	switch {
	case useAVX512 && len(dst) >= 16:
		var lanes [16]uint64
		for j := range lanes {
			lanes[j] = z + uint64(j)*gamma
		}
		n := len(dst) &^ 15
		splitmixAVX512(dst[:n], &lanes, 16*gamma, uniform)
		return n
	case useAVX2 && len(dst) >= 8:
		var lanes [8]uint64
		for j := range lanes {
			lanes[j] = z + uint64(j)*gamma
		}
		n := len(dst) &^ 7
		splitmixAVX2(dst[:n], &lanes, 8*gamma, uniform)
		return n
	}
	return splitmixGo(dst, z, gamma, uniform)
}

// negLogsAVX512 is negLogsAVX2 on eight lanes (kernels512_amd64.s).
//
//go:noescape
func negLogsAVX512(dst []float64, uniform bool)

// expSumAVX512 is expSumAVX2 on eight lanes (kernels512_amd64.s).
//
//go:noescape
func expSumAVX512(dst, x []float64, shift, scale float64, p *[4]float64)

// expSum32AVX512 is expSumAVX512 of float32 x, converted as loaded
// (kernels512_amd64.s).
//
//go:noescape
func expSum32AVX512(dst []float64, x []float32, shift, scale float64, p *[4]float64)

// perturbExpsAVX512 is perturbAVX512 of the Gumbels -log e, computed in
// the same pass (kernels512_amd64.s).
//
//go:noescape
func perturbExpsAVX512(dst, l, e []float64, c float64) (max float64, arg int, bad bool)

// perturbAVX512 is perturbAVX2 on eight lanes (kernels512_amd64.s).
//
//go:noescape
func perturbAVX512(dst, l, g []float64, c float64) (max float64, arg int, bad bool)

// scaleAVX512 sets dst[i] *= c (kernels512_amd64.s).
//
//go:noescape
func scaleAVX512(dst []float64, c float64)

// raceAVX512 is raceAVX2 on eight lanes (kernels512_amd64.s).
//
//go:noescape
func raceAVX512(dst, e, l []float64, c, scale float64, n int, p *[4]float64)

// prepAVX512 converts float32 logits to float64 and returns their maximum
// (kernels512_amd64.s).
//
//go:noescape
func prepAVX512(w []float64, x []float32) (max float64, bad bool)

// narrowAVX512 sets dst[i] = float32(src[i]); len(dst) >= len(src).
//
//go:noescape
func narrowAVX512(dst []float32, src []float64)

// maxF32AVX512 is maxF32Go on sixteen lanes (kernels512_amd64.s).
//
//go:noescape
func maxF32AVX512(x []float32) (max float32, bad bool)

// candidatesAVX512 writes approximate Gumbel-max keys from the raw bits,
// then the candidate mask, with thr = max(max key - 2 keyBound, lo), in one
// call (kernels512_amd64.s).
//
//go:noescape
func candidatesAVX512(mask []uint64, keys, l, bits []float64, c, lo float64) (bad bool)

// maxAVX512 is maxGo on four chains of eight lanes, the same bits, the
// sign of a zero maximum included (kernels512_amd64.s).
//
//go:noescape
func maxAVX512(x []float64) (max float64, bad bool)

// rangeAVX512 is rangeGo in one pass on four chains of eight lanes, the
// same bits, the signs of zeros included (kernels512_amd64.s).
//
//go:noescape
func rangeAVX512(x []float64) (max, min float64, n int, bad bool)
