// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// Given D = i, conditional draws match rejection sampling (unconditional
// l + G kept when its argmax is i), coordinate by coordinate (two-sample KS).
func TestConditionalGumbelRejection(t *testing.T) {
	t.Parallel()
	logits := []float64{0.5, -0.2, 1.0, math.Inf(-1), 0.1}
	n := 20000
	if testing.Short() {
		n = 8000
	}
	for _, idx := range []int{1, 2} {
		g := NewSeeded(21, uint64(idx))
		cond := make([][]float64, len(logits))
		rej := make([][]float64, len(logits))
		s := make([]float64, len(logits))
		for range n {
			g.ConditionalGumbelTo(s, logits, idx)
			if argmax(s) != idx {
				t.Fatalf("conditional draw %v has argmax %d, want %d", s, argmax(s), idx)
			}
			for j, v := range s {
				cond[j] = append(cond[j], v)
			}
		}
		for len(rej[0]) < n {
			if g.perturbAbs(s, logits) != idx {
				continue
			}
			for j, v := range s {
				rej[j] = append(rej[j], v)
			}
		}
		for j := range logits {
			if math.IsInf(logits[j], -1) {
				for _, v := range cond[j] {
					if !math.IsInf(v, -1) {
						t.Fatalf("masked coordinate %d drew %v", j, v)
					}
				}
				continue
			}
			mc, vc := meanVar(cond[j])
			mr, vr := meanVar(rej[j])
			d, p := ksTwoSample(cond[j], rej[j])
			z := (mc - mr) / math.Sqrt((vc+vr)/float64(n))
			t.Logf("D=%d coord %d: mean %.4f vs %.4f (z = %.2f), sd %.4f vs %.4f, KS D = %.4f, p = %.3f",
				idx, j, mc, mr, z, math.Sqrt(vc), math.Sqrt(vr), d, p)
			if p < pThreshold || math.Abs(z) > 4 {
				t.Errorf("D=%d coordinate %d: conditional draws differ from rejection sampling: z = %.2f, KS p = %v", idx, j, z, p)
			}
		}
	}
}

// max_j (l_j + G_j) ~ Gumbel(log Z) whatever the conditioning index, and with
// D ~ Categorical(p) the conditional draws have the law of l + G.
func TestConditionalGumbelMax(t *testing.T) {
	t.Parallel()
	logits := []float64{2, -1, 0.3, 0.7, math.Inf(-1), -3}
	logZ := LogSumExp(logits)
	g := NewSeeded(31, 32)
	n := 50000
	if testing.Short() {
		n = 20000
	}
	s := make([]float64, len(logits))
	maxes := make([]float64, n)
	coords := make([][]float64, len(logits))
	for j := range coords {
		coords[j] = make([]float64, n)
	}
	for r := range n {
		d := g.perturb(nil, logits)
		g.ConditionalGumbelTo(s, logits, d)
		maxes[r] = s[d]
		for j, v := range s {
			coords[j][r] = v
		}
	}
	// Gumbel(mu, 1): mean mu + γ, variance π²/6 (Gumbel 1954; Jang et al. 2017 §2).
	check := func(name string, x []float64, mu float64) {
		t.Helper()
		m, v := meanVar(x)
		zMean := (m - mu - eulerGamma) / math.Sqrt(math.Pi*math.Pi/6/float64(n))
		// The variance of a sample variance is (μ4 - σ⁴)/n, with excess
		// kurtosis 12/5 for the Gumbel: μ4 = (3 + 12/5) σ⁴.
		s2 := math.Pi * math.Pi / 6
		zVar := (v - s2) / math.Sqrt((3+2.4-1)*s2*s2/float64(n))
		d, p := ksOneSample(x, distuv.GumbelRight{Mu: mu, Beta: 1}.CDF)
		t.Logf("%s vs Gumbel(%.4f): mean z = %.2f, variance z = %.2f, KS D = %.4f, p = %.3f", name, mu, zMean, zVar, d, p)
		if p < pThreshold || math.Abs(zMean) > 4 || math.Abs(zVar) > 4 {
			t.Errorf("%s is not Gumbel(%v): mean z %.2f, variance z %.2f, KS p %v", name, mu, zMean, zVar, p)
		}
	}
	check("max_j s_j", maxes, logZ)
	// With D ~ p, each coordinate is marginally l_j + G ~ Gumbel(l_j).
	for j, l := range logits {
		if !math.IsInf(l, -1) {
			check(fmt.Sprintf("coordinate %d, D ~ p,", j), coords[j], l)
		}
	}
}

// Huge logits give finite draws; a common shift of the logits shifts the
// draws; masked categories stay -Inf; invalid logits give NaN.
func TestConditionalGumbelStable(t *testing.T) {
	t.Parallel()
	base := []float64{0, -1, -3, math.Inf(-1), -800}
	for _, c := range []float64{0, 1e4, -1e4, 1e300} {
		l := make([]float64, len(base))
		for i, v := range base {
			l[i] = v + c
		}
		a := NewSeeded(1, 2).ConditionalGumbelTo(nil, l, 1)
		b := NewSeeded(1, 2).ConditionalGumbelTo(nil, base, 1)
		for i := range a {
			if math.IsInf(base[i], -1) {
				if !math.IsInf(a[i], -1) {
					t.Errorf("shift %g: masked coordinate %d is %v", c, i, a[i])
				}
				continue
			}
			if math.IsNaN(a[i]) || math.IsInf(a[i], 0) {
				t.Fatalf("shift %g: coordinate %d is %v", c, i, a[i])
			}
			if c != 1e300 && math.Abs((a[i]-c)-b[i]) > 1e-9*math.Max(1, math.Abs(c)) {
				t.Errorf("shift %g: coordinate %d: %v - c != %v", c, i, a[i], b[i])
			}
		}
		if a[argmax(a)] > a[1] {
			t.Errorf("shift %g: %v has a larger entry than the conditioning one", c, a)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		src := &countingSource{src: rand.NewPCG(1, 2)}
		s := New(src).ConditionalGumbelTo(nil, []float64{0, bad, 1}, 0)
		for _, v := range s {
			if !math.IsNaN(v) {
				t.Errorf("logit %v: got %v, want NaN", bad, s)
			}
		}
		if src.n != 4 {
			t.Errorf("logit %v: consumed %d values, want 4", bad, src.n)
		}
	}
}

func TestGumbelRaoPanics(t *testing.T) {
	t.Parallel()
	src := &countingSource{src: rand.NewPCG(1, 1)}
	g := New(src)
	l := []float64{0, 1, math.Inf(-1)}
	gr := NewSeeded(1, 1).GumbelRaoTo(nil, l, 1, 2)
	for _, c := range []struct {
		name string
		want error
		f    func()
	}{
		{"cond empty", ErrEmpty, func() { g.ConditionalGumbelTo(nil, nil, 0) }},
		{"cond index", ErrParameter, func() { g.ConditionalGumbelTo(nil, l, 3) }},
		{"cond index<0", ErrParameter, func() { g.ConditionalGumbelTo(nil, l, -1) }},
		{"cond masked", ErrParameter, func() { g.ConditionalGumbelTo(nil, l, 2) }},
		{"cond dst", ErrLength, func() { g.ConditionalGumbelTo(make([]float64, 2), l, 0) }},
		{"GumbelRao tau", ErrTemperature, func() { g.GumbelRaoTo(nil, l, 0, 1) }},
		{"GumbelRao m", ErrParameter, func() { g.GumbelRaoTo(nil, l, 1, 0) }},
		{"GumbelRao empty", ErrEmpty, func() { g.GumbelRaoTo(nil, nil, 1, 1) }},
		{"GumbelRao grad", ErrLength, func() { gr.VJP(nil, []float64{1}) }},
		{"GumbelRao dst", ErrLength, func() { gr.VJP(make([]float64, 1), []float64{1, 2, 3}) }},
	} {
		mustPanic(t, c.name, c.want, src, c.f)
	}
}

// grSetup is the objective of the Gumbel-Rao tests: a quadratic loss
// ||D - target||² whose gradient at the one-hot forward value is 2(D - target).
var (
	grLogits = []float64{0.8, -0.5, 0.2, 1.1, math.Inf(-1), -1.0}
	grTarget = []float64{0.3, 0.9, 0.1, 0.0, 0.5, 0.6}
)

func grUpstream(dst, hard []float64) []float64 {
	for i := range dst {
		dst[i] = 2 * (hard[i] - grTarget[i])
	}
	return dst
}

// stgsGrads returns n ST Gumbel-Softmax gradients, one row per draw.
func stgsGrads(g *Generator, n int, tau float64) [][]float64 {
	k := len(grLogits)
	var st ST
	up := make([]float64, k)
	out := make([][]float64, n)
	for r := range out {
		g.StraightThroughTo(&st, grLogits, tau)
		out[r] = st.VJP(nil, grUpstream(up, st.Hard))
	}
	return out
}

// grGrads returns n Gumbel-Rao gradients with m conditional draws.
func grGrads(g *Generator, n int, tau float64, m int) [][]float64 {
	k := len(grLogits)
	var gr GumbelRao
	up := make([]float64, k)
	out := make([][]float64, n)
	for r := range out {
		g.GumbelRaoTo(&gr, grLogits, tau, m)
		out[r] = gr.VJP(nil, grUpstream(up, gr.Hard))
	}
	return out
}

func colOf(rows [][]float64, j int) []float64 {
	c := make([]float64, len(rows))
	for i, r := range rows {
		c[i] = r[j]
	}
	return c
}

// Gumbel-Rao with M = 1 has the distribution of the ST Gumbel-Softmax
// gradient (Paulus et al. 2021, §3): two-sample KS per coordinate.
func TestGumbelRaoM1IsSTGS(t *testing.T) {
	t.Parallel()
	const n, tau = 4000, 0.5
	st := stgsGrads(NewSeeded(51, 1), n, tau)
	gr := grGrads(NewSeeded(52, 1), n, tau, 1)
	for _, j := range []int{0, 1, 3} {
		d, p := ksTwoSample(colOf(gr, j), colOf(st, j))
		t.Logf("coordinate %d: KS D = %.4f, p = %.3f", j, d, p)
		if p < pThreshold {
			t.Errorf("coordinate %d: GumbelRao(M=1) differs from ST-GS in law: KS p = %v", j, p)
		}
	}
}

// Gumbel-Rao (M = 10) has the mean of ST Gumbel-Softmax, within standard
// errors, and a smaller total variance (Paulus et al. 2021, Prop. 1).
func TestGumbelRaoMeanAndVariance(t *testing.T) {
	t.Parallel()
	const tau = 0.5
	nST, nGR := 20000, 5000
	if testing.Short() {
		nST, nGR = 8000, 2000
	}
	st := stgsGrads(NewSeeded(61, 1), nST, tau)
	gr := grGrads(NewSeeded(62, 1), nGR, tau, 10)
	var trST, trGR float64
	for j := range grLogits {
		ms, vs := meanVar(colOf(st, j))
		mg, vg := meanVar(colOf(gr, j))
		trST += vs
		trGR += vg
		se := math.Sqrt(vs/float64(nST) + vg/float64(nGR))
		if se == 0 {
			if ms != 0 || mg != 0 {
				t.Errorf("coordinate %d: means %v, %v with no variance", j, ms, mg)
			}
			continue
		}
		z := (mg - ms) / se
		t.Logf("coordinate %d: mean ST-GS %.5f, GumbelRao %.5f, z = %.2f", j, ms, mg, z)
		// |z| > 4 has probability 6e-5 per coordinate under equal means.
		if math.Abs(z) > 4 {
			t.Errorf("coordinate %d: GumbelRao mean %v differs from ST-GS mean %v (z = %.2f)", j, mg, ms, z)
		}
	}
	t.Logf("trace of covariance: ST-GS %.5f, GumbelRao(M=10) %.5f, ratio %.3f", trST, trGR, trGR/trST)
	if trGR > trST {
		t.Errorf("GumbelRao(M=10) variance %v exceeds ST-GS variance %v", trGR, trST)
	}
}

// VJP allocates nothing, may overwrite grad, and is NaN for invalid logits.
func TestGumbelRaoVJP(t *testing.T) {
	g := NewSeeded(71, 72)
	gr := g.GumbelRaoTo(nil, grLogits, 1, 8)
	up := grUpstream(make([]float64, len(grLogits)), gr.Hard)
	dst := make([]float64, len(up))
	if a := testing.AllocsPerRun(50, func() {
		g.GumbelRaoTo(gr, grLogits, 1, 8)
		gr.VJP(dst, up)
	}); a != 0 {
		t.Errorf("GumbelRaoTo + VJP allocate %v times", a)
	}
	// Same stream, dst aliasing grad.
	a := NewSeeded(5, 5)
	b := NewSeeded(5, 5)
	ga, gb := a.GumbelRaoTo(nil, grLogits, 0.7, 3), b.GumbelRaoTo(nil, grLogits, 0.7, 3)
	want := ga.VJP(nil, grUpstream(make([]float64, len(up)), ga.Hard))
	in := grUpstream(make([]float64, len(up)), gb.Hard)
	got := gb.VJP(in, in)
	var sum float64
	for i := range want {
		sum += got[i]
		if got[i] != want[i] {
			t.Errorf("aliased VJP[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if got[4] != 0 || math.Abs(sum) > 1e-12 {
		t.Errorf("masked coordinate %v or sum %v not 0", got[4], sum)
	}
	bad := NewSeeded(1, 1).GumbelRaoTo(nil, []float64{0, math.NaN()}, 1, 2)
	if bad.Index != -1 || !math.IsNaN(bad.Hard[0]) || !math.IsNaN(bad.VJP(nil, []float64{1, 1})[0]) {
		t.Errorf("NaN logits: Index %d, Hard %v", bad.Index, bad.Hard)
	}
}

// BenchmarkGumbelRaoVJP compares the O(Mk) VJP with the naive dense form:
// average the M k×k Jacobians J(y)/tau, then multiply.
func BenchmarkGumbelRaoVJP(b *testing.B) {
	for _, k := range []int{10, 100} {
		logits, grad := benchInputs(k)
		const m = 10
		g := NewSeeded(1, 1)
		gr := g.GumbelRaoTo(nil, logits, 0.5, m)
		dst := make([]float64, k)
		b.Run(fmt.Sprintf("vjp/k=%d/M=%d", k, m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gr.VJP(dst, grad)
			}
		})
		s, y := make([]float64, k), make([]float64, k)
		jac := make([]float64, k*k)
		b.Run(fmt.Sprintf("naive-dense/k=%d/M=%d", k, m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				clear(jac)
				for range m {
					g.condGumbel(s, logits, gr.Index, gr.LogZ)
					relax(y, s, gr.Index, gr.Tau, modeSoft)
					for i := range k {
						for j := range k {
							v := -y[i] * y[j]
							if i == j {
								v += y[i]
							}
							jac[i*k+j] += v / (gr.Tau * m)
						}
					}
				}
				for i := range k {
					var sum float64
					for j := range k {
						sum += jac[i*k+j] * grad[j]
					}
					dst[i] = sum
				}
			}
		})
	}
}

// Every path stays finite, and every index valid, for a source stuck at 0 or
// at 2^64-1 (all Gumbels equal, at the ends of their range), with logits of
// any finite magnitude and extreme temperatures.
func TestEstimatorsExtremeSources(t *testing.T) {
	t.Parallel()
	finite := func(name string, v []float64) {
		for i, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%s[%d] = %v", name, i, x)
			}
		}
	}
	for _, src := range []constSource{0, math.MaxUint64} {
		for _, scale := range []float64{1, 1e3, 1e300} {
			logits := []float64{0.3 * scale, -scale, 0.9 * scale, math.Inf(-1), -0.2 * scale}
			grad := []float64{1, -2, 0.5, 3, -1}
			g := New(src)
			idx := g.GumbelTopKTo(nil, nil, logits, 4)
			seen := map[int]bool{}
			for _, i := range idx {
				if i < 0 || i == 3 || seen[i] {
					t.Errorf("src %d scale %g: top-k %v", src, scale, idx)
				}
				seen[i] = true
			}
			s := g.ConditionalGumbelTo(nil, logits, 4)
			if !math.IsInf(s[3], -1) {
				t.Errorf("masked conditional draw %v", s[3])
			}
			s[3] = 0
			finite("ConditionalGumbelTo", s)
			for _, tau := range []float64{1e-3, 1, 1e3} {
				gr := g.GumbelRaoTo(nil, logits, tau, 3)
				finite(fmt.Sprintf("GumbelRao.VJP src %d scale %g tau %g", src, scale, tau), gr.VJP(nil, grad))
				rm := g.ReinMaxTo(nil, logits, tau)
				finite(fmt.Sprintf("ReinMax.VJP src %d scale %g tau %g", src, scale, tau), rm.VJP(nil, grad))
			}
		}
	}
}
