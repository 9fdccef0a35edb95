// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build noasm || !amd64

package gumbel

// splitmixBody stores splitmix(z + i gamma) in dst[i] (as bits, or as
// uniformOpen of them if uniform) for every i and returns len(dst). It is
// splitmixGo.
func splitmixBody(dst []float64, z, gamma uint64, uniform bool) int {
	return splitmixGo(dst, z, gamma, uniform)
}
