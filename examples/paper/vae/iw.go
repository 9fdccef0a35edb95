// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

// The evaluation metric of Jang et al. (2017, §4.2): "a multi-sample bound
// for evaluation with m = 1000", the samples "discretized to one-hot vectors
// during evaluation": the importance-weighted bound of Y. Burda, R. Grosse,
// R. Salakhutdinov (Importance Weighted Autoencoders, ICLR 2016),
//
//	L_m(x) = log (1/m) sum_{s=1..m} p(x | z_s) p(z_s) / q(z_s | x),   z_s ~ q(z | x),
//
// with q(z|x) the product over the N latents of Categorical(softmax(encoder
// logits)), z_s one-hot, p(z) uniform (log p(z) = -N log K) and p(x|z) the
// decoder's Bernoulli likelihood. L_1 is the single-sample ELBO with the KL
// term sampled; L_m does not decrease with m in expectation and tends to
// log p(x).

// iwBatch stores in out[j], for each image j of the batch in m.x, the bound
// L_samples of that image, computed as a stable log-mean-exp of the log
// weights, and returns out. The samples are drawn from g by inverse CDF.
func (m *model) iwBatch(samples int, g *gumbel.Generator, out []float64) []float64 {
	cfg := m.cfg
	n := cfg.batch
	m.enc.forward(m.x)
	lv := m.logits
	rows, K := lv.Dims()
	logq := mat.NewDense(rows, K, nil)
	for r := 0; r < rows; r++ {
		gumbel.LogSoftmaxTo(logq.RawRowView(r), lv.RawRowView(r))
	}
	idx := make([]int, rows)
	best := make([]float64, n) // the running maximum of the log weights
	sum := make([]float64, n)  // sum of exp(log weight - best)
	for j := range best {
		best[j] = math.Inf(-1)
	}
	logPz := -float64(cfg.N) * math.Log(float64(K))
	xr := m.x.RawMatrix()
	for range samples {
		g.CategoricalBatchTo(idx, lv)
		m.z.Zero()
		for r, c := range idx {
			m.zv.Set(r, c, 1)
		}
		lr := m.dec.forward(m.z).RawMatrix()
		for j := range n {
			lw := logPz
			for t := range cfg.N {
				r := j*cfg.N + t
				lw -= logq.At(r, idx[r])
			}
			xs := xr.Data[j*xr.Stride : j*xr.Stride+cfg.input]
			for k, l := range lr.Data[j*lr.Stride : j*lr.Stride+cfg.input] {
				// log Bernoulli(x | sigmoid(l)) = x l - softplus(l).
				lw += xs[k]*l - (max(l, 0) + math.Log1p(math.Exp(-math.Abs(l))))
			}
			if lw > best[j] {
				sum[j] = sum[j]*math.Exp(best[j]-lw) + 1
				best[j] = lw
			} else {
				sum[j] += math.Exp(lw - best[j])
			}
		}
	}
	for j := range out[:n] {
		out[j] = best[j] + math.Log(sum[j]) - math.Log(float64(samples))
	}
	return out
}

// iwBound returns the mean over the images of d of -L_samples (in nats, to
// be read beside the paper's negative log-likelihoods), from a generator
// seeded afresh: the same weights give the same number.
func iwBound(m *model, d *dataset, samples int, seed uint64) float64 {
	g := gumbel.NewSeeded(seed, 5)
	n := m.cfg.batch
	idx := make([]int, n)
	out := make([]float64, n)
	var total float64
	batches := d.n / n
	for b := 0; b < batches; b++ {
		for i := range idx {
			idx[i] = b*n + i
		}
		m.loadBatch(d, idx)
		for _, v := range m.iwBatch(samples, g, out) {
			total -= v
		}
	}
	return total / float64(batches*n)
}
