// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package main

import "golang.org/x/sys/cpu"

// useGemmAsm selects the AVX-512 kernels (gemm's tiles, sumRows32, adam8);
// without AVX-512F, gemm's 4×8 tiles run with AVX2 and FMA (useGemmAVX2)
// or gemmGo computes them, with the same bits.
var (
	useGemmAsm  = cpu.X86.HasAVX512F
	useGemmAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA
)

// gemm4x32, gemm4x16 and gemm4x8 store the 4×32, 4×16 and 4×8 tiles of C at
// c (see gemm_amd64.s). They require k >= 1.
//
//go:noescape
func gemm4x32(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int)

//go:noescape
func gemm4x16(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int)

//go:noescape
func gemm4x8(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int)

// sumRows32 stores in dst[0:32] the sum of the rows idx[0:n] of src (row
// stride ld), added in order from 0 (see gemm_amd64.s).
//
//go:noescape
func sumRows32(dst, src *float64, ld int, idx *int, n int)

// adam8 is adamGo for n a multiple of 8 (see gemm_amd64.s).
//
//go:noescape
func adam8(p, grad, mom, vel *float64, n int, c *[6]float64)

// gemm4x8AVX2 stores the 4×8 tile of C at c with AVX2 and FMA (see
// gemm_amd64.s). It requires k >= 1.
//
//go:noescape
func gemm4x8AVX2(k int, a *float64, ai, ak int, b *float64, ldb int, c *float64, ldc int)
