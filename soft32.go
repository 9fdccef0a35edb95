// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "math"

// The float32 soft sample: the noise, the perturbation and the softmax in
// float32 arithmetic on sixteen lanes, from the same source values as the
// float64 form (one per logit). Every operation is rounded once in float32,
// the fused multiply-adds included (fma32 gives VFMADD's result in Go), so
// the assembly kernels and their pure-Go twins below give the same bits.
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
// lost to float32. The logarithm and the exponential are Cephes'
// single-precision polynomials (S. L. Moshier, Cephes Math Library, logf.c
// and expf.c), within about one float32 ulp.

// Cephes logf: log(1+f) = f - f²/2 + f³ P(f) for f in [sqrt(1/2)-1, sqrt(2)-1).
const (
	lf0 = 7.0376836292e-2
	lf1 = -1.1514610310e-1
	lf2 = 1.1676998740e-1
	lf3 = -1.2420140846e-1
	lf4 = 1.4249322787e-1
	lf5 = -1.6668057665e-1
	lf6 = 2.0000714765e-1
	lf7 = -2.4999993993e-1
	lf8 = 3.3333331174e-1
	// ln 2 = ln2Hi32 + ln2Lo32, ln2Hi32 with 9 significant bits.
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
// the assembly kernels' VFMADD...PS. The product of two float32s is exact
// in float64; the sum s = p + c is rounded to float64 with its error e
// exact (Knuth's TwoSum), so rounding s to float32 is right unless s lies
// exactly halfway between two float32s while e != 0 (a second rounding),
// where the half e points to is taken.
func fma32(a, b, c float32) float32 {
	p := float64(float64(a) * float64(b)) // exact; float64(): no fused multiply-add
	s := p + float64(c)
	// Rounding s to float32 can differ from rounding p + c only if s is a
	// float32 midpoint: for a normal float32 its 29 low significand bits
	// are 1 followed by zeros. Anything else takes the full check.
	if bits := math.Float64bits(s); bits&(1<<29-1) != 1<<28 && bits&0x7ff0000000000000 >= 0x3810000000000000 {
		return float32(s)
	}
	return fma32Slow(p, s, float64(c))
}

// fma32Slow is fma32 for a sum s = p + c (rounded) that may be a float32
// midpoint or lies below the float32 normals.
func fma32Slow(p, s, c float64) float32 {
	bv := s - p
	e := (p - (s - bv)) + (c - bv)
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

// log32 returns log x for a positive normal float32 x: x = 2^e m with m in
// [sqrt(1/2), sqrt(2)) (the bits shifted so that the exponent changes at
// sqrt(1/2)), then Cephes' polynomial in f = m - 1, in Horner form with
// fused multiply-adds.
func log32(x float32) float32 {
	ix := math.Float32bits(x) + (0x3f800000 - 0x3f3504f3)
	e := float32(int32(ix>>23) - 127)
	f := math.Float32frombits(ix&0x007fffff+0x3f3504f3) - 1
	z := float32(f * f)
	p := fma32(lf0, f, lf1)
	p = fma32(p, f, lf2)
	p = fma32(p, f, lf3)
	p = fma32(p, f, lf4)
	p = fma32(p, f, lf5)
	p = fma32(p, f, lf6)
	p = fma32(p, f, lf7)
	p = fma32(p, f, lf8)
	y := float32(float32(p*f) * z)
	y = fma32(e, ln2Lo32, y)
	y = fma32(-0.5, z, y)
	return fma32(e, ln2Hi32, f+y)
}

// exp32 returns e^x for x <= 88 (NaN: NaN), 0 below expMin32: n = x log2 e
// rounded, r = x - n ln2 in two parts (n ln2Hi32 is exact), Cephes'
// polynomial with fused multiply-adds, times 2^n.
func exp32(x float32) float32 {
	if x < expMin32 {
		return 0
	}
	n := fma32(x, log2e32, round32) - round32
	r := fma32(n, -ln2Lo32, fma32(n, -ln2Hi32, x))
	z := float32(r * r)
	p := fma32(ef0, r, ef1)
	p = fma32(p, r, ef2)
	p = fma32(p, r, ef3)
	p = fma32(p, r, ef4)
	p = fma32(p, r, ef5)
	p = fma32(p, z, r) + 1
	return p * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// gumbel32Go is the pure-Go twin of the assembly gumbel32Body: dst[i] is
// the standard Gumbel draw of the source value math.Float64bits(bits[i]), as
// the file comment defines it: with q = 2m + 1 (odd, so U = q 2^-53),
// W = q 2^-53 if U < 1/2 and (2^53 - q) 2^-53 if not. len(dst) >= len(bits).
func gumbel32Go(dst []float32, bits []float64) {
	dst = dst[:len(bits)]
	for i, b := range bits {
		dst[i] = -log32(exp32From(math.Float64bits(b)))
	}
}

// exp32From returns the float32 standard exponential E = -log U of the
// source value x (see gumbel32Go).
func exp32From(x uint64) float32 {
	q := int64(x>>12)<<1 | 1
	upper := x>>63 != 0
	if upper {
		q = 1<<53 - q
	}
	w := float32(float32(q) * 0x1p-53) // float32(): no fused multiply-add
	if !upper {
		return -log32(w)
	}
	t := 1 - w
	c := (1 - t) - w
	return -(log32(t) + float32(c*(1+w)))
}

// race32Go is the pure-Go twin of the assembly race32Body, the float32
// exponential race for tau = 1/n, n = 1 or 2 (see GumbelSoftmaxTo): with
// E_i the exponential of the source value bits[i] (exp32From),
//
//	dst[i] = exp32((l[i] - c) n) / E_i^n,
//
// E_i^n formed as E_i or E_i E_i. It returns their sum in float64 (lanes as
// expSum32Go), and whether the exponential of an unmasked logit fell below
// expMin32, where exp32 flushes to 0: the caller then draws the block the
// two-logarithm way from the same source values. The weights are at most
// E^-2 <= 2^106, so nothing overflows.
func race32Go(dst, l []float32, bits []float64, c, nf float32, n int) (sum float64, flushed bool) {
	var p [16]float64
	for i, v := range l {
		e := exp32From(math.Float64bits(bits[i]))
		if n == 2 {
			e = float32(e * e)
		}
		x := float32((v - c) * nf)
		if x < expMin32 && v > float32(math.Inf(-1)) {
			flushed = true
		}
		w := exp32(x) / e
		dst[i] = w
		p[i%16] += float64(w)
	}
	return reduce16(&p), flushed
}

// addMax32Go is the pure-Go twin of the assembly addMax32Body: s[i] =
// (l[i] - c) + g[i], and the largest s[i] (-Inf if none is larger). len(s)
// and len(g) >= len(l); s may be l.
func addMax32Go(s, l, g []float32, c float32) float32 {
	m := float32(math.Inf(-1))
	for i, v := range l {
		x := (v - c) + g[i]
		s[i] = x
		if x > m {
			m = x
		}
	}
	return m
}

// expSum32Go is the pure-Go twin of the assembly expSum32Body: dst[i] =
// exp32((s[i] - m) * inv), and their sum in float64, added in sixteen lanes
// (element i into lane i%16) reduced as the assembly reduces them. dst may
// be s.
func expSum32Go(dst, s []float32, m, inv float32) float64 {
	var p [16]float64
	for i, v := range s {
		e := exp32(float32((v - m) * inv))
		dst[i] = e
		p[i%16] += float64(e)
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

// soft32Block is the number of values the float32 soft sample draws at a
// time.
const soft32Block = 512

// soft32Rows draws the float32 soft samples of rows [i0, i1) of the
// row-major logits (rows of k <= 16 or k > shortRow32) into the same rows of dst,
// inv = 1/tau finite in float32, the source values of the rows in turn in
// blocks of soft32Block. At tau = 1 and 1/2 a block is drawn by the
// exponential race (one logarithm per logit), or, if a logit lies so far
// below the maximum that its exponential would flush, the two-logarithm way
// from the same source values.
func (g *Generator) soft32Rows(dst, logits []float32, k, i0, i1 int, inv float32) {
	var raw [soft32Block]float64
	var gs [soft32Block]float32
	if k <= 16 {
		// Short rows: the Gumbels of a block of rows in one pass, then one
		// vector per row.
		per := soft32Block / k
		for i := i0; i < i1; i += per {
			j := min(i1, i+per)
			n := (j - i) * k
			g.bitsTo(raw[:n])
			gumbel32Body(gs[:n], raw[:n])
			short32Body(dst[i*k:j*k], logits[i*k:j*k], gs[:n], k, inv)
		}
		return
	}
	race := inv == 1 || inv == 2
	if race && k <= soft32Block {
		// Rows that fit a block: the source values of several rows drawn
		// at once.
		per := soft32Block / k
		for i := i0; i < i1; i += per {
			j := min(i1, i+per)
			g.bitsTo(raw[:(j-i)*k])
			for r := i; r < j; r++ {
				b := raw[(r-i)*k : (r-i+1)*k]
				g.raceRow32(dst[r*k:(r+1)*k], logits[r*k:(r+1)*k], b, gs[:k], inv)
			}
		}
		return
	}
	for i := i0; i < i1; i++ {
		row, l := dst[i*k:(i+1)*k], logits[i*k:(i+1)*k]
		if race {
			c, bad := maxF32Body(l)
			if bad || c < -math.MaxFloat32 {
				g.skip(k)
				fillNaN32(row)
				continue
			}
			var sum float64
			for off := 0; off < k; off += soft32Block {
				m := min(soft32Block, k-off)
				g.bitsTo(raw[:m])
				sum += raceBlock32(row[off:off+m], l[off:off+m], raw[:m], gs[:m], c, inv)
			}
			scale32Body(row, float32(1/sum))
			continue
		}
		c, bad := maxF32Body(l)
		if bad || c < -math.MaxFloat32 {
			g.skip(k)
			fillNaN32(row)
			continue
		}
		m := float32(math.Inf(-1))
		for off := 0; off < k; off += soft32Block {
			n := min(soft32Block, k-off)
			g.bitsTo(raw[:n])
			gumbel32Body(gs[:n], raw[:n])
			m = max(m, addMax32Body(row[off:off+n], l[off:off+n], gs[:n], c))
		}
		scale32Body(row, float32(1/expSum32Body(row, row, m, inv)))
	}
}

// raceRow32 draws the race of one row from its source values b (len(b) =
// len(l) <= soft32Block), gs being scratch.
func (g *Generator) raceRow32(row, l []float32, b []float64, gs []float32, inv float32) {
	c, bad := maxF32Body(l)
	if bad || c < -math.MaxFloat32 {
		fillNaN32(row)
		return
	}
	scale32Body(row, float32(1/raceBlock32(row, l, b, gs, c, inv)))
}

// raceBlock32 writes the race weights of a block of a row (the row's
// largest logit c) from its source values b and returns their sum; if an
// exponential would flush, the block is drawn the two-logarithm way from
// the same values, gs being scratch.
func raceBlock32(d, l []float32, b []float64, gs []float32, c, inv float32) float64 {
	s, flushed := race32Body(d, l, b, c, inv, int(inv))
	if flushed {
		gumbel32Body(gs, b)
		addMax32Body(d, l, gs, c)
		s = expSum32Body(d, d, 0, inv)
	}
	return s
}

// short32Go is the pure-Go twin of the assembly short32Body: the float32
// soft samples of the rows of k <= 16 logits in l (row-major) with the
// Gumbels gs, at inv = 1/tau, into dst: per row c = max l, s_i = (l_i - c)
// + G_i, m = max s, y_i = exp32((s_i - m) inv), and y_i divided by their
// sum, added in the assembly's butterfly order over sixteen lanes (sum16);
// a row with a NaN or +Inf logit, or none above -Inf, gives NaN.
func short32Go(dst, l, gs []float32, k int, inv float32) {
	var y [16]float32
	for r := 0; r < len(l)/k; r++ {
		lr, d := l[r*k:(r+1)*k], dst[r*k:(r+1)*k]
		c := float32(math.Inf(-1))
		bad := false
		for _, v := range lr {
			bad = bad || v != v || v > math.MaxFloat32
			if v > c {
				c = v
			}
		}
		if bad || c < -math.MaxFloat32 {
			fillNaN32(d)
			continue
		}
		m := addMax32Go(d, lr, gs[r*k:(r+1)*k], c)
		y = [16]float32{}
		for i, v := range d {
			y[i] = exp32(float32((v - m) * inv))
		}
		sum := sum16(&y)
		for i := range d {
			d[i] = y[i] / sum
		}
	}
}

// sum16 adds sixteen lanes as the assembly's butterfly does: a_j = p_j +
// p_j+8, then ((a_0 + a_4) + (a_2 + a_6)) + ((a_1 + a_5) + (a_3 + a_7)).
func sum16(p *[16]float32) float32 {
	var a [8]float32
	for j := range a {
		a[j] = p[j] + p[j+8]
	}
	return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))
}

// shortRow32 is the longest row the float32 soft sample draws in float64
// and rounds (relax32), from 17 logits on: rows of 16 or fewer take one
// vector each (short32Body); longer ones up to 32 would cost more in the
// float32 kernels' per-row work than they gain.
const shortRow32 = 32

// soft32Fast reports whether the float32 soft sample of rows of k logits at
// inv = 1/tau (rounded to float32) is drawn by the float32 kernels.
func soft32Fast(k int, inv float32) bool {
	return inv <= math.MaxFloat32 && (k <= 16 || k > shortRow32)
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
