// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestGemm checks gemm (and gemmNT, B given transposed), for A as stored and transposed and shapes that
// exercise every kernel and every remainder (rows not a multiple of 4,
// columns not a multiple of 8), against the definition computed here
// element by element (s = fma(A(i,p), B[p][j], s) from 0 in p order): equal
// to the bit with 1, 2 and 3 goroutines and with each kernel the CPU has
// (AVX-512, AVX2, Go); and
// against gonum's product to within rounding (1e-12 relative).
func TestGemm(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = rng.NormFloat64()
			if rng.IntN(5) == 0 {
				s[i] = 0 // zeros as after a ReLU
			}
		}
		return s
	}
	for _, sh := range [][3]int{{1, 1, 1}, {3, 5, 2}, {4, 8, 1}, {8, 32, 7}, {13, 61, 9}, {100, 300, 17}, {36, 784, 5}, {20, 56, 100}} {
		m, n, k := sh[0], sh[1], sh[2]
		for _, trans := range []bool{false, true} {
			var a []float64
			ai, ak := k+1, 1 // a padded stride
			if trans {
				ai, ak = 1, m+2
			}
			a = fill(max((m-1)*ai+(k-1)*ak+1, 1) + 3)
			ldb, ldc := n+3, n+1
			b := fill((k-1)*ldb + n)
			want := make([]float64, (m-1)*ldc+n)
			for i := range m {
				for j := range n {
					var s float64
					for p := range k {
						s = math.FMA(a[i*ai+p*ak], b[p*ldb+j], s)
					}
					want[i*ldc+j] = s
				}
			}
			check := func(name string, got []float64) {
				t.Helper()
				for i := range m {
					for j := range n {
						if g, w := got[i*ldc+j], want[i*ldc+j]; math.Float64bits(g) != math.Float64bits(w) {
							t.Fatalf("%v trans=%v %s: C[%d][%d] = %v, want %v", sh, trans, name, i, j, g, w)
						}
					}
				}
			}
			for _, mode := range kernelModes() {
				for _, workers := range []int{1, 2, 3} {
					c := fill(len(want)) // garbage to be overwritten
					mode.set()
					gemm(m, n, k, a, ai, ak, b, ldb, c, ldc, workers)
					restoreKernels()
					check(mode.name+" workers="+string(rune('0'+workers)), c)
				}
			}
			c := fill(len(want))
			gemmGo(0, m, 0, n, k, a, ai, ak, b, ldb, c, ldc)
			check("gemmGo", c)
			if !trans {
				// gemmNT of the same product with B stored transposed.
				ldbt := k + 2
				bt := fill((n-1)*ldbt + k)
				for p := range k {
					for j := range n {
						bt[j*ldbt+p] = b[p*ldb+j]
					}
				}
				for _, workers := range []int{1, 2, 3} {
					c := fill(len(want))
					gemmNT(m, n, k, a, ai, bt, ldbt, c, ldc, workers)
					check("gemmNT workers="+string(rune('0'+workers)), c)
				}
			}

			// gonum's product of the same matrices, to within rounding.
			am, bm := mat.NewDense(m, k, nil), mat.NewDense(k, n, nil)
			for i := range m {
				for p := range k {
					am.Set(i, p, a[i*ai+p*ak])
				}
			}
			for p := range k {
				for j := range n {
					bm.Set(p, j, b[p*ldb+j])
				}
			}
			var ref mat.Dense
			ref.Mul(am, bm)
			for i := range m {
				for j := range n {
					if d := math.Abs(ref.At(i, j) - want[i*ldc+j]); d > 1e-12*(1+math.Abs(ref.At(i, j)))*float64(k) {
						t.Fatalf("%v trans=%v: C[%d][%d] = %v, gonum %v", sh, trans, i, j, want[i*ldc+j], ref.At(i, j))
					}
				}
			}
		}
	}
	for _, mode := range kernelModes() {
		t.Logf("kernels checked: %s", mode.name)
	}
}

// kernelMode is one choice of gemm's kernels that the CPU can run.
type kernelMode struct {
	name string
	set  func()
}

var hasGemmAsm, hasGemmAVX2 = useGemmAsm, useGemmAVX2

// kernelModes lists the AVX-512, AVX2 and Go kernels, those the CPU has.
func kernelModes() []kernelMode {
	modes := []kernelMode{{"go", func() { useGemmAsm, useGemmAVX2 = false, false }}}
	if hasGemmAVX2 {
		modes = append(modes, kernelMode{"avx2", func() { useGemmAsm, useGemmAVX2 = false, true }})
	}
	if hasGemmAsm {
		modes = append(modes, kernelMode{"avx512", func() { useGemmAsm, useGemmAVX2 = true, hasGemmAVX2 }})
	}
	return modes
}

// restoreKernels selects the kernels of the CPU again.
func restoreKernels() { useGemmAsm, useGemmAVX2 = hasGemmAsm, hasGemmAVX2 }

// TestSumRows checks sumRows (the sparse product's rows) against the sums
// written out here, added in the order of idx from 0: equal to the bit, for
// widths that take the vector kernel, the Go remainder or both, an offset
// column and an empty selection.
func TestSumRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const rows, ld = 40, 150
	src := make([]float64, rows*ld)
	for i := range src {
		src[i] = rng.NormFloat64()
	}
	for _, tc := range []struct{ off, width, n int }{{0, 32, 7}, {5, 100, 13}, {0, 7, 3}, {64, 86, 40}, {3, 64, 0}} {
		idx := rng.Perm(rows)[:tc.n]
		dst := make([]float64, tc.width)
		for i := range dst {
			dst[i] = math.NaN() // must be overwritten
		}
		sumRows(dst, src, ld, tc.off, idx)
		for k := range dst {
			var want float64
			for _, r := range idx {
				want += src[r*ld+tc.off+k]
			}
			if math.Float64bits(dst[k]) != math.Float64bits(want) {
				t.Fatalf("%+v: dst[%d] = %v, want %v", tc, k, dst[k], want)
			}
		}
	}
}

// TestAdamKernel checks adam.update (the vector kernel and the Go tail)
// against the rule written out here element by element, to the bit, on
// arrays whose length is not a multiple of 8, over a few steps.
func TestAdamKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 83
	p, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range p {
		p[i] = rng.NormFloat64()
	}
	wp, wm, wv := append([]float64(nil), p...), make([]float64, n), make([]float64, n)
	a := newAdam(1e-3)
	for step := range 4 {
		for i := range g {
			g[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-3))
		}
		lr := a.lr * float64(step+1) / 3
		a.update(p, g, m, v, lr)
		b1, b2 := a.beta1, a.beta2
		for i, gi := range g {
			x := b1 * wm[i]
			y := (1 - b1) * gi
			wm[i] = x + y
			x = b2 * wv[i]
			y = (1 - b2) * gi
			y *= gi
			wv[i] = x + y
			x = lr * wm[i]
			wp[i] -= x / (math.Sqrt(wv[i]) + a.eps)
		}
		for i := range p {
			if math.Float64bits(p[i]) != math.Float64bits(wp[i]) || m[i] != wm[i] || v[i] != wv[i] {
				t.Fatalf("step %d, element %d: p, m, v = %v %v %v, want %v %v %v", step, i, p[i], m[i], v[i], wp[i], wm[i], wv[i])
			}
		}
	}
}
