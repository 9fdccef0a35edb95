// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

#include "textflag.h"

// AVX2 versions of negLogGo and expSumGo (fastmath.go), four lanes at a
// time, with the same operations in the same order and no fused
// multiply-add, so that they give the same bits. Each constant is four
// copies of the float64 (or integer) of the same name in fastmath.go.

DATA logShift<>+0(SB)/8, $0x00095f6200000000
DATA logShift<>+8(SB)/8, $0x00095f6200000000
DATA logShift<>+16(SB)/8, $0x00095f6200000000
DATA logShift<>+24(SB)/8, $0x00095f6200000000
GLOBL logShift<>(SB), RODATA|NOPTR, $32
DATA exp52<>+0(SB)/8, $0x4330000000000000
DATA exp52<>+8(SB)/8, $0x4330000000000000
DATA exp52<>+16(SB)/8, $0x4330000000000000
DATA exp52<>+24(SB)/8, $0x4330000000000000
GLOBL exp52<>(SB), RODATA|NOPTR, $32
DATA two52<>+0(SB)/8, $0x4330000000000000
DATA two52<>+8(SB)/8, $0x4330000000000000
DATA two52<>+16(SB)/8, $0x4330000000000000
DATA two52<>+24(SB)/8, $0x4330000000000000
GLOBL two52<>(SB), RODATA|NOPTR, $32
DATA c1023f<>+0(SB)/8, $0x408ff80000000000
DATA c1023f<>+8(SB)/8, $0x408ff80000000000
DATA c1023f<>+16(SB)/8, $0x408ff80000000000
DATA c1023f<>+24(SB)/8, $0x408ff80000000000
GLOBL c1023f<>(SB), RODATA|NOPTR, $32
DATA fracMask<>+0(SB)/8, $0x000fffffffffffff
DATA fracMask<>+8(SB)/8, $0x000fffffffffffff
DATA fracMask<>+16(SB)/8, $0x000fffffffffffff
DATA fracMask<>+24(SB)/8, $0x000fffffffffffff
GLOBL fracMask<>(SB), RODATA|NOPTR, $32
DATA sqrtHalfHi<>+0(SB)/8, $0x3fe6a09e00000000
DATA sqrtHalfHi<>+8(SB)/8, $0x3fe6a09e00000000
DATA sqrtHalfHi<>+16(SB)/8, $0x3fe6a09e00000000
DATA sqrtHalfHi<>+24(SB)/8, $0x3fe6a09e00000000
GLOBL sqrtHalfHi<>(SB), RODATA|NOPTR, $32
DATA one<>+0(SB)/8, $0x3ff0000000000000
DATA one<>+8(SB)/8, $0x3ff0000000000000
DATA one<>+16(SB)/8, $0x3ff0000000000000
DATA one<>+24(SB)/8, $0x3ff0000000000000
GLOBL one<>(SB), RODATA|NOPTR, $32
DATA two<>+0(SB)/8, $0x4000000000000000
DATA two<>+8(SB)/8, $0x4000000000000000
DATA two<>+16(SB)/8, $0x4000000000000000
DATA two<>+24(SB)/8, $0x4000000000000000
GLOBL two<>(SB), RODATA|NOPTR, $32
DATA half<>+0(SB)/8, $0x3fe0000000000000
DATA half<>+8(SB)/8, $0x3fe0000000000000
DATA half<>+16(SB)/8, $0x3fe0000000000000
DATA half<>+24(SB)/8, $0x3fe0000000000000
GLOBL half<>(SB), RODATA|NOPTR, $32
DATA twoM53<>+0(SB)/8, $0x3ca0000000000000
DATA twoM53<>+8(SB)/8, $0x3ca0000000000000
DATA twoM53<>+16(SB)/8, $0x3ca0000000000000
DATA twoM53<>+24(SB)/8, $0x3ca0000000000000
GLOBL twoM53<>(SB), RODATA|NOPTR, $32
DATA lg1<>+0(SB)/8, $0x3fe5555555555593
DATA lg1<>+8(SB)/8, $0x3fe5555555555593
DATA lg1<>+16(SB)/8, $0x3fe5555555555593
DATA lg1<>+24(SB)/8, $0x3fe5555555555593
GLOBL lg1<>(SB), RODATA|NOPTR, $32
DATA lg2<>+0(SB)/8, $0x3fd999999997fa04
DATA lg2<>+8(SB)/8, $0x3fd999999997fa04
DATA lg2<>+16(SB)/8, $0x3fd999999997fa04
DATA lg2<>+24(SB)/8, $0x3fd999999997fa04
GLOBL lg2<>(SB), RODATA|NOPTR, $32
DATA lg3<>+0(SB)/8, $0x3fd2492494229359
DATA lg3<>+8(SB)/8, $0x3fd2492494229359
DATA lg3<>+16(SB)/8, $0x3fd2492494229359
DATA lg3<>+24(SB)/8, $0x3fd2492494229359
GLOBL lg3<>(SB), RODATA|NOPTR, $32
DATA lg4<>+0(SB)/8, $0x3fcc71c51d8e78af
DATA lg4<>+8(SB)/8, $0x3fcc71c51d8e78af
DATA lg4<>+16(SB)/8, $0x3fcc71c51d8e78af
DATA lg4<>+24(SB)/8, $0x3fcc71c51d8e78af
GLOBL lg4<>(SB), RODATA|NOPTR, $32
DATA lg5<>+0(SB)/8, $0x3fc7466496cb03de
DATA lg5<>+8(SB)/8, $0x3fc7466496cb03de
DATA lg5<>+16(SB)/8, $0x3fc7466496cb03de
DATA lg5<>+24(SB)/8, $0x3fc7466496cb03de
GLOBL lg5<>(SB), RODATA|NOPTR, $32
DATA lg6<>+0(SB)/8, $0x3fc39a09d078c69f
DATA lg6<>+8(SB)/8, $0x3fc39a09d078c69f
DATA lg6<>+16(SB)/8, $0x3fc39a09d078c69f
DATA lg6<>+24(SB)/8, $0x3fc39a09d078c69f
GLOBL lg6<>(SB), RODATA|NOPTR, $32
DATA lg7<>+0(SB)/8, $0x3fc2f112df3e5244
DATA lg7<>+8(SB)/8, $0x3fc2f112df3e5244
DATA lg7<>+16(SB)/8, $0x3fc2f112df3e5244
DATA lg7<>+24(SB)/8, $0x3fc2f112df3e5244
GLOBL lg7<>(SB), RODATA|NOPTR, $32
DATA ln2Hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA ln2Hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA ln2Hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA ln2Hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL ln2Hi<>(SB), RODATA|NOPTR, $32
DATA ln2Lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA ln2Lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA ln2Lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA ln2Lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL ln2Lo<>(SB), RODATA|NOPTR, $32
DATA negInf<>+0(SB)/8, $0xfff0000000000000
DATA negInf<>+8(SB)/8, $0xfff0000000000000
DATA negInf<>+16(SB)/8, $0xfff0000000000000
DATA negInf<>+24(SB)/8, $0xfff0000000000000
GLOBL negInf<>(SB), RODATA|NOPTR, $32
DATA posInf<>+0(SB)/8, $0x7ff0000000000000
DATA posInf<>+8(SB)/8, $0x7ff0000000000000
DATA posInf<>+16(SB)/8, $0x7ff0000000000000
DATA posInf<>+24(SB)/8, $0x7ff0000000000000
GLOBL posInf<>(SB), RODATA|NOPTR, $32
DATA signBit<>+0(SB)/8, $0x8000000000000000
DATA signBit<>+8(SB)/8, $0x8000000000000000
DATA signBit<>+16(SB)/8, $0x8000000000000000
DATA signBit<>+24(SB)/8, $0x8000000000000000
GLOBL signBit<>(SB), RODATA|NOPTR, $32
DATA expMin<>+0(SB)/8, $0xc087500000000000
DATA expMin<>+8(SB)/8, $0xc087500000000000
DATA expMin<>+16(SB)/8, $0xc087500000000000
DATA expMin<>+24(SB)/8, $0xc087500000000000
GLOBL expMin<>(SB), RODATA|NOPTR, $32
DATA expMax<>+0(SB)/8, $0x4086300000000000
DATA expMax<>+8(SB)/8, $0x4086300000000000
DATA expMax<>+16(SB)/8, $0x4086300000000000
DATA expMax<>+24(SB)/8, $0x4086300000000000
GLOBL expMax<>(SB), RODATA|NOPTR, $32
DATA log2e<>+0(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+8(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+16(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+24(SB)/8, $0x3ff71547652b82fe
GLOBL log2e<>(SB), RODATA|NOPTR, $32
DATA roundup<>+0(SB)/8, $0x4338000000000000
DATA roundup<>+8(SB)/8, $0x4338000000000000
DATA roundup<>+16(SB)/8, $0x4338000000000000
DATA roundup<>+24(SB)/8, $0x4338000000000000
GLOBL roundup<>(SB), RODATA|NOPTR, $32
DATA ep1<>+0(SB)/8, $0x3fc5555555555555
DATA ep1<>+8(SB)/8, $0x3fc5555555555555
DATA ep1<>+16(SB)/8, $0x3fc5555555555555
DATA ep1<>+24(SB)/8, $0x3fc5555555555555
GLOBL ep1<>(SB), RODATA|NOPTR, $32
DATA ep2<>+0(SB)/8, $0xbf66c16c16bebd93
DATA ep2<>+8(SB)/8, $0xbf66c16c16bebd93
DATA ep2<>+16(SB)/8, $0xbf66c16c16bebd93
DATA ep2<>+24(SB)/8, $0xbf66c16c16bebd93
GLOBL ep2<>(SB), RODATA|NOPTR, $32
DATA ep3<>+0(SB)/8, $0x3f11566aaf25de2c
DATA ep3<>+8(SB)/8, $0x3f11566aaf25de2c
DATA ep3<>+16(SB)/8, $0x3f11566aaf25de2c
DATA ep3<>+24(SB)/8, $0x3f11566aaf25de2c
GLOBL ep3<>(SB), RODATA|NOPTR, $32
DATA ep4<>+0(SB)/8, $0xbebbbd41c5d26bf1
DATA ep4<>+8(SB)/8, $0xbebbbd41c5d26bf1
DATA ep4<>+16(SB)/8, $0xbebbbd41c5d26bf1
DATA ep4<>+24(SB)/8, $0xbebbbd41c5d26bf1
GLOBL ep4<>(SB), RODATA|NOPTR, $32
DATA ep5<>+0(SB)/8, $0x3e66376972bea4d0
DATA ep5<>+8(SB)/8, $0x3e66376972bea4d0
DATA ep5<>+16(SB)/8, $0x3e66376972bea4d0
DATA ep5<>+24(SB)/8, $0x3e66376972bea4d0
GLOBL ep5<>(SB), RODATA|NOPTR, $32
DATA i2048<>+0(SB)/8, $0x0000000000000800
DATA i2048<>+8(SB)/8, $0x0000000000000800
DATA i2048<>+16(SB)/8, $0x0000000000000800
DATA i2048<>+24(SB)/8, $0x0000000000000800
GLOBL i2048<>(SB), RODATA|NOPTR, $32
DATA i1024<>+0(SB)/8, $0x0000000000000400
DATA i1024<>+8(SB)/8, $0x0000000000000400
DATA i1024<>+16(SB)/8, $0x0000000000000400
DATA i1024<>+24(SB)/8, $0x0000000000000400
GLOBL i1024<>(SB), RODATA|NOPTR, $32
DATA i1023<>+0(SB)/8, $0x00000000000003ff
DATA i1023<>+8(SB)/8, $0x00000000000003ff
DATA i1023<>+16(SB)/8, $0x00000000000003ff
DATA i1023<>+24(SB)/8, $0x00000000000003ff
GLOBL i1023<>(SB), RODATA|NOPTR, $32

// tailMask+32r selects the first r lanes.
DATA tailMask<>+0(SB)/8, $0x0000000000000000
DATA tailMask<>+8(SB)/8, $0x0000000000000000
DATA tailMask<>+16(SB)/8, $0x0000000000000000
DATA tailMask<>+24(SB)/8, $0x0000000000000000
DATA tailMask<>+32(SB)/8, $0xffffffffffffffff
DATA tailMask<>+40(SB)/8, $0x0000000000000000
DATA tailMask<>+48(SB)/8, $0x0000000000000000
DATA tailMask<>+56(SB)/8, $0x0000000000000000
DATA tailMask<>+64(SB)/8, $0xffffffffffffffff
DATA tailMask<>+72(SB)/8, $0xffffffffffffffff
DATA tailMask<>+80(SB)/8, $0x0000000000000000
DATA tailMask<>+88(SB)/8, $0x0000000000000000
DATA tailMask<>+96(SB)/8, $0xffffffffffffffff
DATA tailMask<>+104(SB)/8, $0xffffffffffffffff
DATA tailMask<>+112(SB)/8, $0xffffffffffffffff
DATA tailMask<>+120(SB)/8, $0x0000000000000000
GLOBL tailMask<>(SB), RODATA|NOPTR, $128

// NEGLOG_Y0 replaces the positive normal float64s in Y0 by -logNormal of
// them (fastmath.go), with the same operations in the same order; it uses
// Y4-Y11. ix = bits + (0x3ff0... - sqrtHalfHi), k = ix>>52 - 1023,
// f = frombits(ix&fracMask + sqrtHalfHi) - 1, then logKernel(f, k).
#define NEGLOG_Y0 \
	VPADDQ  logShift<>(SB), Y0, Y4; \
	VPSRLQ  $52, Y4, Y5; \
	VPOR    exp52<>(SB), Y5, Y5; \
	VSUBPD  two52<>(SB), Y5, Y5; \
	VSUBPD  c1023f<>(SB), Y5, Y5; \
	VPAND   fracMask<>(SB), Y4, Y4; \
	VPADDQ  sqrtHalfHi<>(SB), Y4, Y4; \
	VSUBPD  one<>(SB), Y4, Y4; \
	VADDPD  two<>(SB), Y4, Y6; \
	VDIVPD  Y6, Y4, Y6; \
	VMULPD  Y6, Y6, Y7; \
	VMULPD  Y7, Y7, Y8; \
	VMULPD  lg6<>(SB), Y8, Y9; \
	VADDPD  lg4<>(SB), Y9, Y9; \
	VMULPD  Y9, Y8, Y9; \
	VADDPD  lg2<>(SB), Y9, Y9; \
	VMULPD  Y9, Y8, Y9; \
	VMULPD  lg7<>(SB), Y8, Y10; \
	VADDPD  lg5<>(SB), Y10, Y10; \
	VMULPD  Y10, Y8, Y10; \
	VADDPD  lg3<>(SB), Y10, Y10; \
	VMULPD  Y10, Y8, Y10; \
	VADDPD  lg1<>(SB), Y10, Y10; \
	VMULPD  Y10, Y7, Y10; \
	VADDPD  Y9, Y10, Y9; \
	VMULPD  half<>(SB), Y4, Y10; \
	VMULPD  Y4, Y10, Y10; \
	VADDPD  Y9, Y10, Y9; \
	VMULPD  Y9, Y6, Y9; \
	VMULPD  ln2Lo<>(SB), Y5, Y11; \
	VADDPD  Y11, Y9, Y9; \
	VSUBPD  Y9, Y10, Y9; \
	VSUBPD  Y4, Y9, Y9; \
	VMULPD  ln2Hi<>(SB), Y5, Y11; \
	VSUBPD  Y9, Y11, Y9; \
	VXORPD  signBit<>(SB), Y9, Y0

// UNIFORM_Y0 replaces the 64 random bits in each lane of Y0 by
// uniformOpen of them: (bits>>12 + 1/2) 2^-52 = ((1 + m 2^-52) - 1) + 2^-53,
// every step exact.
#define UNIFORM_Y0 \
	VPSRLQ  $12, Y0, Y0; \
	VPOR    one<>(SB), Y0, Y0; \
	VSUBPD  one<>(SB), Y0, Y0; \
	VADDPD  twoM53<>(SB), Y0, Y0

// EXP_Y0 sets Y8 = fastExp((Y0 - Y14) * Y15), with Y12 = expMin and
// Y11 = expMax: x = k ln2 + r (k rounded to nearest), y = 1 + 2r/(2-c) as
// e_exp.c, y*2^k1*2^k2 with k1 = (k+2048)>>1 - 1024, k2 = k - k1. It uses
// Y0-Y9.
#define EXP_Y0 \
	VSUBPD  Y14, Y0, Y0; \
	VMULPD  Y15, Y0, Y0; \
	VMAXPD  Y0, Y12, Y0; \
	VMINPD  Y0, Y11, Y0; \
	VMULPD  log2e<>(SB), Y0, Y1; \
	VADDPD  roundup<>(SB), Y1, Y1; \
	VPSUBQ  roundup<>(SB), Y1, Y2; \
	VSUBPD  roundup<>(SB), Y1, Y1; \
	VMULPD  ln2Hi<>(SB), Y1, Y3; \
	VSUBPD  Y3, Y0, Y3; \
	VMULPD  ln2Lo<>(SB), Y1, Y4; \
	VSUBPD  Y4, Y3, Y5; \
	VMULPD  Y5, Y5, Y6; \
	VMULPD  ep5<>(SB), Y6, Y7; \
	VADDPD  ep4<>(SB), Y7, Y7; \
	VMULPD  Y7, Y6, Y7; \
	VADDPD  ep3<>(SB), Y7, Y7; \
	VMULPD  Y7, Y6, Y7; \
	VADDPD  ep2<>(SB), Y7, Y7; \
	VMULPD  Y7, Y6, Y7; \
	VADDPD  ep1<>(SB), Y7, Y7; \
	VMULPD  Y7, Y6, Y7; \
	VSUBPD  Y7, Y5, Y7; \
	VMULPD  Y7, Y5, Y8; \
	VMOVUPD two<>(SB), Y9; \
	VSUBPD  Y7, Y9, Y9; \
	VDIVPD  Y9, Y8, Y8; \
	VSUBPD  Y8, Y4, Y8; \
	VSUBPD  Y3, Y8, Y8; \
	VMOVUPD one<>(SB), Y9; \
	VSUBPD  Y8, Y9, Y8; \
	VPADDQ  i2048<>(SB), Y2, Y3; \
	VPSRLQ  $1, Y3, Y3; \
	VPSUBQ  i1024<>(SB), Y3, Y3; \
	VPSUBQ  Y3, Y2, Y4; \
	VPADDQ  i1023<>(SB), Y3, Y3; \
	VPSLLQ  $52, Y3, Y3; \
	VPADDQ  i1023<>(SB), Y4, Y4; \
	VPSLLQ  $52, Y4, Y4; \
	VMULPD  Y3, Y8, Y8; \
	VMULPD  Y4, Y8, Y8

// func gumbelsAVX2(dst []float64)
// dst[i] = gumbelFromBits(bits of dst[i]): the uniform, then -log twice with
// logNormal's operations (no special case can occur: see gumbelsGo). The
// last len%4 elements are computed with masked loads and stores.
TEXT ·gumbelsAVX2(SB), NOSPLIT, $0-24
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ CX, BX
	ANDQ $-4, BX
	XORQ AX, AX

gumbelloop:
	CMPQ AX, BX
	JGE  gumbeltail
	VMOVUPD (DI)(AX*8), Y0
	UNIFORM_Y0
	NEGLOG_Y0                             // E = -log U
	NEGLOG_Y0                             // G = -log E
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     gumbelloop

gumbeltail:
	SUBQ BX, CX
	JZ   gumbeldone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y15
	VMASKMOVPD (DI)(AX*8), Y15, Y0
	UNIFORM_Y0
	NEGLOG_Y0                             // E = -log U
	NEGLOG_Y0                             // G = -log E
	VMASKMOVPD Y0, Y15, (DI)(AX*8)

gumbeldone:
	VZEROUPPER
	RET

// func expSumAVX2(dst, x []float64, shift, scale float64, p *[4]float64)
// dst[i] = fastExp((x[i]-shift)*scale), p[j] = sum of the dst[i] with
// i%4 == j, added in order; len(dst) == len(x). The last len%4 elements are
// computed with masked loads and stores, and the masked-off lanes add 0.
TEXT ·expSumAVX2(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ p+64(FP), DX
	VBROADCASTSD shift+48(FP), Y14
	VBROADCASTSD scale+56(FP), Y15
	VXORPD  Y13, Y13, Y13                 // the partial sums
	VMOVUPD expMin<>(SB), Y12
	VMOVUPD expMax<>(SB), Y11
	MOVQ CX, BX
	ANDQ $-4, BX
	XORQ AX, AX

exploop:
	CMPQ AX, BX
	JGE  exptail
	VMOVUPD (SI)(AX*8), Y0
	EXP_Y0

	VMOVUPD Y8, (DI)(AX*8)
	VADDPD  Y8, Y13, Y13
	ADDQ    $4, AX
	JMP     exploop

exptail:
	SUBQ BX, CX
	JZ   expdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y10
	VMASKMOVPD (SI)(AX*8), Y10, Y0
	EXP_Y0

	VANDPD     Y10, Y8, Y8
	VMASKMOVPD Y8, Y10, (DI)(AX*8)
	VADDPD     Y8, Y13, Y13

expdone:
	VMOVUPD Y13, (DX)
	VZEROUPPER
	RET

// func perturbAVX2(dst, l, g []float64) (max float64, bad bool)
// dst[i] = l[i] + g[i]; max is the largest dst[i] (-Inf if none is larger);
// bad reports a NaN or +Inf in l. len(dst) == len(l) == len(g). The last
// len%4 elements are computed with masked loads and stores, the masked-off
// lanes counting as -Inf.
TEXT ·perturbAVX2(SB), NOSPLIT, $0-81
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	VMOVUPD negInf<>(SB), Y4              // running max
	VXORPD  Y5, Y5, Y5                    // running bad mask
	VMOVUPD posInf<>(SB), Y6
	MOVQ CX, BX
	ANDQ $-4, BX
	XORQ AX, AX

perturbloop:
	CMPQ AX, BX
	JGE  perturbtail
	VMOVUPD (SI)(AX*8), Y0
	VADDPD  (DX)(AX*8), Y0, Y1
	VMOVUPD Y1, (DI)(AX*8)
	VMAXPD  Y4, Y1, Y4
	VCMPPD  $3, Y0, Y0, Y2                // NaN
	VCMPPD  $0, Y6, Y0, Y3                // +Inf
	VORPD   Y2, Y5, Y5
	VORPD   Y3, Y5, Y5
	ADDQ    $4, AX
	JMP     perturbloop

perturbtail:
	SUBQ BX, CX
	JZ   perturbdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y7
	VMASKMOVPD (SI)(AX*8), Y7, Y0
	VMASKMOVPD (DX)(AX*8), Y7, Y1
	VADDPD     Y1, Y0, Y1
	VMASKMOVPD Y1, Y7, (DI)(AX*8)
	VBLENDVPD  Y7, Y1, Y4, Y1             // masked-off lanes: the running max
	VMAXPD     Y4, Y1, Y4
	VCMPPD     $3, Y0, Y0, Y2
	VCMPPD     $0, Y6, Y0, Y3
	VORPD      Y2, Y5, Y5
	VORPD      Y3, Y5, Y5

perturbdone:
	VEXTRACTF128 $1, Y4, X0
	VMAXPD       X0, X4, X0
	VPERMILPD    $1, X0, X1
	VMAXSD       X1, X0, X0
	MOVSD        X0, max+72(FP)
	VMOVMSKPD    Y5, AX
	TESTQ        AX, AX
	SETNE        bad+80(FP)
	VZEROUPPER
	RET

// func vjpAVX2(dst, y, g []float64, inv float64)
// dot = <y, g> in four partial sums (lane j adds y[i]*g[i] for i%4 == j, in
// order; then (p0+p1)+(p2+p3)); dst[i] = (y[i]*(g[i]-dot))*inv.
// len(dst) == len(y) == len(g); dst may be g.
TEXT ·vjpAVX2(SB), NOSPLIT, $0-80
	MOVQ dst_base+0(FP), DI
	MOVQ y_base+24(FP), SI
	MOVQ y_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	VBROADCASTSD inv+72(FP), Y8
	VXORPD Y2, Y2, Y2
	MOVQ CX, BX
	ANDQ $-4, BX
	SUBQ BX, CX                           // CX = len%4
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD (R8)(CX*1), Y9                // the tail mask
	XORQ AX, AX

dotloop:
	CMPQ AX, BX
	JGE  dottail
	VMOVUPD (SI)(AX*8), Y0
	VMULPD  (DX)(AX*8), Y0, Y0
	VADDPD  Y0, Y2, Y2
	ADDQ    $4, AX
	JMP     dotloop

dottail:
	TESTQ CX, CX
	JZ    dotdone
	VMASKMOVPD (SI)(AX*8), Y9, Y0
	VMASKMOVPD (DX)(AX*8), Y9, Y1
	VMULPD     Y1, Y0, Y0
	VADDPD     Y0, Y2, Y2

dotdone:
	VEXTRACTF128 $1, Y2, X3
	VHADDPD      X3, X2, X4               // [p0+p1, p2+p3]
	VPERMILPD    $1, X4, X5
	VADDSD       X5, X4, X6               // (p0+p1) + (p2+p3)
	VBROADCASTSD X6, Y7
	XORQ AX, AX

scaleloop:
	CMPQ AX, BX
	JGE  scaletail
	VMOVUPD (DX)(AX*8), Y0
	VSUBPD  Y7, Y0, Y0
	VMULPD  (SI)(AX*8), Y0, Y0
	VMULPD  Y8, Y0, Y0
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     scaleloop

scaletail:
	TESTQ CX, CX
	JZ    vjpdone
	VMASKMOVPD (DX)(AX*8), Y9, Y0
	VMASKMOVPD (SI)(AX*8), Y9, Y1
	VSUBPD     Y7, Y0, Y0
	VMULPD     Y1, Y0, Y0
	VMULPD     Y8, Y0, Y0
	VMASKMOVPD Y0, Y9, (DI)(AX*8)

vjpdone:
	VZEROUPPER
	RET
