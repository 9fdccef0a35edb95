// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestNegLogsKernelModes checks that the logarithm pass gives the bits of
// negLogsGo in every kernel selection this CPU runs (AVX-512, AVX2, pure
// Go), for every length to 80 and both modes, and that the Gumbel noise
// (both passes) does too.
func TestNegLogsKernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(3, 3))
	for k := 0; k <= 80; k++ {
		bits := make([]float64, k)
		for i := range bits {
			bits[i] = math.Float64frombits(r.Uint64())
		}
		bits = append(bits, math.Float64frombits(0), math.Float64frombits(math.MaxUint64))[:k]
		e := append([]float64(nil), bits...)
		negLogsGo(e, true)
		wantU := append([]float64(nil), e...)
		negLogsGo(e, false)
		wantG := e
		for _, m := range modes {
			set(m)
			got := append([]float64(nil), bits...)
			negLogsBody(got, true)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(wantU[i]) {
					t.Fatalf("%s k=%d: -log U [%d] = %v, want %v", m, k, i, got[i], wantU[i])
				}
			}
			negLogsBody(got, false)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(wantG[i]) {
					t.Fatalf("%s k=%d: -log E [%d] = %v, want %v", m, k, i, got[i], wantG[i])
				}
			}
			g := append([]float64(nil), bits...)
			gumbelsBody(g)
			for i := range g {
				if math.Float64bits(g[i]) != math.Float64bits(wantG[i]) {
					t.Fatalf("%s k=%d: gumbelsBody [%d] differs", m, k, i)
				}
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestExpSumKernelModes checks expSumTo in every kernel selection against
// expSumGo, bit for bit with its sum, for every length to 80, including
// arguments whose 2^k is not normal (underflow, overflow: the AVX2 kernel's
// two-factor path, VSCALEFPD's rounding with AVX-512) and masked (-Inf)
// inputs, then densely over those ranges.
func TestExpSumKernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(4, 4))
	for k := 0; k <= 80; k++ {
		x := make([]float64, k)
		for i := range x {
			x[i] = 4 * r.NormFloat64()
			switch r.IntN(12) {
			case 0:
				x[i] = math.Inf(-1)
			case 1:
				x[i] = -745 + r.Float64() // subnormal results
			case 2:
				x[i] = 709 * r.Float64()
			}
		}
		for _, scale := range []float64{1, 2, 0.7} {
			want := make([]float64, k)
			var wp [4]float64
			expSumGo(want, x, 0.5, scale, &wp)
			for _, m := range modes {
				set(m)
				got := make([]float64, k)
				var p [4]float64
				expSumBody(got, x, 0.5, scale, &p)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s k=%d scale=%v: [%d] = exp(%v) = %v, want %v", m, k, scale, i, x[i], got[i], want[i])
					}
				}
				if p != wp {
					t.Fatalf("%s k=%d scale=%v: sums %v, want %v", m, k, scale, p, wp)
				}
			}
		}
	}
	// Dense over the ranges where 2^k is not normal or y 2^k rounds: the
	// subnormal results (the AVX-512 kernels scale by VSCALEFPD, the others
	// by two exact factors: both round y 2^k once), the overflow edge and
	// the clamp.
	x := make([]float64, 0, 40000)
	for i := 0; i < 20000; i++ {
		x = append(x, -746.5+float64(i)*(40.0/20000), 707.5+float64(i)*(3.0/20000), -745.2+float64(i)*(0.5/20000))
	}
	want := make([]float64, len(x))
	var wp [4]float64
	expSumGo(want, x, 0, 1, &wp)
	for _, m := range modes {
		set(m)
		got := make([]float64, len(x))
		var p [4]float64
		expSumBody(got, x, 0, 1, &p)
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%s: exp(%v) = %v, want %v", m, x[i], got[i], want[i])
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestExpSum32KernelModes checks expSum32To, the weights of float32 logits
// converted as the kernel loads them, in every kernel selection against
// the float64 conversion then expSumGo, bit for bit (weights and sum), for
// every length to 80 and for 256 and 1000, with -Inf, NaN, subnormal
// results and the largest float32 magnitudes.
func TestExpSum32KernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(4, 5))
	lengths := []int{256, 1000}
	for k := 0; k <= 80; k++ {
		lengths = append(lengths, k)
	}
	for _, k := range lengths {
		x := make([]float32, k)
		x64 := make([]float64, k)
		for i := range x {
			x[i] = float32(4 * r.NormFloat64())
			switch r.IntN(12) {
			case 0:
				x[i] = float32(math.Inf(-1))
			case 1:
				x[i] = float32(-745 + r.Float64())
			case 2:
				x[i] = float32(709 * r.Float64())
			case 3:
				x[i] = -math.MaxFloat32
			case 4:
				if k%7 == 3 {
					x[i] = float32(math.NaN())
				}
			}
			x64[i] = float64(x[i])
		}
		for _, scale := range []float64{1, 2, 0.7} {
			want := make([]float64, k)
			var wp [4]float64
			expSumGo(want, x64, 0.5, scale, &wp)
			wsum := (wp[0] + wp[1]) + (wp[2] + wp[3])
			for _, m := range modes {
				set(m)
				got := make([]float64, k)
				sum := expSum32To(got, x, 0.5, scale)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s k=%d scale=%v: [%d] = exp(%v) = %v, want %v", m, k, scale, i, x[i], got[i], want[i])
					}
				}
				if math.Float64bits(sum) != math.Float64bits(wsum) {
					t.Fatalf("%s k=%d scale=%v: sum %v, want %v", m, k, scale, sum, wsum)
				}
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestPerturbScaleKernelModes checks perturbBody (with and without stores)
// and scaleTo in every kernel selection against perturbGo and scaleGo, bit
// for bit, for every length to 100, with ties, masks, NaN and +Inf.
func TestPerturbScaleKernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(5, 5))
	for rep := range 6 {
		for k := 0; k <= 100; k++ {
			l, g := make([]float64, k), make([]float64, k)
			for i := range l {
				l[i] = math.Round(3 * r.NormFloat64()) // ties
				g[i] = 0
				if rep%2 == 1 {
					g[i] = r.NormFloat64()
				}
				switch r.IntN(15) {
				case 0:
					l[i] = math.Inf(-1)
				case 1:
					if rep >= 4 {
						l[i] = math.NaN()
					}
				case 2:
					if rep >= 4 {
						l[i] = math.Inf(1)
					}
				}
			}
			c := []float64{0, 2, -1e300}[rep%3]
			want := make([]float64, k)
			wm, warg, wbad := perturbGo(want, l, g, c)
			for _, m := range modes {
				set(m)
				got := make([]float64, k)
				gm, garg, gbad := perturbBody(got, l, g, c)
				if math.Float64bits(gm) != math.Float64bits(wm) || garg != warg || gbad != wbad {
					t.Fatalf("%s rep=%d k=%d: max %v at %d bad %v, want %v at %d %v", m, rep, k, gm, garg, gbad, wm, warg, wbad)
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s rep=%d k=%d: s[%d] = %v, want %v", m, rep, k, i, got[i], want[i])
					}
				}
				if gm, garg, gbad := perturbBody(nil, l, g, c); math.Float64bits(gm) != math.Float64bits(wm) || garg != warg || gbad != wbad {
					t.Fatalf("%s rep=%d k=%d (no stores): max %v at %d bad %v, want %v at %d %v", m, rep, k, gm, garg, gbad, wm, warg, wbad)
				}
				sc := append([]float64(nil), g...)
				ws := append([]float64(nil), g...)
				scaleGo(ws, 1.0/3)
				scaleTo(sc, 1.0/3)
				for i := range sc {
					if math.Float64bits(sc[i]) != math.Float64bits(ws[i]) {
						t.Fatalf("%s k=%d: scale [%d] differs", m, k, i)
					}
				}
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestPerturbExpsKernelModes checks perturbExpsBody, the perturbation of
// the Gumbels -log e computed in its own pass, in every kernel selection
// against negLogsGo then perturbGo, bit for bit (sums, maximum, index, bad),
// with and without stores, for every length to 100 and for 256 and 1000,
// with ties, masks, NaN and +Inf, and the extremes of E = -log U.
func TestPerturbExpsKernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(6, 6))
	g := NewSeeded(6, 6)
	lengths := []int{256, 1000}
	for k := 0; k <= 100; k++ {
		lengths = append(lengths, k)
	}
	extremes := []float64{-logNormal(uniformOpen(math.MaxUint64), 0), -logNormal(uniformOpen(0), 0), 1, 0.5, 2}
	for rep := range 4 {
		for _, k := range lengths {
			l, e := make([]float64, k), make([]float64, k)
			g.exps(e)
			for i := range l {
				l[i] = math.Round(3 * r.NormFloat64())
				if r.IntN(10) == 0 {
					e[i] = extremes[r.IntN(len(extremes))]
				}
				switch r.IntN(15) {
				case 0:
					l[i] = math.Inf(-1)
				case 1:
					if rep >= 2 {
						l[i] = math.NaN()
					}
				case 2:
					if rep >= 2 {
						l[i] = math.Inf(1)
					}
				}
			}
			c := []float64{0, 2, -1e300}[rep%3]
			gs := append([]float64(nil), e...)
			negLogsGo(gs, false)
			want := make([]float64, k)
			wm, warg, wbad := perturbGo(want, l, gs, c)
			for _, m := range modes {
				set(m)
				got := make([]float64, k)
				gm, garg, gbad := perturbExpsBody(got, l, append([]float64(nil), e...), c)
				if math.Float64bits(gm) != math.Float64bits(wm) || garg != warg || gbad != wbad {
					t.Fatalf("%s rep=%d k=%d: max %v at %d bad %v, want %v at %d %v", m, rep, k, gm, garg, gbad, wm, warg, wbad)
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s rep=%d k=%d: s[%d] = %v, want %v", m, rep, k, i, got[i], want[i])
					}
				}
				if gm, garg, gbad := perturbExpsBody(nil, l, append([]float64(nil), e...), c); math.Float64bits(gm) != math.Float64bits(wm) || garg != warg || gbad != wbad {
					t.Fatalf("%s rep=%d k=%d (no stores): max %v at %d bad %v, want %v at %d %v", m, rep, k, gm, garg, gbad, wm, warg, wbad)
				}
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestPrepKernelModes checks the float32 conversion kernel against prepGo
// in every kernel selection: the values bit for bit, the maximum (up to the
// sign of a zero) and the bad flag, for every length to 70.
func TestPrepKernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(7, 7))
	for rep := range 4 {
		for k := 0; k <= 70; k++ {
			x := make([]float32, k)
			for i := range x {
				x[i] = float32(3 * r.NormFloat64())
				switch r.IntN(11) {
				case 0:
					x[i] = float32(math.Inf(-1))
				case 1:
					if rep >= 2 {
						x[i] = float32(math.NaN())
					}
				case 2:
					if rep == 3 {
						x[i] = float32(math.Inf(1))
					}
				}
			}
			want := make([]float64, k)
			wm, wbad := prepGo(want, x)
			for _, m := range modes {
				set(m)
				got := make([]float64, k)
				gm, gbad := prepBody(got, x)
				if gm != wm || gbad != wbad {
					t.Fatalf("%s k=%d: max %v bad %v, want %v %v", m, k, gm, gbad, wm, wbad)
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
						t.Fatalf("%s k=%d: w[%d] = %v, want %v", m, k, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestNarrowKernelModes checks the float64-to-float32 rounding kernel
// against narrowGo in every kernel selection, bit for bit, for every length
// to 70 and values that round to even, overflow to ±Inf, fall into the
// float32 subnormals or below them, and NaN; the bytes after dst's length
// stay untouched.
func TestNarrowKernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(8, 8))
	special := []float64{
		1 + 0x1p-24, 1 + 3*0x1p-24, // ties: to even
		math.MaxFloat32 * (1 + 0x1p-25), 1e39, -1e39, // overflow
		0x1p-140, 0x1p-150, 0x1p-151, -0x1p-149 * 1.5, // subnormal, tie, below
		math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1),
	}
	for k := 0; k <= 70; k++ {
		src := make([]float64, k)
		for i := range src {
			src[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(9)-4))
			if r.IntN(4) == 0 {
				src[i] = special[r.IntN(len(special))]
			}
		}
		want := make([]float32, k)
		narrowGo(want, src)
		for _, m := range modes {
			set(m)
			got := make([]float32, k+3)
			got[k], got[k+1], got[k+2] = 7, 7, 7
			narrowBody(got[:k], src)
			for i := range want {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
					t.Fatalf("%s k=%d: dst[%d] = %v, want %v (src %v)", m, k, i, got[i], want[i], src[i])
				}
			}
			if got[k] != 7 || got[k+1] != 7 || got[k+2] != 7 {
				t.Fatalf("%s k=%d: wrote past dst", m, k)
			}
		}
	}
}

// TestMaxF32KernelModes checks the float32 maximum against maxF32Go in
// every kernel selection, for every length to 70 with masks, NaN and +Inf.
func TestMaxF32KernelModes(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(9, 9))
	for rep := range 4 {
		for k := 0; k <= 70; k++ {
			x := make([]float32, k)
			for i := range x {
				x[i] = float32(r.NormFloat64())
				switch r.IntN(11) {
				case 0:
					x[i] = float32(math.Inf(-1))
				case 1:
					if rep >= 2 {
						x[i] = float32(math.NaN())
					}
				case 2:
					if rep == 3 {
						x[i] = float32(math.Inf(1))
					}
				}
			}
			wm, wbad := maxF32Go(x)
			for _, m := range modes {
				set(m)
				if gm, gbad := maxF32Body(x); gm != wm || gbad != wbad {
					t.Fatalf("%s k=%d: %v %v, want %v %v", m, k, gm, gbad, wm, wbad)
				}
			}
		}
	}
}

// TestApproxKeys checks the bound argmaxFromBits rests on: the approximate
// keys candidatesBody writes are within keyBound/10 of the exact keys
// (l - c) + gumbelFromBits, for 10^6 source values, the extremes of U and
// the values of U at and beside every binade boundary and every boundary of
// alog's range reduction (3/4 times a power of two), where its polynomial
// is at the ends of its interval. It also checks the relative accuracy of
// the polynomial f q(f) the kernel uses (z512q0-z512q4) against log1p on
// [-1/4, 1/2), which the bound derives from.
func TestApproxKeys(t *testing.T) {
	if !indexFromBits(1 << 20) {
		t.Skip("no AVX-512: the index comes from the Gumbels")
	}
	g := NewSeeded(3, 4)
	const n = 1 << 20
	u := make([]float64, n)
	g.bitsTo(u)
	// m52 << 12 is the source value whose U is m52 2^-52 + 2^-53.
	var special []uint64
	for k := range 53 {
		p := uint64(1) << k
		special = append(special, p-1, p, p+1, 3*p/2-1, 3*p/2, 3*p/2+1)
	}
	special = append(special, 1<<52-1, 1<<52-2, 1<<52-3, 1<<51+1<<50-1)
	for i, m := range special {
		u[i] = math.Float64frombits(m << 12)
	}
	u[len(special)] = math.Float64frombits(math.MaxUint64)
	l := make([]float64, n)
	for i := range l {
		l[i] = float64(i%9) - 4
	}
	keys := make([]float64, n)
	for off := 0; off < n; off += 1000 {
		hi := min(off+1000, n)
		var mask [(1000 + 63) / 64]uint64
		candidatesBody(mask[:(hi-off+63)/64], keys[off:hi], l[off:hi], u[off:hi], 2, math.Inf(1))
	}
	worst, at := 0.0, 0
	for i := range keys {
		exact := float64(l[i]-2) + gumbelFromBits(math.Float64bits(u[i]))
		if d := math.Abs(keys[i] - exact); d > worst || d != d {
			worst, at = d, i
		}
	}
	t.Logf("largest |approximate - exact key| over %d source values: %.3g at U = %g (keyBound %g)",
		n, worst, uniformOpen(math.Float64bits(u[at])), keyBound)
	if !(worst <= keyBound/10) {
		t.Errorf("approximate keys %g from the exact ones at U = %g, bound %g", worst, uniformOpen(math.Float64bits(u[at])), keyBound/10)
	}

	// The polynomial, in float64 against math.Log1p: within 5.2e-5
	// relatively (the fit's own error) on a fine grid of [-1/4, 1/2).
	q := [...]float64{0x1.fff94a478346bp-1, -0x1.fffb0d39c834dp-2, 0x1.5a9d1fc9fb712p-2, -0x1.081b29105cb36p-2, 0x1.1acfa529896f2p-3}
	rel := 0.0
	for i := -250000; i < 500000; i++ {
		f := float64(i) / 1e6
		if f == 0 {
			continue
		}
		p := f * (q[0] + f*(q[1]+f*(q[2]+f*(q[3]+f*q[4]))))
		rel = math.Max(rel, math.Abs(p/math.Log1p(f)-1))
	}
	t.Logf("f q(f) within %.3g of log1p(f) relatively on [-1/4, 1/2)", rel)
	if rel > 5.2e-5 {
		t.Errorf("f q(f) %g from log1p relatively, want <= 5.2e-5", rel)
	}
}

// TestArgmaxFromBits checks that the index from the raw bits equals the
// index from the Gumbels, for rows of 60 to 960 logits with many near ties,
// masks and huge magnitudes, through GumbelMax, the hard sample and the
// batch form, against the AVX2 path of the same source state.
func TestArgmaxFromBits(t *testing.T) {
	if !indexFromBits(1 << 20) {
		t.Skip("no AVX-512")
	}
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(9, 9))
	for rep := range 300 {
		k := 60 + r.IntN(900)
		l := make([]float64, k)
		for i := range l {
			l[i] = float64(r.IntN(3)) // many ties: keys a little apart
			if r.IntN(20) == 0 {
				l[i] = math.Inf(-1)
			}
			if rep%50 == 7 {
				l[i] = 1e300 + l[i]
			}
		}
		want := make([]int, 3)
		for mi, m := range modes[:2] {
			set(m)
			g := NewSeeded(uint64(rep), 1)
			got := []int{g.GumbelMax(l), argmaxOf(g.GumbelSoftmaxTo(nil, l, 0.5, true)), g.GumbelMaxBatchTo(nil, mat.NewDense(1, k, l))[0]}
			if mi == 0 {
				copy(want, got)
				continue
			}
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("rep %d k=%d form %d: %s %d, %s %d", rep, k, j, modes[0], want[j], m, got[j])
				}
			}
		}
	}
}

// argmaxOf returns the index of the 1 of a one-hot vector (-1 if none).
func argmaxOf(v []float64) int {
	for i, x := range v {
		if x == 1 {
			return i
		}
	}
	return -1
}

// TestRawArgmaxBatches checks the batch forms that queue the candidates of
// many rows (rawArgmax): GumbelMaxBatchTo, the hard GumbelSoftmaxBatchTo
// and ReinMaxBatchTo on 100 rows (more than rawRows, not a multiple of it), with
// rows that straddle noise blocks, near ties, 1e300 magnitudes and rows
// with a NaN, a +Inf or every logit -Inf (every element a candidate, more
// than rawPend of them), give every row the index of the AVX2 path, the
// Gumbels' argmax, from the same source state, and leave the source where
// it leaves it.
func TestRawArgmaxBatches(t *testing.T) {
	if !indexFromBits(1 << 20) {
		t.Skip("no AVX-512")
	}
	modes, set, restore := kernelModes()
	defer restore()
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{64, 100, 300, 513} {
		const rows = 100
		l := mat.NewDense(rows, k, nil)
		for i := range rows {
			row := l.RawRowView(i)
			for j := range row {
				row[j] = float64(r.IntN(3))
				if i%7 == 3 {
					row[j] += 1e300
				}
			}
			switch i % 23 {
			case 5:
				row[r.IntN(k)] = math.NaN()
			case 11:
				row[r.IntN(k)] = math.Inf(1)
			case 17:
				for j := range row {
					row[j] = math.Inf(-1)
				}
			}
		}
		var want [3][]int
		var wantNext uint64
		for mi, m := range modes[:2] {
			set(m)
			g := NewSeeded(uint64(k), 2)
			g.SetMaxWorkers(1)
			var got [3][]int
			got[0] = g.GumbelMaxBatchTo(nil, l)
			h := g.GumbelSoftmaxBatchTo(nil, l, 0.5, true)
			for i := range rows {
				got[1] = append(got[1], argmaxOf(h.RawRowView(i)))
			}
			got[2] = g.ReinMaxBatchTo(nil, l, 0.5).Index
			next := math.Float64bits(g.Uniform())
			if mi == 0 {
				want, wantNext = got, next
				continue
			}
			for f := range got {
				for i := range rows {
					if got[f][i] != want[f][i] {
						t.Fatalf("k=%d form %d row %d: %s %d, %s %d", k, f, i, modes[0], want[f][i], m, got[f][i])
					}
				}
			}
			if next != wantNext {
				t.Errorf("k=%d: the source is elsewhere after the batches", k)
			}
		}
		for i := range rows {
			if bad := i%23 == 5 || i%23 == 11 || i%23 == 17; bad != (want[0][i] == -1) {
				t.Errorf("k=%d row %d: index %d", k, i, want[0][i])
			}
		}
	}
}
