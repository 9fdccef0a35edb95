// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seed06c76d7c/gumbel"
)

// exactTiny returns, for each image of the tiny model's batch, log p(x) =
// log sum_z p(x|z) p(z) and the ELBO sum_z q(z|x) (log p(x|z) + log p(z) -
// log q(z|x)), both by enumerating the K^N latent values.
func exactTiny(m *model) (logpx, elbo []float64) {
	cfg := m.cfg
	n := cfg.batch
	m.enc.forward(m.x)
	logq := make([][]float64, n*cfg.N)
	for r := range logq {
		logq[r] = gumbel.LogSoftmaxTo(nil, m.logits.RawRowView(r))
	}
	logpx, elbo = make([]float64, n), make([]float64, n)
	for j := range logpx {
		logpx[j] = math.Inf(-1)
	}
	logPz := -float64(cfg.N) * math.Log(float64(cfg.K))
	total := int(math.Pow(float64(cfg.K), float64(cfg.N)))
	for code := range total {
		m.z.Zero()
		c := code
		choice := make([]int, cfg.N)
		for t := range cfg.N {
			choice[t] = c % cfg.K
			c /= cfg.K
			for j := range n {
				m.zv.Set(j*cfg.N+t, choice[t], 1)
			}
		}
		xl := m.dec.forward(m.z)
		for j := range n {
			var lpxz, lq float64
			for k := range cfg.input {
				l, x := xl.At(j, k), m.x.At(j, k)
				lpxz += x*l - (max(l, 0) + math.Log1p(math.Exp(-math.Abs(l))))
			}
			for t := range cfg.N {
				lq += logq[j*cfg.N+t][choice[t]]
			}
			lj := lpxz + logPz
			logpx[j] = math.Max(logpx[j], lj) + math.Log1p(math.Exp(-math.Abs(logpx[j]-lj)))
			elbo[j] += math.Exp(lq) * (lpxz + logPz - lq)
		}
	}
	return logpx, elbo
}

// TestIWBoundAgainstEnumeration checks the importance-weighted bound on the
// tiny model (2 latents of 3 classes: 9 latent values) against log p(x) and
// the ELBO computed exactly by enumeration: L_1 averages to the ELBO (within
// 4 standard errors), the means of L_m over repetitions do not decrease
// with m (within their standard errors), and L_5000 lies within 0.01 nats of
// log p(x), below it up to that tolerance.
func TestIWBoundAgainstEnumeration(t *testing.T) {
	m := tinyModel(3)
	logpx, elbo := exactTiny(m)
	n := m.cfg.batch
	out := make([]float64, n)
	g := gumbel.NewSeeded(8, 8)
	for j := range n {
		t.Logf("image %d: log p(x) %.4f, ELBO %.4f", j, logpx[j], elbo[j])
		if elbo[j] > logpx[j] {
			t.Fatalf("image %d: ELBO %v above log p(x) %v: the enumeration is wrong", j, elbo[j], logpx[j])
		}
	}
	// L_1 over many repetitions: mean = ELBO.
	const reps = 20000
	mean, sq := make([]float64, n), make([]float64, n)
	for range reps {
		for j, v := range m.iwBatch(1, g, out) {
			mean[j] += v / reps
			sq[j] += v * v / reps
		}
	}
	for j := range n {
		se := math.Sqrt((sq[j] - mean[j]*mean[j]) / reps)
		t.Logf("image %d: mean L_1 %.4f +- %.4f, ELBO %.4f", j, mean[j], se, elbo[j])
		if math.Abs(mean[j]-elbo[j]) > 4*se {
			t.Errorf("image %d: mean L_1 %v, ELBO %v (se %v)", j, mean[j], elbo[j], se)
		}
	}
	// Means of L_m for m = 1, 10, 100 over 300 repetitions each.
	prev := math.Inf(-1)
	for _, ms := range []int{1, 10, 100} {
		var s, s2 float64
		const r = 300
		for range r {
			for _, v := range m.iwBatch(ms, g, out) {
				s += v / (r * float64(n))
				s2 += v * v / (r * float64(n))
			}
		}
		se := math.Sqrt((s2 - s*s) / (r * float64(n)))
		t.Logf("mean L_%d over the batch: %.4f +- %.4f", ms, s, se)
		if s < prev-4*se {
			t.Errorf("mean L_%d = %v below the previous %v", ms, s, prev)
		}
		prev = s
	}
	for j, v := range m.iwBatch(5000, g, out) {
		t.Logf("image %d: L_5000 %.4f, log p(x) %.4f", j, v, logpx[j])
		if math.Abs(v-logpx[j]) > 0.01 {
			t.Errorf("image %d: L_5000 = %v, log p(x) = %v", j, v, logpx[j])
		}
	}
}

// TestIWChunks checks that the bound is the same to the bit whether the
// samples go through the decoder one at a time, 10 at a time or 7 at a
// time (a last partial chunk), and on 1 or 2 goroutines, on the tiny model
// and on a model with the paper's layer sizes (whose products take the
// vector kernels).
func TestIWChunks(t *testing.T) {
	defer func(c int) { iwChunk = c }(iwChunk)
	for _, name := range []string{"tiny", "paper"} {
		var m *model
		if name == "tiny" {
			m = tinyModel(4)
		} else {
			m = newModel(paperConfig(), 2)
			rng := rand.New(rand.NewPCG(2, 9))
			x := m.x.RawMatrix().Data
			for i := range x {
				if rng.Float64() < 0.15 {
					x[i] = 1
				}
			}
		}
		const samples = 20
		var ref []float64
		for _, c := range []int{1, 10, 7} {
			for _, workers := range []int{1, 2} {
				iwChunk = c
				m.enc.workers, m.dec.workers, m.iwDec = workers, workers, nil
				out := m.iwBatch(samples, gumbel.NewSeeded(5, 6), make([]float64, m.cfg.batch))
				if ref == nil {
					ref = out
					continue
				}
				for j := range out {
					if math.Float64bits(out[j]) != math.Float64bits(ref[j]) {
						t.Fatalf("%s: chunk %d, %d goroutines: image %d bound %v, one at a time %v", name, c, workers, j, out[j], ref[j])
					}
				}
			}
		}
		t.Logf("%s: L_%d of image 0 = %.6f", name, samples, ref[0])
	}
}
