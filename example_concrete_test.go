// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleConcrete() {
	// A distribution value, as in gonum's distuv: draw a relaxed sample and
	// evaluate its exact log-density.
	c := gumbel.Concrete{
		Logits: []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2)},
		Tau:    0.5,
		Src:    rand.NewPCG(1, 2), // nil for the global source
	}
	y := c.Rand(nil)
	fmt.Printf("y %.3f, log p(y) %.3f\n", y, c.LogProb(y))
	// Output:
	// y [0.774 0.082 0.144], log p(y) 0.556
}

func ExampleConcrete_LogProb() {
	// The log-density of a fixed point of the simplex at two temperatures;
	// a point off the open simplex (a zero) has density 0.
	y := []float64{0.5, 0.3, 0.2}
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2)}
	for _, tau := range []float64{1, 0.5} {
		fmt.Printf("tau %.1f: %.3f\n", tau, gumbel.Concrete{Logits: logits, Tau: tau}.LogProb(y))
	}
	fmt.Println(gumbel.Concrete{Logits: logits, Tau: 1}.LogProb([]float64{0.5, 0.5, 0}))
	// Output:
	// tau 1.0: 0.904
	// tau 0.5: -0.535
	// -Inf
}

func ExampleConcrete_Rand() {
	// Rand draws what GumbelSoftmaxTo draws from the same source state.
	logits := []float64{1, 0, -1}
	y := gumbel.Concrete{Logits: logits, Tau: 0.5, Src: rand.NewPCG(1, 2)}.Rand(nil)
	fmt.Println(floats.Equal(y, gumbel.NewSeeded(1, 2).GumbelSoftmaxTo(nil, logits, 0.5, false)))
	// Output:
	// false
}

func ExampleExpConcrete() {
	// At tau = 0.001 a relaxed sample is one-hot in float64: its Concrete
	// density is lost, but that of its log, x = log y, stays finite.
	logits := []float64{0, 0, 0}
	x := []float64{-1000, -2000, 0} // log y, so y = [0 0 1] in float64
	y := []float64{math.Exp(x[0]), math.Exp(x[1]), math.Exp(x[2])}
	fmt.Printf("%.3f\n", gumbel.ExpConcrete{Logits: logits, Tau: 0.001}.LogProb(x))
	fmt.Println(gumbel.Concrete{Logits: logits, Tau: 0.001}.LogProb(y))
	// Output:
	// -17.345
	// -Inf
}

func ExampleExpConcrete_LogProb() {
	// The change of variables x = log y: log p_Exp(x) = log p(y) + sum log y.
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2)}
	y := []float64{0.6, 0.3, 0.1}
	x := []float64{math.Log(0.6), math.Log(0.3), math.Log(0.1)}
	exp := gumbel.ExpConcrete{Logits: logits, Tau: 0.5}.LogProb(x)
	lin := gumbel.Concrete{Logits: logits, Tau: 0.5}.LogProb(y) + floats.Sum(x)
	fmt.Printf("%.3f = %.3f\n", exp, lin)
	// Output:
	// -3.997 = -3.997
}

func ExampleExpConcrete_Rand() {
	// A log-space sample: log sum exp(x) = 0, so exp(x) is on the simplex.
	d := gumbel.ExpConcrete{Logits: []float64{1, 0, -1}, Tau: 0.1, Src: rand.NewPCG(1, 2)}
	x := d.Rand(nil)
	fmt.Printf("log p(x) %.3f, |LogSumExp(x)| < 1e-12: %v\n", d.LogProb(x), math.Abs(gumbel.LogSumExp(x)) < 1e-12)
	// Output:
	// log p(x) -7.358, |LogSumExp(x)| < 1e-12: true
}

func ExampleBinaryConcrete_CDF() {
	// P(Y <= 1/2) = 1 - sigmoid(logit) at every temperature.
	for _, tau := range []float64{0.1, 1, 10} {
		fmt.Printf("tau %4.1f: %.3f\n", tau, gumbel.BinaryConcrete{Logit: 0.5, Tau: tau}.CDF(0.5))
	}
	// Output:
	// tau  0.1: 0.378
	// tau  1.0: 0.378
	// tau 10.0: 0.378
}

func ExampleBinaryConcrete_Quantile() {
	// The inverse of CDF, here for the quartiles.
	b := gumbel.BinaryConcrete{Logit: 0.5, Tau: 0.5}
	q1, q3 := b.Quantile(0.25), b.Quantile(0.75)
	fmt.Printf("quartiles %.3f %.3f, CDF(q3) %.3f\n", q1, q3, b.CDF(q3))
	// Output:
	// quartiles 0.232 0.961, CDF(q3) 0.750
}

func ExampleBinaryConcrete_LogProb() {
	// The density integrates to 1 over (0, 1) (midpoint rule).
	b := gumbel.BinaryConcrete{Logit: 0.5, Tau: 1}
	const n = 10000
	var sum float64
	for i := range n {
		sum += math.Exp(b.LogProb((float64(i)+0.5)/n)) / n
	}
	fmt.Printf("%.3f\n", sum)
	// Output:
	// 1.000
}

func ExampleBinaryConcrete_LogProbLogit() {
	// The density of x = logit(y) stays finite where y rounds to 1.
	b := gumbel.BinaryConcrete{Logit: 0.5, Tau: 0.5}
	x := 50.0
	y := 1 / (1 + math.Exp(-x)) // 1 in float64
	fmt.Printf("log p(x) %.3f, log p(y) %v\n", b.LogProbLogit(x), b.LogProb(y))
	// Output:
	// log p(x) -25.193, log p(y) -Inf
}

func ExampleBinaryConcrete_Rand() {
	// P(Y > 1/2) = sigmoid(logit) = 0.622 for logit 0.5.
	b := gumbel.BinaryConcrete{Logit: 0.5, Tau: 0.5, Src: rand.NewPCG(1, 2)}
	above := 0
	for range 10000 {
		if b.Rand() > 0.5 {
			above++
		}
	}
	fmt.Println(above)
	// Output:
	// 6202
}
