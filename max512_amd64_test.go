// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build amd64 && !noasm

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// checkMaxRange512 compares maxAVX512 with maxGo and rangeAVX512 with
// (maxGo, minAbove) on x, bit for bit (the signs of zeros included), and
// that x is unchanged.
func checkMaxRange512(t *testing.T, what string, x []float64) {
	t.Helper()
	orig := append([]float64(nil), x...)
	wantMax, wantBad := maxGo(x)
	wantMin, wantN := minAbove(x)
	gotMax, gotBad := maxAVX512(x)
	if math.Float64bits(gotMax) != math.Float64bits(wantMax) || gotBad != wantBad {
		t.Fatalf("%s len=%d: maxAVX512 = (%v %x, %v), want (%v %x, %v); x = %v",
			what, len(x), gotMax, math.Float64bits(gotMax), gotBad, wantMax, math.Float64bits(wantMax), wantBad, x)
	}
	rMax, rMin, rN, rBad := rangeAVX512(x)
	if math.Float64bits(rMax) != math.Float64bits(wantMax) || rBad != wantBad ||
		math.Float64bits(rMin) != math.Float64bits(wantMin) || rN != wantN {
		t.Fatalf("%s len=%d: rangeAVX512 = (%v %x, %v %x, %d, %v), want (%v %x, %v %x, %d, %v); x = %v",
			what, len(x), rMax, math.Float64bits(rMax), rMin, math.Float64bits(rMin), rN, rBad,
			wantMax, math.Float64bits(wantMax), wantMin, math.Float64bits(wantMin), wantN, wantBad, x)
	}
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(orig[i]) {
			t.Fatalf("%s len=%d: x[%d] changed", what, len(x), i)
		}
	}
}

// TestMaxRangeAVX512 checks maxAVX512 and rangeAVX512 against the pure-Go
// twins on random rows, special values in every position, zero maxima and
// minima of either sign, huge and subnormal values.
func TestMaxRangeAVX512(t *testing.T) {
	if !useAVX512 {
		t.Skip("no AVX-512")
	}
	inf, nan := math.Inf(1), math.NaN()
	negZero := math.Copysign(0, -1)
	specials := []float64{inf, -inf, nan, 0, negZero, 1.7e308, -1.7e308, math.MaxFloat64, -math.MaxFloat64,
		5e-324, -5e-324, 2.2e-308, -2.2e-308}
	r := rand.New(rand.NewPCG(11, 12))
	var lengths []int
	for k := 0; k <= 80; k++ {
		lengths = append(lengths, k)
	}
	lengths = append(lengths, 127, 128, 255, 256, 1000)
	pick := func(p []float64) float64 { return p[r.IntN(len(p))] }
	for _, k := range lengths {
		x := make([]float64, k)
		fill := func(f func(i int) float64) []float64 {
			for i := range x {
				x[i] = f(i)
			}
			return x
		}
		normal := func(int) float64 { return r.NormFloat64() }
		checkMaxRange512(t, "normal", fill(normal))
		checkMaxRange512(t, "negative", fill(func(int) float64 { return -math.Abs(r.NormFloat64()) - 1 }))
		checkMaxRange512(t, "all -Inf", fill(func(int) float64 { return -inf }))
		checkMaxRange512(t, "all NaN", fill(func(int) float64 { return nan }))
		checkMaxRange512(t, "all +0", fill(func(int) float64 { return 0 }))
		checkMaxRange512(t, "all -0", fill(func(int) float64 { return negZero }))
		checkMaxRange512(t, "mixed zeros", fill(func(int) float64 { return pick([]float64{0, negZero}) }))
		checkMaxRange512(t, "zeros and negatives", fill(func(int) float64 {
			return pick([]float64{0, negZero, -1, -inf, -5e-324, -1.7e308})
		}))
		checkMaxRange512(t, "zeros and positives", fill(func(int) float64 {
			return pick([]float64{0, negZero, 1, inf, -inf, 5e-324, 1.7e308})
		}))
		checkMaxRange512(t, "zeros, NaN, -Inf", fill(func(int) float64 { return pick([]float64{0, negZero, nan, -inf}) }))
		checkMaxRange512(t, "specials", fill(func(int) float64 { return pick(specials) }))
		checkMaxRange512(t, "specials and normals", fill(func(int) float64 {
			if r.IntN(4) == 0 {
				return pick(specials)
			}
			return r.NormFloat64()
		}))
		checkMaxRange512(t, "subnormals", fill(func(int) float64 {
			return math.Float64frombits(r.Uint64()&(1<<52-1)) * float64(1-2*r.IntN(2))
		}))
		checkMaxRange512(t, "bits", fill(func(int) float64 { return math.Float64frombits(r.Uint64()) }))
		// Each special value in each position, the rest negative (a zero is
		// then the maximum), -Inf (nothing else above -Inf), positive (a
		// zero is then the minimum) or zeros of the other sign.
		for _, s := range specials {
			for _, bg := range [][]float64{{-1, -2.5}, {-inf}, {1, 2.5}, {0}, {negZero}, {0, negZero, -3}} {
				for i := 0; i < k; i++ {
					fill(func(int) float64 { return pick(bg) })
					x[i] = s
					checkMaxRange512(t, "special at i", x)
					if i+1 < k {
						x[k-1-i] = pick([]float64{0, negZero})
						checkMaxRange512(t, "special at i, zero mirrored", x)
					}
				}
			}
		}
		// A zero of each sign as the first zero, at each position, behind
		// negatives, with later zeros of the other sign.
		for i := 0; i < k; i++ {
			for _, z := range []float64{0, negZero} {
				other := math.Copysign(0, -math.Copysign(1, z))
				fill(func(j int) float64 {
					switch {
					case j < i:
						return -math.Abs(r.NormFloat64()) - 1e-300
					case j == i:
						return z
					}
					return pick([]float64{other, -1, -inf, nan, other})
				})
				checkMaxRange512(t, "first zero", x)
				fill(func(j int) float64 {
					switch {
					case j < i:
						return math.Abs(r.NormFloat64()) + 1e-300
					case j == i:
						return z
					}
					return pick([]float64{other, 1, -inf, nan, other, inf})
				})
				checkMaxRange512(t, "first zero as minimum", x)
			}
		}
	}
	// Subslices at every offset of a longer buffer (alignment, reads past
	// the end under masks).
	buf := make([]float64, 300)
	for i := range buf {
		buf[i] = pick(append(specials, r.NormFloat64(), -1, 0, negZero))
	}
	for off := 0; off < 16; off++ {
		for k := 0; off+k <= 100; k++ {
			checkMaxRange512(t, "subslice", buf[off:off+k])
		}
	}
}
