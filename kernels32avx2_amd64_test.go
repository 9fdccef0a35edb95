// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// avx2Lengths are the slice lengths of the AVX2 float32 kernel tests: every
// tail to 70, and longer slices around the block sizes.
func avx2Lengths() []int {
	var ks []int
	for k := 0; k <= 70; k++ {
		ks = append(ks, k)
	}
	return append(ks, 127, 128, 511, 512, 1000)
}

// sameF32 reports whether a and b hold the same bits, any two NaNs counting
// as the same.
func sameF32(a, b float32) bool {
	return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b)
}

// sameF64 is sameF32 for float64.
func sameF64(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b)
}

// firstDiff32 returns the first index where got and want differ (sameF32),
// or -1.
func firstDiff32(got, want []float32) int {
	for i := range want {
		if !sameF32(got[i], want[i]) {
			return i
		}
	}
	return -1
}

const avx2Sentinel = float32(7.25)

// padded32 returns a slice of k float32s whose backing array holds three
// sentinels after it, and a function that reports whether they are intact.
func padded32(k int) ([]float32, func() bool) {
	b := make([]float32, k+3)
	for i := k; i < len(b); i++ {
		b[i] = avx2Sentinel
	}
	return b[:k], func() bool {
		for _, v := range b[k:] {
			if v != avx2Sentinel {
				return false
			}
		}
		return true
	}
}

// avx2Bits returns k source values: random, or (profile 1) the extremes 0,
// all ones and values around 1<<63 (and 1<<62, 1<<52), or (profile 2) a
// mix of both.
func avx2Bits(r *rand.Rand, k, profile int) []float64 {
	special := []uint64{
		0, math.MaxUint64, 1 << 63, 1<<63 - 1, 1<<63 + 1, 1<<63 - 1<<11, 1<<63 + 1<<12, 1<<63 - 1<<12,
		1<<63 + uint64(1)<<11, 1, 1 << 11, 1 << 12, 1<<12 - 1, math.MaxUint64 - 1<<12, math.MaxUint64 - 1<<11,
		1 << 62, 3 << 62, 1 << 52, 1<<63 | 1<<52, 0xfff, 1<<63 | 0xfff,
	}
	b := make([]float64, k)
	for i := range b {
		x := r.Uint64()
		switch {
		case profile == 1:
			x = special[r.IntN(len(special))]
		case profile == 2 && r.IntN(3) == 0:
			x = special[r.IntN(len(special))]
		case profile == 2 && r.IntN(3) == 0:
			x = 1<<63 + uint64(r.Int64N(1<<20)) - 1<<19
		}
		b[i] = math.Float64frombits(x)
	}
	return b
}

// avx2Special32 are the awkward float32 values the kernels' inputs draw
// from: infinities, NaN, signed zeros, the extremes of the range, tiny
// normals and subnormals.
var avx2Special32 = []float32{
	float32(math.Inf(-1)), float32(math.Inf(1)), float32(math.NaN()), 0, float32(math.Copysign(0, -1)),
	3e38, -3e38, math.MaxFloat32, -math.MaxFloat32, 1e-38, -1e-38, 0x1p-126, -0x1p-126,
	1e-42, -1e-42, math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, 1, -1, -87.33654, -87.3366, 88, -200,
}

// avx2Floats returns k float32s: scale times normal deviates with, one in
// special, a value of avx2Special32.
func avx2Floats(r *rand.Rand, k int, scale float64, special int) []float32 {
	x := make([]float32, k)
	for i := range x {
		x[i] = float32(scale * r.NormFloat64())
		if special > 0 && r.IntN(special) == 0 {
			x[i] = avx2Special32[r.IntN(len(avx2Special32))]
		}
	}
	return x
}

// TestGumbel32AVX2 checks gumbel32AVX2 against gumbel32Go bit for bit on
// random and extreme source values, for every length to 70 and longer
// ones, and that nothing is written past the end.
func TestGumbel32AVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 and FMA")
	}
	r := rand.New(rand.NewPCG(32, 2))
	for _, k := range avx2Lengths() {
		for profile := range 3 {
			bits := avx2Bits(r, k, profile)
			want := make([]float32, k)
			gumbel32Go(want, bits)
			got, intact := padded32(k)
			gumbel32AVX2(got, bits)
			if i := firstDiff32(got, want); i >= 0 {
				t.Fatalf("k=%d profile %d: dst[%d] = %v (%#x), want %v (%#x), source value %#x", k, profile, i, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]), math.Float64bits(bits[i]))
			}
			if !intact() {
				t.Fatalf("k=%d: gumbel32AVX2 wrote past the end", k)
			}
		}
	}
	// Every source value of the form 1<<63 +- j and j, j small, and the
	// values where float32(q) rounds (q next to a float32 midpoint).
	var bits []float64
	for j := uint64(0); j < 1<<14; j += 1 << 8 {
		for _, x := range []uint64{j, 1<<63 + j, 1<<63 - j - 1, math.MaxUint64 - j} {
			bits = append(bits, math.Float64frombits(x))
		}
	}
	for e := 24; e < 53; e++ {
		for _, d := range []uint64{0, 1, 2, 3} {
			m := uint64(1)<<(e-1) + uint64(1)<<(e-24) + d - 2 // q/2 near a midpoint
			for _, x := range []uint64{m << 12, (1<<63 - 1 - m) << 12, 1<<63 | m<<12} {
				bits = append(bits, math.Float64frombits(x))
			}
		}
	}
	want := make([]float32, len(bits))
	gumbel32Go(want, bits)
	got := make([]float32, len(bits))
	gumbel32AVX2(got, bits)
	if i := firstDiff32(got, want); i >= 0 {
		t.Fatalf("source value %#x: %v, want %v", math.Float64bits(bits[i]), got[i], want[i])
	}
}

// TestAddMax32AVX2 checks addMax32AVX2 against addMax32Go bit for bit (the
// sums and the maximum, the sign of a zero maximum included), on logits and
// noise with infinities, NaN, signed zeros, extreme and subnormal values,
// in place (s = l) and not.
func TestAddMax32AVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 and FMA")
	}
	r := rand.New(rand.NewPCG(32, 3))
	nz := float32(math.Copysign(0, -1))
	for _, k := range avx2Lengths() {
		for rep := range 8 {
			l := avx2Floats(r, k, 3, 1+rep%4*3)
			g := avx2Floats(r, k, 1, 1+rep%3*5)
			c := []float32{0.75, 0, nz, 3e38, -3e38, 1e-42, float32(math.Inf(-1)), float32(math.NaN())}[rep]
			if rep == 7 && k > 0 {
				// Zeros only: the sign of the first one is the maximum's.
				c = 0
				for i := range l {
					l[i], g[i] = float32(math.Inf(-1)), 0
					if r.IntN(4) == 0 {
						l[i], g[i] = 0, 0
					}
					if r.IntN(3) == 0 {
						l[i], g[i] = nz, nz
					}
				}
			}
			want := make([]float32, k)
			wantM := addMax32Go(want, l, g, c)
			got, intact := padded32(k)
			gotM := addMax32AVX2(got, l, g, c)
			if i := firstDiff32(got, want); i >= 0 {
				t.Fatalf("k=%d rep %d: s[%d] = %v, want %v", k, rep, i, got[i], want[i])
			}
			if !intact() {
				t.Fatalf("k=%d: addMax32AVX2 wrote past the end", k)
			}
			if math.Float32bits(gotM) != math.Float32bits(wantM) {
				t.Fatalf("k=%d rep %d: max %v (%#x), want %v (%#x)", k, rep, gotM, math.Float32bits(gotM), wantM, math.Float32bits(wantM))
			}
			// In place.
			in := append([]float32(nil), l...)
			if m := addMax32AVX2(in, in, g, c); firstDiff32(in, want) >= 0 || math.Float32bits(m) != math.Float32bits(wantM) {
				t.Fatalf("k=%d rep %d: in place, max %v want %v", k, rep, m, wantM)
			}
		}
	}
}

// TestExpSum32AVX2 checks softExp32AVX2 against softExp32Go bit for bit (the
// exponentials and their float64 sum), with shifts and scales that make
// exponentials underflow and flush, on inputs with infinities, NaN, signed
// zeros, extreme and subnormal values, in place (dst = s) and not.
func TestExpSum32AVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 and FMA")
	}
	r := rand.New(rand.NewPCG(32, 4))
	type mi struct{ m, inv float32 }
	params := []mi{{-0.5, 1.7}, {0, 1}, {0, 2}, {3, 30}, {0, 1e-3}, {1e-42, 1}, {-3e38, 1}, {3e38, 1}, {0, 1e30}, {float32(math.Copysign(0, -1)), 0.5}}
	for _, k := range avx2Lengths() {
		for rep, p := range params {
			s := make([]float32, k)
			for i := range s {
				s[i] = float32(-40 * r.Float64())
				switch r.IntN(12) {
				case 0:
					s[i] = float32(math.Inf(-1))
				case 1:
					s[i] = -100
				case 2:
					s[i] = float32(math.NaN())
				case 3:
					s[i] = avx2Special32[r.IntN(len(avx2Special32))]
				case 4:
					s[i] = float32(-87.4 + 0.2*r.Float64()) // about expMin32
				}
			}
			if rep%3 == 2 {
				// No NaN, so that the sum is a number.
				for i := range s {
					if s[i] != s[i] || s[i] > 0 {
						s[i] = -1
					}
				}
			}
			expSumCheck(t, k, s, p.m, p.inv)
		}
		// Sums that depend on the order of the additions: no NaN or
		// infinity, exponentials over 2^-100 to 1, so that most float64
		// additions round and a lane out of place changes the sum.
		for range 16 {
			s := make([]float32, k)
			for i := range s {
				s[i] = float32(-70 * r.Float64())
			}
			expSumCheck(t, k, s, 0, 1)
		}
	}
}

// expSumCheck checks softExp32AVX2(dst, s, m, inv) against softExp32Go, in
// place and not.
func expSumCheck(t *testing.T, k int, s []float32, m, inv float32) {
	t.Helper()
	want := make([]float32, k)
	wantSum := softExp32Go(want, s, m, inv)
	got, intact := padded32(k)
	gotSum := softExp32AVX2(got, s, m, inv)
	if i := firstDiff32(got, want); i >= 0 {
		t.Fatalf("k=%d m=%v inv=%v: dst[%d] = %v, want %v (s = %v)", k, m, inv, i, got[i], want[i], s[i])
	}
	if !intact() {
		t.Fatalf("k=%d: softExp32AVX2 wrote past the end", k)
	}
	if !sameF64(gotSum, wantSum) {
		t.Fatalf("k=%d m=%v inv=%v: sum %v (%#x), want %v (%#x)", k, m, inv, gotSum, math.Float64bits(gotSum), wantSum, math.Float64bits(wantSum))
	}
	in := append([]float32(nil), s...)
	if sum := softExp32AVX2(in, in, m, inv); firstDiff32(in, want) >= 0 || !sameF64(sum, wantSum) {
		t.Fatalf("k=%d m=%v inv=%v: in place, sum %v want %v", k, m, inv, sum, wantSum)
	}
}

// TestScale32AVX2 checks scale32AVX2 against scale32Go bit for bit.
func TestScale32AVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 and FMA")
	}
	r := rand.New(rand.NewPCG(32, 5))
	cs := []float32{0.3, 1, float32(math.Copysign(0, -1)), float32(math.Inf(1)), 1e-40, 3e38, float32(math.NaN()), -2}
	for _, k := range avx2Lengths() {
		for _, c := range cs {
			x := avx2Floats(r, k, 10, 4)
			want := append([]float32(nil), x...)
			scale32Go(want, c)
			got, intact := padded32(k)
			copy(got, x)
			scale32AVX2(got, c)
			if i := firstDiff32(got, want); i >= 0 {
				t.Fatalf("k=%d c=%v: dst[%d] = %v, want %v", k, c, i, got[i], want[i])
			}
			if !intact() {
				t.Fatalf("k=%d: scale32AVX2 wrote past the end", k)
			}
		}
	}
}

// TestRace32AVX2 checks race32AVX2 against race32Go bit for bit (the
// weights, their float64 sum and the flush flag) for n = 1 and 2, on random
// and extreme source values and logits with masks (-Inf), NaN, +Inf, signed
// zeros, extreme and subnormal values, and logits that flush at n = 2 only,
// at both or not at all.
func TestRace32AVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 and FMA")
	}
	r := rand.New(rand.NewPCG(32, 6))
	flushes := [2][2]int{}
	for _, k := range avx2Lengths() {
		for rep := range 8 {
			bits := avx2Bits(r, k, rep%3)
			l := avx2Floats(r, k, 3, []int{0, 10, 4, 0, 10, 2, 0, 0}[rep])
			for i := range l {
				if rep < 6 && r.IntN(6) == 0 {
					l[i] = float32(math.Inf(-1))
				}
			}
			c := float32(2.5)
			switch rep {
			case 0:
				if k > 0 {
					l[r.IntN(k)] = -60 // flushes at n = 2 only
				}
			case 1:
				if k > 0 {
					l[r.IntN(k)] = -100
				}
			case 3:
				c, _ = maxF32Go(l) // the callers' shift
				if c < -math.MaxFloat32 {
					c = 0
				}
			case 4:
				c = float32(math.NaN())
			case 5:
				// Logits near a large c: none flushes, but -c (the
				// lanes outside a tail) would.
				c = 100
				for i := range l {
					l[i] = float32(100 - 5*r.Float64())
				}
			}
			for n := 1; n <= 2; n++ {
				want := make([]float32, k)
				wantSum, wantF := race32Go(want, l, bits, c, float32(n), n)
				got, intact := padded32(k)
				gotSum, gotF := race32AVX2(got, l, bits, c, float32(n), n)
				if i := firstDiff32(got, want); i >= 0 {
					t.Fatalf("k=%d rep %d n=%d: dst[%d] = %v, want %v (l = %v, source value %#x)", k, rep, n, i, got[i], want[i], l[i], math.Float64bits(bits[i]))
				}
				if !intact() {
					t.Fatalf("k=%d n=%d: race32AVX2 wrote past the end", k, n)
				}
				if !sameF64(gotSum, wantSum) || gotF != wantF {
					t.Fatalf("k=%d rep %d n=%d: sum %v flushed %v, want %v %v", k, rep, n, gotSum, gotF, wantSum, wantF)
				}
				if wantF {
					flushes[n-1][1]++
				} else {
					flushes[n-1][0]++
				}
			}
		}
	}
	for n := range 2 {
		if flushes[n][0] == 0 || flushes[n][1] == 0 {
			t.Errorf("n=%d: %d cases without a flush, %d with: both must occur", n+1, flushes[n][0], flushes[n][1])
		}
	}
}

// TestMaxF32AVX2 checks maxF32AVX2 against maxF32Go bit for bit (the sign
// of a zero maximum included) and the NaN/+Inf flag, on random values with
// infinities, NaN, signed zeros, extreme and subnormal values, and on rows
// of zeros and negatives where the first zero decides the sign.
func TestMaxF32AVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 and FMA")
	}
	r := rand.New(rand.NewPCG(32, 7))
	nz := float32(math.Copysign(0, -1))
	check := func(name string, x []float32) {
		t.Helper()
		wm, wbad := maxF32Go(x)
		gm, gbad := maxF32AVX2(x)
		if math.Float32bits(gm) != math.Float32bits(wm) || gbad != wbad {
			t.Fatalf("%s (k=%d): %v (%#x) %v, want %v (%#x) %v", name, len(x), gm, math.Float32bits(gm), gbad, wm, math.Float32bits(wm), wbad)
		}
	}
	for _, k := range avx2Lengths() {
		for rep := range 6 {
			check(fmt.Sprintf("random rep %d", rep), avx2Floats(r, k, 1, []int{0, 8, 3, 1, 20, 2}[rep]))
		}
		// Zeros of both signs among negatives and -Inf, NaN perhaps.
		for rep := range 6 {
			x := make([]float32, k)
			for i := range x {
				switch r.IntN(5) {
				case 0:
					x[i] = 0
				case 1:
					x[i] = nz
				case 2:
					x[i] = float32(math.Inf(-1))
				case 3:
					x[i] = -float32(r.Float64())
				default:
					x[i] = -1e-42
				}
				if rep >= 3 && r.IntN(10) == 0 {
					x[i] = float32(math.NaN())
				}
			}
			check(fmt.Sprintf("zeros rep %d", rep), x)
		}
		// One zero of each sign at every pair of positions (short rows).
		if k <= 40 {
			for i := 0; i < k; i++ {
				for j := i + 1; j < k; j++ {
					x := make([]float32, k)
					for p := range x {
						x[p] = -1
					}
					x[i], x[j] = nz, 0
					check("-0 then +0", x)
					x[i], x[j] = 0, nz
					check("+0 then -0", x)
				}
			}
		}
		all := func(v float32) []float32 {
			x := make([]float32, k)
			for i := range x {
				x[i] = v
			}
			return x
		}
		check("all -Inf", all(float32(math.Inf(-1))))
		check("all NaN", all(float32(math.NaN())))
		check("all +Inf", all(float32(math.Inf(1))))
		check("all -0", all(nz))
	}
}

// TestSoft32AVX2AgainstAVX512 checks that the AVX2 kernels give the AVX-512
// kernels' bits (where the CPU has both), the maxima included.
func TestSoft32AVX2AgainstAVX512(t *testing.T) {
	if !useAVX2 || !useAVX512 {
		t.Skip("needs AVX2 and AVX-512")
	}
	r := rand.New(rand.NewPCG(32, 8))
	for _, k := range avx2Lengths() {
		bits := avx2Bits(r, k, 2)
		l := avx2Floats(r, k, 3, 5)
		g := avx2Floats(r, k, 1, 0)
		a, b := make([]float32, k), make([]float32, k)
		gumbel32AVX2(a, bits)
		gumbel32AVX512(b, bits)
		if i := firstDiff32(a, b); i >= 0 {
			t.Fatalf("gumbel32 k=%d: [%d] %v, AVX-512 %v", k, i, a[i], b[i])
		}
		ma, mb := addMax32AVX2(a, l, g, 0.5), addMax32AVX512(b, l, g, 0.5)
		if i := firstDiff32(a, b); i >= 0 || math.Float32bits(ma) != math.Float32bits(mb) {
			t.Fatalf("addMax32 k=%d", k)
		}
		sa, sb := softExp32AVX2(a, l, 0.5, 1.3), softExp32AVX512(b, l, 0.5, 1.3)
		if i := firstDiff32(a, b); i >= 0 || !sameF64(sa, sb) {
			t.Fatalf("softExp32 k=%d", k)
		}
		for n := 1; n <= 2; n++ {
			sa, fa := race32AVX2(a, l, bits, 1, float32(n), n)
			sb, fb := race32AVX512(b, l, bits, 1, float32(n), n)
			if i := firstDiff32(a, b); i >= 0 || !sameF64(sa, sb) || fa != fb {
				t.Fatalf("race32 k=%d n=%d", k, n)
			}
		}
		xa, ba := maxF32AVX2(l)
		xb, bb := maxF32AVX512(l)
		if math.Float32bits(xa) != math.Float32bits(xb) || ba != bb {
			t.Fatalf("maxF32 k=%d: %v %v, AVX-512 %v %v", k, xa, ba, xb, bb)
		}
	}
}
