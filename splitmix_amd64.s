// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

#include "textflag.h"

// Vector SplitMix64 (splitmix.go): lane j of a chain holds the Weyl state
// z_j and adds step = (lanes in flight) * gamma per iteration; the output is
// splitmix(z_j), the same integer operations as splitmixGo, so the same
// bits. Two independent chains per iteration keep the multipliers busy.

DATA smOne<>+0(SB)/8, $0x3ff0000000000000
GLOBL smOne<>(SB), RODATA|NOPTR, $8
DATA smOneMinusHalfUlp<>+0(SB)/8, $0x3fefffffffffffff
GLOBL smOneMinusHalfUlp<>(SB), RODATA|NOPTR, $8
DATA smC1<>+0(SB)/8, $0xbf58476d1ce4e5b9
GLOBL smC1<>(SB), RODATA|NOPTR, $8
DATA smC2<>+0(SB)/8, $0x94d049bb133111eb
GLOBL smC2<>(SB), RODATA|NOPTR, $8
DATA smC1lo<>+0(SB)/8, $0x1ce4e5b9
GLOBL smC1lo<>(SB), RODATA|NOPTR, $8
DATA smC1hi<>+0(SB)/8, $0xbf58476d
GLOBL smC1hi<>(SB), RODATA|NOPTR, $8
DATA smC2lo<>+0(SB)/8, $0x133111eb
GLOBL smC2lo<>(SB), RODATA|NOPTR, $8
DATA smC2hi<>+0(SB)/8, $0x94d049bb
GLOBL smC2hi<>(SB), RODATA|NOPTR, $8

// MUL64(x, lo, hi, t, u) sets x = x * C mod 2^64 for the constant C whose
// 32-bit halves are in every lane of lo and hi (AVX2 has no 64-bit
// multiply): lo(x) lo(C) + ((hi(x) lo(C) + lo(x) hi(C)) << 32).
#define MUL64(x, lo, hi, t, u) \
	VPSRLQ   $32, x, t; \
	VPMULUDQ lo, t, t; \
	VPMULUDQ hi, x, u; \
	VPADDQ   u, t, t; \
	VPSLLQ   $32, t, t; \
	VPMULUDQ lo, x, x; \
	VPADDQ   t, x, x

// MIX(x, t, u) sets x = splitmix(x), AVX2.
#define MIX(x, t, u) \
	VPSRLQ $30, x, t; \
	VPXOR  t, x, x; \
	MUL64(x, Y10, Y11, t, u); \
	VPSRLQ $27, x, t; \
	VPXOR  t, x, x; \
	MUL64(x, Y12, Y13, t, u); \
	VPSRLQ $31, x, t; \
	VPXOR  t, x, x

// UNI(x, one, half) replaces the bits in each lane of x by uniformOpen of
// them: (1 + m 2^-52) - (1 - 2^-53), as gumbel.go computes it.
#define UNI(x, one, half) \
	VPSRLQ $12, x, x; \
	VPOR   one, x, x; \
	VSUBPD half, x, x

// func splitmixAVX2(dst []float64, z *[8]uint64, step uint64, uniform bool)
// len(dst) is a multiple of 8; z holds the states of dst[0:8].
TEXT ·splitmixAVX2(SB), NOSPLIT, $0-41
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ z+24(FP), SI
	VMOVDQU      (SI), Y8
	VMOVDQU      32(SI), Y9
	VPBROADCASTQ step+32(FP), Y15
	VPBROADCASTQ smC1lo<>(SB), Y10
	VPBROADCASTQ smC1hi<>(SB), Y11
	VPBROADCASTQ smC2lo<>(SB), Y12
	VPBROADCASTQ smC2hi<>(SB), Y13
	VPBROADCASTQ smOne<>(SB), Y6
	VPBROADCASTQ smOneMinusHalfUlp<>(SB), Y7
	MOVBLZX uniform+40(FP), DX
	XORQ AX, AX

smloop:
	CMPQ    AX, CX
	JGE     smdone
	VMOVDQA Y8, Y0
	VMOVDQA Y9, Y3
	VPADDQ  Y15, Y8, Y8
	VPADDQ  Y15, Y9, Y9
	MIX(Y0, Y1, Y2)
	MIX(Y3, Y4, Y5)
	TESTQ   DX, DX
	JZ      smstore
	UNI(Y0, Y6, Y7)
	UNI(Y3, Y6, Y7)

smstore:
	VMOVDQU Y0, (DI)(AX*8)
	VMOVDQU Y3, 32(DI)(AX*8)
	ADDQ    $8, AX
	JMP     smloop

smdone:
	VZEROUPPER
	RET

// MIX512(x, t) sets x = splitmix(x), AVX-512 (VPMULLQ is AVX512DQ).
#define MIX512(x, t) \
	VPSRLQ  $30, x, t; \
	VPXORQ  t, x, x; \
	VPMULLQ Z10, x, x; \
	VPSRLQ  $27, x, t; \
	VPXORQ  t, x, x; \
	VPMULLQ Z11, x, x; \
	VPSRLQ  $31, x, t; \
	VPXORQ  t, x, x

// func splitmixAVX512(dst []float64, z *[16]uint64, step uint64, uniform bool)
// len(dst) is a multiple of 16; z holds the states of dst[0:16].
TEXT ·splitmixAVX512(SB), NOSPLIT, $0-41
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ z+24(FP), SI
	VMOVDQU64    (SI), Z8
	VMOVDQU64    64(SI), Z9
	VPBROADCASTQ step+32(FP), Z15
	VPBROADCASTQ smC1<>(SB), Z10
	VPBROADCASTQ smC2<>(SB), Z11
	VPBROADCASTQ smOne<>(SB), Z6
	VPBROADCASTQ smOneMinusHalfUlp<>(SB), Z7
	MOVBLZX uniform+40(FP), DX
	XORQ AX, AX

sm512loop:
	CMPQ      AX, CX
	JGE       sm512done
	VMOVDQA64 Z8, Z0
	VMOVDQA64 Z9, Z3
	VPADDQ    Z15, Z8, Z8
	VPADDQ    Z15, Z9, Z9
	MIX512(Z0, Z1)
	MIX512(Z3, Z4)
	TESTQ     DX, DX
	JZ        sm512store
	VPSRLQ    $12, Z0, Z0
	VPSRLQ    $12, Z3, Z3
	VPORQ     Z6, Z0, Z0
	VPORQ     Z6, Z3, Z3
	VSUBPD    Z7, Z0, Z0
	VSUBPD    Z7, Z3, Z3

sm512store:
	VMOVDQU64 Z0, (DI)(AX*8)
	VMOVDQU64 Z3, 64(DI)(AX*8)
	ADDQ      $16, AX
	JMP       sm512loop

sm512done:
	VZEROUPPER
	RET
