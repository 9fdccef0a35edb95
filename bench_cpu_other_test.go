// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !unix

package gumbel

// cpuTime returns -1: the process's CPU time is not read on this platform.
func cpuTime() int64 { return -1 }
