// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbelmlx

import (
	"math"
	"sort"
	"testing"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/backends/simplego"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/seed06c76d7c/gumbel"
	"gonum.org/v1/gonum/stat/distuv"
)

func backend(t *testing.T) backends.Backend {
	t.Helper()
	b, err := simplego.New("")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	rows = 4
	k    = 7
	tau  = 0.6
)

// fixture returns rows×k logits, Gumbel noise drawn by the package, and an
// upstream gradient, row-major.
func fixture() (l, noise, w []float64) {
	l, w = make([]float64, rows*k), make([]float64, rows*k)
	for i := range l {
		l[i] = math.Sin(float64(i)*1.3)*2 + float64(i%3)/2
		w[i] = float64(i%5) - 2.5
	}
	noise = gumbel.NewSeeded(1, 2).SampleGumbel(make([]float64, rows*k))
	return l, noise, w
}

func tensor(x []float64) *tensors.Tensor { return tensors.FromFlatDataAndDimensions(x, rows, k) }

func flat(t *tensors.Tensor) []float64 { return tensors.MustCopyFlatData[float64](t) }

// near fails unless got and want agree to tol, absolutely and relatively.
func near(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	worst := 0.0
	for i := range got {
		d := math.Abs(got[i]-want[i]) / math.Max(1, math.Abs(want[i]))
		if !(d <= tol) {
			t.Fatalf("%s[%d] = %v, want %v (difference %.3g > %.3g)", what, i, got[i], want[i], d, tol)
		}
		worst = math.Max(worst, d)
	}
	t.Logf("%s: largest difference %.3g", what, worst)
}

// row returns row i of x.
func row(x []float64, i int) []float64 { return x[i*k : (i+1)*k] }

// TestForwardAndGradients checks, with the package's noise fed in, the soft
// sample against gumbel.SoftmaxTo of (l + G)/tau, the straight-through value
// against the one-hot of the argmax and its autodiff gradient against
// gumbel.ST.VJP, and ReinMax's custom gradient against gumbel.ReinMax.VJP.
func TestForwardAndGradients(t *testing.T) {
	be := backend(t)
	l, noise, w := fixture()
	soft := MustNewExec(be, func(l, g *Node) *Node { return GumbelSoftmax(l, g, tau) }).MustExec1(tensor(l), tensor(noise))
	st := MustNewExec(be, func(l, g, w *Node) (*Node, *Node) {
		y := StraightThrough(l, g, tau)
		return y, Gradient(ReduceAllSum(Mul(y, w)), l)[0]
	})
	ys := st.MustExec(tensor(l), tensor(noise), tensor(w))
	rm := MustNewExec(be, func(l, g, w *Node) (*Node, *Node) {
		y := ReinMax(l, g, 1.5)
		return y, Gradient(ReduceAllSum(Mul(y, w)), l)[0]
	})
	rs := rm.MustExec(tensor(l), tensor(noise), tensor(w))
	var wantSoft, wantHard, wantGrad, wantRM []float64
	for i := range rows {
		s := make([]float64, k)
		for j := range s {
			s[j] = (row(l, i)[j] + row(noise, i)[j]) / tau
		}
		y := gumbel.SoftmaxTo(nil, s)
		arg := argmax(s)
		hard := make([]float64, k)
		hard[arg] = 1
		wantSoft, wantHard = append(wantSoft, y...), append(wantHard, hard...)
		pert := make([]float64, k)
		for j := range pert {
			pert[j] = row(l, i)[j] + row(noise, i)[j]
		}
		one := &gumbel.ST{Index: arg, Hard: hard, Soft: y, Perturbed: pert, Tau: tau}
		wantGrad = append(wantGrad, one.VJP(nil, row(w, i))...)
		// ReinMax at tau = 1.5: pi0 = softmax(l), pi1 = (softmax(l/tau) + D)/2.
		lt := make([]float64, k)
		for j := range lt {
			lt[j] = row(l, i)[j] / 1.5
		}
		pi1 := gumbel.SoftmaxTo(nil, lt)
		for j := range pi1 {
			pi1[j] = (pi1[j] + hard[j]) / 2
		}
		r := &gumbel.ReinMax{Index: arg, Hard: hard, Probs: gumbel.SoftmaxTo(nil, row(l, i)), Shifted: pi1, Tau: 1.5}
		wantRM = append(wantRM, r.VJP(nil, row(w, i))...)
	}
	near(t, "GumbelSoftmax", flat(soft), wantSoft, 1e-12)
	near(t, "StraightThrough value", flat(ys[0]), wantHard, 0)
	near(t, "StraightThrough gradient (ST.VJP)", flat(ys[1]), wantGrad, 1e-12)
	near(t, "ReinMax value", flat(rs[0]), wantHard, 0)
	near(t, "ReinMax gradient (ReinMax.VJP)", flat(rs[1]), wantRM, 1e-12)
}

func argmax(x []float64) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}

// TestLogProbs checks the three log-densities against the package's.
func TestLogProbs(t *testing.T) {
	be := backend(t)
	l, noise, _ := fixture()
	g := gumbel.NewSeeded(3, 4)
	var y, x []float64
	for i := range rows {
		y = append(y, g.GumbelSoftmaxTo(nil, row(l, i), tau, false)...)
		x = append(x, g.LogGumbelSoftmaxTo(nil, row(l, i), tau)...)
	}
	_ = noise
	lp := MustNewExec(be, func(l, y, x *Node) (*Node, *Node) {
		return ConcreteLogProb(l, y, tau), ExpConcreteLogProb(l, x, tau)
	}).MustExec(tensor(l), tensor(y), tensor(x))
	var wantC, wantE []float64
	for i := range rows {
		wantC = append(wantC, gumbel.Concrete{Logits: row(l, i), Tau: tau}.LogProb(row(y, i)))
		wantE = append(wantE, gumbel.ExpConcrete{Logits: row(l, i), Tau: tau}.LogProb(row(x, i)))
	}
	near(t, "ConcreteLogProb", flat(lp[0]), wantC, 1e-12)
	near(t, "ExpConcreteLogProb", flat(lp[1]), wantE, 1e-12)
	logit, u := make([]float64, rows*k), make([]float64, rows*k)
	var wantB []float64
	for i := range logit {
		logit[i] = float64(i%9)/2 - 2
		u[i] = g.RelaxedBernoulli(logit[i], 0.7)
		wantB = append(wantB, gumbel.BinaryConcrete{Logit: logit[i], Tau: 0.7}.LogProb(u[i]))
	}
	b := MustNewExec(be, func(l, y *Node) *Node { return BinaryConcreteLogProb(l, y, 0.7) }).MustExec1(tensor(logit), tensor(u))
	near(t, "BinaryConcreteLogProb", flat(b), wantB, 1e-12)
}

// TestLaws draws on the backend's own random numbers: the Gumbel noise by
// Kolmogorov-Smirnov against exp(-exp(-x)), and the index of the
// straight-through sample by chi-square against softmax(logits), 20,000
// rows.
func TestLaws(t *testing.T) {
	be := backend(t)
	const n = 20000
	probs := []float64{0.5, 0.3, 0.15, 0.05}
	logits := make([]float64, n*4)
	for i := range logits {
		logits[i] = math.Log(probs[i%4])
	}
	state, err := RNGStateFromSeed(7)
	if err != nil {
		t.Fatal(err)
	}
	out := MustNewExec(be, func(state, l *Node) (*Node, *Node) {
		_, g := GumbelNoise(state, shapes.Make(dtypes.Float64, n, 4))
		return g, StraightThrough(l, g, 0.5)
	}).MustExec(state, tensors.FromFlatDataAndDimensions(logits, n, 4))
	g := flat(out[0])
	sort.Float64s(g)
	var d float64
	for i, v := range g {
		c := math.Exp(-math.Exp(-v))
		d = math.Max(d, math.Max(math.Abs(c-float64(i)/float64(len(g))), math.Abs(c-float64(i+1)/float64(len(g)))))
	}
	if ks := d * math.Sqrt(float64(len(g))); ks > 1.63 { // p < 0.01
		t.Errorf("GumbelNoise: KS statistic %.3f (D = %.4g)", ks, d)
	} else {
		t.Logf("GumbelNoise: KS sqrt(n) D = %.3f on %d draws", ks, len(g))
	}
	hard := flat(out[1])
	counts := make([]float64, 4)
	for i := range n {
		for j := range 4 {
			counts[j] += hard[i*4+j]
		}
	}
	var chi float64
	for j, p := range probs {
		e := p * n
		chi += (counts[j] - e) * (counts[j] - e) / e
	}
	p := 1 - distuv.ChiSquared{K: 3}.CDF(chi)
	if p < 1e-3 {
		t.Errorf("StraightThrough index: counts %v, chi-square p = %.3g", counts, p)
	} else {
		t.Logf("StraightThrough index: counts %v, chi-square p = %.3f", counts, p)
	}
}

// TestTau checks that a schedule's temperature enters the graph unchanged.
func TestTau(t *testing.T) {
	be := backend(t)
	s := gumbel.PaperSchedule()
	got := MustNewExec(be, func(g *Graph) *Node { return Tau(g, dtypes.Float64, s, 20000) }).MustExec1()
	if v := tensors.MustCopyFlatData[float64](got)[0]; v != s.Tau(20000) {
		t.Errorf("Tau = %v, want %v", v, s.Tau(20000))
	}
}

// TestGumbelRao checks the conditional perturbations against the first form
// of Paulus et al.'s eq. 9 computed here, s_j = -log(E_j exp(-l_j) + E_D/Z),
// their argmax against D, and GumbelRao's custom gradient against the mean
// of gumbel.ST.VJP over the M soft samples (gumbel.GumbelRao.VJP's
// formula), with the exponentials fed in.
func TestGumbelRao(t *testing.T) {
	be := backend(t)
	const m = 5
	l, noise, w := fixture()
	src := gumbel.NewSeeded(9, 9)
	e := make([]float64, m*rows*k)
	for i := range e {
		e[i] = -math.Log(src.Uniform())
	}
	et := tensors.FromFlatDataAndDimensions(e, m, rows, k)
	out := MustNewExec(be, func(l, g, e, w *Node) (*Node, *Node, *Node) {
		hard := hardOf(Add(l, g))
		y := GumbelRao(l, hard, e, tau)
		return ConditionalGumbel(l, hard, e), y, Gradient(ReduceAllSum(Mul(y, w)), l)[0]
	}).MustExec(tensor(l), tensor(noise), et, tensor(w))
	var wantHard, wantGrad []float64
	for i := range rows {
		li := row(l, i)
		s0 := make([]float64, k)
		for j := range s0 {
			s0[j] = li[j] + row(noise, i)[j]
		}
		d := argmax(s0)
		hard := make([]float64, k)
		hard[d] = 1
		wantHard = append(wantHard, hard...)
		var z float64
		for _, v := range li {
			z += math.Exp(v)
		}
		grad := make([]float64, k)
		for r := range m {
			er := e[(r*rows+i)*k : (r*rows+i+1)*k]
			s := make([]float64, k)
			for j := range s {
				if j == d {
					s[j] = math.Log(z) - math.Log(er[d])
				} else {
					s[j] = -math.Log(er[j]*math.Exp(-li[j]) + er[d]/z)
				}
			}
			if argmax(s) != d {
				t.Fatalf("row %d draw %d: the conditional perturbation's argmax is %d, not %d", i, r, argmax(s), d)
			}
			sc := make([]float64, k)
			for j := range sc {
				sc[j] = s[j] / tau
			}
			st := &gumbel.ST{Index: d, Hard: hard, Soft: gumbel.SoftmaxTo(nil, sc), Perturbed: s, Tau: tau}
			for j, v := range st.VJP(nil, row(w, i)) {
				grad[j] += v / m
			}
		}
		wantGrad = append(wantGrad, grad...)
	}
	// Reorder the expected conditional perturbations [rows][m] to [m][rows].
	cond := flat(out[0])
	for r := range m {
		for i := range rows {
			got := cond[(r*rows+i)*k : (r*rows+i+1)*k]
			li := row(l, i)
			d := argmax(row(wantHard, i))
			var z float64
			for _, v := range li {
				z += math.Exp(v)
			}
			er := e[(r*rows+i)*k : (r*rows+i+1)*k]
			want := make([]float64, k)
			for j := range want {
				if j == d {
					want[j] = math.Log(z) - math.Log(er[d])
				} else {
					want[j] = -math.Log(er[j]*math.Exp(-li[j]) + er[d]/z)
				}
			}
			near(t, "ConditionalGumbel", got, want, 1e-12)
		}
	}
	near(t, "GumbelRao value", flat(out[1]), wantHard, 0)
	near(t, "GumbelRao gradient (mean of ST.VJP)", flat(out[2]), wantGrad, 1e-12)
}

// TestConditionalLaw checks on the backend's random numbers that the top
// conditional perturbation s_D is Gumbel(log Z) whatever D (Kolmogorov-Smirnov,
// 20,000 draws).
func TestConditionalLaw(t *testing.T) {
	be := backend(t)
	const n = 20000
	l := []float64{0.5, -1, 2, 0}
	logits := make([]float64, n*4)
	hard := make([]float64, n*4)
	for i := range n {
		copy(logits[i*4:], l)
		hard[i*4+i%4] = 1
	}
	state, err := RNGStateFromSeed(11)
	if err != nil {
		t.Fatal(err)
	}
	s := flat(MustNewExec(be, func(state, l, h *Node) *Node {
		_, e := ExponentialNoise(state, shapes.Make(dtypes.Float64, 1, n, 4))
		return ConditionalGumbel(l, h, e)
	}).MustExec1(state, tensors.FromFlatDataAndDimensions(logits, n, 4), tensors.FromFlatDataAndDimensions(hard, n, 4)))
	var z float64
	for _, v := range l {
		z += math.Exp(v)
	}
	top := make([]float64, n)
	for i := range n {
		top[i] = s[i*4+i%4] - math.Log(z)
		if argmax(s[i*4:i*4+4]) != i%4 {
			t.Fatalf("draw %d: argmax %d, want %d", i, argmax(s[i*4:i*4+4]), i%4)
		}
	}
	sort.Float64s(top)
	var d float64
	for i, v := range top {
		c := math.Exp(-math.Exp(-v))
		d = math.Max(d, math.Max(math.Abs(c-float64(i)/n), math.Abs(c-float64(i+1)/n)))
	}
	if ks := d * math.Sqrt(n); ks > 1.63 {
		t.Errorf("s_D - log Z: KS statistic %.3f", ks)
	} else {
		t.Logf("s_D - log Z ~ Gumbel(0, 1): KS sqrt(n) D = %.3f on %d draws", ks, n)
	}
}
