// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package ports measures the throughput of the zmm instructions of the
// float32 kernels, alone and in pairs and triples, to find which execution
// pipes they share (docs/notes/port-bounds.md, "Zen 4, 2026-12-04"). Each
// benchmark runs a loop of 24 independent instructions per iteration; the
// cycles per iteration are ns/op times the clock in GHz:
//
//	go test -bench . ./bench/ports
//
// gen.py writes the assembly, its declarations and the benchmarks.
package ports
