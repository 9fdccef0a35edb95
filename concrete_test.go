// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/integrate/quad"
)

// referenceCase is one case of testdata/concrete_logprob.json, golden values
// computed by torch.distributions (PyTorch 1.13, float64).
type referenceCase struct {
	Kind   string
	K      int
	Tau    float64
	Logits []float64
	LogY   []float64 `json:"log_y"`
	Y      []float64 `json:"-"`

	ExpConcreteLogProb float64 `json:"exp_concrete_log_prob"`
	ConcreteLogProb    float64 `json:"concrete_log_prob"`

	Logit                        float64
	LogitY                       float64 `json:"logit_y"`
	YBinary                      float64 `json:"-"`
	LogitRelaxedBernoulliLogProb float64 `json:"logit_relaxed_bernoulli_log_prob"`
	RelaxedBernoulliLogProb      float64 `json:"relaxed_bernoulli_log_prob"`
}

// loadReference reads testdata/concrete_logprob.json; the test fails if it
// is missing. The file is regenerated, from the inputs recorded in the
// script, by
//
//	/usr/bin/python3 testdata/concrete_logprob.py > testdata/concrete_logprob.json
func loadReference(t *testing.T) []referenceCase {
	t.Helper()
	for _, p := range []string{filepath.Join("testdata", "concrete_logprob.json")} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var raw struct{ Cases []json.RawMessage }
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		cases := make([]referenceCase, len(raw.Cases))
		for i, r := range raw.Cases {
			var c referenceCase
			if err := json.Unmarshal(r, &c); err != nil {
				t.Fatal(err)
			}
			// "y" is a vector for concrete cases and a number for binary ones.
			var y struct{ Y json.RawMessage }
			if err := json.Unmarshal(r, &y); err != nil {
				t.Fatal(err)
			}
			target := any(&c.Y)
			if c.Kind == "binary_concrete" {
				target = &c.YBinary
			}
			if err := json.Unmarshal(y.Y, target); err != nil {
				t.Fatal(err)
			}
			cases[i] = c
		}
		return cases
	}
	t.Fatal("reference file concrete_logprob.json not found")
	return nil
}

func TestLogProbAgainstTorch(t *testing.T) {
	t.Parallel()
	const tol = 1e-10
	var worst float64
	n := 0
	check := func(name string, got, want float64) {
		rel := math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
		worst = math.Max(worst, rel)
		n++
		if !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
			t.Errorf("%s = %.17g, torch %.17g (rel err %.2g)", name, got, want, rel)
		}
	}
	for _, c := range loadReference(t) {
		switch c.Kind {
		case "concrete":
			check("ExpConcrete.LogProb", ExpConcrete{Logits: c.Logits, Tau: c.Tau}.LogProb(c.LogY), c.ExpConcreteLogProb)
			check("Concrete.LogProb", Concrete{Logits: c.Logits, Tau: c.Tau}.LogProb(c.Y), c.ConcreteLogProb)
		case "binary_concrete":
			b := BinaryConcrete{Logit: c.Logit, Tau: c.Tau}
			check("BinaryConcrete.LogProbLogit", b.LogProbLogit(c.LogitY), c.LogitRelaxedBernoulliLogProb)
			check("BinaryConcrete.LogProb", b.LogProb(c.YBinary), c.RelaxedBernoulliLogProb)
		default:
			t.Errorf("unknown case kind %q", c.Kind)
		}
	}
	t.Logf("%d reference values, largest relative error %.3g", n, worst)
	if n != 82 {
		t.Errorf("checked %d values, want 82 (41 cases × 2)", n)
	}
}

func TestConcreteLogProbProperties(t *testing.T) {
	t.Parallel()
	l := []float64{0.5, -1, 2}
	// Shifting the logits does not change the density.
	x := NewSeeded(1, 2).LogGumbelSoftmaxTo(nil, l, 0.5)
	a := ExpConcrete{Logits: l, Tau: 0.5}.LogProb(x)
	b := ExpConcrete{Logits: []float64{100.5, 99, 102}, Tau: 0.5}.LogProb(x)
	if !scalar.EqualWithinAbsOrRel(a, b, 1e-11, 1e-11) {
		t.Errorf("shifted logits: %v vs %v", a, b)
	}
	// A masked category is left out: the density equals that of the
	// remaining categories.
	masked := ExpConcrete{Logits: []float64{0.5, math.Inf(-1), -1, 2}, Tau: 0.5}.LogProb([]float64{x[0], math.Inf(-1), x[1], x[2]})
	if !scalar.EqualWithinAbsOrRel(masked, a, 1e-12, 1e-12) {
		t.Errorf("masked density %v, unmasked %v", masked, a)
	}
	if v := (ExpConcrete{Logits: []float64{0.5, math.Inf(-1)}, Tau: 1}).LogProb([]float64{-1, -1}); !math.IsInf(v, -1) {
		t.Errorf("mass on a masked category: %v, want -Inf", v)
	}
	if v := (Concrete{Logits: l, Tau: 1}).LogProb([]float64{0.5, -0.1, 0.6}); !math.IsInf(v, -1) {
		t.Errorf("y outside the simplex: %v, want -Inf", v)
	}
	if v := (Concrete{Logits: l, Tau: 1}).LogProb([]float64{0.5, math.NaN(), 0.5}); !math.IsNaN(v) {
		t.Errorf("NaN y: %v, want NaN", v)
	}
	// k = 2: the Concrete density of (y, 1-y) in y is the binary Concrete
	// density with logit l0 - l1 (Maddison et al. 2017, App. B).
	for _, y := range []float64{0.01, 0.3, 0.5, 0.9} {
		for _, tau := range []float64{0.3, 1, 2} {
			got := Concrete{Logits: []float64{1.2, 0.4}, Tau: tau}.LogProb([]float64{y, 1 - y})
			want := BinaryConcrete{Logit: 0.8, Tau: tau}.LogProb(y)
			if !scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12) {
				t.Errorf("k=2 y=%v tau=%v: Concrete %v, binary %v", y, tau, got, want)
			}
		}
	}
}

func TestBinaryConcrete(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ logit, tau float64 }{{0.7, 0.5}, {-1.5, 2}, {0, 1}} {
		b := BinaryConcrete{Logit: c.logit, Tau: c.tau}
		// The density of logit(y) integrates to 1 (it is smooth, unlike that
		// of y, which is unbounded at 0 and 1 for tau < 1), and the density
		// of y is the derivative of the CDF.
		integral := quad.Fixed(func(x float64) float64 { return math.Exp(b.LogProbLogit(x)) }, math.Inf(-1), math.Inf(1), 1000, nil, 0)
		if math.Abs(integral-1) > 1e-9 {
			t.Errorf("%+v: density integrates to %v", c, integral)
		}
		for _, y := range []float64{0.1, 0.5, 0.8} {
			const h = 1e-6
			fd := (b.CDF(y+h) - b.CDF(y-h)) / (2 * h)
			if !scalar.EqualWithinAbsOrRel(fd, math.Exp(b.LogProb(y)), 1e-6, 1e-6) {
				t.Errorf("%+v: dCDF/dy(%v) = %v, density %v", c, y, fd, math.Exp(b.LogProb(y)))
			}
			if q := b.Quantile(b.CDF(y)); !scalar.EqualWithinAbsOrRel(q, y, 1e-12, 1e-12) {
				t.Errorf("%+v: Quantile(CDF(%v)) = %v", c, y, q)
			}
		}
		// Samples follow the CDF (KS), and P(hard = 1) = sigmoid(logit).
		const n = 50000
		g := NewSeeded(31, uint64(c.tau*10))
		x := make([]float64, n)
		ones := 0
		for i := range x {
			st := g.RelaxedBernoulliST(c.logit, c.tau)
			x[i] = st.Soft
			if st.Hard == 1 {
				ones++
			}
			if (st.Hard == 1) != (st.Soft > 0.5) {
				t.Fatalf("hard %v disagrees with soft %v", st.Hard, st.Soft)
			}
		}
		d, p := ksOneSample(x, b.CDF)
		q := sigmoid(c.logit)
		z := (float64(ones) - n*q) / math.Sqrt(n*q*(1-q))
		t.Logf("relaxed Bernoulli %+v: KS D=%.4f p=%.3f; P(hard=1) z=%.2f", c, d, p, z)
		if p < pThreshold {
			t.Errorf("%+v: KS D = %v, p = %v", c, d, p)
		}
		if math.Abs(z) > 4 {
			t.Errorf("%+v: %d ones in %d, want sigmoid(logit) = %v (z = %.2f)", c, ones, n, q, z)
		}
	}
}

func TestBinarySTDerivatives(t *testing.T) {
	t.Parallel()
	const h = 1e-6
	st := NewSeeded(2, 2).RelaxedBernoulliST(0.3, 0.7)
	noise := st.Perturbed - 0.3
	f := func(a, tau float64) float64 { return sigmoid((a + noise) / tau) }
	if fd := (f(0.3+h, 0.7) - f(0.3-h, 0.7)) / (2 * h); !scalar.EqualWithinAbsOrRel(st.VJP(2), 2*fd, 1e-8, 1e-6) {
		t.Errorf("Grad = %v, finite difference %v", st.VJP(2), 2*fd)
	}
	if fd := (f(0.3, 0.7+h) - f(0.3, 0.7-h)) / (2 * h); !scalar.EqualWithinAbsOrRel(st.TauVJP(2), 2*fd, 1e-8, 1e-6) {
		t.Errorf("TauGrad = %v, finite difference %v", st.TauVJP(2), 2*fd)
	}
}

func TestConcreteRand(t *testing.T) {
	t.Parallel()
	c := Concrete{Logits: testLogits, Tau: 0.5, Src: constSource(1 << 40)}
	e := ExpConcrete{Logits: testLogits, Tau: 0.5, Src: constSource(1 << 40)}
	y, x := c.Rand(nil), e.Rand(nil)
	for i := range y {
		if !scalar.EqualWithinAbsOrRel(y[i], math.Exp(x[i]), 1e-14, 1e-12) {
			t.Errorf("Concrete.Rand %v, exp(ExpConcrete.Rand) %v", y, x)
		}
	}
	if lp := c.LogProb(y); math.IsNaN(lp) || math.IsInf(lp, 1) {
		t.Errorf("LogProb of a sample = %v", lp)
	}
	if v := (BinaryConcrete{Logit: 1, Tau: 1}).Rand(); !(v >= 0 && v <= 1) {
		t.Errorf("BinaryConcrete.Rand = %v", v)
	}
}
