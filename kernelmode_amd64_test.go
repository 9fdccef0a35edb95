// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package gumbel

// kernelModes returns the kernel selections this CPU can run, widest first,
// and a function that restores the selection in force.
func kernelModes() (modes []string, set func(string), restore func()) {
	saved512, saved2 := useAVX512, useAVX2
	if saved512 {
		modes = append(modes, "avx512")
	}
	if saved2 {
		modes = append(modes, "avx2")
	}
	modes = append(modes, "go")
	set = func(m string) {
		useAVX512, useAVX2 = m == "avx512", m == "avx512" || m == "avx2"
	}
	return modes, set, func() { useAVX512, useAVX2 = saved512, saved2 }
}
