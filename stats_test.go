// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"sort"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// Statistical helpers shared by the tests. Every test draws from a fixed seed,
// so a test either always passes or always fails; the thresholds below are the
// significance levels at which a correct sampler would fail for one seed in a
// thousand.
const pThreshold = 1e-3

// chiSquare returns the chi-square goodness-of-fit statistic of counts against
// the probabilities probs, its degrees of freedom and its p-value. Categories
// with probability 0 must have count 0: any count there is a hard failure,
// reported as p = 0.
func chiSquare(counts []int, probs []float64) (stat float64, df int, p float64) {
	n := 0
	for _, c := range counts {
		n += c
	}
	for i, c := range counts {
		if probs[i] == 0 {
			if c != 0 {
				return math.Inf(1), 0, 0
			}
			continue
		}
		e := float64(n) * probs[i]
		d := float64(c) - e
		stat += d * d / e
		df++
	}
	df--
	return stat, df, 1 - distuv.ChiSquared{K: float64(df)}.CDF(stat)
}

// ksOneSample returns the Kolmogorov-Smirnov statistic of the sample x against
// the continuous CDF cdf, and its asymptotic p-value (Stephens' correction,
// Numerical Recipes §14.3). x is sorted in place.
func ksOneSample(x []float64, cdf func(float64) float64) (d, p float64) {
	sort.Float64s(x)
	n := float64(len(x))
	for i, v := range x {
		f := cdf(v)
		d = math.Max(d, math.Max(f-float64(i)/n, float64(i+1)/n-f))
	}
	return d, kolmogorovQ((math.Sqrt(n) + 0.12 + 0.11/math.Sqrt(n)) * d)
}

// ksTwoSample returns the two-sample Kolmogorov-Smirnov statistic and its
// asymptotic p-value. x and y are sorted in place.
func ksTwoSample(x, y []float64) (d, p float64) {
	sort.Float64s(x)
	sort.Float64s(y)
	i, j := 0, 0
	nx, ny := float64(len(x)), float64(len(y))
	for i < len(x) && j < len(y) {
		v := math.Min(x[i], y[j])
		for i < len(x) && x[i] == v {
			i++
		}
		for j < len(y) && y[j] == v {
			j++
		}
		d = math.Max(d, math.Abs(float64(i)/nx-float64(j)/ny))
	}
	ne := math.Sqrt(nx * ny / (nx + ny))
	return d, kolmogorovQ((ne + 0.12 + 0.11/ne) * d)
}

// kolmogorovQ is the survival function of the Kolmogorov distribution,
// Q(λ) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j² λ²).
func kolmogorovQ(lambda float64) float64 {
	if lambda < 0.2 {
		return 1
	}
	var sum float64
	sign := 1.0
	for j := 1; j <= 100; j++ {
		term := sign * 2 * math.Exp(-2*float64(j*j)*lambda*lambda)
		sum += term
		if math.Abs(term) < 1e-16 {
			break
		}
		sign = -sign
	}
	return math.Max(0, math.Min(1, sum))
}

// meanVar returns the sample mean and unbiased variance of x.
func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x)-1)
}

// softmaxRef is a plain reference softmax for the tests, independent of the
// package's kernel.
func softmaxRef(l []float64) []float64 {
	max := math.Inf(-1)
	for _, v := range l {
		max = math.Max(max, v)
	}
	p := make([]float64, len(l))
	var sum float64
	for i, v := range l {
		p[i] = math.Exp(v - max)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

func argmax(x []float64) int {
	arg := 0
	for i, v := range x {
		if v > x[arg] {
			arg = i
		}
	}
	return arg
}

func TestKolmogorovQ(t *testing.T) {
	t.Parallel()
	// Values of the Kolmogorov survival function from its series; the
	// 5% and 1% critical values are 1.358 and 1.628 (Smirnov 1948 tables).
	for _, c := range []struct{ lambda, want float64 }{{1.3581, 0.05}, {1.6276, 0.01}} {
		if got := kolmogorovQ(c.lambda); math.Abs(got-c.want) > 2e-4 {
			t.Errorf("kolmogorovQ(%v) = %v, want %v", c.lambda, got, c.want)
		}
	}
}
