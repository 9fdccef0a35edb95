// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// f32Rows returns float32 rows of length k with ties, masks and, in the
// last rows, large magnitudes.
func f32Rows(rows, k int) []float32 {
	x := make([]float32, rows*k)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.7)*3) + float32(i%5)/4
		if i%11 == 3 {
			x[i] = float32(math.Inf(-1))
		}
	}
	for j := range k {
		x[(rows-1)*k+j] = 1e30 + float32(j%3)*1e23
	}
	return x
}

func to64(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestFloat32FormsEqualFloat64 checks that every float32 form returns what
// its float64 form returns for the converted logits, from the same source
// state, and leaves the source in the same state, for short, long and
// multi-block rows.
func TestFloat32FormsEqualFloat64(t *testing.T) {
	for _, k := range []int{1, 7, 64, 65, 300, 1024, 1025, 3000} {
		rows := 5
		x := f32Rows(rows, k)
		l := to64(x)
		for r := range rows {
			row32, row64 := x[r*k:(r+1)*k], l[r*k:(r+1)*k]
			for seed := range uint64(20) {
				a, b := NewSeeded(seed, uint64(k)), NewSeeded(seed, uint64(k))
				if got, want := a.GumbelMax32(row32), b.GumbelMax(row64); got != want {
					t.Fatalf("k=%d row %d seed %d: GumbelMax32 %d, GumbelMax %d", k, r, seed, got, want)
				}
				if got, want := a.Categorical32(row32), b.Categorical(row64); got != want {
					t.Fatalf("k=%d row %d seed %d: Categorical32 %d, Categorical %d", k, r, seed, got, want)
				}
				if a.src.Uint64() != b.src.Uint64() {
					t.Fatalf("k=%d: the float32 forms consume another number of source values", k)
				}
			}
		}
		m := mat.NewDense(rows, k, l)
		a, b := NewSeeded(1, 2), NewSeeded(1, 2)
		b.SetMaxWorkers(1)
		got, want := a.GumbelMaxBatch32To(nil, x, k), b.GumbelMaxBatchTo(nil, m)
		got2, want2 := a.CategoricalBatch32To(nil, x, k), b.CategoricalBatchTo(nil, m)
		for i := range got {
			if got[i] != want[i] || got2[i] != want2[i] {
				t.Fatalf("k=%d row %d: batch forms %d %d, float64 %d %d", k, i, got[i], got2[i], want[i], want2[i])
			}
		}
	}
	for _, bad := range [][]float32{{1, float32(math.NaN())}, {float32(math.Inf(1)), 0}, {float32(math.Inf(-1))}} {
		if i, j := NewSeeded(1, 1).GumbelMax32(bad), NewSeeded(1, 1).Categorical32(bad); i != -1 || j != -1 {
			t.Errorf("logits %v: %d %d, want -1 -1", bad, i, j)
		}
	}
	wantPanic(t, "GumbelMax32", ErrEmpty, func() { NewSeeded(1, 1).GumbelMax32(nil) })
	wantPanic(t, "Categorical32", ErrEmpty, func() { NewSeeded(1, 1).Categorical32(nil) })
	wantPanic(t, "GumbelMaxBatch32To", ErrParameter, func() { NewSeeded(1, 1).GumbelMaxBatch32To(nil, make([]float32, 5), 2) })
	wantPanic(t, "CategoricalBatch32To", ErrLength, func() { NewSeeded(1, 1).CategoricalBatch32To(make([]int, 3), make([]float32, 4), 2) })
	wantPanic(t, "GumbelMax32", ErrParameter, func() { new(Generator).GumbelMax32([]float32{1}) })
}

// TestFloat32TailMass draws from 128,000 float32 logits, l_0 = 0 and every
// other log(5e-8): the tail holds 0.636% of the mass, and both float32
// samplers must draw it at that rate (float32 sums would lose it).
func TestFloat32TailMass(t *testing.T) {
	const V = 128000
	n := 4000
	if testing.Short() {
		n = 1000
	}
	x := make([]float32, V)
	for i := 1; i < V; i++ {
		x[i] = float32(math.Log(5e-8))
	}
	q := math.Exp(float64(x[1]))
	p := float64(V-1) * q / (1 + float64(V-1)*q)
	for name, draw := range map[string]func(g *Generator) int{
		"Categorical32": func(g *Generator) int { return g.Categorical32(x) },
		"GumbelMax32":   func(g *Generator) int { return g.GumbelMax32(x) },
	} {
		g := NewSeeded(3, 3)
		tail := 0
		for range n {
			if draw(g) != 0 {
				tail++
			}
		}
		mean, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
		t.Logf("%s: %d tail draws, expected %.1f +- %.1f", name, tail, mean, sd)
		if math.Abs(float64(tail)-mean) > 5*sd {
			t.Errorf("%s: %d tail draws in %d, expected %.1f +- %.1f", name, tail, n, mean, sd)
		}
	}
}

// TestGumbelTopK32 checks GumbelTopK32To against GumbelTopKTo on the
// converted logits from the same source state: the indices and the keys to
// the bit, for short rows, rows of several chunks, masks, huge magnitudes
// and invalid rows; and its panics; and that it allocates nothing with dst
// and keys given.
func TestGumbelTopK32(t *testing.T) {
	for _, n := range []int{5, 64, 300, 1000} {
		x := f32Rows(3, n)
		for r := range 3 {
			row32 := x[r*n : (r+1)*n]
			row := to64(row32)
			for _, k := range []int{1, 3, 4} {
				for seed := range uint64(10) {
					d32, k32 := make([]int, k), make([]float64, k)
					d64, k64 := make([]int, k), make([]float64, k)
					a, b := NewSeeded(seed, 7), NewSeeded(seed, 7)
					a.GumbelTopK32To(d32, k32, row32, k)
					b.GumbelTopKTo(d64, k64, row, k)
					for j := range d32 {
						if d32[j] != d64[j] || math.Float64bits(k32[j]) != math.Float64bits(k64[j]) {
							t.Fatalf("n=%d row %d k=%d seed %d: %v %v, want %v %v", n, r, k, seed, d32, k32, d64, k64)
						}
					}
					if a.src.Uint64() != b.src.Uint64() {
						t.Fatal("GumbelTopK32To consumes another number of source values")
					}
				}
			}
		}
	}
	if d := NewSeeded(1, 1).GumbelTopK32To(nil, nil, []float32{1, float32(math.NaN()), 2}, 2); d[0] != -1 || d[1] != -1 {
		t.Errorf("NaN row: %v", d)
	}
	wantPanic(t, "GumbelTopK32To", ErrParameter, func() { NewSeeded(1, 1).GumbelTopK32To(nil, nil, []float32{1, float32(math.Inf(-1))}, 2) })
	wantPanic(t, "GumbelTopK32To", ErrLength, func() { NewSeeded(1, 1).GumbelTopK32To(make([]int, 1), nil, []float32{1, 2}, 2) })
	x := f32Rows(1, 500)
	g := NewSeeded(1, 2)
	dst, keys := make([]int, 10), make([]float64, 10)
	if n := testing.AllocsPerRun(10, func() { g.GumbelTopK32To(dst, keys, x, 10) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// TestGumbelTopKBatch32 checks GumbelTopKBatch32To against GumbelTopKBatchTo
// on the converted matrix and against GumbelTopK32To row by row, the source
// left in the same state, no allocation with dst given, and its panics.
func TestGumbelTopKBatch32(t *testing.T) {
	for _, n := range []int{8, 65, 1025} {
		const rows = 6
		x := f32Rows(rows, n)
		m := mat.NewDense(rows, n, to64(x))
		for _, k := range []int{1, 3, 7} {
			a, b, c := NewSeeded(4, uint64(n)), NewSeeded(4, uint64(n)), NewSeeded(4, uint64(n))
			got := a.GumbelTopKBatch32To(nil, x, n, k)
			want := b.GumbelTopKBatchTo(nil, m, k)
			for i := range rows {
				row := c.GumbelTopK32To(nil, nil, x[i*n:(i+1)*n], k)
				for j := range k {
					if got[i*k+j] != want[i*k+j] || got[i*k+j] != row[j] {
						t.Fatalf("n=%d k=%d row %d: %v, float64 batch %v, row by row %v", n, k, i, got[i*k:(i+1)*k], want[i*k:(i+1)*k], row)
					}
				}
			}
			if a.src.Uint64() != b.src.Uint64() {
				t.Fatalf("n=%d k=%d: another number of source values", n, k)
			}
			if al := testing.AllocsPerRun(20, func() { a.GumbelTopKBatch32To(got, x, n, k) }); al != 0 {
				t.Errorf("n=%d k=%d: %v allocations", n, k, al)
			}
		}
	}
	g := NewSeeded(1, 1)
	wantPanic(t, "GumbelTopKBatch32To", ErrParameter, func() { g.GumbelTopKBatch32To(nil, make([]float32, 6), 4, 1) })
	wantPanic(t, "GumbelTopKBatch32To", ErrParameter, func() { g.GumbelTopKBatch32To(nil, make([]float32, 6), 3, 0) })
	wantPanic(t, "GumbelTopKBatch32To", ErrParameter, func() { g.GumbelTopKBatch32To(nil, make([]float32, 6), 3, 4) })
	wantPanic(t, "GumbelTopKBatch32To", ErrLength, func() { g.GumbelTopKBatch32To(make([]int, 3), make([]float32, 6), 3, 2) })
	wantPanic(t, "GumbelTopKBatch32To", ErrEmpty, func() { g.GumbelTopKBatch32To(nil, nil, 3, 1) })
	masked := []float32{0, 1, 2, float32(math.Inf(-1)), float32(math.Inf(-1)), 0}
	wantPanic(t, "GumbelTopKBatch32To", ErrParameter, func() { g.GumbelTopKBatch32To(nil, masked, 3, 2) })
}
