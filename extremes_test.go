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

// Numerical extremes: temperatures over the whole float64 range, one
// category and a million, logits near ±MaxFloat64 and subnormal, masks,
// invalid logits, the closed-form limits tau -> 0 (one-hot) and tau -> inf
// (uniform), and every panic path. PyTorch's gumbel_softmax gives NaN at
// tau = 0 (pytorch#184031) and TFP's relaxed densities give NaN or Inf at
// low temperature (tfp#1738, pytorch#18254); these tests pin down that this
// package does neither.

// relPCG returns a factory of PCG sources, all starting from the same state.
func relPCG(s1, s2 uint64) func() rand.Source {
	return func() rand.Source { return rand.NewPCG(s1, s2) }
}

// relTauSweep returns 10^e for e = -300, -290, ..., 300 and the two ends of
// the float64 range.
func relTauSweep() []float64 {
	taus := []float64{5e-324, math.MaxFloat64}
	for e := -300; e <= 300; e += 10 {
		taus = append(taus, math.Pow(10, float64(e)))
	}
	return taus
}

func TestExtremeTemperatures(t *testing.T) {
	t.Parallel()
	for _, tau := range relTauSweep() {
		for seed := uint64(0); seed < 4; seed++ {
			relRunAll(t, "pcg", relPCG(seed, 7), testLogits, tau)
			relRunAll(t, "pcg", relPCG(seed, 8), []float64{0, 0, 0, 0}, tau)
		}
		relBinaryAll(t, "pcg", relPCG(3, 9), 0.7, tau)
	}
}

func TestExtremeLogitMagnitudes(t *testing.T) {
	t.Parallel()
	const max = math.MaxFloat64
	sets := [][]float64{
		{1e300, -1e300},
		{-1e300, 1e300, 0, math.Inf(-1)},
		{max, -max, max, -max},
		{-max, -max},
		{max},
		{-max},
		{5e-324, -5e-324, 0, math.Copysign(0, -1)},
		{2.2250738585072014e-308, 5e-324},
		{1e308, -1e308, 1e-308, -1e-308, 1e-300, 0},
		{-1e300, -1e300 + 1e285, -1e300 - 1e285},
	}
	for _, logits := range sets {
		for _, tau := range relTaus {
			for seed := uint64(0); seed < 3; seed++ {
				relRunAll(t, "pcg", relPCG(seed, 11), logits, tau)
			}
		}
	}
	// Noise (|G| < 37) cannot overturn a gap of 1e300: the largest logit wins.
	g := NewSeeded(5, 5)
	for i := 0; i < 100; i++ {
		if got := g.GumbelMax([]float64{-1e300, max, 1e300, -max}); got != 1 {
			t.Fatalf("GumbelMax over a 1e300 gap = %d, want 1", got)
		}
	}
}

func TestExtremeCategoryCounts(t *testing.T) {
	t.Parallel()
	// k = 1: the only sample is the point 1 (log 0), at every temperature.
	for _, tau := range relTauSweep() {
		g := NewSeeded(1, 1)
		for _, l := range []float64{0, -1e300, 1e300, math.MaxFloat64, 5e-324} {
			if y := g.GumbelSoftmaxTo(nil, []float64{l}, tau, false); y[0] != 1 {
				t.Errorf("k=1 tau=%g l=%g: soft %v, want [1]", tau, l, y)
			}
			if x := g.LogGumbelSoftmaxTo(nil, []float64{l}, tau); x[0] != 0 {
				t.Errorf("k=1 tau=%g l=%g: log %v, want [0]", tau, l, x)
			}
			st := g.StraightThroughTo(nil, []float64{l}, tau)
			if st.Index != 0 || st.Hard[0] != 1 || st.VJP(nil, []float64{3})[0] != 0 || st.TauVJP([]float64{3}) != 0 {
				t.Errorf("k=1 tau=%g l=%g: %+v", tau, l, st)
			}
		}
	}

	// k = 10^6, with a masked tail: every output valid.
	const k = 1_000_000
	logits := make([]float64, k)
	src := rand.New(rand.NewPCG(2, 3))
	for i := range logits {
		logits[i] = 10 * src.NormFloat64()
	}
	for i := k - 1000; i < k; i++ {
		logits[i] = math.Inf(-1)
	}
	idx := NewSeeded(4, 4).GumbelMax(logits)
	if err := relValidIndex(idx, logits); err != nil {
		t.Fatalf("k=1e6: %v", err)
	}
	for _, tau := range []float64{1e-300, 1} {
		y := NewSeeded(4, 4).GumbelSoftmaxTo(nil, logits, tau, false)
		if err := relValidSoft(y, logits, idx); err != nil {
			t.Errorf("k=1e6 tau=%g soft: %v", tau, err)
		}
		x := NewSeeded(4, 4).LogGumbelSoftmaxTo(y, logits, tau)
		if err := relValidLog(x, logits); err != nil {
			t.Errorf("k=1e6 tau=%g log: %v", tau, err)
		}
	}
	st := NewSeeded(4, 4).StraightThroughTo(nil, logits, 1e-300)
	if err := relValidHard(st.Hard, logits, idx); err != nil {
		t.Errorf("k=1e6 hard: %v", err)
	}
	if err := relGradCheck(st, logits); err != nil {
		t.Errorf("k=1e6: %v", err)
	}
}

// TestExtremeAllButOneMasked: with one unmasked category the sample is that
// category's one-hot vector exactly, soft and log-space too, at every
// temperature and for any noise, with zero derivatives and log-density 0.
func TestExtremeAllButOneMasked(t *testing.T) {
	t.Parallel()
	ninf := math.Inf(-1)
	for _, k := range []int{1, 2, 5, 100} {
		for _, j := range []int{0, k / 2, k - 1} {
			for _, l := range []float64{0, -1e300, math.MaxFloat64, -math.MaxFloat64, 5e-324} {
				logits := make([]float64, k)
				for i := range logits {
					logits[i] = ninf
				}
				logits[j] = l
				for _, tau := range relTaus {
					for _, h := range append(relHostile(), struct {
						name string
						new  func() rand.Source
					}{"pcg", relPCG(uint64(k), uint64(j))}) {
						g := New(h.new())
						if got := g.GumbelMax(logits); got != j {
							t.Fatalf("%s k=%d: GumbelMax = %d, want %d", h.name, k, got, j)
						}
						for _, hard := range []bool{false, true} {
							if err := relValidHard(g.GumbelSoftmaxTo(nil, logits, tau, hard), logits, j); err != nil {
								t.Fatalf("%s k=%d j=%d l=%g tau=%g hard=%v: %v", h.name, k, j, l, tau, hard, err)
							}
						}
						x := g.LogGumbelSoftmaxTo(nil, logits, tau)
						for i, v := range x {
							if (i == j && v != 0) || (i != j && !math.IsInf(v, -1)) {
								t.Fatalf("%s k=%d j=%d tau=%g: log sample %v", h.name, k, j, tau, x)
							}
						}
						if lp := (ExpConcrete{Logits: logits, Tau: tau}).LogProb(x); lp != 0 {
							t.Errorf("%s k=%d tau=%g: ExpConcrete.LogProb = %v, want 0", h.name, k, tau, lp)
						}
						st := g.StraightThroughTo(nil, logits, tau)
						grad := make([]float64, k)
						for i := range grad {
							grad[i] = float64(i) - 1.5
						}
						for i, v := range st.VJP(nil, grad) {
							if v != 0 {
								t.Fatalf("%s k=%d tau=%g: VJP[%d] = %v, want 0", h.name, k, tau, i, v)
							}
						}
						if v := st.TauVJP(grad); v != 0 {
							t.Fatalf("%s k=%d tau=%g: TauVJP = %v, want 0", h.name, k, tau, v)
						}
					}
				}
			}
		}
	}
}

// TestExtremeInvalidLogits: all masked, any NaN or any +Inf give index -1 and
// NaN vectors in every form; in a batch, only the invalid rows do.
func TestExtremeInvalidLogits(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	invalid := [][]float64{
		{math.Inf(-1)},
		{math.Inf(-1), math.Inf(-1), math.Inf(-1)},
		{nan},
		{inf},
		{0, nan},
		{1e300, inf, math.Inf(-1)},
		{inf, nan},
		{math.Inf(-1), inf},
	}
	valid := []float64{1, 2, math.Inf(-1)}
	for _, logits := range invalid {
		for _, tau := range relTaus {
			relRunAll(t, "pcg", relPCG(1, 2), logits, tau)
		}
		g := NewSeeded(3, 3)
		if i := g.GumbelMax(logits); i != -1 {
			t.Errorf("GumbelMax(%v) = %d, want -1", logits, i)
		}
		if err := relAllNaN(SoftmaxTo(nil, logits)); err != nil {
			t.Errorf("SoftmaxTo(%v): %v", logits, err)
		}
		if err := relAllNaN(LogSoftmaxTo(nil, logits)); err != nil {
			t.Errorf("LogSoftmaxTo(%v): %v", logits, err)
		}
		// A batch with the invalid row between two valid ones.
		k := len(logits)
		m := mat.NewDense(3, k, nil)
		for r := 0; r < 3; r++ {
			if r == 1 {
				m.SetRow(r, logits)
			} else {
				m.SetRow(r, append(append([]float64(nil), valid...), logits...)[:k])
			}
		}
		rows := [][]float64{m.RawRowView(0), logits, m.RawRowView(2)}
		idx := NewSeeded(5, 5).GumbelMaxBatchTo(nil, m)
		soft := NewSeeded(5, 5).GumbelSoftmaxBatchTo(nil, m, 0.5, false)
		hard := NewSeeded(5, 5).GumbelSoftmaxBatchTo(nil, m, 0.5, true)
		lg := NewSeeded(5, 5).LogGumbelSoftmaxBatchTo(nil, m, 0.5)
		for r, l := range rows {
			if err := relValidIndex(idx[r], l); err != nil {
				t.Errorf("batch %v row %d: %v", logits, r, err)
			}
			if err := relValidSoft(soft.RawRowView(r), l, idx[r]); err != nil {
				t.Errorf("batch %v row %d soft: %v", logits, r, err)
			}
			if err := relValidHard(hard.RawRowView(r), l, idx[r]); err != nil {
				t.Errorf("batch %v row %d hard: %v", logits, r, err)
			}
			if err := relValidLog(lg.RawRowView(r), l); err != nil {
				t.Errorf("batch %v row %d log: %v", logits, r, err)
			}
		}
	}
}

// TestExtremeLimits checks the closed forms: as tau -> 0 the soft sample is
// the one-hot vector of the hard index (Jang et al. 2017 Fig. 1; Maddison et
// al. 2017 Prop. 1c), and as tau -> inf it is uniform, 1/k.
func TestExtremeLimits(t *testing.T) {
	t.Parallel()
	logits := []float64{0.3, -1.2, 2.5, 0, -0.7, 1.1, math.Inf(-1), 0.2, -3, 0.9}
	k := len(logits)
	unmasked := float64(k - 1)
	for _, tau := range []float64{5e-324, 1e-300, 1e-200, 1e-100, 1e-20} {
		g := NewSeeded(10, 20)
		h := NewSeeded(10, 20)
		for n := 0; n < 2000; n++ {
			y := g.GumbelSoftmaxTo(nil, logits, tau, false)
			d := h.GumbelSoftmaxTo(nil, logits, tau, true)
			for i := range y {
				if math.Abs(y[i]-d[i]) > 0x1p-53 {
					t.Fatalf("tau=%g draw %d: soft %v, want the one-hot %v", tau, n, y, d)
				}
			}
		}
	}
	for _, tau := range []float64{1e20, 1e100, 1e300, math.MaxFloat64} {
		g := NewSeeded(30, 40)
		want := 1 / unmasked
		for n := 0; n < 2000; n++ {
			y := g.GumbelSoftmaxTo(nil, logits, tau, false)
			for i, v := range y {
				if i == 6 {
					if v != 0 {
						t.Fatalf("tau=%g: masked y = %v", tau, v)
					}
					continue
				}
				if ulps := math.Abs(v-want) / (math.Nextafter(want, 1) - want); ulps > 2 {
					t.Fatalf("tau=%g draw %d: y[%d] = %v, want 1/%v within 2 ulp (%v ulp)", tau, n, i, v, unmasked, ulps)
				}
			}
			x := g.LogGumbelSoftmaxTo(nil, logits, tau)
			for i, v := range x {
				if i != 6 && math.Abs(v+math.Log(unmasked)) > 4e-16 {
					t.Fatalf("tau=%g: log sample x[%d] = %v, want -log %v", tau, i, v, unmasked)
				}
			}
		}
	}
	// The log-space sample stays finite where the soft one underflows: at
	// tau = 1e-300, x_i = (s_i - s_max)/tau, about -1e300, not -Inf.
	x := NewSeeded(1, 1).LogGumbelSoftmaxTo(nil, logits, 1e-300)
	for i, v := range x {
		if i != 6 && (math.IsInf(v, 0) || math.IsNaN(v)) {
			t.Errorf("log sample at tau=1e-300: x[%d] = %v, want finite", i, v)
		}
	}
	if lp := (ExpConcrete{Logits: logits, Tau: 1e-300}).LogProb(x); math.IsInf(lp, 0) || math.IsNaN(lp) {
		t.Errorf("ExpConcrete.LogProb of a tau=1e-300 sample = %v, want finite", lp)
	}
}

// relShape is a mat.Matrix of any shape, including no rows or no columns,
// which mat.Dense cannot represent.
type relShape struct{ r, c int }

func (s relShape) Dims() (int, int)    { return s.r, s.c }
func (s relShape) At(i, j int) float64 { return 0 }
func (s relShape) T() mat.Matrix       { return mat.Transpose{Matrix: s} }

// TestExtremePanics checks every panic path of every exported function that
// TestPanics (gumbel_test.go) does not: the message starts with "gumbel: ",
// errors.Is matches the sentinel, no source value is drawn and dst is left
// untouched.
func TestExtremePanics(t *testing.T) {
	t.Parallel()
	src := &countingSource{src: rand.NewPCG(1, 1)}
	g := New(src)
	l := []float64{1, 2, 3}
	vec := mat.NewVecDense(3, l)
	dense := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	untouched := func(name string, dst []float64) func() {
		for i := range dst {
			dst[i] = 42
		}
		return func() {
			for _, v := range dst {
				if v != 42 {
					t.Errorf("%s: dst written before the panic: %v", name, dst)
					return
				}
			}
		}
	}
	badTaus := []float64{0, math.Copysign(0, -1), -1, -5e-324, math.NaN(), math.Inf(1), math.Inf(-1)}
	for _, tau := range badTaus {
		dst := make([]float64, 3)
		check := untouched("GumbelSoftmaxTo", dst)
		mustPanic(t, "GumbelSoftmaxTo", ErrTemperature, src, func() { g.GumbelSoftmaxTo(dst, l, tau, true) })
		check()
		check = untouched("LogGumbelSoftmaxTo", dst)
		mustPanic(t, "LogGumbelSoftmaxTo", ErrTemperature, src, func() { g.LogGumbelSoftmaxTo(dst, l, tau) })
		check()
		out := mat.NewDense(2, 3, nil)
		check = untouched("GumbelSoftmaxBatchTo", out.RawMatrix().Data)
		mustPanic(t, "GumbelSoftmaxBatchTo", ErrTemperature, src, func() { g.GumbelSoftmaxBatchTo(out, dense, tau, true) })
		check()
		mustPanic(t, "StraightThrough", ErrTemperature, src, func() { g.StraightThrough(vec, tau) })
		mustPanic(t, "RelaxedBernoulli", ErrTemperature, src, func() { g.RelaxedBernoulli(0, tau) })
		mustPanic(t, "Concrete.Rand", ErrTemperature, src, func() { Concrete{Logits: l, Tau: tau, Src: src}.Rand(nil) })
		mustPanic(t, "ExpConcrete.Rand", ErrTemperature, src, func() { ExpConcrete{Logits: l, Tau: tau, Src: src}.Rand(nil) })
		mustPanic(t, "BinaryConcrete.Rand", ErrTemperature, src, func() { BinaryConcrete{Tau: tau, Src: src}.Rand() })
		mustPanic(t, "BinaryConcrete.LogProbLogit", ErrTemperature, src, func() { BinaryConcrete{Tau: tau}.LogProbLogit(0) })
		mustPanic(t, "BinaryConcrete.Quantile", ErrTemperature, src, func() { BinaryConcrete{Tau: tau}.Quantile(0.5) })
		// Package-level forms (global source).
		mustPanic(t, "pkg GumbelSoftmaxTo", ErrTemperature, src, func() { GumbelSoftmaxTo(nil, l, tau, false) })
		mustPanic(t, "pkg GumbelSoftmax", ErrTemperature, src, func() { GumbelSoftmax(vec, tau, false) })
		mustPanic(t, "pkg LogGumbelSoftmaxTo", ErrTemperature, src, func() { LogGumbelSoftmaxTo(nil, l, tau) })
		mustPanic(t, "pkg LogGumbelSoftmax", ErrTemperature, src, func() { LogGumbelSoftmax(vec, tau) })
		mustPanic(t, "pkg GumbelSoftmaxBatchTo", ErrTemperature, src, func() { GumbelSoftmaxBatchTo(nil, dense, tau, false) })
		mustPanic(t, "pkg LogGumbelSoftmaxBatchTo", ErrTemperature, src, func() { LogGumbelSoftmaxBatchTo(nil, dense, tau) })
		mustPanic(t, "pkg StraightThroughTo", ErrTemperature, src, func() { StraightThroughTo(nil, l, tau) })
		mustPanic(t, "pkg StraightThrough", ErrTemperature, src, func() { StraightThrough(vec, tau) })
		mustPanic(t, "pkg StraightThroughBatchTo", ErrTemperature, src, func() { StraightThroughBatchTo(nil, dense, tau) })
		mustPanic(t, "pkg RelaxedBernoulliST", ErrTemperature, src, func() { RelaxedBernoulliST(0, tau) })
		mustPanic(t, "pkg RelaxedBernoulli", ErrTemperature, src, func() { RelaxedBernoulli(0, tau) })
	}

	empty := &mat.VecDense{}
	st := g.StraightThroughTo(nil, l, 1)
	for _, m := range []mat.Matrix{&mat.Dense{}, relShape{0, 3}, relShape{3, 0}} {
		mustPanic(t, "GumbelSoftmaxBatchTo empty", ErrEmpty, src, func() { g.GumbelSoftmaxBatchTo(nil, m, 1, false) })
		mustPanic(t, "LogGumbelSoftmaxBatchTo empty", ErrEmpty, src, func() { g.LogGumbelSoftmaxBatchTo(nil, m, 1) })
		mustPanic(t, "StraightThroughBatchTo empty", ErrEmpty, src, func() { g.StraightThroughBatchTo(nil, m, 1) })
		mustPanic(t, "pkg GumbelSoftmaxBatchTo empty", ErrEmpty, src, func() { GumbelSoftmaxBatchTo(nil, m, 1, true) })
	}
	for _, m := range []mat.Matrix{&mat.Dense{}, relShape{3, 0}} {
		mustPanic(t, "GumbelMaxBatchTo empty", ErrEmpty, src, func() { g.GumbelMaxBatchTo(nil, m) })
		mustPanic(t, "pkg GumbelMaxBatchTo empty", ErrEmpty, src, func() { GumbelMaxBatchTo(nil, m) })
	}
	for _, c := range []struct {
		name string
		want error
		f    func()
	}{
		{"GumbelSoftmax empty", ErrEmpty, func() { g.GumbelSoftmax(empty, 1, false) }},
		{"LogGumbelSoftmax empty", ErrEmpty, func() { g.LogGumbelSoftmax(empty, 1) }},
		{"StraightThrough empty", ErrEmpty, func() { g.StraightThrough(empty, 1) }},
		{"LogGumbelSoftmaxTo empty", ErrEmpty, func() { g.LogGumbelSoftmaxTo(nil, []float64{}, 1) }},
		{"LogSoftmaxTo empty", ErrEmpty, func() { LogSoftmaxTo(nil, nil) }},
		{"Concrete.Rand empty", ErrEmpty, func() { Concrete{Tau: 1, Src: src}.Rand(nil) }},
		{"ExpConcrete.Rand empty", ErrEmpty, func() { ExpConcrete{Tau: 1, Src: src}.Rand(nil) }},
		{"ExpConcrete.LogProb empty", ErrEmpty, func() { ExpConcrete{Tau: 1}.LogProb(nil) }},
		{"pkg GumbelMax empty", ErrEmpty, func() { GumbelMax(nil) }},
		{"pkg GumbelSoftmaxTo empty", ErrEmpty, func() { GumbelSoftmaxTo(nil, nil, 1, false) }},
		{"pkg StraightThroughTo empty", ErrEmpty, func() { StraightThroughTo(nil, nil, 1) }},
		{"Concrete.Rand dst", ErrLength, func() { Concrete{Logits: l, Tau: 1, Src: src}.Rand(make([]float64, 4)) }},
		{"ExpConcrete.Rand dst", ErrLength, func() { ExpConcrete{Logits: l, Tau: 1, Src: src}.Rand(make([]float64, 2)) }},
		{"LogSoftmaxTo dst", ErrLength, func() { LogSoftmaxTo(make([]float64, 2), l) }},
		{"LogGumbelSoftmaxBatchTo dst", ErrLength, func() { g.LogGumbelSoftmaxBatchTo(mat.NewDense(2, 4, nil), dense, 1) }},
		{"GumbelMaxBatchTo dst", ErrLength, func() { g.GumbelMaxBatchTo(make([]int, 1), dense) }},
		{"pkg GumbelMaxBatchTo dst", ErrLength, func() { GumbelMaxBatchTo(make([]int, 3), dense) }},
		{"ST.Jacobian", ErrLength, func() { st.Jacobian(mat.NewSymDense(4, nil)) }},
		{"SampleGumbelLocScale mu +Inf", ErrParameter, func() { g.SampleGumbelLocScale(make([]float64, 2), math.Inf(1), 1) }},
		{"SampleGumbelLocScale mu -Inf", ErrParameter, func() { g.SampleGumbelLocScale(make([]float64, 2), math.Inf(-1), 1) }},
		{"SampleGumbelLocScale beta -1", ErrParameter, func() { g.SampleGumbelLocScale(make([]float64, 2), 0, -1) }},
		{"SampleGumbelLocScale beta NaN", ErrParameter, func() { g.SampleGumbelLocScale(make([]float64, 2), 0, math.NaN()) }},
		{"SampleGumbelLocScale beta Inf", ErrParameter, func() { g.SampleGumbelLocScale(make([]float64, 2), 0, math.Inf(1)) }},
		{"pkg SampleGumbelLocScale", ErrParameter, func() { SampleGumbelLocScale(make([]float64, 2), 0, 0) }},
		{"Quantile NaN", ErrParameter, func() { BinaryConcrete{Tau: 1}.Quantile(math.NaN()) }},
		{"Quantile -0.1", ErrParameter, func() { BinaryConcrete{Tau: 1}.Quantile(-0.1) }},
		{"Exponential step", ErrParameter, func() { PaperSchedule().Tau(-1) }},
		{"Exponential Tau0", ErrParameter, func() { Exponential{Tau0: 0, Min: 0.5, Rate: 1}.Tau(0) }},
		{"Exponential Min", ErrParameter, func() { Exponential{Tau0: 1, Min: math.NaN(), Rate: 1}.Tau(0) }},
		{"Exponential Min > Tau0", ErrParameter, func() { Exponential{Tau0: 1, Min: 2, Rate: 1}.Tau(0) }},
		{"Exponential Rate", ErrParameter, func() { Exponential{Tau0: 1, Min: 0.5, Rate: -1}.Tau(0) }},
		{"Exponential Rate Inf", ErrParameter, func() { Exponential{Tau0: 1, Min: 0.5, Rate: math.Inf(1)}.Tau(0) }},
		{"Constant", ErrParameter, func() { Constant(0).Tau(0) }},
		{"Constant step", ErrParameter, func() { Constant(1).Tau(-1) }},
		{"Linear Steps", ErrParameter, func() { Linear{Start: 1, End: 0.5}.Tau(0) }},
		{"Linear End", ErrParameter, func() { Linear{Start: 1, End: math.Inf(1), Steps: 3}.Tau(0) }},
		{"Linear step", ErrParameter, func() { Linear{Start: 1, End: 0.5, Steps: 3}.Tau(-3) }},
		{"Cosine Start", ErrParameter, func() { Cosine{Start: -1, End: 0.5, Steps: 3}.Tau(0) }},
		{"Cosine step", ErrParameter, func() { Cosine{Start: 1, End: 0.5, Steps: 3}.Tau(-1) }},
	} {
		mustPanic(t, c.name, c.want, src, c.f)
	}
}
