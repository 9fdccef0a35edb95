// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestZeroGeneratorAndNilArguments checks that a zero Generator and nil gonum
// arguments panic with an *Error that names the function called and wraps
// ErrParameter, instead of a nil-pointer panic.
func TestZeroGeneratorAndNilArguments(t *testing.T) {
	zero := new(Generator)
	g := NewSeeded(1, 2)
	l := []float64{0, 1}
	m := mat.NewDense(2, 2, []float64{0, 1, 2, 3})
	var nilDense *mat.Dense
	var nilVec *mat.VecDense
	for _, c := range []struct {
		op string
		f  func()
	}{
		{"GumbelMax", func() { zero.GumbelMax(l) }},
		{"Categorical", func() { zero.Categorical(l) }},
		{"SampleGumbel", func() { zero.SampleGumbel(make([]float64, 2)) }},
		{"GumbelSoftmaxTo", func() { zero.GumbelSoftmaxTo(nil, l, 1, false) }},
		{"GumbelSoftmaxBatchTo", func() { zero.GumbelSoftmaxBatchTo(nil, m, 1, false) }},
		{"StraightThroughTo", func() { zero.StraightThroughTo(nil, l, 1) }},
		{"StraightThroughBatchTo", func() { zero.StraightThroughBatchTo(nil, m, 1) }},
		{"GumbelTopKTo", func() { zero.GumbelTopKTo(nil, nil, l, 1) }},
		{"GumbelMaxBatchTo", func() { zero.GumbelMaxBatchTo(nil, m) }},
		{"CategoricalBatchTo", func() { zero.CategoricalBatchTo(nil, m) }},
		{"GumbelSoftmax", func() { g.GumbelSoftmax(nil, 1, false) }},
		{"GumbelSoftmax", func() { g.GumbelSoftmax(nilVec, 1, false) }},
		{"LogGumbelSoftmax", func() { g.LogGumbelSoftmax(nilVec, 1) }},
		{"StraightThrough", func() { g.StraightThrough(nil, 1) }},
		{"GumbelSoftmaxBatchTo", func() { g.GumbelSoftmaxBatchTo(nil, nilDense, 1, true) }},
		{"LogGumbelSoftmaxBatchTo", func() { g.LogGumbelSoftmaxBatchTo(nil, nil, 1) }},
		{"StraightThroughBatchTo", func() { g.StraightThroughBatchTo(nil, nilDense, 1) }},
		{"GumbelTopKBatchTo", func() { g.GumbelTopKBatchTo(nil, nilDense, 1) }},
		{"GumbelMaxBatchTo", func() { g.GumbelMaxBatchTo(nil, nil) }},
		{"CategoricalBatchTo", func() { g.CategoricalBatchTo(nil, nilDense) }},
	} {
		wantPanic(t, c.op, ErrParameter, c.f)
	}
}

// TestOpNamesOfValueTypes checks that the distribution values and the
// relaxed Bernoulli forms name the function the caller called, and that a
// zero BinaryST is refused instead of giving NaN.
func TestOpNamesOfValueTypes(t *testing.T) {
	for _, c := range []struct {
		op       string
		sentinel error
		f        func()
	}{
		{"BinaryConcrete.Rand", ErrTemperature, func() { BinaryConcrete{Logit: 0.1, Tau: -1}.Rand() }},
		{"Concrete.Rand", ErrTemperature, func() { Concrete{Logits: []float64{0, 1}}.Rand(nil) }},
		{"ExpConcrete.Rand", ErrEmpty, func() { ExpConcrete{Tau: 1}.Rand(nil) }},
		{"RelaxedBernoulli", ErrTemperature, func() { RelaxedBernoulli(0, 0) }},
		{"RelaxedBernoulliST", ErrTemperature, func() { RelaxedBernoulliST(0, -2) }},
		{"RelaxedBernoulli", ErrParameter, func() { new(Generator).RelaxedBernoulli(0, 1) }},
		{"BinaryST.VJP", ErrParameter, func() { BinaryST{}.VJP(1) }},
		{"BinaryST.TauVJP", ErrParameter, func() { BinaryST{}.TauVJP(1) }},
		{"GumbelRao.VJP", ErrParameter, func() { new(GumbelRao).VJP(nil, []float64{1}) }},
		{"ReinMax.VJP", ErrParameter, func() { new(ReinMax).VJP(nil, []float64{1}) }},
	} {
		wantPanic(t, c.op, c.sentinel, c.f)
	}
}

// TestSTBatchReusesByCapacity checks that alternating batch sizes allocate
// nothing once the larger batch has been drawn, and that the reshaped draw
// equals a fresh one.
func TestSTBatchReusesByCapacity(t *testing.T) {
	g := NewSeeded(1, 2)
	big, small := mat.NewDense(100, 10, nil), mat.NewDense(50, 10, nil)
	for i := range 100 {
		for j := range 10 {
			big.Set(i, j, float64((i+j)%7)/3)
		}
	}
	small.Copy(big.Slice(0, 50, 0, 10))
	st := g.StraightThroughBatchTo(nil, big, 0.5)
	if n := testing.AllocsPerRun(20, func() {
		g.StraightThroughBatchTo(st, small, 0.5)
		g.StraightThroughBatchTo(st, big, 0.5)
	}); n != 0 {
		t.Errorf("alternating batches of 100 and 50 rows: %v allocations per pair, want 0", n)
	}
	a := NewSeeded(3, 4).StraightThroughBatchTo(st, small, 0.5)
	b := NewSeeded(3, 4).StraightThroughBatchTo(nil, small, 0.5)
	if r, c := a.Soft.Dims(); r != 50 || c != 10 || !mat.Equal(a.Soft, b.Soft) || !mat.Equal(a.Hard, b.Hard) {
		t.Errorf("reshaped draw differs from a fresh one (%d×%d)", r, c)
	}
}

// TestGumbelRaoVJPIsPure checks that GumbelRao.VJP is a function of the draw
// and the upstream gradient: two calls give the same bits and the generator's
// stream after the forward draw does not depend on the backward calls.
func TestGumbelRaoVJPIsPure(t *testing.T) {
	l := []float64{0.3, -1, 2, 0.5, 1}
	grad := []float64{1, -2, 0.5, 3, -1}
	next := func(calls int) (float64, []float64) {
		g := NewSeeded(5, 6)
		gr := g.GumbelRaoTo(nil, l, 0.5, 8)
		var v []float64
		for range calls {
			v = gr.VJP(nil, grad)
		}
		return g.Uniform(), v
	}
	u0, _ := next(0)
	u1, v1 := next(1)
	u2, v2 := next(2)
	if u0 != u1 || u1 != u2 {
		t.Errorf("the stream after GumbelRaoTo depends on VJP calls: %v %v %v", u0, u1, u2)
	}
	for i := range v1 {
		if v1[i] != v2[i] {
			t.Fatalf("two VJP calls differ at %d: %v, %v", i, v1[i], v2[i])
		}
	}
}

// wantPanic checks that f panics with an *Error named op wrapping sentinel.
func wantPanic(t *testing.T, op string, sentinel error, f func()) {
	t.Helper()
	defer func() {
		err, ok := recover().(*Error)
		if !ok {
			t.Errorf("%s: no *Error panic", op)
			return
		}
		if !errors.Is(err, sentinel) || !strings.HasPrefix(err.Error(), "gumbel: "+op+": ") {
			t.Errorf("%s: got %v", op, err)
		}
	}()
	f()
}
