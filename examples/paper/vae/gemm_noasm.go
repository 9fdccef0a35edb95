// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build noasm || !amd64

package main

// useGemmAsm and useGemmAVX2 are false: gemmGo computes every product.
// (Variables, as on amd64, for the tests that switch kernels.)
var (
	useGemmAsm  = false
	useGemmAVX2 = false
)

func gemm4x32(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int) {
	panic("unreachable")
}

func gemm4x16(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int) {
	panic("unreachable")
}

func gemm4x8(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int) {
	panic("unreachable")
}

func sumRows32(dst, src *float64, ld int, idx *int, n int) { panic("unreachable") }

func adam8(p, grad, mom, vel *float64, n int, c *[6]float64) { panic("unreachable") }

func gemm4x8AVX2(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int) {
	panic("unreachable")
}
