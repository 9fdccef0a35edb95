// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

// tinyConfig is a network small enough for finite differences on every
// parameter: 6 inputs, 2 latent variables × 3 classes, batch 3.
func tinyConfig() config {
	return config{input: 6, N: 2, K: 3, encHid: []int{5, 4}, decHid: []int{4, 5}, batch: 3}
}

// tinyModel returns a tiny model with a fixed random binary batch loaded.
func tinyModel(seed uint64) *model {
	m := newModel(tinyConfig(), seed)
	rng := rand.New(rand.NewPCG(seed, 9))
	raw := m.x.RawMatrix()
	for i := range raw.Data {
		// Sparse like binarised MNIST, so that the sparse first layer runs.
		if rng.Float64() < 0.3 {
			raw.Data[i] = 1
		}
	}
	// Non-zero biases, so that their gradients are exercised away from 0.
	for _, n := range []*mlp{m.enc, m.dec} {
		for _, l := range n.layers {
			for i := range l.b {
				l.b[i] = 0.1 * rng.NormFloat64()
			}
		}
	}
	return m
}

// loss is the batch-mean negative ELBO with the Gumbel noise fixed (a fresh
// generator with the same seed each call): a deterministic function of the
// parameters.
func loss(m *model, est estimator, tau float64, grad bool) float64 {
	p := m.step(est, tau, gumbel.NewSeeded(11, 12), grad)
	return (p.recon + p.kl) / float64(m.cfg.batch)
}

// TestGradientFiniteDifference checks every hand-written backward pass (the
// ReLU layers, the Bernoulli likelihood, the closed-form KL and the
// Gumbel-Softmax VJP of the library) against central finite differences of
// the loss, for every weight and bias of a tiny network. With the relaxed
// estimator (gs) the loss is differentiable in all parameters for fixed
// noise, so the whole gradient must match; with straight-through (st) the
// forward sample is one-hot and locally constant, so the decoder gradient is
// exact and is checked, while the encoder gradient is by design not the
// derivative of the loss (TestSTEncoderGradient checks it).
func TestGradientFiniteDifference(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tau     float64
		decOnly bool
	}{
		{"gs", 0.7, false},
		{"gs", 2, false},
		{"st", 0.7, true},
	} {
		m := tinyModel(3)
		est := estimators[tc.name]()
		loss(m, est, tc.tau, true)
		// Both first-layer paths are exercised: the binary input takes the
		// sparse one, the decoder the sparse one for one-hot z (st) and
		// the dense one for soft z (gs).
		if !m.enc.sparse || m.dec.sparse != tc.decOnly {
			t.Fatalf("%s: sparse paths enc=%v dec=%v", tc.name, m.enc.sparse, m.dec.sparse)
		}
		nets := map[string]*mlp{"enc": m.enc, "dec": m.dec}
		// Copy the analytic gradients before the finite differences
		// overwrite them.
		type param struct {
			name   string
			p, g   []float64
			checks bool
		}
		var params []param
		for _, name := range []string{"enc", "dec"} {
			for i, l := range nets[name].layers {
				check := !tc.decOnly || name == "dec"
				params = append(params,
					param{name + ".W" + string(rune('1'+i)), l.W.RawMatrix().Data, append([]float64(nil), l.dW.RawMatrix().Data...), check},
					param{name + ".b" + string(rune('1'+i)), l.b, append([]float64(nil), l.db...), check})
			}
		}
		const h = 1e-6
		var checked int
		for _, p := range params {
			if !p.checks {
				continue
			}
			for i := range p.p {
				old := p.p[i]
				p.p[i] = old + h
				fp := loss(m, est, tc.tau, false)
				p.p[i] = old - h
				fm := loss(m, est, tc.tau, false)
				p.p[i] = old
				fd := (fp - fm) / (2 * h)
				// Central differences are accurate to O(h²) plus the
				// rounding error eps·|loss|/h ~ 1e-9 here.
				if d := math.Abs(fd - p.g[i]); d > 1e-6+1e-5*math.Abs(fd) {
					t.Errorf("%s tau=%g %s[%d]: analytic %.9g, finite difference %.9g", tc.name, tc.tau, p.name, i, p.g[i], fd)
				}
				checked++
			}
		}
		if checked < 50 {
			t.Errorf("%s: only %d parameters checked", tc.name, checked)
		}
	}
}

// TestSTEncoderGradient checks the straight-through encoder gradient against
// its definition: the gradient of the KL term (by finite differences of the
// loss, in which the one-hot sample is locally constant) plus the library's
// VJP of the soft sample applied to dLoss/dz at the one-hot z.
func TestSTEncoderGradient(t *testing.T) {
	m := tinyModel(5)
	est := estimators["st"]().(*stEstimator)
	const tau = 0.7
	loss(m, est, tau, true)
	// dLoss/dz from the decoder, and the soft sample of the same noise.
	dz := mat.DenseCopyOf(m.dzv)
	soft := mat.DenseCopyOf(est.st.Soft)
	hard := est.st.Hard
	// The one-hot z was fed forward.
	if !mat.Equal(m.zv, hard) {
		t.Fatal("st: the decoder input is not the one-hot sample")
	}
	// Hand-computed VJP: dl_i = y_i (g_i - <g, y>)/tau, row by row.
	r, k := soft.Dims()
	want := mat.NewDense(r, k, nil)
	for i := 0; i < r; i++ {
		y, g := soft.RawRowView(i), dz.RawRowView(i)
		var dot float64
		for j := range y {
			dot += y[j] * g[j]
		}
		for j := range y {
			want.Set(i, j, y[j]*(g[j]-dot)/tau)
		}
	}
	if !mat.EqualApprox(m.dsample, want, 1e-12) {
		t.Errorf("st: sample gradient\n%v\nwant\n%v", mat.Formatted(m.dsample), mat.Formatted(want))
	}
}

// TestTrainingDeterministic runs a few Adam steps twice from the same seed
// and requires identical weights, and a different seed to differ.
func TestTrainingDeterministic(t *testing.T) {
	run := func(seed uint64) []float64 {
		m := tinyModel(1)
		g := gumbel.NewSeeded(seed, 1)
		opt := newAdam(1e-2)
		est := estimators["gs"]()
		for s := 0; s < 5; s++ {
			m.step(est, 0.8, g, true)
			opt.step(m.enc, m.dec)
		}
		return append([]float64(nil), m.enc.layers[0].W.RawMatrix().Data...)
	}
	a, b, c := run(1), run(1), run(2)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("weights differ between two runs with seed 1 at %d: %v vs %v", i, a[i], b[i])
		}
	}
	same := true
	for i := range a {
		same = same && a[i] == c[i]
	}
	if same {
		t.Error("seeds 1 and 2 gave identical weights")
	}
}

// TestShortGS runs the command's smoke mode on real MNIST (1000 training
// images, 10 steps) and checks that the test negative ELBO falls well below
// its value for the untrained network (about 545 nats, 784·log 2 for
// p = 1/2 pixels plus a small KL), that the log has its lines, and that the
// three PNGs decode.
func TestShortGS(t *testing.T) { testShort(t, "gs") }

// TestShortST is TestShortGS for straight-through; skipped with -short.
func TestShortST(t *testing.T) {
	if testing.Short() {
		t.Skip("one smoke run (gs) is enough with -short")
	}
	testShort(t, "st")
}

func testShort(t *testing.T, est string) {
	{
		out := t.TempDir()
		var log strings.Builder
		res, err := train(options{epochs: 1, estimator: est, seed: 1, out: out, short: true, lr: 1e-3}, &log)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.history) != 2 {
			t.Fatalf("%s: %d history entries, want 2", est, len(res.history))
		}
		before, after := res.history[0].test, res.history[1].test
		if !(before > 500 && after < before-100) {
			t.Errorf("%s: test -ELBO %.2f -> %.2f, want a drop of at least 100 nats", est, before, after)
		}
		if !strings.Contains(log.String(), "# final:") {
			t.Errorf("%s: log lacks the final line:\n%s", est, log.String())
		}
		// -curve-from parses the log back and redraws the curve.
		logPath := filepath.Join(out, "run.log")
		if err := os.WriteFile(logPath, []byte(log.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(out, "curve.png")); err != nil {
			t.Fatal(err)
		}
		if err := redrawCurve(logPath, filepath.Join(out, "curve.png")); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"curve.png", "reconstructions.png", "samples.png"} {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("%s: %s is not a PNG: %v", est, name, err)
			}
		}
	}
}

// TestOneHotEstimators checks the wiring of the estimators whose forward
// value is one-hot (st, rao, reinmax): the decoder input is one-hot, each
// row of the sample gradient sums to 0 (every estimator's does, up to
// rounding) and is zero exactly where the upstream gradient is, and a second
// run from the same seed gives the same gradient.
func TestOneHotEstimators(t *testing.T) {
	for _, name := range []string{"st", "rao", "reinmax"} {
		grad := func() *mat.Dense {
			m := tinyModel(4)
			loss(m, estimators[name](), 0.7, true)
			r, k := m.zv.Dims()
			for i := 0; i < r; i++ {
				var ones, sum, abs, up float64
				for j := 0; j < k; j++ {
					up += math.Abs(m.dzv.At(i, j))
					switch v := m.zv.At(i, j); v {
					case 1:
						ones++
					case 0:
					default:
						t.Fatalf("%s: z[%d] = %v, not one-hot", name, i, m.zv.RawRowView(i))
					}
					d := m.dsample.At(i, j)
					sum += d
					abs += math.Abs(d)
				}
				// A row whose upstream gradient is 0 (dead decoder units of
				// the tiny network) has a zero gradient; any other must not.
				if ones != 1 || (abs == 0) != (up == 0) || math.Abs(sum) > 1e-12*abs {
					t.Fatalf("%s row %d: %v ones, gradient %v (sum %v)", name, i, ones, m.dsample.RawRowView(i), sum)
				}
			}
			return mat.DenseCopyOf(m.dsample)
		}
		if a, b := grad(), grad(); !mat.Equal(a, b) {
			t.Errorf("%s: two runs from one seed differ", name)
		}
	}
}

// TestShortRaoReinMax is TestShortGS for the rao and reinmax estimators;
// skipped with -short.
func TestShortRaoReinMax(t *testing.T) {
	if testing.Short() {
		t.Skip("one smoke run (gs) is enough with -short")
	}
	testShort(t, "rao")
	testShort(t, "reinmax")
}

// TestUnknownEstimator checks the flag error.
func TestUnknownEstimator(t *testing.T) {
	_, err := train(options{epochs: 1, estimator: "nope", out: t.TempDir()}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "unknown estimator") {
		t.Errorf("got %v, want an unknown-estimator error", err)
	}
}

// TestCheckpointResume checks the checkpoint round trip: two epochs in one
// run give, to the bit, the weights and optimiser moments of one epoch
// saved and then resumed for the second; a loaded checkpoint evaluates to
// the saved run's final test -ELBO; and damaged files are refused.
func TestCheckpointResume(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the VAE")
	}
	dir := t.TempDir()
	ck := filepath.Join(dir, "ck")
	base := options{estimator: "st", seed: 3, short: true, lr: 1e-3, lrDecay: true}
	straight := base
	straight.epochs, straight.out = 2, filepath.Join(dir, "a")
	a, err := train(straight, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	first := base
	first.epochs, first.out, first.save = 1, filepath.Join(dir, "b"), ck
	if _, err := train(first, io.Discard); err != nil {
		t.Fatal(err)
	}
	second := base
	second.epochs, second.out, second.resume, second.save = 2, filepath.Join(dir, "c"), ck, ck
	b, err := train(second, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for ni, nets := range [][2]*mlp{{a.m.enc, b.m.enc}, {a.m.dec, b.m.dec}} {
		for li := range nets[0].layers {
			la, lb := nets[0].layers[li], nets[1].layers[li]
			for _, pair := range [][2][]float64{
				{la.W.RawMatrix().Data, lb.W.RawMatrix().Data}, {la.b, lb.b},
				{la.mW.RawMatrix().Data, lb.mW.RawMatrix().Data}, {la.vW.RawMatrix().Data, lb.vW.RawMatrix().Data},
			} {
				for i := range pair[0] {
					if math.Float64bits(pair[0][i]) != math.Float64bits(pair[1][i]) {
						t.Fatalf("net %d layer %d: resumed run differs from the straight run", ni, li)
					}
				}
			}
		}
	}
	if a.final != b.final {
		t.Errorf("final test -ELBO %v straight, %v resumed", a.final, b.final)
	}
	eval := base
	eval.epochs, eval.out, eval.load = 0, filepath.Join(dir, "d"), ck
	c, err := train(eval, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.final != b.final {
		t.Errorf("loaded checkpoint evaluates to %v, the run ended at %v", c.final, b.final)
	}
	raw, err := os.ReadFile(ck)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{"truncated": raw[:len(raw)-8], "trailing": append(append([]byte(nil), raw...), 0), "magic": append([]byte("x"), raw...)} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, bad, 0o644)
		if _, err := loadCheckpoint(p); err == nil {
			t.Errorf("%s checkpoint accepted", name)
		}
	}
}

// TestWorkersSameBits trains a model large enough for every product, the
// sparse first layers and the Adam update to be split among goroutines
// (batch 24, layers of 136 to 203 units, widths not multiples of 8) for 3
// steps with 1, 2 and 3 goroutines per product, with the relaxed (dense
// decoder input) and straight-through (one-hot, sparse) estimators, and
// requires the same losses and weights to the bit: the run's log does not
// depend on GOMAXPROCS.
func TestWorkersSameBits(t *testing.T) {
	cfg := config{input: 203, N: 8, K: 17, encHid: []int{160, 140}, decHid: []int{136, 160}, batch: 24}
	for _, name := range []string{"gs", "st"} {
		run := func(workers int) ([]float64, [][]float64) {
			m := newModel(cfg, 7)
			m.enc.workers, m.dec.workers = workers, workers
			rng := rand.New(rand.NewPCG(7, 9))
			x := m.x.RawMatrix().Data
			for i := range x {
				if rng.Float64() < 0.2 {
					x[i] = 1
				}
			}
			g := gumbel.NewSeeded(7, 1)
			opt := newAdam(1e-3)
			est := estimators[name]()
			var losses []float64
			for range 3 {
				p := m.step(est, 0.8, g, true)
				opt.step(m.enc, m.dec)
				losses = append(losses, p.recon, p.kl)
			}
			if !m.enc.sparse || m.dec.sparse != (name == "st") {
				t.Fatalf("%s: sparse paths enc=%v dec=%v", name, m.enc.sparse, m.dec.sparse)
			}
			var w [][]float64
			for _, n := range []*mlp{m.enc, m.dec} {
				for _, l := range n.layers {
					w = append(w, l.W.RawMatrix().Data, l.b)
				}
			}
			return losses, w
		}
		l1, w1 := run(1)
		for _, workers := range []int{2, 3} {
			l, w := run(workers)
			for i := range l {
				if math.Float64bits(l[i]) != math.Float64bits(l1[i]) {
					t.Fatalf("%s, %d goroutines: loss term %d = %v, one goroutine %v", name, workers, i, l[i], l1[i])
				}
			}
			for i := range w {
				for j := range w[i] {
					if math.Float64bits(w[i][j]) != math.Float64bits(w1[i][j]) {
						t.Fatalf("%s, %d goroutines: parameter array %d[%d] = %v, one goroutine %v", name, workers, i, j, w[i][j], w1[i][j])
					}
				}
			}
		}
		t.Logf("%s: losses %.6g", name, l1)
	}
}

// TestStepAllocations checks that a training step of the paper's network
// (forward, backward, Adam) reuses its buffers: at most 64 allocations per
// step, the closures handed to the goroutines of the split products (32 on
// the machine where it was written; gonum's parallel products made 708).
func TestStepAllocations(t *testing.T) {
	m := newModel(paperConfig(), 1)
	rng := rand.New(rand.NewPCG(1, 9))
	x := m.x.RawMatrix().Data
	for i := range x {
		if rng.Float64() < 0.15 {
			x[i] = 1
		}
	}
	g := gumbel.NewSeeded(1, 1)
	opt := newAdam(1e-3)
	est := estimators["gs"]()
	m.step(est, 1, g, true) // the first step sizes the buffers
	opt.step(m.enc, m.dec)
	n := testing.AllocsPerRun(10, func() {
		m.step(est, 1, g, true)
		opt.step(m.enc, m.dec)
	})
	t.Logf("%v allocations per step", n)
	if n > 64 {
		t.Errorf("%v allocations per step, want at most 64", n)
	}
}
