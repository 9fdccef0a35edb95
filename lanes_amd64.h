// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Macros shared by fastmath_amd64.s and kernels512_amd64.s.

// ARGMAX4(r) reduces four lanes, the running maxima in Y4 and their first
// indices in Y9, to the largest value in X0 (in every lane of Y0) and, in
// X3, the smallest index among the lanes that hold it: the first index of
// the maximum, as perturbGo finds it. It clobbers Y1-Y3 and the general
// register r.
#define ARGMAX4(r) \
	VPERMPD      $0x4e, Y4, Y0; \
	VMAXPD       Y0, Y4, Y0; \
	VPERMPD      $0xb1, Y0, Y1; \
	VMAXPD       Y1, Y0, Y0; \
	VCMPPD       $0, Y0, Y4, Y2; \
	MOVQ         $0x7fffffffffffffff, r; \
	VMOVQ        r, X3; \
	VPBROADCASTQ X3, Y3; \
	VBLENDVPD    Y2, Y9, Y3, Y3; \
	VPERMPD      $0x4e, Y3, Y1; \
	VPCMPGTQ     Y1, Y3, Y2; \
	VBLENDVPD    Y2, Y1, Y3, Y3; \
	VPERMPD      $0xb1, Y3, Y1; \
	VPCMPGTQ     Y1, Y3, Y2; \
	VBLENDVPD    Y2, Y1, Y3, Y3
