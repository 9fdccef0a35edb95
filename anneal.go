// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
)

// A Schedule maps a training step (0, 1, 2, ...) to a temperature. Every
// schedule in this package returns a finite tau > 0 for every step >= 0, and
// panics with ErrParameter if step < 0 or its own fields are out of range.
type Schedule interface {
	Tau(step int) float64
}

// Exponential is the annealing schedule of Jang et al. 2017 §4,
//
//	tau(t) = max(Min, Tau0 * exp(-Rate * t')),  t' = Every * floor(t / Every),
//
// recomputed every Every steps and held constant in between. Every <= 1
// recomputes at every step. PaperSchedule returns the authors' settings.
type Exponential struct {
	Tau0  float64 // initial temperature, finite and > 0
	Min   float64 // floor, finite and in (0, Tau0]
	Rate  float64 // decay rate r per step, finite and >= 0
	Every int     // steps between updates; <= 1 means every step
}

// PaperSchedule returns the schedule of the authors' categorical VAE
// (Jang et al. 2017 §4 and their notebook): Tau0 = 1, Min = 0.5,
// Rate = 3e-5, recomputed every 1000 steps. It reaches the floor 0.5 at step
// 24000 (3e-5 * 24000 = 0.72 > log 2).
func PaperSchedule() Exponential {
	return Exponential{Tau0: 1, Min: 0.5, Rate: 3e-5, Every: 1000}
}

// Tau returns the temperature at step. It panics with ErrParameter if step is
// negative or a field is out of range.
func (s Exponential) Tau(step int) float64 {
	const op = "Exponential.Tau"
	checkStep(op, step)
	checkPositive(op, "Tau0", s.Tau0)
	checkPositive(op, "Min", s.Min)
	if s.Min > s.Tau0 {
		panicf(op, ErrParameter, "Min %v is larger than Tau0 %v", s.Min, s.Tau0)
	}
	if !(s.Rate >= 0) || math.IsInf(s.Rate, 1) {
		panicf(op, ErrParameter, "Rate %v is not finite and >= 0", s.Rate)
	}
	if s.Every > 1 {
		step -= step % s.Every
	}
	return math.Max(s.Min, s.Tau0*fastExp(float64(-s.Rate*float64(step))))
}

// Constant is the schedule that always returns the same temperature (the
// paper's SBN runs hold tau at 1). It must be finite and > 0.
type Constant float64

// Tau returns float64(c). It panics with ErrParameter if step is negative or
// c is not finite and > 0.
func (c Constant) Tau(step int) float64 {
	checkStep("Constant.Tau", step)
	checkPositive("Constant.Tau", "the constant", float64(c))
	return float64(c)
}

// Linear interpolates linearly from Start at step 0 to End at step Steps and
// stays at End afterwards.
type Linear struct {
	Start, End float64 // finite and > 0
	Steps      int     // > 0
}

// Tau returns Start + (End-Start) * min(step, Steps)/Steps. It panics with
// ErrParameter if step is negative or a field is out of range.
func (s Linear) Tau(step int) float64 {
	f := fraction("Linear.Tau", step, s.Start, s.End, s.Steps)
	return s.Start + float64((s.End-s.Start)*f) // float64(): no fused multiply-add
}

// Cosine anneals from Start at step 0 to End at step Steps along half a
// cosine (Loshchilov & Hutter 2017, without restarts) and stays at End
// afterwards.
type Cosine struct {
	Start, End float64 // finite and > 0
	Steps      int     // > 0
}

// Tau returns End + (Start-End) * (1 + cos(π min(step, Steps)/Steps))/2. It
// panics with ErrParameter if step is negative or a field is out of range.
func (s Cosine) Tau(step int) float64 {
	f := fraction("Cosine.Tau", step, s.Start, s.End, s.Steps)
	c := float64(1+cosPi(float64(math.Pi*f))) / 2 // float64(): no fused multiply-add
	return s.End + float64((s.Start-s.End)*c)
}

// fraction validates a Start/End/Steps schedule and returns min(step, Steps)/Steps.
func fraction(op string, step int, start, end float64, steps int) float64 {
	checkStep(op, step)
	checkPositive(op, "Start", start)
	checkPositive(op, "End", end)
	if steps <= 0 {
		panicf(op, ErrParameter, "Steps %d is not > 0", steps)
	}
	return float64(min(step, steps)) / float64(steps)
}

func checkStep(op string, step int) {
	if step < 0 {
		panicf(op, ErrParameter, "step %d is negative", step)
	}
}

func checkPositive(op, name string, v float64) {
	if !(v > 0) || math.IsInf(v, 1) {
		panicf(op, ErrParameter, "%s %v is not finite and > 0", name, v)
	}
}
