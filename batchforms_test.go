// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// batchLogits returns a rows×k matrix of varied logits with masked entries, a
// row with a NaN and, in the last row, only one valid category.
func batchLogits(rows, k int) *mat.Dense {
	m := mat.NewDense(rows, k, nil)
	for i := range rows {
		for j := range k {
			m.Set(i, j, float64((i*7+j*3)%11)/3-1)
		}
		m.Set(i, (i+2)%k, math.Inf(-1))
	}
	m.Set(3, 1, math.NaN())
	for j := 1; j < k; j++ {
		m.Set(rows-1, j, math.Inf(-1))
	}
	return m
}

// sameSliceBits reports whether a and b have the same bits (NaN equal to NaN).
func sameSliceBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
			return false
		}
	}
	return true
}

// TestBatchFormsEqualRowByRow checks that GumbelRaoBatchTo, ReinMaxBatchTo
// (with their VJPs), ConditionalGumbelBatchTo and RelaxedBernoulliTo give the
// bits of their single-row forms called row by row from the same source
// state, consume the same source values, and accept any mat.Matrix.
func TestBatchFormsEqualRowByRow(t *testing.T) {
	const rows, k = 9, 6
	l := batchLogits(rows, k)
	grad := mat.NewDense(rows, k, nil)
	for i := range rows {
		for j := range k {
			grad.Set(i, j, float64((i+2*j)%5)-2)
		}
	}
	// Row by row and batch from the same seed; then the next source value
	// must agree too.
	check := func(name string, batch, single func(g *Generator) []float64) {
		t.Helper()
		gb, gs := NewSeeded(11, 12), NewSeeded(11, 12)
		b, s := batch(gb), single(gs)
		if !sameSliceBits(b, s) {
			t.Errorf("%s: batch differs from row by row", name)
		}
		if gb.src.Uint64() != gs.src.Uint64() {
			t.Errorf("%s: batch and row by row consume different numbers of source values", name)
		}
	}
	for _, in := range []struct {
		name string
		m    mat.Matrix
	}{{"Dense", l}, {"Transpose", mat.DenseCopyOf(l.T()).T()}} {
		check(in.name+"/GumbelRaoBatchTo", func(g *Generator) []float64 {
			gr := g.GumbelRaoBatchTo(nil, in.m, 0.5, 3)
			v := append(intsF(gr.Index), gr.LogZ...)
			v = append(v, gr.Hard.RawMatrix().Data...)
			return append(v, gr.VJP(nil, grad).RawMatrix().Data...)
		}, func(g *Generator) []float64 {
			var idx, lz, hard, vjp []float64
			for i := range rows {
				gr := g.GumbelRaoTo(nil, l.RawRowView(i), 0.5, 3)
				idx, lz = append(idx, float64(gr.Index)), append(lz, gr.LogZ)
				hard = append(hard, gr.Hard...)
				vjp = append(vjp, gr.VJP(nil, grad.RawRowView(i))...)
			}
			return append(append(append(idx, lz...), hard...), vjp...)
		})
		check(in.name+"/ReinMaxBatchTo", func(g *Generator) []float64 {
			rm := g.ReinMaxBatchTo(nil, in.m, 1.5)
			v := append(intsF(rm.Index), rm.Hard.RawMatrix().Data...)
			v = append(append(v, rm.Probs.RawMatrix().Data...), rm.Shifted.RawMatrix().Data...)
			return append(v, rm.VJP(nil, grad).RawMatrix().Data...)
		}, func(g *Generator) []float64 {
			var idx, hard, probs, shifted, vjp []float64
			for i := range rows {
				rm := g.ReinMaxTo(nil, l.RawRowView(i), 1.5)
				idx, hard = append(idx, float64(rm.Index)), append(hard, rm.Hard...)
				probs, shifted = append(probs, rm.Probs...), append(shifted, rm.Shifted...)
				vjp = append(vjp, rm.VJP(nil, grad.RawRowView(i))...)
			}
			return append(append(append(append(idx, hard...), probs...), shifted...), vjp...)
		})
		index := []int{0, 1, 3, 0, 5, 2, 4, 1, 0}
		check(in.name+"/ConditionalGumbelBatchTo", func(g *Generator) []float64 {
			return g.ConditionalGumbelBatchTo(nil, in.m, index).RawMatrix().Data
		}, func(g *Generator) []float64 {
			var v []float64
			for i := range rows {
				v = append(v, g.ConditionalGumbelTo(nil, l.RawRowView(i), index[i])...)
			}
			return v
		})
	}
	flat := l.RawMatrix().Data
	check("RelaxedBernoulliTo", func(g *Generator) []float64 {
		return g.RelaxedBernoulliTo(nil, flat, 0.3)
	}, func(g *Generator) []float64 {
		v := make([]float64, len(flat))
		for i, x := range flat {
			v[i] = g.RelaxedBernoulli(x, 0.3)
		}
		return v
	})
	// In place: dst may be logits itself.
	in := mat.DenseCopyOf(l)
	index := []int{0, 1, 3, 0, 5, 2, 4, 1, 0}
	NewSeeded(1, 1).ConditionalGumbelBatchTo(in, in, index)
	if want := NewSeeded(1, 1).ConditionalGumbelBatchTo(nil, l, index); !sameSliceBits(in.RawMatrix().Data, want.RawMatrix().Data) {
		t.Error("ConditionalGumbelBatchTo in place differs")
	}
	v := append([]float64(nil), flat...)
	NewSeeded(1, 1).RelaxedBernoulliTo(v, v, 2)
	if !sameSliceBits(v, NewSeeded(1, 1).RelaxedBernoulliTo(nil, flat, 2)) {
		t.Error("RelaxedBernoulliTo in place differs")
	}
}

func intsF(v []int) []float64 {
	f := make([]float64, len(v))
	for i, x := range v {
		f[i] = float64(x)
	}
	return f
}

// TestBatchFormsReuse checks that reused GumbelRaoBatch and ReinMaxBatch
// values, alternating batch sizes, allocate nothing in the forward draw or
// the VJP into a given dst, and that the reshaped draws equal fresh ones.
func TestBatchFormsReuse(t *testing.T) {
	g := NewSeeded(1, 2)
	big, small := batchLogits(40, 7), batchLogits(20, 7)
	gb, gs := mat.NewDense(40, 7, nil), mat.NewDense(20, 7, nil)
	gb.Apply(func(i, j int, _ float64) float64 { return float64(i-j) / 5 }, gb)
	gs.Copy(gb.Slice(0, 20, 0, 7))
	db, ds := mat.NewDense(40, 7, nil), mat.NewDense(20, 7, nil)
	gr := g.GumbelRaoBatchTo(nil, big, 0.5, 4)
	rm := g.ReinMaxBatchTo(nil, big, 1)
	cond := make([]int, 40)
	for i := range cond {
		for big.At(i, cond[i]) == math.Inf(-1) {
			cond[i]++
		}
	}
	dc := mat.NewDense(40, 7, nil)
	rb := make([]float64, 280)
	if n := testing.AllocsPerRun(10, func() {
		g.GumbelRaoBatchTo(gr, small, 0.5, 4)
		gr.VJP(ds, gs)
		g.GumbelRaoBatchTo(gr, big, 0.5, 4)
		gr.VJP(db, gb)
		g.ReinMaxBatchTo(rm, small, 1)
		rm.VJP(ds, gs)
		g.ReinMaxBatchTo(rm, big, 1)
		rm.VJP(db, gb)
		g.ConditionalGumbelBatchTo(dc, big, cond)
		g.RelaxedBernoulliTo(rb, big.RawMatrix().Data, 0.5)
	}); n != 0 {
		t.Errorf("reused batch forms: %v allocations per run, want 0", n)
	}
	a := NewSeeded(3, 4).GumbelRaoBatchTo(gr, small, 0.5, 4)
	b := NewSeeded(3, 4).GumbelRaoBatchTo(nil, small, 0.5, 4)
	if !sameSliceBits(a.Hard.RawMatrix().Data, b.Hard.RawMatrix().Data) || !sameSliceBits(a.VJP(nil, gs).RawMatrix().Data, b.VJP(nil, gs).RawMatrix().Data) {
		t.Error("reshaped GumbelRaoBatch differs from a fresh one")
	}
	c := NewSeeded(3, 4).ReinMaxBatchTo(rm, small, 1)
	d := NewSeeded(3, 4).ReinMaxBatchTo(nil, small, 1)
	if !sameSliceBits(c.Probs.RawMatrix().Data, d.Probs.RawMatrix().Data) || !sameSliceBits(c.VJP(nil, gs).RawMatrix().Data, d.VJP(nil, gs).RawMatrix().Data) {
		t.Error("reshaped ReinMaxBatch differs from a fresh one")
	}
}

// TestReinMaxVJPKernel checks the scratch-free ReinMax backward kernel
// against its definition through the vjp kernel, 2 J(pi1) g - J(pi0) g / 2
// then centred, bit for bit, and that concurrent VJP calls on one draw give
// the same bits (run with -race: the kernel writes only dst).
func TestReinMaxVJPKernel(t *testing.T) {
	g := NewSeeded(8, 9)
	l := []float64{0.5, -1, math.Inf(-1), 2, 0, 1.5, -0.25, 3, 0.1, -2, 1}
	grad := []float64{1, -2, 0.5, 3, -1, 0.25, 2, -0.5, 1.5, 0, -3}
	for range 50 {
		rm := g.ReinMaxTo(nil, l, 1.3)
		want := make([]float64, len(l))
		half := make([]float64, len(l))
		vjp(half, rm.Probs, grad, -2)
		vjp(want, rm.Shifted, grad, 0.5)
		var sum float64
		n := 0
		for i := range want {
			want[i] += half[i]
			if rm.Probs[i] != 0 || rm.Shifted[i] != 0 {
				sum += want[i]
				n++
			}
		}
		for i := range want {
			if rm.Probs[i] != 0 || rm.Shifted[i] != 0 {
				want[i] -= sum / float64(n)
			}
		}
		if got := rm.VJP(nil, grad); !sameSliceBits(got, want) {
			t.Fatalf("ReinMax.VJP = %v, want %v", got, want)
		}
		in := append([]float64(nil), grad...)
		if rm.VJP(in, in); !sameSliceBits(in, want) {
			t.Fatal("ReinMax.VJP in place differs")
		}
		var wg sync.WaitGroup
		out := make([][]float64, 4)
		for w := range out {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[w] = rm.VJP(nil, grad)
			}()
		}
		wg.Wait()
		for _, o := range out {
			if !sameSliceBits(o, want) {
				t.Fatal("concurrent ReinMax.VJP differs")
			}
		}
	}
}

// TestBatchFormsPanics checks that the new batch forms check every argument
// before any draw and name themselves in the panic.
func TestBatchFormsPanics(t *testing.T) {
	l := batchLogits(4, 5)
	g := NewSeeded(1, 2)
	next := NewSeeded(1, 2).src.Uint64()
	gr, rm := NewSeeded(3, 4).GumbelRaoBatchTo(nil, l, 0.5, 2), NewSeeded(3, 4).ReinMaxBatchTo(nil, l, 1)
	wantPanic(t, "GumbelRaoBatchTo", ErrParameter, func() { g.GumbelRaoBatchTo(nil, nil, 0.5, 2) })
	wantPanic(t, "GumbelRaoBatchTo", ErrTemperature, func() { g.GumbelRaoBatchTo(nil, l, 0, 2) })
	wantPanic(t, "GumbelRaoBatchTo", ErrParameter, func() { g.GumbelRaoBatchTo(nil, l, 0.5, 0) })
	wantPanic(t, "GumbelRaoBatch.VJP", ErrParameter, func() { new(GumbelRaoBatch).VJP(nil, l) })
	wantPanic(t, "GumbelRaoBatch.VJP", ErrLength, func() { gr.VJP(nil, mat.NewDense(4, 4, nil)) })
	wantPanic(t, "GumbelRaoBatch.VJP", ErrParameter, func() { gr.VJP(nil, nil) })
	wantPanic(t, "ReinMaxBatchTo", ErrParameter, func() { g.ReinMaxBatchTo(nil, nil, 1) })
	wantPanic(t, "ReinMaxBatchTo", ErrTemperature, func() { g.ReinMaxBatchTo(nil, l, math.Inf(1)) })
	wantPanic(t, "ReinMaxBatch.VJP", ErrParameter, func() { new(ReinMaxBatch).VJP(nil, l) })
	wantPanic(t, "ReinMaxBatch.VJP", ErrLength, func() { rm.VJP(mat.NewDense(3, 5, nil), l) })
	wantPanic(t, "ConditionalGumbelBatchTo", ErrParameter, func() { g.ConditionalGumbelBatchTo(nil, nil, nil) })
	wantPanic(t, "ConditionalGumbelBatchTo", ErrLength, func() { g.ConditionalGumbelBatchTo(nil, l, []int{0, 1}) })
	wantPanic(t, "ConditionalGumbelBatchTo", ErrLength, func() { g.ConditionalGumbelBatchTo(mat.NewDense(4, 4, nil), l, []int{0, 0, 0, 0}) })
	wantPanic(t, "ConditionalGumbelBatchTo", ErrParameter, func() { g.ConditionalGumbelBatchTo(nil, l, []int{0, 0, 0, 5}) })
	// The last row's masked index must stop the draw before row 0
	// consumes anything.
	wantPanic(t, "ConditionalGumbelBatchTo", ErrParameter, func() { g.ConditionalGumbelBatchTo(nil, l, []int{0, 0, 0, 1}) })
	wantPanic(t, "RelaxedBernoulliTo", ErrTemperature, func() { g.RelaxedBernoulliTo(nil, []float64{1}, -1) })
	wantPanic(t, "RelaxedBernoulliTo", ErrLength, func() { g.RelaxedBernoulliTo(make([]float64, 2), []float64{1}, 1) })
	wantPanic(t, "RelaxedBernoulliTo", ErrParameter, func() { new(Generator).RelaxedBernoulliTo(nil, []float64{1}, 1) })
	if g.src.Uint64() != next {
		t.Error("a panicking call consumed source values")
	}
}

// TestSTBatchShortRows checks StraightThroughBatchTo on rows of 1 to 17
// logits (16 and fewer take the short-row kernel where there is one) against
// StraightThroughTo row by row, bit for bit in Index, Soft, Hard and
// Perturbed, with a NaN row, a +Inf row, an all -Inf row, 1e300 logits and
// several temperatures, and that both leave the source in the same state.
func TestSTBatchShortRows(t *testing.T) {
	for k := 1; k <= 17; k++ {
		const rows = 300 // more than one group of catBlock/k rows
		l := mat.NewDense(rows, k, nil)
		for i := range rows {
			for j := range k {
				l.Set(i, j, float64((i*5+j*3)%13)/4-1)
			}
			if k > 1 {
				l.Set(i, (i+1)%k, math.Inf(-1))
			}
		}
		l.Set(4, 0, math.NaN())
		l.Set(5, k-1, math.Inf(1))
		for j := range k {
			l.Set(6, j, math.Inf(-1))
			l.Set(7, j, 1e300*float64(j%2))
		}
		for _, tau := range []float64{0.7, 0.5, 3, 1e-3} {
			gb, gr := NewSeeded(uint64(k), 3), NewSeeded(uint64(k), 3)
			b := gb.StraightThroughBatchTo(nil, l, tau)
			for i := range rows {
				st := gr.StraightThroughTo(nil, l.RawRowView(i), tau)
				if b.Index[i] != st.Index || !sameSliceBits(b.Soft.RawRowView(i), st.Soft) ||
					!sameSliceBits(b.Hard.RawRowView(i), st.Hard) || !sameSliceBits(b.Perturbed.RawRowView(i), st.Perturbed) {
					t.Fatalf("k = %d, tau = %v, row %d: batch %d %v, row by row %d %v", k, tau, i, b.Index[i], b.Soft.RawRowView(i), st.Index, st.Soft)
				}
			}
			if gb.src.Uint64() != gr.src.Uint64() {
				t.Fatalf("k = %d, tau = %v: the source states differ after the batch", k, tau)
			}
		}
	}
}
