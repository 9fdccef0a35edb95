// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"
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
// arguments that take the slow exponent scaling (underflow, overflow) and
// masked (-Inf) inputs.
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
				x[i] = -745 + r.Float64() // subnormal results: the slow scaling
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
	t.Logf("kernels tested: %v", modes)
}
