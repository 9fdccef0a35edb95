// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// SamplerOptions are the transforms a Sampler applies to a language model's
// logits before it draws a token. They are applied in this order:
//
//  1. Bias: Bias[t] is added to logit t.
//  2. Mask: a token with Allowed[t] false gets logit -Inf (never drawn).
//  3. Temperature: the logits are divided by Temperature (computed as a
//     product with 1/Temperature); Temperature 0 is greedy decoding: the
//     token of the largest biased, allowed logit (the first on ties), with
//     log-probability 0, and the transforms below do not apply.
//  4. Top-k: only the TopK tokens of largest logit are kept (ties at the
//     boundary go to the lowest token ids).
//  5. Min-p: only the tokens whose probability is at least MinP times the
//     largest probability are kept, and at least max(MinKeep, 1) tokens.
//  6. Top-p (nucleus): only the smallest set of most probable tokens whose
//     probability sums to at least TopP is kept (ties in probability go to
//     the lowest token ids), and at least max(MinKeep, 1) tokens.
//
// Each truncation renormalises what it keeps, and the token is drawn from the
// distribution that remains, exactly: probabilities and sums are float64
// whatever the precision of the logits, so no tail mass is lost. A mask
// composes with truncation exactly: masked tokens are gone before any
// truncation measures mass.
type SamplerOptions struct {
	Temperature float64         // >= 0; 0: greedy
	TopK        int             // >= 0; 0 keeps every token
	TopP        float64         // in (0, 1]; 1 keeps every token
	MinP        float64         // in [0, 1]; 0 keeps every token
	MinKeep     int             // >= 0; the least number of tokens min-p and top-p keep
	Bias        map[int]float32 // added to the logits; keys must be token ids
	Allowed     []bool          // nil (every token allowed) or one entry per token
}

// DefaultSampling is plain sampling at temperature 1 with no truncation.
func DefaultSampling() SamplerOptions { return SamplerOptions{Temperature: 1, TopP: 1} }

// Sampler draws tokens for one sequence from float32 logits, in O(V) time
// per token for a vocabulary of V tokens (no full sort: top-k by a bounded
// heap, top-p by a mass-weighted selection) and without allocating once its
// scratch space has grown to V. It draws from its own Source, seeded at
// creation, one uniform per token (none when greedy), so a sequence's tokens depend on its seed
// alone. A Sampler is not safe for concurrent use; use one per sequence (see
// SampleBatch).
type Sampler struct {
	opt  SamplerOptions
	src  Source
	w    []float64 // transformed logits
	p    []float64 // exp(w - max w)
	cand []int32   // candidate token ids
	sums []float64 // sums of blocks of p (sampleAll)
	inv  float64   // 1/Temperature of the current draw
}

// NewSampler returns a Sampler with the given options drawing from
// NewSource(seed1, seed2). It panics with ErrTemperature if the temperature
// is negative or not finite and with ErrParameter if TopK < 0, MinKeep < 0,
// TopP is not in (0, 1] or MinP is not in [0, 1].
func NewSampler(seed1, seed2 uint64, opt SamplerOptions) *Sampler {
	checkSamplerOptions("NewSampler", opt)
	s := &Sampler{opt: opt}
	s.src.Seed(seed1, seed2)
	return s
}

// SetOptions replaces the options of s; it panics as NewSampler does.
func (s *Sampler) SetOptions(opt SamplerOptions) {
	checkSamplerOptions("Sampler.SetOptions", opt)
	s.opt = opt
}

func checkSamplerOptions(op string, o SamplerOptions) {
	if !(o.Temperature >= 0) || math.IsInf(o.Temperature, 1) {
		panicf(op, ErrTemperature, "temperature %v is not finite and >= 0", o.Temperature)
	}
	if o.TopK < 0 {
		panicf(op, ErrParameter, "TopK = %d is negative", o.TopK)
	}
	if o.MinKeep < 0 {
		panicf(op, ErrParameter, "MinKeep = %d is negative", o.MinKeep)
	}
	if !(o.TopP > 0 && o.TopP <= 1) {
		panicf(op, ErrParameter, "TopP = %v is not in (0, 1] (1 keeps every token)", o.TopP)
	}
	if !(o.MinP >= 0 && o.MinP <= 1) {
		panicf(op, ErrParameter, "MinP = %v is not in [0, 1]", o.MinP)
	}
}

// Sample draws a token from logits under the options of s and returns it
// with its log-probability under the final (biased, masked, tempered,
// truncated and renormalised) distribution. If the logits name no
// distribution after the bias and the mask (every token masked, or an
// allowed logit NaN or +Inf), it returns -1 and NaN, and consumes no
// randomness. It panics with ErrEmpty if logits is empty, with ErrLength if
// Allowed is not nil and has another length, and with ErrParameter if a
// Bias key is not a token id.
func (s *Sampler) Sample(logits []float32) (token int, logProb float64) {
	s.check("Sampler.Sample", logits)
	return s.sample(logits)
}

// check panics unless logits suit the options of s (see Sample).
func (s *Sampler) check(op string, logits []float32) {
	V := len(logits)
	checkNonEmpty(op, V)
	if s.opt.Allowed != nil {
		checkLen(op, "Allowed", len(s.opt.Allowed), V)
	}
	for t := range s.opt.Bias {
		if t < 0 || t >= V {
			panicf(op, ErrParameter, "Bias for token %d, out of range [0, %d)", t, V)
		}
	}
}

// sample is Sample on checked arguments.
func (s *Sampler) sample(logits []float32) (token int, logProb float64) {
	V := len(logits)
	o := &s.opt
	if cap(s.w) < V {
		s.w, s.p, s.cand = make([]float64, V), make([]float64, V), make([]int32, V)
	}
	w, p := s.w[:V], s.p[:V]
	inv := 1.0
	if o.Temperature > 0 {
		inv = 1 / o.Temperature
	}
	plain := o.Allowed == nil && len(o.Bias) == 0
	if plain && o.Temperature > 0 && (o.TopK == 0 || o.TopK >= V) && o.MinP == 0 && o.TopP == 1 {
		return s.sampleStream(logits, inv)
	}
	// w holds the biased, masked logits; the temperature scales their
	// differences to the largest, exp((w - m)/T), so that no tempered logit
	// overflows at a tiny temperature.
	s.inv = inv
	if k := o.TopK; plain && o.Temperature > 0 && k > 0 && k < V {
		// Top-k of the logits themselves (float64 is exact and keeps the
		// order): w and p are needed at the candidates only.
		x, bad := maxF32Body(logits)
		m := float64(x)
		if bad || m < -math.MaxFloat64 {
			return -1, math.NaN()
		}
		c := topK(s.cand[:0], logits, k)
		for _, i := range c {
			w[i] = float64(logits[i])
		}
		return s.topKDraw(c, w, p, m, max(o.MinKeep, 1))
	}
	var m float64
	var bad bool
	if plain {
		m, bad = prepBody(w, logits)
	} else {
		s.prepare(w, logits)
		m, bad = maxBody(w)
	}
	if bad || m < -math.MaxFloat64 {
		return -1, math.NaN()
	}
	if o.Temperature == 0 {
		return slices.Index(w, m), 0
	}
	k := o.TopK
	keep := max(o.MinKeep, 1)
	if k == 0 || k >= V {
		if o.MinP == 0 && o.TopP == 1 {
			return s.sampleAll(w, nil, m)
		}
		z := expSumTo(p, w, m, inv)
		if o.MinP > 0 {
			// The candidates min-p keeps, or all if too few pass.
			c := s.cand[:0]
			for i, q := range p {
				if q >= o.MinP {
					c = append(c, int32(i))
				}
			}
			if len(c) < keep {
				c = appendPositive(s.cand[:0], p)
			}
			return s.truncateAndDraw(c, w, p, m, keep, 0)
		}
		return s.truncateAndDraw(s.nucleusCandidates(p, z, keep), w, p, m, keep, z)
	}
	return s.topKDraw(topK(s.cand[:0], w, k), w, p, m, keep)
}

// topKDraw sets p to exp((w - m)/T) at the top-k candidates c (the only
// entries of w and p it reads) and draws among them (truncateAndDraw).
func (s *Sampler) topKDraw(c []int32, w, p []float64, m float64, keep int) (int, float64) {
	for _, i := range c {
		p[i] = fastExp(float64(w[i]-m) * s.inv)
	}
	return s.truncateAndDraw(c, w, p, m, keep, 0)
}

// appendPositive appends to c the tokens of positive p.
func appendPositive(c []int32, p []float64) []int32 {
	for i, q := range p {
		if q > 0 {
			c = append(c, int32(i))
		}
	}
	return c
}

// nucleusCandidates returns the tokens that can be in the top-p set of the
// whole vocabulary, whose mass is z: the probabilities are binned by their
// binary exponent (p in [2^-b, 2^-b+1), p <= 1), the bins are summed from the
// top until they hold TopP z and keep tokens, and the tokens of those bins
// and one more (a margin for the rounding of the sums) are the candidates;
// every token of the set is among them, so the selection among them is
// exact.
func (s *Sampler) nucleusCandidates(p []float64, z float64, keep int) []int32 {
	const bins = 66
	var mass [bins]float64
	var count [bins]int
	for _, q := range p {
		if q > 0 {
			b := pBin(q)
			mass[b] += q
			count[b]++
		}
	}
	target := s.opt.TopP * z
	B := bins - 1
	var acc float64
	n := 0
	for b := range bins {
		acc += mass[b]
		n += count[b]
		if acc >= target && n >= keep {
			B = min(b+1, bins-1)
			break
		}
	}
	c := s.cand[:0]
	for i, q := range p {
		if q > 0 && pBin(q) <= B {
			c = append(c, int32(i))
		}
	}
	return c
}

// pBin is the bin of a probability q in (0, 1] by its binary exponent: 0
// for q = 1, b for q in [2^-b, 2^-b+1), 64 below 2^-63 (subnormals
// included).
func pBin(q float64) int {
	return min(1023-int(math.Float64bits(q)>>52), 64)
}

// prepare writes the biased, masked logits to w.
func (s *Sampler) prepare(w []float64, logits []float32) {
	o := &s.opt
	if o.Allowed == nil {
		for i, v := range logits {
			w[i] = float64(v)
		}
	} else {
		for i, v := range logits {
			w[i] = float64(v)
			if !o.Allowed[i] {
				w[i] = math.Inf(-1)
			}
		}
	}
	for t, b := range o.Bias {
		if o.Allowed == nil || o.Allowed[t] {
			w[t] = float64(logits[t]) + float64(b)
		}
	}
}

// sampleAll draws, with no truncation, from the weights exp((v - m)/T) of
// the logits v of the vocabulary: the float64 w (biased and masked) or, if w
// is nil, the float32 logits read as float64. It works a block of
// sampleBlock at a time through L1, never storing the weights of the
// vocabulary: each block's exponentials and their sum by the exp kernel,
// then one uniform, the block where the cumulative sum reaches it, and that
// block again.
func (s *Sampler) sampleAll(w []float64, logits []float32, m float64) (int, float64) {
	V := len(w)
	if w == nil {
		V = len(logits)
	}
	nb := (V + sampleBlock - 1) / sampleBlock
	if cap(s.sums) < nb {
		s.sums = make([]float64, nb)
	}
	sums := s.sums[:nb]
	var buf [sampleBlock]float64
	block := func(b int) []float64 {
		lo, hi := b*sampleBlock, min((b+1)*sampleBlock, V)
		e := buf[:hi-lo]
		if w != nil {
			sums[b] = expSumTo(e, w[lo:hi], m, s.inv)
		} else {
			sums[b] = expSum32To(e, logits[lo:hi], m, s.inv)
		}
		return e
	}
	var z float64
	for b := range sums {
		block(b)
		z += sums[b]
	}
	target := uniformOpen(s.src.Uint64()) * z
	var acc float64
	last := -1
	for b, sb := range sums {
		if sb == 0 {
			continue
		}
		if acc+sb < target && b < nb-1 {
			acc += sb
			continue
		}
		// In this block, or rounding left the target beyond the last.
		for j, v := range block(b) {
			if v != 0 {
				acc += v
				last = b*sampleBlock + j
				if acc >= target {
					break
				}
			}
		}
		if acc >= target {
			break
		}
	}
	if w != nil {
		return last, s.logProb(w[last], m, z)
	}
	return last, s.logProb(float64(logits[last]), m, z)
}

// logProb is log(exp((v - m)/T) / z) for the token of logit v.
func (s *Sampler) logProb(v, m, z float64) float64 {
	return float64(float64(v-m)*s.inv) - fastLog(z) // float64(): no fused multiply-add
}

// sampleStream is sampleAll for logits with no bias, mask or truncation,
// read as float32 a block at a time instead of copied to float64 first: the
// maximum of the float32 logits (their scaling by 1/T > 0 keeps the order),
// then sampleAll. It draws the token sampleAll of the copied logits would,
// with the same log-probability.
func (s *Sampler) sampleStream(logits []float32, inv float64) (int, float64) {
	s.inv = inv
	x, bad := maxF32Body(logits)
	m := float64(x)
	if bad || m < -math.MaxFloat64 {
		return -1, math.NaN()
	}
	return s.sampleAll(nil, logits, m)
}

// sampleBlock is the block of sampleAll.
const sampleBlock = 512

// better reports whether token i precedes token j in the order of the
// truncations: larger value first, then the lower token id.
func better[F float32 | float64](v []F, i, j int32) bool {
	return v[i] > v[j] || (v[i] == v[j] && i < j)
}

// topK appends to c the k tokens of largest w (ties to the lower ids),
// skipping -Inf, with a bounded min-heap whose root is the worst kept.
func topK[F float32 | float64](c []int32, w []F, k int) []int32 {
	i := 0
	for ; i < len(w) && len(c) < k; i++ {
		if float64(w[i]) > math.Inf(-1) {
			c = append(c, int32(i))
			siftUp(c, w, len(c)-1)
		}
	}
	if len(c) < k {
		return c
	}
	// The heap is full: a token enters only if its value exceeds the
	// worst kept (an equal value has a higher id, so it loses the tie).
	thr := w[c[0]]
	for ; i < len(w); i++ {
		if w[i] > thr {
			c[0] = int32(i)
			siftDown(c, w, 0)
			thr = w[c[0]]
		}
	}
	return c
}

// siftUp and siftDown keep h a heap whose root is the worst element in the
// better order.
func siftUp[F float32 | float64](h []int32, w []F, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !better(w, h[parent], h[i]) {
			break
		}
		h[parent], h[i] = h[i], h[parent]
		i = parent
	}
}

func siftDown[F float32 | float64](h []int32, w []F, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		worst := l
		if r := l + 1; r < len(h) && better(w, h[l], h[r]) {
			worst = r
		}
		if !better(w, h[i], h[worst]) {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// truncateAndDraw applies min-p and top-p to the candidates c (p holds
// their exp(w - m)), then draws among what remains and returns the token
// and its log-probability.
//
// If zTop > 0, c holds only the tokens that can be in the top-p set (see
// nucleusCandidates) and zTop is the mass of the whole set top-p measures.
func (s *Sampler) truncateAndDraw(c []int32, w, p []float64, m float64, keep int, zTop float64) (int, float64) {
	o := &s.opt
	if o.MinP > 0 {
		// p is relative to the largest, which is 1: keep p >= MinP, or the
		// keep best if fewer pass.
		n := 0
		for _, i := range c {
			if p[i] >= o.MinP {
				n++
			}
		}
		if want := min(keep, len(c)); n < want {
			c = c[:selectTop(c, p, want)]
		} else {
			n = 0
			for _, i := range c {
				if p[i] >= o.MinP {
					c[n], n = i, n+1
				}
			}
			c = c[:n]
		}
	}
	if o.TopP < 1 {
		z := zTop
		if z == 0 {
			for _, i := range c {
				z += p[i]
			}
		}
		n := selectMass(c, p, o.TopP*z)
		if want := min(keep, len(c)); n < want {
			selectTop(c[n:], p, want-n) // c[:n] are the best n already
			n = want
		}
		c = c[:n]
	}
	var z float64
	for _, i := range c {
		z += p[i]
	}
	target := uniformOpen(s.src.Uint64()) * z
	var acc float64
	tok := c[len(c)-1]
	for _, i := range c {
		acc += p[i]
		if acc >= target {
			tok = i
			break
		}
	}
	return int(tok), s.logProb(w[tok], m, z)
}

// selectTop reorders c so that its n best tokens (by p, ties to the lower
// id) come first, and returns n; expected O(len(c)).
func selectTop(c []int32, p []float64, n int) int {
	lo, hi := 0, len(c)
	for hi-lo > 16 {
		q := partition(c[lo:hi], p) + lo // c[lo:q] better than c[q], c[q+1:hi] worse
		switch {
		case q+1 == n || q == n:
			return n
		case q+1 < n:
			lo = q + 1
		default:
			hi = q
		}
	}
	slices.SortFunc(c[lo:hi], func(a, b int32) int { return order(p, a, b) })
	return n
}

// selectMass reorders c so that its first n tokens are the shortest prefix
// of c in the better order whose p sum to at least target, and returns n
// (len(c) if they never do); expected O(len(c)).
func selectMass(c []int32, p []float64, target float64) int {
	lo, hi := 0, len(c)
	var acc float64 // the mass of c[:lo], all better than c[lo:]
	for hi-lo > 16 {
		q := partition(c[lo:hi], p) + lo
		var left float64
		for _, i := range c[lo:q] {
			left += p[i]
		}
		if acc+left >= target {
			hi = q
			continue
		}
		acc += left + p[c[q]]
		if acc >= target {
			return q + 1
		}
		lo = q + 1
	}
	slices.SortFunc(c[lo:hi], func(a, b int32) int { return order(p, a, b) })
	for j := lo; j < hi; j++ {
		acc += p[c[j]]
		if acc >= target {
			return j + 1
		}
	}
	return hi
}

// order is the comparison of the better order for sorting.
func order(p []float64, a, b int32) int {
	switch {
	case better(p, a, b):
		return -1
	case better(p, b, a):
		return 1
	}
	return 0
}

// partition partitions c around a pivot chosen as the median of three in
// the better order and returns the pivot's final index: c[:q] better,
// c[q+1:] worse.
func partition(c []int32, p []float64) int {
	n := len(c)
	a, b, d := 0, n/2, n-1
	if better(p, c[b], c[a]) {
		a, b = b, a
	}
	if better(p, c[d], c[b]) {
		b = d
		if better(p, c[b], c[a]) {
			b = a
		}
	}
	c[b], c[n-1] = c[n-1], c[b]
	pivot := c[n-1]
	q := 0
	for j := 0; j < n-1; j++ {
		if better(p, c[j], pivot) {
			c[q], c[j] = c[j], c[q]
			q++
		}
	}
	c[q], c[n-1] = c[n-1], c[q]
	return q
}

// SampleBatch draws one token for each sequence i, tokens[i], logProbs[i] =
// samplers[i].Sample(logits[i]), on up to GOMAXPROCS goroutines. Each
// sequence draws from its own Sampler, so the results do not depend on the
// number of goroutines. Every argument is checked before any draw: it
// panics with ErrLength if the four slices differ in length, with
// ErrParameter if a sampler is nil, and as Sample does for each sequence.
func SampleBatch(tokens []int, logProbs []float64, samplers []*Sampler, logits [][]float32) {
	const op = "SampleBatch"
	n := len(samplers)
	checkLen(op, "tokens", len(tokens), n)
	checkLen(op, "logProbs", len(logProbs), n)
	checkLen(op, "logits", len(logits), n)
	for i, s := range samplers {
		if s == nil {
			panicf(op, ErrParameter, "sampler %d is nil", i)
		}
		s.check(op, logits[i])
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers < 2 {
		for i, s := range samplers {
			tokens[i], logProbs[i] = s.sample(logits[i])
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	run := func() {
		defer wg.Done()
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			tokens[i], logProbs[i] = samplers[i].sample(logits[i])
		}
	}
	wg.Add(workers)
	for range workers - 1 {
		go run()
	}
	run()
	wg.Wait()
}
