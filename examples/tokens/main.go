// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command tokens samples text from a character bigram model of the
// Gettysburg Address (public domain, shipped beside it) with gumbel.Sampler
// under each of its transforms, and prints tokens per second:
//
//	go run ./examples/tokens [-n 200] [-seed 1]
//
// The model's logits for the next character are log(count(prev, next) + 0.001)
// over the 256 byte values, as float32, the form a language model gives.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/seed06c76d7c/gumbel"
)

//go:embed gettysburg.txt
var text string

// bigram returns the logits of the next byte after each byte.
func bigram(s string) [256][]float32 {
	var counts [256][256]float64
	for i := 1; i < len(s); i++ {
		counts[s[i-1]][s[i]]++
	}
	var logits [256][]float32
	for a := range logits {
		logits[a] = make([]float32, 256)
		for b := range logits[a] {
			logits[a][b] = float32(math.Log(counts[a][b] + 1e-3))
		}
	}
	return logits
}

// generate draws n characters after start with s and returns them and the
// tokens per second.
func generate(model [256][]float32, s *gumbel.Sampler, start byte, n int) (string, float64) {
	var b strings.Builder
	prev := start
	t0 := time.Now()
	for range n {
		tok, _ := s.Sample(model[prev])
		prev = byte(tok)
		b.WriteByte(prev)
	}
	return b.String(), float64(n) / time.Since(t0).Seconds()
}

// printable replaces the bytes outside ' '..'~' by '·' for display.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return '·'
		}
		return r
	}, string(toRunes(s)))
}

// toRunes maps each byte of s to the rune of the same value.
func toRunes(s string) []rune {
	r := make([]rune, len(s))
	for i := range len(s) {
		r[i] = rune(s[i])
	}
	return r
}

func main() {
	n := flag.Int("n", 200, "characters to draw per setting")
	seed := flag.Uint64("seed", 1, "seed of each sequence")
	flag.Parse()
	model := bigram(strings.Join(strings.Fields(text), " "))
	// Printable characters only, a grammar of sorts: the mask.
	allowed := make([]bool, 256)
	for c := ' '; c <= '~'; c++ {
		allowed[c] = true
	}
	settings := []struct {
		name string
		o    gumbel.SamplerOptions
	}{
		{"greedy (temperature 0)", gumbel.SamplerOptions{TopP: 1}},
		{"temperature 1", gumbel.DefaultSampling()},
		{"temperature 0.7", gumbel.SamplerOptions{Temperature: 0.7, TopP: 1}},
		{"top-k 5", gumbel.SamplerOptions{Temperature: 1, TopK: 5, TopP: 1}},
		{"top-p 0.8", gumbel.SamplerOptions{Temperature: 1, TopP: 0.8}},
		{"min-p 0.1", gumbel.SamplerOptions{Temperature: 1, TopP: 1, MinP: 0.1}},
		{"top-k 40 + top-p 0.9, printable only", gumbel.SamplerOptions{Temperature: 0.8, TopK: 40, TopP: 0.9, Allowed: allowed}},
		{"bias against 'e' (-5)", gumbel.SamplerOptions{Temperature: 1, TopP: 0.95, Bias: map[int]float32{'e': -5}}},
	}
	for _, st := range settings {
		s := gumbel.NewSampler(*seed, 1, st.o)
		out, tps := generate(model, s, 'T', *n)
		fmt.Printf("%s (%.2g tokens/s):\n  T%s\n", st.name, tps, printable(out))
	}
	if len(text) == 0 {
		os.Exit(1)
	}
}
