// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

#include "textflag.h"
#include "lanes_amd64.h"

// AVX-512 versions of negLogsAVX2 (fastmath_amd64.s): the same operations
// in the same order on eight lanes, so the same bits as negLogsGo. The
// constants are broadcast once into Z16-Z31; the tail is a masked load and
// store.

DATA z512logShift<>+0(SB)/8, $0x00095f6200000000
GLOBL z512logShift<>(SB), RODATA|NOPTR, $8
DATA z512two52<>+0(SB)/8, $0x4330000000000000
GLOBL z512two52<>(SB), RODATA|NOPTR, $8
DATA z512c1023f<>+0(SB)/8, $0x408ff80000000000
GLOBL z512c1023f<>(SB), RODATA|NOPTR, $8
DATA z512fracMask<>+0(SB)/8, $0x000fffffffffffff
GLOBL z512fracMask<>(SB), RODATA|NOPTR, $8
DATA z512sqrtHalfHi<>+0(SB)/8, $0x3fe6a09e00000000
GLOBL z512sqrtHalfHi<>(SB), RODATA|NOPTR, $8
DATA z512one<>+0(SB)/8, $0x3ff0000000000000
GLOBL z512one<>(SB), RODATA|NOPTR, $8
DATA z512two<>+0(SB)/8, $0x4000000000000000
GLOBL z512two<>(SB), RODATA|NOPTR, $8
DATA z512half<>+0(SB)/8, $0x3fe0000000000000
GLOBL z512half<>(SB), RODATA|NOPTR, $8
DATA z512oneMinusHalfUlp<>+0(SB)/8, $0x3fefffffffffffff
GLOBL z512oneMinusHalfUlp<>(SB), RODATA|NOPTR, $8
DATA z512lg1<>+0(SB)/8, $0x3fe5555555555593
GLOBL z512lg1<>(SB), RODATA|NOPTR, $8
DATA z512lg2<>+0(SB)/8, $0x3fd999999997fa04
GLOBL z512lg2<>(SB), RODATA|NOPTR, $8
DATA z512lg3<>+0(SB)/8, $0x3fd2492494229359
GLOBL z512lg3<>(SB), RODATA|NOPTR, $8
DATA z512lg4<>+0(SB)/8, $0x3fcc71c51d8e78af
GLOBL z512lg4<>(SB), RODATA|NOPTR, $8
DATA z512lg5<>+0(SB)/8, $0x3fc7466496cb03de
GLOBL z512lg5<>(SB), RODATA|NOPTR, $8
DATA z512lg6<>+0(SB)/8, $0x3fc39a09d078c69f
GLOBL z512lg6<>(SB), RODATA|NOPTR, $8
DATA z512lg7<>+0(SB)/8, $0x3fc2f112df3e5244
GLOBL z512lg7<>(SB), RODATA|NOPTR, $8
DATA z512ln2Hi<>+0(SB)/8, $0x3fe62e42fee00000
GLOBL z512ln2Hi<>(SB), RODATA|NOPTR, $8
DATA z512ln2Lo<>+0(SB)/8, $0x3dea39ef35793c76
GLOBL z512ln2Lo<>(SB), RODATA|NOPTR, $8

// Constant registers: Z16 logShift, Z17 two52, Z18 c1023f, Z19 fracMask,
// Z20 sqrtHalfHi, Z21 one, Z22 two, Z23 lg1, Z24 lg2, Z25 lg3, Z26 lg4,
// Z27 lg5, Z28 lg6, Z29 lg7, Z30 ln2Hi, Z31 ln2Lo; half and
// oneMinusHalfUlp are embedded broadcasts.
#define ZCONSTS \
	VPBROADCASTQ z512logShift<>(SB), Z16; \
	VPBROADCASTQ z512two52<>(SB), Z17; \
	VPBROADCASTQ z512c1023f<>(SB), Z18; \
	VPBROADCASTQ z512fracMask<>(SB), Z19; \
	VPBROADCASTQ z512sqrtHalfHi<>(SB), Z20; \
	VPBROADCASTQ z512one<>(SB), Z21; \
	VPBROADCASTQ z512two<>(SB), Z22; \
	VPBROADCASTQ z512lg1<>(SB), Z23; \
	VPBROADCASTQ z512lg2<>(SB), Z24; \
	VPBROADCASTQ z512lg3<>(SB), Z25; \
	VPBROADCASTQ z512lg4<>(SB), Z26; \
	VPBROADCASTQ z512lg5<>(SB), Z27; \
	VPBROADCASTQ z512lg6<>(SB), Z28; \
	VPBROADCASTQ z512lg7<>(SB), Z29; \
	VPBROADCASTQ z512ln2Hi<>(SB), Z30; \
	VPBROADCASTQ z512ln2Lo<>(SB), Z31

// ZNEGLOG1-6 are NEGLOG1-6 of fastmath_amd64.s on zmm registers.
#define ZNEGLOG1(v, a, b, c, d, e, f) \
	VPADDQ  Z16, v, a; \
	VPSRLQ  $52, a, b; \
	VPORQ   Z17, b, b; \
	VSUBPD  Z17, b, b; \
	VSUBPD  Z18, b, b; \
	VPANDQ  Z19, a, a; \
	VPADDQ  Z20, a, a; \
	VSUBPD  Z21, a, a

#define ZNEGLOG2(v, a, b, c, d, e, f) \
	VADDPD  Z22, a, c; \
	VDIVPD  c, a, c

#define ZNEGLOG3(v, a, b, c, d, e, f) \
	VMULPD      c, c, d; \
	VMULPD      d, d, e; \
	VMOVAPD     Z28, f; \
	VFMADD213PD Z26, e, f; \
	VFMADD213PD Z24, e, f; \
	VMULPD      f, e, f

#define ZNEGLOG4(v, a, b, c, d, e, f) \
	VMOVAPD     Z29, v; \
	VFMADD213PD Z27, e, v; \
	VFMADD213PD Z25, e, v; \
	VFMADD213PD Z23, e, v; \
	VFMADD213PD f, d, v

#define ZNEGLOG5(v, a, b, c, d, e, f) \
	VMULPD.BCST z512half<>(SB), a, d; \
	VMULPD      a, d, d; \
	VADDPD      d, v, v; \
	VMULPD      Z31, b, e; \
	VFMADD213PD e, c, v

#define ZNEGLOG6(v, a, b, c, d, e, f) \
	VSUBPD       v, d, d; \
	VSUBPD       a, d, d; \
	VFNMADD231PD Z30, b, d; \
	VMOVAPD      d, v

#define ZNEGLOG(v, a, b, c, d, e, f) \
	ZNEGLOG1(v, a, b, c, d, e, f); \
	ZNEGLOG2(v, a, b, c, d, e, f); \
	ZNEGLOG3(v, a, b, c, d, e, f); \
	ZNEGLOG4(v, a, b, c, d, e, f); \
	ZNEGLOG5(v, a, b, c, d, e, f); \
	ZNEGLOG6(v, a, b, c, d, e, f)

// ZUNIFORM is UNIFORM on a zmm register.
#define ZUNIFORM(v) \
	VPSRLQ       $12, v, v; \
	VPORQ        Z21, v, v; \
	VSUBPD.BCST  z512oneMinusHalfUlp<>(SB), v, v

// func negLogsAVX512(dst []float64, uniform bool)
// negLogsAVX2 on eight lanes: sixteen elements at a time in two chains,
// then eight, then the last len%8 with a masked load and store.
TEXT ·negLogsAVX512(SB), NOSPLIT, $0-25
	MOVQ    dst_base+0(FP), DI
	MOVQ    dst_len+8(FP), CX
	MOVBLZX uniform+24(FP), DX
	ZCONSTS
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

zneg16:
	CMPQ      AX, BX
	JGE       zneg8
	VMOVUPD   (DI)(AX*8), Z0
	VMOVUPD   64(DI)(AX*8), Z7
	TESTQ     DX, DX
	JZ        zneg16log
	ZUNIFORM(Z0)
	ZUNIFORM(Z7)

zneg16log:
	ZNEGLOG1(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	ZNEGLOG1(Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	ZNEGLOG2(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	ZNEGLOG2(Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	ZNEGLOG3(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	ZNEGLOG3(Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	ZNEGLOG4(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	ZNEGLOG4(Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	ZNEGLOG5(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	ZNEGLOG5(Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	ZNEGLOG6(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	ZNEGLOG6(Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	VMOVUPD   Z0, (DI)(AX*8)
	VMOVUPD   Z7, 64(DI)(AX*8)
	ADDQ      $16, AX
	JMP       zneg16

zneg8:
	MOVQ CX, BX
	ANDQ $-8, BX
	CMPQ AX, BX
	JGE  znegtail
	VMOVUPD (DI)(AX*8), Z0
	TESTQ   DX, DX
	JZ      zneg8log
	ZUNIFORM(Z0)

zneg8log:
	ZNEGLOG(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	VMOVUPD Z0, (DI)(AX*8)
	ADDQ    $8, AX

znegtail:
	SUBQ  BX, CX
	JZ    znegdone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VMOVUPD.Z (DI)(AX*8), K1, Z0
	TESTQ DX, DX
	JZ    znegtaillog
	ZUNIFORM(Z0)

znegtaillog:
	ZNEGLOG(Z0, Z1, Z2, Z3, Z4, Z5, Z6)
	VMOVUPD Z0, K1, (DI)(AX*8)

znegdone:
	VZEROUPPER
	RET

// The exponential (expSumAVX2) on eight lanes.

DATA z512expMin<>+0(SB)/8, $0xc087500000000000
GLOBL z512expMin<>(SB), RODATA|NOPTR, $8
DATA z512expMax<>+0(SB)/8, $0x4086300000000000
GLOBL z512expMax<>(SB), RODATA|NOPTR, $8
DATA z512log2e<>+0(SB)/8, $0x3ff71547652b82fe
GLOBL z512log2e<>(SB), RODATA|NOPTR, $8
DATA z512roundup<>+0(SB)/8, $0x4338000000000000
GLOBL z512roundup<>(SB), RODATA|NOPTR, $8
DATA z512ex2<>+0(SB)/8, $0x3fe0000000000001
GLOBL z512ex2<>(SB), RODATA|NOPTR, $8
DATA z512ex3<>+0(SB)/8, $0x3fc5555555555556
GLOBL z512ex3<>(SB), RODATA|NOPTR, $8
DATA z512ex4<>+0(SB)/8, $0x3fa5555555553d68
GLOBL z512ex4<>(SB), RODATA|NOPTR, $8
DATA z512ex5<>+0(SB)/8, $0x3f811111111109b5
GLOBL z512ex5<>(SB), RODATA|NOPTR, $8
DATA z512ex6<>+0(SB)/8, $0x3f56c16c17889ef1
GLOBL z512ex6<>(SB), RODATA|NOPTR, $8
DATA z512ex7<>+0(SB)/8, $0x3f2a01a01a7c2efe
GLOBL z512ex7<>(SB), RODATA|NOPTR, $8
DATA z512ex8<>+0(SB)/8, $0x3efa019b9149a41c
GLOBL z512ex8<>(SB), RODATA|NOPTR, $8
DATA z512ex9<>+0(SB)/8, $0x3ec71de0db2f6b19
GLOBL z512ex9<>(SB), RODATA|NOPTR, $8
DATA z512ex10<>+0(SB)/8, $0x3e928917c89a43a7
GLOBL z512ex10<>(SB), RODATA|NOPTR, $8
DATA z512ex11<>+0(SB)/8, $0x3e5af389ecfc4b9c
GLOBL z512ex11<>(SB), RODATA|NOPTR, $8

// Constant registers of the exponential: Z16 expMin, Z17 expMax, Z18
// roundup, Z19 log2e, Z20 ln2Hi, Z21 ln2Lo, Z22-Z31 ex2-ex11;
// one is an embedded broadcast.
#define ZEXPCONSTS \
	VPBROADCASTQ z512expMin<>(SB), Z16; \
	VPBROADCASTQ z512expMax<>(SB), Z17; \
	VPBROADCASTQ z512roundup<>(SB), Z18; \
	VPBROADCASTQ z512log2e<>(SB), Z19; \
	VPBROADCASTQ z512ln2Hi<>(SB), Z20; \
	VPBROADCASTQ z512ln2Lo<>(SB), Z21; \
	VPBROADCASTQ z512ex2<>(SB), Z22; \
	VPBROADCASTQ z512ex3<>(SB), Z23; \
	VPBROADCASTQ z512ex4<>(SB), Z24; \
	VPBROADCASTQ z512ex5<>(SB), Z25; \
	VPBROADCASTQ z512ex6<>(SB), Z26; \
	VPBROADCASTQ z512ex7<>(SB), Z27; \
	VPBROADCASTQ z512ex8<>(SB), Z28; \
	VPBROADCASTQ z512ex9<>(SB), Z29; \
	VPBROADCASTQ z512ex10<>(SB), Z30; \
	VPBROADCASTQ z512ex11<>(SB), Z31

// ZEXP1-ZEXP6 are EXP1-EXP6 of fastmath_amd64.s on zmm registers, the shift
// in Z14 and the scale in Z15, but for the scaling: b holds k as a float64
// (ZEXP2) and ZEXP6 is one VSCALEFPD, y 2^k rounded once (to a subnormal,
// 0 or +Inf if need be), the bits of EXP6's two factors 2^k1 2^k2 (y 2^k1
// exact, then one rounding) with no branch for the k outside [-1021, 1023].
#define ZEXP1(x, a, b, c, d, e) \
	VSUBPD  Z14, x, x; \
	VMULPD  Z15, x, x; \
	VMAXPD  x, Z16, x; \
	VMINPD  x, Z17, x

#define ZEXP2(x, a, b, c, d, e) \
	VMOVAPD      Z18, a; \
	VFMADD231PD  Z19, x, a; \
	VSUBPD       Z18, a, b; \
	VFNMADD231PD Z20, b, x; \
	VFNMADD231PD Z21, b, x

#define ZEXP3(x, a, b, c, d, e) \
	VMULPD      x, x, a; \
	VMOVAPD     Z26, e; \
	VMOVAPD     Z31, c; \
	VMULPD      a, a, d; \
	VFMADD213PD Z25, x, e; \
	VFMADD213PD Z30, x, c; \
	VMULPD      x, d, d; \
	VFMADD213PD Z24, x, e; \
	VFMADD213PD Z29, x, c

#define ZEXP4(x, a, b, c, d, e) \
	VFMADD213PD Z23, x, e; \
	VFMADD213PD Z28, x, c; \
	VFMADD213PD Z22, x, e; \
	VFMADD213PD Z27, x, c

#define ZEXP5(x, a, b, c, d, e) \
	VFMADD213PD e, d, c; \
	VFMADD213PD x, a, c; \
	VADDPD.BCST z512one<>(SB), c, a

#define ZEXP6(x, a, b, c, d, e) \
	VSCALEFPD b, a, a

// ZEXP_Z0 sets Z1 = fastExp((Z0 - Z14) * Z15), temporaries Z2-Z5.
#define ZEXP_Z0 \
	ZEXP1(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP2(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP3(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP4(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP5(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP6(Z0, Z1, Z2, Z3, Z4, Z5)

// ZEXP16 sets Z1 and Z7 to fastExp((x - Z14) * Z15) of Z0 and Z6, in two
// chains (temporaries Z2-Z5 and Z8-Z11).
#define ZEXP16 \
	ZEXP1(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP1(Z6, Z7, Z8, Z9, Z10, Z11); \
	ZEXP2(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP2(Z6, Z7, Z8, Z9, Z10, Z11); \
	ZEXP3(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP3(Z6, Z7, Z8, Z9, Z10, Z11); \
	ZEXP4(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP4(Z6, Z7, Z8, Z9, Z10, Z11); \
	ZEXP5(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP5(Z6, Z7, Z8, Z9, Z10, Z11); \
	ZEXP6(Z0, Z1, Z2, Z3, Z4, Z5); \
	ZEXP6(Z6, Z7, Z8, Z9, Z10, Z11)

// ZSUM(y, z, t) adds the eight lanes of z (y its low half) to the partial sums in Y13 as four
// and then the next four elements: the order of expSumGo.
#define ZSUM(y, z, t) \
	VADDPD        y, Y13, Y13; \
	VEXTRACTF64X4 $1, z, t; \
	VADDPD        t, Y13, Y13

// ZEXPSUMLOOP is the loop of expSumAVX512 and expSum32AVX512: sixteen
// elements at a time in two chains, then eight, then the last len%8 under
// a mask, the masked-off lanes adding 0; EXPLOAD16, EXPLOAD8 and
// EXPLOADTAIL load x into Z0 (and Z6) as float64.
#define ZEXPSUMLOOP \
	MOVQ CX, BX; \
	ANDQ $-16, BX; \
	XORQ AX, AX; \
	zexp16: \
	CMPQ AX, BX; \
	JGE  zexp8; \
	EXPLOAD16; \
	ZEXP16; \
	VMOVUPD Z1, (DI)(AX*8); \
	VMOVUPD Z7, 64(DI)(AX*8); \
	ZSUM(Y1, Z1, Y3); \
	ZSUM(Y7, Z7, Y3); \
	ADDQ    $16, AX; \
	JMP     zexp16; \
	zexp8: \
	MOVQ CX, BX; \
	ANDQ $-8, BX; \
	CMPQ AX, BX; \
	JGE  zexptail; \
	EXPLOAD8; \
	ZEXP_Z0; \
	VMOVUPD Z1, (DI)(AX*8); \
	ZSUM(Y1, Z1, Y3); \
	ADDQ    $8, AX; \
	zexptail: \
	SUBQ  BX, CX; \
	JZ    zexpdone; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
	KMOVQ R8, K1; \
	EXPLOADTAIL; \
	ZEXP_Z0; \
	VMOVAPD.Z Z1, K1, Z1; \
	VMOVUPD   Z1, K1, (DI)(AX*8); \
	ZSUM(Y1, Z1, Y3); \
	zexpdone: \
	VMOVUPD Y13, (DX); \
	VZEROUPPER; \
	RET

// func expSumAVX512(dst, x []float64, shift, scale float64, p *[4]float64)
// expSumAVX2 on eight lanes: sixteen elements at a time in two chains,
// then eight, then the last len%8 with a masked load and store, the
// masked-off lanes adding 0.
#define EXPLOAD16 VMOVUPD (SI)(AX*8), Z0; VMOVUPD 64(SI)(AX*8), Z6
#define EXPLOAD8 VMOVUPD (SI)(AX*8), Z0
#define EXPLOADTAIL VMOVUPD.Z (SI)(AX*8), K1, Z0

TEXT ·expSumAVX512(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ p+64(FP), DX
	VBROADCASTSD shift+48(FP), Z14
	VBROADCASTSD scale+56(FP), Z15
	ZEXPCONSTS
	VXORPD Y13, Y13, Y13
	ZEXPSUMLOOP

#undef EXPLOAD16
#undef EXPLOAD8
#undef EXPLOADTAIL

// func expSum32AVX512(dst []float64, x []float32, shift, scale float64, p *[4]float64)
// expSumAVX512 of the float32 x, each converted exactly to float64 as it
// is loaded (VCVTPS2PD): the bits of prepBody then expSumAVX512, in one pass.
#define EXPLOAD16 VCVTPS2PD (SI)(AX*4), Z0; VCVTPS2PD 32(SI)(AX*4), Z6
#define EXPLOAD8 VCVTPS2PD (SI)(AX*4), Z0
#define EXPLOADTAIL VCVTPS2PD.Z (SI)(AX*4), K1, Z0

TEXT ·expSum32AVX512(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ p+64(FP), DX
	VBROADCASTSD shift+48(FP), Z14
	VBROADCASTSD scale+56(FP), Z15
	ZEXPCONSTS
	VXORPD Y13, Y13, Y13
	ZEXPSUMLOOP

#undef EXPLOAD16
#undef EXPLOAD8
#undef EXPLOADTAIL

// The perturbation (perturbAVX2) on eight lanes.

DATA z512negInf<>+0(SB)/8, $0xfff0000000000000
GLOBL z512negInf<>(SB), RODATA|NOPTR, $8
DATA z512posInf<>+0(SB)/8, $0x7ff0000000000000
GLOBL z512posInf<>(SB), RODATA|NOPTR, $8
DATA z512minusOne<>+0(SB)/8, $0xffffffffffffffff
GLOBL z512minusOne<>(SB), RODATA|NOPTR, $8
DATA z512sixteen<>+0(SB)/8, $16
GLOBL z512sixteen<>(SB), RODATA|NOPTR, $8
DATA z512eight<>+0(SB)/8, $8
GLOBL z512eight<>(SB), RODATA|NOPTR, $8
DATA z512laneIdx<>+0(SB)/8, $0
DATA z512laneIdx<>+8(SB)/8, $1
DATA z512laneIdx<>+16(SB)/8, $2
DATA z512laneIdx<>+24(SB)/8, $3
DATA z512laneIdx<>+32(SB)/8, $4
DATA z512laneIdx<>+40(SB)/8, $5
DATA z512laneIdx<>+48(SB)/8, $6
DATA z512laneIdx<>+56(SB)/8, $7
GLOBL z512laneIdx<>(SB), RODATA|NOPTR, $64

// ZPERT8(g, nostore) is one vector of eight of perturbAVX512 and
// perturbExpsAVX512: s = (l - c) + g (l from (SI)(AX*8) into Z0, c in Z11,
// g a register or memory operand), stored at (DI)(AX*8) unless R9 is 0,
// then the running maxima Z4 and their indices Z9 (the current ones in
// Z10, advanced by eight) and the bad flag K6 (!(l < +Inf), Z5 = +Inf).
#define ZPERT8(g, nostore) \
	VMOVUPD     (SI)(AX*8), Z0; \
	VSUBPD      Z11, Z0, Z1; \
	VADDPD      g, Z1, Z1; \
	TESTQ       R9, R9; \
	JZ          nostore; \
	VMOVUPD     Z1, (DI)(AX*8); \
nostore: \
	VCMPPD      $0x1e, Z4, Z1, K2; \
	VMOVAPD     Z1, K2, Z4; \
	VMOVDQA64   Z10, K2, Z9; \
	VPADDQ.BCST z512eight<>(SB), Z10, Z10; \
	VCMPPD      $5, Z5, Z0, K2; \
	KORB        K2, K6, K6

// ZPERTTAIL(nostore) is ZPERT8 for the last len%8 elements, the lanes of
// K1, g in Z2 (zero or finite past them).
#define ZPERTTAIL(nostore) \
	VMOVUPD.Z (SI)(AX*8), K1, Z0; \
	VSUBPD    Z11, Z0, Z1; \
	VADDPD    Z2, Z1, Z1; \
	TESTQ     R9, R9; \
	JZ        nostore; \
	VMOVUPD   Z1, K1, (DI)(AX*8); \
nostore: \
	VCMPPD    $0x1e, Z4, Z1, K1, K2; \
	VMOVAPD   Z1, K2, Z4; \
	VMOVDQA64 Z10, K2, Z9; \
	VCMPPD    $5, Z5, Z0, K1, K2; \
	KORB      K2, K6, K6

// ZARGDONE ends perturbAVX512 and perturbExpsAVX512: the lanes 4-7 of the
// running maxima Z4 and their indices Z9 merged into lanes 0-3 (the larger
// maximum, or the smaller index on a tie), the four lanes reduced as in
// perturbAVX2 (ARGMAX4), and max, arg and bad (K6) stored.
#define ZARGDONE \
	VEXTRACTF64X4 $1, Z4, Y12; \
	VEXTRACTI64X4 $1, Z9, Y13; \
	VCMPPD        $0x1e, Y4, Y12, Y2; \
	VCMPPD        $0, Y4, Y12, Y3; \
	VPCMPGTQ      Y13, Y9, Y7; \
	VPAND         Y3, Y7, Y7; \
	VPOR          Y2, Y7, Y7; \
	VBLENDVPD     Y7, Y12, Y4, Y4; \
	VBLENDVPD     Y7, Y13, Y9, Y9; \
	ARGMAX4(R8); \
	VMOVSD        X0, max+80(FP); \
	VMOVQ         X3, arg+88(FP); \
	KORTESTB      K6, K6; \
	SETNE         bad+96(FP)

// func perturbAVX512(dst, l, g []float64, c float64) (max float64, arg int, bad bool)
// perturbAVX2 on eight lanes: lane j keeps the largest s_i with i%8 == j
// (the first on ties) and its index, in two chains (i%16 < 8 and >= 8)
// merged lane by lane; the lanes are then combined as in perturbAVX2: the
// maximum, and the smallest index among the lanes that hold it. The last
// len%8 elements are read under a mask, the masked-off lanes taking no part.
TEXT ·perturbAVX512(SB), NOSPLIT, $0-97
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), R9                // 0: no stores
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	VPBROADCASTQ z512negInf<>(SB), Z4     // running maxima, chain A
	VMOVAPD      Z4, Z12                  // chain B
	VPBROADCASTQ z512minusOne<>(SB), Z9   // their indices
	VMOVDQA64    Z9, Z13
	VMOVDQU64    z512laneIdx<>(SB), Z10   // the indices of the current eight, A
	VPADDQ.BCST  z512eight<>(SB), Z10, Z15 // and B
	VPBROADCASTQ z512sixteen<>(SB), Z14
	VPBROADCASTQ z512posInf<>(SB), Z5
	VBROADCASTSD c+72(FP), Z11            // the shift
	KXORB K6, K6, K6                      // bad: NaN or +Inf seen
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

zarg16:
	CMPQ    AX, BX
	JGE     zargmerge
	VMOVUPD (SI)(AX*8), Z0
	VMOVUPD 64(SI)(AX*8), Z7
	VSUBPD  Z11, Z0, Z1
	VSUBPD  Z11, Z7, Z8
	VADDPD  (DX)(AX*8), Z1, Z1
	VADDPD  64(DX)(AX*8), Z8, Z8
	TESTQ   R9, R9
	JZ      zargnostore16
	VMOVUPD Z1, (DI)(AX*8)
	VMOVUPD Z8, 64(DI)(AX*8)

zargnostore16:
	VCMPPD    $0x1e, Z4, Z1, K2           // s > max (ordered: NaN never)
	VCMPPD    $0x1e, Z12, Z8, K3
	VMOVAPD   Z1, K2, Z4
	VMOVAPD   Z8, K3, Z12
	VMOVDQA64 Z10, K2, Z9
	VMOVDQA64 Z15, K3, Z13
	VPADDQ    Z14, Z10, Z10
	VPADDQ    Z14, Z15, Z15
	VCMPPD    $5, Z5, Z0, K2              // !(l < +Inf): NaN or +Inf
	VCMPPD    $5, Z5, Z7, K3
	KORB      K2, K3, K2
	KORB      K2, K6, K6
	ADDQ      $16, AX
	JMP       zarg16

zargmerge:
	// B into A lane by lane: B's maximum if larger, or equal with a
	// smaller index.
	VCMPPD    $0x1e, Z4, Z12, K2          // B > A
	VCMPPD    $0, Z4, Z12, K3             // B == A
	VPCMPGTQ  Z13, Z9, K4                 // idx A > idx B
	KANDB     K3, K4, K4
	KORB      K2, K4, K2
	VMOVAPD   Z12, K2, Z4
	VMOVDQA64 Z13, K2, Z9
	MOVQ      CX, BX
	ANDQ      $-8, BX
	CMPQ      AX, BX
	JGE       zargtail
	ZPERT8((DX)(AX*8), zargnostore8)
	ADDQ      $8, AX

zargtail:
	SUBQ  BX, CX
	JZ    zargdone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VMOVUPD.Z (DX)(AX*8), K1, Z2
	ZPERTTAIL(zargnostoretail)

zargdone:
	ZARGDONE
	VZEROUPPER
	RET

// func perturbExpsAVX512(dst, l, e []float64, c float64) (max float64, arg int, bad bool)
// perturbAVX512 of the Gumbels g = -log e (ZNEGLOG, the second pass of
// gumbelsBody, to the bit), computed in the same pass, eight at a time in
// one chain: lane j keeps the largest s_i = (l_i - c) + g_i with
// i%8 == j (the first on ties) and its index; the last len%8 are read
// under a mask; the lanes are combined as in perturbAVX512 (zargdone).
// Registers: Z0 l, Z1 s, Z2 e then g, Z3 Z6 Z7 Z8 Z12 Z13 the logarithm's
// temporaries, Z4 the maxima, Z9 their indices, Z10 the current indices,
// Z11 c, Z5 +Inf, Z16-Z31 ZCONSTS.
TEXT ·perturbExpsAVX512(SB), NOSPLIT, $0-97
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), R9                // 0: no stores
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ e_base+48(FP), DX
	ZCONSTS
	VPBROADCASTQ z512negInf<>(SB), Z4
	VPBROADCASTQ z512minusOne<>(SB), Z9
	VMOVDQU64    z512laneIdx<>(SB), Z10
	VPBROADCASTQ z512posInf<>(SB), Z5
	VBROADCASTSD c+72(FP), Z11
	KXORB K6, K6, K6
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

zpe8:
	CMPQ    AX, BX
	JGE     zpetail
	VMOVUPD (DX)(AX*8), Z2
	ZNEGLOG(Z2, Z3, Z6, Z7, Z8, Z12, Z13)
	ZPERT8(Z2, zpenostore8)
	ADDQ    $8, AX
	JMP         zpe8

zpetail:
	SUBQ  BX, CX
	JZ    zpedone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VPBROADCASTQ z512one<>(SB), Z2        // masked-off lanes: log 1, no NaN
	VMOVUPD   (DX)(AX*8), K1, Z2
	ZNEGLOG(Z2, Z3, Z6, Z7, Z8, Z12, Z13)
	ZPERTTAIL(zpenostoretail)

zpedone:
	ZARGDONE
	VZEROUPPER
	RET

// func scaleAVX512(dst []float64, c float64)
// dst[i] *= c, sixteen at a time, the last len%16 under masks.
TEXT ·scaleAVX512(SB), NOSPLIT, $0-32
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	VBROADCASTSD c+24(FP), Z1
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

zscale16:
	CMPQ    AX, BX
	JGE     zscaletail
	VMULPD  (DI)(AX*8), Z1, Z0
	VMULPD  64(DI)(AX*8), Z1, Z2
	VMOVUPD Z0, (DI)(AX*8)
	VMOVUPD Z2, 64(DI)(AX*8)
	ADDQ    $16, AX
	JMP     zscale16

zscaletail:
	SUBQ  BX, CX
	JZ    zscaledone
	CMPQ  CX, $8
	JL    zscalelast
	VMULPD  (DI)(AX*8), Z1, Z0
	VMOVUPD Z0, (DI)(AX*8)
	ADDQ    $8, AX
	SUBQ    $8, CX
	JZ      zscaledone

zscalelast:
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VMOVUPD.Z (DI)(AX*8), K1, Z0
	VMULPD    Z0, Z1, Z0
	VMOVUPD   Z0, K1, (DI)(AX*8)

zscaledone:
	VZEROUPPER
	RET

// func raceAVX512(dst, e, l []float64, c, scale float64, n int, p *[4]float64)
// raceAVX2 on eight lanes: dst[i] = fastExp((l[i]-c)*scale) / e[i]^n (the
// power formed left to right), p[j] += the dst[i] with i%4 == j, in order.
// Sixteen elements at a time in two chains, then eight, then the last
// len%8 under a mask, the masked-off lanes adding 0.
TEXT ·raceAVX512(SB), NOSPLIT, $0-104
	MOVQ dst_base+0(FP), DI
	MOVQ e_base+24(FP), DX
	MOVQ l_base+48(FP), SI
	MOVQ l_len+56(FP), CX
	VBROADCASTSD c+72(FP), Z14
	VBROADCASTSD scale+80(FP), Z15
	MOVQ n+88(FP), R10
	MOVQ p+96(FP), R9
	ZEXPCONSTS
	VMOVUPD (R9), Y13                     // the partial sums
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

	// Sixteen at a time in two chains (the exponential's latency would
	// otherwise leave the divider idle).
zrace16:
	CMPQ AX, BX
	JGE  zrace8start
	VMOVUPD (SI)(AX*8), Z0
	VMOVUPD 64(SI)(AX*8), Z6
	ZEXP16
	VMOVUPD (DX)(AX*8), Z2
	VMOVUPD 64(DX)(AX*8), Z8
	MOVQ    R10, R11

zracepow16loop:
	DECQ   R11
	JZ     zracediv16
	VMULPD (DX)(AX*8), Z2, Z2
	VMULPD 64(DX)(AX*8), Z8, Z8
	JMP    zracepow16loop

zracediv16:
	VDIVPD  Z2, Z1, Z1
	VDIVPD  Z8, Z7, Z7
	VMOVUPD Z1, (DI)(AX*8)
	VMOVUPD Z7, 64(DI)(AX*8)
	ZSUM(Y1, Z1, Y3)
	ZSUM(Y7, Z7, Y3)
	ADDQ    $16, AX
	JMP     zrace16

zrace8start:
	MOVQ CX, BX
	ANDQ $-8, BX

zrace8:
	CMPQ AX, BX
	JGE  zracetail
	VMOVUPD (SI)(AX*8), Z0
	ZEXP_Z0
	VMOVUPD (DX)(AX*8), Z6
	MOVQ    R10, R11

zracepow8:
	DECQ   R11
	JZ     zracediv8
	VMULPD (DX)(AX*8), Z6, Z6
	JMP    zracepow8

zracediv8:
	VDIVPD  Z6, Z1, Z1
	VMOVUPD Z1, (DI)(AX*8)
	ZSUM(Y1, Z1, Y3)
	ADDQ    $8, AX
	JMP     zrace8

zracetail:
	SUBQ  BX, CX
	JZ    zracedone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VMOVUPD.Z (SI)(AX*8), K1, Z0
	VMOVUPD.Z (DX)(AX*8), K1, Z7
	ZEXP_Z0
	VMOVAPD Z7, Z6
	MOVQ    R10, R11

zracepowt:
	DECQ   R11
	JZ     zracedivt
	VMULPD Z7, Z6, Z6
	JMP    zracepowt

zracedivt:
	VDIVPD    Z6, Z1, Z1
	VMOVAPD.Z Z1, K1, Z1                  // masked-off lanes (0/0): 0
	VMOVUPD   Z1, K1, (DI)(AX*8)
	ZSUM(Y1, Z1, Y3)

zracedone:
	VMOVUPD Y13, (R9)
	VZEROUPPER
	RET

// func prepAVX512(w []float64, x []float32) (max float64, bad bool)
// w[i] = float64(x[i]), exactly; max is the largest w[i] (-Inf if none is
// larger; NaNs skipped, as maxAVX2), bad reports a NaN or +Inf in w.
// Sixteen at a time in two chains, the last len%16 under masks.
TEXT ·prepAVX512(SB), NOSPLIT, $0-57
	MOVQ w_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	VPBROADCASTQ z512negInf<>(SB), Z4
	VMOVAPD      Z4, Z5
	VPBROADCASTQ z512posInf<>(SB), Z6
	KXORB K6, K6, K6
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

zprep16:
	CMPQ      AX, BX
	JGE       zpreptail
	VCVTPS2PD (SI)(AX*4), Z0
	VCVTPS2PD 32(SI)(AX*4), Z1
	VMOVUPD   Z0, (DI)(AX*8)
	VMOVUPD   Z1, 64(DI)(AX*8)
	VMAXPD    Z4, Z0, Z4
	VMAXPD    Z5, Z1, Z5
	VCMPPD    $3, Z0, Z0, K2
	VCMPPD    $3, Z1, Z1, K3
	KORB      K2, K6, K6
	KORB      K3, K6, K6
	VCMPPD    $0, Z6, Z0, K2
	VCMPPD    $0, Z6, Z1, K3
	KORB      K2, K6, K6
	KORB      K3, K6, K6
	ADDQ      $16, AX
	JMP       zprep16

zpreptail:
	SUBQ  BX, CX
	JZ    zprepdone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	KSHIFTRW $8, K1, K7                   // the lanes of the second eight
	VCVTPS2PD.Z (SI)(AX*4), K1, Z0
	VCVTPS2PD.Z 32(SI)(AX*4), K7, Z1
	VMOVUPD   Z0, K1, (DI)(AX*8)
	VMOVUPD   Z1, K7, 64(DI)(AX*8)
	VMAXPD    Z4, Z0, K1, Z4
	VMAXPD    Z5, Z1, K7, Z5
	VCMPPD    $3, Z0, Z0, K1, K2
	VCMPPD    $3, Z1, Z1, K7, K3
	KORB      K2, K6, K6
	KORB      K3, K6, K6
	VCMPPD    $0, Z6, Z0, K1, K2
	VCMPPD    $0, Z6, Z1, K7, K3
	KORB      K2, K6, K6
	KORB      K3, K6, K6

zprepdone:
	VMAXPD        Z5, Z4, Z4
	VEXTRACTF64X4 $1, Z4, Y0
	VMAXPD        Y0, Y4, Y4
	VEXTRACTF128  $1, Y4, X0
	VMAXPD        X0, X4, X4
	VPERMILPD     $1, X4, X0
	VMAXSD        X0, X4, X4
	VMOVSD        X4, max+48(FP)
	KORTESTB      K6, K6
	SETNE         bad+56(FP)
	VZEROUPPER
	RET

// The index alone (Gumbel-max, the hard sample) from the source's raw bits:
// approximate keys, then the exact key of the few candidates (sample.go).

// q0-q4: q(f) = q0 + f (q1 + f (q2 + f (q3 + f q4))), f q(f) within 5.2e-5
// relatively of log(1 + f) on [-1/4, 1/2) (a weighted least-squares fit,
// iterated towards minimax; the fit and its check are in
// TestApproxKeys).
DATA z512q0<>+0(SB)/8, $0x3fefff94a478346b
GLOBL z512q0<>(SB), RODATA|NOPTR, $8
DATA z512q1<>+0(SB)/8, $0xbfdfffb0d39c834d
GLOBL z512q1<>(SB), RODATA|NOPTR, $8
DATA z512q2<>+0(SB)/8, $0x3fd5a9d1fc9fb712
GLOBL z512q2<>(SB), RODATA|NOPTR, $8
DATA z512q3<>+0(SB)/8, $0xbfd081b29105cb36
GLOBL z512q3<>(SB), RODATA|NOPTR, $8
DATA z512q4<>+0(SB)/8, $0x3fc1acfa529896f2
GLOBL z512q4<>(SB), RODATA|NOPTR, $8
DATA z512ln2<>+0(SB)/8, $0x3fe62e42fefa39ef
GLOBL z512ln2<>(SB), RODATA|NOPTR, $8

DATA z512twoBound<>+0(SB)/8, $0x3f60624dd2f1a9fc
GLOBL z512twoBound<>(SB), RODATA|NOPTR, $8

// ALOG sets p = alog(|x|) = k ln2 + f q(f), |x| = 2^k m with m = 1 + f in
// [3/4, 3/2) (VGETEXPPD, VGETMANTPD with the interval [3/4, 3/2) and the
// sign cleared, the exponent raised by one where the mantissa was halved),
// using k and m as temporaries and K2. Constants: Z16-Z20 = q0-q4, Z21 = 1,
// Z25 = ln2.
#define ALOG(x, k, m, p) \
	VGETEXPPD   x, k; \
	VGETMANTPD  $7, x, m; \
	VCMPPD      $0x11, Z21, m, K2; \
	VADDPD      Z21, k, K2, k; \
	VSUBPD      Z21, m, m; \
	VMOVAPD     Z20, p; \
	VFMADD213PD Z19, m, p; \
	VFMADD213PD Z18, m, p; \
	VFMADD213PD Z17, m, p; \
	VFMADD213PD Z16, m, p; \
	VMULPD      m, p, p; \
	VFMADD231PD Z25, k, p

// KEYS8 sets Z1 to the approximate keys (l - c) - alog(alog(U)) of the l in
// Z0 and the raw bits in Z2, U = uniformOpen(bits) (Z26 = 1 - 2^-53):
// alog(U) is log U within 7.5e-5 relatively (the absolute error of
// k ln2 is nil and |log U| >= 0.287 wherever k != 0), so alog of it is
// log(-log U) within about 1e-4.
#define KEYS8 \
	VPSRLQ  $12, Z2, Z2; \
	VPORQ   Z21, Z2, Z2; \
	VSUBPD  Z26, Z2, Z2; \
	ALOG(Z2, Z3, Z4, Z5); \
	ALOG(Z5, Z3, Z4, Z6); \
	VSUBPD  Z15, Z0, Z1; \
	VSUBPD  Z6, Z1, Z1

// func candidatesAVX512(mask []uint64, keys, l, bits []float64, c, lo float64) (bad bool)
// First the approximate keys keys[i] = (l[i] - c) - alog(alog(U_i)) (see
// KEYS8), U_i = uniformOpen of the bits of bits[i]; bad reports a NaN or
// +Inf in l. Then the candidate mask: bit i%64 of mask[i/64] is set iff
// keys[i] >= thr, thr = max(the largest key - 2 keyBound, lo), lo the best
// exact key so far minus keyBound (2 keyBound = 0.002 in z512twoBound). The
// last len%8 under masks.
TEXT ·candidatesAVX512(SB), NOSPLIT, $0-113
	MOVQ keys_base+24(FP), DI
	MOVQ l_base+48(FP), SI
	MOVQ l_len+56(FP), CX
	MOVQ bits_base+72(FP), DX
	VBROADCASTSD c+96(FP), Z15
	VPBROADCASTQ z512q0<>(SB), Z16
	VPBROADCASTQ z512q1<>(SB), Z17
	VPBROADCASTQ z512q2<>(SB), Z18
	VPBROADCASTQ z512q3<>(SB), Z19
	VPBROADCASTQ z512q4<>(SB), Z20
	VPBROADCASTQ z512one<>(SB), Z21
	VPBROADCASTQ z512posInf<>(SB), Z24
	VPBROADCASTQ z512ln2<>(SB), Z25
	VPBROADCASTQ z512oneMinusHalfUlp<>(SB), Z26
	VPBROADCASTQ z512negInf<>(SB), Z9
	KXORB K6, K6, K6
	MOVQ CX, BX
	ANDQ $-8, BX
	XORQ AX, AX

zac8:
	CMPQ      AX, BX
	JGE       zactail
	VMOVUPD   (SI)(AX*8), Z0
	VMOVDQU64 (DX)(AX*8), Z2
	KEYS8
	VMOVUPD   Z1, (DI)(AX*8)
	VMAXPD    Z9, Z1, Z9
	VCMPPD    $5, Z24, Z0, K3 // !(l < +Inf): NaN or +Inf
	KORB      K3, K6, K6
	ADDQ      $8, AX
	JMP       zac8

zactail:
	SUBQ  BX, CX
	JZ    zacmax
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VMOVUPD.Z   (SI)(AX*8), K1, Z0
	VMOVDQU64.Z (DX)(AX*8), K1, Z2
	KEYS8
	VMOVUPD    Z1, K1, (DI)(AX*8)
	VMAXPD     Z9, Z1, K1, Z9
	VCMPPD     $5, Z24, Z0, K1, K3
	KORB       K3, K6, K6

zacmax:
	VEXTRACTF64X4 $1, Z9, Y0
	VMAXPD        Y0, Y9, Y9
	VEXTRACTF128  $1, Y9, X0
	VMAXPD        X0, X9, X9
	VPERMILPD     $1, X9, X0
	VMAXSD        X0, X9, X9
	VSUBSD        z512twoBound<>(SB), X9, X9   // max - 2 keyBound
	VMAXSD        lo+104(FP), X9, X9           // thr (a NaN max: lo)
	VBROADCASTSD  X9, Z1
	// The candidates: bit i%64 of mask[i/64] iff keys[i] >= thr.
	MOVQ mask_base+0(FP), R11
	MOVQ keys_base+24(FP), SI
	MOVQ l_len+56(FP), BX
	MOVQ BX, R12
	ANDQ $-8, R12
	XORQ AX, AX
	XORQ R9, R9

zacc8:
	CMPQ    AX, R12
	JGE     zacctail
	VCMPPD  $0x12, (SI)(AX*8), Z1, K2
	KMOVB   K2, R8
	MOVQ    AX, CX
	ANDQ    $63, CX
	SHLQ    CX, R8
	ORQ     R8, R9
	ADDQ    $8, AX
	TESTQ   $63, AX
	JNZ     zacc8
	MOVQ    R9, (R11)
	ADDQ    $8, R11
	XORQ    R9, R9
	JMP     zacc8

zacctail:
	MOVQ BX, CX
	SUBQ AX, CX
	JZ   zaccdone
	MOVQ $1, R8
	SHLQ CX, R8
	DECQ R8
	KMOVQ R8, K1
	VMOVUPD.Z (SI)(AX*8), K1, Z0
	VCMPPD  $0x1d, Z1, Z0, K1, K2
	KMOVB   K2, R8
	MOVQ    AX, CX
	ANDQ    $63, CX
	SHLQ    CX, R8
	ORQ     R8, R9
	MOVQ    R9, (R11)
	JMP     zaccend

zaccdone:
	TESTQ $63, AX
	JZ    zaccend
	MOVQ  R9, (R11)

zaccend:
	KORTESTB K6, K6
	SETNE    bad+112(FP)
	VZEROUPPER
	RET

// func narrowAVX512(dst []float32, src []float64)
// dst[i] = float32(src[i]), rounded to nearest even (the MXCSR default, as
// Go's conversion): sixteen at a time, the last len%16 under masks.
TEXT ·narrowAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

znarrow16:
	CMPQ      AX, BX
	JGE       znarrowtail
	VMOVUPD   (SI)(AX*8), Z0
	VMOVUPD   64(SI)(AX*8), Z1
	VCVTPD2PS Z0, Y0
	VCVTPD2PS Z1, Y1
	VMOVUPS   Y0, (DI)(AX*4)
	VMOVUPS   Y1, 32(DI)(AX*4)
	ADDQ      $16, AX
	JMP       znarrow16

znarrowtail:
	SUBQ     BX, CX
	JZ       znarrowdone
	MOVQ     $1, R8
	SHLQ     CX, R8
	DECQ     R8
	KMOVQ    R8, K1
	KSHIFTRW $8, K1, K7
	VMOVUPD.Z (SI)(AX*8), K1, Z0
	VMOVUPD.Z 64(SI)(AX*8), K7, Z1
	VCVTPD2PS Z0, Y0
	VCVTPD2PS Z1, Y1
	VMOVUPS   Y0, K1, (DI)(AX*4)
	VMOVUPS   Y1, K7, 32(DI)(AX*4)

znarrowdone:
	VZEROUPPER
	RET

DATA z512nan<>+0(SB)/8, $0x7ff8000000000000
GLOBL z512nan<>(SB), RODATA|NOPTR, $8

// ZHMAX(z, t) sets every lane of z to the largest of its eight lanes
// (no NaN among them): halves, quarters, pairs.
#define ZHMAX(z, t) \
	VSHUFF64X2 $0x4e, z, z, t; \
	VMAXPD     t, z, z; \
	VSHUFF64X2 $0xb1, z, z, t; \
	VMAXPD     t, z, z; \
	VPERMILPD  $0x55, z, t; \
	VMAXPD     t, z, z

// BEXP1-BEXP4 are ZEXP1-ZEXP4 with the constants as embedded broadcasts
// (so that Z16-Z31 can hold a second row), for the exponent shift 0 and
// scale 1 of the short-row kernel (x - 0 and x * 1 are x, infinities
// included, and no NaN reaches them), expMin in Z12 and expMax in Z13:
// the same operations on the same values, so the same bits.
#define BEXP1(x, a, b, c, d, e) \
	VMAXPD x, Z12, x; \
	VMINPD x, Z13, x

#define BEXP2(x, a, b, c, d, e) \
	VBROADCASTSD          z512roundup<>(SB), a; \
	VFMADD231PD.BCST      z512log2e<>(SB), x, a; \
	VSUBPD.BCST           z512roundup<>(SB), a, b; \
	VFNMADD231PD.BCST     z512ln2Hi<>(SB), b, x; \
	VFNMADD231PD.BCST     z512ln2Lo<>(SB), b, x

#define BEXP3(x, a, b, c, d, e) \
	VMULPD           x, x, a; \
	VBROADCASTSD     z512ex6<>(SB), e; \
	VBROADCASTSD     z512ex11<>(SB), c; \
	VMULPD           a, a, d; \
	VFMADD213PD.BCST z512ex5<>(SB), x, e; \
	VFMADD213PD.BCST z512ex10<>(SB), x, c; \
	VMULPD           x, d, d; \
	VFMADD213PD.BCST z512ex4<>(SB), x, e; \
	VFMADD213PD.BCST z512ex9<>(SB), x, c

#define BEXP4(x, a, b, c, d, e) \
	VFMADD213PD.BCST z512ex3<>(SB), x, e; \
	VFMADD213PD.BCST z512ex8<>(SB), x, c; \
	VFMADD213PD.BCST z512ex2<>(SB), x, e; \
	VFMADD213PD.BCST z512ex7<>(SB), x, c

// BSUM(y1, z1, y7, z7, t, u, xt, xu) is the lane sum of the short-row
// kernel (laneSum's order) of the row in z1, z7 into xt; t/u (xt/xu their
// low halves) are temporaries below Z16 (VHADDPD has no EVEX form).
#define BSUM(y1, z1, y7, z7, t, u, xt, xu) \
	VEXTRACTF64X4 $1, z1, t; \
	VADDPD        t, y1, t; \
	VADDPD        y7, t, t; \
	VEXTRACTF64X4 $1, z7, u; \
	VADDPD        u, t, t; \
	VEXTRACTF128  $1, t, xu; \
	VHADDPD       xu, xt, xt; \
	VPERMILPD     $1, xt, xu; \
	VADDSD        xu, xt, xt

// func softShortAVX512(dst []float64, dstStride int, l []float64, lStride int, g []float64, k int, inv float64, pert []float64, pertStride int, idx []int)
// The soft samples of the rows of k <= 16 logits of l (row r at r*lStride)
// with the Gumbels g (row r at r*k), into dst (row r at r*dstStride), one
// row in two vectors of eight lanes (K1 and K2 mask the row's lanes): the
// values relaxRows' short-row path gives (perturbFrom, then relaxShort), to
// the bit. Per row: c = max l, s = float64(l - c) + g, m = max s,
// t = (s - m) inv, e = fastExp(t) (ZEXP1-ZEXP6), the sum in laneSum's
// order, and e times 1/sum; NaN if the row has a NaN or +Inf logit or
// none above -Inf. len(g) is the number of rows times k. Unless pert is
// nil, it also stores each row's s into pert (row r at r*pertStride) and
// the first index of its maximum into idx[r], perturbFrom's values: for a
// NaN row s = float64(l - 0) + g and the index -1.
TEXT ·softShortAVX512(SB), NOSPLIT, $0-160
	MOVQ dst_base+0(FP), DI
	MOVQ dstStride+24(FP), R9
	MOVQ l_base+32(FP), SI
	MOVQ lStride+56(FP), R10
	MOVQ g_base+64(FP), DX
	MOVQ g_len+72(FP), R11
	MOVQ k+88(FP), CX
	MOVQ pert_base+104(FP), BX
	MOVQ pertStride+128(FP), R13
	MOVQ idx_base+136(FP), R8
	SHLQ $3, R9                           // strides in bytes
	SHLQ $3, R10
	SHLQ $3, R13
	// K1: lanes min(k, 8); K2: lanes k - 8 of the second vector.
	MOVQ  $1, R12
	SHLQ  CX, R12
	DECQ  R12
	KMOVQ R12, K1
	KSHIFTRW $8, K1, K2
	XORQ  AX, AX                          // offset into g

	// Two rows at a time, A (Z0-Z11) and B (Z16-Z27), their operations
	// interleaved: one row's chain (two maxima across lanes, the
	// exponential, the lane sum, a division) is too long for the
	// scheduler to overlap the next row's. A pair with a NaN, +Inf or
	// all -Inf row goes to the one-row path below (for row A; B is then
	// the next pair's A), and so does a last odd row. The same
	// operations on each row as the one-row path: the same bits.
sspair:
	CMPQ AX, R11
	JGE  sshortdone
	LEAQ (AX)(CX*2), R12
	CMPQ R12, R11
	JGT  sone
	SHLQ $3, AX
	VBROADCASTSD z512negInf<>(SB), Z0
	VMOVAPD      Z0, Z6
	VMOVAPD      Z0, Z16
	VMOVAPD      Z0, Z22
	VMOVUPD      (SI), K1, Z0
	VMOVUPD      64(SI), K2, Z6
	VMOVUPD      (SI)(R10*1), K1, Z16
	VMOVUPD      64(SI)(R10*1), K2, Z22
	VCMPPD.BCST  $5, z512posInf<>(SB), Z0, K3   // !(l < +Inf): NaN or +Inf
	VCMPPD.BCST  $5, z512posInf<>(SB), Z6, K4
	VCMPPD.BCST  $5, z512posInf<>(SB), Z16, K5
	VCMPPD.BCST  $5, z512posInf<>(SB), Z22, K6
	KORB         K3, K4, K3
	KORB         K5, K6, K5
	KORTESTB     K3, K5
	JNZ          spairone
	VMAXPD       Z6, Z0, Z8
	VMAXPD       Z22, Z16, Z24
	ZHMAX(Z8, Z9)                         // c of A
	ZHMAX(Z24, Z25)                       // c of B
	VUCOMISD     z512negInf<>(SB), X8
	JEQ          spairone                 // every logit of A -Inf
	VUCOMISD     z512negInf<>(SB), X24
	JEQ          spairone
	LEAQ         (DX)(AX*1), R12          // B's Gumbels at (R12)(CX*8)
	VMOVUPD.Z    (DX)(AX*1), K1, Z1
	VMOVUPD.Z    64(DX)(AX*1), K2, Z7
	VMOVUPD.Z    (R12)(CX*8), K1, Z17
	VMOVUPD.Z    64(R12)(CX*8), K2, Z23
	VSUBPD       Z8, Z0, Z0
	VSUBPD       Z8, Z6, Z6
	VSUBPD       Z24, Z16, Z16
	VSUBPD       Z24, Z22, Z22
	VADDPD       Z1, Z0, Z0               // s
	VADDPD       Z7, Z6, Z6
	VADDPD       Z17, Z16, Z16
	VADDPD       Z23, Z22, Z22
	VMAXPD       Z6, Z0, Z8
	VMAXPD       Z22, Z16, Z24
	ZHMAX(Z8, Z9)                         // m of A
	ZHMAX(Z24, Z25)                       // m of B
	TESTQ        BX, BX
	JZ           spairnopert
	VMOVUPD      Z0, K1, (BX)             // s into pert
	VMOVUPD      Z6, K2, 64(BX)
	VMOVUPD      Z16, K1, (BX)(R13*1)
	VMOVUPD      Z22, K2, 64(BX)(R13*1)
	VCMPPD       $0, Z8, Z0, K3           // lanes equal to m (past the row: -Inf)
	VCMPPD       $0, Z8, Z6, K4
	KUNPCKBW     K3, K4, K5
	KMOVW        K5, R12
	BSFL         R12, R12                 // the first of them
	MOVQ         R12, (R8)
	VCMPPD       $0, Z24, Z16, K3
	VCMPPD       $0, Z24, Z22, K4
	KUNPCKBW     K3, K4, K5
	KMOVW        K5, R12
	BSFL         R12, R12
	MOVQ         R12, 8(R8)
	LEAQ         (BX)(R13*2), BX
	ADDQ         $16, R8

spairnopert:
	VBROADCASTSD inv+96(FP), Z15
	VSUBPD       Z8, Z0, Z0
	VSUBPD       Z8, Z6, Z6
	VSUBPD       Z24, Z16, Z16
	VSUBPD       Z24, Z22, Z22
	VMULPD       Z15, Z0, Z0              // t
	VMULPD       Z15, Z6, Z6
	VMULPD       Z15, Z16, Z16
	VMULPD       Z15, Z22, Z22
	VMOVAPD.Z    Z0, K1, Z0               // lanes past the row: t = 0
	VMOVAPD.Z    Z6, K2, Z6
	VMOVAPD.Z    Z16, K1, Z16
	VMOVAPD.Z    Z22, K2, Z22
	VPBROADCASTQ z512expMin<>(SB), Z12
	VPBROADCASTQ z512expMax<>(SB), Z13
	BEXP1(Z0, Z1, Z2, Z3, Z4, Z5)
	BEXP1(Z6, Z7, Z8, Z9, Z10, Z11)
	BEXP1(Z16, Z17, Z18, Z19, Z20, Z21)
	BEXP1(Z22, Z23, Z24, Z25, Z26, Z27)
	BEXP2(Z0, Z1, Z2, Z3, Z4, Z5)
	BEXP2(Z6, Z7, Z8, Z9, Z10, Z11)
	BEXP2(Z16, Z17, Z18, Z19, Z20, Z21)
	BEXP2(Z22, Z23, Z24, Z25, Z26, Z27)
	BEXP3(Z0, Z1, Z2, Z3, Z4, Z5)
	BEXP3(Z6, Z7, Z8, Z9, Z10, Z11)
	BEXP3(Z16, Z17, Z18, Z19, Z20, Z21)
	BEXP3(Z22, Z23, Z24, Z25, Z26, Z27)
	BEXP4(Z0, Z1, Z2, Z3, Z4, Z5)
	BEXP4(Z6, Z7, Z8, Z9, Z10, Z11)
	BEXP4(Z16, Z17, Z18, Z19, Z20, Z21)
	BEXP4(Z22, Z23, Z24, Z25, Z26, Z27)
	ZEXP5(Z0, Z1, Z2, Z3, Z4, Z5)
	ZEXP5(Z6, Z7, Z8, Z9, Z10, Z11)
	ZEXP5(Z16, Z17, Z18, Z19, Z20, Z21)
	ZEXP5(Z22, Z23, Z24, Z25, Z26, Z27)
	ZEXP6(Z0, Z1, Z2, Z3, Z4, Z5)
	ZEXP6(Z6, Z7, Z8, Z9, Z10, Z11)
	ZEXP6(Z16, Z17, Z18, Z19, Z20, Z21)
	ZEXP6(Z22, Z23, Z24, Z25, Z26, Z27)
	VMOVAPD.Z    Z1, K1, Z1               // lanes past the row: 0
	VMOVAPD.Z    Z7, K2, Z7
	VMOVAPD.Z    Z17, K1, Z17
	VMOVAPD.Z    Z23, K2, Z23
	BSUM(Y1, Z1, Y7, Z7, Y3, Y4, X3, X4)
	BSUM(Y17, Z17, Y23, Z23, Y12, Y13, X12, X13)
	VMOVSD       z512one<>(SB), X4
	VMOVSD       z512one<>(SB), X13
	VDIVSD       X3, X4, X4               // 1 / sum
	VDIVSD       X12, X13, X13
	VBROADCASTSD X4, Z4
	VBROADCASTSD X13, Z13
	VMULPD       Z4, Z1, Z1
	VMULPD       Z4, Z7, Z7
	VMULPD       Z13, Z17, Z17
	VMULPD       Z13, Z23, Z23
	VMOVUPD      Z1, K1, (DI)
	VMOVUPD      Z7, K2, 64(DI)
	VMOVUPD      Z17, K1, (DI)(R9*1)
	VMOVUPD      Z23, K2, 64(DI)(R9*1)
	SHRQ $3, AX
	LEAQ (AX)(CX*2), AX
	LEAQ (DI)(R9*2), DI
	LEAQ (SI)(R10*2), SI
	JMP  sspair

spairone:
	SHRQ $3, AX

	// One row: row A alone (a bad pair, or the last row).
sone:
	ZEXPCONSTS
	VXORPD       Z14, Z14, Z14            // the exponential's shift 0
	VBROADCASTSD z512one<>(SB), Z15       // and scale 1
	CMPQ AX, R11
	JGE  sshortdone
	SHLQ $3, AX
	VBROADCASTSD z512negInf<>(SB), Z0
	VBROADCASTSD z512negInf<>(SB), Z6
	VMOVUPD      (SI), K1, Z0
	VMOVUPD      64(SI), K2, Z6
	// A NaN or +Inf logit: a NaN row.
	VCMPPD.BCST  $0, z512posInf<>(SB), Z0, K3
	VCMPPD.BCST  $0, z512posInf<>(SB), Z6, K4
	VCMPPD       $3, Z0, Z0, K5
	VCMPPD       $3, Z6, Z6, K6
	KORB         K3, K4, K3
	KORB         K5, K6, K5
	KORTESTB     K3, K5
	JNZ          sshortnan
	VMAXPD       Z6, Z0, Z8
	ZHMAX(Z8, Z9)                         // c in every lane
	VUCOMISD     z512negInf<>(SB), X8
	JEQ          sshortnan                // every logit -Inf
	VMOVUPD.Z    (DX)(AX*1), K1, Z1
	VMOVUPD.Z    64(DX)(AX*1), K2, Z7
	VSUBPD       Z8, Z0, Z0
	VSUBPD       Z8, Z6, Z6
	VADDPD       Z1, Z0, Z0               // s
	VADDPD       Z7, Z6, Z6
	VMAXPD       Z6, Z0, Z8
	ZHMAX(Z8, Z9)                         // m
	TESTQ        BX, BX
	JZ           sshortnopert
	VMOVUPD      Z0, K1, (BX)             // s into pert
	VMOVUPD      Z6, K2, 64(BX)
	VCMPPD       $0, Z8, Z0, K3           // lanes equal to m (past the row: -Inf)
	VCMPPD       $0, Z8, Z6, K4
	KUNPCKBW     K3, K4, K5
	KMOVW        K5, R12
	BSFL         R12, R12                 // the first of them
	MOVQ         R12, (R8)
	ADDQ         R13, BX
	ADDQ         $8, R8

sshortnopert:
	VSUBPD       Z8, Z0, Z0
	VSUBPD       Z8, Z6, Z6
	VBROADCASTSD inv+96(FP), Z9
	VMULPD       Z9, Z0, Z0               // t
	VMULPD       Z9, Z6, Z6
	// Lanes past the row get t = 0, not -Inf: their exponentials (zeroed
	// below) then stay out of the subnormals, whose assists cost a
	// hundred cycles or more.
	VMOVAPD.Z    Z0, K1, Z0
	VMOVAPD.Z    Z6, K2, Z6
	ZEXP16
	VMOVAPD.Z     Z1, K1, Z1              // lanes past the row: 0
	VMOVAPD.Z     Z7, K2, Z7
	// laneSum: the four-lane sums of e0-3, e4-7, e8-11, e12-15 in turn,
	// then (p0 + p1) + (p2 + p3).
	VEXTRACTF64X4 $1, Z1, Y3
	VADDPD        Y3, Y1, Y3
	VADDPD        Y7, Y3, Y3
	VEXTRACTF64X4 $1, Z7, Y4
	VADDPD        Y4, Y3, Y3
	VEXTRACTF128  $1, Y3, X4
	VHADDPD       X4, X3, X3              // p0 + p1, p2 + p3
	VPERMILPD     $1, X3, X4
	VADDSD        X4, X3, X3
	VMOVSD        z512one<>(SB), X4
	VDIVSD        X3, X4, X4              // 1 / sum
	VBROADCASTSD  X4, Z4
	VMULPD        Z4, Z1, Z1
	VMULPD        Z4, Z7, Z7
	VMOVUPD       Z1, K1, (DI)
	VMOVUPD       Z7, K2, 64(DI)

sshortnext:
	SHRQ $3, AX
	ADDQ CX, AX
	ADDQ R9, DI
	ADDQ R10, SI
	JMP  sspair

sshortnan:
	TESTQ        BX, BX
	JZ           sshortnanout
	VMOVUPD.Z    (DX)(AX*1), K1, Z1       // s = float64(l - 0) + g, index -1
	VMOVUPD.Z    64(DX)(AX*1), K2, Z7
	VSUBPD       Z14, Z0, Z0
	VSUBPD       Z14, Z6, Z6
	VADDPD       Z1, Z0, Z0
	VADDPD       Z7, Z6, Z6
	VMOVUPD      Z0, K1, (BX)
	VMOVUPD      Z6, K2, 64(BX)
	MOVQ         $-1, (R8)
	ADDQ         R13, BX
	ADDQ         $8, R8

sshortnanout:
	VBROADCASTSD z512nan<>(SB), Z1
	VMOVUPD      Z1, K1, (DI)
	VMOVUPD      Z1, K2, 64(DI)
	JMP          sshortnext

sshortdone:
	VZEROUPPER
	RET

// The maximum (maxGo) and the range (rangeGo: the maximum, then minAbove)
// in one pass, thirty-two an iteration in four independent chains.
// VMAXPD/VMINPD keep the running value (the second source) on a NaN and on
// two zeros, so the NaNs are skipped (and flagged by unordered compares),
// and a zero result is replaced by the first zero of x, the one the twins
// return (both keep the first of equal values in index order).

// ZFIRSTZERO(pfx): R8 = the bits of the first zero of x (base SI, length
// CX), which has one; AX, R9, R10, Z0, Z1, K1, K2 are scratch.
#define ZFIRSTZERO(loop, tail, found) \
	XORQ   AX, AX; \
	VPXORQ Z1, Z1, Z1; \
loop: \
	MOVQ   CX, R9; \
	SUBQ   AX, R9; \
	CMPQ   R9, $8; \
	JL     tail; \
	VCMPPD $0, (SI)(AX*8), Z1, K2; \
	KMOVB  K2, R10; \
	TESTL  R10, R10; \
	JNZ    found; \
	ADDQ   $8, AX; \
	JMP    loop; \
tail: \
	MOVQ      CX, DX; \
	MOVQ      R9, CX; \
	MOVQ      $1, R10; \
	SHLQ      CX, R10; \
	DECQ      R10; \
	MOVQ      DX, CX; \
	KMOVW     R10, K1; \
	VMOVUPD.Z (SI)(AX*8), K1, Z0; \
	VCMPPD    $0, Z1, Z0, K1, K2; \
	KMOVB     K2, R10; \
found: \
	BSFL R10, R10; \
	ADDQ R10, AX; \
	MOVQ (SI)(AX*8), R8

// ZMAX8(last, off, acc, v, k): if CX >= 8, the eight at off(SI)(AX*8)
// into the maxima acc and the NaN flag K6, AX += 8, CX -= 8; else go to last
// (off is unused: a label of the block).
#define ZMAX8(last, off, acc, v, k) \
	CMPQ    CX, $8; \
	JL      last; \
	VMOVUPD (SI)(AX*8), v; \
	VMAXPD  acc, v, acc; \
	VCMPPD  $3, v, v, k; \
	KORB    k, K6, K6; \
	ADDQ    $8, AX; \
	SUBQ    $8, CX

// ZRANGE8(last, off, acc, mn, v, k, r) is ZMAX8 of rangeAVX512, with the
// minima mn and the count R11 (r scratch).
#define ZRANGE8(last, off, acc, mn, v, k, r) \
	CMPQ    CX, $8; \
	JL      last; \
	VMOVUPD (SI)(AX*8), v; \
	VMAXPD  acc, v, acc; \
	VCMPPD  $0x1e, Z14, v, k; \
	VMINPD  v, mn, k, mn; \
	KMOVB   k, r; \
	POPCNTL r, r; \
	ADDQ    r, R11; \
	VCMPPD  $3, v, v, k; \
	KORB    k, K6, K6; \
	ADDQ    $8, AX; \
	SUBQ    $8, CX

// func maxAVX512(x []float64) (max float64, bad bool)
// maxGo, bit for bit: the largest x[i] (-Inf if none is larger; NaNs
// skipped, a zero maximum the first zero of x) and whether some x[i] is NaN
// or the maximum is +Inf. The last len%32 under masks.
TEXT ·maxAVX512(SB), NOSPLIT, $0-33
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VPBROADCASTQ z512negInf<>(SB), Z4
	VMOVAPD      Z4, Z5
	VMOVAPD      Z4, Z6
	VMOVAPD      Z4, Z7
	KXORW K6, K6, K6                      // NaN seen
	MOVQ CX, BX
	ANDQ $-32, BX
	XORQ AX, AX

zmx32:
	CMPQ    AX, BX
	JGE     zmxtail
	VMOVUPD (SI)(AX*8), Z0
	VMOVUPD 64(SI)(AX*8), Z1
	VMOVUPD 128(SI)(AX*8), Z2
	VMOVUPD 192(SI)(AX*8), Z3
	VMAXPD  Z4, Z0, Z4
	VMAXPD  Z5, Z1, Z5
	VMAXPD  Z6, Z2, Z6
	VMAXPD  Z7, Z3, Z7
	VCMPPD  $3, Z1, Z0, K2                // either is NaN
	VCMPPD  $3, Z3, Z2, K3
	KORB    K2, K3, K2
	KORB    K2, K6, K6
	ADDQ    $32, AX
	JMP     zmx32

zmxtail:
	SUBQ BX, CX                           // the last len%32: whole eights, then a masked one
	JZ   zmxdone
	ZMAX8(zmxlast, 0, Z4, Z0, K2)
	ZMAX8(zmxlast, 64, Z5, Z1, K3)
	ZMAX8(zmxlast, 128, Z6, Z2, K4)

zmxlast:
	TESTQ CX, CX
	JZ    zmxdone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVW R8, K1
	VMOVUPD.Z (SI)(AX*8), K1, Z0          // masked-off lanes: 0, kept out of the maximum
	VMAXPD    Z7, Z0, K1, Z7
	VCMPPD    $3, Z0, Z0, K2
	KORB      K2, K6, K6

zmxdone:
	MOVQ          x_len+8(FP), CX
	VMAXPD        Z5, Z4, Z4
	VMAXPD        Z7, Z6, Z6
	VMAXPD        Z6, Z4, Z4
	VEXTRACTF64X4 $1, Z4, Y0
	VMAXPD        Y0, Y4, Y4
	VEXTRACTF128  $1, Y4, X0
	VMAXPD        X0, X4, X4
	VPERMILPD     $1, X4, X0
	VMAXSD        X0, X4, X4
	VMOVQ         X4, R8
	KORTESTB      K6, K6
	SETNE         DL
	MOVQ          $0x7ff0000000000000, R9
	CMPQ          R8, R9
	SETEQ         R10
	ORB           R10, DL
	MOVB          DL, bad+32(FP)
	MOVQ          R8, R9
	SHLQ          $1, R9
	JNZ           zmxstore
	ZFIRSTZERO(zmxz8, zmxzt, zmxzfound)

zmxstore:
	MOVQ R8, max+24(FP)
	VZEROUPPER
	RET

// func rangeAVX512(x []float64) (max, min float64, n int, bad bool)
// rangeGo, bit for bit, in one pass: max and bad as maxAVX512, min the
// smallest x[i] above -Inf (+Inf if none; a zero minimum the first zero of
// x), n the number of x[i] above -Inf (NaN is not). Register use: maxima
// Z4-Z7, minima Z8-Z11, -Inf in Z14, the count in R11.
TEXT ·rangeAVX512(SB), NOSPLIT, $0-49
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VPBROADCASTQ z512negInf<>(SB), Z14
	VMOVAPD      Z14, Z4
	VMOVAPD      Z14, Z5
	VMOVAPD      Z14, Z6
	VMOVAPD      Z14, Z7
	VPBROADCASTQ z512posInf<>(SB), Z8
	VMOVAPD      Z8, Z9
	VMOVAPD      Z8, Z10
	VMOVAPD      Z8, Z11
	KXORW K6, K6, K6
	XORQ  R11, R11
	MOVQ  CX, BX
	ANDQ  $-32, BX
	XORQ  AX, AX

zrg32:
	CMPQ    AX, BX
	JGE     zrgtail
	VMOVUPD (SI)(AX*8), Z0
	VMOVUPD 64(SI)(AX*8), Z1
	VMOVUPD 128(SI)(AX*8), Z2
	VMOVUPD 192(SI)(AX*8), Z3
	VMAXPD  Z4, Z0, Z4
	VMAXPD  Z5, Z1, Z5
	VMAXPD  Z6, Z2, Z6
	VMAXPD  Z7, Z3, Z7
	VCMPPD  $0x1e, Z14, Z0, K2            // x > -Inf (ordered: NaN never)
	VCMPPD  $0x1e, Z14, Z1, K3
	VCMPPD  $0x1e, Z14, Z2, K4
	VCMPPD  $0x1e, Z14, Z3, K5
	VMINPD  Z0, Z8, K2, Z8
	VMINPD  Z1, Z9, K3, Z9
	VMINPD  Z2, Z10, K4, Z10
	VMINPD  Z3, Z11, K5, Z11
	KMOVB   K2, R8
	KMOVB   K3, R9
	KMOVB   K4, R10
	KMOVB   K5, DX
	POPCNTL R8, R8
	POPCNTL R9, R9
	POPCNTL R10, R10
	POPCNTL DX, DX
	ADDQ    R8, R11
	ADDQ    R9, R11
	ADDQ    R10, R11
	ADDQ    DX, R11
	VCMPPD  $3, Z1, Z0, K2                // either is NaN
	VCMPPD  $3, Z3, Z2, K3
	KORB    K2, K3, K2
	KORB    K2, K6, K6
	ADDQ    $32, AX
	JMP     zrg32

zrgtail:
	SUBQ BX, CX                           // the last len%32: whole eights, then a masked one
	JZ   zrgdone
	ZRANGE8(zrglast, 0, Z4, Z8, Z0, K2, R8)
	ZRANGE8(zrglast, 64, Z5, Z9, Z1, K3, R9)
	ZRANGE8(zrglast, 128, Z6, Z10, Z2, K4, R10)

zrglast:
	TESTQ CX, CX
	JZ    zrgdone
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVW R8, K1
	VMOVUPD.Z (SI)(AX*8), K1, Z0
	VMAXPD    Z7, Z0, K1, Z7
	VCMPPD    $0x1e, Z14, Z0, K1, K1
	VMINPD    Z0, Z11, K1, Z11
	KMOVB     K1, R8
	POPCNTL   R8, R8
	ADDQ      R8, R11
	VCMPPD    $3, Z0, Z0, K2
	KORB      K2, K6, K6

zrgdone:
	MOVQ          x_len+8(FP), CX
	MOVQ          R11, n+40(FP)
	VMAXPD        Z5, Z4, Z4
	VMAXPD        Z7, Z6, Z6
	VMAXPD        Z6, Z4, Z4
	VEXTRACTF64X4 $1, Z4, Y0
	VMAXPD        Y0, Y4, Y4
	VEXTRACTF128  $1, Y4, X0
	VMAXPD        X0, X4, X4
	VPERMILPD     $1, X4, X0
	VMAXSD        X0, X4, X4
	VMINPD        Z9, Z8, Z8
	VMINPD        Z11, Z10, Z10
	VMINPD        Z10, Z8, Z8
	VEXTRACTF64X4 $1, Z8, Y0
	VMINPD        Y0, Y8, Y8
	VEXTRACTF128  $1, Y8, X0
	VMINPD        X0, X8, X8
	VPERMILPD     $1, X8, X0
	VMINSD        X0, X8, X8
	VMOVQ         X4, R12                 // max
	VMOVQ         X8, R13                 // min
	KORTESTB      K6, K6
	SETNE         DL
	MOVQ          $0x7ff0000000000000, R9
	CMPQ          R12, R9
	SETEQ         R10
	ORB           R10, DL
	MOVB          DL, bad+48(FP)
	MOVQ          R12, R9
	SHLQ          $1, R9
	JZ            zrgzero
	MOVQ          R13, R9
	SHLQ          $1, R9
	JNZ           zrgstore

zrgzero:
	ZFIRSTZERO(zrgz8, zrgzt, zrgzfound)
	MOVQ R12, R9
	SHLQ $1, R9
	JNZ  zrgminz
	MOVQ R8, R12

zrgminz:
	MOVQ R13, R9
	SHLQ $1, R9
	JNZ  zrgstore
	MOVQ R8, R13

zrgstore:
	MOVQ R12, max+24(FP)
	MOVQ R13, min+32(FP)
	VZEROUPPER
	RET

#undef ZMAX8
#undef ZRANGE8
#undef ZFIRSTZERO
