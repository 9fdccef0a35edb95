// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// same32 reports whether got holds the values of want rounded to float32,
// bit for bit (NaN matching NaN).
func same32(got []float32, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i, v := range want {
		w := float32(v)
		if math.Float32bits(got[i]) != math.Float32bits(w) && !(got[i] != got[i] && w != w) {
			return false
		}
	}
	return true
}

// TestRelaxed32EqualFloat64 checks that every relaxed float32 form returns
// its float64 form's values for the converted logits rounded to float32,
// bit for bit, from the same source state, and leaves the source where the
// float64 form leaves it: rows short and long, masked, of large magnitude,
// at temperatures on the exponential race (1/tau an integer) and off it,
// from the package's Source and from PCG.
func TestRelaxed32EqualFloat64(t *testing.T) {
	type pair struct{ a, b *Generator }
	sources := map[string]func(seed uint64) pair{
		"splitmix": func(s uint64) pair { return pair{NewSeeded(s, 9), NewSeeded(s, 9)} },
		"pcg":      func(s uint64) pair { return pair{New(rand.NewPCG(s, 9)), New(rand.NewPCG(s, 9))} },
	}
	for name, newPair := range sources {
		for _, k := range []int{1, 7, 16, 17, 31, 32, 64, 65, 300, 1025} {
			const rows = 4
			x := f32Rows(rows, k)
			l := to64(x)
			for _, tau := range []float64{0.5, 0.7, 1, 3e-320} {
				for r := range rows {
					row32, row64 := x[r*k:(r+1)*k], l[r*k:(r+1)*k]
					p := newPair(uint64(r))
					a, b := p.a, p.b
					check := func(what string, got []float32, want []float64) {
						t.Helper()
						if !same32(got, want) {
							t.Fatalf("%s k=%d tau=%v row %d: %s differs from the float64 form rounded", name, k, tau, r, what)
						}
					}
					if tau > 1e-300 {
						closeSoft(t, fmt.Sprintf("%s k=%d tau=%v row %d: GumbelSoftmax32To soft", name, k, tau, r), a.GumbelSoftmax32To(nil, row32, tau, false), b.GumbelSoftmaxTo(nil, row64, tau, false), row64, k, tau)
					} else {
						check("GumbelSoftmax32To soft", a.GumbelSoftmax32To(nil, row32, tau, false), b.GumbelSoftmaxTo(nil, row64, tau, false))
					}
					check("GumbelSoftmax32To hard", a.GumbelSoftmax32To(nil, row32, tau, true), b.GumbelSoftmaxTo(nil, row64, tau, true))
					check("LogGumbelSoftmax32To", a.LogGumbelSoftmax32To(nil, row32, tau), b.LogGumbelSoftmaxTo(nil, row64, tau))
					check("SampleGumbel32", a.SampleGumbel32(make([]float32, k)), b.SampleGumbel(make([]float64, k)))
					st32 := a.StraightThrough32To(nil, row32, tau)
					st := b.StraightThroughTo(nil, row64, tau)
					if st32.Index != st.Index {
						t.Fatalf("%s k=%d row %d: ST32.Index %d, ST.Index %d", name, k, r, st32.Index, st.Index)
					}
					check("ST32.Hard", st32.Hard, st.Hard)
					check("ST32.Soft", st32.Soft, st.Soft)
					g32 := make([]float32, k)
					for i := range g32 {
						g32[i] = float32(i%5) - 2.25
					}
					if st.Index >= 0 && tau > 1e-300 {
						check("ST32.VJP", st32.VJP(nil, g32), st.VJP(nil, to64(g32)))
						if got, want := st32.TauVJP(g32), st.TauVJP(to64(g32)); got != want && !(got != got && want != want) {
							t.Fatalf("%s k=%d row %d: ST32.TauVJP %v, ST.TauVJP %v", name, k, r, got, want)
						}
					}
					if a.src.Uint64() != b.src.Uint64() {
						t.Fatalf("%s k=%d: the float32 forms consume another number of source values", name, k)
					}
				}
				// Batch forms: equal to the float64 batch forms, and to the
				// single-row float32 forms row by row.
				m := mat.NewDense(rows, k, l)
				p := newPair(77)
				a, b := p.a, p.b
				if got, want := a.GumbelSoftmaxBatch32To(nil, x, k, tau, true), b.GumbelSoftmaxBatchTo(nil, m, tau, true); !same32(got, want.RawMatrix().Data) {
					t.Fatalf("%s k=%d tau=%v: GumbelSoftmaxBatch32To hard differs", name, k, tau)
				}
				if got, want := a.GumbelSoftmaxBatch32To(nil, x, k, tau, false), b.GumbelSoftmaxBatchTo(nil, m, tau, false); tau > 1e-300 {
					closeSoft(t, fmt.Sprintf("%s k=%d tau=%v: GumbelSoftmaxBatch32To soft", name, k, tau), got, want.RawMatrix().Data, l, k, tau)
				} else if !same32(got, want.RawMatrix().Data) {
					t.Fatalf("%s k=%d tau=%v: GumbelSoftmaxBatch32To soft differs", name, k, tau)
				}
				if got, want := a.LogGumbelSoftmaxBatch32To(nil, x, k, tau), b.LogGumbelSoftmaxBatchTo(nil, m, tau); !same32(got, want.RawMatrix().Data) {
					t.Fatalf("%s k=%d tau=%v: LogGumbelSoftmaxBatch32To differs", name, k, tau)
				}
				sb32, sb := a.StraightThroughBatch32To(nil, x, k, tau), b.StraightThroughBatchTo(nil, m, tau)
				if !same32(sb32.Soft, sb.Soft.RawMatrix().Data) || !same32(sb32.Hard, sb.Hard.RawMatrix().Data) {
					t.Fatalf("%s k=%d tau=%v: StraightThroughBatch32To differs", name, k, tau)
				}
				for i := range sb.Index {
					if sb32.Index[i] != sb.Index[i] {
						t.Fatalf("%s k=%d: STBatch32.Index[%d] = %d, want %d", name, k, i, sb32.Index[i], sb.Index[i])
					}
				}
				if tau > 1e-300 && k < 1025 {
					g32 := make([]float32, rows*k)
					for i := range g32 {
						g32[i] = float32(i%7) - 3
					}
					gm := mat.NewDense(rows, k, to64(g32))
					if !same32(sb32.VJP(nil, g32), sb.VJP(nil, gm).RawMatrix().Data) {
						t.Fatalf("%s k=%d tau=%v: STBatch32.VJP differs", name, k, tau)
					}
					if got, want := sb32.TauVJP(g32), sb.TauVJP(gm); got != want && !(got != got && want != want) {
						t.Fatalf("%s k=%d tau=%v: STBatch32.TauVJP %v, want %v", name, k, tau, got, want)
					}
				}
				if a.src.Uint64() != b.src.Uint64() {
					t.Fatalf("%s k=%d: the float32 batch forms consume another number of source values", name, k)
				}
				t.Logf("worst relative difference of a soft sample so far: %.3g", worstSoft)
				// Row by row.
				c, d := newPair(5).a, newPair(5).a
				batch := c.GumbelSoftmaxBatch32To(nil, x, k, tau, false)
				for r := range rows {
					if row := d.GumbelSoftmax32To(nil, x[r*k:(r+1)*k], tau, false); !equalBits32(row, batch[r*k:(r+1)*k]) {
						t.Fatalf("%s k=%d tau=%v row %d: the batch row differs from GumbelSoftmax32To", name, k, tau, r)
					}
				}
			}
		}
	}
}

// worstSoft is the largest relative difference closeSoft has seen.
var worstSoft float64

// closeSoft checks a float32 soft sample against the float64 form's sample
// from the same source values, both of the row-major logits with rows of k:
// NaN where it is NaN, 0 where it is 0 (a masked logit), and elsewhere
// within softTol(tau, max - l_i) relatively, max the row's largest logit
// (or 1e-30 absolutely, where float32 flushes an exponential below 2^-126).
func closeSoft(t *testing.T, what string, got []float32, want, logits []float64, k int, tau float64) {
	t.Helper()
	var rowMax float64
	for i, w := range want {
		if i%k == 0 {
			rowMax = math.Inf(-1)
			for _, v := range logits[i : i+k] {
				rowMax = max(rowMax, v)
			}
		}
		g := float64(got[i])
		switch {
		case w != w:
			if g == g {
				t.Fatalf("%s[%d] = %v, want NaN", what, i, g)
			}
		case w == 0:
			if g != 0 {
				t.Fatalf("%s[%d] = %v, want 0", what, i, g)
			}
		default:
			d := math.Abs(g-w) / w
			if math.Abs(g-w) > 1e-30 {
				worstSoft = max(worstSoft, d)
			}
			if d > softTol(tau, rowMax-logits[i]) && math.Abs(g-w) > 1e-30 {
				t.Fatalf("%s[%d] = %v, want %v (relative difference %.3g)", what, i, g, w, d)
			}
		}
	}
}

// softTol bounds the relative difference of a float32 soft sample from the
// float64 one at a logit spread below the row's largest: the exponent
// ((l_i - max l) + G_i - max s)/tau carries the float32 roundings of the
// shift, the sum with G and the difference (each 2^-24 of a value up to
// spread + 76, |G| < 38) and of G itself (a few ulp: about 8e-6 in all),
// divided by tau, and the exponential, the sum and the scaling a few float32
// ulp more: 2e-6 + (8e-6 + 3e-7 spread)/tau.
func softTol(tau, spread float64) float64 { return 2e-6 + (8e-6+3e-7*spread)/tau }

// equalBits32 reports whether a and b hold the same float32 bits.
func equalBits32(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// TestRelaxed32Law checks the law of the float32 forms directly: the
// argmax of GumbelSoftmax32To soft samples and the index of the hard ones
// and of ST32 by chi-square against softmax(logits), 20,000 draws each,
// with a masked category that must never be drawn; and the first two
// moments of SampleGumbel32 (mean γ, variance π²/6) within 4 standard
// errors.
func TestRelaxed32Law(t *testing.T) {
	logits := []float32{float32(math.Log(0.5)), float32(math.Log(0.3)), float32(math.Inf(-1)), float32(math.Log(0.2))}
	probs := []float64{0.5, 0.3, 0.2}
	const n = 20000
	for _, form := range []string{"soft", "hard", "st"} {
		g := NewSeeded(3, 4)
		counts := make([]int, 3)
		y := make([]float32, len(logits))
		var st ST32
		for range n {
			var arg int
			switch form {
			case "soft":
				g.GumbelSoftmax32To(y, logits, 0.7, false)
				arg = argmaxValid(to64(y))
			case "hard":
				g.GumbelSoftmax32To(y, logits, 0.7, true)
				arg = argmaxValid(to64(y))
			case "st":
				arg = g.StraightThrough32To(&st, logits, 0.7).Index
			}
			if arg == 2 {
				t.Fatalf("%s: the masked category was drawn", form)
			}
			if arg > 2 {
				arg--
			}
			counts[arg]++
		}
		if _, _, p := chiSquare(counts, probs); p < 1e-3 {
			t.Errorf("%s: counts %v, chi-square p = %.3g", form, counts, p)
		} else {
			t.Logf("%s: counts %v, chi-square p = %.3f", form, counts, p)
		}
	}
	x := NewSeeded(5, 6).SampleGumbel32(make([]float32, 200000))
	var s, s2 float64
	for _, v := range x {
		s += float64(v)
		s2 += float64(v) * float64(v)
	}
	mean := s / float64(len(x))
	variance := s2/float64(len(x)) - mean*mean
	const gamma = 0.5772156649015329
	v := math.Pi * math.Pi / 6
	if se := math.Sqrt(v / float64(len(x))); math.Abs(mean-gamma) > 4*se {
		t.Errorf("SampleGumbel32 mean %v, want %v ± %v", mean, gamma, 4*se)
	}
	// The variance of the sample variance of a Gumbel is (μ4 - σ⁴)/n with
	// excess kurtosis 12/5: μ4 = (3 + 12/5) σ⁴.
	if se := math.Sqrt((5.4 - 1) * v * v / float64(len(x))); math.Abs(variance-v) > 4*se {
		t.Errorf("SampleGumbel32 variance %v, want %v ± %v", variance, v, 4*se)
	}
}

// TestRelaxed32Parallel checks that the float32 batch forms give the same
// bits whatever the number of workers.
func TestRelaxed32Parallel(t *testing.T) {
	const rows, k = 700, 100
	x := f32Rows(rows, k)
	var want []float32
	var wantST *STBatch32
	for _, w := range []int{1, 2, 3, 8} {
		g := NewSeeded(11, 12)
		g.SetMaxWorkers(w)
		got := g.GumbelSoftmaxBatch32To(nil, x, k, 0.7, false)
		st := g.StraightThroughBatch32To(nil, x, k, 0.5)
		if want == nil {
			want, wantST = got, st
			continue
		}
		if !equalBits32(got, want) || !equalBits32(st.Soft, wantST.Soft) || !equalBits32(st.Hard, wantST.Hard) {
			t.Fatalf("%d workers: the batch differs from one worker's", w)
		}
	}
}

// TestRelaxed32Allocs checks that the float32 To forms allocate nothing
// once their scratch (a pooled row, a reused ST32 or STBatch32) exists.
func TestRelaxed32Allocs(t *testing.T) {
	g := NewSeeded(1, 2)
	for _, k := range []int{10, 1000} {
		x := f32Rows(8, k)
		row := x[:k]
		y := make([]float32, k)
		yb := make([]float32, len(x))
		grad := make([]float32, k)
		gradB := make([]float32, len(x))
		var st ST32
		var sb STBatch32
		g.StraightThrough32To(&st, row, 0.5)
		g.StraightThroughBatch32To(&sb, x, k, 0.5)
		for name, f := range map[string]func(){
			"GumbelSoftmax32To":         func() { g.GumbelSoftmax32To(y, row, 0.5, false) },
			"GumbelSoftmax32To/hard":    func() { g.GumbelSoftmax32To(y, row, 0.5, true) },
			"LogGumbelSoftmax32To":      func() { g.LogGumbelSoftmax32To(y, row, 0.7) },
			"SampleGumbel32":            func() { g.SampleGumbel32(y) },
			"GumbelSoftmaxBatch32To":    func() { g.GumbelSoftmaxBatch32To(yb, x, k, 0.7, false) },
			"StraightThrough32To":       func() { g.StraightThrough32To(&st, row, 0.5); st.VJP(grad, grad); st.TauVJP(grad) },
			"StraightThroughBatch32To":  func() { g.StraightThroughBatch32To(&sb, x, k, 0.5); sb.VJP(gradB, gradB); sb.TauVJP(gradB) },
			"LogGumbelSoftmaxBatch32To": func() { g.LogGumbelSoftmaxBatch32To(yb, x, k, 0.5) },
		} {
			f()
			if a := testing.AllocsPerRun(50, f); a != 0 {
				t.Errorf("k=%d %s: %v allocations per call", k, name, a)
			}
		}
	}
}

// TestRelaxed32Panics checks that every relaxed float32 form checks its
// arguments before drawing and panics with an *Error naming it.
func TestRelaxed32Panics(t *testing.T) {
	g := NewSeeded(1, 1)
	x := []float32{1, 2, 3, 4}
	wantPanic(t, "GumbelSoftmax32To", ErrTemperature, func() { g.GumbelSoftmax32To(nil, x, 0, false) })
	wantPanic(t, "GumbelSoftmax32To", ErrTemperature, func() { g.GumbelSoftmax32To(nil, x, math.NaN(), true) })
	wantPanic(t, "GumbelSoftmax32To", ErrEmpty, func() { g.GumbelSoftmax32To(nil, nil, 1, false) })
	wantPanic(t, "GumbelSoftmax32To", ErrLength, func() { g.GumbelSoftmax32To(make([]float32, 3), x, 1, false) })
	wantPanic(t, "GumbelSoftmax32To", ErrParameter, func() { new(Generator).GumbelSoftmax32To(nil, x, 1, false) })
	wantPanic(t, "LogGumbelSoftmax32To", ErrTemperature, func() { g.LogGumbelSoftmax32To(nil, x, -1) })
	wantPanic(t, "SampleGumbel32", ErrParameter, func() { new(Generator).SampleGumbel32(make([]float32, 2)) })
	wantPanic(t, "GumbelSoftmaxBatch32To", ErrParameter, func() { g.GumbelSoftmaxBatch32To(nil, x, 3, 1, false) })
	wantPanic(t, "GumbelSoftmaxBatch32To", ErrLength, func() { g.GumbelSoftmaxBatch32To(make([]float32, 2), x, 2, 1, false) })
	wantPanic(t, "LogGumbelSoftmaxBatch32To", ErrEmpty, func() { g.LogGumbelSoftmaxBatch32To(nil, nil, 2, 1) })
	wantPanic(t, "StraightThrough32To", ErrTemperature, func() { g.StraightThrough32To(nil, x, math.Inf(1)) })
	wantPanic(t, "StraightThrough32To", ErrEmpty, func() { g.StraightThrough32To(nil, nil, 1) })
	wantPanic(t, "StraightThroughBatch32To", ErrParameter, func() { g.StraightThroughBatch32To(nil, x, 0, 1) })
	wantPanic(t, "ST32.VJP", ErrParameter, func() { new(ST32).VJP(nil, x) })
	wantPanic(t, "ST32.TauVJP", ErrParameter, func() { new(ST32).TauVJP(x) })
	wantPanic(t, "STBatch32.VJP", ErrParameter, func() { new(STBatch32).VJP(nil, x) })
	wantPanic(t, "STBatch32.TauVJP", ErrParameter, func() { new(STBatch32).TauVJP(x) })
	st := g.StraightThrough32To(nil, x, 1)
	wantPanic(t, "ST32.VJP", ErrLength, func() { st.VJP(nil, x[:3]) })
	wantPanic(t, "ST32.VJP", ErrLength, func() { st.VJP(make([]float32, 2), x) })
	sb := g.StraightThroughBatch32To(nil, x, 2, 1)
	wantPanic(t, "STBatch32.VJP", ErrLength, func() { sb.VJP(nil, x[:2]) })
	wantPanic(t, "STBatch32.TauVJP", ErrLength, func() { sb.TauVJP(x[:3]) })
	// A panicking call consumes nothing.
	a, b := NewSeeded(2, 2), NewSeeded(2, 2)
	func() {
		defer func() { _ = recover() }()
		a.GumbelSoftmaxBatch32To(make([]float32, 2), x, 2, 1, false)
	}()
	if a.src.Uint64() != b.src.Uint64() {
		t.Error("a panicking float32 batch call consumed source values")
	}
	// NaN and +Inf logits give NaN samples, never a valid-looking one.
	for _, bad := range [][]float32{{1, float32(math.NaN()), 0}, {float32(math.Inf(1)), 0, 0}, {float32(math.Inf(-1)), float32(math.Inf(-1)), float32(math.Inf(-1))}} {
		for _, hard := range []bool{false, true} {
			y := g.GumbelSoftmax32To(nil, bad, 0.5, hard)
			for _, v := range y {
				if v == v {
					t.Errorf("logits %v hard=%v: sample %v, want NaN", bad, hard, y)
					break
				}
			}
		}
	}
}
