// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build amd64 && !noasm

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestSoftShortKernel checks the AVX-512 short-row kernel against the path
// it replaces (perturbFrom, then relaxShort), bit for bit: batches of rows
// of 1 to 16 logits with masks, a NaN row, a +Inf row, an all -Inf row,
// magnitudes of 1e300, temperatures whose exponentials fall into the
// subnormals (the exact scaling), a strided view as logits and dst aliasing
// logits; the source is left in the same state.
func TestSoftShortKernel(t *testing.T) {
	if !useAVX512 {
		t.Skip("no AVX-512")
	}
	defer func(v bool) { useShortKernel = v }(useShortKernel)
	r := rand.New(rand.NewPCG(4, 16))
	for k := 1; k <= 16; k++ {
		const rows = 300
		big := mat.NewDense(rows, k+3, nil)
		for i := range rows {
			for j := range k + 3 {
				v := 3 * r.NormFloat64()
				switch r.IntN(12) {
				case 0:
					v = math.Inf(-1)
				case 1:
					v = 1e300 * r.Float64()
				}
				big.Set(i, j, v)
			}
		}
		big.Set(5, 1, math.NaN())
		big.Set(6, k, math.Inf(1))
		for j := range k {
			big.Set(7, j+1, math.Inf(-1))
		}
		logits := big.Slice(0, rows, 1, k+1).(*mat.Dense) // a strided view
		for _, tau := range []float64{0.7, 0.5, 3, 1e-3, 1e-250} {
			var got, want [2]*mat.Dense
			var next [2]uint64
			for mode, on := range []bool{true, false} {
				useShortKernel = on
				g := NewSeeded(uint64(k), 7)
				got[mode] = g.GumbelSoftmaxBatchTo(nil, logits, tau, false)
				inPlace := mat.DenseCopyOf(logits)
				want[mode] = g.GumbelSoftmaxBatchTo(inPlace, inPlace, tau, false)
				next[mode] = g.src.Uint64()
			}
			for _, pair := range [][2]*mat.Dense{{got[0], got[1]}, {want[0], want[1]}} {
				a, b := pair[0].RawMatrix().Data, pair[1].RawMatrix().Data
				for i := range a {
					if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
						t.Fatalf("k=%d tau=%v: element %d: kernel %v, relaxShort %v", k, tau, i, a[i], b[i])
					}
				}
			}
			if next[0] != next[1] {
				t.Fatalf("k=%d tau=%v: the kernel path consumed another number of source values", k, tau)
			}
			if v := got[0].At(5, 0); v == v {
				t.Fatalf("k=%d: a NaN row gave %v", k, v)
			}
		}
	}
}
