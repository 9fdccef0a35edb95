// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

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
	// The samples go through the decoder iwChunk at a time, as one
	// (iwChunk·n)-row batch: the draws, and the order in which each
	// image's log weights are accumulated, are those of one sample at a
	// time, and every row of the decoder's output does not depend on the
	// others, so the bound is the same to the bit.
	S := min(iwChunk, samples)
	dec := m.iwDecoder(S)
	zr := dec.acts[0].RawMatrix()
	zv := view(dec.acts[0], K)
	idx := make([]int, S*rows)
	best := make([]float64, n) // the running maximum of the log weights
	sum := make([]float64, n)  // sum of exp(log weight - best)
	for j := range best {
		best[j] = math.Inf(-1)
	}
	logPz := -float64(cfg.N) * math.Log(float64(K))
	xr := m.x.RawMatrix()
	for s0 := 0; s0 < samples; s0 += S {
		cnt := min(S, samples-s0)
		clear(zr.Data)
		for s := range cnt {
			is := idx[s*rows : (s+1)*rows]
			g.CategoricalBatchTo(is, lv)
			for r, c := range is {
				zv.Set(s*rows+r, c, 1)
			}
		}
		lr := dec.forward(dec.acts[0]).RawMatrix()
		for s := range cnt {
			is := idx[s*rows : (s+1)*rows]
			for j := range n {
				lw := logPz
				for t := range cfg.N {
					r := j*cfg.N + t
					lw -= logq.At(r, is[r])
				}
				o := (s*n + j) * lr.Stride
				lw += logBernoulli(xr.Data[j*xr.Stride:j*xr.Stride+cfg.input], lr.Data[o:o+cfg.input])
				if lw > best[j] {
					sum[j] = sum[j]*math.Exp(best[j]-lw) + 1
					best[j] = lw
				} else {
					sum[j] += math.Exp(lw - best[j])
				}
			}
		}
	}
	for j := range out[:n] {
		out[j] = best[j] + math.Log(sum[j]) - math.Log(float64(samples))
	}
	return out
}

// logBernoulli returns sum_k log Bernoulli(x_k | sigmoid(l_k)) = sum_k (x_k
// l_k - softplus(l_k)) = -sum_k softplus(y_k) with y_k = (1 - 2 x_k) l_k for
// binary x, and softplus(y) = max(y, 0) + log1p(exp(-|y|)): the log1p terms
// are summed as the logarithm of the product of the 1 + exp(-|y|), which
// lie in (1, 2], in chunks of 512 (a product below 2^512), one logarithm
// per chunk instead of one per pixel.
func logBernoulli(x, l []float64) float64 {
	var lin, logs float64
	for off := 0; off < len(l); off += 512 {
		prod := 1.0
		for k := off; k < min(off+512, len(l)); k++ {
			y := l[k]
			if x[k] != 0 {
				y = -y
			}
			lin += max(y, 0)
			prod *= 1 + math.Exp(-math.Abs(y))
		}
		logs += math.Log(prod)
	}
	return -(lin + logs)
}

// iwBound returns the mean over the images of d of -L_samples (in nats, to
// be read beside the paper's negative log-likelihoods). The batches of 100
// images are shared among GOMAXPROCS goroutines, each with its own buffers
// and the weights of m (and its matrix products on its own goroutine); batch b draws from gumbel.NewSeeded(seed, 5+b), so
// the number depends on the weights and the seed alone, not on the number of
// goroutines.
func iwBound(m *model, d *dataset, samples int, seed uint64) float64 {
	n := m.cfg.batch
	batches := d.N / n
	sums := make([]float64, batches)
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), batches)
	for range workers {
		wm := m.sharing()
		wg.Add(1)
		go func() {
			defer wg.Done()
			idx := make([]int, n)
			out := make([]float64, n)
			for {
				b := int(next.Add(1) - 1)
				if b >= batches {
					return
				}
				for i := range idx {
					idx[i] = b*n + i
				}
				wm.loadBatch(d, idx)
				for _, v := range wm.iwBatch(samples, gumbel.NewSeeded(seed, 5+uint64(b)), out) {
					sums[b] -= v
				}
			}
		}()
	}
	wg.Wait()
	var total float64
	for _, s := range sums {
		total += s
	}
	return total / float64(batches*n)
}

// iwChunk is the number of samples per decoder pass of iwBatch (a variable
// for the test that the bound does not depend on it).
var iwChunk = 10

// iwDecoder returns a decoder with the layers of m.dec for batches of S·n
// rows (S samples of each image of the batch), its input in acts[0],
// reused while S is the same.
func (m *model) iwDecoder(S int) *mlp {
	rows := S * m.cfg.batch
	if m.iwDec == nil || m.iwDec.acts[0].RawMatrix().Rows != rows {
		d := &mlp{layers: m.dec.layers, acts: make([]*mat.Dense, len(m.dec.acts)), workers: m.dec.workers}
		d.acts[0] = mat.NewDense(rows, m.cfg.N*m.cfg.K, nil)
		for i, l := range d.layers {
			d.acts[i+1] = mat.NewDense(rows, l.W.RawMatrix().Cols, nil)
		}
		m.iwDec = d
	}
	return m.iwDec
}

// sharing returns a model with buffers of its own and the layers (weights)
// of m, for evaluation on another goroutine, whose products run on that
// goroutine alone.
func (m *model) sharing() *model {
	c := newModel(m.cfg, 0)
	c.enc.layers, c.dec.layers = m.enc.layers, m.dec.layers
	c.enc.workers, c.dec.workers = 1, 1
	return c
}
