// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"testing"
)

// samplerReference returns the exact final distribution of SamplerOptions
// on logits, by the definitions and a full sort (an independent
// implementation: math.Exp, sort.Slice).
func samplerReference(logits []float32, o SamplerOptions) []float64 {
	V := len(logits)
	w := make([]float64, V)
	for i, v := range logits {
		x := float64(v)
		if b, ok := o.Bias[i]; ok {
			x += float64(b)
		}
		if o.Allowed != nil && !o.Allowed[i] {
			x = math.Inf(-1)
		}
		w[i] = x / o.Temperature
	}
	idx := make([]int, 0, V)
	for i := range w {
		if !math.IsInf(w[i], -1) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return w[idx[a]] > w[idx[b]] }) // ties: lower id first
	if o.TopK > 0 && o.TopK < len(idx) {
		idx = idx[:o.TopK]
	}
	probs := func(set []int) []float64 {
		m := w[set[0]]
		p := make([]float64, len(set))
		var z float64
		for j, i := range set {
			p[j] = math.Exp(w[i] - m)
			z += p[j]
		}
		for j := range p {
			p[j] /= z
		}
		return p
	}
	keep := max(o.MinKeep, 1)
	if o.MinP > 0 {
		p := probs(idx)
		n := 0
		for _, q := range p {
			if q >= o.MinP*p[0] {
				n++
			}
		}
		idx = idx[:max(n, min(keep, len(idx)))]
	}
	if o.TopP < 1 {
		p := probs(idx)
		var acc float64
		n := len(idx)
		for j, q := range p {
			acc += q
			if acc >= o.TopP*(1-1e-15) {
				n = j + 1
				break
			}
		}
		idx = idx[:max(n, min(keep, len(idx)))]
	}
	out := make([]float64, V)
	for j, q := range probs(idx) {
		out[idx[j]] = q
	}
	return out
}

// checkSamplerLaw draws n tokens and checks their frequencies against the
// reference law by chi-square, and every returned log-probability against
// the reference to 1e-9.
func checkSamplerLaw(t *testing.T, name string, logits []float32, o SamplerOptions, n int) {
	t.Helper()
	want := samplerReference(logits, o)
	s := NewSampler(11, 12, o)
	counts := make([]int, len(logits))
	for range n {
		tok, lp := s.Sample(logits)
		if tok < 0 || want[tok] == 0 {
			t.Fatalf("%s: drew token %d of probability %v", name, tok, want[tok])
		}
		if d := math.Abs(lp - math.Log(want[tok])); d > 1e-9 {
			t.Fatalf("%s: token %d log-probability %v, want %v", name, tok, lp, math.Log(want[tok]))
		}
		counts[tok]++
	}
	var nz []int
	var probs []float64
	for i, q := range want {
		if q > 0 {
			nz, probs = append(nz, counts[i]), append(probs, q)
		}
	}
	if len(nz) > 1 {
		_, _, p := chiSquare(nz, probs)
		t.Logf("%s: chi-square p = %.4g over %d tokens", name, p, len(nz))
		if p < pThreshold {
			t.Errorf("%s: chi-square p = %v: frequencies %v, law %v", name, p, counts, want)
		}
	}
}

// TestSamplerLaws checks each transform alone and in combination against
// the exact renormalised law (chi-square on 20,000 draws, exact
// log-probabilities), on a vocabulary with ties, masks and a bias, and on a
// vocabulary of 5,000 tokens through the selection paths.
func TestSamplerLaws(t *testing.T) {
	small := []float32{1, 0.5, 2, 2, -1, 0, 1.5, -3, 0.25, 1}
	allowed := []bool{true, true, true, false, true, true, true, true, false, true}
	bias := map[int]float32{4: 2.5, 7: 1}
	big := make([]float32, 5000)
	for i := range big {
		big[i] = float32(math.Sin(float64(i))*3 + float64(i%7)/7)
	}
	cases := []struct {
		name   string
		logits []float32
		o      SamplerOptions
	}{
		{"temperature", small, SamplerOptions{Temperature: 0.7, TopP: 1}},
		{"top-k", small, SamplerOptions{Temperature: 1, TopK: 4, TopP: 1}},
		{"top-p", small, SamplerOptions{Temperature: 1, TopP: 0.6}},
		{"min-p", small, SamplerOptions{Temperature: 1.3, TopP: 1, MinP: 0.3}},
		{"min-keep", small, SamplerOptions{Temperature: 1, TopP: 0.05, MinKeep: 3}},
		{"min-p+min-keep", small, SamplerOptions{Temperature: 1, TopP: 1, MinP: 0.9, MinKeep: 4}},
		{"mask+bias", small, SamplerOptions{Temperature: 1, TopP: 1, Allowed: allowed, Bias: bias}},
		{"all", small, SamplerOptions{Temperature: 0.8, TopK: 6, TopP: 0.8, MinP: 0.05, Allowed: allowed, Bias: bias}},
		{"big top-p", big, SamplerOptions{Temperature: 0.5, TopP: 0.5}},
		{"big top-k+top-p", big, SamplerOptions{Temperature: 1, TopK: 40, TopP: 0.9}},
		{"big min-p", big, SamplerOptions{Temperature: 0.4, TopP: 1, MinP: 0.2}},
		{"big top-p+min-keep", big, SamplerOptions{Temperature: 0.5, TopP: 0.02, MinKeep: 50}},
		{"big min-p+min-keep", big, SamplerOptions{Temperature: 0.3, TopP: 1, MinP: 0.99, MinKeep: 30}},
		{"big min-p+top-p", big, SamplerOptions{Temperature: 0.6, TopP: 0.7, MinP: 0.01}},
	}
	n := 20000
	if testing.Short() {
		n = 3000 // the race detector's run
	}
	for _, c := range cases {
		checkSamplerLaw(t, c.name, c.logits, c.o, n)
	}
}

// TestSamplerMaskThenTruncate is the case where a grammar's mask must act
// before top-p: p = (0.4, 0.35, 0.25), top-p 0.7, allowed {0, 2}: the mask
// leaves (0.615, 0.385), whose top-p 0.7 set is both tokens.
func TestSamplerMaskThenTruncate(t *testing.T) {
	logits := []float32{float32(math.Log(0.4)), float32(math.Log(0.35)), float32(math.Log(0.25))}
	o := SamplerOptions{Temperature: 1, TopP: 0.7, Allowed: []bool{true, false, true}}
	want := samplerReference(logits, o)
	if math.Abs(want[0]-0.4/0.65) > 1e-6 || math.Abs(want[2]-0.25/0.65) > 1e-6 || want[1] != 0 {
		t.Fatalf("reference law %v, want (0.615, 0, 0.385)", want)
	}
	checkSamplerLaw(t, "mask then top-p", logits, o, 20000)
}

// TestSamplerTailMass draws from 128,000 float32 logits: l_0 = 0 and every
// other logit log(5e-8), whose tail carries 127,999 * 5e-8 / (1 + that) =
// 0.636% of the mass: 20,000 draws must give about 127 tail tokens
// (binomial standard deviation 11.2), not the 0 of float32 sums; and the
// min-p path (every token a candidate) 4,000 draws about 25.
func TestSamplerTailMass(t *testing.T) {
	const V = 128000
	n := 20000
	if testing.Short() {
		n = 2000 // the race detector's run: about 13 tail tokens expected
	}
	logits := make([]float32, V)
	for i := 1; i < V; i++ {
		logits[i] = float32(math.Log(5e-8))
	}
	pTail := 0.0
	{
		q := math.Exp(float64(logits[1]))
		pTail = float64(V-1) * q / (1 + float64(V-1)*q)
	}
	for _, c := range []struct {
		o SamplerOptions
		n int
	}{{DefaultSampling(), n}, {SamplerOptions{Temperature: 1, TopP: 1, MinP: 1e-8}, n / 5}} {
		o, n := c.o, c.n
		s := NewSampler(3, 4, o)
		tail := 0
		for range n {
			if tok, _ := s.Sample(logits); tok != 0 {
				tail++
			}
		}
		mean, sd := float64(n)*pTail, math.Sqrt(float64(n)*pTail*(1-pTail))
		t.Logf("MinP %v: %d tail tokens, expected %.1f +- %.1f", o.MinP, tail, mean, sd)
		if math.Abs(float64(tail)-mean) > 5*sd {
			t.Errorf("MinP %v: %d tail tokens in %d draws, expected %.1f +- %.1f", o.MinP, tail, n, mean, sd)
		}
	}
}

// TestSamplerGreedyDeterminismBatch checks greedy decoding, that a seed
// gives the same tokens, and that SampleBatch equals the samplers run one by
// one for any GOMAXPROCS.
func TestSamplerGreedyDeterminismBatch(t *testing.T) {
	logits := []float32{0.5, 3, 3, -1, 2}
	if tok, lp := NewSampler(1, 1, SamplerOptions{TopP: 1}).Sample(logits); tok != 1 || lp != 0 {
		t.Errorf("greedy: %d %v, want 1 0", tok, lp)
	}
	o := SamplerOptions{Temperature: 1, TopP: 1, Allowed: []bool{true, false, true, true, true}}
	if tok, _ := NewSampler(1, 1, SamplerOptions{TopP: 1, Allowed: o.Allowed}).Sample(logits); tok != 2 {
		t.Errorf("greedy with token 1 masked: %d, want 2", tok)
	}
	a, b := NewSampler(5, 6, o), NewSampler(5, 6, o)
	for range 100 {
		if x, _ := a.Sample(logits); x != func() int { y, _ := b.Sample(logits); return y }() {
			t.Fatal("one seed, two token streams")
		}
	}
	const seqs = 7
	rows := make([][]float32, seqs)
	for i := range rows {
		rows[i] = make([]float32, 300)
		for j := range rows[i] {
			rows[i][j] = float32((i*j)%11) / 3
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []int
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		samplers := make([]*Sampler, seqs)
		for i := range samplers {
			samplers[i] = NewSampler(uint64(i), 9, SamplerOptions{Temperature: 0.9, TopK: 20, TopP: 0.95})
		}
		got := make([]int, 0, seqs*10)
		toks, lps := make([]int, seqs), make([]float64, seqs)
		for range 10 {
			SampleBatch(toks, lps, samplers, rows)
			got = append(got, toks...)
		}
		if want == nil {
			want = got
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("GOMAXPROCS=%d: token %d differs", procs, i)
			}
		}
	}
}

// TestSamplerErrorsAndAllocs checks every bad parameter's panic, the -1/NaN
// answer to logits that name no distribution, and that a token costs no
// allocation once the scratch has grown.
func TestSamplerErrorsAndAllocs(t *testing.T) {
	bad := []SamplerOptions{
		{Temperature: -1, TopP: 1}, {Temperature: math.NaN(), TopP: 1}, {Temperature: math.Inf(1), TopP: 1},
		{Temperature: 1, TopP: 0}, {Temperature: 1, TopP: 1.5}, {Temperature: 1, TopP: math.NaN()},
		{Temperature: 1, TopP: 1, TopK: -1}, {Temperature: 1, TopP: 1, MinP: -0.1}, {Temperature: 1, TopP: 1, MinP: 2},
		{Temperature: 1, TopP: 1, MinKeep: -1},
	}
	for _, o := range bad {
		sentinel := ErrParameter
		if !(o.Temperature >= 0) || math.IsInf(o.Temperature, 1) {
			sentinel = ErrTemperature
		}
		wantPanic(t, "NewSampler", sentinel, func() { NewSampler(1, 1, o) })
	}
	s := NewSampler(1, 1, SamplerOptions{Temperature: 1, TopP: 1, Allowed: []bool{true, true}})
	wantPanic(t, "Sampler.Sample", ErrLength, func() { s.Sample([]float32{1, 2, 3}) })
	wantPanic(t, "Sampler.Sample", ErrEmpty, func() { NewSampler(1, 1, DefaultSampling()).Sample(nil) })
	wantPanic(t, "Sampler.Sample", ErrParameter, func() {
		NewSampler(1, 1, SamplerOptions{Temperature: 1, TopP: 1, Bias: map[int]float32{5: 1}}).Sample([]float32{1, 2})
	})
	wantPanic(t, "SampleBatch", ErrLength, func() { SampleBatch(make([]int, 1), nil, []*Sampler{s}, [][]float32{{1, 2}}) })
	for _, l := range [][]float32{{1, float32(math.NaN())}, {float32(math.Inf(1)), 0}, {float32(math.Inf(-1)), float32(math.Inf(-1))}} {
		for _, o := range []SamplerOptions{DefaultSampling(), {TopP: 1}, {Temperature: 1, TopK: 1, TopP: 0.5}} {
			if tok, lp := NewSampler(1, 1, o).Sample(l); tok != -1 || lp == lp {
				t.Errorf("logits %v: %d %v, want -1 NaN", l, tok, lp)
			}
		}
	}
	var e *Error
	func() {
		defer func() { _ = errors.As(recover().(error), &e) }()
		NewSampler(1, 1, SamplerOptions{Temperature: 1, TopP: 2})
	}()
	if e == nil || e.Op != "NewSampler" {
		t.Errorf("error %v does not name NewSampler", e)
	}
	logits := make([]float32, 4096)
	for i := range logits {
		logits[i] = float32(i%13) / 4
	}
	for _, o := range []SamplerOptions{DefaultSampling(), {Temperature: 1, TopK: 40, TopP: 0.9}, {Temperature: 1, TopP: 0.9, MinP: 0.05}} {
		s := NewSampler(1, 2, o)
		s.Sample(logits)
		if n := testing.AllocsPerRun(20, func() { s.Sample(logits) }); n != 0 {
			t.Errorf("%+v: %v allocations per token", o, n)
		}
	}
}

// TestSamplerStreamMatchesAll checks that the streaming path (no bias, mask
// or truncation) draws the tokens, with the log-probabilities, of the path
// through the full float64 copy, from the same seed.
func TestSamplerStreamMatchesAll(t *testing.T) {
	for _, V := range []int{1, 7, 255, 256, 257, 5000} {
		logits := make([]float32, V)
		for i := range logits {
			logits[i] = float32(math.Cos(float64(i)) * 4)
		}
		logits[V/2] = float32(math.Inf(-1))
		if V == 1 {
			logits[0] = 0
		}
		o := SamplerOptions{Temperature: 0.9, TopP: 1}
		a := NewSampler(5, 5, o)
		b := NewSampler(5, 5, o)
		for range 200 {
			ta, la := a.Sample(logits)
			w := make([]float64, V)
			m, _ := prepGo(w, logits)
			b.inv = 1 / 0.9
			tb, lb := b.sampleAll(w, nil, m)
			if ta != tb || math.Float64bits(la) != math.Float64bits(lb) {
				t.Fatalf("V=%d: stream %d %v, full copy %d %v", V, ta, la, tb, lb)
			}
		}
	}
}

// TestSamplerExtremes checks logits near MaxFloat32 at a tiny temperature
// (the tempered logits would overflow; their differences do not), a
// vocabulary of one token, and ties.
func TestSamplerExtremes(t *testing.T) {
	big := []float32{math.MaxFloat32, math.MaxFloat32 / 2, 0, float32(math.Inf(-1))}
	for _, o := range []SamplerOptions{
		{Temperature: 1e-300, TopP: 1}, {Temperature: 1e-300, TopK: 2, TopP: 0.5}, {Temperature: 1e-300, TopP: 1, MinP: 0.1},
		{Temperature: 1e300, TopP: 1},
	} {
		s := NewSampler(1, 1, o)
		for range 50 {
			tok, lp := s.Sample(big)
			if o.Temperature < 1 && (tok != 0 || lp != 0) {
				t.Fatalf("%+v: %d %v, want 0 0", o, tok, lp)
			}
			if tok < 0 || tok > 2 || !(lp <= 0) {
				t.Fatalf("%+v: %d %v", o, tok, lp)
			}
		}
	}
	if tok, lp := NewSampler(1, 1, DefaultSampling()).Sample([]float32{-3}); tok != 0 || lp != 0 {
		t.Errorf("one token: %d %v", tok, lp)
	}
	tie := []float32{2, 2, 2, 2}
	checkSamplerLaw(t, "ties", tie, SamplerOptions{Temperature: 1, TopK: 2, TopP: 1}, 4000)
}

// TestSamplerTopKFastPath checks that top-k on the float32 logits (the path
// of plain options) draws the token and log-probability the general path
// draws, which converts every logit and selects in float64: the general
// path is taken with a Bias of zeros, which changes no logit.
func TestSamplerTopKFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 40))
	for _, V := range []int{2, 41, 300, 5000} {
		logits := make([]float32, V)
		for i := range logits {
			logits[i] = float32(math.Round(r.NormFloat64()*8) / 4) // ties
			if r.IntN(10) == 0 {
				logits[i] = float32(math.Inf(-1))
			}
		}
		logits[V-1] = 1
		zero := map[int]float32{0: 0}
		for _, o := range []SamplerOptions{
			{Temperature: 0.8, TopK: 40, TopP: 0.9},
			{Temperature: 1.3, TopK: 1, TopP: 1},
			{Temperature: 0.5, TopK: 7, TopP: 1, MinP: 0.1, MinKeep: 3},
		} {
			if o.TopK >= V {
				continue
			}
			general := o
			general.Bias = zero
			a, b := NewSampler(9, uint64(V), o), NewSampler(9, uint64(V), general)
			for n := range 300 {
				ta, la := a.Sample(logits)
				tb, lb := b.Sample(logits)
				if ta != tb || la != lb {
					t.Fatalf("V=%d %+v draw %d: top-k on float32 gives %d %v, the general path %d %v", V, o, n, ta, la, tb, lb)
				}
			}
		}
	}
}
