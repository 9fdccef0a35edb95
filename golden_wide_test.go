// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// wideStreams draws at least 256 values of every public random function and
// batch form, and of the deterministic functions whose bits must also be the
// same everywhere, from both math/rand/v2 generators and the package's
// Source. TestGoldenWide pins an
// FNV-1a hash of each stream's bits and its length in
// testdata/golden_wide.json (regenerate deliberately with
// go test -run TestGoldenWide -update, and say so in the commit).
func wideStreams() map[string][]float64 {
	out := map[string][]float64{}
	short := []float64{0.5, -1, math.Inf(-1), 2, 0, 1.5, -0.25, 3}
	long := make([]float64, 100)
	for i := range long {
		long[i] = float64((i*37)%23)/4 - 2 // fixed logits in [-2, 3.5]
	}
	long[7] = math.Inf(-1)
	wide := append([]float64(nil), long...)
	wide[3] = -1000 // n (max l - min l) > 708: the race's exact fallback
	rowsOfLen := func(l []float64, r int) *mat.Dense {
		m := mat.NewDense(r, len(l), nil)
		for i := 0; i < r; i++ {
			m.SetRow(i, l)
		}
		return m
	}
	ints := func(v []int) []float64 {
		f := make([]float64, len(v))
		for i, x := range v {
			f[i] = float64(x)
		}
		return f
	}
	grad := func(k int) []float64 {
		g := make([]float64, k)
		for i := range g {
			g[i] = float64(i%5) - 2
		}
		return g
	}
	for name, newSrc := range map[string]func() rand.Source{
		"pcg":      func() rand.Source { return rand.NewPCG(1, 2) },
		"chacha8":  func() rand.Source { return rand.NewChaCha8([32]byte{'g', 'u', 'm', 'b', 'e', 'l'}) },
		"splitmix": func() rand.Source { return NewSource(1, 2) },
	} {
		add := func(stream string, f func(g *Generator) []float64) {
			out[name+"/"+stream] = f(New(newSrc()))
		}
		repeat := func(n int, f func(g *Generator) []float64) func(g *Generator) []float64 {
			return func(g *Generator) []float64 {
				var v []float64
				for range n {
					v = append(v, f(g)...)
				}
				return v
			}
		}
		add("Uniform", repeat(256, func(g *Generator) []float64 { return []float64{g.Uniform()} }))
		add("Gumbel", repeat(256, func(g *Generator) []float64 { return []float64{g.Gumbel()} }))
		add("SampleGumbel", func(g *Generator) []float64 { return g.SampleGumbel(make([]float64, 300)) })
		add("SampleGumbelLocScale", func(g *Generator) []float64 { return g.SampleGumbelLocScale(make([]float64, 300), -2, 0.5) })
		add("GumbelMax", repeat(300, func(g *Generator) []float64 { return []float64{float64(g.GumbelMax(short))} }))
		add("GumbelMax/long", repeat(300, func(g *Generator) []float64 { return []float64{float64(g.GumbelMax(long))} }))
		add("GumbelMaxBatchTo", func(g *Generator) []float64 { return ints(g.GumbelMaxBatchTo(nil, rowsOfLen(long, 300))) })
		add("Categorical", repeat(300, func(g *Generator) []float64 { return []float64{float64(g.Categorical(short))} }))
		add("CategoricalBatchTo", func(g *Generator) []float64 { return ints(g.CategoricalBatchTo(nil, rowsOfLen(long, 300))) })
		add("GumbelSoftmaxTo", repeat(40, func(g *Generator) []float64 { return g.GumbelSoftmaxTo(nil, short, 0.5, false) }))
		add("GumbelSoftmaxTo/race", repeat(3, func(g *Generator) []float64 { return g.GumbelSoftmaxTo(nil, long, 1, false) }))
		add("GumbelSoftmaxTo/race-fallback", repeat(3, func(g *Generator) []float64 { return g.GumbelSoftmaxTo(nil, wide, 0.5, false) }))
		add("GumbelSoftmaxTo/hard", repeat(40, func(g *Generator) []float64 { return g.GumbelSoftmaxTo(nil, short, 0.5, true) }))
		add("GumbelSoftmax", repeat(3, func(g *Generator) []float64 {
			return g.GumbelSoftmax(mat.NewVecDense(len(long), append([]float64(nil), long...)), 0.7, false).RawVector().Data
		}))
		add("GumbelSoftmaxBatchTo/short", func(g *Generator) []float64 {
			return g.GumbelSoftmaxBatchTo(nil, rowsOfLen(short, 40), 0.5, false).RawMatrix().Data
		})
		add("GumbelSoftmaxBatchTo/long", func(g *Generator) []float64 {
			return g.GumbelSoftmaxBatchTo(nil, rowsOfLen(long, 3), 0.5, false).RawMatrix().Data
		})
		add("GumbelSoftmaxBatchTo/hard", func(g *Generator) []float64 {
			return g.GumbelSoftmaxBatchTo(nil, rowsOfLen(short, 40), 0.5, true).RawMatrix().Data
		})
		add("LogGumbelSoftmaxTo", repeat(40, func(g *Generator) []float64 { return g.LogGumbelSoftmaxTo(nil, short, 0.1) }))
		add("LogGumbelSoftmaxBatchTo", func(g *Generator) []float64 {
			return g.LogGumbelSoftmaxBatchTo(nil, rowsOfLen(long, 3), 0.1).RawMatrix().Data
		})
		add("StraightThroughTo", repeat(20, func(g *Generator) []float64 {
			st := g.StraightThroughTo(nil, short, 0.7)
			v := append(append([]float64{float64(st.Index), st.TauVJP(grad(len(short)))}, st.Hard...), st.Soft...)
			return append(v, st.VJP(nil, grad(len(short)))...)
		}))
		add("StraightThroughBatchTo", func(g *Generator) []float64 {
			st := g.StraightThroughBatchTo(nil, rowsOfLen(short, 20), 0.7)
			gm := rowsOfLen(grad(len(short)), 20)
			v := append(ints(st.Index), st.TauVJP(gm))
			v = append(v, st.Soft.RawMatrix().Data...)
			return append(v, st.VJP(nil, gm).RawMatrix().Data...)
		})
		add("GumbelTopKTo", repeat(60, func(g *Generator) []float64 { return ints(g.GumbelTopKTo(nil, nil, short, 5)) }))
		add("GumbelTopKBatchTo", func(g *Generator) []float64 { return ints(g.GumbelTopKBatchTo(nil, rowsOfLen(long, 30), 10)) })
		add("ConditionalGumbelTo", repeat(40, func(g *Generator) []float64 { return g.ConditionalGumbelTo(nil, short, 3) }))
		add("GumbelRaoTo", repeat(40, func(g *Generator) []float64 {
			gr := g.GumbelRaoTo(nil, short, 0.5, 4)
			return append(gr.VJP(nil, grad(len(short))), float64(gr.Index))
		}))
		add("ReinMaxTo", repeat(40, func(g *Generator) []float64 {
			rm := g.ReinMaxTo(nil, short, 1.5)
			return append(rm.VJP(nil, grad(len(short))), float64(rm.Index))
		}))
		add("GumbelRaoBatchTo", func(g *Generator) []float64 {
			gr := g.GumbelRaoBatchTo(nil, rowsOfLen(short, 30), 0.5, 3)
			v := append(ints(gr.Index), gr.LogZ...)
			return append(v, gr.VJP(nil, rowsOfLen(grad(len(short)), 30)).RawMatrix().Data...)
		})
		add("ReinMaxBatchTo", func(g *Generator) []float64 {
			rm := g.ReinMaxBatchTo(nil, rowsOfLen(short, 40), 1.5)
			return append(ints(rm.Index), rm.VJP(nil, rowsOfLen(grad(len(short)), 40)).RawMatrix().Data...)
		})
		add("ConditionalGumbelBatchTo", func(g *Generator) []float64 {
			index := make([]int, 40)
			for i := range index {
				index[i] = []int{0, 1, 3, 4, 5, 6, 7}[i%7]
			}
			return g.ConditionalGumbelBatchTo(nil, rowsOfLen(short, 40), index).RawMatrix().Data
		})
		add("RelaxedBernoulliTo/repeat", repeat(3, func(g *Generator) []float64 { return g.RelaxedBernoulliTo(nil, long, 0.5) }))
		add("RelaxedBernoulli", repeat(300, func(g *Generator) []float64 { return []float64{g.RelaxedBernoulli(0.3, 0.5)} }))
		add("RelaxedBernoulliST", repeat(100, func(g *Generator) []float64 {
			b := g.RelaxedBernoulliST(-1.2, 0.7)
			return []float64{b.Hard, b.Soft, b.VJP(1.5), b.TauVJP(-2)}
		}))
		add("Concrete.Rand", repeat(40, func(g *Generator) []float64 {
			return Concrete{Logits: short, Tau: 0.5, Src: g.src}.Rand(nil)
		}))
		add("ExpConcrete.Rand", repeat(40, func(g *Generator) []float64 {
			return ExpConcrete{Logits: short, Tau: 0.5, Src: g.src}.Rand(nil)
		}))
		add("BinaryConcrete.Rand", repeat(300, func(g *Generator) []float64 {
			return []float64{BinaryConcrete{Logit: 0.4, Tau: 0.3, Src: g.src}.Rand()}
		}))
		// The float32 forms.
		f32 := func(x []float64) []float32 {
			v := make([]float32, len(x))
			for i, e := range x {
				v[i] = float32(e)
			}
			return v
		}
		w32 := func(x []float32) []float64 {
			v := make([]float64, len(x))
			for i, e := range x {
				v[i] = float64(e)
			}
			return v
		}
		short32, long32 := f32(short), f32(long)
		add("SampleGumbel32", func(g *Generator) []float64 { return w32(g.SampleGumbel32(make([]float32, 300))) })
		add("GumbelMax32", repeat(130, func(g *Generator) []float64 {
			return []float64{float64(g.GumbelMax32(short32)), float64(g.GumbelMax32(long32))}
		}))
		add("Categorical32", repeat(130, func(g *Generator) []float64 {
			return []float64{float64(g.Categorical32(short32)), float64(g.Categorical32(long32))}
		}))
		add("GumbelTopK32To", repeat(60, func(g *Generator) []float64 { return ints(g.GumbelTopK32To(nil, nil, short32, 5)) }))
		add("GumbelTopKBatch32To", func(g *Generator) []float64 {
			return ints(g.GumbelTopKBatch32To(nil, f32(rowsOfLen(long, 30).RawMatrix().Data), len(long), 10))
		})
		add("GumbelMaxBatch32To", func(g *Generator) []float64 {
			return ints(g.GumbelMaxBatch32To(nil, f32(rowsOfLen(long, 260).RawMatrix().Data), len(long)))
		})
		add("CategoricalBatch32To", func(g *Generator) []float64 {
			return ints(g.CategoricalBatch32To(nil, f32(rowsOfLen(long, 260).RawMatrix().Data), len(long)))
		})
		add("GumbelSoftmax32To", repeat(40, func(g *Generator) []float64 { return w32(g.GumbelSoftmax32To(nil, short32, 0.7, false)) }))
		add("GumbelSoftmax32To/race", repeat(3, func(g *Generator) []float64 { return w32(g.GumbelSoftmax32To(nil, long32, 0.5, false)) }))
		add("GumbelSoftmax32To/race-fallback", repeat(3, func(g *Generator) []float64 { return w32(g.GumbelSoftmax32To(nil, f32(wide), 1, false)) }))
		add("GumbelSoftmax32To/hard", repeat(40, func(g *Generator) []float64 { return w32(g.GumbelSoftmax32To(nil, short32, 0.5, true)) }))
		add("LogGumbelSoftmax32To", repeat(40, func(g *Generator) []float64 { return w32(g.LogGumbelSoftmax32To(nil, short32, 0.1)) }))
		add("GumbelSoftmaxBatch32To", func(g *Generator) []float64 {
			return w32(g.GumbelSoftmaxBatch32To(nil, f32(rowsOfLen(long, 5).RawMatrix().Data), len(long), 0.7, false))
		})
		add("LogGumbelSoftmaxBatch32To", func(g *Generator) []float64 {
			return w32(g.LogGumbelSoftmaxBatch32To(nil, f32(rowsOfLen(short, 40).RawMatrix().Data), len(short), 0.5))
		})
		add("StraightThrough32To", repeat(20, func(g *Generator) []float64 {
			st := g.StraightThrough32To(nil, short32, 0.7)
			gr := f32(grad(len(short)))
			v := append(append([]float64{float64(st.Index), st.TauVJP(gr)}, w32(st.Hard)...), w32(st.Soft)...)
			return append(v, w32(st.VJP(nil, gr))...)
		}))
		add("StraightThroughBatch32To", func(g *Generator) []float64 {
			st := g.StraightThroughBatch32To(nil, f32(rowsOfLen(short, 20).RawMatrix().Data), len(short), 0.7)
			gr := f32(rowsOfLen(grad(len(short)), 20).RawMatrix().Data)
			v := append(ints(st.Index), st.TauVJP(gr))
			v = append(v, w32(st.Soft)...)
			return append(v, w32(st.VJP(nil, gr))...)
		})
	}
	// The token Sampler, with its own seed: every transform, and a batch.
	vocab := make([]float32, 3000)
	for i := range vocab {
		vocab[i] = float32((i*7919)%1013)/100 - 5
	}
	for name, opt := range map[string]SamplerOptions{
		"temperature": {Temperature: 0.8, TopP: 1},
		"greedy":      {Temperature: 0, TopP: 1},
		"topk-topp":   {Temperature: 1, TopK: 40, TopP: 0.9},
		"minp":        {Temperature: 1.2, TopP: 1, MinP: 0.05, MinKeep: 2},
		"bias-mask": {Temperature: 1, TopP: 0.95, Bias: map[int]float32{5: 3, 17: -2}, Allowed: func() []bool {
			a := make([]bool, len(vocab))
			for i := range a {
				a[i] = i%3 != 1
			}
			return a
		}()},
	} {
		s := NewSampler(21, 22, opt)
		var v []float64
		for range 200 {
			tok, lp := s.Sample(vocab)
			v = append(v, float64(tok), lp)
		}
		out["Sampler/"+name] = v
	}
	samplers := []*Sampler{NewSampler(1, 1, DefaultSampling()), NewSampler(1, 2, DefaultSampling()), NewSampler(2, 1, DefaultSampling())}
	tokens, lps := make([]int, 3), make([]float64, 3)
	var sb []float64
	for range 50 {
		SampleBatch(tokens, lps, samplers, [][]float32{vocab, vocab[:1000], vocab[500:]})
		sb = append(append(sb, ints(tokens)...), lps...)
	}
	out["SampleBatch"] = sb
	// Deterministic functions, on inputs drawn once from a fixed seed.
	g := NewSeeded(3, 4)
	var lp, lse, sm []float64
	for range 64 {
		y := g.GumbelSoftmaxTo(nil, short, 0.5, false)
		x := g.LogGumbelSoftmaxTo(nil, short, 0.5)
		lp = append(lp, Concrete{Logits: short, Tau: 0.5}.LogProb(y), ExpConcrete{Logits: short, Tau: 0.5}.LogProb(x))
		u := g.Uniform()
		b := BinaryConcrete{Logit: 0.4, Tau: 0.3}
		lp = append(lp, b.LogProb(u), b.LogProbLogit(8*u-4), b.CDF(u), b.Quantile(u))
		v := g.SampleGumbel(make([]float64, 8))
		lse = append(lse, LogSumExp(v))
		sm = append(append(sm, SoftmaxTo(nil, v)...), LogSoftmaxTo(nil, v)...)
	}
	out["LogProb"], out["LogSumExp"], out["SoftmaxTo"] = lp, lse, sm
	var taus []float64
	for _, s := range []Schedule{PaperSchedule(), Exponential{Tau0: 2, Min: 0.1, Rate: 1e-3}, Linear{Start: 2, End: 0.5, Steps: 300},
		Cosine{Start: 2, End: 0.5, Steps: 300}, Constant(0.7)} {
		for step := 0; step < 300000; step += 997 {
			taus = append(taus, s.Tau(step))
		}
	}
	out["Schedule.Tau"] = taus
	return out
}

// streamHash returns the FNV-1a hash of v's bits and its length.
func streamHash(v []float64) string {
	h := fnv.New64a()
	for _, x := range v {
		var b [8]byte
		bits := math.Float64bits(x)
		for i := range b {
			b[i] = byte(bits >> (8 * i))
		}
		h.Write(b[:])
	}
	return fmt.Sprintf("%016x/%d", h.Sum64(), len(v))
}

func TestGoldenWide(t *testing.T) {
	path := filepath.Join("testdata", "golden_wide.json")
	got := map[string]string{}
	for k, v := range wideStreams() {
		got[k] = streamHash(v)
		if n := len(v); n < 256 && k != "LogSumExp" {
			t.Errorf("%s: only %d values", k, n)
		}
	}
	if *update {
		b, err := json.MarshalIndent(got, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenWide -update once)", err)
	}
	var want map[string]string
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if want[k] != got[k] {
			t.Errorf("%s: hash/length %s, golden %s", k, got[k], want[k])
		}
	}
	if len(want) != len(got) {
		t.Errorf("golden file has %d streams, the code draws %d", len(want), len(got))
	}
}
