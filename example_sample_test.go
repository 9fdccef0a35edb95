// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleNewSeeded() {
	// Two Generators with the same seeds draw the same stream, on every
	// platform: the way to make an experiment reproducible.
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	same := true
	for range 1000 {
		same = same && a.Gumbel() == b.Gumbel()
	}
	fmt.Println(same)
	// Output:
	// true
}

func ExampleNew() {
	// New takes any math/rand/v2 Source; NewSeeded(s1, s2) is
	// New(rand.NewPCG(s1, s2)).
	logits := []float64{0, 1, 2}
	g := gumbel.New(rand.NewPCG(1, 2))
	h := gumbel.NewSeeded(1, 2)
	fmt.Println(g.GumbelMax(logits) == h.GumbelMax(logits))
	// Output:
	// true
}

func ExampleGenerator() {
	// A Generator is not safe for concurrent use: give each goroutine its
	// own, seeded by the worker's number, so that the results do not depend
	// on scheduling.
	heads := make([]int, 4)
	var wg sync.WaitGroup
	for w := range heads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := gumbel.NewSeeded(1, uint64(w))
			for range 1000 {
				heads[w] += 1 - g.GumbelMax([]float64{0, 0}) // a fair coin
			}
		}()
	}
	wg.Wait()
	fmt.Println(heads)
	// Output:
	// [509 495 492 456]
}

func ExampleGenerator_Gumbel() {
	// The mean of the standard Gumbel law is the Euler–Mascheroni constant.
	g := gumbel.NewSeeded(1, 2)
	var sum float64
	const n = 100000
	for range n {
		sum += g.Gumbel()
	}
	fmt.Printf("mean %.2f, γ = %.2f\n", sum/n, 0.5772156649)
	// Output:
	// mean 0.58, γ = 0.58
}

func ExampleGenerator_Uniform() {
	// Uniform never returns 0 or 1, so its logarithm is always finite.
	g := gumbel.NewSeeded(1, 2)
	lo, hi := 1.0, 0.0
	for range 100000 {
		u := g.Uniform()
		lo, hi = math.Min(lo, u), math.Max(hi, u)
	}
	fmt.Println(lo > 0, hi < 1)
	// Output:
	// true true
}

func ExampleGenerator_SampleGumbel() {
	// The Gumbel-max trick by hand: the argmax of logits plus Gumbel noise
	// is the index GumbelMax draws from the same source state.
	logits := []float64{1, 2, 0.5}
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	noise := a.SampleGumbel(make([]float64, len(logits)))
	floats.Add(noise, logits)
	fmt.Println(floats.MaxIdx(noise) == b.GumbelMax(logits))
	// Output:
	// true
}

func ExampleGenerator_SampleGumbelLocScale() {
	// Gumbel(mu, beta) has mean mu + beta*γ.
	g := gumbel.NewSeeded(1, 2)
	x := g.SampleGumbelLocScale(make([]float64, 100000), 2, 0.5)
	fmt.Printf("mean %.2f, mu + beta*γ = %.2f\n", floats.Sum(x)/float64(len(x)), 2+0.5*0.5772156649)
	// Output:
	// mean 2.29, mu + beta*γ = 2.29
}

func ExampleGenerator_Categorical() {
	// Inverse-CDF sampling: the law of GumbelMax for one source value per
	// call, whatever the number of categories.
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2)}
	g := gumbel.NewSeeded(1, 2)
	counts := make([]int, len(logits))
	for range 10000 {
		counts[g.Categorical(logits)]++
	}
	fmt.Println(counts)
	// Output:
	// [5044 2974 1982]
}

func ExampleGenerator_GumbelMaxBatchTo() {
	// One index per row; a row that masks all but one category always gives
	// it, and a row that names no distribution gives -1.
	logits := mat.NewDense(3, 3, []float64{
		0, 1, 2,
		math.Inf(-1), math.Inf(-1), 0,
		0, math.NaN(), 0,
	})
	g := gumbel.NewSeeded(1, 2)
	dst := make([]int, 3) // given, so that nothing is allocated
	fmt.Println(g.GumbelMaxBatchTo(dst, logits))
	// Output:
	// [2 2 -1]
}

func ExampleGenerator_GumbelSoftmaxTo() {
	// A relaxed sample lies on the simplex; a masked category gets exactly 0.
	logits := []float64{2, 0.5, -1, math.Inf(-1)}
	g := gumbel.NewSeeded(1, 2)
	y := g.GumbelSoftmaxTo(nil, logits, 0.5, false)
	fmt.Printf("y %.3f, sum %.3f\n", y, floats.Sum(y))
	// Output:
	// y [0.978 0.009 0.013 0.000], sum 1.000
}

func ExampleGenerator_GumbelSoftmaxTo_hard() {
	// With hard, the one-hot vector of the index the soft sample drawn
	// with the same noise peaks at.
	logits := []float64{2, 0.5, -1}
	a, b := gumbel.NewSeeded(1, 2), gumbel.NewSeeded(1, 2)
	soft := a.GumbelSoftmaxTo(nil, logits, 0.5, false)
	hard := b.GumbelSoftmaxTo(nil, logits, 0.5, true)
	fmt.Println(hard[floats.MaxIdx(soft)] == 1, floats.Sum(hard))
	// Output:
	// true 1
}

func ExampleGenerator_GumbelSoftmaxBatchTo() {
	// One relaxed sample per row of a batch, written into a reused matrix.
	logits := mat.NewDense(2, 3, []float64{1, 0, -1, 0, 0, math.Inf(-1)})
	g := gumbel.NewSeeded(1, 2)
	y := mat.NewDense(2, 3, nil)
	g.GumbelSoftmaxBatchTo(y, logits, 0.5, false)
	fmt.Printf("row sums %.3f %.3f, masked %v\n", floats.Sum(y.RawRowView(0)), floats.Sum(y.RawRowView(1)), y.At(1, 2))
	// Output:
	// row sums 1.000 1.000, masked 0
}

func ExampleGenerator_LogGumbelSoftmax() {
	// The log of a relaxed sample, as a gonum vector: exp(x) is on the simplex.
	logits := mat.NewVecDense(3, []float64{1, 0, -1})
	g := gumbel.NewSeeded(1, 2)
	x := g.LogGumbelSoftmax(logits, 0.5)
	var sum float64
	for _, v := range x.RawVector().Data {
		sum += math.Exp(v)
	}
	fmt.Printf("sum exp(x) %.3f, max x <= 0: %v\n", sum, mat.Max(x) <= 0)
	// Output:
	// sum exp(x) 1.000, max x <= 0: true
}

func ExampleGenerator_LogGumbelSoftmaxBatchTo() {
	// A batch of log-space samples at a small temperature and their exact
	// log-densities, as in a relaxed ELBO.
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2)}
	rows := mat.NewDense(2, 3, append(append([]float64{}, logits...), logits...))
	g := gumbel.NewSeeded(1, 2)
	x := g.LogGumbelSoftmaxBatchTo(nil, rows, 0.1)
	d := gumbel.ExpConcrete{Logits: logits, Tau: 0.1}
	fmt.Printf("log p %.3f %.3f\n", d.LogProb(x.RawRowView(0)), d.LogProb(x.RawRowView(1)))
	// Output:
	// log p -7.873 -7.927
}

func ExampleGenerator_GumbelTopKBatchTo() {
	// k = 2 distinct indices per row, row i in dst[2i : 2i+2]; the masked
	// category 3 of row 1 is never drawn.
	logits := mat.NewDense(2, 4, []float64{
		0, 0, 0, 0,
		1, 2, 3, math.Inf(-1),
	})
	g := gumbel.NewSeeded(1, 2)
	fmt.Println(g.GumbelTopKBatchTo(nil, logits, 2))
	// Output:
	// [2 3 2 0]
}

func ExampleGenerator_ConditionalGumbelTo() {
	// Perturbed logits conditioned on their argmax being 2: the core of the
	// Gumbel-Rao estimator. Masked categories stay -Inf.
	logits := []float64{1, 0, -1, math.Inf(-1)}
	g := gumbel.NewSeeded(1, 2)
	s := g.ConditionalGumbelTo(nil, logits, 2)
	fmt.Println(floats.MaxIdx(s), s[3])
	// Output:
	// 2 -Inf
}

func ExampleGenerator_RelaxedBernoulli() {
	// At a small temperature a relaxed Bernoulli is close to 0 or 1 and
	// its mean is close to sigmoid(logit) = 0.3.
	g := gumbel.NewSeeded(1, 2)
	logit := math.Log(0.3 / 0.7)
	var sum float64
	const n = 100000
	for range n {
		sum += g.RelaxedBernoulli(logit, 0.1)
	}
	fmt.Printf("mean %.2f\n", sum/n)
	// Output:
	// mean 0.30
}
