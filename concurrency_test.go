// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestConcurrencyPackageLevel calls every package-level random function, and
// the distributions with a nil Src (which use the same global source), from
// many goroutines at once. Run under the race detector
// (go test -race -run Concurrency .) it shows the global source is safe for
// concurrent use; every output is also checked for validity. Generators are
// documented as not safe for concurrent use, like math/rand/v2's Rand, and
// are not exercised here.
func TestConcurrencyPackageLevel(t *testing.T) {
	t.Parallel()
	const goroutines = 16
	iters := 200
	if testing.Short() {
		iters = 20
	}
	logits := []float64{0.5, -1, math.Inf(-1), 2, 0}
	k := len(logits)
	m := mat.NewDense(3, k, nil)
	for r := 0; r < 3; r++ {
		m.SetRow(r, logits)
	}
	grad := []float64{1, -2, 3, 0.5, -1}

	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	firsts := make([]float64, goroutines)
	for w := 0; w < goroutines; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			fail := func(format string, args ...any) {
				errs <- fmt.Errorf("goroutine %d: "+format, append([]any{w}, args...)...)
			}
			noise := make([]float64, 8)
			y := make([]float64, k)
			var st *ST
			var stb *STBatch
			for i := 0; i < iters; i++ {
				SampleGumbel(noise)
				if i == 0 {
					firsts[w] = noise[0]
				}
				if err := relFinite("SampleGumbel", noise...); err != nil {
					fail("%v", err)
					return
				}
				if err := relFinite("SampleGumbelLocScale", SampleGumbelLocScale(noise, 3, 2)...); err != nil {
					fail("%v", err)
					return
				}
				idx := GumbelMax(logits)
				if err := relValidIndex(idx, logits); err != nil {
					fail("GumbelMax: %v", err)
					return
				}
				for _, j := range GumbelMaxBatchTo(nil, m) {
					if err := relValidIndex(j, logits); err != nil {
						fail("GumbelMaxBatchTo: %v", err)
						return
					}
				}
				if err := relValidSoft(GumbelSoftmaxTo(y, logits, 0.5, false), logits, -1); err != nil {
					fail("GumbelSoftmaxTo: %v", err)
					return
				}
				h := GumbelSoftmax(mat.NewVecDense(k, logits), 0.5, true).RawVector().Data
				if err := relValidHard(h, logits, argmax(h)); err != nil {
					fail("GumbelSoftmax hard: %v", err)
					return
				}
				if err := relValidLog(LogGumbelSoftmaxTo(y, logits, 0.5), logits); err != nil {
					fail("LogGumbelSoftmaxTo: %v", err)
					return
				}
				if err := relValidLog(LogGumbelSoftmax(mat.NewVecDense(k, logits), 2).RawVector().Data, logits); err != nil {
					fail("LogGumbelSoftmax: %v", err)
					return
				}
				b := GumbelSoftmaxBatchTo(nil, m, 0.5, false)
				lb := LogGumbelSoftmaxBatchTo(nil, m, 0.5)
				stb = StraightThroughBatchTo(stb, m, 0.5)
				for r := 0; r < 3; r++ {
					if err := relValidSoft(b.RawRowView(r), logits, -1); err != nil {
						fail("GumbelSoftmaxBatchTo: %v", err)
						return
					}
					if err := relValidLog(lb.RawRowView(r), logits); err != nil {
						fail("LogGumbelSoftmaxBatchTo: %v", err)
						return
					}
					if err := relValidHard(stb.Hard.RawRowView(r), logits, stb.Index[r]); err != nil {
						fail("StraightThroughBatchTo: %v", err)
						return
					}
				}
				st = StraightThroughTo(st, logits, 0.5)
				if err := relValidHard(st.Hard, logits, st.Index); err != nil {
					fail("StraightThroughTo: %v", err)
					return
				}
				if err := relFinite("VJP", st.VJP(nil, grad)...); err != nil {
					fail("%v", err)
					return
				}
				if err := relValidSoft(StraightThrough(mat.NewVecDense(k, logits), 1).Soft, logits, -1); err != nil {
					fail("StraightThrough: %v", err)
					return
				}
				bs := RelaxedBernoulliST(0.3, 0.5)
				if r := RelaxedBernoulli(0.3, 0.5); !(r >= 0 && r <= 1) || !(bs.Soft >= 0 && bs.Soft <= 1) {
					fail("RelaxedBernoulli: %v, %+v", r, bs)
					return
				}
				if err := relValidSoft(Concrete{Logits: logits, Tau: 0.5}.Rand(y), logits, -1); err != nil {
					fail("Concrete.Rand: %v", err)
					return
				}
				if err := relValidLog(ExpConcrete{Logits: logits, Tau: 0.5}.Rand(y), logits); err != nil {
					fail("ExpConcrete.Rand: %v", err)
					return
				}
				if r := (BinaryConcrete{Logit: -1, Tau: 0.5}).Rand(); !(r >= 0 && r <= 1) {
					fail("BinaryConcrete.Rand: %v", r)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// The goroutines draw from one shared stream, not copies of it: their
	// first draws are distinct (a tie has probability about 2^-52).
	seen := make(map[float64]int)
	for w, v := range firsts {
		if u, dup := seen[v]; dup {
			t.Errorf("goroutines %d and %d drew the same first Gumbel %v", u, w, v)
		}
		seen[v] = w
	}
}

// TestConcurrencyOwnGenerators shows the supported pattern for reproducible
// parallel work: one Generator per goroutine. Each goroutine's stream equals
// the one the same seed gives sequentially.
func TestConcurrencyOwnGenerators(t *testing.T) {
	t.Parallel()
	const goroutines = 8
	logits := []float64{1, 0, -1, 2}
	got := make([][]float64, goroutines)
	var wg sync.WaitGroup
	for w := 0; w < goroutines; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			g := NewSeeded(uint64(w), 99)
			for i := 0; i < 100; i++ {
				got[w] = g.GumbelSoftmaxTo(got[w], logits, 0.7, false)
			}
		}(w)
	}
	wg.Wait()
	for w := 0; w < goroutines; w++ {
		g := NewSeeded(uint64(w), 99)
		var want []float64
		for i := 0; i < 100; i++ {
			want = g.GumbelSoftmaxTo(want, logits, 0.7, false)
		}
		for i := range want {
			if got[w][i] != want[i] {
				t.Fatalf("goroutine %d: %v, sequential %v", w, got[w], want)
			}
		}
	}
}
