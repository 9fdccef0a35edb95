// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

#include "textflag.h"
#include "log32tab_amd64.h"

// The float32 soft-sample kernels (soft32.go) on sixteen lanes with AVX-512:
// every operation the one its pure-Go twin performs, rounded once (each
// VFMADD is a fma32 there), so both give the same bits.

DATA z32ln2Lo<>+0(SB)/4, $0xb95e8083
GLOBL z32ln2Lo<>(SB), RODATA|NOPTR, $4
DATA z32ln2Hi<>+0(SB)/4, $0x3f318000
GLOBL z32ln2Hi<>(SB), RODATA|NOPTR, $4
DATA z32one<>+0(SB)/4, $0x3f800000
GLOBL z32one<>(SB), RODATA|NOPTR, $4
DATA z32ef0<>+0(SB)/4, $0x39506967
GLOBL z32ef0<>(SB), RODATA|NOPTR, $4
DATA z32ef1<>+0(SB)/4, $0x3ab743ce
GLOBL z32ef1<>(SB), RODATA|NOPTR, $4
DATA z32ef2<>+0(SB)/4, $0x3c088908
GLOBL z32ef2<>(SB), RODATA|NOPTR, $4
DATA z32ef3<>+0(SB)/4, $0x3d2aa9c1
GLOBL z32ef3<>(SB), RODATA|NOPTR, $4
DATA z32ef4<>+0(SB)/4, $0x3e2aaaaa
GLOBL z32ef4<>(SB), RODATA|NOPTR, $4
DATA z32ef5<>+0(SB)/4, $0x3f000000
GLOBL z32ef5<>(SB), RODATA|NOPTR, $4
DATA z32expMin<>+0(SB)/4, $0xc2aeac4f
GLOBL z32expMin<>(SB), RODATA|NOPTR, $4
DATA z32log2e<>+0(SB)/4, $0x3fb8aa3b
GLOBL z32log2e<>(SB), RODATA|NOPTR, $4
DATA z32round<>+0(SB)/4, $0x4b400000
GLOBL z32round<>(SB), RODATA|NOPTR, $4
DATA z32two53m<>+0(SB)/4, $0x25000000
GLOBL z32two53m<>(SB), RODATA|NOPTR, $4
DATA z32logShift<>+0(SB)/4, $0x004afb0d
GLOBL z32logShift<>(SB), RODATA|NOPTR, $4
DATA z32c127<>+0(SB)/4, $127
GLOBL z32c127<>(SB), RODATA|NOPTR, $4
DATA z32mant<>+0(SB)/4, $0x007fffff
GLOBL z32mant<>(SB), RODATA|NOPTR, $4
DATA z32sqrtHalf<>+0(SB)/4, $0x3f3504f3
GLOBL z32sqrtHalf<>(SB), RODATA|NOPTR, $4
DATA z32sign<>+0(SB)/4, $0x80000000
GLOBL z32sign<>(SB), RODATA|NOPTR, $4
DATA z32negInf<>+0(SB)/4, $0xff800000
GLOBL z32negInf<>(SB), RODATA|NOPTR, $4
DATA z32posInf<>+0(SB)/4, $0x7f800000
GLOBL z32posInf<>(SB), RODATA|NOPTR, $4
DATA z32two53q<>+0(SB)/8, $0x0020000000000000
GLOBL z32two53q<>(SB), RODATA|NOPTR, $8
DATA z32oneq<>+0(SB)/8, $1
GLOBL z32oneq<>(SB), RODATA|NOPTR, $8

// LOG32(x, out, t, e, z, w): out = log32(x) for sixteen positive normal
// float32 in x (log32L in soft32.go, step for step); t, e, z and w are
// scratch. c_j and T_j are looked up by VPERMPS from log32inv<> and
// log32tab<> (log32tab_amd64.h), the polynomial's coefficients broadcast
// from memory; the bit-manipulation constants are in Z25-Z28
// (LOG32CONSTS).
#define LOG32(x, out, t, e, z, w) \
	VPADDD    Z25, x, t; \
	VPSRLD    $23, t, e; \
	VPSUBD    Z26, e, e; \
	VCVTDQ2PS e, e; \
	VPSRLD    $20, t, z; \
	VPANDD    Z27, t, t; \
	VPADDD    Z28, t, t; \
	VPERMPS   log32inv<>(SB), z, w; \
	VFMSUB213PS.BCST z32one<>(SB), w, t; \
	VPERMPS   log32tab<>(SB), z, z; \
	VPBROADCASTD log32c4<>(SB), out; \
	VFMADD213PS.BCST log32c3<>(SB), t, out; \
	VFMADD213PS.BCST log32c2<>(SB), t, out; \
	VFMADD213PS.BCST log32c1<>(SB), t, out; \
	VFMADD213PS.BCST log32c0<>(SB), t, out; \
	VMULPS    t, out, out; \
	VFMADD213PS t, t, out; \
	VFMADD231PS.BCST z32ln2Lo<>(SB), e, out; \
	VADDPS    z, out, out; \
	VFMADD231PS.BCST z32ln2Hi<>(SB), e, out

#define LOG32CONSTS \
	VPBROADCASTD z32one<>(SB), Z23; \
	VPBROADCASTD z32logShift<>(SB), Z25; \
	VPBROADCASTD z32c127<>(SB), Z26; \
	VPBROADCASTD z32mant<>(SB), Z27; \
	VPBROADCASTD z32sqrtHalf<>(SB), Z28

// WARG(lo, hi, ylo, yhi, w, t, c, u, K) turns the source values in lo (the
// first eight) and hi (the next eight) into W in w, the argument of the
// first logarithm (W or t = 1 - W) in t, the correction c (1 + W) (0 in the
// lower half) in c, with K the sixteen upper-half flags (gumbel32Go, step
// for step); u is scratch. ylo and yhi name lo and hi's lower halves.
#define WARG(lo, hi, ylo, yhi, w, t, c, u, K) \
	VPMOVQ2M     lo, K3; \
	VPMOVQ2M     hi, K4; \
	VPSRLQ       $11, lo, lo; \
	VPSRLQ       $11, hi, hi; \
	VPORQ        Z21, lo, lo; \
	VPORQ        Z21, hi, hi; \
	VPSUBQ       lo, Z20, K3, lo; \
	VPSUBQ       hi, Z20, K4, hi; \
	VCVTQQ2PS    lo, ylo; \
	VCVTQQ2PS    hi, yhi; \
	VINSERTF32X8 $1, yhi, lo, w; \
	KUNPCKBW     K3, K4, K; \
	VMULPS       Z22, w, w; \
	VSUBPS       w, Z23, t; \
	VSUBPS       t, Z23, c; \
	VSUBPS       w, c, c; \
	VADDPS       Z23, w, u; \
	VMULPS       u, c, c; \
	VMOVAPS.Z    c, K, c; \
	VBLENDMPS    t, w, K, t

// func gumbel32AVX512(dst []float32, bits []float64)
// Thirty-two values an iteration in two independent streams (A in Z0-Z9,
// B in Z10-Z19), so that the logarithms' dependent chains overlap; the
// last len%32 as one or two masked blocks of sixteen.
TEXT ·gumbel32AVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ bits_base+24(FP), SI
	MOVQ bits_len+32(FP), CX
	LOG32CONSTS
	VPBROADCASTQ z32two53q<>(SB), Z20
	VPBROADCASTQ z32oneq<>(SB), Z21
	VPBROADCASTD z32two53m<>(SB), Z22
	VPBROADCASTD z32sign<>(SB), Z24
	MOVQ CX, BX
	ANDQ $-32, BX
	XORQ AX, AX

g32loop:
	CMPQ      AX, BX
	JGE       g32rest
	VMOVDQU64 (SI)(AX*8), Z0
	VMOVDQU64 64(SI)(AX*8), Z1
	VMOVDQU64 128(SI)(AX*8), Z10
	VMOVDQU64 192(SI)(AX*8), Z11
	WARG(Z0, Z1, Y0, Y1, Z2, Z3, Z4, Z5, K5)
	WARG(Z10, Z11, Y10, Y11, Z12, Z13, Z14, Z15, K6)
	LOG32(Z3, Z5, Z6, Z7, Z8, Z9)
	LOG32(Z13, Z15, Z16, Z17, Z18, Z19)
	VADDPS    Z4, Z5, Z5
	VADDPS    Z14, Z15, Z15
	VXORPS    Z24, Z5, Z5
	VXORPS    Z24, Z15, Z15
	LOG32(Z5, Z0, Z6, Z7, Z8, Z9)
	LOG32(Z15, Z10, Z16, Z17, Z18, Z19)
	VXORPS    Z24, Z0, Z0
	VXORPS    Z24, Z10, Z10
	VMOVUPS   Z0, (DI)(AX*4)
	VMOVUPS   Z10, 64(DI)(AX*4)
	ADDQ      $32, AX
	JMP       g32loop

g32rest:
	SUBQ AX, CX
	JZ   g32done

g32block:
	MOVQ  $-1, R8
	CMPQ  CX, $16
	JGE   g32mask
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8

g32mask:
	KMOVQ R8, K1
	KSHIFTRW $8, K1, K2
	VMOVDQU64.Z (SI)(AX*8), K1, Z0
	VMOVDQU64.Z 64(SI)(AX*8), K2, Z1
	WARG(Z0, Z1, Y0, Y1, Z2, Z3, Z4, Z5, K5)
	LOG32(Z3, Z5, Z6, Z7, Z8, Z9)
	VADDPS    Z4, Z5, Z5
	VXORPS    Z24, Z5, Z5
	LOG32(Z5, Z0, Z6, Z7, Z8, Z9)
	VXORPS    Z24, Z0, Z0
	VMOVUPS   Z0, K1, (DI)(AX*4)
	ADDQ      $16, AX
	SUBQ      $16, CX
	JG        g32block

g32done:
	VZEROUPPER
	RET

// ADDMAX32 sets s[i] = (l[i] - c) + g[i] for the CX values at DI (s), SI
// (l) and DX (g), c in Z1, and X2 to the largest s[i] (-Inf if none is
// larger; a zero maximum as +0): addMax32Go on sixteen lanes, the last
// len%16 under a mask. It clobbers AX, BX, CX, R8, Z2-Z5 and K1.
#define ADDMAX32 \
	VPBROADCASTD z32negInf<>(SB), Z2; \
	VMOVAPS Z2, Z3; \
	MOVQ CX, BX; \
	ANDQ $-32, BX; \
	XORQ AX, AX; \
am32loop: \
	CMPQ    AX, BX; \
	JGE     am32rest; \
	VMOVUPS (SI)(AX*4), Z4; \
	VMOVUPS 64(SI)(AX*4), Z5; \
	VSUBPS  Z1, Z4, Z4; \
	VSUBPS  Z1, Z5, Z5; \
	VADDPS  (DX)(AX*4), Z4, Z4; \
	VADDPS  64(DX)(AX*4), Z5, Z5; \
	VMOVUPS Z4, (DI)(AX*4); \
	VMOVUPS Z5, 64(DI)(AX*4); \
	VMAXPS  Z2, Z4, Z2; \
	VMAXPS  Z3, Z5, Z3; \
	ADDQ    $32, AX; \
	JMP     am32loop; \
am32rest: \
	SUBQ AX, CX; \
	JZ   am32done; \
	CMPQ CX, $16; \
	JL   am32tail; \
	VMOVUPS (SI)(AX*4), Z4; \
	VSUBPS  Z1, Z4, Z4; \
	VADDPS  (DX)(AX*4), Z4, Z4; \
	VMOVUPS Z4, (DI)(AX*4); \
	VMAXPS  Z2, Z4, Z2; \
	ADDQ    $16, AX; \
	SUBQ    $16, CX; \
	JZ      am32done; \
am32tail: \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
	KMOVQ R8, K1; \
	VMOVUPS.Z (SI)(AX*4), K1, Z4; \
	VMOVUPS.Z (DX)(AX*4), K1, Z5; \
	VSUBPS  Z1, Z4, Z4; \
	VADDPS  Z5, Z4, Z4; \
	VMOVUPS Z4, K1, (DI)(AX*4); \
	VMAXPS  Z2, Z4, K1, Z2; \
am32done: \
	VMAXPS        Z3, Z2, Z2; \
	VEXTRACTF32X8 $1, Z2, Y3; \
	VMAXPS        Y3, Y2, Y2; \
	VEXTRACTF128  $1, Y2, X3; \
	VMAXPS        X3, X2, X2; \
	VPERMILPS     $0x4e, X2, X3; \
	VMAXPS        X3, X2, X2; \
	VPERMILPS     $0xb1, X2, X3; \
	VMAXPS        X3, X2, X2; \
	VXORPS        X3, X3, X3; \
	VADDSS        X3, X2, X2

// func addMax32AVX512(s, l, g []float32, c float32) float32
// s[i] = (l[i] - c) + g[i]; the largest s[i] (-Inf if none is larger).
TEXT ·addMax32AVX512(SB), NOSPLIT, $0-84
	MOVQ s_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	VBROADCASTSS c+72(FP), Z1
	ADDMAX32
	VMOVSS        X2, ret+80(FP)
	VZEROUPPER
	RET

// EXPCORE(x, y, n, z, K): the exponential after its range compare: y =
// exp32(x) in the lanes of K, 0 in the others, x clobbered (it becomes the
// reduced argument r); n and z are scratch. Constants in Z23 and Z26
// (EXP32CONSTS), the others broadcast from memory.
#define EXPCORE(x, y, n, z, K) \
	VPBROADCASTD z32log2e<>(SB), n; \
	VFMADD213PS.BCST z32round<>(SB), x, n; \
	VSUBPS.BCST z32round<>(SB), n, n; \
	VFNMADD231PS.BCST z32ln2Hi<>(SB), n, x; \
	VFNMADD231PS.BCST z32ln2Lo<>(SB), n, x; \
	VPBROADCASTD z32ef0<>(SB), y; \
	VFMADD213PS.BCST z32ef1<>(SB), x, y; \
	VFMADD213PS.BCST z32ef2<>(SB), x, y; \
	VFMADD213PS.BCST z32ef3<>(SB), x, y; \
	VFMADD213PS.BCST z32ef4<>(SB), x, y; \
	VFMADD213PS.BCST z32ef5<>(SB), x, y; \
	VMULPS    x, x, z; \
	VFMADD213PS x, z, y; \
	VADDPS    Z23, y, y; \
	VCVTTPS2DQ n, n; \
	VPADDD    Z26, n, n; \
	VPSLLD    $23, n, n; \
	VMULPS.Z  n, y, K, y

// EXP16(x, y, n, r, z, K): y = exp32(x) for sixteen float32 in x <= 0
// (NaN: NaN), 0 below expMin32 (exp32 in soft32.go, step for step): K keeps
// the lanes not below expMin32 (NaN included, which gives NaN); n, r and z
// are scratch. Constants in Z23 and Z26 (EXP32CONSTS), the others broadcast
// from memory.
#define EXP16(x, y, n, r, z, K) \
	VCMPPS.BCST $5, z32expMin<>(SB), x, K; \
	VMOVAPS   x, r; \
	EXPCORE(r, y, n, z, K)

#define EXP32CONSTS \
	VPBROADCASTD z32one<>(SB), Z23; \
	VPBROADCASTD z32c127<>(SB), Z26

// ACC16(y, t): adds the sixteen float32 in y, as float64, to the lane sums
// Z2 (lanes 0-7) and Z3 (lanes 8-15); t is scratch; y is clobbered.
#define ACC16(y, Yy, t) \
	VCVTPS2PD     Yy, t; \
	VEXTRACTF32X8 $1, y, Yy; \
	VCVTPS2PD     Yy, y; \
	VADDPD        t, Z2, Z2; \
	VADDPD        y, Z3, Z3

// SOFTEXP32 sets dst[i] = exp32((s[i] - m) * inv) for the R9 values at DI
// (dst) and SI (s, which may be dst), m in Z0 and inv in Z1, and their sums
// in float64 lanes Z2 (element i%16 < 8) and Z3, each lane's elements added
// in index order. Thirty-two an iteration in two streams; the last len%32
// as masked blocks of sixteen, computed before the main loop and added
// after it (see RACE32). It clobbers AX, BX, CX, R8, Z4-Z8, Z14-Z18, Z23,
// Z26, K1, K6 and K7.
#define SOFTEXP32 \
	EXP32CONSTS; \
	VXORPD Z2, Z2, Z2; \
	VXORPD Z3, Z3, Z3; \
	MOVQ R9, BX; \
	ANDQ $-32, BX; \
	MOVQ BX, AX; \
es32block: \
	MOVQ  R9, CX; \
	SUBQ  AX, CX; \
	JLE   es32main; \
	MOVQ  $-1, R8; \
	CMPQ  CX, $16; \
	JGE   es32mask; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
es32mask: \
	KMOVQ R8, K1; \
	VMOVUPS.Z (SI)(AX*4), K1, Z4; \
	VSUBPS  Z0, Z4, Z4; \
	VMULPS  Z1, Z4, Z4; \
	EXP16(Z4, Z8, Z5, Z6, Z7, K6); \
	VMOVUPS Z8, K1, (DI)(AX*4); \
	ADDQ    $16, AX; \
	JMP     es32block; \
es32main: \
	XORQ AX, AX; \
es32loop: \
	CMPQ    AX, BX; \
	JGE     es32sum; \
	VMOVUPS (SI)(AX*4), Z4; \
	VMOVUPS 64(SI)(AX*4), Z14; \
	VSUBPS  Z0, Z4, Z4; \
	VSUBPS  Z0, Z14, Z14; \
	VMULPS  Z1, Z4, Z4; \
	VMULPS  Z1, Z14, Z14; \
	EXP16(Z4, Z8, Z5, Z6, Z7, K6); \
	EXP16(Z14, Z18, Z15, Z16, Z17, K7); \
	VMOVUPS Z8, (DI)(AX*4); \
	VMOVUPS Z18, 64(DI)(AX*4); \
	ACC16(Z8, Y8, Z4); \
	ACC16(Z18, Y18, Z14); \
	ADDQ    $32, AX; \
	JMP     es32loop; \
es32sum: \
	MOVQ  R9, CX; \
	SUBQ  AX, CX; \
	JLE   es32done; \
	MOVQ  $-1, R8; \
	CMPQ  CX, $16; \
	JGE   es32smask; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
es32smask: \
	KMOVQ R8, K1; \
	VMOVUPS.Z (DI)(AX*4), K1, Z8; \
	ACC16(Z8, Y8, Z4); \
	ADDQ    $16, AX; \
	JMP     es32sum; \
es32done:

// func softExp32AVX512(dst, s []float32, m, inv float32) float64
// dst[i] = exp32((s[i] - m) * inv); their sum in float64, element i in lane
// i%16 (the first eight lanes in Z2, the next eight in Z3, the elements of
// a lane added in index order), reduced as reduce16. Thirty-two an
// iteration in two streams; the last len%32 as masked blocks of sixteen,
// computed before the main loop and added after it (see race32AVX512).
TEXT ·softExp32AVX512(SB), NOSPLIT, $0-64
	MOVQ dst_base+0(FP), DI
	MOVQ s_base+24(FP), SI
	MOVQ s_len+32(FP), R9
	VBROADCASTSS m+48(FP), Z0
	VBROADCASTSS inv+52(FP), Z1
	SOFTEXP32
	VADDPD        Z3, Z2, Z2
	VEXTRACTF64X4 $1, Z2, Y3
	VADDPD        Y3, Y2, Y2
	VEXTRACTF128  $1, Y2, X3
	VADDPD        X3, X2, X2
	VPERMILPD     $1, X2, X3
	VADDSD        X3, X2, X2
	VMOVSD        X2, ret+56(FP)
	VZEROUPPER
	RET

// func scale32AVX512(dst []float32, c float32)
TEXT ·scale32AVX512(SB), NOSPLIT, $0-28
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	VBROADCASTSS c+24(FP), Z1
	MOVQ CX, BX
	ANDQ $-16, BX
	XORQ AX, AX

sc32loop:
	CMPQ    AX, BX
	JGE     sc32tail
	VMULPS  (DI)(AX*4), Z1, Z0
	VMOVUPS Z0, (DI)(AX*4)
	ADDQ    $16, AX
	JMP     sc32loop

sc32tail:
	SUBQ  BX, CX
	JZ    sc32done
	MOVQ  $1, R8
	SHLQ  CX, R8
	DECQ  R8
	KMOVQ R8, K1
	VMOVUPS.Z (DI)(AX*4), K1, Z0
	VMULPS  Z1, Z0, Z0
	VMOVUPS Z0, K1, (DI)(AX*4)

sc32done:
	VZEROUPPER
	RET

// RACE32 is the exponential race of race32AVX512 on the len(l) = R11
// values at DI (dst), SI (l) and DX (bits), c in Z16, nf in Z17, n in R9:
// the weights stored, their float64 lane sums in Z2 (lanes 0-7) and Z3
// (8-15), the flush flags in K7. Thirty-two an iteration in two
// independent streams (A in Z0-Z10, B in Z11-Z15, Z19, Z29-Z31); the last
// len%32 as masked blocks of sixteen computed before the main loop and
// added after it, so that their dependent chains overlap the main loop's
// (a 4-logit tail cost a row of 100 as much as 28 more logits run alone
// after it): the lane sums are the same.
#define RACE32 \
	LOG32CONSTS; \
	EXP32CONSTS; \
	VPBROADCASTQ z32two53q<>(SB), Z20; \
	VPBROADCASTQ z32oneq<>(SB), Z21; \
	VPBROADCASTD z32two53m<>(SB), Z22; \
	VPBROADCASTD z32sign<>(SB), Z24; \
	VPBROADCASTD z32negInf<>(SB), Z18; \
	VXORPD Z2, Z2, Z2; \
	VXORPD Z3, Z3, Z3; \
	KXORW  K7, K7, K7; \
	MOVQ   R11, BX; \
	ANDQ   $-32, BX; \
	MOVQ   BX, AX; \
r32block: \
	MOVQ  R11, CX; \
	SUBQ  AX, CX; \
	JLE   r32main; \
	MOVQ  $-1, R8; \
	CMPQ  CX, $16; \
	JGE   r32mask; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
r32mask: \
	KMOVQ R8, K1; \
	KSHIFTRW $8, K1, K2; \
	VMOVDQU64.Z (DX)(AX*8), K1, Z0; \
	VMOVDQU64.Z 64(DX)(AX*8), K2, Z1; \
	WARG(Z0, Z1, Y0, Y1, Z4, Z5, Z6, Z7, K5); \
	LOG32(Z5, Z7, Z8, Z9, Z10, Z4); \
	VADDPS    Z6, Z7, Z7; \
	VXORPS    Z24, Z7, Z7; \
	CMPQ      R9, $2; \
	JNE       r32pow; \
	VMULPS    Z7, Z7, Z7; \
r32pow: \
	VMOVUPS.Z (SI)(AX*4), K1, Z0; \
	VSUBPS    Z16, Z0, Z1; \
	VMULPS    Z17, Z1, Z1; \
	VCMPPS.BCST $1, z32expMin<>(SB), Z1, K1, K2; \
	VCMPPS    $14, Z18, Z0, K2, K2; \
	KORW      K2, K7, K7; \
	EXP16(Z1, Z4, Z5, Z6, Z8, K6); \
	VDIVPS    Z7, Z4, Z4; \
	VMOVUPS   Z4, K1, (DI)(AX*4); \
	ADDQ      $16, AX; \
	JMP       r32block; \
r32main: \
	XORQ AX, AX; \
r32loop: \
	CMPQ      AX, BX; \
	JGE       r32sum; \
	VMOVDQU64 (DX)(AX*8), Z0; \
	VMOVDQU64 64(DX)(AX*8), Z1; \
	VMOVDQU64 128(DX)(AX*8), Z11; \
	VMOVDQU64 192(DX)(AX*8), Z12; \
	WARG(Z0, Z1, Y0, Y1, Z4, Z5, Z6, Z7, K5); \
	WARG(Z11, Z12, Y11, Y12, Z13, Z14, Z15, Z19, K1); \
	LOG32(Z5, Z7, Z8, Z9, Z10, Z4); \
	LOG32(Z14, Z19, Z29, Z30, Z31, Z13); \
	VADDPS    Z6, Z7, Z7; \
	VADDPS    Z15, Z19, Z19; \
	VXORPS    Z24, Z7, Z7; \
	VXORPS    Z24, Z19, Z19; \
	CMPQ      R9, $2; \
	JNE       r32pow2; \
	VMULPS    Z7, Z7, Z7; \
	VMULPS    Z19, Z19, Z19; \
r32pow2: \
	VMOVUPS   (SI)(AX*4), Z0; \
	VMOVUPS   64(SI)(AX*4), Z11; \
	VSUBPS    Z16, Z0, Z1; \
	VSUBPS    Z16, Z11, Z12; \
	VMULPS    Z17, Z1, Z1; \
	VMULPS    Z17, Z12, Z12; \
	VCMPPS.BCST $1, z32expMin<>(SB), Z1, K2; \
	VCMPPS    $14, Z18, Z0, K2, K2; \
	KORW      K2, K7, K7; \
	VCMPPS.BCST $1, z32expMin<>(SB), Z12, K2; \
	VCMPPS    $14, Z18, Z11, K2, K2; \
	KORW      K2, K7, K7; \
	EXP16(Z1, Z4, Z5, Z6, Z8, K6); \
	EXP16(Z12, Z13, Z14, Z15, Z29, K3); \
	VDIVPS    Z7, Z4, Z4; \
	VDIVPS    Z19, Z13, Z13; \
	VMOVUPS   Z4, (DI)(AX*4); \
	VMOVUPS   Z13, 64(DI)(AX*4); \
	ACC16(Z4, Y4, Z5); \
	ACC16(Z13, Y13, Z14); \
	ADDQ      $32, AX; \
	JMP       r32loop; \
r32sum: \
	MOVQ  R11, CX; \
	SUBQ  AX, CX; \
	JLE   r32done; \
	MOVQ  $-1, R8; \
	CMPQ  CX, $16; \
	JGE   r32smask; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
r32smask: \
	KMOVQ R8, K1; \
	VMOVUPS.Z (DI)(AX*4), K1, Z4; \
	ACC16(Z4, Y4, Z5); \
	ADDQ      $16, AX; \
	JMP       r32sum; \
r32done:

// func race32AVX512(dst, l []float32, bits []float64, c, nf float32, n int) (sum float64, flushed bool)
// dst[i] = exp32((l[i] - c) nf) / E_i^n with E_i the exponential of the
// source value bits[i] (race32Go, step for step); the float64 sum in
// sixteen lanes (Z2, Z3) reduced as reduce16; flushed if the exponent of an
// unmasked logit is below expMin32 (RACE32).
TEXT ·race32AVX512(SB), NOSPLIT, $0-97
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), R11
	MOVQ bits_base+48(FP), DX
	MOVQ n+80(FP), R9
	VBROADCASTSS c+72(FP), Z16
	VBROADCASTSS nf+76(FP), Z17
	RACE32
	VADDPD        Z3, Z2, Z2
	VEXTRACTF64X4 $1, Z2, Y3
	VADDPD        Y3, Y2, Y2
	VEXTRACTF128  $1, Y2, X3
	VADDPD        X3, X2, X2
	VPERMILPD     $1, X2, X3
	VADDSD        X3, X2, X2
	VMOVSD        X2, sum+88(FP)
	KORTESTW      K7, K7
	SETNE         flushed+96(FP)
	VZEROUPPER
	RET

// The short-row float32 soft sample (short32Go): rows of k <= 16 logits,
// one row per vector, lanes past k neutral (-Inf logits, zero Gumbels and
// exponentials).
DATA zs32one64<>+0(SB)/8, $0x3ff0000000000000
GLOBL zs32one64<>(SB), RODATA|NOPTR, $8

// SHMAX(x, v, t): every lane of v = the largest of the sixteen lanes of x,
// by halves of eight, four, two and one lanes; t is scratch. Without a NaN
// in x the lanes agree but perhaps on the sign of a zero maximum; a NaN
// may or may not carry through (short32AVX512 relies on neither).
#define SHMAX(x, v, t) \
	VSHUFF32X4 $0x4e, x, x, t; \
	VMAXPS     t, x, v; \
	VSHUFF32X4 $0xb1, v, v, t; \
	VMAXPS     t, v, v; \
	VPERMILPS  $0x4e, v, t; \
	VMAXPS     t, v, v; \
	VPERMILPS  $0xb1, v, t; \
	VMAXPS     t, v, v

// EXP16M(x, y, n, z, K): EXP16 with the lanes outside K1 zero, x clobbered
// (it becomes r): the same operations in the same order.
#define EXP16M(x, y, n, z, K) \
	VCMPPS.BCST $5, z32expMin<>(SB), x, K1, K; \
	EXPCORE(x, y, n, z, K)

// SHROW1(AL, AG, l, g, c, t): l = the row's logits at AL (-Inf past k), g
// its Gumbels at AG (0 past k), c = the row maximum in every lane.
#define SHROW1(AL, AG, l, g, c, t) \
	VPBROADCASTD z32negInf<>(SB), l; \
	VMOVUPS   AL, K1, l; \
	VMOVUPS.Z AG, K1, g; \
	SHMAX(l, c, t)

// SHROW2(l, g, c, t): l = s = (l - c) + g, c = the largest s in every lane.
#define SHROW2(l, g, c, t) \
	VSUBPS c, l, l; \
	VADDPS g, l, l; \
	SHMAX(l, c, t)

// SHROW3(l, c, y, n, z, K): y = exp32((s - m) inv) with m = c, 0 past k.
#define SHROW3(l, c, y, n, z, K) \
	VSUBPS c, l, l; \
	VMULPS Z27, l, l; \
	EXP16M(l, y, n, z, K)

// SHROW4(y, Yy, a, Ya, Xa, b, Yb, Xb, AD): the sum of the sixteen lanes of y
// in float64, reduced as reduce16, y scaled by float32(1/sum) and stored at
// AD (the first k lanes).
#define SHROW4(y, Yy, a, Ya, Xa, b, Yb, Xb, AD) \
	VCVTPS2PD     Yy, a; \
	VEXTRACTF32X8 $1, y, Yb; \
	VCVTPS2PD     Yb, b; \
	VADDPD        b, a, a; \
	VEXTRACTF64X4 $1, a, Yb; \
	VADDPD        Yb, Ya, Ya; \
	VEXTRACTF64X2 $1, Ya, Xb; \
	VADDPD        Xb, Xa, Xa; \
	VPERMILPD     $1, Xa, Xb; \
	VADDSD        Xb, Xa, Xa; \
	VDIVSD        Xa, X21, Xa; \
	VCVTSD2SS     Xa, Xa, Xa; \
	VBROADCASTSS  Xa, a; \
	VMULPS        a, y, y; \
	VMOVUPS       y, K1, AD

// func short32AVX512(dst, l, gs []float32, k int, inv float32)
// short32Go for 1 <= k <= 16: the rows four an iteration (A in Z0-Z6, B
// in Z10-Z16, C in Z7-Z9 and Z17-Z20, D in Z22, Z24, Z25 and Z28-Z31), so
// that their dependent chains overlap (one row is a chain of about 130
// cycles: two butterfly maxima, the exponential, the float64 lane sum, a
// division), the last rows two or one at a time. Measured on Zen 4
// (2026-12-04): 1.66 ns per logit at k = 10 with two rows an iteration,
// 1.42 with three, 1.27-1.30 with four.
// Every lane of a row takes the row's maxima (SHMAX), so nothing is
// broadcast, and the exponentials' sum is reduce16 of the sixteen lanes in
// float64 (element i in lane i, alone in its lane sum).
//
// The twin's special cases need no instructions of their own:
//   - A row the twin fills with NaN (a NaN or +Inf logit, or only -Inf) has
//     s_i = NaN for some i < k whatever the maximum c the lanes' VMAXPS
//     give (NaN - c, +Inf - c with c = +Inf or NaN, -Inf - -Inf), so its
//     exponential, the sum, 1/sum and every value of the row are NaN.
//   - Otherwise c is the twin's maximum but perhaps for the sign of a zero,
//     and s = (l - c) + g and its maximum m too; a NaN s_i (from a NaN or
//     infinite Gumbel) makes the row NaN in both; and zeros of either sign
//     change only the sign of a zero (s_i - m) inv, whose exponential is 1
//     either way: the same bits as the twins' +0.
TEXT ·short32AVX512(SB), NOSPLIT, $0-84
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), BX
	MOVQ gs_base+48(FP), DX
	MOVQ k+72(FP), CX
	VBROADCASTSS inv+80(FP), Z27
	EXP32CONSTS
	VMOVSD       zs32one64<>(SB), X21
	MOVL  $1, R9
	SHLL  CX, R9
	DECL  R9
	KMOVW R9, K1                     // the first k lanes
	MOVQ  CX, R8
	SHLQ  $2, R8                     // bytes per row
	LEAQ  (CX)(CX*1), R10            // 2k
	LEAQ  (R8)(R8*2), R12            // the offset of the fourth row
	LEAQ  (R10)(R10*1), R13          // 4k

sh32quad:
	CMPQ BX, R13
	JLT  sh32pair
	SHROW1((SI), (DX), Z0, Z1, Z2, Z3)
	SHROW1((SI)(R8*1), (DX)(R8*1), Z10, Z11, Z12, Z13)
	SHROW1((SI)(R8*2), (DX)(R8*2), Z7, Z8, Z9, Z17)
	SHROW1((SI)(R12*1), (DX)(R12*1), Z22, Z24, Z25, Z28)
	SHROW2(Z0, Z1, Z2, Z3)
	SHROW2(Z10, Z11, Z12, Z13)
	SHROW2(Z7, Z8, Z9, Z17)
	SHROW2(Z22, Z24, Z25, Z28)
	SHROW3(Z0, Z2, Z4, Z5, Z6, K2)
	SHROW3(Z10, Z12, Z14, Z15, Z16, K3)
	SHROW3(Z7, Z9, Z18, Z19, Z20, K4)
	SHROW3(Z22, Z25, Z29, Z30, Z31, K5)
	SHROW4(Z4, Y4, Z5, Y5, X5, Z6, Y6, X6, (DI))
	SHROW4(Z14, Y14, Z15, Y15, X15, Z13, Y13, X13, (DI)(R8*1))
	SHROW4(Z18, Y18, Z7, Y7, X7, Z8, Y8, X8, (DI)(R8*2))
	SHROW4(Z29, Y29, Z22, Y22, X22, Z24, Y24, X24, (DI)(R12*1))
	LEAQ (SI)(R8*4), SI
	LEAQ (DX)(R8*4), DX
	LEAQ (DI)(R8*4), DI
	SUBQ R13, BX
	JMP  sh32quad

sh32pair:
	CMPQ BX, R10
	JLT  sh32one
	SHROW1((SI), (DX), Z0, Z1, Z2, Z3)
	SHROW1((SI)(R8*1), (DX)(R8*1), Z10, Z11, Z12, Z13)
	SHROW2(Z0, Z1, Z2, Z3)
	SHROW2(Z10, Z11, Z12, Z13)
	SHROW3(Z0, Z2, Z4, Z5, Z6, K2)
	SHROW3(Z10, Z12, Z14, Z15, Z16, K3)
	SHROW4(Z4, Y4, Z5, Y5, X5, Z6, Y6, X6, (DI))
	SHROW4(Z14, Y14, Z15, Y15, X15, Z13, Y13, X13, (DI)(R8*1))
	LEAQ (SI)(R8*2), SI
	LEAQ (DX)(R8*2), DX
	LEAQ (DI)(R8*2), DI
	SUBQ R10, BX
	JMP  sh32pair

sh32one:
	CMPQ BX, CX
	JLT  sh32done
	SHROW1((SI), (DX), Z0, Z1, Z2, Z3)
	SHROW2(Z0, Z1, Z2, Z3)
	SHROW3(Z0, Z2, Z4, Z5, Z6, K2)
	SHROW4(Z4, Y4, Z5, Y5, X5, Z6, Y6, X6, (DI))

sh32done:
	VZEROUPPER
	RET

// MAXF32 sets X4 to the largest of the len(x) = CX float32 at SI (-Inf if
// none is larger; NaNs skipped; a zero maximum as +0) and K6 to whether
// some is NaN or +Inf (one compare a vector, !(x < +Inf)): maxF32Go on
// sixteen lanes, the last len%16 under a mask. It clobbers AX, BX, CX, R8,
// Z0, Z1, Z4-Z6 and K1-K3.
#define MAXF32 \
	VPBROADCASTD z32negInf<>(SB), Z4; \
	VMOVAPS      Z4, Z5; \
	VPBROADCASTD z32posInf<>(SB), Z6; \
	KXORW K6, K6, K6; \
	MOVQ CX, BX; \
	ANDQ $-32, BX; \
	XORQ AX, AX; \
zmaxf32: \
	CMPQ    AX, BX; \
	JGE     zmaxf16; \
	VMOVUPS (SI)(AX*4), Z0; \
	VMOVUPS 64(SI)(AX*4), Z1; \
	VMAXPS  Z4, Z0, Z4; \
	VMAXPS  Z5, Z1, Z5; \
	VCMPPS  $5, Z6, Z0, K2; \
	VCMPPS  $5, Z6, Z1, K3; \
	KORW    K2, K3, K2; \
	KORW    K2, K6, K6; \
	ADDQ    $32, AX; \
	JMP     zmaxf32; \
zmaxf16: \
	MOVQ CX, BX; \
	SUBQ AX, BX; \
	JZ   zmaxfdone; \
	CMPQ BX, $16; \
	JL   zmaxftail; \
	VMOVUPS (SI)(AX*4), Z0; \
	VMAXPS  Z4, Z0, Z4; \
	VCMPPS  $5, Z6, Z0, K2; \
	KORW    K2, K6, K6; \
	ADDQ    $16, AX; \
	SUBQ    $16, BX; \
	JZ      zmaxfdone; \
zmaxftail: \
	MOVQ  BX, CX; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
	KMOVQ R8, K1; \
	VMOVUPS.Z (SI)(AX*4), K1, Z0; \
	VMAXPS    Z4, Z0, K1, Z4; \
	VCMPPS    $5, Z6, Z0, K1, K2; \
	KORW      K2, K6, K6; \
zmaxfdone: \
	VMAXPS        Z5, Z4, Z4; \
	VEXTRACTF32X8 $1, Z4, Y0; \
	VMAXPS        Y0, Y4, Y4; \
	VEXTRACTF128  $1, Y4, X0; \
	VMAXPS        X0, X4, X4; \
	VPERMILPS     $0x4e, X4, X0; \
	VMAXPS        X0, X4, X4; \
	VPERMILPS     $0xb1, X4, X0; \
	VMAXSS        X0, X4, X4; \
	VXORPS        X0, X0, X0; \
	VADDSS        X0, X4, X4

// func maxF32AVX512(x []float32) (max float32, bad bool)
// The largest x[i] (-Inf if none is larger; NaNs skipped) and whether some
// x[i] is NaN or +Inf: maxF32Go on sixteen lanes (MAXF32).
TEXT ·maxF32AVX512(SB), NOSPLIT, $0-29
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MAXF32
	VMOVSS   X4, max+24(FP)
	KORTESTW K6, K6
	SETNE    bad+28(FP)
	VZEROUPPER
	RET

// NORM32 reduces the lane sums Z2 and Z3 as reduce16 and scales the R11
// float32 at DI by float32(1/sum), as scale32Body(row, float32(1/sum)) does.
// It clobbers AX, BX, CX, R8, X2, X3, Z0, Z1 and K1.
#define NORM32 \
	VADDPD        Z3, Z2, Z2; \
	VEXTRACTF64X4 $1, Z2, Y3; \
	VADDPD        Y3, Y2, Y2; \
	VEXTRACTF128  $1, Y2, X3; \
	VADDPD        X3, X2, X2; \
	VPERMILPD     $1, X2, X3; \
	VADDSD        X3, X2, X2; \
	VMOVSD        zs32one64<>(SB), X3; \
	VDIVSD        X2, X3, X3; \
	VCVTSD2SS     X3, X3, X3; \
	VBROADCASTSS  X3, Z1; \
	MOVQ R11, BX; \
	ANDQ $-16, BX; \
	XORQ AX, AX; \
nrscale: \
	CMPQ    AX, BX; \
	JGE     nrtail; \
	VMULPS  (DI)(AX*4), Z1, Z0; \
	VMOVUPS Z0, (DI)(AX*4); \
	ADDQ    $16, AX; \
	JMP     nrscale; \
nrtail: \
	MOVQ  R11, CX; \
	SUBQ  BX, CX; \
	JZ    nrdone; \
	MOVQ  $1, R8; \
	SHLQ  CX, R8; \
	DECQ  R8; \
	KMOVQ R8, K1; \
	VMOVUPS.Z (DI)(AX*4), K1, Z0; \
	VMULPS    Z1, Z0, Z0; \
	VMOVUPS   Z0, K1, (DI)(AX*4); \
nrdone:

// ROWMAX32(status, done) sets X4 to the maximum of the CX float32 at SI
// (MAXF32) and, if they hold a NaN or +Inf or only -Inf, status to rowNaN
// (1) and goes to done.
#define ROWMAX32(status, done) \
	MAXF32; \
	MOVB     $1, status; \
	KORTESTW K6, K6; \
	JNE      done; \
	VUCOMISS z32negInf<>(SB), X4; \
	JEQ      done

// func raceRow32AVX512(dst, l []float32, bits []float64, nf float32, n int) (c float32, status uint8)
// raceRow32Parts (soft32.go) in one call, from the bodies of maxF32AVX512,
// race32AVX512 and scale32AVX512: c = the row's maximum (ROWMAX32); status
// rowNaN (1, nothing written) if the row holds a NaN or +Inf or only -Inf;
// else the race with that c (RACE32), rowFlushed (2, the weights unscaled)
// if an exponential flushed; else dst scaled by float32(1/sum) (NORM32)
// and rowDone (0). The calls it saves cost a row of 100 logits about 35 ns
// of 182.
TEXT ·raceRow32AVX512(SB), NOSPLIT, $0-93
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	ROWMAX32(status+92(FP), rrdone)
	VMOVSS   X4, c+88(FP)
	VBROADCASTSS X4, Z16
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), R11
	MOVQ bits_base+48(FP), DX
	MOVQ n+80(FP), R9
	VBROADCASTSS nf+72(FP), Z17
	RACE32
	MOVB     $2, status+92(FP)
	KORTESTW K7, K7
	JNE      rrdone
	NORM32
	MOVB $0, status+92(FP)

rrdone:
	VZEROUPPER
	RET

// func softRow32AVX512(dst, l, g []float32, inv float32) (status uint8)
// softRow32Parts (soft32.go) in one call, from the bodies of maxF32AVX512,
// addMax32AVX512, softExp32AVX512 and scale32AVX512, g the row's Gumbels:
// c = the row's maximum (ROWMAX32); rowNaN (1, nothing written) if the row
// holds a NaN or +Inf or only -Inf; else dst = (l - c) + g (ADDMAX32) with
// maximum m, dst = exp32((dst - m) inv) (SOFTEXP32), scaled by
// float32(1/sum) (NORM32), and rowDone (0).
TEXT ·softRow32AVX512(SB), NOSPLIT, $0-81
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	ROWMAX32(status+80(FP), srdone)
	VBROADCASTSS X4, Z1
	MOVQ dst_base+0(FP), DI
	MOVQ l_base+24(FP), SI
	MOVQ l_len+32(FP), CX
	MOVQ g_base+48(FP), DX
	ADDMAX32
	VBROADCASTSS X2, Z0
	VBROADCASTSS inv+72(FP), Z1
	MOVQ dst_base+0(FP), DI
	MOVQ DI, SI
	MOVQ l_len+32(FP), R9
	SOFTEXP32
	MOVQ l_len+32(FP), R11
	NORM32
	MOVB $0, status+80(FP)

srdone:
	VZEROUPPER
	RET
