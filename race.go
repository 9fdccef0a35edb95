// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "math"

// The exponential race. At a temperature tau with 1/tau = n an integer, the
// Gumbel-Softmax sample needs one logarithm per logit instead of two: with
// G_i = -log E_i, E_i = -log U_i standard exponential,
//
//	exp(n (l_i + G_i)) = exp(n l_i) E_i^-n,
//	y_i = exp(n (l_i - max l)) E_i^-n / sum_j exp(n (l_j - max l)) E_j^-n,
//
// the same y as softmax((l + G)/tau), computed from the same source values
// in another order of operations (so not the same last bits). E_i^-n stays
// within the exponent range for n <= raceMaxN (E_i lies in
// [2^-53, 36.8]), and exp(n (l_i - max l)) does while n (max l - min l)
// <= -raceMinExp; a row outside that range, rare for logits, is drawn by
// the two-logarithm path from the same exponentials, bit for bit as a
// temperature with non-integer 1/tau would be.

const (
	raceMaxN   = 16
	raceMinExp = -708 // exp(x) is normal for x >= -708
	raceChunk  = 256
	raceMinRow = 32
)

// raceN returns n if rows of k logits at temperature tau take the race:
// 1/tau an integer n in [1, raceMaxN] (tau = 1, 0.5, 1/3, ...: the
// multiplier relax applies is then n itself) and k >= raceMinRow (shorter
// rows amortise the two-logarithm path's grouped passes better); else 0.
// It depends on k and tau alone, so a row gives the same bits alone and in
// a batch, on every CPU.
func raceN(k int, tau float64) int {
	inv := 1 / tau
	if k >= raceMinRow && inv >= 1 && inv <= raceMaxN && inv == math.Trunc(inv) {
		return int(inv)
	}
	return 0
}

// raceRow draws the Gumbel-Softmax sample of l at tau = 1/n into dst (which
// may be l) from the exponentials of z, len(l) of them, in order. A row with
// no valid category (NaN, +Inf or every logit -Inf) gives NaN; a row whose
// logits span more than -raceMinExp/n is drawn by the two-logarithm path.
func raceRow(dst, l []float64, z *noise, n int, tau float64) {
	k := len(l)
	c, lo, valid, bad := rangeBody(l)
	var e [raceChunk]float64
	switch {
	case raceFast(c, lo, valid, bad, n):
		var s [4]float64
		for off := 0; off < k; off += raceChunk {
			m := min(raceChunk, k-off)
			z.takeTo(e[:m])
			raceBody(dst[off:off+m], e[:m], l[off:off+m], c, float64(n), n, &s)
		}
		scaleTo(dst, 1/((s[0]+s[1])+(s[2]+s[3])))
	case bad || c < -math.MaxFloat64:
		for off := 0; off < k; off += raceChunk {
			z.takeTo(e[:min(raceChunk, k-off)])
		}
		relax(dst, dst, -1, 1, modeSoft)
		return
	case valid == 1:
		// One category: exactly one-hot, as the two-logarithm path gives
		// (w * (1/w) may round below 1).
		for off := 0; off < k; off += raceChunk {
			z.takeTo(e[:min(raceChunk, k-off)])
		}
		for i, v := range l {
			dst[i] = 0
			if v == c {
				dst[i] = 1
			}
		}
		return
	case float64(lo-c)*float64(n) < raceMinExp:
		// G = -log E from the same exponentials: perturbFrom's values.
		best, arg := math.Inf(-1), -1
		for off := 0; off < k; off += raceChunk {
			m := min(raceChunk, k-off)
			z.takeTo(e[:m])
			if mx, i, _ := perturbExpsBody(dst[off:off+m], l[off:off+m], e[:m], c); mx > best {
				best, arg = mx, off+i
			}
		}
		relax(dst, dst, arg, tau, modeSoft)
	}
}

// raceFast reports whether a row with rangeBody's results takes the race
// proper: a valid row of more than one category whose logits span at most
// -raceMinExp/n.
func raceFast(c, lo float64, valid int, bad bool, n int) bool {
	return !bad && c >= -math.MaxFloat64 && valid != 1 && float64(lo-c)*float64(n) >= raceMinExp
}

// raceTwo is raceRow of two rows of at most raceChunk logits, e0 and e1
// their exponentials' scratch, with the kernels of the two rows interleaved
// (see relaxTwo) when both take the race proper; otherwise raceRow of each.
// The same bits and the same source values as two raceRow calls.
func raceTwo(d0, l0, d1, l1 []float64, z *noise, n int, tau float64, e0, e1 *[raceChunk]float64) {
	c0, lo0, v0, b0 := rangeBody(l0)
	c1, lo1, v1, b1 := rangeBody(l1)
	k := len(l0)
	if k > raceChunk || len(l1) != k || !raceFast(c0, lo0, v0, b0, n) || !raceFast(c1, lo1, v1, b1, n) {
		raceRow(d0, l0, z, n, tau)
		raceRow(d1, l1, z, n, tau)
		return
	}
	z.takeTo(e0[:k])
	z.takeTo(e1[:k])
	var s0, s1 [4]float64
	raceBody(d0, e0[:k], l0, c0, float64(n), n, &s0)
	raceBody(d1, e1[:k], l1, c1, float64(n), n, &s1)
	scaleTo(d0, 1/((s0[0]+s0[1])+(s0[2]+s0[3])))
	scaleTo(d1, 1/((s1[0]+s1[1])+(s1[2]+s1[3])))
}

// raceTo draws the race's sample of one row, its exponentials drawn in
// blocks of len(scratch).
func (g *Generator) raceTo(dst, logits, scratch []float64, n int, tau float64) {
	z := newNoise(g, len(logits), scratch)
	z.kind = noiseExps
	raceRow(dst, logits, &z, n, tau)
}
