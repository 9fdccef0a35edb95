// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package gumbel implements Gumbel-max sampling and the Gumbel-Softmax
// (Concrete) relaxation of categorical variables.
//
// It gives Gumbel noise, exact categorical sampling, relaxed, hard and
// log-space samples, the straight-through estimator with its derivatives,
// exact log-densities, relaxed Bernoulli variables, temperature schedules,
// Gumbel-top-k sampling without replacement, Gumbels conditioned on the
// argmax, the Gumbel-Rao and ReinMax gradient estimators, and a token sampler
// for language-model logits (temperature, top-k, top-p, min-p, masks).
// "Gumbel-Softmax" (Jang et al.) and "Concrete" (Maddison et al.) name the same distribution:
// the functions that draw it are named GumbelSoftmax, the distribution values
// with densities are named Concrete.
//
// # Conventions
//
// Logits are unnormalised log-probabilities: a vector l stands for the
// categorical distribution p = softmax(l). A logit of -Inf masks its category:
// it is never sampled and its relaxed value is exactly 0. Logits that name no
// distribution (every logit -Inf, or any NaN or +Inf) never give a
// valid-looking result: indices are -1 and vectors are filled with NaN.
// Every sampler follows softmax(l) exactly for finite logits of any
// magnitude: the noise is added to l_i - max l, so that softmax's shift
// invariance holds to the bit ([GumbelMax] of [1e17, 1e17] is a fair coin).
//
// # Randomness
//
// Every random operation is a method of a [Generator], built from a
// math/rand/v2 Source with [New] (or [NewSeeded]); the package-level function
// of the same name draws from a global, concurrency-safe source, as
// math/rand/v2's functions do. A Generator, like its Source, is not safe for
// concurrent use. The same source state gives the same numbers on every
// platform, CPU and build tag: exp, log and log1p are the package's own
// portable kernels (AVX-512, AVX2 and FMA on amd64, with a pure-Go twin
// selected by the noasm build tag), whose only fused multiply-adds are explicit math.FMA
// calls, and golden streams pin the results.
//
// [NewSeeded] uses the package's own [Source], a counter-based SplitMix64
// whose i-th output is a function of the seed and i alone: it fills blocks
// in AVX-512 or AVX2 lanes (with a pure-Go twin giving the same bits), several
// times faster than math/rand/v2's PCG, and it lets the batch forms draw
// large batches on every core GOMAXPROCS gives ([Generator.SetMaxWorkers]
// bounds it) with the bits of the rows drawn in order, whatever the number of
// goroutines. Any other rand.Source works at its own speed, in order.
//
// Uniform draws lie in the open interval (0, 1), in [2^-53, 1-2^-53] exactly,
// so no zero ever reaches a logarithm and every sample is finite whatever the
// source returns, even a source stuck at 0 or at 2^64-1.
//
// # Vectors and matrices
//
// The kernels work on []float64, as gonum's floats package does; the forms
// that take gonum's mat types (mat.Vector, mat.Matrix) wrap them. A function
// whose name ends in To writes its result to its first argument, dst, and
// returns it: if dst is nil, a new slice (or matrix, or struct) is allocated;
// otherwise its length (or shape) must match the input, and it may be the
// input itself. Called with a dst of the right size, these forms allocate
// nothing, but for a batch drawn on several goroutines (see
// Generator.SetMaxWorkers), which allocates a few small objects per worker
// and call (about 350 bytes with two workers), whatever its size. Batch
// forms take one vector of logits per matrix row and draw the rows in
// order, so a batch equals the same calls made row by row.
//
// # Float32 logits
//
// Forms for float32 logits end in 32, before a To, and a float32 draw type
// ends in 32 too: [Generator.GumbelMax32], [Generator.Categorical32],
// [Generator.GumbelTopK32To], [Generator.GumbelTopKBatch32To],
// [Generator.GumbelMaxBatch32To] and
// [Generator.CategoricalBatch32To] for indices; [Generator.SampleGumbel32],
// [Generator.GumbelSoftmax32To], [Generator.LogGumbelSoftmax32To], their
// batch forms, [Generator.StraightThrough32To] ([ST32]) and
// [Generator.StraightThroughBatch32To] ([STBatch32]) for float32 samples and
// gradients; the token [Sampler] takes float32 logits only. They read the
// logits as float64, which is exact, so the noise and every sum keep float64
// precision and no tail mass is lost: an index form returns what its float64
// form returns for the converted logits from the same source state, and a
// sample form returns the float64 form's values rounded to float32 once,
// except the soft sample, which float32 kernels (sixteen lanes with AVX-512,
// eight with AVX2, and pure-Go twins of the same bits) compute from the same
// source values, with the float64 forms' uniforms and sums, close to the
// float64 sample (see GumbelSoftmax32To for the bound).
// Batch forms of float32 logits take a row-major slice and the row length.
//
// # Errors
//
// Misuse panics before any work is done with an [*Error] whose message starts
// with "gumbel: ", names the function the caller called and the bad value,
// and wraps one of the sentinels [ErrTemperature], [ErrEmpty], [ErrLength] or
// [ErrParameter] for errors.Is. A zero Generator, a nil mat.Vector or
// mat.Matrix and a zero draw value panic the same way. Every function says
// what it panics on.
//
// # Which function do I want
//
//	one index from logits             GumbelMax, or Categorical (one random number per row: fastest)
//	one index per row of a matrix     GumbelMaxBatchTo, CategoricalBatchTo
//	a relaxed sample on the simplex   GumbelSoftmaxTo, GumbelSoftmax, GumbelSoftmaxBatchTo
//	log of a relaxed sample (small τ) LogGumbelSoftmaxTo, LogGumbelSoftmaxBatchTo
//	one-hot forward, soft backward    StraightThroughTo, StraightThroughBatchTo (ST.VJP, ST.TauVJP)
//	a lower-variance backward         GumbelRaoTo, GumbelRaoBatchTo (GumbelRao.VJP)
//	a second-order backward           ReinMaxTo, ReinMaxBatchTo (ReinMax.VJP)
//	k distinct indices                GumbelTopKTo, GumbelTopKBatchTo
//	Gumbels given the argmax          ConditionalGumbelTo, ConditionalGumbelBatchTo
//	densities                         Concrete, ExpConcrete, BinaryConcrete (LogProb)
//	relaxed Bernoulli                 RelaxedBernoulli, RelaxedBernoulliTo, RelaxedBernoulliST
//	temperature annealing             PaperSchedule, Exponential, Linear, Cosine, Constant
//	plain noise                       SampleGumbel, SampleGumbelLocScale, Gumbel, Uniform
//	a fast, parallel-friendly source  NewSource (NewSeeded's), SetMaxWorkers
//	next tokens from float32 logits   NewSampler (Sampler.Sample), SampleBatch
//	an index from float32 logits      GumbelMax32, Categorical32, GumbelTopK32To, GumbelTopKBatch32To, GumbelMaxBatch32To, CategoricalBatch32To
//	float32 samples and gradients     SampleGumbel32, GumbelSoftmax32To, LogGumbelSoftmax32To, StraightThrough32To (ST32),
//	                                  GumbelSoftmaxBatch32To, LogGumbelSoftmaxBatch32To, StraightThroughBatch32To (STBatch32)
//
// PyTorch's F.gumbel_softmax(logits, tau, hard=True) is the straight-through
// estimator: its forward value is one-hot and its gradient that of the soft
// sample. Here that is [Generator.StraightThroughTo]; the hard argument of
// [Generator.GumbelSoftmaxTo] gives a one-hot value with no gradient path.
//
// Use gonum instead when its contract is the one you need: distuv.Categorical
// for a categorical distribution value over explicit probabilities (Prob,
// LogProb, Rand) with no relaxation; sampleuv.Weighted for repeated draws
// from fixed weights, with or without replacement; floats.LogSumExp when
// results need not be bit-identical across CPUs ([LogSumExp] here is
// portable).
//
// # References
//
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
package gumbel
