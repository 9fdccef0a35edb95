// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package gumbel

import "golang.org/x/sys/cpu"

// useAVX2 selects the assembly kernels of fastmath_amd64.s and
// kernels32avx2_amd64.s, which need AVX2 and FMA. Without them, or built
// with -tags noasm, the pure-Go twins run; both give the same bits.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// negLogsAVX2 sets dst[i] = -logNormal(dst[i]), or, if uniform,
// -logNormal(uniformOpen(bits of dst[i])), with AVX2, four lanes at a time.
//
//go:noescape
func negLogsAVX2(dst []float64, uniform bool)

// expSumAVX2 is expSumGo with AVX2, four lanes at a time. len(x) == len(dst).
//
//go:noescape
func expSumAVX2(dst, x []float64, shift, scale float64, p *[4]float64)

// gumbelsBody replaces the random bits in each dst[i] by gumbelFromBits of
// them.
func gumbelsBody(dst []float64) {
	if useAVX2 && len(dst) > 2 { // one or two: the kernels' setup costs more than the scalar logs
		// Two passes, E = -log U then G = -log E, each a loop of
		// independent short chains that the CPU overlaps better than one
		// loop of long ones. Same bits as one pass.
		negLogsBody(dst, true)
		negLogsBody(dst, false)
		return
	}
	gumbelsGo(dst)
}

// expSumBody sets dst[i] = fastExp((x[i]-shift)*scale) and p[j] to the sum
// of the dst[i] with i%4 == j.
func expSumBody(dst, x []float64, shift, scale float64, p *[4]float64) {
	if useAVX512 {
		expSumAVX512(dst, x, shift, scale, p)
		return
	}
	if useAVX2 {
		expSumAVX2(dst, x, shift, scale, p)
		return
	}
	expSumGo(dst, x, shift, scale, p)
}

// expSum32Body is expSumBody of the float32 x converted as the AVX-512
// kernel loads them; ok is false without AVX-512 (see expSum32To).
func expSum32Body(dst []float64, x []float32, shift, scale float64, p *[4]float64) (ok bool) {
	if !useAVX512 {
		return false
	}
	expSum32AVX512(dst, x[:len(dst)], shift, scale, p)
	return true
}

// perturbAVX2 is perturbGo with AVX2, four lanes at a time; an empty dst
// stores nothing.
//
//go:noescape
func perturbAVX2(dst, l, g []float64, c float64) (max float64, arg int, bad bool)

// perturbBody returns the largest s_i = (l[i] - c) + g[i] (-Inf if none is
// larger), the first index where it occurs (-1 if none) and whether some
// l[i] is NaN or +Inf; it stores s_i in dst[i] unless dst is nil.
func perturbBody(dst, l, g []float64, c float64) (max float64, arg int, bad bool) {
	if useAVX512 && len(l) >= 32 { // shorter: the AVX2 kernel's setup is cheaper
		if dst != nil {
			dst = dst[:len(l)]
		}
		return perturbAVX512(dst, l, g[:len(l)], c)
	}
	if useAVX2 {
		if dst != nil {
			dst = dst[:len(l)]
		}
		return perturbAVX2(dst, l, g[:len(l)], c)
	}
	return perturbGo(dst, l, g, c)
}

// fusedPerturb reports whether the perturbations that store their sums
// take their noise as exponentials E and compute G = -log E inside the
// perturbation kernel (perturbExpsBody): with AVX-512, where one pass
// instead of two saves a load, a store and a loop per element.
func fusedPerturb() bool { return useAVX512 }

// perturbExpsBody is perturbBody(dst, l, g, c) of the Gumbels
// g[i] = -logNormal(e[i]) (gumbelsBody's second pass, to the bit), in the
// same pass with AVX-512; otherwise it overwrites e with g first.
func perturbExpsBody(dst, l, e []float64, c float64) (max float64, arg int, bad bool) {
	if useAVX512 {
		if dst != nil {
			dst = dst[:len(l)]
		}
		return perturbExpsAVX512(dst, l, e[:len(l)], c)
	}
	negLogsBody(e[:len(l)], false)
	return perturbBody(dst, l, e, c)
}

// maxAVX2 is maxGo with AVX2, four lanes at a time.
//
//go:noescape
func maxAVX2(x []float64) (max float64, bad bool)

// maxBody returns the largest x[i] (-Inf if none is larger) and whether
// some x[i] is NaN or +Inf.
func maxBody(x []float64) (max float64, bad bool) {
	if useAVX512 && len(x) >= 16 { // shorter: maxAVX2 is as fast (measured: KernelMaxAVX512/AVX2Rows)
		return maxAVX512(x)
	}
	if useAVX2 {
		return maxAVX2(x)
	}
	return maxGo(x)
}

// vjpAVX2 is vjpGo with AVX2, four lanes at a time.
//
//go:noescape
func vjpAVX2(dst, y, g []float64, inv float64)

// vjpBody sets dst[i] = y[i] (g[i] - <g, y>) inv, the dot product summed in
// four interleaved partial sums. dst may be g.
func vjpBody(dst, y, g []float64, inv float64) {
	if useAVX2 {
		vjpAVX2(dst, y, g, inv)
		return
	}
	vjpGo(dst, y, g, inv)
}

// negLogsBody sets dst[i] = -logNormal(dst[i]), or, if uniform,
// -logNormal(uniformOpen(bits of dst[i])): one pass of gumbelsBody, on
// eight lanes (AVX-512), four (AVX2) or one (negLogsGo), with the same
// bits.
func negLogsBody(dst []float64, uniform bool) {
	if useAVX512 {
		negLogsAVX512(dst, uniform)
		return
	}
	if useAVX2 {
		negLogsAVX2(dst, uniform)
		return
	}
	negLogsGo(dst, uniform)
}

// scaleBody sets dst[i] *= c: on eight lanes with AVX-512, else scaleGo
// (AVX2 gains nothing here over the compiled loop).
func scaleBody(dst []float64, c float64) {
	if useAVX512 {
		scaleAVX512(dst, c)
		return
	}
	scaleGo(dst, c)
}

// rangeBody returns the largest x[i] (-Inf if none is larger), the smallest
// above -Inf (+Inf if none), the number above -Inf and whether some x[i] is
// NaN or +Inf. It is rangeGo: in one AVX-512 pass (rangeAVX512, 14.7 ns at
// n = 100 against 21.1 for the AVX2 maximum then an AVX-512 minimum), else
// in one AVX2 pass (rangeAVX2; the AVX2 maximum then the pure-Go minAbove
// had cost the float64 race a fifth of its time at k = 100 and 1000).
func rangeBody(x []float64) (max, min float64, n int, bad bool) {
	if useAVX512 {
		return rangeAVX512(x)
	}
	if useAVX2 {
		return rangeAVX2(x)
	}
	return rangeGo(x)
}

// rangeAVX2 is rangeGo with AVX2, four lanes at a time, in one pass (the
// minimum's value: a zero minimum of either sign).
//
//go:noescape
func rangeAVX2(x []float64) (max, min float64, n int, bad bool)

// raceAVX2 is raceGo with AVX2, four lanes at a time.
//
//go:noescape
func raceAVX2(dst, e, l []float64, c, scale float64, n int, p *[4]float64)

// raceBody sets dst[i] = fastExp((l[i] - c) * scale) / e[i]^n and adds
// them to s[i%4], as raceGo.
func raceBody(dst, e, l []float64, c, scale float64, n int, s *[4]float64) {
	if useAVX512 {
		raceAVX512(dst, e, l, c, scale, n, s)
		return
	}
	if useAVX2 {
		raceAVX2(dst, e, l, c, scale, n, s)
		return
	}
	raceGo(dst, e, l, c, scale, n, s)
}

// prepBody sets w[i] = float64(x[i]) (exact) and returns the largest w[i]
// (NaNs skipped) and whether some w[i] is NaN or +Inf: prepGo, on eight
// lanes with AVX-512.
func prepBody(w []float64, x []float32) (max float64, bad bool) {
	if useAVX512 {
		return prepAVX512(w[:len(x)], x)
	}
	return prepGo(w, x)
}

// narrowBody sets dst[i] = float32(src[i]), rounded to nearest even:
// narrowGo, sixteen at a time with AVX-512, eight with AVX2.
func narrowBody(dst []float32, src []float64) {
	if useAVX512 {
		narrowAVX512(dst[:len(src)], src)
		return
	}
	narrowGo(dst, src)
}

// maxF32Body returns the largest x[i] (-Inf if none is larger; NaNs skipped)
// and whether some x[i] is NaN or +Inf: maxF32Go, on sixteen lanes with
// AVX-512 or eight with AVX2, a zero maximum as +0.
func maxF32Body(x []float32) (max float32, bad bool) {
	switch {
	case useAVX512:
		return maxF32AVX512(x)
	case useAVX2:
		return maxF32AVX2(x)
	}
	return maxF32Go(x)
}

// indexFromBits reports whether the index-only perturbations (Gumbel-max,
// the hard sample) of rows of k logits take their noise as the source's raw
// bits and find the index from approximate keys (argmaxFromBits): with
// AVX-512, for rows of 64 logits or more (shorter rows pay more in calls
// than the logarithms cost).
func indexFromBits(k int) bool { return useAVX512 && k >= 64 }

// candidatesBody is the kernel of argmaxFromBits (it runs only when
// indexFromBits): it writes the approximate keys
// (l[i] - c) - alog(alog(U_i)), U_i = uniformOpen of the bits of bits[i],
// within keyBound/10 of the exact ones, then the candidate mask (bit i%64
// of mask[i/64] set iff keys[i] >= thr) with
// thr = max(max key - 2 keyBound, lo), in one call; it returns whether some
// l[i] is NaN or +Inf.
func candidatesBody(mask []uint64, keys, l, bits []float64, c, lo float64) bool {
	return candidatesAVX512(mask, keys, l, bits, c, lo)
}

// useShortKernel selects softShortBody for the soft samples of batch rows
// of 16 or fewer logits: the AVX-512 kernel, which gives relaxShort's bits.
var useShortKernel = useAVX512

// softShortBody draws the soft samples of len(g)/k rows of k <= 16 logits
// from their Gumbels g into dst: perturbFrom and relaxShort's values, one
// row per pair of vectors (softShortAVX512). Unless pert.data is nil, it
// also stores the perturbed rows into pert and their indices into idx, as
// perturbFrom does (len(idx) is the number of rows). Only with
// useShortKernel.
func softShortBody(dst, l rowSource, g []float64, k int, inv float64, pert rowSource, idx []int) {
	if pert.data != nil && len(idx) != len(g)/k {
		panic("gumbel: internal error: softShortBody index length")
	}
	softShortAVX512(dst.data, dst.stride, l.data, l.stride, g, k, inv, pert.data, pert.stride, idx)
}

// softShortAVX512 is softShortBody (kernels512_amd64.s).
//
//go:noescape
func softShortAVX512(dst []float64, dstStride int, l []float64, lStride int, g []float64, k int, inv float64, pert []float64, pertStride int, idx []int)

// gumbel32Body sets dst[i] to the float32 Gumbel draw of the source value
// bits[i] (gumbel32Go), sixteen at a time with AVX-512, eight with AVX2.
func gumbel32Body(dst []float32, bits []float64) {
	if useAVX512 {
		gumbel32AVX512(dst[:len(bits)], bits)
		return
	}
	if useAVX2 {
		gumbel32AVX2(dst[:len(bits)], bits)
		return
	}
	gumbel32Go(dst, bits)
}

// addMax32Body is addMax32Go, sixteen at a time with AVX-512, eight with
// AVX2, a zero maximum as +0.
func addMax32Body(s, l, g []float32, c float32) float32 {
	switch {
	case useAVX512:
		return addMax32AVX512(s[:len(l)], l, g[:len(l)], c)
	case useAVX2:
		return addMax32AVX2(s[:len(l)], l, g[:len(l)], c)
	}
	return addMax32Go(s, l, g, c)
}

// softExp32Body is softExp32Go, sixteen at a time with AVX-512, eight with AVX2.
func softExp32Body(dst, s []float32, m, inv float32) float64 {
	if useAVX512 {
		return softExp32AVX512(dst[:len(s)], s, m, inv)
	}
	if useAVX2 {
		return softExp32AVX2(dst[:len(s)], s, m, inv)
	}
	return softExp32Go(dst, s, m, inv)
}

// scale32Body is scale32Go, sixteen at a time with AVX-512, eight with AVX2.
func scale32Body(dst []float32, c float32) {
	if useAVX512 {
		scale32AVX512(dst, c)
		return
	}
	if useAVX2 {
		scale32AVX2(dst, c)
		return
	}
	scale32Go(dst, c)
}

// The float32 soft-sample kernels (kernels32_amd64.s).
//
//go:noescape
func gumbel32AVX512(dst []float32, bits []float64)

//go:noescape
func addMax32AVX512(s, l, g []float32, c float32) float32

//go:noescape
func softExp32AVX512(dst, s []float32, m, inv float32) float64

//go:noescape
func scale32AVX512(dst []float32, c float32)

// short32Body draws the soft samples of the len(l)/k rows of k logits
// (1 <= k <= 16) of the row-major l with their Gumbels in the same
// positions of gs into the same positions of dst: softRow32's values row by
// row (short32Go), one row per vector with AVX-512, one per pair of
// vectors with AVX2, two rows an iteration with either.
func short32Body(dst, l, gs []float32, k int, inv float32) {
	if k < 1 || k > 16 {
		panic("gumbel: internal error: short32Body row length")
	}
	n := len(l) - len(l)%k
	switch {
	case useAVX512:
		short32AVX512(dst[:n], l[:n], gs[:n], k, inv)
	case useAVX2:
		short32AVX2(dst[:n], l[:n], gs[:n], k, inv)
	default:
		short32Go(dst, l, gs, k, inv)
	}
}

//go:noescape
func short32AVX512(dst, l, gs []float32, k int, inv float32)

//go:noescape
func short32AVX2(dst, l, gs []float32, k int, inv float32)

// race32Body is race32Go, sixteen at a time with AVX-512, eight with AVX2.
func race32Body(dst, l []float32, bits []float64, c, nf float32, n int) (float64, bool) {
	if useAVX512 {
		return race32AVX512(dst[:len(l)], l, bits[:len(l)], c, nf, n)
	}
	if useAVX2 {
		return race32AVX2(dst[:len(l)], l, bits[:len(l)], c, nf, n)
	}
	return race32Go(dst, l, bits, c, nf, n)
}

//go:noescape
func race32AVX512(dst, l []float32, bits []float64, c, nf float32, n int) (sum float64, flushed bool)

//go:noescape
func raceRow32AVX512(dst, l []float32, bits []float64, nf float32, n int) (c float32, status uint8)

//go:noescape
func softRow32AVX512(dst, l, g []float32, inv float32) (status uint8)

// softRow32Body draws one row of the float32 soft sample the
// two-logarithm way (gs its Gumbels): softRow32Parts, in one kernel call
// where the CPU has AVX-512 (with AVX2 one call gained nothing measurable).
func softRow32Body(row, l, gs []float32, inv float32) uint8 {
	if useAVX512 {
		return softRow32AVX512(row[:len(l)], l, gs[:len(l)], inv)
	}
	return softRow32Parts(row, l, gs, inv)
}

// raceRow32Body draws one row of the float32 race (len(l) > 16, inv = 1 or
// 2): raceRow32Parts, in one kernel call where the CPU has AVX-512 or AVX2.
func raceRow32Body(row, l []float32, b []float64, inv float32) (c float32, status uint8) {
	switch {
	case useAVX512:
		return raceRow32AVX512(row[:len(l)], l, b[:len(l)], inv, int(inv))
	case useAVX2:
		return raceRow32AVX2(row[:len(l)], l, b[:len(l)], inv, int(inv))
	}
	return raceRow32Parts(row, l, b, inv)
}

//go:noescape
func raceRow32AVX2(dst, l []float32, bits []float64, nf float32, n int) (c float32, status uint8)

// The float32 soft-sample kernels and the float32 maximum on eight lanes
// with AVX2 and FMA (kernels32avx2_amd64.s), for CPUs without AVX-512: the
// same bits as the pure-Go twins (gumbel32Go, addMax32Go, softExp32Go,
// scale32Go, race32Go, maxF32Go), the sign of a zero maximum included.
//
//go:noescape
func gumbel32AVX2(dst []float32, bits []float64)

//go:noescape
func addMax32AVX2(s, l, g []float32, c float32) float32

//go:noescape
func softExp32AVX2(dst, s []float32, m, inv float32) float64

//go:noescape
func scale32AVX2(dst []float32, c float32)

//go:noescape
func race32AVX2(dst, l []float32, bits []float64, c, nf float32, n int) (sum float64, flushed bool)

//go:noescape
func maxF32AVX2(x []float32) (max float32, bad bool)
