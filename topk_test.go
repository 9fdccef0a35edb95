// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The first index of a Gumbel-top-k draw is Categorical(softmax(l)) and an
// ordered pair (i, j) has the Plackett–Luce probability p_i p_j / (1 - p_i)
// (Kool et al. 2019, eq. 3 for k = 2).
func TestGumbelTopKPlackettLuce(t *testing.T) {
	t.Parallel()
	logits := []float64{1.2, -0.3, 0.5, math.Inf(-1), 2.0, 0.0}
	p := softmaxRef(logits)
	n := len(logits)
	const draws = 60000
	g := NewSeeded(41, 42)
	first := make([]int, n)
	pairs := make([]int, n*n)
	dst := make([]int, 3)
	for range draws {
		g.GumbelTopKTo(dst, nil, logits, 3)
		first[dst[0]]++
		pairs[dst[0]*n+dst[1]]++
	}
	stat, df, pv := chiSquare(first, p)
	t.Logf("first index: chi2 = %.2f, df = %d, p = %.3f", stat, df, pv)
	if pv < pThreshold {
		t.Errorf("first index does not follow softmax(logits): chi2 = %v, p = %v", stat, pv)
	}
	pl := make([]float64, n*n)
	for i := range n {
		for j := range n {
			if i != j && p[i] < 1 {
				pl[i*n+j] = p[i] * p[j] / (1 - p[i])
			}
		}
	}
	stat, df, pv = chiSquare(pairs, pl)
	t.Logf("ordered pairs: chi2 = %.2f, df = %d, p = %.3f", stat, df, pv)
	if pv < pThreshold {
		t.Errorf("ordered pairs do not follow Plackett–Luce: chi2 = %v, p = %v", stat, pv)
	}
}

// GumbelTopKTo selects exactly the k largest of l + G for the noise G that
// SampleGumbel draws from the same source state, in decreasing order, and its
// first index is the Gumbel-max kernel's. Sizes cross the chunk (256) and
// stack-heap (64) sizes.
func TestGumbelTopKMatchesSort(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ n, k int }{{1, 1}, {5, 5}, {10, 3}, {64, 64}, {65, 7}, {300, 1}, {300, 70}, {256, 64}, {257, 65}, {1000, 200}} {
		logits := make([]float64, c.n)
		for i := range logits {
			logits[i] = 3 * r.NormFloat64()
			if i%7 == 3 && c.n > c.k+c.n/7+1 {
				logits[i] = math.Inf(-1)
			}
		}
		for rep := range 5 {
			seed := uint64(100*c.n + rep)
			noise := NewSeeded(seed, 1).SampleGumbel(make([]float64, c.n))
			order := make([]int, 0, c.n)
			for i := range logits {
				if !math.IsInf(logits[i], -1) {
					order = append(order, i)
				}
			}
			shift := rowShift(logits) // the keys are shifted (see GumbelTopKTo)
			key := func(i int) float64 { return float64(logits[i]-shift) + noise[i] }
			sort.SliceStable(order, func(a, b int) bool { return key(order[a]) > key(order[b]) })
			keys := make([]float64, c.k)
			got := NewSeeded(seed, 1).GumbelTopKTo(nil, keys, logits, c.k)
			for j := range c.k {
				if got[j] != order[j] || keys[j] != key(order[j]) {
					t.Fatalf("n=%d k=%d: position %d: got index %d key %v, want %d key %v",
						c.n, c.k, j, got[j], keys[j], order[j], key(order[j]))
				}
			}
			if gm := NewSeeded(seed, 1).perturb(nil, logits); gm != got[0] {
				t.Errorf("n=%d k=%d: first index %d, Gumbel-max %d", c.n, c.k, got[0], gm)
			}
		}
	}
}

func TestGumbelTopKMaskedAndInvalid(t *testing.T) {
	t.Parallel()
	inf := math.Inf(1)
	logits := []float64{math.Inf(-1), 0, math.Inf(-1), 5, -5, math.Inf(-1)}
	g := NewSeeded(5, 6)
	dst := make([]int, 3)
	for range 2000 {
		g.GumbelTopKTo(dst, nil, logits, 3)
		seen := map[int]bool{}
		for _, i := range dst {
			if math.IsInf(logits[i], -1) || seen[i] {
				t.Fatalf("drew %v: masked or repeated index", dst)
			}
			seen[i] = true
		}
	}
	for _, bad := range []float64{math.NaN(), inf} {
		l := []float64{0, 1, bad, 2}
		src := &countingSource{src: rand.NewPCG(1, 2)}
		keys := make([]float64, 2)
		got := New(src).GumbelTopKTo(nil, keys, l, 2)
		if got[0] != -1 || got[1] != -1 || !math.IsNaN(keys[0]) || !math.IsNaN(keys[1]) {
			t.Errorf("logits %v: got %v keys %v, want -1s and NaNs", l, got, keys)
		}
		if src.n != len(l) {
			t.Errorf("logits %v: consumed %d source values, want %d", l, src.n, len(l))
		}
	}
}

func TestGumbelTopKPanics(t *testing.T) {
	t.Parallel()
	src := &countingSource{src: rand.NewPCG(1, 1)}
	g := New(src)
	l := []float64{0, 1, math.Inf(-1)}
	cases := []struct {
		name string
		want error
		f    func()
	}{
		{"empty", ErrEmpty, func() { g.GumbelTopKTo(nil, nil, nil, 1) }},
		{"k=0", ErrParameter, func() { g.GumbelTopKTo(nil, nil, l, 0) }},
		{"k<0", ErrParameter, func() { g.GumbelTopKTo(nil, nil, l, -2) }},
		{"k>unmasked", ErrParameter, func() { g.GumbelTopKTo(nil, nil, l, 3) }},
		{"all masked", ErrParameter, func() { g.GumbelTopKTo(nil, nil, []float64{math.Inf(-1)}, 1) }},
		{"dst length", ErrLength, func() { g.GumbelTopKTo(make([]int, 1), nil, l, 2) }},
		{"keys length", ErrLength, func() { g.GumbelTopKTo(nil, make([]float64, 3), l, 2) }},
		{"batch k=0", ErrParameter, func() { g.GumbelTopKBatchTo(nil, mat.NewDense(1, 3, l), 0) }},
		{"batch dst", ErrLength, func() { g.GumbelTopKBatchTo(make([]int, 3), mat.NewDense(2, 2, nil), 2) }},
		// The second row has one unmasked category: nothing may be drawn for the first.
		{"batch row", ErrParameter, func() {
			g.GumbelTopKBatchTo(nil, mat.NewDense(2, 3, []float64{0, 1, 2, 0, math.Inf(-1), math.Inf(-1)}), 2)
		}},
	}
	for _, c := range cases {
		mustPanic(t, "GumbelTopK "+c.name, c.want, src, c.f)
	}
}

// The batch form equals row-by-row calls, invalid rows giving -1.
func TestGumbelTopKBatch(t *testing.T) {
	t.Parallel()
	const r, c, k = 6, 9, 4
	data := make([]float64, r*c)
	rng := rand.New(rand.NewPCG(8, 9))
	for i := range data {
		data[i] = rng.NormFloat64()
	}
	data[2*c+1] = math.NaN()
	data[4*c+3] = math.Inf(-1)
	m := mat.NewDense(r, c, data)
	got := NewSeeded(10, 11).GumbelTopKBatchTo(nil, m, k)
	g := NewSeeded(10, 11)
	for i := range r {
		want := g.GumbelTopKTo(nil, nil, data[i*c:(i+1)*c], k)
		for j := range k {
			if got[i*k+j] != want[j] {
				t.Fatalf("row %d: batch %v, single %v", i, got[i*k:(i+1)*k], want)
			}
		}
	}
	if got[2*k] != -1 {
		t.Errorf("NaN row gave %v, want -1s", got[2*k:3*k])
	}
	// A non-Dense matrix is copied and gives the same draws.
	got2 := NewSeeded(10, 11).GumbelTopKBatchTo(nil, m.T().T(), k)
	for i := range got {
		if got[i] != got2[i] {
			t.Fatalf("non-Dense input differs at %d", i)
		}
	}
}

func TestGumbelTopKAllocs(t *testing.T) {
	g := NewSeeded(1, 2)
	logits := make([]float64, 500)
	for i := range logits {
		logits[i] = float64(i%13) / 4
	}
	dst := make([]int, 10)
	if a := testing.AllocsPerRun(100, func() { g.GumbelTopKTo(dst, nil, logits, 10) }); a != 0 {
		t.Errorf("GumbelTopKTo(k=10) allocates %v times", a)
	}
	dst, keys := make([]int, 100), make([]float64, 100)
	if a := testing.AllocsPerRun(100, func() { g.GumbelTopKTo(dst, keys, logits, 100) }); a != 0 {
		t.Errorf("GumbelTopKTo(k=100, keys) allocates %v times", a)
	}
	m := mat.NewDense(5, 100, logits)
	bd := make([]int, 5*8)
	if a := testing.AllocsPerRun(100, func() { g.GumbelTopKBatchTo(bd, m, 8) }); a != 0 {
		t.Errorf("GumbelTopKBatchTo allocates %v times", a)
	}
}

// BenchmarkGumbelTopK compares the heap selection with the naive way: store
// every perturbed logit and sort all the indices.
func BenchmarkGumbelTopK(b *testing.B) {
	for _, n := range []int{100, 10000} {
		logits, _ := benchInputs(n)
		for _, k := range []int{1, 10} {
			dst := make([]int, k)
			g := NewSeeded(1, 1)
			b.Run(fmt.Sprintf("heap/n=%d/k=%d", n, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					g.GumbelTopKTo(dst, nil, logits, k)
				}
			})
			s := make([]float64, n)
			idx := make([]int, n)
			b.Run(fmt.Sprintf("naive-sort/n=%d/k=%d", n, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					g.perturb(s, logits)
					for i := range idx {
						idx[i] = i
					}
					sort.Slice(idx, func(a, c int) bool { return s[idx[a]] > s[idx[c]] })
					copy(dst, idx[:k])
				}
			})
		}
	}
}

// benchInputs returns deterministic logits sin(i) and an upstream gradient
// cos(i) of length k for the benchmarks.
func benchInputs(k int) (logits, grad []float64) {
	logits, grad = make([]float64, k), make([]float64, k)
	for i := range logits {
		logits[i], grad[i] = math.Sin(float64(i)), math.Cos(float64(i))
	}
	return logits, grad
}
