// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The benchmarks draw one batch of benchRows rows of k logits per iteration
// and report ns/elem, nanoseconds per logit, next to ns/op and allocs/op.
// Every BenchmarkX has a BenchmarkNaiveX: the plain loop a user would write
// with math/rand/v2 (-log(-log(r.Float64())), math.Exp), which X must beat.
// BenchmarkFloor is the cost of the uniforms alone. bench/compare runs them
// next to PyTorch's equivalents, on one thread (SetMaxWorkers(1));
// BenchmarkBatchParallel measures the batch forms on every core.

const (
	benchRows = 256
	benchTau  = 0.5
)

var benchSizes = []int{10, 100, 1000}

// benchLogits returns a fixed benchRows×k matrix of logits, standard normal.
func benchLogits(k int) *mat.Dense {
	r := rand.New(rand.NewPCG(1, uint64(k)))
	data := make([]float64, benchRows*k)
	for i := range data {
		data[i] = r.NormFloat64()
	}
	return mat.NewDense(benchRows, k, data)
}

// benchEach runs, for each size k, the sub-benchmark "k=<k>" of b: setup(k)
// prepares and returns one operation on benchRows×k logits, which is timed.
// It reports allocations, ns/elem (wall-clock nanoseconds per logit) and
// cpu-ns/elem (the process's CPU time per logit, which on a shared machine
// does not count the time other processes held the CPU).
func benchEach(b *testing.B, setup func(k int) func()) {
	for _, k := range benchSizes {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) { timeOp(b, setup(k), benchRows*k) })
	}
}

// timeOp times op, which handles elems elements a call, reporting
// allocations, ns/elem and cpu-ns/elem.
func timeOp(b *testing.B, op func(), elems int) {
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		op()
	}
	c1 := cpuTime()
	b.StopTimer()
	n := float64(b.N) * float64(elems)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/elem")
	if c0 >= 0 {
		b.ReportMetric(float64(c1-c0)/n, "cpu-ns/elem")
	}
}

// softHard runs f as the sub-benchmarks "soft" and "hard" of b at benchTau,
// and "soft-tau=0.7" (1/tau not an integer).
func softHard(b *testing.B, f func(b *testing.B, tau float64, hard bool)) {
	b.Run("soft", func(b *testing.B) { f(b, benchTau, false) })
	b.Run("hard", func(b *testing.B) { f(b, benchTau, true) })
	b.Run("soft-tau=0.7", func(b *testing.B) { f(b, 0.7, false) })
}

func BenchmarkGumbelSoftmax(b *testing.B) {
	softHard(b, func(b *testing.B, tau float64, hard bool) {
		benchEach(b, func(k int) func() {
			g := NewSeeded(1, 2)
			g.SetMaxWorkers(1) // one thread, as torch's
			logits := benchLogits(k)
			dst := mat.NewDense(benchRows, k, nil)
			return func() {
				g.GumbelSoftmaxBatchTo(dst, logits, tau, hard)
			}
		})
	})
}

// BenchmarkGumbelSoftmax32 is BenchmarkGumbelSoftmax for float32 logits
// and samples (GumbelSoftmaxBatch32To): the same 256 rows of k logits,
// rounded to float32.
func BenchmarkGumbelSoftmax32(b *testing.B) {
	softHard(b, func(b *testing.B, tau float64, hard bool) {
		benchEach(b, func(k int) func() {
			g := NewSeeded(1, 2)
			g.SetMaxWorkers(1)
			src := benchLogits(k).RawMatrix().Data
			logits := make([]float32, len(src))
			for i, v := range src {
				logits[i] = float32(v)
			}
			dst := make([]float32, len(logits))
			return func() {
				g.GumbelSoftmaxBatch32To(dst, logits, k, tau, hard)
			}
		})
	})
}

// BenchmarkBatchParallel draws the soft sample of a batch of 4096 rows of
// 100 logits on one goroutine and on every core GOMAXPROCS gives; the two
// give the same bits (TestParallelBatchesBitIdentical).
func BenchmarkBatchParallel(b *testing.B) {
	logits := mat.NewDense(4096, 100, nil)
	r := rand.New(rand.NewPCG(1, 100))
	for i := range logits.RawMatrix().Data {
		logits.RawMatrix().Data[i] = r.NormFloat64()
	}
	dst := mat.NewDense(4096, 100, nil)
	for _, w := range []int{1, 0} {
		name := "workers=1"
		if w == 0 {
			name = "workers=GOMAXPROCS"
		}
		b.Run(name, func(b *testing.B) {
			g := NewSeeded(1, 2)
			g.SetMaxWorkers(w)
			b.ReportAllocs()
			for b.Loop() {
				g.GumbelSoftmaxBatchTo(dst, logits, benchTau, false)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(4096*100), "ns/elem")
		})
	}
}

func BenchmarkStraightThrough(b *testing.B) {
	benchEach(b, func(k int) func() {
		g := NewSeeded(1, 2)
		g.SetMaxWorkers(1)
		logits := benchLogits(k)
		grad := benchLogits(k) // an arbitrary upstream gradient
		st := g.StraightThroughBatchTo(nil, logits, benchTau)
		dl := mat.NewDense(benchRows, k, nil)
		return func() {
			g.StraightThroughBatchTo(st, logits, benchTau)
			st.VJP(dl, grad)
		}
	})
}

func BenchmarkGumbelMax(b *testing.B) {
	benchEach(b, func(k int) func() {
		g := NewSeeded(1, 2)
		g.SetMaxWorkers(1)
		logits := benchLogits(k)
		idx := make([]int, benchRows)
		return func() {
			g.GumbelMaxBatchTo(idx, logits)
		}
	})
}

// BenchmarkCategorical draws one index per row by inverse CDF
// (CategoricalBatchTo): the same operation as BenchmarkGumbelMax with one
// source value per row instead of one per logit.
func BenchmarkCategorical(b *testing.B) {
	benchEach(b, func(k int) func() {
		g := NewSeeded(1, 2)
		g.SetMaxWorkers(1)
		logits := benchLogits(k)
		idx := make([]int, benchRows)
		return func() {
			g.CategoricalBatchTo(idx, logits)
		}
	})
}

// BenchmarkSingleVector times the single-vector forms, one row of k logits
// per call (as an agent choosing one action per step would call them): the
// per-call overhead that the batch forms amortise.
func BenchmarkSingleVector(b *testing.B) {
	for _, k := range benchSizes {
		logits := benchLogits(k).RawRowView(0)
		dst := make([]float64, k)
		for _, c := range []struct {
			name string
			op   func(g *Generator)
		}{
			{"soft", func(g *Generator) { g.GumbelSoftmaxTo(dst, logits, benchTau, false) }},
			{"gumbelmax", func(g *Generator) { g.GumbelMax(logits) }},
			{"categorical", func(g *Generator) { g.Categorical(logits) }},
		} {
			b.Run(fmt.Sprintf("%s/k=%d", c.name, k), func(b *testing.B) {
				g := NewSeeded(1, 2)
				g.SetMaxWorkers(1)
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					c.op(g)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*k), "ns/elem")
			})
		}
	}
}

func BenchmarkSampleGumbel(b *testing.B) {
	benchEach(b, func(k int) func() {
		g := NewSeeded(1, 2)
		g.SetMaxWorkers(1)
		dst := make([]float64, benchRows*k)
		return func() {
			g.SampleGumbel(dst)
		}
	})
}

// BenchmarkFloor fills as many open-interval uniforms as the others draw
// values, from the same generator: the cost of the randomness alone.
func BenchmarkFloor(b *testing.B) {
	benchEach(b, func(k int) func() {
		g := NewSeeded(1, 2)
		g.SetMaxWorkers(1)
		dst := make([]float64, benchRows*k)
		return func() {
			g.uniforms(dst)
		}
	})
}

// BenchmarkFloorPCG is BenchmarkFloor for math/rand/v2's PCG, the default
// source before the package's own (with its generator inlined in the block
// loop).
func BenchmarkFloorPCG(b *testing.B) {
	benchEach(b, func(k int) func() {
		g := New(rand.NewPCG(1, 2))
		dst := make([]float64, benchRows*k)
		return func() {
			g.uniforms(dst)
		}
	})
}

// The naive loops: math/rand/v2 through a *rand.Rand, one interface call per
// number, -log(-log(U)) and math.Exp, one row at a time.

// naiveSoftmax writes the Gumbel-Softmax sample of l to y, or its one-hot
// argmax if hard, and returns the index of the maximum.
func naiveSoftmax(r *rand.Rand, y, l []float64, tau float64, hard bool) int {
	best, arg := math.Inf(-1), -1
	for i, v := range l {
		s := v - math.Log(-math.Log(r.Float64()))
		y[i] = s
		if s > best {
			best, arg = s, i
		}
	}
	if hard {
		for i := range y {
			y[i] = 0
		}
		y[arg] = 1
		return arg
	}
	var sum float64
	for i, s := range y {
		e := math.Exp((s - best) / tau)
		y[i] = e
		sum += e
	}
	for i := range y {
		y[i] /= sum
	}
	return arg
}

func BenchmarkNaiveGumbelSoftmax(b *testing.B) {
	softHard(b, func(b *testing.B, tau float64, hard bool) {
		benchEach(b, func(k int) func() {
			r := rand.New(rand.NewPCG(1, 2))
			logits := benchLogits(k)
			dst := mat.NewDense(benchRows, k, nil)
			return func() {
				for j := 0; j < benchRows; j++ {
					naiveSoftmax(r, dst.RawRowView(j), logits.RawRowView(j), tau, hard)
				}
			}
		})
	})
}

func BenchmarkNaiveStraightThrough(b *testing.B) {
	benchEach(b, func(k int) func() {
		r := rand.New(rand.NewPCG(1, 2))
		logits, grad := benchLogits(k), benchLogits(k)
		soft := mat.NewDense(benchRows, k, nil)
		hard := mat.NewDense(benchRows, k, nil)
		dl := mat.NewDense(benchRows, k, nil)
		return func() {
			for j := 0; j < benchRows; j++ {
				y, h := soft.RawRowView(j), hard.RawRowView(j)
				arg := naiveSoftmax(r, y, logits.RawRowView(j), benchTau, false)
				for c := range h {
					h[c] = 0
				}
				h[arg] = 1
				g, d := grad.RawRowView(j), dl.RawRowView(j)
				var dot float64
				for c, yc := range y {
					dot += yc * g[c]
				}
				for c, yc := range y {
					d[c] = yc * (g[c] - dot) / benchTau
				}
			}
		}
	})
}

func BenchmarkNaiveGumbelMax(b *testing.B) {
	benchEach(b, func(k int) func() {
		r := rand.New(rand.NewPCG(1, 2))
		logits := benchLogits(k)
		idx := make([]int, benchRows)
		return func() {
			for j := range idx {
				best, arg := math.Inf(-1), -1
				for c, v := range logits.RawRowView(j) {
					if s := v - math.Log(-math.Log(r.Float64())); s > best {
						best, arg = s, c
					}
				}
				idx[j] = arg
			}
		}
	})
}

// BenchmarkNaiveCategorical inverts the cumulative distribution with
// math.Exp and one rand.Rand.Float64 per row.
func BenchmarkNaiveCategorical(b *testing.B) {
	benchEach(b, func(k int) func() {
		r := rand.New(rand.NewPCG(1, 2))
		logits := benchLogits(k)
		idx := make([]int, benchRows)
		w := make([]float64, k)
		return func() {
			for j := range idx {
				l := logits.RawRowView(j)
				m := math.Inf(-1)
				for _, v := range l {
					m = math.Max(m, v)
				}
				var s float64
				for c, v := range l {
					w[c] = math.Exp(v - m)
					s += w[c]
				}
				t, c := r.Float64()*s, 0
				for ; c < k-1; c++ {
					if t -= w[c]; t < 0 {
						break
					}
				}
				idx[j] = c
			}
		}
	})
}

func BenchmarkNaiveSampleGumbel(b *testing.B) {
	benchEach(b, func(k int) func() {
		r := rand.New(rand.NewPCG(1, 2))
		dst := make([]float64, benchRows*k)
		return func() {
			for j := range dst {
				dst[j] = -math.Log(-math.Log(r.Float64()))
			}
		}
	})
}

// BenchmarkNaiveFloor fills uniforms through rand.Rand.Float64.
func BenchmarkNaiveFloor(b *testing.B) {
	benchEach(b, func(k int) func() {
		r := rand.New(rand.NewPCG(1, 2))
		dst := make([]float64, benchRows*k)
		return func() {
			for j := range dst {
				dst[j] = r.Float64()
			}
		}
	})
}

// BenchmarkSampler draws one token from float32 logits of a vocabulary of V
// tokens (standard normal times 3) per iteration, all costs included:
// temperature only, top-k 40 with top-p 0.9 (the common defaults), top-p
// 0.9 alone and min-p 0.05; ns/elem is per logit.
func BenchmarkSampler(b *testing.B) {
	for _, c := range []struct {
		name string
		o    SamplerOptions
	}{
		{"temperature", SamplerOptions{Temperature: 0.8, TopP: 1}},
		{"topk40-topp0.9", SamplerOptions{Temperature: 0.8, TopK: 40, TopP: 0.9}},
		{"topp0.9", SamplerOptions{Temperature: 0.8, TopP: 0.9}},
		{"minp0.05", SamplerOptions{Temperature: 0.8, TopP: 1, MinP: 0.05}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for _, V := range []int{32000, 128000, 256000} {
				b.Run(fmt.Sprintf("V=%d", V), func(b *testing.B) {
					r := rand.New(rand.NewPCG(1, uint64(V)))
					logits := make([]float32, V)
					for i := range logits {
						logits[i] = float32(3 * r.NormFloat64())
					}
					s := NewSampler(1, 2, c.o)
					timeOp(b, func() { s.Sample(logits) }, V)
				})
			}
		})
	}
}

// BenchmarkCategorical32 is Categorical32 on float32 logits of a vocabulary
// of V tokens beside Categorical on the same logits converted to float64 by
// the caller (the copy included, as a float32 user must make it).
func BenchmarkCategorical32(b *testing.B) {
	for _, V := range []int{32000, 128000} {
		r := rand.New(rand.NewPCG(1, uint64(V)))
		x := make([]float32, V)
		for i := range x {
			x[i] = float32(3 * r.NormFloat64())
		}
		b.Run(fmt.Sprintf("float32/V=%d", V), func(b *testing.B) {
			g := NewSeeded(1, 2)
			timeOp(b, func() { g.Categorical32(x) }, V)
		})
		b.Run(fmt.Sprintf("copy+float64/V=%d", V), func(b *testing.B) {
			g := NewSeeded(1, 2)
			y := make([]float64, V)
			timeOp(b, func() {
				for i, v := range x {
					y[i] = float64(v)
				}
				g.Categorical(y)
			}, V)
		})
	}
}
