// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build noasm || !amd64

package gumbel

// kernelModes returns the kernel selections this build can run: only the
// pure-Go twins.
func kernelModes() (modes []string, set func(string), restore func()) {
	return []string{"go"}, func(string) {}, func() {}
}
