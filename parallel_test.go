// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// parallelDraws runs every parallel batch form on logits with a fresh
// NewSeeded(3, 4) bounded to workers goroutines and returns all their
// results, and the next source value, as one slice of bits.
func parallelDraws(logits *mat.Dense, workers int) []uint64 {
	g := NewSeeded(3, 4)
	g.SetMaxWorkers(workers)
	var out []uint64
	put := func(v ...float64) {
		for _, x := range v {
			out = append(out, math.Float64bits(x))
		}
	}
	puti := func(v []int) {
		for _, x := range v {
			out = append(out, uint64(x))
		}
	}
	put(g.GumbelSoftmaxBatchTo(nil, logits, 0.5, false).RawMatrix().Data...)
	put(g.GumbelSoftmaxBatchTo(nil, logits, 0.5, true).RawMatrix().Data...)
	put(g.LogGumbelSoftmaxBatchTo(nil, logits, 0.3).RawMatrix().Data...)
	st := g.StraightThroughBatchTo(nil, logits, 0.7)
	puti(st.Index)
	put(st.Soft.RawMatrix().Data...)
	put(st.Hard.RawMatrix().Data...)
	put(st.Perturbed.RawMatrix().Data...)
	puti(g.GumbelMaxBatchTo(nil, logits))
	puti(g.CategoricalBatchTo(nil, logits))
	// The float32 soft samples: the race (tau = 0.5) and the two-logarithm
	// kernels (tau = 0.7).
	x := make([]float32, len(logits.RawMatrix().Data))
	for i, v := range logits.RawMatrix().Data {
		x[i] = float32(v)
	}
	_, k := logits.Dims()
	for _, tau := range []float64{0.5, 0.7} {
		for _, v := range g.GumbelSoftmaxBatch32To(nil, x, k, tau, false) {
			out = append(out, uint64(math.Float32bits(v)))
		}
	}
	return append(out, g.src.Uint64())
}

// TestParallelBatchesBitIdentical checks that the batch forms give the same
// bits, and leave the Generator in the same state, for any number of
// workers and any GOMAXPROCS, on batches large enough to be split (4096
// rows of 100, 8192 of 10, 100 of 1000), and that they equal the rows drawn
// one by one with the single-row forms.
func TestParallelBatchesBitIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("large batches")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, shape := range [][2]int{{4096, 100}, {8192, 10}, {100, 1000}} {
		r, c := shape[0], shape[1]
		logits := mat.NewDense(r, c, nil)
		for i := range r {
			for j := range c {
				logits.Set(i, j, float64((i*31+j*17)%23)/5-2)
			}
			logits.Set(i, (i*7)%c, math.Inf(-1))
		}
		if g := NewSeeded(1, 1); g.workersFor(r, c, c) < 2 && runtime.GOMAXPROCS(0) > 1 {
			t.Fatalf("%d×%d: not split into chunks", r, c)
		}
		runtime.GOMAXPROCS(1)
		want := parallelDraws(logits, 1)
		for _, procs := range []int{1, 2, 3, 8} {
			runtime.GOMAXPROCS(procs)
			for _, workers := range []int{0, 2, 3, 8, 64} {
				got := parallelDraws(logits, workers)
				if len(got) != len(want) {
					t.Fatalf("%d×%d GOMAXPROCS=%d workers=%d: %d values, want %d", r, c, procs, workers, len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("%d×%d GOMAXPROCS=%d workers=%d: value %d differs", r, c, procs, workers, i)
					}
				}
			}
		}
		// The single-row forms, row by row, from the same seed.
		runtime.GOMAXPROCS(8)
		g, one := NewSeeded(3, 4), NewSeeded(3, 4)
		soft := g.GumbelSoftmaxBatchTo(nil, logits, 0.5, false)
		y := make([]float64, c)
		for i := range r {
			one.GumbelSoftmaxTo(y, logits.RawRowView(i), 0.5, false)
			for j := range y {
				if math.Float64bits(y[j]) != math.Float64bits(soft.At(i, j)) {
					t.Fatalf("%d×%d: row %d of the parallel batch differs from GumbelSoftmaxTo", r, c, i)
				}
			}
		}
		if g.src.Uint64() != one.src.Uint64() {
			t.Fatalf("%d×%d: the parallel batch left the source elsewhere", r, c)
		}
	}
}

// TestParallelBatchSequentialAllocs checks that a batch bounded to one
// worker allocates nothing when its destination is reused.
func TestParallelBatchSequentialAllocs(t *testing.T) {
	logits := mat.NewDense(4096, 100, nil)
	dst := mat.NewDense(4096, 100, nil)
	idx := make([]int, 4096)
	g := NewSeeded(1, 2)
	g.SetMaxWorkers(1)
	st := g.StraightThroughBatchTo(nil, logits, 0.5)
	if n := testing.AllocsPerRun(3, func() {
		g.GumbelSoftmaxBatchTo(dst, logits, 0.5, false)
		g.StraightThroughBatchTo(st, logits, 0.5)
		g.GumbelMaxBatchTo(idx, logits)
		g.CategoricalBatchTo(idx, logits)
	}); n != 0 {
		t.Errorf("one worker: %v allocations per run, want 0", n)
	}
}

// TestParallelBatchAllocs checks that a batch drawn on several goroutines
// allocates O(workers), not O(chunks): at most 4 objects per worker, for a
// batch of 50 chunks (each worker keeps one Generator for all its chunks).
func TestParallelBatchAllocs(t *testing.T) {
	logits := mat.NewDense(4096, 100, nil)
	dst := mat.NewDense(4096, 100, nil)
	for _, w := range []int{2, 4} {
		g := NewSeeded(1, 2)
		g.SetMaxWorkers(w)
		if g.workersFor(4096, 100, 100) != w {
			t.Fatalf("workers=%d: the batch is not drawn on %d goroutines", w, w)
		}
		if n := testing.AllocsPerRun(5, func() { g.GumbelSoftmaxBatchTo(dst, logits, 0.5, false) }); n > float64(4*w) {
			t.Errorf("workers=%d: %v allocations per batch, want at most %d", w, n, 4*w)
		}
	}
}

// TestParallelBatchesConcurrent draws parallel batches from several
// Generators on several goroutines at once, so that lingering helpers join
// batches of other Generators (helper), and checks every result bit for
// bit against the same Generator's batches drawn on one worker.
func TestParallelBatchesConcurrent(t *testing.T) {
	const rows, cols, reps, gens = 1024, 100, 6, 4
	logits := mat.NewDense(rows, cols, nil)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range logits.RawMatrix().Data {
		logits.RawMatrix().Data[i] = r.NormFloat64()
	}
	want := make([][]*mat.Dense, gens)
	for k := range want {
		g := NewSeeded(uint64(k), 9)
		g.SetMaxWorkers(1)
		for range reps {
			want[k] = append(want[k], g.GumbelSoftmaxBatchTo(nil, logits, 0.7, false))
		}
	}
	var wg sync.WaitGroup
	got := make([][]*mat.Dense, gens)
	for k := range gens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := NewSeeded(uint64(k), 9)
			g.SetMaxWorkers(4)
			for range reps {
				got[k] = append(got[k], g.GumbelSoftmaxBatchTo(nil, logits, 0.7, false))
			}
		}()
	}
	wg.Wait()
	for k := range gens {
		for i := range reps {
			a, b := got[k][i].RawMatrix().Data, want[k][i].RawMatrix().Data
			for j := range a {
				if math.Float64bits(a[j]) != math.Float64bits(b[j]) {
					t.Fatalf("generator %d, batch %d, value %d: %v, one worker gives %v", k, i, j, a[j], b[j])
				}
			}
		}
	}
}
