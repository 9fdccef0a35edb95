// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"runtime"
	"sync/atomic"
	"time"
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
// Generator for each), O(w) whatever the number of rows. After a batch its
// helper goroutines wait, yielding, for up to an eighth of its time (at most
// 200 µs) for the next batch, which they then join at once instead of
// waiting for an idle core to wake.
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
// depend neither on the chunks' size nor on the number of workers, nor on
// which goroutine draws which chunk; each worker allocates its Generator
// once, whatever the number of chunks.
func (g *Generator) runRows(r, per, work, workers int, f func(gen *Generator, i0, i1 int)) {
	src := g.src.(*Source)
	base := src.n
	chunk := rowsPerChunk(work)
	chunks := chunksOf(r, chunk)
	var next atomic.Int64
	j := &batchJob{start: time.Now()}
	j.slots.Store(int32(workers - 1))
	j.run = func() {
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
	current.Store(j)
	for range max(0, workers-1-int(lingering.Load())) {
		go helper(j)
	}
	j.run()
	j.closed.Store(true)
	for j.active.Load() != 0 { // the helpers are at most a chunk from done
		runtime.Gosched()
	}
	src.n = base + uint64(r)*uint64(per)
}

// A batchJob is a parallel batch that helper goroutines may join: up to
// slots of them, until the caller has taken the last chunk (closed).
type batchJob struct {
	run    func() // draws chunks until none is left
	start  time.Time
	slots  atomic.Int32
	active atomic.Int32
	closed atomic.Bool
}

// join runs j's chunks on the calling helper if j has a free slot and is
// still open.
func (j *batchJob) join() {
	if j.slots.Add(-1) < 0 {
		return
	}
	j.active.Add(1)
	defer j.active.Add(-1)
	if !j.closed.Load() {
		j.run()
	}
}

// current is the latest parallel batch, lingering the number of helper
// goroutines waiting for the next one.
var (
	current   atomic.Pointer[batchJob]
	lingering atomic.Int32
)

// lingerFraction bounds a helper's wait for the next batch to this
// fraction of the time of the batch it last ran, lingerMax absolutely.
const (
	lingerFraction = 8
	lingerMax      = 200 * time.Microsecond
)

// helper joins j, then waits for the next batch for a while, yielding, and
// joins it if it begins in time. A goroutine started on an idle core waits
// for the operating system to wake that core: 90-170 µs on the 2-core
// virtual machine of 2026-12-04 when the core had been idle for less than
// a millisecond (a fifth of a batch of 4096 x 100, which the caller draws
// alone meanwhile), about a millisecond after 5 ms idle. A helper that
// lingers keeps its core awake and takes up the next batch at once:
// batches of 4096 x 100 back to back went from 1.5-1.75x to 1.9-2.2x on 2
// cores. It costs at most 1/lingerFraction of its last batch's time (and
// lingerMax) of one core when no batch follows.
func helper(j *batchJob) {
	for {
		j.join()
		d := min(time.Since(j.start)/lingerFraction, lingerMax)
		t := time.Now()
		lingering.Add(1)
		for current.Load() == j && time.Since(t) < d {
			runtime.Gosched()
		}
		lingering.Add(-1)
		next := current.Load()
		if next == j {
			return
		}
		j = next
	}
}
