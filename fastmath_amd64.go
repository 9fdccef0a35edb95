// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package gumbel

// negLogBody sets dst[i] = -fastLog(x[i]) for len(x) a multiple of 4.
// It is negLogGo.
func negLogBody(dst, x []float64) { negLogGo(dst, x) }

// expSumBody sets dst[i] = exp((x[i]-shift)*scale) and adds dst[i] to
// p[i%4], for len(x) a multiple of 4. It is expSumGo.
func expSumBody(dst, x []float64, shift, scale float64, p *[4]float64) {
	expSumGo(dst, x, shift, scale, p)
}
