// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "math"

// Portable exp and log.
//
// fastLog is the algorithm of FreeBSD's msun (e_log.c, the fdlibm code Go's
// pure-Go math.Log is ported from), with the reduction written with integer
// bit operations so that a SIMD implementation can do exactly the same, and
// its polynomial evaluated with fused multiply-adds. fastExp reduces x to
// r = x - k ln2 as e_exp.c does, but evaluates exp(r) by a polynomial of
// degree 11 (a Chebyshev interpolant) with fused multiply-adds instead of
// e_exp.c's rational form, so that it needs no division (the slowest SIMD
// operation).
// Both are within 1 ulp of the correctly rounded result; fastmath_test.go
// checks them against math.Log and math.Exp, within 2 ulp, on 10^6 random
// inputs per range (10^7 with -fastmath.n 10000000) over the whole float64
// range and on every edge, and against math/big.
//
// Same bits on every platform. Every fused multiply-add is an explicit
// math.FMA, which rounds once on every platform (in hardware where there is
// an FMA instruction, in software elsewhere), and the AVX2 kernels use
// VFMADD at exactly those places. Every other product that feeds a sum is
// rounded explicitly with float64(), which the Go specification says
// prevents fusion: the compiler may otherwise fuse x*y + z on arm64, ppc64
// and s390x but not on amd64. So the results are the same on every
// architecture and on the assembly (fastmath_amd64.s) and pure-Go (noasm)
// paths of the slice kernels, which test the one against the other; CI
// checks that every fused instruction on arm64, ppc64le, s390x and riscv64
// comes from a line that calls math.FMA.

const (
	ln2Hi   = 6.93147180369123816490e-01 // 0x3fe62e42fee00000, 32 trailing zero bits
	ln2Lo   = 1.90821492927058770002e-10 // 0x3dea39ef35793c76, ln2 - ln2Hi
	log2e   = 1.44269504088896338700e+00 // 0x3ff71547652b82fe
	roundup = 0x1.8p52                   // x + 1.5*2^52 - 1.5*2^52 rounds |x| < 2^51 to an integer

	// log(1+f) = f - f²/2 + s(f²/2 + R(s²)), s = f/(2+f) (e_log.c).
	lg1 = 6.666666666666735130e-01 // 0x3fe5555555555593
	lg2 = 3.999999999940941908e-01 // 0x3fd999999997fa04
	lg3 = 2.857142874366239149e-01 // 0x3fd2492494229359
	lg4 = 2.222219843214978396e-01 // 0x3fcc71c51d8e78af
	lg5 = 1.818357216161805012e-01 // 0x3fc7466496cb03de
	lg6 = 1.531383769920937332e-01 // 0x3fc39a09d078c69f
	lg7 = 1.479819860511658591e-01 // 0x3fc2f112df3e5244

	// exp(r) = 1 + (r + r² p(r)) on |r| <= ln2/2, p of degree 9: the
	// Chebyshev interpolant of degree 9 of (exp(r) - 1 - r)/r² on
	// [-ln2/2, ln2/2], its coefficients rounded to float64 (the script is
	// TestExpPolynomial). 1 + r + r² p(r) is within 2^-55.7 of exp(r),
	// relative, below 0.15 ulp; the Taylor polynomial would need degree 13
	// (two more fused multiply-adds) for the same.
	ex2  = 0x1.0000000000001p-1
	ex3  = 0x1.5555555555556p-3
	ex4  = 0x1.5555555553d68p-5
	ex5  = 0x1.11111111109b5p-7
	ex6  = 0x1.6c16c17889ef1p-10
	ex7  = 0x1.a01a01a7c2efep-13
	ex8  = 0x1.a019b9149a41cp-16
	ex9  = 0x1.71de0db2f6b19p-19
	ex10 = 0x1.28917c89a43a7p-22
	ex11 = 0x1.af389ecfc4b9cp-26

	// The bits of the high word of sqrt(1/2), the bottom of the reduced
	// range [sqrt(1/2), sqrt(2)) of log (musl's log.c reduction).
	sqrtHalfHi = 0x3fe6a09e00000000
	fracMask   = 1<<52 - 1

	// exp's argument is clamped to [expMin, expMax]: below, the result
	// rounds to 0; above, to +Inf; inside, 2^k needs at most two normal
	// factors 2^k1 * 2^k2.
	expMin = -746.0
	expMax = 710.0
)

// fastLog returns the natural logarithm of x, within 1 ulp, with the special
// cases of math.Log: Log(+Inf) = +Inf, Log(0) = -Inf, Log(x < 0) = NaN,
// Log(NaN) = NaN. Subnormal x are handled exactly.
func fastLog(x float64) float64 {
	if x >= 0x1p-1022 && x <= math.MaxFloat64 {
		return logNormal(x, 0)
	}
	switch {
	case x > 0 && x < 0x1p-1022: // subnormal: scale into the normal range
		return logNormal(x*0x1p54, -54)
	case x == 0:
		return math.Inf(-1)
	case x > math.MaxFloat64: // +Inf
		return x
	}
	return math.NaN() // x < 0 or NaN
}

// logNormal returns log(x) + k0*ln2 for a positive normal x: the kernel
// shared by fastLog and the slice kernels.
func logNormal(x float64, k0 int64) float64 {
	// x = 2^k m, m in [sqrt(1/2), sqrt(2)), without a branch: shifting the
	// bits by 1 - sqrt(1/2) moves the exponent boundary to sqrt(1/2).
	ix := math.Float64bits(x) + (0x3ff0000000000000 - sqrtHalfHi)
	k := float64(int64(ix>>52) - 1023 + k0)
	f := math.Float64frombits(ix&fracMask+sqrtHalfHi) - 1
	return logKernel(f, k)
}

// logKernel returns log(1+f) + k*ln2 for f in [sqrt(1/2)-1, sqrt(2)-1),
// e_log.c's polynomial in Horner form with fused multiply-adds (math.FMA,
// one rounding each, as the AVX2 kernel's VFMADD) and every other product
// rounded (see the file comment).
func logKernel(f, k float64) float64 {
	s := f / (2 + f)
	z := float64(s * s)
	w := float64(z * z)
	t1 := float64(w * math.FMA(math.FMA(lg6, w, lg4), w, lg2))
	r := math.FMA(math.FMA(math.FMA(math.FMA(lg7, w, lg5), w, lg3), w, lg1), z, t1)
	hfsq := float64(float64(0.5*f) * f)
	return math.FMA(k, ln2Hi, -((hfsq - math.FMA(s, hfsq+r, float64(k*ln2Lo))) - f))
}

// fastLog1p returns log(1+x), within about 1 ulp, with the special cases
// of math.Log1p: Log1p(-1) = -Inf, Log1p(x < -1) = NaN, Log1p(+Inf) = +Inf,
// Log1p(NaN) = NaN, and Log1p(x) = x for |x| < 2^-54 (signed zeros kept).
//
// u = 1 + x is rounded, so log(u) alone would lose the low bits of a small
// x; the rounding error c = (1 + x) - u is exact (Fast2Sum, |1| >= |x| or
// the reverse) and log(1+x) = log(u) + log(1 + c/u) = log(u) + c/u to within
// (c/u)^2/2 < 2^-107 relative. fastLog's kernel gives log(u) within 1 ulp.
func fastLog1p(x float64) float64 {
	switch {
	case x != x || x > math.MaxFloat64:
		return x
	case x == -1:
		return math.Inf(-1)
	case x < -1:
		return math.NaN()
	case math.Abs(x) < 0x1p-54:
		return x
	}
	u := 1 + x
	var c float64
	if x > 1 {
		c = (x - u) + 1
	} else {
		c = (1 - u) + x
	}
	return fastLog(u) + c/u
}

// fastExp returns e**x, within 1 ulp, with the special cases of math.Exp:
// Exp(+Inf) = +Inf, Exp(-Inf) = 0, Exp(NaN) = NaN; it overflows to +Inf for
// x > 709.78 and underflows through the subnormals to 0 below -745.13.
// It has no branch but the clamp, which a SIMD min/max does, and no
// division: x = k ln2 + r, |r| <= ln2/2, then exp(r) by a polynomial of
// degree 11 (within 2^-55.7 of it) with fused multiply-adds (math.FMA, one
// rounding each on every platform, as the AVX2 kernel's VFMADD), then the
// scaling by 2^k.
func fastExp(x float64) float64 {
	if x < expMin {
		x = expMin
	}
	if x > expMax {
		x = expMax
	}
	// k = x/ln2 rounded to nearest; r = x - k ln2Hi - k ln2Lo. The first
	// product is exact (ln2Hi has 32 trailing zero bits, |k| < 2^11) and so
	// is the difference (Sterbenz), so r is rounded once.
	t := math.FMA(x, log2e, roundup)
	k := math.Float64bits(t) - math.Float64bits(roundup) // int64(k) in two's complement
	kf := t - roundup
	r := math.FMA(kf, -ln2Lo, math.FMA(kf, -ln2Hi, x))
	// p(r) = lo(r) + r^5 hi(r), lo of degree 4 (ex2-ex6) and hi of degree 4
	// (ex7-ex11), the two halves in Horner form side by side: half the
	// dependent steps of one Horner chain, for two more products.
	r2 := float64(r * r)
	r5 := float64(float64(r2*r2) * r)
	lo := math.FMA(ex6, r, ex5)
	hi := math.FMA(ex11, r, ex10)
	lo = math.FMA(lo, r, ex4)
	hi = math.FMA(hi, r, ex9)
	lo = math.FMA(lo, r, ex3)
	hi = math.FMA(hi, r, ex8)
	lo = math.FMA(lo, r, ex2)
	hi = math.FMA(hi, r, ex7)
	y := 1 + math.FMA(r2, math.FMA(hi, r5, lo), r)
	// 2^k = 2^k1 * 2^k2 with k1 = floor(k/2), both normal for k in
	// [-1076, 1024]; y*2^k1 is exact, the second product rounds once, into
	// the subnormals or to +Inf if need be.
	k1 := (k+2048)>>1 - 1024
	k2 := k - k1
	s1 := math.Float64frombits((k1 + 1023) << 52)
	s2 := math.Float64frombits((k2 + 1023) << 52)
	return float64(y*s1) * s2
}

// negLogsGo is the pure-Go twin of the assembly negLogsBody: dst[i] =
// -logNormal(dst[i]), or, if uniform, -logNormal(uniformOpen(bits of
// dst[i])). gumbelsGo is its two passes.
func negLogsGo(dst []float64, uniform bool) {
	if uniform {
		for i, v := range dst {
			dst[i] = negLog(uniformOpen(math.Float64bits(v)))
		}
		return
	}
	for i, e := range dst {
		dst[i] = negLog(e)
	}
}

// negLog is -log x for a positive normal x as the kernels compute it, which
// give +0, not -0, at x = 1 (their last step subtracts, 0 - log x).
func negLog(x float64) float64 { return 0 - logNormal(x, 0) }

// rangeGo is the pure-Go twin of the assembly rangeBody: maxGo, the
// smallest x[i] above -Inf (+Inf if none) and the number of x[i] above
// -Inf.
func rangeGo(x []float64) (max, min float64, n int, bad bool) {
	max, bad = maxGo(x)
	min, n = minAbove(x)
	return max, min, n, bad
}

// minAbove returns the smallest x[i] above -Inf (+Inf if none) and the
// number of them.
func minAbove(x []float64) (min float64, n int) {
	min = math.Inf(1)
	for _, v := range x {
		if v > math.Inf(-1) {
			n++
			if v < min {
				min = v
			}
		}
	}
	return min, n
}

// raceGo is the pure-Go twin of the assembly raceBody: dst[i] =
// fastExp((l[i] - c) * scale) / e[i]^n, the power a product of n factors
// e[i] formed left to right, and s[j] += the dst[i] with i%4 == j, in
// order. len(e) == len(l) == len(dst), n >= 1; dst may be e or l.
func raceGo(dst, e, l []float64, c, scale float64, n int, s *[4]float64) {
	for i, v := range e {
		w := fastExp(float64(l[i]-c) * scale)
		q := v
		for j := 1; j < n; j++ {
			q *= v
		}
		w /= q
		dst[i] = w
		s[i&3] += w
	}
}

// gumbelsGo is the pure-Go twin of the assembly gumbelsBody: each dst[i]
// holds 64 random bits (math.Float64frombits) and is replaced by
// gumbelFromBits of them, -fastLog(-fastLog(uniformOpen(bits))). Both
// logarithms see positive normal numbers only (U in [2^-53, 1-2^-53],
// E = -log U in [1.1e-16, 36.8]), so the SIMD version needs none of
// fastLog's special cases.
//
// It works in two passes, E = -log U, then G = -log E, as the assembly
// does: two loops of short independent chains, which the CPU overlaps better
// than one loop of long ones. The bits are those of gumbelFromBits.
func gumbelsGo(dst []float64) {
	negLogsGo(dst, true)
	negLogsGo(dst, false)
}

// expSumTo sets dst[i] = fastExp((x[i] - shift) * scale) and returns the sum
// of the dst[i], accumulated in four interleaved partial sums
// (sum of i%4 == 0, 1, 2, 3, added as (p0+p1)+(p2+p3)) so that the SIMD and
// pure-Go paths agree to the bit. dst and x must have the same length and
// may be the same slice.
func expSumTo(dst, x []float64, shift, scale float64) float64 {
	var p [4]float64
	expSumBody(dst, x[:len(dst)], shift, scale, &p)
	return (p[0] + p[1]) + (p[2] + p[3])
}

// expSum32To is expSumTo(dst, float64(x), shift, scale) for float32 x: in
// one pass with AVX-512 (expSum32Body), else converted into dst first (the
// conversion is exact, so the bits are the same). len(dst) == len(x).
func expSum32To(dst []float64, x []float32, shift, scale float64) float64 {
	var p [4]float64
	if !expSum32Body(dst, x, shift, scale, &p) {
		for i, v := range x[:len(dst)] {
			dst[i] = float64(v)
		}
		expSumBody(dst, dst, shift, scale, &p)
	}
	return (p[0] + p[1]) + (p[2] + p[3])
}

// laneSum returns the sum of w in the order of expSumTo's: four interleaved
// partial sums (i%4 == 0, 1, 2, 3), added as (p0+p1)+(p2+p3). For w written
// by expSumTo it is the sum expSumTo returned.
func laneSum(w []float64) float64 {
	var p0, p1, p2, p3 float64
	i := 0
	for ; i+4 <= len(w); i += 4 {
		p0 += w[i]
		p1 += w[i+1]
		p2 += w[i+2]
		p3 += w[i+3]
	}
	switch len(w) - i {
	case 3:
		p2 += w[i+2]
		fallthrough
	case 2:
		p1 += w[i+1]
		fallthrough
	case 1:
		p0 += w[i]
	}
	return (p0 + p1) + (p2 + p3)
}

// expSumGo is the pure-Go twin of the assembly expSumBody:
// dst[i] = fastExp((x[i]-shift)*scale), and p[j] = the sum, in order, of the
// dst[i] with i%4 == j.
func expSumGo(dst, x []float64, shift, scale float64, p *[4]float64) {
	*p = [4]float64{}
	for i, v := range x {
		e := fastExp(float64(v-shift) * scale)
		dst[i] = e
		p[i&3] += e
	}
}

// perturbGo is the pure-Go twin of the assembly perturbBody: with
// s_i = (l[i] - c) + g[i], stored in dst[i] unless dst is nil, it returns
// the largest s_i (-Inf if none is larger), the first index where it occurs
// (-1 if none) and whether some l[i] is NaN or +Inf. dst may be l.
func perturbGo(dst, l, g []float64, c float64) (max float64, arg int, bad bool) {
	max, arg = math.Inf(-1), -1
	for i, v := range l {
		s := float64(v-c) + g[i]
		if dst != nil {
			dst[i] = s
		}
		if s > max {
			max, arg = s, i
		}
		if v != v || v > math.MaxFloat64 {
			bad = true
		}
	}
	return max, arg, bad
}

// maxGo is the pure-Go twin of the assembly maxBody: it returns the largest
// x[i] (-Inf if none is larger; NaNs are skipped) and whether some x[i] is
// NaN or +Inf.
func maxGo(x []float64) (max float64, bad bool) {
	max = math.Inf(-1)
	for _, v := range x {
		if v > max {
			max = v
		}
		if v != v {
			bad = true
		}
	}
	return max, bad || max > math.MaxFloat64
}

// dot4 returns <a, b> (len(b) >= len(a)) summed in four interleaved partial
// sums, (p0 + p1) + (p2 + p3) with p_j the sum of a_i b_i over i = j mod 4,
// without fused multiply-adds: the order of the vector kernels.
func dot4(a, b []float64) float64 {
	var p [4]float64
	for i, ai := range a {
		p[i&3] += float64(ai * b[i])
	}
	return (p[0] + p[1]) + (p[2] + p[3])
}

// vjpGo is the pure-Go twin of the assembly vjpBody: with
// dot = <y, g> summed in four interleaved partial sums (p[i%4] += y[i] g[i],
// then (p0+p1)+(p2+p3)), it sets dst[i] = (y[i] (g[i] - dot)) inv.
// dst may be g.
func vjpGo(dst, y, g []float64, inv float64) {
	dot := dot4(y, g)
	for i, yi := range y {
		dst[i] = float64(yi*(g[i]-dot)) * inv
	}
}

// prepGo is the pure-Go twin of the assembly prepBody: w[i] =
// float64(x[i]), and maxGo of w.
func prepGo(w []float64, x []float32) (max float64, bad bool) {
	w = w[:len(x)]
	for i, v := range x {
		w[i] = float64(v)
	}
	return maxGo(w)
}

// maxF32Go is the pure-Go twin of the assembly maxF32Body: the largest x[i]
// (-Inf if none is larger; NaNs are skipped; a zero maximum as +0, which
// max + 0 gives, whichever zeros x holds) and whether some x[i] is NaN or
// +Inf.
func maxF32Go(x []float32) (max float32, bad bool) {
	max = float32(math.Inf(-1))
	for _, v := range x {
		if v > max {
			max = v
		}
		if v != v {
			bad = true
		}
	}
	return max + 0, bad || max > math.MaxFloat32
}
