// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestSchedules(t *testing.T) {
	t.Parallel()
	paper := PaperSchedule()
	for _, c := range []struct {
		name string
		s    Schedule
		step int
		want float64
	}{
		// Jang et al. 2017 §4: max(0.5, exp(-3e-5 t)), updated every 1000 steps.
		{"paper 0", paper, 0, 1},
		{"paper 999", paper, 999, 1},
		{"paper 1000", paper, 1000, math.Exp(-0.03)},
		{"paper 1999", paper, 1999, math.Exp(-0.03)},
		{"paper 10500", paper, 10500, math.Exp(-0.3)},
		{"paper 23000", paper, 23000, math.Exp(-0.69)},
		{"paper 24000 floor", paper, 24000, 0.5},
		{"paper 1e9 floor", paper, 1e9, 0.5},
		{"every step", Exponential{Tau0: 2, Min: 0.1, Rate: 1e-2}, 7, 2 * math.Exp(-0.07)},
		{"constant", Constant(0.7), 12345, 0.7},
		{"linear 0", Linear{Start: 2, End: 0.5, Steps: 100}, 0, 2},
		{"linear 50", Linear{Start: 2, End: 0.5, Steps: 100}, 50, 1.25},
		{"linear past end", Linear{Start: 2, End: 0.5, Steps: 100}, 1000, 0.5},
		{"cosine 0", Cosine{Start: 1, End: 0.1, Steps: 10}, 0, 1},
		{"cosine half", Cosine{Start: 1, End: 0.1, Steps: 10}, 5, 0.55},
		{"cosine end", Cosine{Start: 1, End: 0.1, Steps: 10}, 10, 0.1},
	} {
		if got := c.s.Tau(c.step); !scalar.EqualWithinAbsOrRel(got, c.want, 1e-15, 1e-14) {
			t.Errorf("%s: Tau(%d) = %v, want %v", c.name, c.step, got, c.want)
		}
	}
	// Every schedule is non-increasing here and stays in [End, Start].
	for _, s := range []Schedule{paper, Linear{Start: 1, End: 0.5, Steps: 77}, Cosine{Start: 1, End: 0.5, Steps: 77}} {
		prev := math.Inf(1)
		for step := 0; step < 30000; step += 37 {
			tau := s.Tau(step)
			if tau > prev || tau < 0.5 || tau > 1 {
				t.Fatalf("%#v: Tau(%d) = %v after %v", s, step, tau, prev)
			}
			prev = tau
		}
	}
}

func TestSchedulePanics(t *testing.T) {
	t.Parallel()
	src := &countingSource{src: rand.NewPCG(1, 1)}
	for name, f := range map[string]func(){
		"negative step":   func() { PaperSchedule().Tau(-1) },
		"zero Tau0":       func() { Exponential{Tau0: 0, Min: 0.5}.Tau(0) },
		"Min > Tau0":      func() { Exponential{Tau0: 1, Min: 2}.Tau(0) },
		"NaN rate":        func() { Exponential{Tau0: 1, Min: 0.5, Rate: math.NaN()}.Tau(0) },
		"negative rate":   func() { Exponential{Tau0: 1, Min: 0.5, Rate: -1}.Tau(0) },
		"zero constant":   func() { Constant(0).Tau(0) },
		"inf constant":    func() { Constant(math.Inf(1)).Tau(0) },
		"linear steps":    func() { Linear{Start: 1, End: 0.5}.Tau(0) },
		"linear end":      func() { Linear{Start: 1, End: -1, Steps: 3}.Tau(0) },
		"cosine start":    func() { Cosine{Start: math.NaN(), End: 1, Steps: 3}.Tau(0) },
		"cosine negative": func() { Cosine{Start: 1, End: 1, Steps: 3}.Tau(-5) },
	} {
		mustPanic(t, name, ErrParameter, src, f)
	}
}
