// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "math"

// The float32 soft sample: the noise, the perturbation and the softmax in
// float32 arithmetic, from the same source values as the float64 form (one
// per logit), on sixteen lanes with AVX-512 (kernels32_amd64.s), eight with
// AVX2 and FMA (kernels32avx2_amd64.s), and in the pure-Go twins below
// elsewhere. Every operation is rounded once in float32, the fused
// multiply-adds included (fma32 gives VFMADD's result in Go), so the three
// give the same bits (on arm64 too: CI runs the golden streams there under
// qemu). The pure-Go twins pay for that emulation: about 55-105 ns per
// logit on rows of 100 and 1000 and 108 at k = 10 (-tags noasm, on the AMD
// EPYC of 2026-12-04), 2-3x the float64 path's pure-Go time, against
// 1.5-3 with AVX-512 and 2.4-5 with AVX2.
//
// Each Gumbel comes from the uniform U = uniformOpen(x) of the float64 forms
// ((m + 1/2) 2^-52, m the top 52 bits of the source value x), so that the
// float32 sample is the float64 sample computed in float32: with
// W = min(U, 1 - U), exact in float64 and rounded once to float32,
//
//	E = -log W                          (U < 1/2)
//	E = -log1p(-W) = -(log t + c/t)      (U > 1/2, t = 1 - W rounded, c = (1 - t) - W)
//
// with c/t taken as c (1 + W) (|c| <= 2^-25, so the error is below 2^-26 E),
// and G = -log E. W keeps float32's relative precision down to 2^-53, so E
// and G have the float64 forms' range (G up to 37.4): no tail of the law is
// lost to float32. The logarithm is table-driven (log32L: eight chunks, a
// polynomial of degree 4), the exponential Cephes' single-precision
// polynomial (S. L. Moshier, Cephes Math Library, expf.c); the logarithm
// is within 1.25 float32 ulps, the exponential within one.

// ln 2 = ln2Hi32 + ln2Lo32, ln2Hi32 with 9 significant bits.
const (
	ln2Hi32 = 0.693359375
	ln2Lo32 = -2.12194440e-4
)

// Cephes expf: e^r = 1 + r + r² Q(r) for |r| <= ln2/2.
const (
	ef0 = 1.9875691500e-4
	ef1 = 1.3981999507e-3
	ef2 = 8.3334519073e-3
	ef3 = 4.1665795894e-2
	ef4 = 1.6666665459e-1
	ef5 = 5.0000001201e-1
	// exp32 gives 0 below expMin32: e^x would not be a normal float32.
	expMin32 = -87.33654
	log2e32  = 1.44269504088896341
	// Adding and subtracting 1.5·2^23 rounds a float32 of magnitude below
	// 2^22 to the nearest integer (ties to even).
	round32 = 12582912
)

// fma32 returns a*b + c rounded once to float32, the fused multiply-add of
// the assembly kernels' VFMADD...PS (fma32Fast, else fma32Slow).
func fma32(a, b, c float32) float32 {
	if r, ok := fma32Fast(a, b, c); ok {
		return r
	}
	return fma32Slow(a, b, c)
}

// fma32Fast returns float32(s) for the float64 sum s = a*b + c and whether
// it is fma32(a, b, c). The product of two float32s is exact in float64, so
// s is a*b + c rounded once, and rounding it again to float32 gives the
// once-rounded float32 result unless s is exactly halfway between two
// float32s (a normal float32 midpoint has the 29 low significand bits 1
// followed by zeros) or below the float32 normals but not zero (u<<1 drops
// the sign; a zero s is the exact sum, with IEEE's sign, as VFMADD's).
func fma32Fast(a, b, c float32) (float32, bool) {
	s := float64(float64(a)*float64(b)) + float64(c) // float64(): no fused multiply-add
	u := math.Float64bits(s)
	return float32(s), u&(1<<29-1) != 1<<28 && u<<1-1 >= 0x381<<53-1
}

// fma32Slow is fma32 where fma32Fast cannot tell: the sum s = p + c is
// rounded to float64 with its error e exact (Knuth's TwoSum), and where s
// is a float32 midpoint with e != 0, the half e points to is taken.
func fma32Slow(a, b, c float32) float32 {
	p := float64(float64(a) * float64(b))
	s := p + float64(c)
	bv := s - p
	e := (p - (s - bv)) + (float64(c) - bv)
	r := float32(s)
	if e == 0 || s != s || math.IsInf(float64(r), 0) || float64(r) == s {
		return r
	}
	// The float32 neighbour of r on s's side, and whether s is their midpoint.
	o := math.Nextafter32(r, float32(math.Inf(1)))
	if float64(r) > s {
		o = math.Nextafter32(r, float32(math.Inf(-1)))
	}
	if (float64(r)+float64(o))/2 != s {
		return r
	}
	if (e > 0) == (o > r) {
		return o
	}
	return r
}

// The pure-Go twins compute lanes32 values side by side, as a vector
// register would: each step of the logarithm and the exponential runs over
// all lanes before the next, so the lanes' chains of dependent roundings
// overlap (one value at a time, the chains' latency would bound them).
const lanes32 = 8

// lane32 is the lanes32 values of one step.
type lane32 [lanes32]float32

// splat32 returns the lane32 of v in every lane.
func splat32(v float32) (r lane32) {
	for j := range r {
		r[j] = v
	}
	return r
}

// fmaL is fma32 lane by lane.
func fmaL(a, b, c *lane32) (r lane32) {
	for j := range r {
		v, ok := fma32Fast(a[j], b[j], c[j])
		if !ok {
			v = fma32Slow(a[j], b[j], c[j])
		}
		r[j] = v
	}
	return r
}

// The constants of log32L and exp32L, one per lane.
var (
	lcL = [...]lane32{splat32(log32Poly[0]), splat32(log32Poly[1]), splat32(log32Poly[2]),
		splat32(log32Poly[3]), splat32(log32Poly[4])}
	efL = [...]lane32{splat32(ef0), splat32(ef1), splat32(ef2), splat32(ef3), splat32(ef4), splat32(ef5)}

	ln2Hi32L, ln2Lo32L  = splat32(ln2Hi32), splat32(ln2Lo32)
	negLn2Hi32L         = splat32(-ln2Hi32)
	negLn2Lo32L         = splat32(-ln2Lo32)
	minusOneL, log2e32L = splat32(-1), splat32(log2e32)
	round32L            = splat32(round32)
)

// log32 returns log x for a positive normal float32 x (log32L in one lane).
func log32(x float32) float32 {
	v := splat32(x)
	return log32L(&v)[0]
}

// exp32 returns e^x for x <= 88 (NaN: NaN), 0 below expMin32 (exp32L in
// one lane).
func exp32(x float32) float32 {
	v := splat32(x)
	return exp32L(&v)[0]
}

// log32L returns log x lane by lane for positive normal float32s x, by
// Tang's table-driven method (P. T. P. Tang, Table-driven implementation of
// the logarithm function in IEEE floating-point arithmetic, ACM TOMS 16(4),
// 1990) with Gal's accurate tables: x = 2^e m with m in [sqrt(1/2),
// sqrt(2)) (the bits shifted so that the exponent changes at sqrt(1/2)),
// chunk j of m's range (bits 20-22 of the shifted bits), u = m c_j - 1
// rounded once (|u| < 0.058), and
//
//	log x = e ln2Hi32 + (T_j + (e ln2Lo32 + (u + (P(u) u) u)))
//
// with c_j and T_j = -log c_j from log32tab.go (c = 1, T = 0 on the chunk
// that holds 1; every T_j within 2^-8 ulp of -log c_j) and P of degree 4
// (u + u² P(u) within 2^-31 of log1p(u)). For e = 0, u, the sum of the
// polynomial and the sum with T_j are each rounded once, which bounds the
// error by about 1.5 ulps; for e != 0 two more roundings act on a result of at
// least ln2/2. Measured: within 1.22 ulps (every third float32 of [2^-60, 40):
// the worst at the chunks beside 1, where the result is smaller than T_j;
// TestLog32Dense): Cephes' logf polynomial, which it replaced, was within
// 0.94 there, with fourteen multiplies and multiply-adds against nine. The
// Gumbels and samples computed from it are as close to the float64 ones
// as they were (TestGumbel32Noise, the relaxed32 tests).
func log32L(x *lane32) (y lane32) {
	var e, m, c, t lane32
	for j, v := range x {
		ix := math.Float32bits(v) + (0x3f800000 - 0x3f3504f3)
		e[j] = float32(int32(ix>>23) - 127)
		m[j] = math.Float32frombits(ix&0x007fffff + 0x3f3504f3)
		k := ix >> 20 & 7
		c[j], t[j] = log32Inv[k], log32Tab[k]
	}
	u := fmaL(&m, &c, &minusOneL)
	p := fmaL(&lcL[4], &u, &lcL[3])
	for k := 2; k >= 0; k-- {
		p = fmaL(&p, &u, &lcL[k])
	}
	for j := range p {
		p[j] = float32(p[j] * u[j])
	}
	y = fmaL(&p, &u, &u)
	y = fmaL(&e, &ln2Lo32L, &y)
	for j := range y {
		y[j] += t[j]
	}
	return fmaL(&e, &ln2Hi32L, &y)
}

// exp32L returns e^x lane by lane for x <= 88 (NaN: NaN), 0 below
// expMin32: n = x log2 e rounded, r = x - n ln2 in two parts (n ln2Hi32 is
// exact), Cephes' polynomial with fused multiply-adds, times 2^n.
func exp32L(x *lane32) (y lane32) {
	n := fmaL(x, &log2e32L, &round32L)
	for j := range n {
		n[j] -= round32
	}
	r := fmaL(&n, &negLn2Hi32L, x)
	r = fmaL(&n, &negLn2Lo32L, &r)
	var z lane32
	for j, v := range r {
		z[j] = float32(v * v)
	}
	p := fmaL(&efL[0], &r, &efL[1])
	for k := 2; k < len(efL); k++ {
		p = fmaL(&p, &r, &efL[k])
	}
	p = fmaL(&p, &z, &r)
	for j, v := range x {
		y[j] = (p[j] + 1) * math.Float32frombits(uint32(int32(n[j])+127)<<23)
		if v < expMin32 {
			y[j] = 0
		}
	}
	return y
}

// gumbel32Go is the pure-Go twin of the assembly gumbel32Body: dst[i] is
// the standard Gumbel draw of the source value math.Float64bits(bits[i]), as
// the file comment defines it: with q = 2m + 1 (odd, so U = q 2^-53),
// W = q 2^-53 if U < 1/2 and (2^53 - q) 2^-53 if not. len(dst) >= len(bits).
func gumbel32Go(dst []float32, bits []float64) {
	dst = dst[:len(bits)]
	for i := 0; i < len(bits); i += lanes32 {
		e := exp32FromL(bits[i:])
		g := log32L(&e)
		for j := range min(lanes32, len(bits)-i) {
			dst[i+j] = -g[j]
		}
	}
}

// exp32FromL returns the float32 standard exponentials E = -log U of the
// source values, the bits of the first lanes32 values of b, lane by lane
// (-log 1/2 in the lanes past len(b)), as the file comment defines them:
// -log W for U < 1/2, else -(log t + c (1 + W)) with t = 1 - W rounded and
// c = (1 - t) - W.
func exp32FromL(b []float64) (y lane32) {
	var arg, corr lane32
	for j := range arg {
		arg[j] = 0.5
		if j >= len(b) {
			continue
		}
		x := math.Float64bits(b[j])
		q := int64(x>>12)<<1 | 1
		upper := x>>63 != 0
		if upper {
			q = 1<<53 - q
		}
		w := float32(float32(q) * 0x1p-53) // float32(): no fused multiply-add
		arg[j] = w
		if upper {
			t := 1 - w
			arg[j] = t
			corr[j] = float32(((1 - t) - w) * (1 + w))
		}
	}
	l := log32L(&arg)
	for j := range y {
		y[j] = -(l[j] + corr[j])
	}
	return y
}

// race32Go is the pure-Go twin of the assembly race32Body, the float32
// exponential race for tau = 1/n, n = 1 or 2 (see GumbelSoftmaxTo): with
// E_i the exponential of the source value bits[i] (exp32FromL),
//
//	dst[i] = exp32((l[i] - c) n) / E_i^n,
//
// E_i^n formed as E_i or E_i E_i. It returns their sum in float64 (lanes as
// softExp32Go), and whether the exponential of an unmasked logit fell below
// expMin32, where exp32 flushes to 0: the caller then draws the block the
// two-logarithm way from the same source values. The weights are at most
// E^-2 <= 2^106, so nothing overflows.
func race32Go(dst, l []float32, bits []float64, c, nf float32, n int) (sum float64, flushed bool) {
	var p [16]float64
	for i := 0; i < len(l); i += lanes32 {
		m := min(lanes32, len(l)-i)
		e := exp32FromL(bits[i : i+m])
		var x lane32
		for j, v := range l[i : i+m] {
			if n == 2 {
				e[j] = float32(e[j] * e[j])
			}
			x[j] = float32((v - c) * nf)
			if x[j] < expMin32 && v > float32(math.Inf(-1)) {
				flushed = true
			}
		}
		y := exp32L(&x)
		for j := range m {
			w := y[j] / e[j]
			dst[i+j] = w
			p[(i+j)%16] += float64(w)
		}
	}
	return reduce16(&p), flushed
}

// addMax32Go is the pure-Go twin of the assembly addMax32Body: s[i] =
// (l[i] - c) + g[i], and the largest s[i] (-Inf if none is larger; a zero
// maximum as +0, as maxF32Go). len(s) and len(g) >= len(l); s may be l.
func addMax32Go(s, l, g []float32, c float32) float32 {
	m := float32(math.Inf(-1))
	for i, v := range l {
		x := (v - c) + g[i]
		s[i] = x
		if x > m {
			m = x
		}
	}
	return m + 0
}

// softExp32Go is the pure-Go twin of the assembly softExp32Body: dst[i] =
// exp32((s[i] - m) * inv), and their sum in float64, added in sixteen lanes
// (element i into lane i%16) reduced as the assembly reduces them. dst may
// be s.
func softExp32Go(dst, s []float32, m, inv float32) float64 {
	var p [16]float64
	for i := 0; i < len(s); i += lanes32 {
		k := min(lanes32, len(s)-i)
		var x lane32
		for j, v := range s[i : i+k] {
			x[j] = float32((v - m) * inv)
		}
		y := exp32L(&x)
		for j := range k {
			dst[i+j] = y[j]
			p[(i+j)%16] += float64(y[j])
		}
	}
	return reduce16(&p)
}

// reduce16 adds sixteen lane sums in the assembly's order: the upper eight
// onto the lower eight, then halves of four, two and one.
func reduce16(p *[16]float64) float64 {
	var a [8]float64
	for j := range a {
		a[j] = p[j] + p[j+8]
	}
	b0, b1, b2, b3 := a[0]+a[4], a[1]+a[5], a[2]+a[6], a[3]+a[7]
	c0, c1 := b0+b2, b1+b3
	return c0 + c1
}

// scale32Go is the pure-Go twin of the assembly scale32Body: dst[i] *= c.
func scale32Go(dst []float32, c float32) {
	for i := range dst {
		dst[i] *= c
	}
}

// short32Go is the pure-Go twin of the assembly short32Body: softRow32
// with the Go twins on each of the len(l)/k rows of k logits of the
// row-major l (1 <= k <= 16), their Gumbels in the same positions of gs,
// into the same positions of dst.
func short32Go(dst, l, gs []float32, k int, inv float32) {
	for i := 0; i+k <= len(l); i += k {
		row, lr, g := dst[i:i+k], l[i:i+k], gs[i:i+k]
		c, bad := maxF32Go(lr)
		if bad || c < -math.MaxFloat32 {
			fillNaN32(row)
			continue
		}
		m := addMax32Go(row, lr, g, c)
		scale32Go(row, float32(1/softExp32Go(row, row, m, inv)))
	}
}

// soft32Block is the number of values the float32 soft sample draws at a
// time.
const soft32Block = 512

// soft32Rows draws the float32 soft samples of rows [i0, i1) of the
// row-major logits (rows of k logits) into the same rows of dst, inv = 1/tau
// finite in float32, the source values of the rows in turn in blocks of
// soft32Block. Rows of 16 logits or fewer are drawn the two-logarithm way at
// every tau, several rows per kernel call (short32Body). On longer rows, at
// tau = 1 and 1/2 a block is drawn by the exponential race (one logarithm
// per logit), or, if a logit lies so far below the maximum that its
// exponential would flush, the two-logarithm way from the same source
// values.
func (g *Generator) soft32Rows(dst, logits []float32, k, i0, i1 int, inv float32) {
	var raw [soft32Block]float64
	var gs [soft32Block]float32
	race := inv == 1 || inv == 2
	if k <= soft32Block {
		// Rows that fit a block: the source values of several rows drawn
		// at once, and but for the race their Gumbels in one kernel call;
		// rows of 16 or fewer in one more (softRow32's values).
		per := soft32Block / k
		for i := i0; i < i1; i += per {
			j := min(i1, i+per)
			n := (j - i) * k
			g.bitsTo(raw[:n])
			switch {
			case k <= 16:
				gumbel32Body(gs[:n], raw[:n])
				short32Body(dst[i*k:j*k], logits[i*k:j*k], gs[:n], k, inv)
			case race:
				for r := i; r < j; r++ {
					raceRow32(dst[r*k:(r+1)*k], logits[r*k:(r+1)*k], raw[(r-i)*k:(r-i+1)*k], gs[:k], inv)
				}
			default:
				gumbel32Body(gs[:n], raw[:n])
				for r := i; r < j; r++ {
					softRow32(dst[r*k:(r+1)*k], logits[r*k:(r+1)*k], gs[(r-i)*k:(r-i+1)*k], inv)
				}
			}
		}
		return
	}
	for i := i0; i < i1; i++ {
		row, l := dst[i*k:(i+1)*k], logits[i*k:(i+1)*k]
		c, ok := rowMax32(l)
		if !ok {
			g.skip(k)
			fillNaN32(row)
			continue
		}
		if race {
			var sum float64
			for off := 0; off < k; off += soft32Block {
				m := min(soft32Block, k-off)
				g.bitsTo(raw[:m])
				sum += raceBlock32(row[off:off+m], l[off:off+m], raw[:m], gs[:m], c, inv)
			}
			scale32Body(row, float32(1/sum))
			continue
		}
		m := float32(math.Inf(-1))
		for off := 0; off < k; off += soft32Block {
			n := min(soft32Block, k-off)
			g.bitsTo(raw[:n])
			gumbel32Body(gs[:n], raw[:n])
			m = max(m, addMax32Body(row[off:off+n], l[off:off+n], gs[:n], c))
		}
		scale32Body(row, float32(1/softExp32Body(row, row, m, inv)))
	}
}

// The results of a row kernel (raceRow32Body, softRow32Body).
const (
	rowDone    = iota // the row holds its sample
	rowNaN            // a NaN or +Inf logit, or none above -Inf: the row is untouched
	rowFlushed        // the race: an exponential flushed; the row holds unscaled weights
)

// softRow32 draws the soft sample of one row l with its Gumbels gs at
// inv = 1/tau into row, the two-logarithm way.
func softRow32(row, l, gs []float32, inv float32) {
	if softRow32Body(row, l, gs, inv) == rowNaN {
		fillNaN32(row)
	}
}

// softRow32Parts is softRow32Body from the single kernels: the row's
// maximum c, row = (l - c) + gs with maximum m, row = exp32((row - m) inv)
// scaled by float32(1/sum). It returns rowDone or rowNaN.
func softRow32Parts(row, l, gs []float32, inv float32) uint8 {
	c, ok := rowMax32(l)
	if !ok {
		return rowNaN
	}
	m := addMax32Body(row, l, gs, c)
	scale32Body(row, float32(1/softExp32Body(row, row, m, inv)))
	return rowDone
}

// raceRow32 draws the race of one row from its source values b (len(b) =
// len(l) <= soft32Block), gs being scratch.
func raceRow32(row, l []float32, b []float64, gs []float32, inv float32) {
	switch c, status := raceRow32Body(row, l, b, inv); status {
	case rowNaN:
		fillNaN32(row)
	case rowFlushed:
		scale32Body(row, float32(1/twoLog32(row, l, b, gs, c, inv)))
	}
}

// raceRow32Parts is raceRow32Body from the single kernels: c the row's
// maximum, then the race (inv = 1 or 2) scaled by float32(1/sum), or
// rowNaN (row untouched) or rowFlushed (row unscaled).
func raceRow32Parts(row, l []float32, b []float64, inv float32) (c float32, status uint8) {
	c, ok := rowMax32(l)
	if !ok {
		return c, rowNaN
	}
	s, flushed := race32Body(row, l, b, c, inv, int(inv))
	if flushed {
		return c, rowFlushed
	}
	scale32Body(row, float32(1/s))
	return c, rowDone
}

// rowMax32 returns the largest logit c of a float32 row and whether the row
// names a distribution: no NaN or +Inf logit, and some above -Inf.
func rowMax32(l []float32) (c float32, ok bool) {
	c, bad := maxF32Body(l)
	return c, !bad && c >= -math.MaxFloat32
}

// raceBlock32 writes the race weights of a block of a row (the row's
// largest logit c) from its source values b and returns their sum; if an
// exponential would flush, the block is drawn the two-logarithm way from
// the same values, gs being scratch.
func raceBlock32(d, l []float32, b []float64, gs []float32, c, inv float32) float64 {
	s, flushed := race32Body(d, l, b, c, inv, int(inv))
	if flushed {
		s = twoLog32(d, l, b, gs, c, inv)
	}
	return s
}

// twoLog32 writes the unscaled soft-sample weights of a block of a row (its
// largest logit c) drawn the two-logarithm way from its source values b
// and returns their sum, gs being scratch.
func twoLog32(d, l []float32, b []float64, gs []float32, c, inv float32) float64 {
	gumbel32Body(gs, b)
	addMax32Body(d, l, gs, c)
	return softExp32Body(d, d, 0, inv)
}

// soft32Fast reports whether the float32 soft sample at inv = 1/tau
// (rounded to float32) is drawn by the float32 kernels: unless inv
// overflows float32 (tau below about 3e-39), whatever the row length.
func soft32Fast(inv float32) bool {
	return inv <= math.MaxFloat32
}

// fillNaN32 fills d with NaN.
func fillNaN32(d []float32) {
	for i := range d {
		d[i] = float32(math.NaN())
	}
}

// skip draws and discards n source values.
func (g *Generator) skip(n int) {
	var raw [soft32Block]float64
	for n > 0 {
		m := min(n, soft32Block)
		g.bitsTo(raw[:m])
		n -= m
	}
}
