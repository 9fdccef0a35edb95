// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"os"
	"strconv"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
)

// TestLongRun draws many Gumbel variates through each public sampler
// (package-level functions and nil-Src distributions, i.e. the global
// source) and fails on any Inf or NaN where the result must be finite. It
// is skipped unless GUMBEL_LONG is set: GUMBEL_LONG=1 draws 10^9 Gumbel
// variates per sampler (several minutes each on one core), GUMBEL_LONG=n
// with n > 1 draws n. A relaxed sample of k categories counts as k draws.
// Each sampler is a subtest:
//
//	GUMBEL_LONG=1 go test -run '^TestLongRun$' -timeout 0 -v .
//	GUMBEL_LONG=1 go test -run '^TestLongRun$/^SampleGumbel$' -timeout 0 -v .
func TestLongRun(t *testing.T) {
	env := os.Getenv("GUMBEL_LONG")
	if env == "" {
		t.Skip("set GUMBEL_LONG=1 (10^9 draws per sampler) or GUMBEL_LONG=n to run")
	}
	n, err := strconv.ParseInt(env, 10, 64)
	if err != nil || n < 1 {
		t.Fatalf("GUMBEL_LONG=%q: want 1 or a number of draws", env)
	}
	if n == 1 {
		n = 1_000_000_000
	}
	logits := []float64{0.5, -1, 2, 0, -3, 1, 0.1, -0.2}
	const k = 8
	const tau = 0.5
	m := mat.NewDense(4, k, nil)
	for r := 0; r < 4; r++ {
		m.SetRow(r, logits)
	}
	grad := []float64{1, -2, 3, 0.5, -1, 0, 2, -0.5}
	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
	// Buffers reused across calls, so that the run allocates nothing.
	var (
		longBuf          = make([]float64, 1024)
		longIdx          = make([]int, 4)
		longDense        = mat.NewDense(4, k, nil)
		longST           *ST
		longGR           *GumbelRao
		longRM           *ReinMax
		longMin, longMax = math.Inf(1), math.Inf(-1)
	)

	// Each sampler draws `per` Gumbels per call and returns false on a
	// non-finite output.
	samplers := []struct {
		name string
		per  int64
		run  func() bool
	}{
		{"SampleGumbel", 1024, func() bool {
			buf := longBuf[:1024]
			SampleGumbel(buf)
			for _, v := range buf {
				if bad(v) {
					return false
				}
				longMin, longMax = math.Min(longMin, v), math.Max(longMax, v)
			}
			return true
		}},
		{"SampleGumbelLocScale", 1024, func() bool {
			for _, v := range SampleGumbelLocScale(longBuf[:1024], -2, 3) {
				if bad(v) {
					return false
				}
			}
			return true
		}},
		{"GumbelMax", k, func() bool { return GumbelMax(logits) >= 0 }},
		{"GumbelMaxBatchTo", 4 * k, func() bool {
			for _, i := range GumbelMaxBatchTo(longIdx[:4], m) {
				if i < 0 {
					return false
				}
			}
			return true
		}},
		{"GumbelSoftmaxTo/soft", k, func() bool { return longAllFinite(GumbelSoftmaxTo(longBuf[:k], logits, tau, false)) }},
		{"GumbelSoftmaxTo/hard", k, func() bool { return longAllFinite(GumbelSoftmaxTo(longBuf[:k], logits, tau, true)) }},
		{"LogGumbelSoftmaxTo", k, func() bool { return longAllFinite(LogGumbelSoftmaxTo(longBuf[:k], logits, tau)) }},
		{"GumbelSoftmaxBatchTo", 4 * k, func() bool {
			return longAllFinite(GumbelSoftmaxBatchTo(longDense, m, tau, false).RawMatrix().Data)
		}},
		{"LogGumbelSoftmaxBatchTo", 4 * k, func() bool {
			return longAllFinite(LogGumbelSoftmaxBatchTo(longDense, m, tau).RawMatrix().Data)
		}},
		{"StraightThroughTo+VJP+TauVJP", k, func() bool {
			longST = StraightThroughTo(longST, logits, tau)
			return longAllFinite(longST.Soft) && longAllFinite(longST.VJP(longBuf[:k], grad)) && !bad(longST.TauVJP(grad))
		}},
		{"RelaxedBernoulliST", 1, func() bool {
			b := RelaxedBernoulliST(0.3, tau)
			return !bad(b.Soft) && !bad(b.VJP(1)) && !bad(b.TauVJP(1))
		}},
		{"Concrete.Rand", k, func() bool { return longAllFinite(Concrete{Logits: logits, Tau: tau}.Rand(longBuf[:k])) }},
		{"ExpConcrete.Rand", k, func() bool { return longAllFinite(ExpConcrete{Logits: logits, Tau: tau}.Rand(longBuf[:k])) }},
		{"BinaryConcrete.Rand", 1, func() bool { return !bad(BinaryConcrete{Logit: -0.3, Tau: tau}.Rand()) }},
		{"GumbelTopKTo", k, func() bool {
			GumbelTopKTo(longIdx[:3], longBuf[:3], logits, 3)
			return longIdx[0] >= 0 && longAllFinite(longBuf[:3])
		}},
		{"ConditionalGumbelTo", k + 1, func() bool { return longAllFinite(ConditionalGumbelTo(longBuf[:k], logits, 2)) }},
		{"GumbelRaoTo+VJP(M=4)", 5*k + 4, func() bool {
			longGR = GumbelRaoTo(longGR, logits, tau, 4)
			return longAllFinite(longGR.VJP(longBuf[:k], grad))
		}},
		{"ReinMaxTo+VJP", k, func() bool {
			longRM = ReinMaxTo(longRM, logits, tau)
			return longAllFinite(longRM.VJP(longBuf[:k], grad))
		}},
	}
	for _, s := range samplers {
		t.Run(s.name, func(t *testing.T) {
			start := time.Now()
			var draws int64
			for draws < n {
				if !s.run() {
					t.Fatalf("non-finite output after %d draws", draws)
				}
				draws += s.per
			}
			t.Logf("%d draws, no Inf or NaN (%v)", draws, time.Since(start).Round(time.Millisecond))
			if s.name == "SampleGumbel" {
				t.Logf("range of the draws: [%.4f, %.4f] (bounds [-3.60, 36.74])", longMin, longMax)
			}
		})
	}
}

func longAllFinite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
