// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/big"
	"math/rand/v2"
	"sort"
	"testing"
)

// ulps32 is the distance in float32 ulps between got and the float64 want.
func ulps32(got float32, want float64) float64 {
	w := float32(want)
	return math.Abs(float64(got)-want) / float64(math.Nextafter32(w, float32(math.Inf(1)))-w)
}

// TestLog32Exp32Accuracy checks the float32 logarithm against math.Log on
// every binade of float32 (2^-126 to 2^127, 2,000 values each) and the
// exponential against math.Exp on [-87.3, 0] (10^6 values), in float32
// ulps of the exact value.
func TestLog32Exp32Accuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 32))
	var worstLog, worstExp float64
	for e := -126; e < 128; e++ {
		for range 2000 {
			x := float32(math.Ldexp(1+r.Float64(), e))
			worstLog = max(worstLog, ulps32(log32(x), math.Log(float64(x))))
		}
	}
	for range 1000000 {
		x := float32(-87.3 * r.Float64())
		worstExp = max(worstExp, ulps32(exp32(x), math.Exp(float64(x))))
	}
	t.Logf("log32: %.2f ulp, exp32: %.2f ulp at most", worstLog, worstExp)
	if worstLog > 2 || worstExp > 2 {
		t.Errorf("log32 %.2f ulp, exp32 %.2f ulp: want <= 2", worstLog, worstExp)
	}
	if exp32(float32(math.Inf(-1))) != 0 || exp32(-88) != 0 || exp32(0) != 1 {
		t.Errorf("exp32(-Inf), exp32(-88), exp32(0) = %v %v %v", exp32(float32(math.Inf(-1))), exp32(-88), exp32(0))
	}
	if v := exp32(float32(math.NaN())); v == v {
		t.Errorf("exp32(NaN) = %v", v)
	}
}

// TestGumbel32Noise checks the float32 Gumbels: each against the float64
// Gumbel of the same source value (gumbelFromBits) within a few float32
// ulps, on ordinary values and on the extreme source values (0, 2^64-1 and
// values next to 1/2); and 10^6 of them by Kolmogorov-Smirnov against
// exp(-exp(-x)) and by the rate of their upper tail.
func TestGumbel32Noise(t *testing.T) {
	special := []uint64{0, 1, 1 << 11, 1<<63 - 1, 1 << 63, 1<<63 + 1<<12, math.MaxUint64, math.MaxUint64 - 1<<12}
	bits := make([]float64, 1000000)
	src := rand.NewPCG(6, 32)
	for i := range bits {
		x := src.Uint64()
		if i < len(special) {
			x = special[i]
		}
		bits[i] = math.Float64frombits(x)
	}
	g := make([]float32, len(bits))
	gumbel32Body(g, bits)
	var worst float64
	for i, b := range bits {
		want := gumbelFromBits(math.Float64bits(b))
		// A Gumbel near 0 is a difference of logarithms: compare in ulps of
		// max(|G|, 1).
		d := math.Abs(float64(g[i])-want) / (max(math.Abs(want), 1) * 0x1p-24)
		worst = max(worst, d)
		if d > 8 {
			t.Fatalf("source value %#x: float32 Gumbel %v, float64 %v (%.1f ulp)", math.Float64bits(b), g[i], want, d)
		}
	}
	t.Logf("float32 Gumbels within %.2f ulp (of max(|G|, 1)) of the float64 ones", worst)
	x := make([]float64, len(g))
	tail, tail64 := 0, 0
	for i, v := range g {
		x[i] = float64(v)
		if v > 10 {
			tail++
		}
		if gumbelFromBits(math.Float64bits(bits[i])) > 10 {
			tail64++
		}
	}
	if tail != tail64 {
		t.Errorf("%d float32 Gumbels above 10, %d float64 ones from the same source values", tail, tail64)
	}
	sort.Float64s(x)
	var d float64
	n := float64(len(x))
	for i, v := range x {
		c := math.Exp(-math.Exp(-v))
		d = max(d, math.Abs(c-float64(i)/n), math.Abs(c-float64(i+1)/n))
	}
	if ks := d * math.Sqrt(n); ks > 1.63 {
		t.Errorf("KS statistic %.3f (p < 0.01)", ks)
	} else {
		t.Logf("KS sqrt(n) D = %.3f on %d draws", ks, len(x))
	}
	// P(G > 10) = 1 - exp(-exp(-10)) = 4.54e-5: 45.4 of 10^6, sd 6.7.
	if want := n * -math.Expm1(-math.Exp(-10)); math.Abs(float64(tail)-want) > 4*math.Sqrt(want) {
		t.Errorf("%d draws above 10, want %.1f", tail, want)
	} else {
		t.Logf("%d draws above 10 (as many as the float64 Gumbels), %.1f expected", tail, want)
	}
}

// TestSoft32KernelModes checks the float32 kernels against their pure-Go
// twins in every kernel selection, bit for bit, for every length to 70:
// the Gumbels (with the extreme source values), the shifted perturbation
// and its maximum (with -Inf), the exponentials and their float64 sum
// (with -Inf, NaN and values below expMin32), the scaling, and the race for
// n = 1 and 2 (its weights, sum and flush flag, with masked logits and
// logits that flush); nothing is written past the end.
func TestSoft32KernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(9, 32))
	same := func(a, b []float32) bool {
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
				return false
			}
		}
		return true
	}
	for k := 0; k <= 70; k++ {
		bits := make([]float64, k)
		l, gs, s := make([]float32, k), make([]float32, k), make([]float32, k)
		for i := range bits {
			x := r.Uint64()
			switch r.IntN(8) {
			case 0:
				x = 0
			case 1:
				x = math.MaxUint64
			case 2:
				x = 1<<63 + uint64(r.IntN(1<<13))
			}
			bits[i] = math.Float64frombits(x)
			l[i] = float32(3 * r.NormFloat64())
			s[i] = float32(-40 * r.Float64())
			switch r.IntN(10) {
			case 0:
				l[i] = float32(math.Inf(-1))
				s[i] = float32(math.Inf(-1))
			case 1:
				s[i] = -100
			case 2:
				s[i] = float32(math.NaN())
			}
			gs[i] = float32(r.NormFloat64())
		}
		wantG := make([]float32, k)
		gumbel32Go(wantG, bits)
		wantS := make([]float32, k)
		wantM := addMax32Go(wantS, l, gs, 0.75)
		wantE := make([]float32, k)
		wantSum := softExp32Go(wantE, s, -0.5, 1.7)
		wantC := append([]float32(nil), wantE...)
		scale32Go(wantC, 0.3)
		// The race on logits with masks and, in one row in three, a logit
		// far enough below the maximum to flush.
		lr := append([]float32(nil), l...)
		switch {
		case k > 0 && k%3 == 0:
			lr[k/2] = -60 // flushes at n = 2 only
		case k%3 == 1:
			lr[k/2] = -100
		}
		var wantR [2][]float32
		var wantRS [2]float64
		var wantRF [2]bool
		for n := 1; n <= 2; n++ {
			wantR[n-1] = make([]float32, k)
			wantRS[n-1], wantRF[n-1] = race32Go(wantR[n-1], lr, bits, 2.5, float32(n), n)
		}
		for _, m := range modes {
			set(m)
			pad := func() []float32 { return append(make([]float32, k), 7, 7, 7) }
			gotG := pad()
			gumbel32Body(gotG[:k], bits)
			gotS := pad()
			gotM := addMax32Body(gotS[:k], l, gs, 0.75)
			gotE := pad()
			gotSum := softExp32Body(gotE[:k], s, -0.5, 1.7)
			gotC := append(append([]float32(nil), gotE[:k]...), 7, 7, 7)
			scale32Body(gotC[:k], 0.3)
			for name, p := range map[string][]float32{"gumbel32": gotG, "addMax32": gotS, "softExp32": gotE, "scale32": gotC} {
				if p[k] != 7 || p[k+1] != 7 || p[k+2] != 7 {
					t.Fatalf("%s k=%d: %s wrote past the end", m, k, name)
				}
			}
			if !same(gotG[:k], wantG) || !same(gotS[:k], wantS) || !same(gotE[:k], wantE) || !same(gotC[:k], wantC) {
				t.Fatalf("%s k=%d: a kernel differs from its Go twin", m, k)
			}
			for n := 1; n <= 2; n++ {
				gotR := pad()
				sum, flushed := race32Body(gotR[:k], lr, bits, 2.5, float32(n), n)
				if !same(gotR[:k], wantR[n-1]) || gotR[k] != 7 || math.Float64bits(sum) != math.Float64bits(wantRS[n-1]) || flushed != wantRF[n-1] {
					t.Fatalf("%s k=%d n=%d: race32 differs from its Go twin (sum %v %v, flushed %v %v)", m, k, n, sum, wantRS[n-1], flushed, wantRF[n-1])
				}
			}
			if math.Float32bits(gotM) != math.Float32bits(wantM) {
				t.Fatalf("%s k=%d: max %v, want %v", m, k, gotM, wantM)
			}
			if math.Float64bits(gotSum) != math.Float64bits(wantSum) && !(gotSum != gotSum && wantSum != wantSum) {
				t.Fatalf("%s k=%d: sum %v, want %v", m, k, gotSum, wantSum)
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestFMA32 checks fma32 against a*b + c computed exactly (math/big) and
// rounded once to float32, on random operands of every magnitude and on
// operands made so that the float64 sum lands exactly halfway between two
// float32s (where a plain float64 FMA rounds twice).
func TestFMA32(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 32))
	exact := func(a, b, c float32) float32 {
		x := new(big.Float).SetPrec(200).SetFloat64(float64(a))
		x.Mul(x, new(big.Float).SetFloat64(float64(b)))
		x.Add(x, new(big.Float).SetFloat64(float64(c)))
		f, _ := x.Float32()
		return f
	}
	check := func(a, b, c float32) {
		t.Helper()
		if got, want := fma32(a, b, c), exact(a, b, c); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fma32(%g, %g, %g) = %g, want %g", a, b, c, got, want)
		}
	}
	midpoints := 0
	for range 200000 {
		a := float32(math.Ldexp(r.Float64()+0.5, r.IntN(40)-20))
		b := float32(math.Ldexp(r.Float64()+0.5, r.IntN(40)-20))
		c := float32(math.Ldexp(r.NormFloat64(), r.IntN(60)-30))
		check(a, b, c)
		// c chosen so that a*b + c is a float32 midpoint plus a tiny error:
		// a*b's low bits beyond float32 are a midpoint pattern, c cancels
		// the top of the product.
		a = float32(1 + float64(r.IntN(1<<12))*0x1p-12)
		b = float32(1 + float64(r.IntN(1<<12))*0x1p-12)
		p := float64(a) * float64(b)
		hi := float32(p)
		c = -hi
		if float64(hi)+float64(c) == 0 {
			midpoints++
		}
		check(a, b, c)
		check(a, b, float32(math.Nextafter32(c, 0)))
	}
	// Cases a double rounding gets wrong: a*b = 1 + 2^-11 + 2^-24 is a
	// float32 midpoint, and c = ±2^-80 moves it off by less than a float64
	// ulp: via float64 the sum rounds to the midpoint, then to even.
	a, b := float32(1+0x1p-12), float32(1+0x1p-12) // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24
	check(a, b, 0)
	check(a, b, 0x1p-40)
	check(a, b, -0x1p-40)
	for _, c := range []float32{0x1p-80, -0x1p-80} {
		check(a, b, c)
		if naive := float32(math.FMA(float64(a), float64(b), float64(c))); c > 0 && naive == fma32(a, b, c) {
			t.Errorf("c = %g: the float64 FMA rounded to float32 agrees with fma32: the case does not test the second rounding", c)
		}
	}
	check(float32(math.Inf(1)), 1, 1)
	// Exact zeros take the fast path: IEEE's sign, +0 for a cancellation,
	// -0 only for (-0) + (-0). (The exact reference keeps the signs too.)
	negZero := float32(math.Copysign(0, -1))
	for _, z := range [][3]float32{{2, 3, -6}, {-2, 3, 6}, {0, -1, negZero}, {0, -1, 0}, {negZero, 1, negZero}, {0, 1, negZero}, {1e-30, 1e-30, 0}} {
		check(z[0], z[1], z[2])
	}
	if v := fma32(0, -1, negZero); !math.Signbit(float64(v)) {
		t.Error("fma32(0, -1, -0) is not -0")
	}
	if v := fma32(2, 3, -6); math.Signbit(float64(v)) {
		t.Error("fma32(2, 3, -6) is not +0")
	}
	if v := fma32(float32(math.NaN()), 1, 1); v == v {
		t.Error("fma32(NaN, 1, 1) is not NaN")
	}
	t.Logf("checked 600,003 fused multiply-adds (%d with an exact cancellation)", midpoints)
}

// TestFloat32MaximaZero checks that the float32 maxima give +0 for a zero
// maximum in every kernel mode, whichever zeros the row holds and in which
// order (the kernels alone may return either).
func TestFloat32MaximaZero(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	negZero := float32(math.Copysign(0, -1))
	rows := [][]float32{{negZero, 0}, {0, negZero}, {negZero}, {-1, negZero, -2, 0, negZero}}
	for _, mode := range modes {
		set(mode)
		for _, n := range []int{0, 15, 40} { // the zeros in the tail, a full vector and past it
			for _, r := range rows {
				x := append(make([]float32, 0, n+len(r)), r...)
				for len(x) < n+len(r) {
					x = append(x, -3)
				}
				if m, _ := maxF32Body(x); math.Float32bits(m) != 0 {
					t.Errorf("%s: maxF32Body(%v) = %v, want +0", mode, x, m)
				}
				s := make([]float32, len(x))
				if m := addMax32Body(s, x, make([]float32, len(x)), 0); math.Float32bits(m) != 0 {
					t.Errorf("%s: addMax32Body(%v) = %v, want +0", mode, x, m)
				}
			}
		}
	}
}

// TestRaceRow32Modes checks one row of the float32 race (raceRow32: with
// AVX-512 the fused kernel raceRow32AVX512, else the maximum, race and
// scaling kernels and the two-logarithm fallback) at tau = 1 and 1/2, and
// one row drawn the two-logarithm way (softRow32: with AVX-512
// softRow32AVX512) at three other temperatures, against the pure-Go twins
// bit for bit in every kernel selection, for rows of 17 to 512 logits:
// ordinary rows, rows with masked logits, a NaN, a +Inf, only -Inf, a
// logit so far below the maximum that its exponential flushes, and huge
// logits; nothing is written past the row.
func TestRaceRow32Modes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(11, 32))
	for _, k := range []int{17, 31, 32, 33, 47, 63, 64, 65, 100, 127, 128, 129, 255, 300, 511, 512} {
		for profile := range 7 {
			l := make([]float32, k)
			for i := range l {
				l[i] = float32(3 * r.NormFloat64())
			}
			switch profile {
			case 1:
				for i := range l {
					if r.IntN(3) == 0 {
						l[i] = float32(math.Inf(-1))
					}
				}
			case 2:
				l[r.IntN(k)] = float32(math.NaN())
			case 3:
				l[r.IntN(k)] = float32(math.Inf(1))
			case 4:
				for i := range l {
					l[i] = float32(math.Inf(-1))
				}
			case 5:
				l[r.IntN(k)] = -100
			case 6:
				for i := range l {
					l[i] *= 1e37
				}
			}
			bits := make([]float64, k)
			for i := range bits {
				bits[i] = math.Float64frombits(r.Uint64())
			}
			gum := make([]float32, k)
			gumbel32Go(gum, bits)
			for _, inv := range []float32{1, 2, 1 / 0.7, 0.3, 7.5} {
				var want []float32
				for _, m := range append(modes[len(modes)-1:], modes...) { // Go first
					set(m)
					row := append(make([]float32, k), 7, 7)
					gs := make([]float32, k)
					if inv == 1 || inv == 2 {
						raceRow32(row[:k], l, bits, gs, inv)
					} else {
						softRow32(row[:k], l, gum, inv)
					}
					if row[k] != 7 || row[k+1] != 7 {
						t.Fatalf("%s k=%d profile %d: wrote past the row", m, k, profile)
					}
					if want == nil {
						want = row[:k]
						continue
					}
					for i := range want {
						if math.Float32bits(row[i]) != math.Float32bits(want[i]) && !(row[i] != row[i] && want[i] != want[i]) {
							t.Fatalf("%s k=%d profile %d inv %v: element %d is %v, the Go twins give %v", m, k, profile, inv, i, row[i], want[i])
						}
					}
				}
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestLog32Dense checks log32 against math.Log on every 61st float32 of
// [2^-60, 40), about 9·10^6 values (which covers every W and t of the
// source values and every E), in float32 ulps of the exact value: within
// 1.25 (the worst seen over every third float32 of the range is 1.22, at
// the chunks beside 1, where the result is smaller than T_j; Cephes' logf
// polynomial, which log32 replaced, gave 0.94 there).
func TestLog32Dense(t *testing.T) {
	var worst float64
	var wx float32
	var in lane32
	lo, hi := math.Float32bits(0x1p-60), math.Float32bits(40)
	for b := lo; b < hi; b += 61 * lanes32 {
		for j := range in {
			in[j] = math.Float32frombits(b + uint32(j)*61)
		}
		l := in
		out := log32L(&l)
		for j, x := range in {
			if u := ulps32(out[j], math.Log(float64(x))); u > worst {
				worst, wx = u, x
			}
		}
	}
	t.Logf("log32 within %.3f ulp (worst at %v)", worst, wx)
	if worst > 1.25 {
		t.Errorf("log32 %.3f ulp from math.Log at %v, want <= 1.25", worst, wx)
	}
}
