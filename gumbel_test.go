// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// eulerGamma is the Euler–Mascheroni constant, the mean of Gumbel(0, 1)
// (Abramowitz & Stegun 6.1.3).
const eulerGamma = 0.5772156649015329

// testLogits has unequal probabilities and one masked category.
var testLogits = []float64{math.Log(0.4), math.Log(0.25), math.Inf(-1), math.Log(0.2), math.Log(0.1), math.Log(0.05)}

func TestSampleGumbelKSAndMoments(t *testing.T) {
	t.Parallel()
	const n = 200000
	x := NewSeeded(1, 1).SampleGumbel(make([]float64, n))
	mean, variance := meanVar(x)
	// Gumbel(0,1): mean γ, variance π²/6, excess kurtosis 12/5, so the
	// variance of the sample variance is (μ4 - σ⁴)/n = (2 + 12/5) σ⁴ / n.
	sigma2 := math.Pi * math.Pi / 6
	if se := math.Sqrt(sigma2 / n); math.Abs(mean-eulerGamma) > 5*se {
		t.Errorf("mean = %v, want γ = %v ± %v", mean, eulerGamma, 5*se)
	}
	if se := sigma2 * math.Sqrt(4.4/n); math.Abs(variance-sigma2) > 5*se {
		t.Errorf("variance = %v, want π²/6 = %v ± %v", variance, sigma2, 5*se)
	}
	d, p := ksOneSample(x, func(v float64) float64 { return math.Exp(-math.Exp(-v)) })
	t.Logf("SampleGumbel: n=%d mean=%.5f var=%.5f KS D=%.5f p=%.3f", n, mean, variance, d, p)
	if p < pThreshold {
		t.Errorf("KS against exp(-exp(-x)): D = %v, p = %v", d, p)
	}
	for _, v := range x {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("non-finite Gumbel draw %v", v)
		}
	}
}

func TestSampleGumbelMatchesGonum(t *testing.T) {
	t.Parallel()
	// gonum's distuv.GumbelRight.Rand draws Mu - Beta*log(ExpFloat64()): an
	// independent implementation of the same law.
	const n = 100000
	mu, beta := 1.5, 2.0
	x := NewSeeded(2, 3).SampleGumbelLocScale(make([]float64, n), mu, beta)
	ref := distuv.GumbelRight{Mu: mu, Beta: beta, Src: rand.NewPCG(4, 5)}
	y := make([]float64, n)
	for i := range y {
		y[i] = ref.Rand()
	}
	mean, _ := meanVar(x)
	if se := beta * math.Pi / math.Sqrt(6*n); math.Abs(mean-ref.Mean()) > 5*se {
		t.Errorf("mean = %v, want %v ± %v", mean, ref.Mean(), 5*se)
	}
	d, p := ksTwoSample(x, y)
	t.Logf("SampleGumbelLocScale vs distuv.GumbelRight: two-sample KS D=%.5f p=%.3f", d, p)
	if p < pThreshold {
		t.Errorf("two-sample KS against distuv.GumbelRight: D = %v, p = %v", d, p)
	}
	d, p = ksOneSample(x, ref.CDF)
	if p < pThreshold {
		t.Errorf("KS against distuv.GumbelRight.CDF: D = %v, p = %v", d, p)
	}
}

func TestUniformOpenRange(t *testing.T) {
	t.Parallel()
	// The extremes of the source map to the documented ends of (0, 1).
	lo, hi := uniformOpen(0), uniformOpen(math.MaxUint64)
	if lo != 0x1p-53 || hi != 1-0x1p-53 {
		t.Errorf("uniformOpen range = [%v, 1-%v], want [2^-53, 1-2^-53]", lo, 1-hi)
	}
	for _, b := range []uint64{0, 1, 1 << 11, 1 << 12, math.MaxUint64 >> 1, math.MaxUint64} {
		if g := gumbelFromBits(b); math.IsInf(g, 0) || math.IsNaN(g) {
			t.Errorf("gumbelFromBits(%#x) = %v", b, g)
		}
		if l := logisticFromBits(b); math.IsInf(l, 0) || math.IsNaN(l) {
			t.Errorf("logisticFromBits(%#x) = %v", b, l)
		}
	}
}

// TestUniformOpenExact checks uniformOpen, computed by placing the top 52
// bits in a significand, against the definition (m + 1/2) 2^-52 computed by
// an integer-to-float conversion, on the edges of every bit position and on
// random bits.
func TestUniformOpenExact(t *testing.T) {
	t.Parallel()
	check := func(b uint64) {
		if got, want := uniformOpen(b), (float64(b>>12)+0.5)*0x1p-52; got != want {
			t.Fatalf("uniformOpen(%#x) = %v, want %v", b, got, want)
		}
	}
	for s := 0; s < 64; s++ {
		check(1 << s)
		check(1<<s - 1)
		check(math.MaxUint64 << s)
	}
	r := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 1000000; i++ {
		check(r.Uint64())
	}
}

func TestGumbelMaxChiSquare(t *testing.T) {
	t.Parallel()
	const n = 200000
	g := NewSeeded(7, 7)
	counts := make([]int, len(testLogits))
	for i := 0; i < n; i++ {
		counts[g.GumbelMax(testLogits)]++
	}
	stat, df, p := chiSquare(counts, softmaxRef(testLogits))
	t.Logf("GumbelMax: counts=%v chi2=%.2f df=%d p=%.3f", counts, stat, df, p)
	if p < pThreshold {
		t.Errorf("chi-square: %v with %d df, p = %v (counts %v)", stat, df, p, counts)
	}
}

func TestGumbelMaxBatchEqualsRows(t *testing.T) {
	t.Parallel()
	logits := mat.NewDense(50, len(testLogits), nil)
	for i := 0; i < 50; i++ {
		logits.SetRow(i, testLogits)
	}
	got := NewSeeded(3, 4).GumbelMaxBatchTo(nil, logits)
	g := NewSeeded(3, 4)
	for i, v := range got {
		if want := g.GumbelMax(testLogits); v != want {
			t.Fatalf("row %d: batch %d, row by row %d", i, v, want)
		}
	}
	// A non-Dense matrix is copied and gives the same draws.
	got2 := NewSeeded(3, 4).GumbelMaxBatchTo(make([]int, 50), logits.T().T())
	for i := range got {
		if got[i] != got2[i] {
			t.Fatalf("row %d: Dense %d, generic matrix %d", i, got[i], got2[i])
		}
	}
}

func TestSoftArgmaxChiSquare(t *testing.T) {
	t.Parallel()
	// Maddison et al. 2017, Prop. 1b: P(argmax y = i) = p_i at every tau.
	const n = 100000
	for _, tau := range []float64{0.1, 1, 10} {
		g := NewSeeded(11, uint64(tau*10))
		counts := make([]int, len(testLogits))
		y := make([]float64, len(testLogits))
		for i := 0; i < n; i++ {
			counts[argmax(g.GumbelSoftmaxTo(y, testLogits, tau, false))]++
		}
		stat, df, p := chiSquare(counts, softmaxRef(testLogits))
		t.Logf("argmax of soft sample, tau=%v: chi2=%.2f df=%d p=%.3f", tau, stat, df, p)
		if p < pThreshold {
			t.Errorf("tau %v: chi-square %v with %d df, p = %v (counts %v)", tau, stat, df, p, counts)
		}
	}
}

func TestSimplexAndHardAgreement(t *testing.T) {
	t.Parallel()
	logits := []float64{3, -1, 0.5, math.Inf(-1), 2, 700, -700, 1e-300}
	for _, tau := range []float64{1e-3, 0.1, 0.5, 1, 10, 1e3} {
		soft, hard, logy := NewSeeded(5, 6), NewSeeded(5, 6), NewSeeded(5, 6)
		for rep := 0; rep < 200; rep++ {
			y := soft.GumbelSoftmaxTo(nil, logits, tau, false)
			h := hard.GumbelSoftmaxTo(nil, logits, tau, true)
			x := logy.LogGumbelSoftmaxTo(nil, logits, tau)
			var sum float64
			for i, v := range y {
				if !(v >= 0 && v <= 1) {
					t.Fatalf("tau %v: y[%d] = %v outside [0, 1]", tau, i, v)
				}
				if !(x[i] <= 0) {
					t.Fatalf("tau %v: log y[%d] = %v > 0", tau, i, x[i])
				}
				if want := math.Exp(x[i]); math.Abs(v-want) > 1e-12*want+1e-300 {
					t.Fatalf("tau %v: y[%d] = %v, exp(log y) = %v", tau, i, v, want)
				}
				sum += v
			}
			if math.Abs(sum-1) > 4*float64(len(y))*0x1p-53 {
				t.Fatalf("tau %v: sum y = 1 %+g", tau, sum-1)
			}
			if y[3] != 0 || h[3] != 0 || !math.IsInf(x[3], -1) {
				t.Fatalf("tau %v: masked category got y=%v hard=%v log=%v", tau, y[3], h[3], x[3])
			}
			ones := 0
			for i, v := range h {
				switch v {
				case 1:
					ones++
					if y[i] != y[argmax(y)] {
						t.Fatalf("tau %v: hard index %d is not the argmax of the soft sample %v", tau, i, y)
					}
				case 0:
				default:
					t.Fatalf("tau %v: hard sample has entry %v", tau, v)
				}
			}
			if ones != 1 {
				t.Fatalf("tau %v: hard sample %v is not one-hot", tau, h)
			}
		}
	}
}

func TestTemperatureLimits(t *testing.T) {
	t.Parallel()
	p := softmaxRef(testLogits)
	// tau -> 0: E[y] -> p (Jang et al. 2017, Fig. 1). At tau = 0.01 the
	// samples are one-hot to within far less than the standard error.
	const n = 100000
	g := NewSeeded(8, 9)
	mean := make([]float64, len(p))
	y := make([]float64, len(p))
	for i := 0; i < n; i++ {
		g.GumbelSoftmaxTo(y, testLogits, 0.01, false)
		for j, v := range y {
			mean[j] += v / n
		}
	}
	for j := range p {
		if se := math.Sqrt(p[j] * (1 - p[j]) / n); math.Abs(mean[j]-p[j]) > 5*se+1e-12 {
			t.Errorf("tau 0.01: E[y_%d] = %v, want p = %v ± %v", j, mean[j], p[j], 5*se)
		}
	}
	// tau -> inf: y -> uniform over the unmasked categories.
	y = g.GumbelSoftmaxTo(y, testLogits, 1e9, false)
	for j, v := range y {
		want := 0.2
		if j == 2 {
			want = 0
		}
		if math.Abs(v-want) > 1e-8 {
			t.Errorf("tau 1e9: y_%d = %v, want %v", j, v, want)
		}
	}
}

func TestInvalidLogits(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	for _, logits := range [][]float64{
		{math.Inf(-1), math.Inf(-1)},
		{0, nan, 1},
		{0, inf},
		{nan},
	} {
		g := NewSeeded(1, 1)
		if i := g.GumbelMax(logits); i != -1 {
			t.Errorf("GumbelMax(%v) = %d, want -1", logits, i)
		}
		for _, hard := range []bool{false, true} {
			for i, v := range g.GumbelSoftmaxTo(nil, logits, 1, hard) {
				if !math.IsNaN(v) {
					t.Errorf("GumbelSoftmaxTo(%v, hard=%v)[%d] = %v, want NaN", logits, hard, i, v)
				}
			}
		}
		st := g.StraightThroughTo(nil, logits, 1)
		if st.Index != -1 || !math.IsNaN(st.Hard[0]) || !math.IsNaN(st.VJP(nil, make([]float64, len(logits)))[0]) ||
			!math.IsNaN(st.TauVJP(make([]float64, len(logits)))) {
			t.Errorf("StraightThroughTo(%v) = %+v, want index -1 and NaN", logits, st)
		}
		if v := LogSoftmaxTo(nil, logits)[0]; !math.IsNaN(v) {
			t.Errorf("LogSoftmaxTo(%v)[0] = %v, want NaN", logits, v)
		}
	}
	// A single unmasked category is sampled with certainty, soft sample included.
	logits := []float64{math.Inf(-1), -5, math.Inf(-1)}
	g := NewSeeded(1, 2)
	for rep := 0; rep < 10; rep++ {
		if i := g.GumbelMax(logits); i != 1 {
			t.Fatalf("GumbelMax = %d, want 1", i)
		}
		if y := g.GumbelSoftmaxTo(nil, logits, 0.3, false); y[0] != 0 || y[1] != 1 || y[2] != 0 {
			t.Fatalf("soft sample = %v, want [0 1 0]", y)
		}
	}
}

// constSource returns the same value forever.
type constSource uint64

func (c constSource) Uint64() uint64 { return uint64(c) }

func TestExtremeSources(t *testing.T) {
	t.Parallel()
	logits := []float64{1, -2, math.Inf(-1), 0.5, 1e300, -1e300}
	for _, src := range []rand.Source{constSource(0), constSource(math.MaxUint64)} {
		g := New(src)
		for _, v := range g.SampleGumbel(make([]float64, 4)) {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				t.Errorf("source %v: Gumbel draw %v", src, v)
			}
		}
		if i := g.GumbelMax(logits); i != 4 {
			t.Errorf("source %v: GumbelMax = %d, want 4", src, i)
		}
		for _, tau := range []float64{1e-3, 1, 1e3} {
			st := g.StraightThroughTo(nil, logits, tau)
			x := g.LogGumbelSoftmaxTo(nil, logits, tau)
			grad := st.VJP(nil, []float64{1, 2, 3, 4, 5, 6})
			for i := range logits {
				if math.IsNaN(st.Soft[i]) || math.IsNaN(x[i]) || math.IsNaN(grad[i]) || math.IsInf(grad[i], 0) {
					t.Errorf("source %v tau %v: soft %v log %v grad %v", src, tau, st.Soft, x, grad)
				}
			}
			if tv := st.TauVJP([]float64{1, 2, 3, 4, 5, 6}); math.IsNaN(tv) || math.IsInf(tv, 0) {
				t.Errorf("source %v tau %v: TauVJP = %v", src, tau, tv)
			}
		}
		if b := g.RelaxedBernoulliST(0.3, 0.1); math.IsNaN(b.Soft) || math.IsNaN(b.VJP(1)) {
			t.Errorf("source %v: relaxed Bernoulli %+v", src, b)
		}
	}
}

// countingSource counts the values drawn from it.
type countingSource struct {
	n   int
	src rand.Source
}

func (c *countingSource) Uint64() uint64 { c.n++; return c.src.Uint64() }

// mustPanic runs f and checks that it panics with an *Error that starts with
// "gumbel: ", names op and wraps want, and that src was not drawn from.
func mustPanic(t *testing.T, name string, want error, src *countingSource, f func()) {
	t.Helper()
	before := src.n
	defer func() {
		t.Helper()
		r := recover()
		err, ok := r.(error)
		if !ok {
			t.Errorf("%s: recovered %v (%T), want an error", name, r, r)
			return
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, want) {
			t.Errorf("%s: panic %q does not wrap %v", name, err, want)
		}
		if !strings.HasPrefix(err.Error(), "gumbel: ") {
			t.Errorf("%s: message %q lacks the prefix", name, err)
		}
		if src.n != before {
			t.Errorf("%s: drew %d source values before panicking", name, src.n-before)
		}
	}()
	f()
}

func TestPanics(t *testing.T) {
	t.Parallel()
	src := &countingSource{src: rand.NewPCG(1, 1)}
	g := New(src)
	l := []float64{1, 2, 3}
	dense := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	st := g.StraightThroughTo(nil, l, 1)
	stb := g.StraightThroughBatchTo(nil, dense, 1)
	for _, tau := range []float64{0, -1, math.NaN(), math.Inf(1), math.Inf(-1)} {
		mustPanic(t, "GumbelSoftmaxTo tau", ErrTemperature, src, func() { g.GumbelSoftmaxTo(nil, l, tau, false) })
		mustPanic(t, "GumbelSoftmax tau", ErrTemperature, src, func() { g.GumbelSoftmax(mat.NewVecDense(3, l), tau, true) })
		mustPanic(t, "LogGumbelSoftmaxTo tau", ErrTemperature, src, func() { g.LogGumbelSoftmaxTo(nil, l, tau) })
		mustPanic(t, "LogGumbelSoftmax tau", ErrTemperature, src, func() { g.LogGumbelSoftmax(mat.NewVecDense(3, l), tau) })
		mustPanic(t, "GumbelSoftmaxBatchTo tau", ErrTemperature, src, func() { g.GumbelSoftmaxBatchTo(nil, dense, tau, false) })
		mustPanic(t, "LogGumbelSoftmaxBatchTo tau", ErrTemperature, src, func() { g.LogGumbelSoftmaxBatchTo(nil, dense, tau) })
		mustPanic(t, "StraightThroughTo tau", ErrTemperature, src, func() { g.StraightThroughTo(nil, l, tau) })
		mustPanic(t, "StraightThroughBatchTo tau", ErrTemperature, src, func() { g.StraightThroughBatchTo(nil, dense, tau) })
		mustPanic(t, "RelaxedBernoulliST tau", ErrTemperature, src, func() { g.RelaxedBernoulliST(0, tau) })
		mustPanic(t, "Concrete.LogProb tau", ErrTemperature, src, func() { Concrete{Logits: l, Tau: tau}.LogProb(l) })
		mustPanic(t, "ExpConcrete.LogProb tau", ErrTemperature, src, func() { ExpConcrete{Logits: l, Tau: tau}.LogProb(l) })
		mustPanic(t, "BinaryConcrete.LogProb tau", ErrTemperature, src, func() { BinaryConcrete{Tau: tau}.LogProb(0.5) })
		mustPanic(t, "BinaryConcrete.CDF tau", ErrTemperature, src, func() { BinaryConcrete{Tau: tau}.CDF(0.5) })
	}
	mustPanic(t, "GumbelMax empty", ErrEmpty, src, func() { g.GumbelMax(nil) })
	mustPanic(t, "GumbelSoftmaxTo empty", ErrEmpty, src, func() { g.GumbelSoftmaxTo(nil, nil, 1, false) })
	mustPanic(t, "StraightThroughTo empty", ErrEmpty, src, func() { g.StraightThroughTo(nil, []float64{}, 1) })
	mustPanic(t, "SoftmaxTo empty", ErrEmpty, src, func() { SoftmaxTo(nil, nil) })
	mustPanic(t, "LogSumExp empty", ErrEmpty, src, func() { LogSumExp(nil) })
	mustPanic(t, "Concrete.LogProb empty", ErrEmpty, src, func() { Concrete{Tau: 1}.LogProb(nil) })
	mustPanic(t, "GumbelSoftmaxTo dst", ErrLength, src, func() { g.GumbelSoftmaxTo(make([]float64, 2), l, 1, false) })
	mustPanic(t, "LogGumbelSoftmaxTo dst", ErrLength, src, func() { g.LogGumbelSoftmaxTo(make([]float64, 4), l, 1) })
	mustPanic(t, "SoftmaxTo dst", ErrLength, src, func() { SoftmaxTo(make([]float64, 1), l) })
	mustPanic(t, "GumbelMaxBatchTo dst", ErrLength, src, func() { g.GumbelMaxBatchTo(make([]int, 3), dense) })
	mustPanic(t, "GumbelSoftmaxBatchTo dst", ErrLength, src, func() { g.GumbelSoftmaxBatchTo(mat.NewDense(3, 2, nil), dense, 1, false) })
	mustPanic(t, "Concrete.LogProb length", ErrLength, src, func() { Concrete{Logits: l, Tau: 1}.LogProb([]float64{1}) })
	mustPanic(t, "ExpConcrete.LogProb length", ErrLength, src, func() { ExpConcrete{Logits: l, Tau: 1}.LogProb([]float64{1}) })
	mustPanic(t, "ST.VJP grad", ErrLength, src, func() { st.VJP(nil, []float64{1}) })
	mustPanic(t, "ST.VJP dst", ErrLength, src, func() { st.VJP(make([]float64, 1), l) })
	mustPanic(t, "ST.TauVJP", ErrLength, src, func() { st.TauVJP([]float64{1}) })
	mustPanic(t, "ST.TauJacobian", ErrLength, src, func() { st.TauJacobian([]float64{1}) })
	mustPanic(t, "ST.Jacobian", ErrLength, src, func() { st.Jacobian(mat.NewSymDense(2, nil)) })
	mustPanic(t, "STBatch.VJP grad", ErrLength, src, func() { stb.VJP(nil, mat.NewDense(3, 3, nil)) })
	mustPanic(t, "STBatch.VJP dst", ErrLength, src, func() { stb.VJP(mat.NewDense(1, 3, nil), dense) })
	mustPanic(t, "STBatch.TauVJP", ErrLength, src, func() { stb.TauVJP(mat.NewDense(2, 2, nil)) })
	mustPanic(t, "SampleGumbelLocScale beta", ErrParameter, src, func() { g.SampleGumbelLocScale(make([]float64, 2), 0, 0) })
	mustPanic(t, "SampleGumbelLocScale mu", ErrParameter, src, func() { g.SampleGumbelLocScale(make([]float64, 2), math.NaN(), 1) })
	mustPanic(t, "BinaryConcrete.Quantile", ErrParameter, src, func() { BinaryConcrete{Tau: 1}.Quantile(1.5) })
	mustPanic(t, "New", ErrParameter, src, func() { New(nil) })
	// A zero-value or inconsistent ST is not a draw.
	var zero ST
	mustPanic(t, "zero ST.VJP", ErrParameter, src, func() { zero.VJP(nil, nil) })
	mustPanic(t, "zero ST.Jacobian", ErrParameter, src, func() { zero.Jacobian(nil) })
	mustPanic(t, "zero ST.TauVJP", ErrParameter, src, func() { zero.TauVJP(nil) })
	mustPanic(t, "zero ST.TauJacobian", ErrParameter, src, func() { zero.TauJacobian(nil) })
	bad := &ST{Soft: st.Soft, Perturbed: st.Perturbed[:1], Index: st.Index, Tau: st.Tau}
	mustPanic(t, "inconsistent ST.TauVJP", ErrParameter, src, func() { bad.TauVJP(l) })
	bad = &ST{Soft: st.Soft, Perturbed: st.Perturbed, Index: len(l), Tau: st.Tau}
	mustPanic(t, "ST.TauJacobian index", ErrParameter, src, func() { bad.TauJacobian(nil) })
	var zeroB STBatch
	mustPanic(t, "zero STBatch.VJP", ErrParameter, src, func() { zeroB.VJP(nil, dense) })
	mustPanic(t, "zero STBatch.TauVJP", ErrParameter, src, func() { zeroB.TauVJP(dense) })
	badB := &STBatch{Soft: stb.Soft, Perturbed: stb.Perturbed, Index: stb.Index[:1], Tau: stb.Tau}
	mustPanic(t, "inconsistent STBatch.TauVJP", ErrParameter, src, func() { badB.TauVJP(dense) })
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	defer func() {
		err := recover().(error)
		const want = "gumbel: GumbelSoftmaxTo: temperature 0 is not finite and > 0"
		if err.Error() != want {
			t.Errorf("message %q, want %q", err, want)
		}
	}()
	GumbelSoftmaxTo(nil, []float64{1}, 0, false)
}

func TestPackageLevelFunctions(t *testing.T) {
	t.Parallel()
	// The package-level forms draw from the global source: check their
	// results for validity and, for GumbelMax, their distribution (the
	// global source is not seeded, so the chi-square threshold is strict).
	const n = 100000
	counts := make([]int, len(testLogits))
	for i := 0; i < n; i++ {
		counts[GumbelMax(testLogits)]++
	}
	if stat, df, p := chiSquare(counts, softmaxRef(testLogits)); p < 1e-6 {
		t.Errorf("global GumbelMax: chi-square %v with %d df, p = %v", stat, df, p)
	}
	for _, v := range SampleGumbel(make([]float64, 100)) {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("SampleGumbel gave %v", v)
		}
	}
	if x := SampleGumbelLocScale(make([]float64, 1000), 100, 0.01); math.Abs(x[0]-100) > 1 {
		t.Errorf("SampleGumbelLocScale(mu=100, beta=0.01) gave %v", x[0])
	}
	dense := mat.NewDense(3, len(testLogits), nil)
	for i := 0; i < 3; i++ {
		dense.SetRow(i, testLogits)
	}
	checkSimplex := func(name string, y []float64) {
		t.Helper()
		var sum float64
		for _, v := range y {
			if !(v >= 0 && v <= 1) {
				t.Errorf("%s: entry %v", name, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-14 || y[2] != 0 {
			t.Errorf("%s: %v not on the simplex with category 2 masked", name, y)
		}
	}
	v := mat.NewVecDense(len(testLogits), testLogits)
	checkSimplex("GumbelSoftmax", GumbelSoftmax(v, 0.5, false).RawVector().Data)
	checkSimplex("GumbelSoftmax hard", GumbelSoftmax(v, 0.5, true).RawVector().Data)
	checkSimplex("GumbelSoftmaxTo", GumbelSoftmaxTo(nil, testLogits, 2, false))
	checkSimplex("exp LogGumbelSoftmax", expAll(LogGumbelSoftmax(v, 0.5).RawVector().Data))
	checkSimplex("exp LogGumbelSoftmaxTo", expAll(LogGumbelSoftmaxTo(nil, testLogits, 0.5)))
	checkSimplex("StraightThrough", StraightThrough(v, 0.5).Soft)
	checkSimplex("StraightThroughTo", StraightThroughTo(nil, testLogits, 0.5).Hard)
	batch := GumbelSoftmaxBatchTo(nil, dense, 0.5, false)
	logBatch := LogGumbelSoftmaxBatchTo(nil, dense, 0.5)
	stb := StraightThroughBatchTo(nil, dense, 0.5)
	for i, idx := range GumbelMaxBatchTo(nil, dense) {
		checkSimplex("GumbelSoftmaxBatchTo", batch.RawRowView(i))
		checkSimplex("LogGumbelSoftmaxBatchTo", expAll(logBatch.RawRowView(i)))
		checkSimplex("StraightThroughBatchTo", stb.Hard.RawRowView(i))
		if idx < 0 || idx == 2 || idx >= len(testLogits) {
			t.Errorf("GumbelMaxBatchTo gave index %d", idx)
		}
	}
	if b := RelaxedBernoulli(0, 1); !(b > 0 && b < 1) {
		t.Errorf("RelaxedBernoulli = %v", b)
	}
	if b := RelaxedBernoulliST(0, 1); b.Hard != 0 && b.Hard != 1 {
		t.Errorf("RelaxedBernoulliST = %+v", b)
	}
	if x := NewSeeded(1, 1).Gumbel(); math.IsInf(x, 0) || math.IsNaN(x) {
		t.Errorf("Gumbel() = %v", x)
	}
}

func expAll(x []float64) []float64 {
	for i, v := range x {
		x[i] = math.Exp(v)
	}
	return x
}

func TestLogSumExp(t *testing.T) {
	t.Parallel()
	inf := math.Inf(1)
	for _, c := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{0, 0}, math.Ln2},
		{[]float64{1000, 1000}, 1000 + math.Ln2},       // would overflow naively
		{[]float64{-1000, -1000}, -1000 + math.Ln2},    // would underflow naively
		{[]float64{math.Log(0.25), math.Log(0.75)}, 0}, // probabilities
		{[]float64{-inf, 3}, 3},
		{[]float64{-inf, -inf}, -inf},
		{[]float64{1, inf}, inf},
	} {
		if got := LogSumExp(c.x); !(got == c.want || math.Abs(got-c.want) < 1e-14*math.Max(1, math.Abs(c.want))) {
			t.Errorf("LogSumExp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if got := LogSumExp([]float64{1, math.NaN()}); !math.IsNaN(got) {
		t.Errorf("LogSumExp with NaN = %v", got)
	}
	// LogSoftmaxTo is x - LogSumExp(x).
	x := []float64{0.3, -2, 5}
	ls := LogSoftmaxTo(nil, x)
	for i := range x {
		if math.Abs(ls[i]-(x[i]-LogSumExp(x))) > 1e-14 {
			t.Errorf("LogSoftmaxTo %v, x - LSE %v", ls[i], x[i]-LogSumExp(x))
		}
	}
}
