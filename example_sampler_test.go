// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleSampler() {
	// Next-token sampling from a language model's float32 logits: one
	// Sampler per sequence, seeded, reused for every token (no allocation
	// once its scratch space has grown to the vocabulary).
	logits := []float32{2, 1, 0.5, -1, 3, 0}
	s := gumbel.NewSampler(1, 2, gumbel.SamplerOptions{Temperature: 0.8, TopK: 3, TopP: 0.9})
	for range 3 {
		tok, lp := s.Sample(logits)
		fmt.Printf("token %d, p = %.3f\n", tok, math.Exp(lp))
	}
	// Output:
	// token 4, p = 0.777
	// token 4, p = 0.777
	// token 0, p = 0.223
}

func ExampleNewSampler() {
	// Greedy decoding: temperature 0 takes the most probable token.
	s := gumbel.NewSampler(1, 2, gumbel.SamplerOptions{Temperature: 0, TopP: 1})
	tok, lp := s.Sample([]float32{0.1, 2.5, 2.4})
	fmt.Println(tok, lp)
	// Output:
	// 1 0
}

func ExampleSamplerOptions() {
	// A grammar allows tokens 0 and 2 only; the mask acts before top-p, so
	// the nucleus is measured on the allowed tokens: p = (0.4, 0.35, 0.25)
	// masked to (0.615, 0, 0.385), and top-p 0.7 keeps both.
	logits := []float32{float32(math.Log(0.4)), float32(math.Log(0.35)), float32(math.Log(0.25))}
	s := gumbel.NewSampler(1, 2, gumbel.SamplerOptions{Temperature: 1, TopP: 0.7, Allowed: []bool{true, false, true}})
	counts := make([]int, 3)
	for range 10000 {
		tok, _ := s.Sample(logits)
		counts[tok]++
	}
	fmt.Printf("%.2f %.2f %.2f\n", float64(counts[0])/1e4, float64(counts[1])/1e4, float64(counts[2])/1e4)
	// Output:
	// 0.62 0.00 0.38
}

func ExampleDefaultSampling() {
	// Temperature 1, no truncation: the model's own distribution, with the
	// log-probability of the token drawn.
	s := gumbel.NewSampler(1, 2, gumbel.DefaultSampling())
	tok, lp := s.Sample([]float32{0, float32(math.Log(3))})
	fmt.Printf("token %d, p = %.2f\n", tok, math.Exp(lp))
	// Output:
	// token 1, p = 0.75
}

func ExampleSampler_Sample() {
	// A logit bias and min-p: token 3 is boosted by 2, and tokens below a
	// tenth of the most probable one are dropped.
	logits := []float32{1, 0, -2, 0, -4}
	s := gumbel.NewSampler(3, 4, gumbel.SamplerOptions{Temperature: 1, TopP: 1, MinP: 0.1, Bias: map[int]float32{3: 2}})
	counts := make([]int, len(logits))
	for range 1000 {
		tok, _ := s.Sample(logits)
		counts[tok]++
	}
	fmt.Println(counts)
	// Output:
	// [254 75 0 671 0]
}

func ExampleSampler_SetOptions() {
	// Switch a sequence to greedy decoding midway; its seed stays.
	s := gumbel.NewSampler(1, 2, gumbel.DefaultSampling())
	s.SetOptions(gumbel.SamplerOptions{TopP: 1})
	tok, _ := s.Sample([]float32{0, 1, 5, 2})
	fmt.Println(tok)
	// Output:
	// 2
}

func ExampleSampleBatch() {
	// One token for each of three sequences, on every core; each sequence
	// draws from its own Sampler, so the tokens do not depend on the
	// number of goroutines.
	logits := [][]float32{{0, 5, 0}, {5, 0, 0}, {0, 0, 5}}
	samplers := make([]*gumbel.Sampler, len(logits))
	for i := range samplers {
		samplers[i] = gumbel.NewSampler(uint64(i), 1, gumbel.SamplerOptions{Temperature: 0.5, TopK: 2, TopP: 1})
	}
	tokens, logProbs := make([]int, 3), make([]float64, 3)
	gumbel.SampleBatch(tokens, logProbs, samplers, logits)
	fmt.Println(tokens)
	// Output:
	// [1 0 2]
}
