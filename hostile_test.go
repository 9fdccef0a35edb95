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

// This file runs every random path of the package through sources that a
// careless sampler would turn into NaN or Inf: a source stuck at 0 (the
// zero uniform that reaches a log in pytorch#22442, #22586, #101620,
// #166243), one stuck at 2^64-1, one alternating between the two and one
// with a period of 3. The checks on each output (relValid*) are shared
// with extremes_test.go and fuzz_test.go.

// relAltSource alternates 0, 2^64-1, 0, ...
type relAltSource struct{ n uint64 }

func (s *relAltSource) Uint64() uint64 {
	s.n++
	if s.n%2 == 1 {
		return 0
	}
	return math.MaxUint64
}

// relCycleSource cycles through a fixed list of values (a source with a
// short period).
type relCycleSource struct {
	vals []uint64
	n    int
}

func (s *relCycleSource) Uint64() uint64 {
	v := s.vals[s.n%len(s.vals)]
	s.n++
	return v
}

// relHostile returns named factories of hostile sources; each call of a
// factory starts the source afresh, so two paths can be fed the same stream.
func relHostile() []struct {
	name string
	new  func() rand.Source
} {
	return []struct {
		name string
		new  func() rand.Source
	}{
		{"zero", func() rand.Source { return constSource(0) }},
		{"max", func() rand.Source { return constSource(math.MaxUint64) }},
		{"half", func() rand.Source { return constSource(1 << 63) }},
		{"alternating", func() rand.Source { return &relAltSource{} }},
		{"period3", func() rand.Source { return &relCycleSource{vals: []uint64{0, 1 << 63, math.MaxUint64}} }},
		{"period3-low", func() rand.Source { return &relCycleSource{vals: []uint64{1, 4095, 4096}} }},
	}
}

// relLogitSets are logits that stress the kernels: ties, one category,
// masks, huge and subnormal magnitudes.
var relLogitSets = [][]float64{
	{1, -2, math.Inf(-1), 0.5},
	{0, 0, 0},
	{3},
	{math.Inf(-1), math.Inf(-1), 7, math.Inf(-1)},
	{1e300, -1e300, 0, 1e300},
	{math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64, 0},
	{5e-324, -5e-324, 0, 2.2250738585072014e-308},
	{-745, 0, 709, -1e10},
}

// relTaus spans the whole range of valid temperatures.
var relTaus = []float64{5e-324, 1e-310, 1e-300, 1e-200, 1e-3, 1, 1e3, 1e200, 1e300, math.MaxFloat64}

// relInvalid reports whether logits name no distribution: every logit is
// -Inf, or some logit is NaN or +Inf.
func relInvalid(logits []float64) bool {
	all := true
	for _, l := range logits {
		if math.IsNaN(l) || math.IsInf(l, 1) {
			return true
		}
		if !math.IsInf(l, -1) {
			all = false
		}
	}
	return all
}

// relSimplexTol is the tolerance on the sum of a relaxed sample of k
// categories: k roundings of a product and k of a sum, each <= 2^-53.
func relSimplexTol(k int) float64 { return float64(2*k+4) * 0x1p-53 }

// relValidIndex checks an index returned for logits: -1 exactly when the
// logits are invalid, otherwise an unmasked category.
func relValidIndex(idx int, logits []float64) error {
	if relInvalid(logits) {
		if idx != -1 {
			return fmt.Errorf("index %d for invalid logits, want -1", idx)
		}
		return nil
	}
	if idx < 0 || idx >= len(logits) {
		return fmt.Errorf("index %d out of [0, %d)", idx, len(logits))
	}
	if math.IsInf(logits[idx], -1) {
		return fmt.Errorf("index %d is masked", idx)
	}
	return nil
}

// relAllNaN checks that v is all NaN (the documented invalid outcome).
func relAllNaN(v []float64) error {
	for i, x := range v {
		if !math.IsNaN(x) {
			return fmt.Errorf("element %d = %v, want NaN for invalid logits", i, x)
		}
	}
	return nil
}

// relValidSoft checks a relaxed sample y for logits: on the simplex, masked
// categories exactly 0, and (if idx >= 0) peaking at idx.
func relValidSoft(y, logits []float64, idx int) error {
	if len(y) != len(logits) {
		return fmt.Errorf("length %d, want %d", len(y), len(logits))
	}
	if relInvalid(logits) {
		return relAllNaN(y)
	}
	var sum float64
	for i, v := range y {
		if !(v >= 0 && v <= 1) {
			return fmt.Errorf("y[%d] = %v not in [0, 1]", i, v)
		}
		if math.IsInf(logits[i], -1) && v != 0 {
			return fmt.Errorf("masked y[%d] = %v, want 0", i, v)
		}
		sum += v
	}
	if math.Abs(sum-1) > relSimplexTol(len(y)) {
		return fmt.Errorf("sum %v, want 1 within %v", sum, relSimplexTol(len(y)))
	}
	if idx >= 0 {
		for i, v := range y {
			if v > y[idx] {
				return fmt.Errorf("y[%d] = %v > y[index %d] = %v", i, v, idx, y[idx])
			}
		}
	}
	return nil
}

// relValidHard checks that y is exactly the one-hot vector of idx (or all NaN
// for invalid logits).
func relValidHard(y, logits []float64, idx int) error {
	if err := relValidIndex(idx, logits); err != nil {
		return err
	}
	if idx < 0 {
		return relAllNaN(y)
	}
	for i, v := range y {
		want := 0.0
		if i == idx {
			want = 1
		}
		if v != want {
			return fmt.Errorf("hard y[%d] = %v, want %v (index %d)", i, v, want, idx)
		}
	}
	return nil
}

// relValidLog checks a log-space (ExpConcrete) sample x: every x_i <= 0 and
// not NaN, masked categories exactly -Inf, the largest finite and
// log-sum-exp(x) = 0 within rounding.
func relValidLog(x, logits []float64) error {
	if relInvalid(logits) {
		return relAllNaN(x)
	}
	best := math.Inf(-1)
	for i, v := range x {
		if math.IsNaN(v) || v > 0 {
			return fmt.Errorf("x[%d] = %v, want <= 0", i, v)
		}
		if math.IsInf(logits[i], -1) && !math.IsInf(v, -1) {
			return fmt.Errorf("masked x[%d] = %v, want -Inf", i, v)
		}
		best = math.Max(best, v)
	}
	if math.IsInf(best, 0) {
		return fmt.Errorf("largest x = %v, want finite", best)
	}
	if lse := LogSumExp(x); math.Abs(lse) > relSimplexTol(len(x)) {
		return fmt.Errorf("LogSumExp(x) = %v, want 0", lse)
	}
	return nil
}

// relFinite checks that every value is finite (gradients); what names it.
func relFinite(what string, v ...float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s[%d] = %v, want finite", what, i, x)
		}
	}
	return nil
}

// relNotNaN checks that no value is NaN. A derivative may overflow to ±Inf
// when its true value exceeds MaxFloat64 (a temperature below about 1e-308
// with tied categories); it must never be NaN.
func relNotNaN(what string, v ...float64) error {
	for i, x := range v {
		if math.IsNaN(x) {
			return fmt.Errorf("%s[%d] = NaN", what, i)
		}
	}
	return nil
}

// relGradCheck checks the derivatives of a straight-through draw st made
// for logits: NaN exactly when the logits are invalid; otherwise never NaN,
// and finite when the temperature is >= 1e-290 (then every derivative is
// bounded by about 750 max|grad| / tau, see straightthrough.go).
func relGradCheck(st *ST, logits []float64) error {
	k := len(logits)
	grad := make([]float64, k)
	for i := range grad {
		grad[i] = float64(i%7) - 3
	}
	vjp := st.VJP(nil, grad)
	tv := st.TauVJP(grad)
	tj := st.TauJacobian(nil)
	var jac []float64
	if k <= 64 {
		jac = st.Jacobian(nil).RawSymmetric().Data
	}
	if relInvalid(logits) {
		if !math.IsNaN(tv) {
			return fmt.Errorf("TauVJP = %v for invalid logits, want NaN", tv)
		}
		return relAllNaN(tj)
	}
	check := relNotNaN
	if st.Tau >= 1e-290 {
		check = relFinite
	}
	for _, c := range []struct {
		what string
		v    []float64
	}{{"VJP", vjp}, {"TauVJP", []float64{tv}}, {"TauJacobian", tj}, {"Jacobian", jac}} {
		if err := check(c.what, c.v...); err != nil {
			return err
		}
	}
	// Masked categories get exactly zero gradient.
	for i, l := range logits {
		if math.IsInf(l, -1) && (vjp[i] != 0 || tj[i] != 0) {
			return fmt.Errorf("masked category %d: VJP %v, TauJacobian %v, want 0", i, vjp[i], tj[i])
		}
	}
	return nil
}

// relRunAll runs every random path of a Generator built on fresh sources
// from newSrc over logits at tau and reports every invalid output. Each path
// gets a fresh source, so outputs that share noise can be compared.
func relRunAll(t *testing.T, name string, newSrc func() rand.Source, logits []float64, tau float64) {
	t.Helper()
	k := len(logits)
	fail := func(path string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: k=%d tau=%g logits=%.3g: %s: %v", name, k, tau, logits, path, err)
		}
	}
	g := func() *Generator { return New(newSrc()) }

	idx := g().GumbelMax(logits)
	fail("GumbelMax", relValidIndex(idx, logits))

	soft := g().GumbelSoftmaxTo(nil, logits, tau, false)
	fail("GumbelSoftmaxTo soft", relValidSoft(soft, logits, idx))
	hard := g().GumbelSoftmaxTo(make([]float64, k), logits, tau, true)
	fail("GumbelSoftmaxTo hard", relValidHard(hard, logits, idx))
	x := g().LogGumbelSoftmaxTo(nil, logits, tau)
	fail("LogGumbelSoftmaxTo", relValidLog(x, logits))
	if idx >= 0 {
		for i := range x {
			// exp(x) is the soft sample drawn from the same noise.
			if d := math.Abs(math.Exp(x[i]) - soft[i]); d > relSimplexTol(k) {
				fail("exp(LogGumbelSoftmaxTo)", fmt.Errorf("exp(x[%d]) = %v, soft %v", i, math.Exp(x[i]), soft[i]))
			}
		}
	}
	v := mat.NewVecDense(k, append([]float64(nil), logits...))
	fail("GumbelSoftmax", relValidSoft(g().GumbelSoftmax(v, tau, false).RawVector().Data, logits, idx))
	fail("GumbelSoftmax hard", relValidHard(g().GumbelSoftmax(v, tau, true).RawVector().Data, logits, idx))
	fail("LogGumbelSoftmax", relValidLog(g().LogGumbelSoftmax(v, tau).RawVector().Data, logits))

	st := g().StraightThroughTo(nil, logits, tau)
	fail("StraightThroughTo index", relValidIndex(st.Index, logits))
	if st.Index != idx {
		fail("StraightThroughTo", fmt.Errorf("index %d, GumbelMax %d with the same noise", st.Index, idx))
	}
	fail("StraightThroughTo.Soft", relValidSoft(st.Soft, logits, st.Index))
	fail("StraightThroughTo.Hard", relValidHard(st.Hard, logits, st.Index))
	fail("StraightThroughTo gradients", relGradCheck(st, logits))
	fail("StraightThrough", relValidHard(g().StraightThrough(v, tau).Hard, logits, idx))

	// Batch forms: two rows of the same logits; the rows are drawn in order,
	// so row 0 shares the noise of the single-vector calls.
	m := mat.NewDense(2, k, append(append([]float64(nil), logits...), logits...))
	bidx := g().GumbelMaxBatchTo(nil, m)
	fail("GumbelMaxBatchTo row 0", relValidIndex(bidx[0], logits))
	fail("GumbelMaxBatchTo row 1", relValidIndex(bidx[1], logits))
	if bidx[0] != idx {
		fail("GumbelMaxBatchTo", fmt.Errorf("row 0 index %d, GumbelMax %d", bidx[0], idx))
	}
	bs := g().GumbelSoftmaxBatchTo(nil, m, tau, false)
	bh := g().GumbelSoftmaxBatchTo(mat.NewDense(2, k, nil), m, tau, true)
	bl := g().LogGumbelSoftmaxBatchTo(nil, m, tau)
	stb := g().StraightThroughBatchTo(nil, m, tau)
	for r := 0; r < 2; r++ {
		fail("GumbelSoftmaxBatchTo soft", relValidSoft(bs.RawRowView(r), logits, bidx[r]))
		fail("GumbelSoftmaxBatchTo hard", relValidHard(bh.RawRowView(r), logits, bidx[r]))
		fail("LogGumbelSoftmaxBatchTo", relValidLog(bl.RawRowView(r), logits))
		fail("StraightThroughBatchTo soft", relValidSoft(stb.Soft.RawRowView(r), logits, stb.Index[r]))
		fail("StraightThroughBatchTo hard", relValidHard(stb.Hard.RawRowView(r), logits, stb.Index[r]))
	}
	grad := mat.NewDense(2, k, nil)
	for i := range grad.RawMatrix().Data {
		grad.RawMatrix().Data[i] = float64(i%5) - 2
	}
	bv := stb.VJP(nil, grad)
	btv := stb.TauVJP(grad)
	if relInvalid(logits) {
		if !math.IsNaN(btv) {
			fail("STBatch.TauVJP", fmt.Errorf("%v for invalid logits, want NaN", btv))
		}
	} else {
		check := relNotNaN
		if tau >= 1e-290 {
			check = relFinite
		}
		fail("STBatch.VJP", check("STBatch.VJP", bv.RawMatrix().Data...))
		fail("STBatch.TauVJP", check("STBatch.TauVJP", btv))
	}

	// Densities built on the same source: a sample and its log-density.
	c := Concrete{Logits: logits, Tau: tau, Src: newSrc()}
	y := c.Rand(nil)
	fail("Concrete.Rand", relValidSoft(y, logits, idx))
	if lp := c.LogProb(y); math.IsNaN(lp) != relInvalid(logits) || math.IsInf(lp, 1) {
		fail("Concrete.LogProb", fmt.Errorf("log-density of its own sample = %v", lp))
	}
	e := ExpConcrete{Logits: logits, Tau: tau, Src: newSrc()}
	xs := e.Rand(nil)
	fail("ExpConcrete.Rand", relValidLog(xs, logits))
	if lp := e.LogProb(xs); math.IsNaN(lp) != relInvalid(logits) || math.IsInf(lp, 1) {
		fail("ExpConcrete.LogProb", fmt.Errorf("log-density of its own sample = %v", lp))
	}
}

// relBinaryAll runs the relaxed-Bernoulli paths through a fresh source.
func relBinaryAll(t *testing.T, name string, newSrc func() rand.Source, logit, tau float64) {
	t.Helper()
	b := New(newSrc()).RelaxedBernoulliST(logit, tau)
	if !(b.Soft >= 0 && b.Soft <= 1) || (b.Hard != 0 && b.Hard != 1) || math.IsNaN(b.Perturbed) {
		t.Errorf("%s: RelaxedBernoulliST(%g, %g) = %+v", name, logit, tau, b)
	}
	if (b.Hard == 1) != (b.Perturbed > 0) {
		t.Errorf("%s: RelaxedBernoulliST(%g, %g): Hard %v but Perturbed %v", name, logit, tau, b.Hard, b.Perturbed)
	}
	check := relNotNaN
	if tau >= 1e-290 {
		check = relFinite
	}
	if err := check("BinaryST gradients", b.VJP(1.5), b.TauVJP(-2)); err != nil {
		t.Errorf("%s: logit %g tau %g: %v (%+v)", name, logit, tau, err, b)
	}
	if y := New(newSrc()).RelaxedBernoulli(logit, tau); y != b.Soft {
		t.Errorf("%s: RelaxedBernoulli = %v, ST soft %v from the same noise", name, y, b.Soft)
	}
	bc := BinaryConcrete{Logit: logit, Tau: tau, Src: newSrc()}
	y := bc.Rand()
	if y != b.Soft {
		t.Errorf("%s: BinaryConcrete.Rand = %v, ST soft %v from the same noise", name, y, b.Soft)
	}
	if lp := bc.LogProb(y); math.IsNaN(lp) || math.IsInf(lp, 1) {
		t.Errorf("%s: BinaryConcrete{%g, %g}.LogProb(%v) = %v", name, logit, tau, y, lp)
	}
	if x := b.Perturbed / tau; !math.IsInf(x, 0) {
		if lp := bc.LogProbLogit(x); math.IsNaN(lp) || math.IsInf(lp, 1) {
			t.Errorf("%s: BinaryConcrete{%g, %g}.LogProbLogit(%v) = %v", name, logit, tau, x, lp)
		}
	}
}

func TestHostileSources(t *testing.T) {
	t.Parallel()
	invalid := [][]float64{
		{math.Inf(-1), math.Inf(-1)},
		{1, math.NaN(), 2},
		{1, math.Inf(1), 2},
	}
	for _, h := range relHostile() {
		for _, logits := range append(append([][]float64(nil), relLogitSets...), invalid...) {
			for _, tau := range relTaus {
				relRunAll(t, h.name, h.new, logits, tau)
			}
		}
		for _, logit := range []float64{0, 1, -36.7368005696771, 36.7368005696771, 1e300, -1e300, math.Inf(1), math.Inf(-1)} {
			for _, tau := range relTaus {
				relBinaryAll(t, h.name, h.new, logit, tau)
			}
		}
		// Noise alone.
		g := New(h.new())
		if err := relFinite("SampleGumbel", g.SampleGumbel(make([]float64, 16))...); err != nil {
			t.Errorf("%s: %v", h.name, err)
		}
		if err := relFinite("SampleGumbelLocScale", g.SampleGumbelLocScale(make([]float64, 16), -1e300, 1e300)...); err != nil {
			t.Errorf("%s: %v", h.name, err)
		}
		if u := g.Uniform(); !(u > 0 && u < 1) {
			t.Errorf("%s: Uniform = %v", h.name, u)
		}
		if err := relFinite("Gumbel", g.Gumbel()); err != nil {
			t.Errorf("%s: %v", h.name, err)
		}
	}
}

// TestHostileTieBinary makes Perturbed exactly 0 (the logit cancels the
// logistic noise of a source stuck at 0), where Soft = 1/2 at every
// temperature: the derivatives must stay finite down to tiny temperatures.
func TestHostileTieBinary(t *testing.T) {
	t.Parallel()
	l := logisticFromBits(0)
	for _, tau := range relTaus {
		b := New(constSource(0)).RelaxedBernoulliST(-l, tau)
		if b.Perturbed != 0 || b.Soft != 0.5 {
			t.Fatalf("setup: %+v", b)
		}
		if g := b.TauVJP(1); g != 0 {
			t.Errorf("tau %g: TauGrad = %v, want 0", tau, g)
		}
	}
}

// TestHostileEstimators runs Gumbel-top-k, Gumbel-Rao, ReinMax and the
// conditional Gumbels through the hostile sources, with the checks of their
// fuzz targets (fuzz_test.go).
func TestHostileEstimators(t *testing.T) {
	t.Parallel()
	for _, h := range relHostile() {
		gen := func() *Generator { return New(h.new()) }
		for _, logits := range relLogitSets {
			for k := 1; k <= len(logits)+1; k++ {
				relCheckTopK(t, gen, logits, k)
			}
			for _, tau := range relTaus {
				for index := -1; index <= len(logits); index++ {
					relCheckEstimators(t, gen, logits, tau, 1+index%3, index)
				}
			}
		}
	}
}
