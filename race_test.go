// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRaceKernel checks raceBody (the AVX2 kernel where the CPU has it)
// against raceGo bit for bit, sums included, for every length to 70, powers
// 1-5, masked logits and dst aliasing e or l.
func TestRaceKernel(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	for _, m := range modes {
		set(m)
		testRaceKernel(t, m)
	}
	t.Logf("kernels tested: %v", modes)
}

func testRaceKernel(t *testing.T, mode string) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 1; n <= 5; n++ {
		for k := 0; k <= 70; k++ {
			l, e := make([]float64, k), make([]float64, k)
			for i := range l {
				l[i] = 3 * r.NormFloat64()
				if r.IntN(7) == 0 {
					l[i] = math.Inf(-1)
				}
				e[i] = -math.Log(r.Float64() + 0x1p-60)
			}
			c := 2.5
			want := make([]float64, k)
			var ws [4]float64
			raceGo(want, e, l, c, float64(n), n, &ws)
			for alias := range 3 {
				dst := make([]float64, k)
				ee, ll := append([]float64(nil), e...), append([]float64(nil), l...)
				switch alias {
				case 1:
					dst = ee
				case 2:
					dst = ll
				}
				var s [4]float64
				raceBody(dst, ee, ll, c, float64(n), n, &s)
				for i := range dst {
					if math.Float64bits(dst[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s n=%d k=%d alias=%d: [%d] = %v, want %v", mode, n, k, alias, i, dst[i], want[i])
					}
				}
				if s != ws {
					t.Fatalf("%s n=%d k=%d alias=%d: sums %v, want %v", mode, n, k, alias, s, ws)
				}
			}
		}
	}
}

// TestRaceMatchesTwoLogarithms checks the exponential race (the soft sample
// at tau = 1/n) against softmax((l + G)/tau) computed with math.Exp and
// math.Log from the same source values, G = -log(-log U): the same sample
// to rounding, for rows of every kind (ties, masks, wide ranges that take
// the fallback, a single category, invalid rows).
func TestRaceMatchesTwoLogarithms(t *testing.T) {
	rows := [][]float64{
		{0.5, -1, math.Inf(-1), 2, 0, 1.5, -0.25, 3},
		{1, 1, 1, 1},
		{0, math.Inf(-1), math.Inf(-1)},
		{0, -800}, // wide: n (max - min) > 708 for n >= 1
		{1e300, 1e300 * (1 - 1e-16), -1e300},
		make([]float64, 300),
	}
	for i := range rows[5] {
		rows[5][i] = float64(i%17) / 3
	}
	// The same rows padded with masked logits to 40, which take the race
	// (or its fallback and special cases) instead of the short-row path.
	for _, r := range rows[:5] {
		p := append([]float64(nil), r...)
		for len(p) < 40 {
			p = append(p, math.Inf(-1))
		}
		rows = append(rows, p)
	}
	// Invalid rows long enough for the race give NaN, as the other path.
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		l := make([]float64, 50)
		l[17] = bad
		for _, y := range NewSeeded(1, 1).GumbelSoftmaxTo(nil, l, 0.5, false) {
			if y == y {
				t.Fatalf("row with %v: y = %v, want NaN", bad, y)
			}
		}
	}
	for _, n := range []int{1, 2, 3, 7} {
		tau := 1 / float64(n)
		for ri, l := range rows {
			got := NewSeeded(9, uint64(ri)).GumbelSoftmaxTo(nil, l, tau, false)
			src := NewSource(9, uint64(ri))
			c := math.Inf(-1)
			for _, v := range l {
				c = math.Max(c, v)
			}
			s := make([]float64, len(l))
			best := math.Inf(-1)
			for i, v := range l {
				u := uniformOpen(src.Uint64())
				s[i] = (v - c) - math.Log(-math.Log(u))
				best = math.Max(best, s[i])
			}
			var sum float64
			want := make([]float64, len(l))
			for i := range s {
				want[i] = math.Exp((s[i] - best) / tau)
				sum += want[i]
			}
			for i := range want {
				want[i] /= sum
				if d := math.Abs(got[i] - want[i]); d > 1e-13*want[i]+1e-300 {
					t.Fatalf("n=%d row %d: y[%d] = %v, want %v", n, ri, i, got[i], want[i])
				}
			}
		}
	}
}

// TestRangeKernel checks rangeBody in every kernel selection against
// rangeGo: the maximum bit for bit, the smallest value above -Inf and their
// number, for every length to 70 with masks, NaN and +Inf.
func TestRangeKernel(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(8, 8))
	for rep := range 4 {
		for k := 0; k <= 70; k++ {
			x := make([]float64, k)
			for i := range x {
				x[i] = 5 * r.NormFloat64()
				switch r.IntN(9) {
				case 0:
					x[i] = math.Inf(-1)
				case 1:
					if rep >= 2 {
						x[i] = math.NaN()
					}
				case 2:
					if rep == 3 {
						x[i] = math.Inf(1)
					}
				}
			}
			wmax, wmin, wn, wbad := rangeGo(x)
			for _, m := range modes {
				set(m)
				gmax, gmin, gn, gbad := rangeBody(x)
				if math.Float64bits(gmax) != math.Float64bits(wmax) || gmin != wmin || gn != wn || gbad != wbad {
					t.Fatalf("%s k=%d: (%v %v %d %v), want (%v %v %d %v)", m, k, gmax, gmin, gn, gbad, wmax, wmin, wn, wbad)
				}
			}
		}
	}
}

// TestSTSoftMatchesGumbelSoftmax checks the documented contract between
// StraightThroughTo's Soft and GumbelSoftmaxTo from the same source state:
// the same bits for short rows or non-integer 1/tau, a few ulp apart when
// the soft sample takes the race; Hard always the same.
func TestSTSoftMatchesGumbelSoftmax(t *testing.T) {
	for _, k := range []int{10, 31, 32, 100, 1000} {
		l := make([]float64, k)
		for i := range l {
			l[i] = float64((i*13)%7) / 2
		}
		for _, tau := range []float64{0.5, 1, 0.7, 2} {
			st := NewSeeded(4, 5).StraightThroughTo(nil, l, tau)
			y := NewSeeded(4, 5).GumbelSoftmaxTo(nil, l, tau, false)
			h := NewSeeded(4, 5).GumbelSoftmaxTo(nil, l, tau, true)
			race := raceN(k, tau) > 0
			for i := range y {
				if st.Hard[i] != h[i] {
					t.Fatalf("k=%d tau=%v: Hard differs", k, tau)
				}
				d := math.Abs(st.Soft[i] - y[i])
				if (!race && d != 0) || d > 1e-14*y[i] {
					t.Fatalf("k=%d tau=%v race=%v: Soft[%d] = %v, GumbelSoftmaxTo %v", k, tau, race, i, st.Soft[i], y[i])
				}
			}
		}
	}
}

// TestMaxRangeSignedZeros checks maxBody and rangeBody in every kernel
// selection against maxGo and rangeGo, bit for bit, on rows whose maximum
// is a zero of either sign beside zeros of the other: the maximum is the
// first zero (maxAVX2's and rangeAVX2's lanes keep either; MAXFIRST picks it).
func TestMaxRangeSignedZeros(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	negZero := math.Copysign(0, -1)
	r := rand.New(rand.NewPCG(21, 22))
	vals := []float64{0, negZero, -1, -2.5, math.Inf(-1), math.NaN()}
	for rep := range 200 {
		k := 1 + rep%40
		x := make([]float64, k)
		for i := range x {
			x[i] = vals[r.IntN(len(vals))]
		}
		x[r.IntN(k)] = []float64{0, negZero}[rep%2]
		wmax, wbad := maxGo(x)
		rmax, rmin, rn, rbad := rangeGo(x)
		for _, m := range modes {
			set(m)
			gmax, gbad := maxBody(x)
			if math.Float64bits(gmax) != math.Float64bits(wmax) || gbad != wbad {
				t.Fatalf("%s maxBody(%v) = %v %v, want %v %v", m, x, gmax, gbad, wmax, wbad)
			}
			hmax, hmin, hn, hbad := rangeBody(x)
			if math.Float64bits(hmax) != math.Float64bits(rmax) || hmin != rmin || hn != rn || hbad != rbad {
				t.Fatalf("%s rangeBody(%v) = (%v %v %d %v), want (%v %v %d %v)", m, x, hmax, hmin, hn, hbad, rmax, rmin, rn, rbad)
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}
