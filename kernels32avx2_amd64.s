// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

#include "textflag.h"
#include "log32tab_amd64.h"

// The float32 soft-sample kernels (soft32.go) and the float32 maximum
// (maxF32Go) on eight lanes with AVX2 and FMA, for CPUs without AVX-512:
// every operation the one the pure-Go twin performs, rounded once (each
// VFMADD/VFNMADD is a fma32 there), so that they give the same bits as the
// twins and as the AVX-512 kernels of kernels32_amd64.s. The float64 sums
// keep the sixteen lanes of the twins (element i in lane i%16): lanes 0-3,
// 4-7, 8-11 and 12-15 in Y12, Y13, Y14 and Y15, an even block of eight
// elements going to Y12/Y13 and an odd one to Y14/Y15, reduced as reduce16.
// The last len%16 (or len%8) elements go through VMASKMOVPS/VMASKMOVPD
// with the first r lanes selected, so nothing is read or written out of
// bounds. Only VEX-encoded instructions: no SSE/AVX transition.

// A32C(name, v) defines name<> as eight float32 (or int32) lanes of v.
#define A32C(name, v) \
	DATA name<>+0(SB)/4, v; \
	DATA name<>+4(SB)/4, v; \
	DATA name<>+8(SB)/4, v; \
	DATA name<>+12(SB)/4, v; \
	DATA name<>+16(SB)/4, v; \
	DATA name<>+20(SB)/4, v; \
	DATA name<>+24(SB)/4, v; \
	DATA name<>+28(SB)/4, v; \
	GLOBL name<>(SB), RODATA|NOPTR, $32

// A32Q(name, v) defines name<> as four uint64 lanes of v.
#define A32Q(name, v) \
	DATA name<>+0(SB)/8, v; \
	DATA name<>+8(SB)/8, v; \
	DATA name<>+16(SB)/8, v; \
	DATA name<>+24(SB)/8, v; \
	GLOBL name<>(SB), RODATA|NOPTR, $32

// Cephes expf (ef0-ef5), as in soft32.go.
A32C(a32ln2Lo, $0xb95e8083)
A32C(a32ln2Hi, $0x3f318000)
A32C(a32one, $0x3f800000)
A32C(a32ef0, $0x39506967)
A32C(a32ef1, $0x3ab743ce)
A32C(a32ef2, $0x3c088908)
A32C(a32ef3, $0x3d2aa9c1)
A32C(a32ef4, $0x3e2aaaaa)
A32C(a32ef5, $0x3f000000)
A32C(a32expMin, $0xc2aeac4f)
A32C(a32log2e, $0x3fb8aa3b)
A32C(a32round, $0x4b400000)
A32C(a32two53m, $0x25000000)
A32C(a32logShift, $0x004afb0d)
A32C(a32c127, $127)
A32C(a32mant, $0x007fffff)
A32C(a32sqrtHalf, $0x3f3504f3)
A32C(a32sign, $0x80000000)
A32C(a32negInf, $0xff800000)
// 2^52 as a float64, and its bits with the low bit set (OR q in: 2^52 + q).
A32Q(a32two52, $0x4330000000000000)
A32Q(a32two52or1, $0x4330000000000001)
A32Q(a32one64, $0x3ff0000000000000)

// a32tail+4(8-r) selects the first r of eight lanes (r = 1..8).
DATA a32tail<>+0(SB)/8, $0xffffffffffffffff
DATA a32tail<>+8(SB)/8, $0xffffffffffffffff
DATA a32tail<>+16(SB)/8, $0xffffffffffffffff
DATA a32tail<>+24(SB)/8, $0xffffffffffffffff
DATA a32tail<>+32(SB)/8, $0
DATA a32tail<>+40(SB)/8, $0
DATA a32tail<>+48(SB)/8, $0
DATA a32tail<>+56(SB)/8, $0
GLOBL a32tail<>(SB), RODATA|NOPTR, $64

// TAILMASK8(rem, mask): mask selects the first min(rem, 8) of eight float32
// lanes (rem >= 1); R9 and R10 are clobbered.
#define TAILMASK8(rem, mask) \
	MOVQ    $8, R9; \
	SUBQ    rem, R9; \
	XORQ    R10, R10; \
	CMPQ    R9, R10; \
	CMOVQLT R10, R9; \
	LEAQ    a32tail<>(SB), R10; \
	VMOVDQU (R10)(R9*4), mask

// QMASKS(mask, xmask, q0, q1, xq1): q0 and q1 are the float64 masks of the
// first and last four lanes of the float32 mask.
#define QMASKS(mask, xmask, q0, q1, xq1) \
	VPMOVSXDQ    xmask, q0; \
	VEXTRACTI128 $1, mask, xq1; \
	VPMOVSXDQ    xq1, q1

// LOG32(x, out, e, z): out = log32(x) for eight positive normal float32 in
// x (log32L in soft32.go, step for step); x is clobbered (it becomes u), e
// and z are scratch. c_j and T_j are looked up by VPERMPS from the first
// eight entries of log32inv<> and log32tab<> (log32tab_amd64.h).
#define LOG32(x, out, e, z) \
	VPADDD       a32logShift<>(SB), x, x; \
	VPSRLD       $23, x, e; \
	VPSUBD       a32c127<>(SB), e, e; \
	VCVTDQ2PS    e, e; \
	VPSRLD       $20, x, z; \
	VPAND        a32mant<>(SB), x, x; \
	VPADDD       a32sqrtHalf<>(SB), x, x; \
	VPERMPS      log32inv<>(SB), z, out; \
	VFMSUB213PS  a32one<>(SB), out, x; \
	VPERMPS      log32tab<>(SB), z, z; \
	VMOVUPS      log32c4<>(SB), out; \
	VFMADD213PS  log32c3<>(SB), x, out; \
	VFMADD213PS  log32c2<>(SB), x, out; \
	VFMADD213PS  log32c1<>(SB), x, out; \
	VFMADD213PS  log32c0<>(SB), x, out; \
	VMULPS       x, out, out; \
	VFMADD213PS  x, x, out; \
	VFMADD231PS  a32ln2Lo<>(SB), e, out; \
	VADDPS       z, out, out; \
	VFMADD231PS  a32ln2Hi<>(SB), e, out

// WARG(lo, hi, xlo, xhi, a, b, c) turns the eight source values in lo (the
// first four) and hi (the next four) into the argument of the first
// logarithm, W or t = 1 - W, in a, and the correction c (1 + W) (0 in the
// lower half) in c (exp32FromL, step for step). xlo and xhi name lo and hi's
// lower halves; lo, hi and b are clobbered.
//
// With s the 64-bit upper-half mask (x >= 2^63), q = ((x ^ s) >> 11) | 1 is
// q = 2m + 1 in the lower half and 2^53 - (2m + 1) in the upper half
// (m = x >> 12; ^x >> 12 = 2^52 - 1 - m there), below 2^52 in both: OR'd
// into the bits of 2^52 it gives the float64 2^52 + q, so 2^52 subtracted
// is q exactly, and VCVTPD2PS rounds it once to float32 as float32(q) does.
#define WARG(lo, hi, xlo, xhi, a, b, c) \
	VPXOR       a, a, a; \
	VPCMPGTQ    lo, a, b; \
	VPCMPGTQ    hi, a, c; \
	VPXOR       b, lo, lo; \
	VPXOR       c, hi, hi; \
	VPSRLQ      $11, lo, lo; \
	VPSRLQ      $11, hi, hi; \
	VPOR        a32two52or1<>(SB), lo, lo; \
	VPOR        a32two52or1<>(SB), hi, hi; \
	VSUBPD      a32two52<>(SB), lo, lo; \
	VSUBPD      a32two52<>(SB), hi, hi; \
	VCVTPD2PSY  lo, xlo; \
	VCVTPD2PSY  hi, xhi; \
	VINSERTF128 $1, xhi, lo, lo; \
	VMULPS      a32two53m<>(SB), lo, lo; \
	VSHUFPS     $0x88, c, b, b; \
	VPERMQ      $0xd8, b, b; \
	VMOVUPS     a32one<>(SB), hi; \
	VSUBPS      lo, hi, hi; \
	VMOVUPS     a32one<>(SB), c; \
	VSUBPS      hi, c, c; \
	VSUBPS      lo, c, c; \
	VADDPS      a32one<>(SB), lo, a; \
	VMULPS      a, c, c; \
	VANDPS      b, c, c; \
	VBLENDVPS   b, hi, lo, a

// EXPE(lo, hi, xlo, xhi, a, b, c): lo = E, the float32 exponential of the
// eight source values in lo and hi (exp32FromL); hi, a, b and c are
// clobbered.
#define EXPE(lo, hi, xlo, xhi, a, b, c) \
	WARG(lo, hi, xlo, xhi, a, b, c); \
	LOG32(a, lo, hi, b); \
	VADDPS c, lo, lo; \
	VXORPS a32sign<>(SB), lo, lo

// EXP8(x, y, n, z, k): y = exp32(x) for eight float32 in x (NaN: NaN), 0
// below expMin32 (exp32 in soft32.go, step for step): k keeps the lanes not
// below expMin32 (NaN included). x is clobbered (it becomes r); n, z and k
// are scratch.
#define EXP8(x, y, n, z, k) \
	VCMPPS       $5, a32expMin<>(SB), x, k; \
	VMOVUPS      a32log2e<>(SB), n; \
	VFMADD213PS  a32round<>(SB), x, n; \
	VSUBPS       a32round<>(SB), n, n; \
	VFNMADD231PS a32ln2Hi<>(SB), n, x; \
	VFNMADD231PS a32ln2Lo<>(SB), n, x; \
	VMOVUPS      a32ef0<>(SB), y; \
	VFMADD213PS  a32ef1<>(SB), x, y; \
	VFMADD213PS  a32ef2<>(SB), x, y; \
	VFMADD213PS  a32ef3<>(SB), x, y; \
	VFMADD213PS  a32ef4<>(SB), x, y; \
	VFMADD213PS  a32ef5<>(SB), x, y; \
	VMULPS       x, x, z; \
	VFMADD213PS  x, z, y; \
	VADDPS       a32one<>(SB), y, y; \
	VCVTTPS2DQ   n, n; \
	VPADDD       a32c127<>(SB), n, n; \
	VPSLLD       $23, n, n; \
	VMULPS       n, y, y; \
	VANDPS       k, y, y

// ACC8(y, xy, t, acc0, acc1): adds the eight float32 in y, as float64, to
// the lane sums acc0 (the first four) and acc1 (the next four); y is
// clobbered, t is scratch.
#define ACC8(y, xy, t, acc0, acc1) \
	VCVTPS2PD    xy, t; \
	VEXTRACTF128 $1, y, xy; \
	VCVTPS2PD    xy, y; \
	VADDPD       t, acc0, acc0; \
	VADDPD       y, acc1, acc1

// REDUCE16(ret): ret = reduce16 of the lane sums in Y12-Y15: the upper eight
// lanes onto the lower eight, then halves of four, two and one.
#define REDUCE16(ret) \
	VADDPD       Y14, Y12, Y12; \
	VADDPD       Y15, Y13, Y13; \
	VADDPD       Y13, Y12, Y12; \
	VEXTRACTF128 $1, Y12, X13; \
	VADDPD       X13, X12, X12; \
	VPERMILPD    $1, X12, X13; \
	VADDSD       X13, X12, X12; \
	VMOVSD       X12, ret

// MAXLANES(a, b, xa, xb): xa's first lane = the largest of the sixteen
// float32 in a and b (no NaN there); b is clobbered. The sign of a zero
// maximum is not the twins' (the callers fix it).
#define MAXLANES(a, b, xa, xb) \
	VMAXPS       b, a, a; \
	VEXTRACTF128 $1, a, xb; \
	VMAXPS       xb, xa, xa; \
	VPERMILPS    $0x4e, xa, xb; \
	VMAXPS       xb, xa, xa; \
	VPERMILPS    $0xb1, xa, xb; \
	VMAXPS       xb, xa, xa

// func gumbel32AVX2(dst []float32, bits []float64)
// dst[i] = the float32 Gumbel -log32(exp32FromL(bits of bits[i])), as
// gumbel32Go. Sixteen values an iteration in two independent streams (A in
// Y0-Y4, B in Y5-Y9) so that the logarithms' dependent chains overlap; the
// last len%16 as one or two masked blocks of eight.
TEXT ·gumbel32AVX2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ bits_base+24(FP), SI
	MOVQ bits_len+32(FP), CX
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

g32aloop:
	CMPQ    AX, BX
	JGE     g32arest
	VMOVDQU (SI)(AX*8), Y0
	VMOVDQU 32(SI)(AX*8), Y1
	VMOVDQU 64(SI)(AX*8), Y5
	VMOVDQU 96(SI)(AX*8), Y6
	WARG(Y0, Y1, X0, X1, Y2, Y3, Y4)
	WARG(Y5, Y6, X5, X6, Y7, Y8, Y9)
	LOG32(Y2, Y0, Y1, Y3)
	LOG32(Y7, Y5, Y6, Y8)
	VADDPS  Y4, Y0, Y0
	VADDPS  Y9, Y5, Y5
	VXORPS  a32sign<>(SB), Y0, Y0   // E
	VXORPS  a32sign<>(SB), Y5, Y5
	LOG32(Y0, Y2, Y1, Y3)
	LOG32(Y5, Y7, Y6, Y8)
	VXORPS  a32sign<>(SB), Y2, Y2   // G = -log E
	VXORPS  a32sign<>(SB), Y7, Y7
	VMOVUPS Y2, (DI)(AX*4)
	VMOVUPS Y7, 32(DI)(AX*4)
	ADDQ    $16, AX
	JMP     g32aloop

g32arest:
	MOVQ CX, R8
	SUBQ AX, R8
	JLE  g32adone

g32ablock:
	TAILMASK8(R8, Y10)
	QMASKS(Y10, X10, Y11, Y12, X12)
	VMASKMOVPD (SI)(AX*8), Y11, Y0
	VMASKMOVPD 32(SI)(AX*8), Y12, Y1
	EXPE(Y0, Y1, X0, X1, Y2, Y3, Y4)
	LOG32(Y0, Y2, Y1, Y3)
	VXORPS     a32sign<>(SB), Y2, Y2
	VMASKMOVPS Y2, Y10, (DI)(AX*4)
	ADDQ       $8, AX
	SUBQ       $8, R8
	JG         g32ablock

g32adone:
	VZEROUPPER
	RET

// func addMax32AVX2(s, l, g []float32, c float32) float32
// s[i] = (l[i] - c) + g[i] and the largest s[i] (-Inf if none is larger),
// as addMax32Go: lane maxima that keep the earlier value on a tie or a NaN
// (VMAXPS with the running maximum second), a zero maximum as +0.
TEXT ·addMax32AVX2(SB), NOSPLIT, $0-84
	MOVQ s_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	VBROADCASTSS c+72(FP), Y1
	VMOVUPS a32negInf<>(SB), Y2
	VMOVAPS Y2, Y3
	VMOVAPS Y2, Y6
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

am32aloop:
	CMPQ    AX, BX
	JGE     am32arest
	VMOVUPS (SI)(AX*4), Y4
	VMOVUPS 32(SI)(AX*4), Y5
	VSUBPS  Y1, Y4, Y4
	VSUBPS  Y1, Y5, Y5
	VADDPS  (DX)(AX*4), Y4, Y4
	VADDPS  32(DX)(AX*4), Y5, Y5
	VMOVUPS Y4, (DI)(AX*4)
	VMOVUPS Y5, 32(DI)(AX*4)
	VMAXPS  Y2, Y4, Y2
	VMAXPS  Y3, Y5, Y3
	ADDQ    $16, AX
	JMP     am32aloop

am32arest:
	MOVQ CX, R8
	SUBQ AX, R8
	JLE  am32adone

am32ablock:
	TAILMASK8(R8, Y7)
	VMASKMOVPS (SI)(AX*4), Y7, Y4
	VMASKMOVPS (DX)(AX*4), Y7, Y5
	VSUBPS     Y1, Y4, Y4
	VADDPS     Y5, Y4, Y4
	VMASKMOVPS Y4, Y7, (DI)(AX*4)
	VBLENDVPS  Y7, Y4, Y6, Y4       // -Inf outside the tail
	VMAXPS     Y2, Y4, Y2
	ADDQ       $8, AX
	SUBQ       $8, R8
	JG         am32ablock

am32adone:
	MAXLANES(Y2, Y3, X2, X3)
	VMOVD X2, R8
	MOVL    R8, R9                        // a zero maximum as +0
	ANDL    $0x7fffffff, R9
	CMOVLEQ R9, R8

am32astore:
	MOVL R8, ret+80(FP)
	VZEROUPPER
	RET

// TAILSUM(acc0, acc1): adds the first min(R8, 8) values at (DI)(AX*4),
// a tail block stored before the main loop, to the lane sums acc0 and acc1.
#define TAILSUM(acc0, acc1) \
	TAILMASK8(R8, Y7); \
	VMASKMOVPS (DI)(AX*4), Y7, Y3; \
	ACC8(Y3, X3, Y4, acc0, acc1)

// ESBLOCK: the masked block of the first min(R8, 8) elements at AX,
// stored (TAILSUM adds it after the main loop).
#define ESBLOCK \
	TAILMASK8(R8, Y7); \
	VMASKMOVPS (SI)(AX*4), Y7, Y2; \
	VSUBPS     Y0, Y2, Y2; \
	VMULPS     Y1, Y2, Y2; \
	EXP8(Y2, Y3, Y4, Y5, Y6); \
	VANDPS     Y7, Y3, Y3; \
	VMASKMOVPS Y3, Y7, (DI)(AX*4)

// func softExp32AVX2(dst, s []float32, m, inv float32) float64
// dst[i] = exp32((s[i] - m) * inv) and their sum in float64, element i in
// lane i%16 (Y12-Y15), reduced as reduce16: softExp32Go. Sixteen an
// iteration in two streams (A in Y2-Y6, B in Y7-Y11); the last len%16 as
// masked blocks of eight, computed before the main loop and added after it.
TEXT ·softExp32AVX2(SB), NOSPLIT, $0-64
	MOVQ dst_base+0(FP), DI
	MOVQ s_base+24(FP), SI
	MOVQ s_len+32(FP), CX
	VBROADCASTSS m+48(FP), Y0
	VBROADCASTSS inv+52(FP), Y1
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VXORPD Y15, Y15, Y15
	MOVQ CX, BX
	ANDQ $-16, BX
	MOVQ   BX, AX

	// The last len%16 first, stored but not yet added (as in the
	// AVX-512 kernel): their chain overlaps the main loop's.
	MOVQ CX, R8
	SUBQ AX, R8
	JLE  es32amain
	ESBLOCK
	ADDQ $8, AX
	SUBQ $8, R8
	JLE  es32amain
	ESBLOCK

es32amain:
	XORQ AX, AX

es32aloop:
	CMPQ    AX, BX
	JGE     es32asum
	VMOVUPS (SI)(AX*4), Y2
	VMOVUPS 32(SI)(AX*4), Y7
	VSUBPS  Y0, Y2, Y2
	VSUBPS  Y0, Y7, Y7
	VMULPS  Y1, Y2, Y2
	VMULPS  Y1, Y7, Y7
	EXP8(Y2, Y3, Y4, Y5, Y6)
	EXP8(Y7, Y8, Y9, Y10, Y11)
	VMOVUPS Y3, (DI)(AX*4)
	VMOVUPS Y8, 32(DI)(AX*4)
	ACC8(Y3, X3, Y4, Y12, Y13)
	ACC8(Y8, X8, Y9, Y14, Y15)
	ADDQ    $16, AX
	JMP     es32aloop

es32asum:
	MOVQ CX, R8
	SUBQ AX, R8
	JLE  es32adone
	TAILSUM(Y12, Y13)
	ADDQ $8, AX
	SUBQ $8, R8
	JLE  es32adone
	TAILSUM(Y14, Y15)

es32adone:
	REDUCE16(ret+56(FP))
	VZEROUPPER
	RET

// SCALE32A multiplies the CX float32 at DI by Y1: scale32Go, sixteen an
// iteration, the last len%16 as masked blocks of eight.
#define SCALE32A \
	MOVQ CX, BX; \
	ANDQ $-16, BX; \
	XORQ AX, AX; \
sc32aloop: \
	CMPQ    AX, BX; \
	JGE     sc32arest; \
	VMULPS  (DI)(AX*4), Y1, Y0; \
	VMULPS  32(DI)(AX*4), Y1, Y2; \
	VMOVUPS Y0, (DI)(AX*4); \
	VMOVUPS Y2, 32(DI)(AX*4); \
	ADDQ    $16, AX; \
	JMP     sc32aloop; \
sc32arest: \
	MOVQ CX, R8; \
	SUBQ AX, R8; \
	JLE  sc32adone; \
sc32ablock: \
	TAILMASK8(R8, Y3); \
	VMASKMOVPS (DI)(AX*4), Y3, Y0; \
	VMULPS     Y1, Y0, Y0; \
	VMASKMOVPS Y0, Y3, (DI)(AX*4); \
	ADDQ       $8, AX; \
	SUBQ       $8, R8; \
	JG         sc32ablock; \
sc32adone:

// func scale32AVX2(dst []float32, c float32)
// dst[i] *= c: scale32Go, sixteen an iteration, the last len%16 as masked
// blocks of eight.
TEXT ·scale32AVX2(SB), NOSPLIT, $0-28
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	VBROADCASTSS c+24(FP), Y1
	SCALE32A
	VZEROUPPER
	RET

// func race32AVX2(dst, l []float32, bits []float64, c, nf float32, n int) (sum float64, flushed bool)
// dst[i] = exp32((l[i] - c) nf) / E_i^n with E_i the exponential of the
// source value bits[i]: race32Go. The float64 sum in sixteen lanes
// (Y12-Y15) reduced as reduce16; flushed if x < expMin32 for a logit above
// -Inf. Sixteen an iteration in two streams (A in Y0-Y5, B in Y6-Y11); the
// last len%16 as masked blocks of eight in stream A, the mask in Y6 and
// Y7-Y8, computed before the main loop and added after it. c and nf are broadcast in the frame, the flush flags gathered in
// R12.
TEXT ·race32AVX2(SB), NOSPLIT, $64-97
// RBLOCK: the race of the masked block of the first min(R8, 8) elements
// at AX, stored (TAILSUM adds it after the main loop).
#define RBLOCK \
	TAILMASK8(R8, Y6); \
	QMASKS(Y6, X6, Y7, Y8, X8); \
	VMASKMOVPD (DX)(AX*8), Y7, Y0; \
	VMASKMOVPD 32(DX)(AX*8), Y8, Y1; \
	EXPE(Y0, Y1, X0, X1, Y2, Y3, Y4); \
	CMPQ       R11, $2; \
	JNE        2(PC); \
	VMULPS     Y0, Y0, Y0; \
	VMASKMOVPS (SI)(AX*4), Y6, Y2; \
	VSUBPS     0(SP), Y2, Y1; \
	VMULPS     32(SP), Y1, Y1; \
	VCMPPS     $1, a32expMin<>(SB), Y1, Y3; \
	VCMPPS     $14, a32negInf<>(SB), Y2, Y4; \
	VANDPS     Y4, Y3, Y3; \
	VANDPS     Y6, Y3, Y3; \
	VMOVMSKPS  Y3, R13; \
	ORL        R13, R12; \
	EXP8(Y1, Y2, Y3, Y4, Y5); \
	VDIVPS     Y0, Y2, Y2; \
	VANDPS     Y6, Y2, Y2; \
	VMASKMOVPS Y2, Y6, (DI)(AX*4)

// RACE32A is the race of race32AVX2 on the CX values at DI (dst), SI (l)
// and DX (bits), c and nf broadcast at 0(SP) and 32(SP), n in R11: the
// weights stored, the float64 lane sums in Y12-Y15, the flush flags in R12.
#define RACE32A \
	VXORPD Y12, Y12, Y12; \
	VXORPD Y13, Y13, Y13; \
	VXORPD Y14, Y14, Y14; \
	VXORPD Y15, Y15, Y15; \
	XORL   R12, R12; \
	MOVQ   CX, BX; \
	ANDQ   $-16, BX; \
	MOVQ   BX, AX; \
	MOVQ CX, R8; \
	SUBQ AX, R8; \
	JLE  r32amain; \
	RBLOCK; \
	ADDQ $8, AX; \
	SUBQ $8, R8; \
	JLE  r32amain; \
	RBLOCK; \
r32amain: \
	XORQ AX, AX; \
r32aloop: \
	CMPQ    AX, BX; \
	JGE     r32asum; \
	VMOVDQU (DX)(AX*8), Y0; \
	VMOVDQU 32(DX)(AX*8), Y1; \
	VMOVDQU 64(DX)(AX*8), Y6; \
	VMOVDQU 96(DX)(AX*8), Y7; \
	EXPE(Y0, Y1, X0, X1, Y2, Y3, Y4); \
	EXPE(Y6, Y7, X6, X7, Y8, Y9, Y10); \
	CMPQ    R11, $2; \
	JNE     r32apow; \
	VMULPS  Y0, Y0, Y0; \
	VMULPS  Y6, Y6, Y6; \
r32apow: \
	VMOVUPS   (SI)(AX*4), Y2; \
	VMOVUPS   32(SI)(AX*4), Y8; \
	VSUBPS    0(SP), Y2, Y1; \
	VSUBPS    0(SP), Y8, Y7; \
	VMULPS    32(SP), Y1, Y1; \
	VMULPS    32(SP), Y7, Y7; \
	VCMPPS    $1, a32expMin<>(SB), Y1, Y3; \
	VCMPPS    $1, a32expMin<>(SB), Y7, Y9; \
	VCMPPS    $14, a32negInf<>(SB), Y2, Y4; \
	VCMPPS    $14, a32negInf<>(SB), Y8, Y10; \
	VANDPS    Y4, Y3, Y3; \
	VANDPS    Y10, Y9, Y9; \
	VORPS     Y9, Y3, Y3; \
	VMOVMSKPS Y3, R13; \
	ORL       R13, R12; \
	EXP8(Y1, Y2, Y3, Y4, Y5); \
	EXP8(Y7, Y8, Y9, Y10, Y11); \
	VDIVPS    Y0, Y2, Y2; \
	VDIVPS    Y6, Y8, Y8; \
	VMOVUPS   Y2, (DI)(AX*4); \
	VMOVUPS   Y8, 32(DI)(AX*4); \
	ACC8(Y2, X2, Y3, Y12, Y13); \
	ACC8(Y8, X8, Y9, Y14, Y15); \
	ADDQ      $16, AX; \
	JMP       r32aloop; \
r32asum: \
	MOVQ CX, R8; \
	SUBQ AX, R8; \
	JLE  r32adone; \
	TAILSUM(Y12, Y13); \
	ADDQ $8, AX; \
	SUBQ $8, R8; \
	JLE  r32adone; \
	TAILSUM(Y14, Y15); \
r32adone:

	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ bits_base+48(FP), DX
	MOVQ n+80(FP), R11
	VBROADCASTSS c+72(FP), Y0
	VMOVUPS      Y0, 0(SP)
	VBROADCASTSS nf+76(FP), Y0
	VMOVUPS      Y0, 32(SP)
	RACE32A
	REDUCE16(sum+88(FP))
	TESTL R12, R12
	SETNE flushed+96(FP)
	VZEROUPPER
	RET

// MAXF32A sets R8 to the bits of the largest of the CX float32 at SI (-Inf
// if none is larger; NaNs skipped; a zero maximum as +0) and DL to whether
// some is NaN or +Inf: maxF32Go, sixteen an iteration. It clobbers AX, BX,
// DX, R9, R10 and Y0-Y7.
#define MAXF32A \
	VMOVUPS a32negInf<>(SB), Y4; \
	VMOVAPS Y4, Y5; \
	VMOVAPS Y4, Y7; \
	VXORPS  Y6, Y6, Y6; \
	MOVQ CX, BX; \
	ANDQ $-16, BX; \
	XORQ AX, AX; \
mx32aloop: \
	CMPQ    AX, BX; \
	JGE     mx32arest; \
	VMOVUPS (SI)(AX*4), Y0; \
	VMOVUPS 32(SI)(AX*4), Y1; \
	VMAXPS  Y4, Y0, Y4; \
	VMAXPS  Y5, Y1, Y5; \
	VCMPPS  $3, Y1, Y0, Y2; \
	VORPS   Y2, Y6, Y6; \
	ADDQ    $16, AX; \
	JMP     mx32aloop; \
mx32arest: \
	MOVQ CX, R8; \
	SUBQ AX, R8; \
	JLE  mx32adone; \
mx32ablock: \
	TAILMASK8(R8, Y3); \
	VMASKMOVPS (SI)(AX*4), Y3, Y0; \
	VCMPPS     $3, Y0, Y0, Y2; \
	VORPS      Y2, Y6, Y6; \
	VBLENDVPS  Y3, Y0, Y7, Y0; \
	VMAXPS     Y4, Y0, Y4; \
	ADDQ       $8, AX; \
	SUBQ       $8, R8; \
	JG         mx32ablock; \
mx32adone: \
	MAXLANES(Y4, Y5, X4, X5); \
	VMOVD     X4, R8; \
	XORL      DX, DX; \
	CMPL      R8, $0x7f800000; \
	SETEQ     DL; \
	VMOVMSKPS Y6, R9; \
	TESTL     R9, R9; \
	SETNE     R9B; \
	ORB       R9B, DL; \
	MOVL    R8, R9; \
	ANDL    $0x7fffffff, R9; \
	CMOVLEQ R9, R8

// func maxF32AVX2(x []float32) (max float32, bad bool)
// The largest x[i] (-Inf if none is larger; NaNs skipped) and whether some
// x[i] is NaN or +Inf: maxF32Go. Lane maxima that keep the earlier value on
// a tie or a NaN, sixteen an iteration, the last len%16 as masked blocks of
// eight (-Inf outside the tail); a zero maximum as +0.
TEXT ·maxF32AVX2(SB), NOSPLIT, $0-29
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MAXF32A
	MOVB DL, bad+28(FP)
mx32astore:
	MOVL R8, max+24(FP)
	VZEROUPPER
	RET

// The short-row float32 soft sample (short32Go): rows of k <= 16 logits,
// lanes 0-7 and 8-15 of a row in two vectors, lanes past k neutral (-Inf
// logits, zero Gumbels and exponentials).
DATA as32one64<>+0(SB)/8, $0x3ff0000000000000
GLOBL as32one64<>(SB), RODATA|NOPTR, $8

// ASMAX8(v, t): every lane of v = the largest of its eight lanes, by
// halves; t is scratch. Without a NaN in v the lanes agree but perhaps on
// the sign of a zero maximum; a NaN may or may not carry through.
#define ASMAX8(v, t) \
	VPERM2F128 $1, v, v, t; \
	VMAXPS     t, v, v; \
	VPERMILPS  $0x4e, v, t; \
	VMAXPS     t, v, v; \
	VPERMILPS  $0xb1, v, t; \
	VMAXPS     t, v, v

// func short32AVX2(dst, l, gs []float32, k int, inv float32)
// short32Go for 1 <= k <= 16: the rows two an iteration (A in Y0-Y3, B in
// Y4-Y7, scratch in Y8-Y10), so that their dependent chains overlap, the
// last one alone; the masks of a row's lanes in Y15 (0-7) and Y14 (8-15),
// -Inf past k in 0(SP) and 32(SP), inv in Y13. As in short32AVX512, the
// twin's NaN rows come out NaN without instructions of their own, and the
// signs of zero maxima change no result.
TEXT ·short32AVX2(SB), NOSPLIT, $64-84
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), BX
	MOVQ gs_base+48(FP), DX
	MOVQ k+72(FP), CX
	VBROADCASTSS inv+80(FP), Y13
	TAILMASK8(CX, Y15)               // lanes 0 to min(k, 8) - 1
	MOVQ    $16, R9
	SUBQ    CX, R9
	MOVQ    $8, R10
	CMPQ    R9, R10
	CMOVQGT R10, R9
	LEAQ    a32tail<>(SB), R10
	VMOVDQU (R10)(R9*4), Y14         // lanes 8 to k - 1
	VANDNPS a32negInf<>(SB), Y15, Y0
	VMOVUPS Y0, 0(SP)
	VANDNPS a32negInf<>(SB), Y14, Y0
	VMOVUPS Y0, 32(SP)
	MOVQ    CX, R8
	SHLQ    $2, R8                   // bytes per row
	LEAQ    (CX)(CX*1), R10          // 2k

// ASROW1(L0, L1, l0, l1, c, t): l0, l1 = the logits at L0 and L1 (lanes
// 0-7, 8-15), -Inf past k; c = their maximum in every lane.
#define ASROW1(L0, L1, l0, l1, c, t) \
	VMASKMOVPS L0, Y15, l0; \
	VMASKMOVPS L1, Y14, l1; \
	VORPS      0(SP), l0, l0; \
	VORPS      32(SP), l1, l1; \
	VMAXPS     l1, l0, c; \
	ASMAX8(c, t)

// ASROW2(G0, G1, l0, l1, c, t): s = (l - c) + g with the Gumbels at G0 and
// G1 (0 past k); m = the largest s; l0, l1 = (s - m) inv.
#define ASROW2(G0, G1, l0, l1, c, t) \
	VSUBPS     c, l0, l0; \
	VSUBPS     c, l1, l1; \
	VMASKMOVPS G0, Y15, t; \
	VADDPS     t, l0, l0; \
	VMASKMOVPS G1, Y14, t; \
	VADDPS     t, l1, l1; \
	VMAXPS     l1, l0, c; \
	ASMAX8(c, t); \
	VSUBPS     c, l0, l0; \
	VSUBPS     c, l1, l1; \
	VMULPS     Y13, l0, l0; \
	VMULPS     Y13, l1, l1

// ASROW3(l0, l1, y0, y1): y0, y1 = exp32 of l0, l1, 0 past k (l0 and l1
// clobbered; Y8-Y10 scratch).
#define ASROW3(l0, l1, y0, y1) \
	EXP8(l0, y0, Y8, Y9, Y10); \
	EXP8(l1, y1, Y8, Y9, Y10); \
	VANDPS Y15, y0, y0; \
	VANDPS Y14, y1, y1

// ASROW4(y0, xy0, y1, xy1, a, xa, b, xb, e, xe, D0, D1): the sum of the
// sixteen lanes in float64 (lanes 0-3 in a, 4-7 in b, 8-11 and 12-15
// added onto them), reduced as reduce16; y scaled by float32(1/sum) and
// stored at D0, D1 (the first k lanes).
#define ASROW4(y0, xy0, y1, xy1, a, xa, b, xb, e, xe, D0, D1) \
	VCVTPS2PD    xy0, a; \
	VEXTRACTF128 $1, y0, xb; \
	VCVTPS2PD    xb, b; \
	VCVTPS2PD    xy1, e; \
	VADDPD       e, a, a; \
	VEXTRACTF128 $1, y1, xe; \
	VCVTPS2PD    xe, e; \
	VADDPD       e, b, b; \
	VADDPD       b, a, a; \
	VEXTRACTF128 $1, a, xb; \
	VADDPD       xb, xa, xa; \
	VPERMILPD    $1, xa, xb; \
	VADDSD       xb, xa, xa; \
	VMOVSD       as32one64<>(SB), xb; \
	VDIVSD       xa, xb, xa; \
	VCVTSD2SS    xa, xa, xa; \
	VBROADCASTSS xa, a; \
	VMULPS       a, y0, y0; \
	VMULPS       a, y1, y1; \
	VMASKMOVPS   y0, Y15, D0; \
	VMASKMOVPS   y1, Y14, D1

sh32apair:
	CMPQ BX, R10
	JLT  sh32aone
	ASROW1((SI), 32(SI), Y0, Y1, Y2, Y3)
	ASROW1((SI)(R8*1), 32(SI)(R8*1), Y4, Y5, Y6, Y7)
	ASROW2((DX), 32(DX), Y0, Y1, Y2, Y3)
	ASROW2((DX)(R8*1), 32(DX)(R8*1), Y4, Y5, Y6, Y7)
	ASROW3(Y0, Y1, Y2, Y3)
	ASROW3(Y4, Y5, Y6, Y7)
	ASROW4(Y2, X2, Y3, X3, Y0, X0, Y1, X1, Y8, X8, (DI), 32(DI))
	ASROW4(Y6, X6, Y7, X7, Y4, X4, Y5, X5, Y9, X9, (DI)(R8*1), 32(DI)(R8*1))
	LEAQ (SI)(R8*2), SI
	LEAQ (DX)(R8*2), DX
	LEAQ (DI)(R8*2), DI
	SUBQ R10, BX
	JMP  sh32apair

sh32aone:
	CMPQ BX, CX
	JLT  sh32adone
	ASROW1((SI), 32(SI), Y0, Y1, Y2, Y3)
	ASROW2((DX), 32(DX), Y0, Y1, Y2, Y3)
	ASROW3(Y0, Y1, Y2, Y3)
	ASROW4(Y2, X2, Y3, X3, Y0, X0, Y1, X1, Y8, X8, (DI), 32(DI))

sh32adone:
	VZEROUPPER
	RET

// func raceRow32AVX2(dst, l []float32, bits []float64, nf float32, n int) (c float32, status uint8)
// raceRow32AVX512 with AVX2: one row of the float32 race in one call,
// from maxF32AVX2 (MAXF32A), race32AVX2 (RACE32A) and scale32AVX2
// (SCALE32A) with float32(1/sum); rowNaN (1, nothing written) for a row
// with a NaN or +Inf or only -Inf, rowFlushed (2, the weights unscaled) if
// an exponential flushed, else rowDone (0).
TEXT ·raceRow32AVX2(SB), NOSPLIT, $64-93
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MAXF32A
	MOVL  R8, c+88(FP)
	MOVB  $1, status+92(FP)
	TESTB DL, DL
	JNE   rradone
	CMPL  R8, $0xff800000
	JEQ   rradone
	MOVL  R8, X0
	VBROADCASTSS X0, Y0
	VMOVUPS      Y0, 0(SP)
	VBROADCASTSS nf+72(FP), Y0
	VMOVUPS      Y0, 32(SP)
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ bits_base+48(FP), DX
	MOVQ n+80(FP), R11
	RACE32A
	MOVB  $2, status+92(FP)
	TESTL R12, R12
	JNE   rradone
	REDUCE16(0(SP))
	VMOVSD       a32one64<>(SB), X13
	VDIVSD       X12, X13, X13             // 1/sum
	VCVTSD2SS    X13, X13, X13
	VBROADCASTSS X13, Y1
	MOVQ dst_base+0(FP), DI
	MOVQ l_len+32(FP), CX
	SCALE32A
	MOVB $0, status+92(FP)

rradone:
	VZEROUPPER
	RET
