// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build noasm || !amd64

package gumbel

// gumbelsBody replaces the random bits in each dst[i] by gumbelFromBits of
// them. It is gumbelsGo.
func gumbelsBody(dst []float64) { gumbelsGo(dst) }

// expSumBody sets dst[i] = fastExp((x[i]-shift)*scale) and p[j] to the sum
// of the dst[i] with i%4 == j. It is expSumGo.
func expSumBody(dst, x []float64, shift, scale float64, p *[4]float64) {
	expSumGo(dst, x, shift, scale, p)
}

// perturbBody returns the largest s_i = (l[i] - c) + g[i] (-Inf if none is
// larger), the first index where it occurs (-1 if none) and whether some
// l[i] is NaN or +Inf; it stores s_i in dst[i] unless dst is nil. It is
// perturbGo.
func perturbBody(dst, l, g []float64, c float64) (max float64, arg int, bad bool) {
	return perturbGo(dst, l, g, c)
}

// maxBody returns the largest x[i] (-Inf if none is larger) and whether
// some x[i] is NaN or +Inf. It is maxGo.
func maxBody(x []float64) (max float64, bad bool) { return maxGo(x) }

// vjpBody sets dst[i] = y[i] (g[i] - <g, y>) inv, the dot product summed in
// four interleaved partial sums. dst may be g. It is vjpGo.
func vjpBody(dst, y, g []float64, inv float64) { vjpGo(dst, y, g, inv) }

// scaleBody sets dst[i] *= c. It is scaleGo.
func scaleBody(dst []float64, c float64) { scaleGo(dst, c) }

// negLogsBody sets dst[i] = -logNormal(dst[i]), or, if uniform,
// -logNormal(uniformOpen(bits of dst[i])). It is negLogsGo.
func negLogsBody(dst []float64, uniform bool) { negLogsGo(dst, uniform) }

// rangeBody returns the largest x[i], the smallest above -Inf, their number
// and whether some x[i] is NaN or +Inf. It is rangeGo.
func rangeBody(x []float64) (max, min float64, n int, bad bool) { return rangeGo(x) }

// raceBody sets dst[i] = fastExp((l[i] - c) * scale) / e[i]^n and adds
// them to s[i%4]. It is raceGo.
func raceBody(dst, e, l []float64, c, scale float64, n int, s *[4]float64) {
	raceGo(dst, e, l, c, scale, n, s)
}

// prepBody sets w[i] = float64(x[i]) and returns their maximum and whether
// one is NaN or +Inf. It is prepGo.
func prepBody(w []float64, x []float32) (max float64, bad bool) { return prepGo(w, x) }

// narrowBody sets dst[i] = float32(src[i]). It is narrowGo.
func narrowBody(dst []float32, src []float64) { narrowGo(dst, src) }

// maxF32Body returns the largest x[i] and whether some x[i] is NaN or +Inf.
// It is maxF32Go, a zero maximum as +0.
func maxF32Body(x []float32) (max float32, bad bool) { return maxF32Go(x) }

// expSum32Body is false: expSum32To converts first.
func expSum32Body(dst []float64, x []float32, shift, scale float64, p *[4]float64) (ok bool) {
	return false
}

// fusedPerturb is false: the Gumbels come whole from the noise.
func fusedPerturb() bool { return false }

// perturbExpsBody is perturbBody of the Gumbels -logNormal(e[i]), which
// overwrite e.
func perturbExpsBody(dst, l, e []float64, c float64) (max float64, arg int, bad bool) {
	negLogsGo(e[:len(l)], false)
	return perturbBody(dst, l, e, c)
}

// indexFromBits is false: the pure-Go twins find the index from the Gumbels.
func indexFromBits(k int) bool { return false }

func candidatesBody(mask []uint64, keys, l, bits []float64, c, lo float64) bool {
	panic("gumbel: candidatesBody without AVX-512")
}

// useShortKernel is false: there is no short-row kernel without assembly.
const useShortKernel = false

// softShortBody is never called without assembly.
func softShortBody(dst, l rowSource, g []float64, k int, inv float64, pert rowSource, idx []int) {
	panic("gumbel: internal error: softShortBody without assembly")
}

// gumbel32Body is gumbel32Go.
func gumbel32Body(dst []float32, bits []float64) { gumbel32Go(dst, bits) }

// addMax32Body is addMax32Go, a zero maximum as +0.
func addMax32Body(s, l, g []float32, c float32) float32 { return addMax32Go(s, l, g, c) }

// softExp32Body is softExp32Go.
func softExp32Body(dst, s []float32, m, inv float32) float64 { return softExp32Go(dst, s, m, inv) }

// scale32Body is scale32Go.
func scale32Body(dst []float32, c float32) { scale32Go(dst, c) }

// softRow32Body is softRow32Parts.
func softRow32Body(row, l, gs []float32, inv float32) uint8 {
	return softRow32Parts(row, l, gs, inv)
}

// raceRow32Body is raceRow32Parts.
func raceRow32Body(row, l []float32, b []float64, inv float32) (c float32, status uint8) {
	return raceRow32Parts(row, l, b, inv)
}

// race32Body is race32Go.
func race32Body(dst, l []float32, bits []float64, c, nf float32, n int) (float64, bool) {
	return race32Go(dst, l, bits, c, nf, n)
}

// short32Body is short32Go.
func short32Body(dst, l, gs []float32, k int, inv float32) { short32Go(dst, l, gs, k, inv) }
