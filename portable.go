// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "math"

// Portable kernels for the few functions besides exp and log that the
// package needs: every product is rounded with float64() so that no platform
// fuses it into a multiply-add, which gives the same bits everywhere.

// lgammaInt returns log((k-1)!) = lgamma(k) for an integer k >= 1, within a
// few ulp of math.Lgamma: the product (k-1)! in float64 (each step one
// rounding, relative error below k 2^-53) and fastLog for k <= 171, where
// (k-1)! is finite; beyond, Stirling's series (Abramowitz & Stegun 6.1.41)
// (k - 1/2) log k - k + log(2 pi)/2 + 1/(12k) - 1/(360k^3) + 1/(1260k^5),
// whose next term, below 1/(1680 k^7), is under 2^-60 for k > 171.
func lgammaInt(k int) float64 {
	if k <= 171 {
		p := 1.0
		for i := 2; i < k; i++ {
			p = float64(p * float64(i))
		}
		return fastLog(p)
	}
	const halfLog2Pi = 0.91893853320467274178032973640562 // log(2 pi)/2
	x := float64(k)
	inv := 1 / x
	inv2 := float64(inv * inv)
	series := float64(inv * (1.0/12 - float64(inv2*(1.0/360-float64(inv2*(1.0/1260))))))
	return float64((x-0.5)*fastLog(x)) - x + (halfLog2Pi + series)
}

// fdlibm's k_sin.c and k_cos.c coefficients (FreeBSD msun), minimax
// polynomials for sin and cos on [-pi/4, pi/4].
const (
	sinS1 = -1.66666666666666324348e-01
	sinS2 = 8.33333333332248946124e-03
	sinS3 = -1.98412698298579493134e-04
	sinS4 = 2.75573137070700676789e-06
	sinS5 = -2.50507602534068634195e-08
	sinS6 = 1.58969099521155010221e-10

	cosC1 = 4.16666666666666019037e-02
	cosC2 = -1.38888888888741095749e-03
	cosC3 = 2.48015872894767294178e-05
	cosC4 = -2.75573143513906633035e-07
	cosC5 = 2.08757232129817482790e-09
	cosC6 = -1.13596475577881948265e-11

	// pi/2 = pio2_1 + pio2_2 + pio2_2t to 118 bits (e_rem_pio2.c); pio2_1
	// and pio2_2 have 33 significant bits.
	pio21  = 1.57079632673412561417e+00
	pio22  = 6.07710050630396597660e-11
	pio22t = 2.02226624879595063154e-21
)

// kernelSin returns sin(x) for |x| <= pi/4 (fdlibm __kernel_sin, tail 0).
func kernelSin(x float64) float64 {
	z := float64(x * x)
	w := float64(z * z)
	r := sinS2 + float64(z*(sinS3+float64(z*sinS4))) + float64(float64(z*w)*(sinS5+float64(z*sinS6)))
	v := float64(z * x)
	return x + float64(v*(sinS1+float64(z*r)))
}

// kernelCos returns cos(x) for |x| <= pi/4 (fdlibm __kernel_cos, tail 0).
func kernelCos(x float64) float64 {
	z := float64(x * x)
	w := float64(z * z)
	r := float64(z*(cosC1+float64(z*(cosC2+float64(z*cosC3))))) +
		float64(float64(w*w)*(cosC4+float64(z*(cosC5+float64(z*cosC6)))))
	hz := float64(0.5 * z)
	w = 1 - hz
	return w + (((1 - w) - hz) + float64(z*r))
}

// cosPi returns cos(x) for x in [0, pi], within about 1 ulp of math.Cos:
// x - n pi/2 (n = 0, 1 or 2) by fdlibm's two-step Cody-Waite reduction
// (x - n pio2_1 is exact by Sterbenz's lemma), then the fdlibm kernels.
func cosPi(x float64) float64 {
	var n float64
	switch {
	case x <= math.Pi/4:
		return kernelCos(x)
	case x <= 3*math.Pi/4:
		n = 1
	default:
		n = 2
	}
	t := x - float64(n*pio21)
	w := float64(n * pio22)
	r := t - w
	w = float64(n*pio22t) - ((t - r) - w)
	y := r - w
	if n == 1 {
		return -kernelSin(y)
	}
	return -kernelCos(y)
}
