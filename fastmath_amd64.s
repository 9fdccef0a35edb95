// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

#include "textflag.h"
#include "lanes_amd64.h"

// AVX2 versions of the pure-Go kernels of fastmath.go, four lanes at a
// time, with the same operations in the same order, fused multiply-adds
// (VFMADD) exactly where the Go code calls math.FMA and nowhere else, so
// that they give the same bits. Each constant is four
// copies of the float64 (or integer) of the same name in fastmath.go.

DATA logShift<>+0(SB)/8, $0x00095f6200000000
DATA logShift<>+8(SB)/8, $0x00095f6200000000
DATA logShift<>+16(SB)/8, $0x00095f6200000000
DATA logShift<>+24(SB)/8, $0x00095f6200000000
GLOBL logShift<>(SB), RODATA|NOPTR, $32
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
DATA oneMinusHalfUlp<>+0(SB)/8, $0x3fefffffffffffff
DATA oneMinusHalfUlp<>+8(SB)/8, $0x3fefffffffffffff
DATA oneMinusHalfUlp<>+16(SB)/8, $0x3fefffffffffffff
DATA oneMinusHalfUlp<>+24(SB)/8, $0x3fefffffffffffff
GLOBL oneMinusHalfUlp<>(SB), RODATA|NOPTR, $32
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
DATA ex2<>+0(SB)/8, $0x3fe0000000000001
DATA ex2<>+8(SB)/8, $0x3fe0000000000001
DATA ex2<>+16(SB)/8, $0x3fe0000000000001
DATA ex2<>+24(SB)/8, $0x3fe0000000000001
GLOBL ex2<>(SB), RODATA|NOPTR, $32
DATA ex3<>+0(SB)/8, $0x3fc5555555555556
DATA ex3<>+8(SB)/8, $0x3fc5555555555556
DATA ex3<>+16(SB)/8, $0x3fc5555555555556
DATA ex3<>+24(SB)/8, $0x3fc5555555555556
GLOBL ex3<>(SB), RODATA|NOPTR, $32
DATA ex4<>+0(SB)/8, $0x3fa5555555553d68
DATA ex4<>+8(SB)/8, $0x3fa5555555553d68
DATA ex4<>+16(SB)/8, $0x3fa5555555553d68
DATA ex4<>+24(SB)/8, $0x3fa5555555553d68
GLOBL ex4<>(SB), RODATA|NOPTR, $32
DATA ex5<>+0(SB)/8, $0x3f811111111109b5
DATA ex5<>+8(SB)/8, $0x3f811111111109b5
DATA ex5<>+16(SB)/8, $0x3f811111111109b5
DATA ex5<>+24(SB)/8, $0x3f811111111109b5
GLOBL ex5<>(SB), RODATA|NOPTR, $32
DATA ex6<>+0(SB)/8, $0x3f56c16c17889ef1
DATA ex6<>+8(SB)/8, $0x3f56c16c17889ef1
DATA ex6<>+16(SB)/8, $0x3f56c16c17889ef1
DATA ex6<>+24(SB)/8, $0x3f56c16c17889ef1
GLOBL ex6<>(SB), RODATA|NOPTR, $32
DATA ex7<>+0(SB)/8, $0x3f2a01a01a7c2efe
DATA ex7<>+8(SB)/8, $0x3f2a01a01a7c2efe
DATA ex7<>+16(SB)/8, $0x3f2a01a01a7c2efe
DATA ex7<>+24(SB)/8, $0x3f2a01a01a7c2efe
GLOBL ex7<>(SB), RODATA|NOPTR, $32
DATA ex8<>+0(SB)/8, $0x3efa019b9149a41c
DATA ex8<>+8(SB)/8, $0x3efa019b9149a41c
DATA ex8<>+16(SB)/8, $0x3efa019b9149a41c
DATA ex8<>+24(SB)/8, $0x3efa019b9149a41c
GLOBL ex8<>(SB), RODATA|NOPTR, $32
DATA ex9<>+0(SB)/8, $0x3ec71de0db2f6b19
DATA ex9<>+8(SB)/8, $0x3ec71de0db2f6b19
DATA ex9<>+16(SB)/8, $0x3ec71de0db2f6b19
DATA ex9<>+24(SB)/8, $0x3ec71de0db2f6b19
GLOBL ex9<>(SB), RODATA|NOPTR, $32
DATA ex10<>+0(SB)/8, $0x3e928917c89a43a7
DATA ex10<>+8(SB)/8, $0x3e928917c89a43a7
DATA ex10<>+16(SB)/8, $0x3e928917c89a43a7
DATA ex10<>+24(SB)/8, $0x3e928917c89a43a7
GLOBL ex10<>(SB), RODATA|NOPTR, $32
DATA ex11<>+0(SB)/8, $0x3e5af389ecfc4b9c
DATA ex11<>+8(SB)/8, $0x3e5af389ecfc4b9c
DATA ex11<>+16(SB)/8, $0x3e5af389ecfc4b9c
DATA ex11<>+24(SB)/8, $0x3e5af389ecfc4b9c
GLOBL ex11<>(SB), RODATA|NOPTR, $32
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

DATA laneIdx<>+0(SB)/8, $0x0000000000000000
DATA laneIdx<>+8(SB)/8, $0x0000000000000001
DATA laneIdx<>+16(SB)/8, $0x0000000000000002
DATA laneIdx<>+24(SB)/8, $0x0000000000000003
GLOBL laneIdx<>(SB), RODATA|NOPTR, $32
DATA four<>+0(SB)/8, $0x0000000000000004
DATA four<>+8(SB)/8, $0x0000000000000004
DATA four<>+16(SB)/8, $0x0000000000000004
DATA four<>+24(SB)/8, $0x0000000000000004
GLOBL four<>(SB), RODATA|NOPTR, $32
DATA eight<>+0(SB)/8, $0x0000000000000008
DATA eight<>+8(SB)/8, $0x0000000000000008
DATA eight<>+16(SB)/8, $0x0000000000000008
DATA eight<>+24(SB)/8, $0x0000000000000008
GLOBL eight<>(SB), RODATA|NOPTR, $32
DATA minusOne<>+0(SB)/8, $0xffffffffffffffff
DATA minusOne<>+8(SB)/8, $0xffffffffffffffff
DATA minusOne<>+16(SB)/8, $0xffffffffffffffff
DATA minusOne<>+24(SB)/8, $0xffffffffffffffff
GLOBL minusOne<>(SB), RODATA|NOPTR, $32

DATA im1021<>+0(SB)/8, $0xfffffffffffffc03
DATA im1021<>+8(SB)/8, $0xfffffffffffffc03
DATA im1021<>+16(SB)/8, $0xfffffffffffffc03
DATA im1021<>+24(SB)/8, $0xfffffffffffffc03
GLOBL im1021<>(SB), RODATA|NOPTR, $32


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

// The kernels below are latency-bound: each element is a chain of some
// thirty dependent operations (with a division in the logarithm). Their loops therefore work on
// two vectors of four at a time, A and B, with the steps of the two chains
// interleaved, so that the CPU always has independent work. Each step is a
// macro taking the registers of one chain; the operations, their order and
// so the bits are those of the pure-Go twins (fastmath.go).

// NEGLOG1-NEGLOG6 replace the positive normal float64s in v by -logNormal of
// them (fastmath.go), with the same operations in the same order, using the
// temporaries a-f. ix = bits + (0x3ff0... - sqrtHalfHi), k = ix>>52 - 1023,
// f = frombits(ix&fracMask + sqrtHalfHi) - 1, then logKernel(f, k).
// Registers: a = f, b = k, c = s, d = z then hfsq, e = w then k*ln2Lo,
// f = t1, v = r then the result.
#define NEGLOG1(v, a, b, c, d, e, f) \
	VPADDQ  logShift<>(SB), v, a; \
	VPSRLQ  $52, a, b; \
	VPOR    two52<>(SB), b, b; \
	VSUBPD  two52<>(SB), b, b; \
	VSUBPD  c1023f<>(SB), b, b; \
	VPAND   fracMask<>(SB), a, a; \
	VPADDQ  sqrtHalfHi<>(SB), a, a; \
	VSUBPD  one<>(SB), a, a

#define NEGLOG2(v, a, b, c, d, e, f) \
	VADDPD  two<>(SB), a, c; \
	VDIVPD  c, a, c

#define NEGLOG3(v, a, b, c, d, e, f) \
	VMULPD      c, c, d; \
	VMULPD      d, d, e; \
	VMOVUPD     lg6<>(SB), f; \
	VFMADD213PD lg4<>(SB), e, f; \
	VFMADD213PD lg2<>(SB), e, f; \
	VMULPD      f, e, f

#define NEGLOG4(v, a, b, c, d, e, f) \
	VMOVUPD     lg7<>(SB), v; \
	VFMADD213PD lg5<>(SB), e, v; \
	VFMADD213PD lg3<>(SB), e, v; \
	VFMADD213PD lg1<>(SB), e, v; \
	VFMADD213PD f, d, v

#define NEGLOG5(v, a, b, c, d, e, f) \
	VMULPD      half<>(SB), a, d; \
	VMULPD      a, d, d; \
	VADDPD      d, v, v; \
	VMULPD      ln2Lo<>(SB), b, e; \
	VFMADD213PD e, c, v

#define NEGLOG6(v, a, b, c, d, e, f) \
	VSUBPD       v, d, d; \
	VSUBPD       a, d, d; \
	VFNMADD231PD ln2Hi<>(SB), b, d; \
	VMOVAPD      d, v

// NEGLOG2X is -logNormal of the two vectors in Y0 (chain A, temporaries
// Y1-Y6) and Y7 (chain B, temporaries Y8-Y13), the steps interleaved.
#define NEGLOG2X \
	NEGLOG1(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG1(Y7, Y8, Y9, Y10, Y11, Y12, Y13); \
	NEGLOG2(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG2(Y7, Y8, Y9, Y10, Y11, Y12, Y13); \
	NEGLOG3(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG3(Y7, Y8, Y9, Y10, Y11, Y12, Y13); \
	NEGLOG4(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG4(Y7, Y8, Y9, Y10, Y11, Y12, Y13); \
	NEGLOG5(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG5(Y7, Y8, Y9, Y10, Y11, Y12, Y13); \
	NEGLOG6(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG6(Y7, Y8, Y9, Y10, Y11, Y12, Y13)

// NEGLOG_Y0 is -logNormal of Y0 alone (temporaries Y1-Y6).
#define NEGLOG_Y0 \
	NEGLOG1(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG2(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG3(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG4(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG5(Y0, Y1, Y2, Y3, Y4, Y5, Y6); \
	NEGLOG6(Y0, Y1, Y2, Y3, Y4, Y5, Y6)

// UNIFORM(v) replaces the 64 random bits in each lane of v by uniformOpen of
// them, as uniformOpen computes it: (1 + m 2^-52) - (1 - 2^-53), exact.
#define UNIFORM(v) \
	VPSRLQ  $12, v, v; \
	VPOR    one<>(SB), v, v; \
	VSUBPD  oneMinusHalfUlp<>(SB), v, v

// EXP1-EXP6 set a = fastExp((x - Y14) * Y15) as fastExp in fastmath.go:
// x = k ln2 + r (k rounded to nearest), y = 1 + (r + r² p(r)) with the
// polynomial p = lo + r^5 hi of degree 9, y*2^k1*2^k2 with k1 =
// (k+2048)>>1 - 1024, k2 = k - k1. They use the temporaries a-e; x is
// overwritten. Registers: b = k, x = r, a = r², d = r^5, e = lo, c = hi
// then p, then c and d for the scale factors.
#define EXP1(x, a, b, c, d, e) \
	VSUBPD  Y14, x, x; \
	VMULPD  Y15, x, x; \
	VMOVUPD expMin<>(SB), a; \
	VMAXPD  x, a, x; \
	VMOVUPD expMax<>(SB), a; \
	VMINPD  x, a, x

#define EXP2(x, a, b, c, d, e) \
	VMOVUPD      roundup<>(SB), a; \
	VFMADD231PD  log2e<>(SB), x, a; \
	VPSUBQ       roundup<>(SB), a, b; \
	VSUBPD       roundup<>(SB), a, a; \
	VFNMADD231PD ln2Hi<>(SB), a, x; \
	VFNMADD231PD ln2Lo<>(SB), a, x

#define EXP3(x, a, b, c, d, e) \
	VMULPD      x, x, a; \
	VMOVUPD     ex6<>(SB), e; \
	VMOVUPD     ex11<>(SB), c; \
	VMULPD      a, a, d; \
	VFMADD213PD ex5<>(SB), x, e; \
	VFMADD213PD ex10<>(SB), x, c; \
	VMULPD      x, d, d; \
	VFMADD213PD ex4<>(SB), x, e; \
	VFMADD213PD ex9<>(SB), x, c

#define EXP4(x, a, b, c, d, e) \
	VFMADD213PD ex3<>(SB), x, e; \
	VFMADD213PD ex8<>(SB), x, c; \
	VFMADD213PD ex2<>(SB), x, e; \
	VFMADD213PD ex7<>(SB), x, c

#define EXP5(x, a, b, c, d, e) \
	VFMADD213PD e, d, c; \
	VFMADD213PD x, a, c; \
	VADDPD      one<>(SB), c, a

#define EXP6(x, a, b, c, d, e) \
	VPADDQ  i2048<>(SB), b, c; \
	VPSRLQ  $1, c, c; \
	VPSUBQ  i1024<>(SB), c, c; \
	VPSUBQ  c, b, d; \
	VPADDQ  i1023<>(SB), c, c; \
	VPSLLQ  $52, c, c; \
	VPADDQ  i1023<>(SB), d, d; \
	VPSLLQ  $52, d, d; \
	VMULPD  c, a, a; \
	VMULPD  d, a, a

// EXP_Y0 sets Y1 = fastExp((Y0 - Y14) * Y15), temporaries Y2-Y5.
#define EXP_Y0 \
	EXP1(Y0, Y1, Y2, Y3, Y4, Y5); \
	EXP2(Y0, Y1, Y2, Y3, Y4, Y5); \
	EXP3(Y0, Y1, Y2, Y3, Y4, Y5); \
	EXP4(Y0, Y1, Y2, Y3, Y4, Y5); \
	EXP5(Y0, Y1, Y2, Y3, Y4, Y5); \
	EXP6(Y0, Y1, Y2, Y3, Y4, Y5)

// func negLogsAVX2(dst []float64, uniform bool)
// dst[i] = -logNormal(dst[i]), or, if uniform, -logNormal(uniformOpen(bits
// of dst[i])): one of the two passes of gumbelsBody (no special case can
// occur: see gumbelsGo). Eight elements at a time, then four, then the last
// len%4 with masked loads and stores.
TEXT ·negLogsAVX2(SB), NOSPLIT, $0-25
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVBLZX uniform+24(FP), DX
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

negloop8:
	CMPQ AX, BX
	JGE  neg4
	VMOVUPD (DI)(AX*8), Y0
	VMOVUPD 32(DI)(AX*8), Y7
	TESTQ   DX, DX
	JZ      neg8log
	UNIFORM(Y0)
	UNIFORM(Y7)

neg8log:
	NEGLOG2X
	VMOVUPD Y0, (DI)(AX*8)
	VMOVUPD Y7, 32(DI)(AX*8)
	ADDQ    $8, AX
	JMP     negloop8

neg4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  negtail
	VMOVUPD (DI)(AX*8), Y0
	TESTQ   DX, DX
	JZ      neg4log
	UNIFORM(Y0)

neg4log:
	NEGLOG_Y0
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ    $4, AX

negtail:
	SUBQ BX, CX
	JZ   negdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y15
	VMASKMOVPD (DI)(AX*8), Y15, Y0
	TESTQ      DX, DX
	JZ         negtaillog
	UNIFORM(Y0)

negtaillog:
	NEGLOG_Y0
	VMASKMOVPD Y0, Y15, (DI)(AX*8)

negdone:
	VZEROUPPER
	RET

// func expSumAVX2(dst, x []float64, shift, scale float64, p *[4]float64)
// dst[i] = fastExp((x[i]-shift)*scale), p[j] = sum of the dst[i] with
// i%4 == j, added in order; len(dst) == len(x). Eight elements at a time,
// then four, then the last len%4 with masked loads and stores, the
// masked-off lanes adding 0.
TEXT ·expSumAVX2(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ p+64(FP), DX
	VBROADCASTSD shift+48(FP), Y14
	VBROADCASTSD scale+56(FP), Y15
	VXORPD  Y13, Y13, Y13                 // the partial sums
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

exploop8:
	CMPQ AX, BX
	JGE  exp4
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y6
	EXP1(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP1(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP2(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP2(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP3(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP3(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP4(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP4(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP5(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP5(Y6, Y7, Y8, Y9, Y10, Y11)
	// y*2^k: if every k (Y2, Y8) is in [-1021, 1023], y*2^k is normal
	// (y is in [0.7, 1.42]) and adding k to y's exponent field is exact,
	// the same bits as EXP6's two products; else EXP6.
	VPCMPGTQ i1023<>(SB), Y2, Y3          // k > 1023
	VMOVDQU  im1021<>(SB), Y4
	VPCMPGTQ Y2, Y4, Y4                   // k < -1021
	VPCMPGTQ i1023<>(SB), Y8, Y9
	VMOVDQU  im1021<>(SB), Y10
	VPCMPGTQ Y8, Y10, Y10
	VPOR     Y3, Y4, Y3
	VPOR     Y9, Y10, Y9
	VPOR     Y3, Y9, Y3
	VPTEST   Y3, Y3
	JNZ      expscale8
	VPSLLQ   $52, Y2, Y2
	VPADDQ   Y2, Y1, Y1
	VPSLLQ   $52, Y8, Y8
	VPADDQ   Y8, Y7, Y7

expstore8:
	VMOVUPD Y1, (DI)(AX*8)
	VMOVUPD Y7, 32(DI)(AX*8)
	VADDPD  Y1, Y13, Y13
	VADDPD  Y7, Y13, Y13
	ADDQ    $8, AX
	JMP     exploop8

expscale8:
	EXP6(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP6(Y6, Y7, Y8, Y9, Y10, Y11)
	JMP expstore8

exp4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  exptail
	VMOVUPD (SI)(AX*8), Y0
	EXP_Y0
	VMOVUPD Y1, (DI)(AX*8)
	VADDPD  Y1, Y13, Y13
	ADDQ    $4, AX

exptail:
	SUBQ BX, CX
	JZ   expdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y12
	VMASKMOVPD (SI)(AX*8), Y12, Y0
	EXP_Y0
	VANDPD     Y12, Y1, Y1
	VMASKMOVPD Y1, Y12, (DI)(AX*8)
	VADDPD     Y1, Y13, Y13

expdone:
	VMOVUPD Y13, (DX)
	VZEROUPPER
	RET

// MAXNAN(x, m, nm, t): the running maxima m and NaN masks nm of maxAVX2 and
// rangeAVX2 take the four lanes of x; t is scratch.
#define MAXNAN(x, m, nm, t) \
	VMAXPD m, x, m; \
	VCMPPD $3, x, x, t; \
	VORPD  t, nm, nm

// MINABOVE(x, mn, cnt, t): rangeAVX2's running minima above -Inf mn and
// their counts cnt (each lane adds its all-ones mask, -1, negated) take
// the four lanes of x, clobbered; -Inf in Y13, +Inf in Y14, t scratch.
#define MINABOVE(x, mn, cnt, t) \
	VCMPPD    $0x1e, Y13, x, t; \
	VBLENDVPD t, x, Y14, x; \
	VMINPD    mn, x, mn; \
	VPSUBQ    t, cnt, cnt

// MAXFIRST(loop, done) sets R8 to the bits of the largest lane of Y4 (X0,
// X1 scratch) or, if that is a zero, of the first zero of x at SI, as maxGo
// keeps the first of equal values (VMAXPD's lanes keep either); AX and R9
// are scratch.
#define MAXFIRST(loop, done) \
	VEXTRACTF128 $1, Y4, X0; \
	VMAXPD       X0, X4, X0; \
	VPERMILPD    $1, X0, X1; \
	VMAXSD       X1, X0, X0; \
	VMOVQ        X0, R8; \
	MOVQ         R8, R9; \
	SHLQ         $1, R9; \
	JNZ          done; \
	XORQ         AX, AX; \
loop: \
	MOVQ (SI)(AX*8), R8; \
	MOVQ R8, R9; \
	SHLQ $1, R9; \
	JZ   done; \
	INCQ AX; \
	JMP  loop; \
done:

// func maxAVX2(x []float64) (max float64, bad bool)
// maxGo: max is the largest x[i] (-Inf if none is larger; NaNs are
// skipped; a zero maximum the first zero of x); bad reports a NaN or +Inf
// in x. Eight elements at a time in two running maxima, then four, then
// the last len%4 with a masked load, the masked-off lanes counting as
// -Inf. +Inf is found at the end, as the maximum.
TEXT ·maxAVX2(SB), NOSPLIT, $0-33
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VMOVUPD negInf<>(SB), Y4              // running maxima
	VMOVUPD Y4, Y7
	VXORPD  Y5, Y5, Y5                    // running NaN masks
	VXORPD  Y8, Y8, Y8
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

maxloop8:
	CMPQ AX, BX
	JGE  max4
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y1
	MAXNAN(Y0, Y4, Y5, Y2)
	MAXNAN(Y1, Y7, Y8, Y3)
	ADDQ    $8, AX
	JMP     maxloop8

max4:
	VMAXPD Y7, Y4, Y4
	VORPD  Y8, Y5, Y5
	MOVQ   CX, BX
	ANDQ   $-4, BX
	CMPQ   AX, BX
	JGE    maxtail
	VMOVUPD (SI)(AX*8), Y0
	MAXNAN(Y0, Y4, Y5, Y2)
	ADDQ    $4, AX

maxtail:
	SUBQ BX, CX
	JZ   maxdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y6
	VMASKMOVPD (SI)(AX*8), Y6, Y0
	VBLENDVPD  Y6, Y0, Y4, Y1             // masked-off lanes: the running max
	MAXNAN(Y1, Y4, Y5, Y2)

maxdone:
	MAXFIRST(maxzero, maxstore)
	MOVQ         R8, max+24(FP)
	VMOVUPD      posInf<>(SB), Y6
	VCMPPD       $0, Y6, Y4, Y3           // +Inf
	VORPD        Y3, Y5, Y5
	VMOVMSKPD    Y5, AX
	TESTQ        AX, AX
	SETNE        bad+32(FP)
	VZEROUPPER
	RET

// func rangeAVX2(x []float64) (max, min float64, n int, bad bool)
// rangeGo: maxAVX2's max and bad (MAXNAN, MAXFIRST: the same operations in
// the same lanes) and, in the same pass, min, the smallest x[i] above -Inf
// (+Inf if none; its value: the sign of a zero minimum is either), and n,
// the number of x[i] above -Inf (NaN is not). Registers: maxima Y4, Y7; NaN
// masks Y5, Y8; minima Y9, Y10; counts Y11, Y12; -Inf in Y13, +Inf in Y14.
TEXT ·rangeAVX2(SB), NOSPLIT, $0-49
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VMOVUPD negInf<>(SB), Y13
	VMOVUPD posInf<>(SB), Y14
	VMOVUPD Y13, Y4
	VMOVUPD Y13, Y7
	VXORPD  Y5, Y5, Y5
	VXORPD  Y8, Y8, Y8
	VMOVUPD Y14, Y9
	VMOVUPD Y14, Y10
	VPXOR   Y11, Y11, Y11
	VPXOR   Y12, Y12, Y12
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

rgloop8:
	CMPQ    AX, BX
	JGE     rg4
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y1
	MAXNAN(Y0, Y4, Y5, Y2)
	MAXNAN(Y1, Y7, Y8, Y3)
	MINABOVE(Y0, Y9, Y11, Y2)
	MINABOVE(Y1, Y10, Y12, Y3)
	ADDQ    $8, AX
	JMP     rgloop8

rg4:
	VMAXPD Y7, Y4, Y4
	VORPD  Y8, Y5, Y5
	MOVQ   CX, BX
	ANDQ   $-4, BX
	CMPQ   AX, BX
	JGE    rgtail
	VMOVUPD (SI)(AX*8), Y0
	MAXNAN(Y0, Y4, Y5, Y2)
	MINABOVE(Y0, Y9, Y11, Y2)
	ADDQ    $4, AX

rgtail:
	SUBQ BX, CX
	JZ   rgdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y6
	VMASKMOVPD (SI)(AX*8), Y6, Y0
	VBLENDVPD  Y6, Y0, Y4, Y1             // masked-off lanes: the running max
	MAXNAN(Y1, Y4, Y5, Y2)
	VCMPPD     $0x1e, Y13, Y0, Y2         // MINABOVE, but for the masked-off lanes
	VANDPD     Y6, Y2, Y2
	VBLENDVPD  Y2, Y0, Y14, Y0
	VMINPD     Y9, Y0, Y9
	VPSUBQ     Y2, Y11, Y11

rgdone:
	MAXFIRST(rgzero, rgstore)
	MOVQ         R8, max+24(FP)
	VCMPPD       $0, Y14, Y4, Y3          // +Inf
	VORPD        Y3, Y5, Y5
	VMOVMSKPD    Y5, AX
	TESTQ        AX, AX
	SETNE        bad+48(FP)
	VMINPD       Y10, Y9, Y9
	VEXTRACTF128 $1, Y9, X0
	VMINPD       X0, X9, X0
	VPERMILPD    $1, X0, X1
	VMINSD       X1, X0, X0
	VMOVSD       X0, min+32(FP)
	VPADDQ       Y12, Y11, Y11
	VEXTRACTI128 $1, Y11, X0
	VPADDQ       X0, X11, X0
	VPSHUFD      $0x4e, X0, X1
	VPADDQ       X1, X0, X0
	VMOVQ        X0, n+40(FP)
	VZEROUPPER
	RET

// func perturbAVX2(dst, l, g []float64, c float64) (max float64, arg int, bad bool)
// perturbGo: s_i = (l[i] - c) + g[i], stored in dst[i] unless dst is empty; max is
// the largest s_i (-Inf if none is larger), arg the first index where it
// occurs (-1 if none), bad reports a NaN or +Inf in l. len(l) == len(g), and
// len(dst) == len(l) or 0. Lane j keeps the largest s_i with i%4 == j (the
// first on ties) and its index; the lanes are then combined: the maximum, and
// the smallest index among the lanes that hold it. The last len%4 elements
// are read with masked loads, the masked-off lanes counting as -Inf.
TEXT ·perturbAVX2(SB), NOSPLIT, $0-97
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), R9                // 0: no stores
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	VMOVUPD negInf<>(SB), Y4              // running maxima
	VMOVUPD minusOne<>(SB), Y9            // their indices
	VMOVUPD laneIdx<>(SB), Y10            // the indices of the current four
	VXORPD  Y5, Y5, Y5                    // running bad mask
	VMOVUPD posInf<>(SB), Y6
	VBROADCASTSD c+72(FP), Y11            // the shift
	VMOVUPD negInf<>(SB), Y12             // a second chain of maxima, for i%8 >= 4
	VMOVUPD minusOne<>(SB), Y13           // and their indices
	VPADDQ  four<>(SB), Y10, Y15          // the indices of its current four
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

	// Eight at a time in two independent chains of running maxima (the
	// compare-and-blend is the loop's critical path), merged below.
argloop8:
	CMPQ      AX, BX
	JGE       argmerge
	VMOVUPD   (SI)(AX*8), Y0
	VMOVUPD   32(SI)(AX*8), Y7
	VSUBPD    Y11, Y0, Y1
	VSUBPD    Y11, Y7, Y8
	VADDPD    (DX)(AX*8), Y1, Y1
	VADDPD    32(DX)(AX*8), Y8, Y8
	TESTQ     R9, R9
	JZ        argnostore8
	VMOVUPD   Y1, (DI)(AX*8)
	VMOVUPD   Y8, 32(DI)(AX*8)

argnostore8:
	VCMPPD    $0x1e, Y4, Y1, Y2
	VCMPPD    $0x1e, Y12, Y8, Y3
	VBLENDVPD Y2, Y1, Y4, Y4
	VBLENDVPD Y3, Y8, Y12, Y12
	VBLENDVPD Y2, Y10, Y9, Y9
	VBLENDVPD Y3, Y15, Y13, Y13
	VPADDQ    eight<>(SB), Y10, Y10
	VPADDQ    eight<>(SB), Y15, Y15
	VCMPPD    $3, Y0, Y0, Y2              // NaN
	VCMPPD    $3, Y7, Y7, Y3
	VORPD     Y2, Y5, Y5
	VORPD     Y3, Y5, Y5
	VCMPPD    $0, Y6, Y0, Y2              // +Inf
	VCMPPD    $0, Y6, Y7, Y3
	VORPD     Y2, Y5, Y5
	VORPD     Y3, Y5, Y5
	ADDQ      $8, AX
	JMP       argloop8

argmerge:
	// Lane by lane, the second chain's maximum replaces the first's if it
	// is larger, or equal with a smaller index: each lane then holds the
	// largest of its elements and its first index, as one chain would.
	VCMPPD    $0x1e, Y4, Y12, Y2          // B > A
	VCMPPD    $0, Y4, Y12, Y3             // B == A
	VPCMPGTQ  Y13, Y9, Y7                 // idx A > idx B
	VPAND     Y3, Y7, Y7
	VPOR      Y2, Y7, Y7
	VBLENDVPD Y7, Y12, Y4, Y4
	VBLENDVPD Y7, Y13, Y9, Y9
	MOVQ      CX, BX
	ANDQ      $-4, BX

argloop:
	CMPQ AX, BX
	JGE  argtail
	VMOVUPD   (SI)(AX*8), Y0
	VSUBPD    Y11, Y0, Y1
	VADDPD    (DX)(AX*8), Y1, Y1
	TESTQ     R9, R9
	JZ        argnostore
	VMOVUPD   Y1, (DI)(AX*8)

argnostore:
	VCMPPD    $0x1e, Y4, Y1, Y2           // s > max (ordered: NaN never)
	VBLENDVPD Y2, Y1, Y4, Y4
	VBLENDVPD Y2, Y10, Y9, Y9
	VPADDQ    four<>(SB), Y10, Y10
	VCMPPD    $3, Y0, Y0, Y2              // NaN
	VCMPPD    $0, Y6, Y0, Y3              // +Inf
	VORPD     Y2, Y5, Y5
	VORPD     Y3, Y5, Y5
	ADDQ      $4, AX
	JMP       argloop

argtail:
	SUBQ BX, CX
	JZ   argdone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y7
	VMASKMOVPD (SI)(AX*8), Y7, Y0
	VMASKMOVPD (DX)(AX*8), Y7, Y1
	VSUBPD     Y11, Y0, Y2
	VADDPD     Y1, Y2, Y1
	TESTQ      R9, R9
	JZ         argtailnostore
	VMASKMOVPD Y1, Y7, (DI)(AX*8)

argtailnostore:
	VMOVUPD    negInf<>(SB), Y8
	VBLENDVPD  Y7, Y1, Y8, Y1             // masked-off lanes: -Inf
	VCMPPD     $0x1e, Y4, Y1, Y2
	VBLENDVPD  Y2, Y1, Y4, Y4
	VBLENDVPD  Y2, Y10, Y9, Y9
	VCMPPD     $3, Y0, Y0, Y2
	VCMPPD     $0, Y6, Y0, Y3
	VORPD      Y2, Y5, Y5
	VORPD      Y3, Y5, Y5

argdone:
	ARGMAX4(R8)
	VMOVSD    X0, max+80(FP)
	VMOVQ     X3, arg+88(FP)
	VMOVMSKPD Y5, AX
	TESTQ     AX, AX
	SETNE     bad+96(FP)
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

// POW(q, e, n) sets q = e * e * ... * e (n factors, left to right, e a memory
// operand), as raceGo forms it. n is a register >= 1; R11 is clobbered.
#define POW(q, e, n, label, done) \
	VMOVUPD e, q; \
	MOVQ    n, R11; \
label: \
	DECQ    R11; \
	JZ      done; \
	VMULPD  e, q, q; \
	JMP     label; \
done:

// func raceAVX2(dst, e, l []float64, c, scale float64, n int, p *[4]float64)
// dst[i] = fastExp((l[i]-c)*scale) / e[i]^n, p[j] += the dst[i] with
// i%4 == j, in order: raceGo. len(dst) == len(e) == len(l), n >= 1; dst may
// be e or l. Eight elements at a time in two chains, then four, then the
// last len%4 with masked loads and stores, the masked-off lanes adding 0.
TEXT ·raceAVX2(SB), NOSPLIT, $0-104
	MOVQ dst_base+0(FP), DI
	MOVQ e_base+24(FP), DX
	MOVQ l_base+48(FP), SI
	MOVQ l_len+56(FP), CX
	VBROADCASTSD c+72(FP), Y14
	VBROADCASTSD scale+80(FP), Y15
	MOVQ n+88(FP), R10
	MOVQ p+96(FP), R9
	VMOVUPD (R9), Y13                     // the partial sums
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

raceloop8:
	CMPQ AX, BX
	JGE  race4
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y6
	EXP1(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP1(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP2(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP2(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP3(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP3(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP4(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP4(Y6, Y7, Y8, Y9, Y10, Y11)
	EXP5(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP5(Y6, Y7, Y8, Y9, Y10, Y11)
	// y*2^k as in expSumAVX2: exact exponent addition when every k is in
	// [-1021, 1023], else EXP6.
	VPCMPGTQ i1023<>(SB), Y2, Y3
	VMOVDQU  im1021<>(SB), Y4
	VPCMPGTQ Y2, Y4, Y4
	VPCMPGTQ i1023<>(SB), Y8, Y9
	VMOVDQU  im1021<>(SB), Y10
	VPCMPGTQ Y8, Y10, Y10
	VPOR     Y3, Y4, Y3
	VPOR     Y9, Y10, Y9
	VPOR     Y3, Y9, Y3
	VPTEST   Y3, Y3
	JNZ      racescale8
	VPSLLQ   $52, Y2, Y2
	VPADDQ   Y2, Y1, Y1
	VPSLLQ   $52, Y8, Y8
	VPADDQ   Y8, Y7, Y7

racediv8:
	POW(Y12, (DX)(AX*8), R10, racepowa8, racepowa8done)
	VDIVPD  Y12, Y1, Y1
	POW(Y12, 32(DX)(AX*8), R10, racepowb8, racepowb8done)
	VDIVPD  Y12, Y7, Y7
	VMOVUPD Y1, (DI)(AX*8)
	VMOVUPD Y7, 32(DI)(AX*8)
	VADDPD  Y1, Y13, Y13
	VADDPD  Y7, Y13, Y13
	ADDQ    $8, AX
	JMP     raceloop8

racescale8:
	EXP6(Y0, Y1, Y2, Y3, Y4, Y5)
	EXP6(Y6, Y7, Y8, Y9, Y10, Y11)
	JMP racediv8

race4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  racetail
	VMOVUPD (SI)(AX*8), Y0
	EXP_Y0
	POW(Y12, (DX)(AX*8), R10, racepow4, racepow4done)
	VDIVPD  Y12, Y1, Y1
	VMOVUPD Y1, (DI)(AX*8)
	VADDPD  Y1, Y13, Y13
	ADDQ    $4, AX

racetail:
	SUBQ BX, CX
	JZ   racedone
	SHLQ $5, CX
	LEAQ tailMask<>(SB), R8
	VMOVUPD    (R8)(CX*1), Y11
	VMASKMOVPD (SI)(AX*8), Y11, Y0
	VMASKMOVPD (DX)(AX*8), Y11, Y6
	EXP_Y0
	VMOVUPD    Y6, Y12
	MOVQ       R10, R11

racepowt:
	DECQ   R11
	JZ     racepowtdone
	VMULPD Y6, Y12, Y12
	JMP    racepowt

racepowtdone:
	VDIVPD     Y12, Y1, Y1
	VANDPD     Y11, Y1, Y1                // masked-off lanes (0/0): 0
	VMASKMOVPD Y1, Y11, (DI)(AX*8)
	VADDPD     Y1, Y13, Y13

racedone:
	VMOVUPD Y13, (R9)
	VZEROUPPER
	RET
