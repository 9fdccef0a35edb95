// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package gumbel implements the Gumbel-max trick and the Gumbel-Softmax
// (Concrete) relaxation of categorical variables: Gumbel noise, exact
// categorical sampling (by the Gumbel-max trick, GumbelMax, or by inverting
// the CDF with one random number per row, Categorical), relaxed and hard
// (straight-through) samples with their derivatives, log-space samples,
// exact log-densities, relaxed Bernoulli variables and temperature annealing
// schedules. Beyond these it offers Gumbel-top-k sampling without
// replacement (GumbelTopKTo), Gumbels conditioned on the argmax
// (ConditionalGumbelTo), and two lower-bias or lower-variance gradient
// estimators for categorical samples: Gumbel-Rao (GumbelRaoTo) and ReinMax
// (ReinMaxTo).
//
// References:
//   - E. Jang, S. Gu, B. Poole. Categorical Reparameterization with
//     Gumbel-Softmax. ICLR 2017.
//   - C. J. Maddison, A. Mnih, Y. W. Teh. The Concrete Distribution: A
//     Continuous Relaxation of Discrete Random Variables. ICLR 2017.
//   - E. J. Gumbel. Statistical Theory of Extreme Values and Some Practical
//     Applications. 1954.
//   - W. Kool, H. van Hoof, M. Welling. Stochastic Beams and Where to Find
//     Them: The Gumbel-Top-k Trick. ICML 2019.
//   - M. B. Paulus, C. J. Maddison, A. Krause. Rao-Blackwellizing the
//     Straight-Through Gumbel-Softmax Gradient Estimator. ICLR 2021.
//   - L. Liu, C. Dong, X. Liu, B. Yu, J. Gao. Bridging Discrete and
//     Backpropagation: Straight-Through and Beyond (ReinMax). NeurIPS 2023.
//
// # Conventions
//
// Logits are unnormalised log-probabilities: a vector l stands for the
// categorical distribution p = softmax(l). A logit of -Inf masks its category:
// it is never sampled and its relaxed value is exactly 0. Logits that name no
// distribution (every logit -Inf, or any NaN or +Inf) never give a
// valid-looking result: indices are -1 and vectors are filled with NaN.
// Logits are used as given: the noise is added to them in float64, so for
// logits larger than about 1e15 in magnitude the low bits of the noise are
// lost to rounding (tied huge logits then resolve to the lowest index).
// Subtract the largest logit first, as every softmax is shift-invariant.
//
// Randomness. Every random operation is a method of a Generator, built from a
// math/rand/v2 Source with New (or NewSeeded): the same source state gives the
// same numbers on every platform and build tag: exp and log are the
// package's own portable kernels (AVX2 and FMA on amd64, with a pure-Go twin
// selected by the noasm build tag), whose only fused multiply-adds are
// explicit math.FMA calls (one rounding everywhere; in software, and so
// slower, on a CPU without FMA), and golden streams pin the results. A
// Generator, like its Source, is not safe for concurrent use. The
// package-level functions of the same names draw from a global,
// concurrency-safe source, as math/rand/v2's do.
//
// Uniform draws lie in the open interval (0, 1), in [2^-53, 1-2^-53] exactly,
// so no zero ever reaches a logarithm and every sample is finite whatever the
// source returns, even a source stuck at 0 or at 2^64-1.
//
// Vectors. The kernels work on []float64, as gonum's floats package does;
// the forms that take gonum's mat types (mat.Vector, mat.Matrix) wrap them.
// A function whose name ends in To writes its result to its first argument,
// dst, and returns it: "If dst is nil, a new slice (or matrix) is allocated;
// otherwise its length (or shape) must match the input, and it may be the
// input itself." Called with a dst of the right size, these forms allocate
// nothing. Batch forms take one vector of logits per matrix row and draw the
// rows in order, so a batch equals the same calls made row by row.
//
// Errors. Misuse panics before any work is done with an *Error whose message
// starts with "gumbel: ", names the function and the bad value, and wraps
// one of the sentinels ErrTemperature, ErrEmpty, ErrLength or ErrParameter
// for errors.Is. Every function says what it panics on.
package gumbel
