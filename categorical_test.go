// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestCategoricalChiSquare(t *testing.T) {
	t.Parallel()
	const n = 200000
	g := NewSeeded(7, 8)
	counts := make([]int, len(testLogits))
	for i := 0; i < n; i++ {
		counts[g.Categorical(testLogits)]++
	}
	stat, df, p := chiSquare(counts, softmaxRef(testLogits))
	t.Logf("Categorical: counts=%v chi2=%.2f df=%d p=%.3f", counts, stat, df, p)
	if p < pThreshold {
		t.Errorf("chi-square: %v with %d df, p = %v (counts %v)", stat, df, p, counts)
	}
}

// TestCategoricalLongRows covers the two-pass path (rows longer than
// catBlock): the frequencies of 20 groups of categories against their
// probabilities, with masked categories and one dominant category beyond
// the first block.
func TestCategoricalLongRows(t *testing.T) {
	t.Parallel()
	for _, k := range []int{catBlock - 3, catBlock + 1, 3*catBlock + 5} {
		r := rand.New(rand.NewPCG(uint64(k), 1))
		logits := make([]float64, k)
		for i := range logits {
			logits[i] = 3 * r.NormFloat64()
			if i%7 == 3 {
				logits[i] = math.Inf(-1)
			}
		}
		logits[k-2] = 10 // a dominant category near the end
		p := softmaxRef(logits)
		const groups = 20
		probs := make([]float64, groups+1) // the last group is k-2 alone
		group := func(i int) int {
			if i == k-2 {
				return groups
			}
			return i * groups / k
		}
		for i, v := range p {
			probs[group(i)] += v
		}
		const n = 30000
		counts := make([]int, groups+1)
		g := NewSeeded(9, uint64(k))
		for i := 0; i < n; i++ {
			j := g.Categorical(logits)
			if j < 0 || math.IsInf(logits[j], -1) {
				t.Fatalf("k=%d: index %d (logit %v)", k, j, logits[j])
			}
			counts[group(j)]++
		}
		stat, df, pv := chiSquare(counts, probs)
		t.Logf("k=%d: chi2=%.2f df=%d p=%.3f", k, stat, df, pv)
		if pv < pThreshold {
			t.Errorf("k=%d: chi-square %v with %d df, p = %v", k, stat, df, pv)
		}
	}
}

// TestCategoricalInversion checks the kernel against the definition: for
// random logits and uniforms the index i returned satisfies
// C_{i-1} <= u S < C_i for the cumulative weights C computed in plain
// float64 with math.Exp, up to a rounding tolerance.
func TestCategoricalInversion(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 5))
	var buf [catBlock]float64
	for trial := 0; trial < 3000; trial++ {
		k := 1 + r.IntN(40)
		if trial%100 == 0 {
			k = catBlock + 1 + r.IntN(2*catBlock)
		}
		logits := make([]float64, k)
		for i := range logits {
			logits[i] = 5 * r.NormFloat64()
			if r.IntN(5) == 0 {
				logits[i] = math.Inf(-1)
			}
		}
		logits[r.IntN(k)] = r.NormFloat64()
		u := uniformOpen(r.Uint64())
		if trial%10 == 0 {
			u = uniformOpen(math.MaxUint64) // the largest uniform
		}
		scratch := buf[:]
		if trial%3 == 0 {
			scratch = buf[:5] // the two-pass path on short rows too
		}
		i := categorical(logits, u, scratch)
		m := math.Inf(-1)
		for _, v := range logits {
			m = math.Max(m, v)
		}
		cum := make([]float64, k)
		var s float64
		for j, v := range logits {
			s += math.Exp(v - m)
			cum[j] = s
		}
		if i < 0 || i >= k || math.IsInf(logits[i], -1) {
			t.Fatalf("trial %d: index %d of %d (logit %v)", trial, i, k, logits[i])
		}
		tol := float64(k+4) * 0x1p-52 * s
		lo := 0.0
		if i > 0 {
			lo = cum[i-1]
		}
		if x := u * s; x < lo-tol || x > cum[i]+tol {
			t.Fatalf("trial %d (k=%d, u=%v): index %d, but u*S = %v is outside [%v, %v]", trial, k, u, i, x, lo, cum[i])
		}
	}
}

func TestCategoricalInvalidAndExtremes(t *testing.T) {
	t.Parallel()
	inf := math.Inf(1)
	for _, l := range [][]float64{
		{math.Inf(-1), math.Inf(-1)},
		{0, math.NaN(), 1},
		{0, inf, 1},
		{math.NaN()},
	} {
		if i := NewSeeded(1, 1).Categorical(l); i != -1 {
			t.Errorf("Categorical(%v) = %d, want -1", l, i)
		}
	}
	// A source stuck at either end still gives a valid, unmasked index:
	// the smallest uniform the first positive weight, the largest the last.
	logits := []float64{math.Inf(-1), 1, -2, 0.5, 700, -1e300, math.Inf(-1)}
	for _, c := range []struct {
		src  constSource
		want int
	}{{0, 4}, {math.MaxUint64, 4}} {
		if i := New(c.src).Categorical(logits); i != c.want {
			t.Errorf("source %d: Categorical = %d, want %d", uint64(c.src), i, c.want)
		}
	}
	flat := []float64{math.Inf(-1), 0, 0, 0, math.Inf(-1)}
	if i := New(constSource(0)).Categorical(flat); i != 1 {
		t.Errorf("smallest uniform: %d, want 1", i)
	}
	if i := New(constSource(math.MaxUint64)).Categorical(flat); i != 3 {
		t.Errorf("largest uniform: %d, want 3", i)
	}
}

func TestCategoricalOneValuePerCall(t *testing.T) {
	t.Parallel()
	src := &countingSource{src: rand.NewPCG(1, 2)}
	g := New(src)
	for _, k := range []int{1, 10, catBlock + 7} {
		before := src.n
		g.Categorical(make([]float64, k))
		if d := src.n - before; d != 1 {
			t.Errorf("k=%d: drew %d values, want 1", k, d)
		}
	}
	before := src.n
	g.CategoricalBatchTo(nil, mat.NewDense(300, 4, nil))
	if d := src.n - before; d != 300 {
		t.Errorf("batch of 300 rows drew %d values", d)
	}
}

func TestCategoricalBatchEqualsRows(t *testing.T) {
	t.Parallel()
	const rows = 600 // more than one block of uniforms
	r := rand.New(rand.NewPCG(2, 2))
	logits := mat.NewDense(rows, 7, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < 7; j++ {
			logits.Set(i, j, r.NormFloat64())
		}
	}
	logits.Set(5, 2, math.NaN())
	got := NewSeeded(3, 4).CategoricalBatchTo(nil, logits)
	g := NewSeeded(3, 4)
	for i, v := range got {
		if want := g.Categorical(logits.RawRowView(i)); v != want {
			t.Fatalf("row %d: batch %d, row by row %d", i, v, want)
		}
	}
	if got[5] != -1 {
		t.Errorf("row with NaN: %d", got[5])
	}
	// Another source: a *rand.ChaCha8 (drawn through bitsTo's own case).
	c1 := rand.NewChaCha8([32]byte{1})
	c2 := rand.NewChaCha8([32]byte{1})
	got = New(c1).CategoricalBatchTo(got, logits.T().T())
	g = New(c2)
	for i, v := range got {
		if want := g.Categorical(logits.RawRowView(i)); v != want {
			t.Fatalf("ChaCha8 row %d: batch %d, row by row %d", i, v, want)
		}
	}
}

func TestCategoricalPanics(t *testing.T) {
	src := &countingSource{src: rand.NewPCG(1, 1)}
	g := New(src)
	mustPanic(t, "Categorical empty", ErrEmpty, src, func() { g.Categorical(nil) })
	mustPanic(t, "CategoricalBatchTo no column", ErrEmpty, src, func() { g.CategoricalBatchTo(nil, &mat.Dense{}) })
	mustPanic(t, "CategoricalBatchTo dst", ErrLength, src, func() { g.CategoricalBatchTo(make([]int, 2), mat.NewDense(3, 2, nil)) })
}

func TestCategoricalGlobal(t *testing.T) {
	t.Parallel()
	l := []float64{math.Inf(-1), 0, math.Inf(-1)}
	if i := Categorical(l); i != 1 {
		t.Errorf("Categorical = %d, want 1", i)
	}
	if got := CategoricalBatchTo(nil, mat.NewDense(2, 3, []float64{0, math.Inf(-1), math.Inf(-1), math.Inf(-1), math.Inf(-1), 0})); got[0] != 0 || got[1] != 2 {
		t.Errorf("CategoricalBatchTo = %v", got)
	}
}
