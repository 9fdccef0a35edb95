// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"runtime"
	"sync"
)

// gemm stores in the m×n matrix C (row-major, row stride ldc) the product
//
//	C[i][j] = sum_{p=0..k-1} A(i,p) B[p][j],   A(i,p) = a[i*ai + p*ak],  B[p][j] = b[p*ldb + j],
//
// so that A may be read as stored (ai = lda, ak = 1) or transposed (ai = 1,
// ak = lda). Every element is accumulated the same way, s = fma(A(i,p),
// B[p][j], s) from s = 0 for p = 0, 1, ..., k-1 (one rounding per step,
// math.FMA), whichever kernel computes it: the AVX-512 tiles of 4 rows and
// 32, 16 or 8 columns where the CPU has them, else the AVX2 tiles of 4×8,
// else the pure-Go rows. C
// is therefore the same to the bit for any split of its rows among
// goroutines and on any amd64 or other machine.
//
// The rows of C are split into workers contiguous bands of whole 4-row tiles
// (workers <= 1, or fewer than 8 rows: no goroutine), each computed on its
// own goroutine. Requires k >= 1.
func gemm(m, n, k int, a []float64, ai, ak int, b []float64, ldb int, c []float64, ldc int, workers int) {
	if m == 0 || n == 0 {
		return
	}
	tiles := m / 4
	workers = min(workers, tiles)
	if workers <= 1 {
		gemmRows(0, m, n, k, a, ai, ak, b, ldb, c, ldc)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		i0 := tiles * w / workers * 4
		i1 := tiles * (w + 1) / workers * 4
		if w == workers-1 {
			i1 = m
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			gemmRows(i0, i1, n, k, a, ai, ak, b, ldb, c, ldc)
		}()
	}
	wg.Wait()
}

// gemmWorkers is the default number of goroutines of a product: GOMAXPROCS.
func gemmWorkers() int { return runtime.GOMAXPROCS(0) }

// gemmRows computes rows i0 to i1 of C (see gemm): the column panels of 32,
// 16 and 8 with the vector kernel over the whole 4-row tiles, panel by panel
// (the k×32 panel of B stays in the cache while the tiles of A pass), and the
// remaining rows and columns in Go.
func gemmRows(i0, i1, n, k int, a []float64, ai, ak int, b []float64, ldb int, c []float64, ldc int) {
	j := 0
	i4 := i0 + (i1-i0)/4*4
	if useGemmAsm && i4 > i0 {
		for ; j+32 <= n; j += 32 {
			for i := i0; i < i4; i += 4 {
				gemm4x32(k, &a[i*ai], ai, ak, &b[j], ldb, &c[i*ldc+j], ldc)
			}
		}
		for ; j+16 <= n; j += 16 {
			for i := i0; i < i4; i += 4 {
				gemm4x16(k, &a[i*ai], ai, ak, &b[j], ldb, &c[i*ldc+j], ldc)
			}
		}
		for ; j+8 <= n; j += 8 {
			for i := i0; i < i4; i += 4 {
				gemm4x8(k, &a[i*ai], ai, ak, &b[j], ldb, &c[i*ldc+j], ldc)
			}
		}
		gemmGo(i0, i4, j, n, k, a, ai, ak, b, ldb, c, ldc)
		gemmGo(i4, i1, 0, n, k, a, ai, ak, b, ldb, c, ldc)
		return
	}
	if useGemmAVX2 && i4 > i0 {
		for ; j+8 <= n; j += 8 {
			for i := i0; i < i4; i += 4 {
				gemm4x8AVX2(k, &a[i*ai], ai, ak, &b[j], ldb, &c[i*ldc+j], ldc)
			}
		}
		gemmGo(i0, i4, j, n, k, a, ai, ak, b, ldb, c, ldc)
		gemmGo(i4, i1, 0, n, k, a, ai, ak, b, ldb, c, ldc)
		return
	}
	gemmGo(i0, i1, 0, n, k, a, ai, ak, b, ldb, c, ldc)
}

// gemmGo computes C[i][j] for i0 <= i < i1, j0 <= j < j1 (see gemm): in
// tiles of 2 rows × 4 columns held in variables (gemmTile) and, for the
// last row and the last columns, row by row (gemmGoRows), all with
// math.FMA in p order: the per-element sequence of gemm.
func gemmGo(i0, i1, j0, j1, k int, a []float64, ai, ak int, b []float64, ldb int, c []float64, ldc int) {
	if j0 >= j1 {
		return
	}
	i2 := i0 + (i1-i0)/2*2
	j4 := j0 + (j1-j0)/4*4
	for i := i0; i < i2; i += 2 {
		for j := j0; j < j4; j += 4 {
			gemmTile(i, j, k, a, ai, ak, b, ldb, c, ldc)
		}
	}
	gemmGoRows(i0, i2, j4, j1, k, a, ai, ak, b, ldb, c, ldc)
	gemmGoRows(i2, i1, j0, j1, k, a, ai, ak, b, ldb, c, ldc)
}

// gemmTile computes the 2×4 tile of C at row i, column j (see gemmGo).
func gemmTile(i, j, k int, a []float64, ai, ak int, b []float64, ldb int, c []float64, ldc int) {
	var c00, c01, c02, c03, c10, c11, c12, c13 float64
	pa := i * ai
	pb := j
	for range k {
		a0, a1 := a[pa], a[pa+ai]
		bb := b[pb : pb+4 : pb+4]
		b0, b1, b2, b3 := bb[0], bb[1], bb[2], bb[3]
		c00 = math.FMA(a0, b0, c00)
		c01 = math.FMA(a0, b1, c01)
		c02 = math.FMA(a0, b2, c02)
		c03 = math.FMA(a0, b3, c03)
		c10 = math.FMA(a1, b0, c10)
		c11 = math.FMA(a1, b1, c11)
		c12 = math.FMA(a1, b2, c12)
		c13 = math.FMA(a1, b3, c13)
		pa += ak
		pb += ldb
	}
	r0 := c[i*ldc+j : i*ldc+j+4 : i*ldc+j+4]
	r1 := c[(i+1)*ldc+j : (i+1)*ldc+j+4 : (i+1)*ldc+j+4]
	r0[0], r0[1], r0[2], r0[3] = c00, c01, c02, c03
	r1[0], r1[1], r1[2], r1[3] = c10, c11, c12, c13
}

// gemmGoRows computes C[i][j] for i0 <= i < i1, j0 <= j < j1 row by row:
// for each p the row of B is added, scaled by A(i,p), into the row of C with
// math.FMA.
func gemmGoRows(i0, i1, j0, j1, k int, a []float64, ai, ak int, b []float64, ldb int, c []float64, ldc int) {
	if j0 >= j1 {
		return
	}
	for i := i0; i < i1; i++ {
		crow := c[i*ldc+j0 : i*ldc+j1]
		clear(crow)
		for p := range k {
			av := a[i*ai+p*ak]
			brow := b[p*ldb+j0 : p*ldb+j1]
			for j, bv := range brow {
				crow[j] = math.FMA(av, bv, crow[j])
			}
		}
	}
}

// gemmNT stores in the m×n matrix C the product with B given transposed,
//
//	C[i][j] = sum_{p=0..k-1} A[i][p] Bᵀ[j][p],   A[i][p] = a[i*lda + p],  Bᵀ[j][p] = bt[j*ldbt + p],
//
// element by element as gemm does (the same fma sequence, so the same bits
// as gemm of the transposed B). The columns of C are taken 32 at a time:
// the 32 rows of Bᵀ are copied into a k×32 buffer (a cached panel of B),
// and the panel times A gives those columns of C. The panels are shared
// among workers goroutines.
func gemmNT(m, n, k int, a []float64, lda int, bt []float64, ldbt int, c []float64, ldc int, workers int) {
	if m == 0 || n == 0 {
		return
	}
	const w = 32
	panels := (n + w - 1) / w
	parallelFor(panels, 1, workers, func(lo, hi int) {
		bp := panelPool.Get().(*[]float64)
		if cap(*bp) < k*w {
			*bp = make([]float64, k*w)
		}
		buf := (*bp)[:k*w]
		for q := lo; q < hi; q++ {
			j0, j1 := q*w, min(q*w+w, n)
			// Blocks of 64 p: the 64 lines of buf they write stay in L1.
			for p0 := 0; p0 < k; p0 += 64 {
				p1 := min(p0+64, k)
				for jj := range j1 - j0 {
					row := bt[(j0+jj)*ldbt+p0 : (j0+jj)*ldbt+p1]
					for p, v := range row {
						buf[(p0+p)*w+jj] = v
					}
				}
			}
			gemmRows(0, m, j1-j0, k, a, lda, 1, buf, w, c[j0:], ldc)
		}
		panelPool.Put(bp)
	})
}

// panelPool holds the panel buffers of gemmNT.
var panelPool = sync.Pool{New: func() any { return new([]float64) }}

// parallelFor calls f(lo, hi) on workers goroutines for contiguous ranges
// covering [0, n) (at least grain indices each; one call on this goroutine
// if n < 2 grain or workers <= 1). Callers write disjoint outputs per
// index, each computed by the same operations whatever the split, so the
// result does not depend on workers.
func parallelFor(n, grain, workers int, f func(lo, hi int)) {
	workers = min(workers, n/max(grain, 1))
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// sumRows stores in dst[k], k < len(dst), the sum over t of
// src[idx[t]*ld + off + k], added in the order of idx from 0 (the rows of a
// matrix selected by the ones of a 0/1 row: the sparse product), 32 columns
// at a time by the vector kernel where there is one.
func sumRows(dst, src []float64, ld, off int, idx []int) {
	k := 0
	if useGemmAsm && len(idx) > 0 {
		for ; k+32 <= len(dst); k += 32 {
			sumRows32(&dst[k], &src[off+k], ld, &idx[0], len(idx))
		}
	}
	if k == len(dst) {
		return
	}
	rest := dst[k:]
	clear(rest)
	for _, r := range idx {
		s := src[r*ld+off+k : r*ld+off+len(dst)]
		for i, v := range s {
			rest[i] += v
		}
	}
}
