// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel batches. A Generator drawing from the package's Source knows
// where in its stream each row of a batch starts (row i of a batch drawing
// per values a row starts at output n + i*per), so the batch forms split
// large batches into chunks of rows, each drawn by a goroutine from a copy
// of the Source positioned at its first row: the result is the one the
// rows drawn in order give, to the bit, whatever the number of goroutines
// or the order they run in. Any other rand.Source is drawn in order on the
// calling goroutine.

// SetMaxWorkers bounds the number of goroutines the batch forms of g may
// use: n <= 0 (the default) allows runtime.GOMAXPROCS(0), n = 1 keeps every
// batch on the calling goroutine. Results do not depend on it. Only a
// Generator drawing from a *Source (NewSeeded's) runs batches in parallel,
// and only batches of at least about parallelMin values. A batch drawn on w
// goroutines allocates a few small objects per call (the goroutines, and a
// Generator for each), O(w) whatever the number of rows.
func (g *Generator) SetMaxWorkers(n int) { g.workers = n }

// parallelMin is the number of values a chunk of rows draws at least: below
// it the cost of a goroutine exceeds the work (a few microseconds); a chunk is about 30 µs of work, and batches of many chunks balance the workers.
const parallelMin = 8 << 10

// workersFor returns the number of goroutines a batch of r rows, each
// consuming per source values and costing about work value-operations,
// should run on: 1 (in order, on the caller's goroutine) unless g's source
// is a *Source, the batch has at least two chunks of parallelMin work and
// g allows two workers.
func (g *Generator) workersFor(r, per, work int) int {
	if _, ok := g.src.(*Source); !ok || per <= 0 {
		return 1
	}
	workers := g.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return max(1, min(workers, chunksOf(r, rowsPerChunk(work))))
}

// chunksOf returns the number of chunks of n rows in r.
func chunksOf(r, n int) int { return (r + n - 1) / n }

// rowsPerChunk is the number of rows of a chunk: about parallelMin
// value-operations, whatever the number of workers.
func rowsPerChunk(work int) int { return max(1, parallelMin/max(1, work)) }

// runRows draws the rows [0, r) of a batch consuming per source values a row
// by calling f(gen, i0, i1) on chunks of rows on workers goroutines (the
// caller's among them), each chunk with a Generator whose Source is
// positioned where its first row starts in the sequential order, then
// advances g's Source past the batch. g's source must be a *Source. Each
// chunk is drawn from its own position in the stream, so the results
// depend neither on the chunks' size nor on the number of workers; each
// worker allocates its Generator once, whatever the number of chunks.
func (g *Generator) runRows(r, per, work, workers int, f func(gen *Generator, i0, i1 int)) {
	src := g.src.(*Source)
	base := src.n
	chunk := rowsPerChunk(work)
	chunks := chunksOf(r, chunk)
	var next atomic.Int64
	var wg sync.WaitGroup
	run := func() {
		defer wg.Done()
		s := new(Source) // one Generator per worker, positioned per chunk
		gen := &Generator{src: s, workers: 1}
		for {
			c := int(next.Add(1) - 1)
			if c >= chunks {
				return
			}
			i0 := c * chunk
			*s = src.at(base + uint64(i0)*uint64(per))
			f(gen, i0, min(r, i0+chunk))
		}
	}
	wg.Add(workers)
	for range workers - 1 {
		go run()
	}
	run()
	wg.Wait()
	src.n = base + uint64(r)*uint64(per)
}
