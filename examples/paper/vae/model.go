// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

// An estimator turns the encoder's logits into the decoder's input z and
// carries the gradient back. Logits and z are viewed as (n·N) × K matrices:
// one row per latent categorical variable.
//
// To add an estimator: implement this interface and register a constructor
// in estimators. Forward may keep whatever it
// needs for Backward; Backward must overwrite (not accumulate into) dlogits.
type estimator interface {
	// forward draws the latent sample for logits at temperature tau with g
	// and writes the decoder input into z.
	forward(z, logits *mat.Dense, tau float64, g *gumbel.Generator)
	// backward stores in dlogits the estimate of dLoss/dlogits given
	// dz = dLoss/dz at the z of the last forward call.
	backward(dlogits, dz *mat.Dense)
}

// estimators maps the -estimator flag to a constructor.
var estimators = map[string]func() estimator{
	// Relaxed Gumbel-Softmax (Jang et al. 2017 §2): z = softmax((l+G)/tau),
	// differentiated exactly with the noise held fixed.
	"gs": func() estimator { return &stEstimator{hard: false} },
	// Straight-through Gumbel-Softmax (Jang et al. 2017 §2.2): z is the
	// one-hot argmax, the backward pass differentiates the soft sample.
	"st": func() estimator { return &stEstimator{hard: true} },
	// Gumbel-Rao (Paulus et al. 2021): the one-hot forward value of st, the
	// backward pass averaged over raoM Gumbel draws conditioned on the
	// sampled category (a Rao-Blackwellisation of st's gradient).
	"rao": func() estimator { return &raoEstimator{m: raoM} },
	// ReinMax (Liu et al. 2023): one-hot forward value, a second-order
	// (Heun's method) backward pass. Its authors require tau >= 1, so it
	// runs at max(tau, 1).
	"reinmax": func() estimator { return &reinmaxEstimator{} },
}

// raoM is the number of conditional draws of the rao estimator (flag -rao-m).
var raoM = 10

func estimatorNames() []string {
	var names []string
	for n := range estimators {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// stEstimator draws with gumbel.StraightThroughBatchTo, which keeps both the
// one-hot and the soft sample of the same noise, and differentiates with
// STBatch.VJP, dl_i = y_i (g_i - <g, y>)/tau with y the soft sample. hard
// selects which sample is fed forward; the backward pass is the same.
type stEstimator struct {
	hard bool
	st   *gumbel.STBatch
}

func (e *stEstimator) forward(z, logits *mat.Dense, tau float64, g *gumbel.Generator) {
	e.st = g.StraightThroughBatchTo(e.st, logits, tau)
	if e.hard {
		z.Copy(e.st.Hard)
	} else {
		z.Copy(e.st.Soft)
	}
}

func (e *stEstimator) backward(dlogits, dz *mat.Dense) { e.st.VJP(dlogits, dz) }

// raoEstimator draws one Gumbel-Rao estimator per row with
// GumbelRaoBatchTo (reused from step to step, so it allocates nothing after
// the first) and differentiates with GumbelRaoBatch.VJP, a pure function of
// the draw (the forward call drew the conditional Gumbels).
type raoEstimator struct {
	m  int
	gr *gumbel.GumbelRaoBatch
}

func (e *raoEstimator) forward(z, logits *mat.Dense, tau float64, g *gumbel.Generator) {
	e.gr = g.GumbelRaoBatchTo(e.gr, logits, tau, e.m)
	z.Copy(e.gr.Hard)
}

func (e *raoEstimator) backward(dlogits, dz *mat.Dense) { e.gr.VJP(dlogits, dz) }

// reinmaxEstimator draws one ReinMax estimator per row with ReinMaxBatchTo
// at temperature max(tau, 1) and differentiates with ReinMaxBatch.VJP.
type reinmaxEstimator struct {
	rm *gumbel.ReinMaxBatch
}

func (e *reinmaxEstimator) forward(z, logits *mat.Dense, tau float64, g *gumbel.Generator) {
	e.rm = g.ReinMaxBatchTo(e.rm, logits, max(tau, 1))
	z.Copy(e.rm.Hard)
}

func (e *reinmaxEstimator) backward(dlogits, dz *mat.Dense) { e.rm.VJP(dlogits, dz) }

// config is the shape of a categorical VAE.
type config struct {
	input  int   // pixels
	N, K   int   // latent categorical variables, classes each
	encHid []int // encoder hidden sizes
	decHid []int // decoder hidden sizes
	batch  int   // batch size
}

// paperConfig is the authors' categorical-VAE notebook: 30 × 10 latents,
// encoder 784-512-256-300, decoder 300-256-512-784, batch 100.
func paperConfig() config {
	return config{input: pixels, N: 30, K: 10, encHid: []int{512, 256}, decHid: []int{256, 512}, batch: 100}
}

// model is the categorical VAE with the buffers of one batch.
type model struct {
	cfg      config
	enc, dec *mlp
	x        *mat.Dense // batch input, n × input
	logits   *mat.Dense // (n·N) × K view of the encoder output
	z        *mat.Dense // n × (N·K) decoder input
	zv       *mat.Dense // (n·N) × K view of z
	dlogits  *mat.Dense // n × (N·K)
	dlv      *mat.Dense // (n·N) × K view of dlogits
	dsample  *mat.Dense // (n·N) × K gradient through the sample
	dxl      *mat.Dense // n × input
	logq     []float64
	dzv      *mat.Dense // (n·N) × K view of the decoder's input gradient
	iwDec    *mlp       // the decoder for several samples per image (iwDecoder)
	rowRecon []float64  // per-image reconstruction terms of step
}

// newModel builds the networks with Glorot-uniform weights drawn from seed.
func newModel(cfg config, seed uint64) *model {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	n, NK := cfg.batch, cfg.N*cfg.K
	enc := append(append([]int{cfg.input}, cfg.encHid...), NK)
	dec := append(append([]int{NK}, cfg.decHid...), cfg.input)
	m := &model{
		cfg: cfg,
		enc: newMLP(rng, n, enc...),
		dec: newMLP(rng, n, dec...),
		x:   mat.NewDense(n, cfg.input, nil),
		z:   mat.NewDense(n, NK, nil),
		dxl: mat.NewDense(n, cfg.input, nil),
	}
	m.dlogits = mat.NewDense(n, NK, nil)
	m.dsample = mat.NewDense(n*cfg.N, cfg.K, nil)
	m.logq = make([]float64, cfg.K)
	m.logits = view(m.enc.acts[len(m.enc.layers)], cfg.K)
	m.zv = view(m.z, cfg.K)
	m.dlv = view(m.dlogits, cfg.K)
	return m
}

// view returns the (r·c/k) × k matrix sharing the data of the contiguous r × c
// matrix m.
func view(m *mat.Dense, k int) *mat.Dense {
	raw := m.RawMatrix()
	if raw.Stride != raw.Cols {
		panic("vae: view of a non-contiguous matrix")
	}
	return mat.NewDense(raw.Rows*raw.Cols/k, k, raw.Data)
}

// loadBatch copies the images idx of d into m.x as 0/1 floats.
func (m *model) loadBatch(d *dataset, idx []int) {
	raw := m.x.RawMatrix()
	for j, i := range idx {
		row := raw.Data[j*raw.Stride : j*raw.Stride+pixels]
		for k, v := range d.Image(i) {
			row[k] = float64(v)
		}
	}
}

// lossParts are the batch sums of the two terms of the negative ELBO,
//
//	-ELBO(x) = -E_q[log p(x|z)] + KL(q(z|x) || p(z)),
//
// estimated with one sample of z per image.
type lossParts struct {
	recon, kl float64 // sums over the batch
}

// step runs the forward pass on m.x. If grad is true it also runs the
// backward pass for the batch-mean negative ELBO, leaving the gradients in
// the layers. Without an estimator (est == nil) z is a one-hot sample drawn
// with gumbel.GumbelSoftmaxBatchTo(..., hard=true): the evaluation of the
// paper's Table 1.
func (m *model) step(est estimator, tau float64, g *gumbel.Generator, grad bool) lossParts {
	cfg := m.cfg
	n := cfg.batch
	invN := 1 / float64(n)
	m.enc.forward(m.x)
	lv := m.logits

	// KL(q || uniform) in closed form, sum_i q_i (log q_i + log K), and its
	// gradient q_j (log q_j - sum_i q_i log q_i) (scaled by 1/n for the
	// batch mean) written straight into dlogits.
	var parts lossParts
	logK := math.Log(float64(cfg.K))
	rows, _ := lv.Dims()
	for r := 0; r < rows; r++ {
		row := lv.RawRowView(r)
		gumbel.LogSoftmaxTo(m.logq, row)
		var kl float64
		for _, lq := range m.logq {
			kl += math.Exp(lq) * lq
		}
		parts.kl += kl + logK
		if grad {
			d := m.dlv.RawRowView(r)
			for j, lq := range m.logq {
				d[j] = math.Exp(lq) * (lq - kl) * invN
			}
		}
	}

	if est != nil {
		est.forward(m.zv, lv, tau, g)
	} else {
		g.GumbelSoftmaxBatchTo(m.zv, lv, tau, true)
	}
	xl := m.dec.forward(m.z)

	// Bernoulli log-likelihood with logits l: x l - softplus(l); the gradient
	// of its negative batch mean is (sigmoid(l) - x)/n. The rows are shared
	// among the goroutines, each row's sum kept apart and the rows' sums
	// added in order, so the total does not depend on their number.
	xr, lr, dr := m.x.RawMatrix(), xl.RawMatrix(), m.dxl.RawMatrix()
	if len(m.rowRecon) != n {
		m.rowRecon = make([]float64, n)
	}
	parallelFor(n, 8, m.dec.nworkers(), func(lo, hi int) {
		for j := lo; j < hi; j++ {
			xs := xr.Data[j*xr.Stride : j*xr.Stride+cfg.input]
			ls := lr.Data[j*lr.Stride : j*lr.Stride+cfg.input]
			ds := dr.Data[j*dr.Stride : j*dr.Stride+cfg.input]
			// softplus(l) = max(l, 0) + log1p(exp(-|l|)), exact and
			// finite; the log1p terms are summed as the logarithm of the
			// product of the 1 + exp(-|l|), which lie in (1, 2], one
			// logarithm per 512 pixels (a product below 2^512), as
			// logBernoulli does.
			var lin, logs float64
			prod, cnt := 1.0, 0
			for k, l := range ls {
				e := math.Exp(-math.Abs(l))
				lin += max(l, 0) - xs[k]*l
				prod *= 1 + e
				if cnt++; cnt == 512 {
					logs += math.Log(prod)
					prod, cnt = 1, 0
				}
				if grad {
					// sigmoid(l) from the same e = exp(-|l|).
					s := 1 / (1 + e)
					if l < 0 {
						s = e / (1 + e)
					}
					ds[k] = (s - xs[k]) * invN
				}
			}
			m.rowRecon[j] = lin + logs + math.Log(prod)
		}
	})
	for _, rec := range m.rowRecon {
		parts.recon += rec
	}
	if !grad {
		return parts
	}
	dz := m.dec.backward(m.dxl, true)
	if m.dzv == nil {
		m.dzv = view(dz, cfg.K) // dz is the same matrix on every call
	}
	est.backward(m.dsample, m.dzv)
	m.dlv.Add(m.dlv, m.dsample)
	m.enc.backward(m.dlogits, false)
	return parts
}
