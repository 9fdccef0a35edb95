// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleConstant() {
	// Every schedule is a gumbel.Schedule: a training loop takes any of them.
	schedules := []gumbel.Schedule{
		gumbel.Constant(1),
		gumbel.PaperSchedule(),
		gumbel.Linear{Start: 1, End: 0.5, Steps: 20000},
		gumbel.Cosine{Start: 1, End: 0.5, Steps: 20000},
	}
	for _, s := range schedules {
		fmt.Printf("%T at step 10000: %.3f\n", s, s.Tau(10000))
	}
	// Output:
	// gumbel.Constant at step 10000: 1.000
	// gumbel.Exponential at step 10000: 0.741
	// gumbel.Linear at step 10000: 0.750
	// gumbel.Cosine at step 10000: 0.750
}

func ExampleConstant_Tau() {
	// The same temperature at every step.
	s := gumbel.Constant(0.5)
	fmt.Printf("%.3f %.3f\n", s.Tau(0), s.Tau(1000000))
	// Output:
	// 0.500 0.500
}

func ExampleLinear() {
	// Anneal from 2 to 0.5 over 1000 steps, then hold.
	s := gumbel.Linear{Start: 2, End: 0.5, Steps: 1000}
	for _, step := range []int{0, 500, 1000, 5000} {
		fmt.Printf("step %4d: tau %.3f\n", step, s.Tau(step))
	}
	// Output:
	// step    0: tau 2.000
	// step  500: tau 1.250
	// step 1000: tau 0.500
	// step 5000: tau 0.500
}

func ExampleLinear_Tau() {
	// Tau(step) = Start + (End-Start) * min(step, Steps)/Steps.
	s := gumbel.Linear{Start: 1, End: 0.1, Steps: 100}
	fmt.Printf("%.3f = %.3f\n", s.Tau(30), 1+(0.1-1)*30.0/100)
	// Output:
	// 0.730 = 0.730
}

func ExampleExponential() {
	// Decay from 2 by exp(-1e-3 t), recomputed every step, to a floor of 0.5:
	// the floor is reached at the first t with 2 exp(-1e-3 t) <= 0.5, t = 1387.
	s := gumbel.Exponential{Tau0: 2, Min: 0.5, Rate: 1e-3}
	step := 0
	for s.Tau(step) > s.Min {
		step++
	}
	fmt.Println(step)
	// Output:
	// 1387
}

func ExampleExponential_Tau() {
	// With Every = 100 the temperature is held between updates.
	s := gumbel.Exponential{Tau0: 1, Min: 0.1, Rate: 1e-3, Every: 100}
	fmt.Printf("%.4f %.4f %.4f\n", s.Tau(0), s.Tau(99), s.Tau(100))
	// Output:
	// 1.0000 1.0000 0.9048
}

func ExampleCosine() {
	// Half a cosine from 1 to 0.1: slow at both ends, the mean at half-way.
	s := gumbel.Cosine{Start: 1, End: 0.1, Steps: 100}
	for _, step := range []int{0, 10, 50, 90, 100} {
		fmt.Printf("step %3d: tau %.3f\n", step, s.Tau(step))
	}
	// Output:
	// step   0: tau 1.000
	// step  10: tau 0.978
	// step  50: tau 0.550
	// step  90: tau 0.122
	// step 100: tau 0.100
}

func ExampleCosine_Tau() {
	// After Steps the temperature stays at End.
	s := gumbel.Cosine{Start: 5, End: 0.5, Steps: 1000}
	fmt.Printf("%.3f %.3f\n", s.Tau(1000), s.Tau(1<<30))
	// Output:
	// 0.500 0.500
}
