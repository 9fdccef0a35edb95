// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Fuzz targets. Each decodes arbitrary bytes into logits (lengths 0 to
// 4096, with ±Inf, NaN, ±1e308, ±MaxFloat64 and subnormals among them),
// takes an arbitrary temperature and a seed for a PCG source, and checks
// that the call either panics as documented (an *Error wrapping the right
// sentinel) or returns a valid result. The seed corpus in
// testdata/fuzz/<FuzzName>/ is replayed by a plain `go test`; to fuzz:
//
//	go test -run='^$' -fuzz='^FuzzGumbelSoftmax$' -fuzztime=3m .

// relSpecials are the values a single byte below len(relSpecials) decodes
// to: the ones that break careless kernels.
var relSpecials = []float64{
	math.Inf(-1), math.Inf(1), math.NaN(), 0, math.Copysign(0, -1),
	1e308, -1e308, math.MaxFloat64, -math.MaxFloat64,
	5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308,
	1e300, -1e300, 1e-300, 709, -745, 36.7, -36.7, 1, -1, 1e16, -1e16,
}

// relDecodeLogits decodes data into logits: a byte b below len(relSpecials)
// gives relSpecials[b]; a byte below 200 gives (b-112)/8, in [-11, 11]; a
// byte of 200 or more takes the next 8 bytes as the bits of a float64. The
// length is count % 4097 (values repeated cyclically, zeros if none were
// decoded) or, if that is 0, the number of values decoded (at most 4096).
func relDecodeLogits(data []byte, count uint16) []float64 {
	var vals []float64
	for i := 0; i < len(data) && len(vals) < 4096; i++ {
		b := data[i]
		switch {
		case int(b) < len(relSpecials):
			vals = append(vals, relSpecials[b])
		case b < 200:
			vals = append(vals, (float64(b)-112)/8)
		default:
			var raw [8]byte
			copy(raw[:], data[i+1:])
			i += 8
			vals = append(vals, math.Float64frombits(binary.LittleEndian.Uint64(raw[:])))
		}
	}
	k := int(count) % 4097
	if k == 0 {
		return vals
	}
	out := make([]float64, k)
	if len(vals) > 0 {
		for i := range out {
			out[i] = vals[i%len(vals)]
		}
	}
	return out
}

// relBadTau reports whether tau must make the package panic with
// ErrTemperature.
func relBadTau(tau float64) bool { return !(tau > 0) || math.IsInf(tau, 1) }

// relExpect runs f and checks that it panics with an *Error wrapping want
// (with the "gumbel: " prefix), or does not panic if want is nil. It reports
// whether f returned normally.
func relExpect(t *testing.T, what string, want error, f func()) (ok bool) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			if want != nil {
				t.Fatalf("%s: no panic, want one wrapping %v", what, want)
			}
			return
		}
		err, isErr := r.(error)
		var e *Error
		if !isErr || !errors.As(err, &e) {
			t.Fatalf("%s: panic %v (%T), want an *Error", what, r, r)
		}
		if want == nil || !errors.Is(err, want) || !strings.HasPrefix(err.Error(), "gumbel: ") {
			t.Fatalf("%s: panic %q, want one wrapping %v", what, err, want)
		}
	}()
	f()
	return true
}

// relWant returns the sentinel a sampler must panic with for logits of
// length k at tau: the temperature is checked first, then the length.
func relWant(k int, tau float64) error {
	switch {
	case relBadTau(tau):
		return ErrTemperature
	case k == 0:
		return ErrEmpty
	}
	return nil
}

func FuzzGumbelSoftmax(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0}, uint16(0), 0.5, uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, tau float64, s1, s2 uint64) {
		logits := relDecodeLogits(data, count)
		k := len(logits)
		want := relWant(k, tau)
		var soft, hard []float64
		if !relExpect(t, "GumbelSoftmaxTo soft", want, func() { soft = NewSeeded(s1, s2).GumbelSoftmaxTo(nil, logits, tau, false) }) {
			return
		}
		relExpect(t, "GumbelSoftmaxTo hard", want, func() { hard = NewSeeded(s1, s2).GumbelSoftmaxTo(make([]float64, k), logits, tau, true) })
		idx := NewSeeded(s1, s2).GumbelMax(logits)
		if err := relValidSoft(soft, logits, idx); err != nil {
			t.Fatalf("soft k=%d tau=%g: %v", k, tau, err)
		}
		if err := relValidHard(hard, logits, idx); err != nil {
			t.Fatalf("hard k=%d tau=%g: %v", k, tau, err)
		}
		// In place, and as the first row of a batch: the same numbers.
		in := append([]float64(nil), logits...)
		NewSeeded(s1, s2).GumbelSoftmaxTo(in, in, tau, false)
		m := mat.NewDense(2, k, append(append([]float64(nil), logits...), logits...))
		NewSeeded(s1, s2).GumbelSoftmaxBatchTo(m, m, tau, false)
		for i := range soft {
			if !relSame(in[i], soft[i]) || !relSame(m.At(0, i), soft[i]) {
				t.Fatalf("k=%d tau=%g: in-place %v, batch row %v, want %v at %d", k, tau, in[i], m.At(0, i), soft[i], i)
			}
		}
		if err := relValidSoft(m.RawRowView(1), logits, -1); err != nil {
			t.Fatalf("batch row 1: %v", err)
		}
	})
}

// relSame reports whether a and b are equal or both NaN.
func relSame(a, b float64) bool { return a == b || (a != a && b != b) }

func FuzzLogGumbelSoftmax(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0}, uint16(0), 0.5, uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, tau float64, s1, s2 uint64) {
		logits := relDecodeLogits(data, count)
		k := len(logits)
		var x []float64
		if !relExpect(t, "LogGumbelSoftmaxTo", relWant(k, tau), func() { x = NewSeeded(s1, s2).LogGumbelSoftmaxTo(nil, logits, tau) }) {
			return
		}
		if err := relValidLog(x, logits); err != nil {
			t.Fatalf("k=%d tau=%g: %v", k, tau, err)
		}
		soft := NewSeeded(s1, s2).GumbelSoftmaxTo(nil, logits, tau, false)
		for i := range x {
			if d := math.Abs(math.Exp(x[i]) - soft[i]); d > relSimplexTol(k) {
				t.Fatalf("k=%d tau=%g: exp(x[%d]) = %v, soft sample %v", k, tau, i, math.Exp(x[i]), soft[i])
			}
		}
		// The log-density of its own sample is never NaN for valid logits
		// and never +Inf.
		lp := ExpConcrete{Logits: logits, Tau: tau}.LogProb(x)
		if math.IsNaN(lp) != relInvalid(logits) || math.IsInf(lp, 1) {
			t.Fatalf("k=%d tau=%g: ExpConcrete.LogProb of its own sample = %v", k, tau, lp)
		}
	})
}

func FuzzGumbelMax(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0}, uint16(0), uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, s1, s2 uint64) {
		logits := relDecodeLogits(data, count)
		var want error
		if len(logits) == 0 {
			want = ErrEmpty
		}
		var idx int
		if !relExpect(t, "GumbelMax", want, func() { idx = NewSeeded(s1, s2).GumbelMax(logits) }) {
			return
		}
		if err := relValidIndex(idx, logits); err != nil {
			t.Fatalf("k=%d: %v", len(logits), err)
		}
		m := mat.NewDense(2, len(logits), append(append([]float64(nil), logits...), logits...))
		b := NewSeeded(s1, s2).GumbelMaxBatchTo(nil, m)
		if b[0] != idx {
			t.Fatalf("GumbelMaxBatchTo row 0 = %d, GumbelMax %d", b[0], idx)
		}
		if err := relValidIndex(b[1], logits); err != nil {
			t.Fatalf("GumbelMaxBatchTo row 1: %v", err)
		}
	})
}

func FuzzStraightThrough(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0}, uint16(0), 0.5, uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, tau float64, s1, s2 uint64) {
		logits := relDecodeLogits(data, count)
		k := len(logits)
		var st *ST
		if !relExpect(t, "StraightThroughTo", relWant(k, tau), func() { st = NewSeeded(s1, s2).StraightThroughTo(nil, logits, tau) }) {
			return
		}
		if err := relValidIndex(st.Index, logits); err != nil {
			t.Fatalf("k=%d tau=%g: %v", k, tau, err)
		}
		if err := relValidSoft(st.Soft, logits, st.Index); err != nil {
			t.Fatalf("soft k=%d tau=%g: %v", k, tau, err)
		}
		if err := relValidHard(st.Hard, logits, st.Index); err != nil {
			t.Fatalf("hard k=%d tau=%g: %v", k, tau, err)
		}
		if err := relGradCheck(st, logits); err != nil {
			t.Fatalf("k=%d tau=%g: %v", k, tau, err)
		}
		// The batch backward agrees with the single-vector one on row 0.
		m := mat.NewDense(1, k, append([]float64(nil), logits...))
		stb := NewSeeded(s1, s2).StraightThroughBatchTo(nil, m, tau)
		grad := mat.NewDense(1, k, nil)
		for i := 0; i < k; i++ {
			grad.Set(0, i, float64(i%7)-3)
		}
		bv := stb.VJP(nil, grad)
		sv := st.VJP(nil, grad.RawRowView(0))
		for i := range sv {
			if !relSame(bv.At(0, i), sv[i]) {
				t.Fatalf("STBatch.VJP[%d] = %v, ST.VJP %v", i, bv.At(0, i), sv[i])
			}
		}
		if a, b := stb.TauVJP(grad), st.TauVJP(grad.RawRowView(0)); !relSame(a, b) {
			t.Fatalf("STBatch.TauVJP = %v, ST.TauVJP %v", a, b)
		}
	})
}

func FuzzConcreteLogProb(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0}, []byte{140, 90, 100, 3}, 0.5)
	f.Fuzz(func(t *testing.T, data, point []byte, tau float64) {
		logits := relDecodeLogits(data, 0)
		k := len(logits)
		x := relDecodeLogits(point, uint16(k))
		if k == 0 {
			x = relDecodeLogits(point, 0)
		}
		var want error
		switch {
		case relBadTau(tau):
			want = ErrTemperature
		case k == 0:
			want = ErrEmpty
		case len(x) != k:
			want = ErrLength
		}
		hasNaN, hasPosInf := false, false
		for i := range logits {
			hasNaN = hasNaN || math.IsNaN(logits[i])
			hasPosInf = hasPosInf || math.IsInf(logits[i], 1)
		}
		for _, v := range x {
			hasNaN = hasNaN || math.IsNaN(v)
		}
		var lp, lq float64
		if !relExpect(t, "ExpConcrete.LogProb", want, func() { lp = ExpConcrete{Logits: logits, Tau: tau}.LogProb(x) }) {
			return
		}
		relExpect(t, "Concrete.LogProb", want, func() { lq = Concrete{Logits: logits, Tau: tau}.LogProb(x) })
		// NaN only from a NaN input or a +Inf logit (no distribution);
		// never +Inf.
		for _, v := range []float64{lp, lq} {
			if (math.IsNaN(v) && !hasNaN && !hasPosInf) || math.IsInf(v, 1) {
				t.Fatalf("k=%d tau=%g logits=%v x=%v: log-densities %v, %v", k, tau, logits, x, lp, lq)
			}
		}
	})
}

func FuzzBinaryConcrete(f *testing.F) {
	f.Add(0.3, 0.5, 0.25, uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, logit, tau, y float64, s1, s2 uint64) {
		var want error
		if relBadTau(tau) {
			want = ErrTemperature
		}
		var st BinaryST
		if !relExpect(t, "RelaxedBernoulliST", want, func() { st = NewSeeded(s1, s2).RelaxedBernoulliST(logit, tau) }) {
			return
		}
		b := BinaryConcrete{Logit: logit, Tau: tau}
		if math.IsNaN(logit) {
			if !math.IsNaN(st.Soft) || !math.IsNaN(st.Hard) {
				t.Fatalf("NaN logit: %+v, want NaN", st)
			}
			return
		}
		if !(st.Soft >= 0 && st.Soft <= 1) || (st.Hard != 0 && st.Hard != 1) || (st.Hard == 1) != (st.Perturbed > 0) {
			t.Fatalf("RelaxedBernoulliST(%g, %g) = %+v", logit, tau, st)
		}
		check := relNotNaN
		if tau >= 1e-290 {
			check = relFinite
		}
		if err := check("gradients", st.VJP(1.5), st.TauVJP(-2)); err != nil {
			t.Fatalf("RelaxedBernoulliST(%g, %g) = %+v: %v", logit, tau, st, err)
		}
		// Densities: never NaN for a non-NaN point unless the logit is
		// infinite (a point mass has no density), never +Inf.
		infLogit := math.IsInf(logit, 0)
		for _, c := range []struct {
			what string
			v    float64
			in   float64
		}{
			{"LogProb(sample)", b.LogProb(st.Soft), st.Soft},
			{"LogProb(y)", b.LogProb(y), y},
			{"LogProbLogit(y)", b.LogProbLogit(y), y},
		} {
			if (math.IsNaN(c.v) && !math.IsNaN(c.in) && !infLogit) || math.IsInf(c.v, 1) {
				t.Fatalf("BinaryConcrete{%g, %g}.%s at %v = %v", logit, tau, c.what, c.in, c.v)
			}
		}
		if p := b.CDF(y); (math.IsNaN(p) && !math.IsNaN(y) && !infLogit) || p < 0 || p > 1 {
			t.Fatalf("BinaryConcrete{%g, %g}.CDF(%v) = %v", logit, tau, y, p)
		}
		p := math.Abs(math.Mod(y, 1)) // in [0, 1), or NaN for NaN or infinite y
		var q float64
		want = nil
		if math.IsNaN(p) {
			want = ErrParameter
		}
		if !relExpect(t, "Quantile", want, func() { q = b.Quantile(p) }) {
			return
		}
		if (math.IsNaN(q) && !math.IsNaN(p) && !infLogit) || q < 0 || q > 1 {
			t.Fatalf("BinaryConcrete{%g, %g}.Quantile(%v) = %v", logit, tau, p, q)
		}
	})
}

// TestFuzzDecoder pins the decoder the corpus relies on.
func TestFuzzDecoder(t *testing.T) {
	t.Parallel()
	got := relDecodeLogits([]byte{0, 1, 120, 200, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f}, 0)
	if len(got) != 4 || !math.IsInf(got[0], -1) || !math.IsInf(got[1], 1) || got[2] != 1 || got[3] != 1 {
		t.Errorf("decoded %v, want [-Inf +Inf 1 1]", got)
	}
	if got := relDecodeLogits(nil, 4096); len(got) != 4096 || got[4095] != 0 {
		t.Errorf("length %d, want 4096 zeros", len(got))
	}
	if got := relDecodeLogits([]byte{2, 120}, 5); len(got) != 5 || !math.IsNaN(got[4]) {
		t.Errorf("decoded %v, want NaN 1 NaN 1 NaN", got)
	}
}

func FuzzGumbelTopK(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0, 140}, uint16(0), 2, uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, k int, s1, s2 uint64) {
		relCheckTopK(t, func() *Generator { return NewSeeded(s1, s2) }, relDecodeLogits(data, count), k)
	})
}

// relCheckTopK checks GumbelTopKTo on Generators made by gen (each call a
// fresh one in the same state): the documented panic, or k distinct
// unmasked indices that are the k largest perturbed logits of the same
// noise, in decreasing order with ties to the lower index.
func relCheckTopK(t *testing.T, gen func() *Generator, logits []float64, k int) {
	t.Helper()
	n := len(logits)
	finite, bad := 0, false
	for _, l := range logits {
		if l > math.Inf(-1) && l < math.Inf(1) {
			finite++
		}
		bad = bad || math.IsNaN(l) || math.IsInf(l, 1)
	}
	var want error
	switch {
	case n == 0:
		want = ErrEmpty
	case k <= 0:
		want = ErrParameter
	case !bad && k > finite:
		want = ErrParameter
	case bad && k > n+64:
		return // a huge k with NaN/+Inf logits is legal but would allocate k entries
	}
	var dst []int
	var keys []float64
	if k > 0 && k <= 4096 {
		keys = make([]float64, k)
	}
	if !relExpect(t, "GumbelTopKTo", want, func() { dst = gen().GumbelTopKTo(nil, keys, logits, k) }) {
		return
	}
	if len(dst) != k {
		t.Fatalf("len(dst) = %d, want %d", len(dst), k)
	}
	if bad {
		for j := range dst {
			if dst[j] != -1 || (keys != nil && !math.IsNaN(keys[j])) {
				t.Fatalf("invalid logits: dst %v keys %v, want -1 and NaN", dst, keys)
			}
		}
		return
	}
	// The same noise as StraightThroughTo (the perturb kernel): dst is the
	// k largest perturbed logits in decreasing order, ties to the lower
	// index, dst[0] the Gumbel-max index, and keys their values.
	st := gen().StraightThroughTo(nil, logits, 1)
	if dst[0] != st.Index {
		t.Fatalf("dst[0] = %d, Gumbel-max index %d", dst[0], st.Index)
	}
	chosen := make(map[int]bool, k)
	for j, i := range dst {
		if i < 0 || i >= n || math.IsInf(logits[i], -1) || chosen[i] {
			t.Fatalf("dst = %v: entry %d (%d) out of range, masked or repeated", dst, j, i)
		}
		chosen[i] = true
		if keys[j] != st.Perturbed[i] {
			t.Fatalf("keys[%d] = %v, perturbed logit %v", j, keys[j], st.Perturbed[i])
		}
		if j > 0 && (keys[j] > keys[j-1] || (keys[j] == keys[j-1] && i < dst[j-1])) {
			t.Fatalf("keys %v, dst %v not in decreasing order (ties by index)", keys, dst)
		}
	}
	last := keys[k-1]
	for i, s := range st.Perturbed {
		if !chosen[i] && !math.IsInf(logits[i], -1) && (s > last || (s == last && i < dst[k-1])) {
			t.Fatalf("category %d (perturbed %v) left out, but %d (%v) chosen", i, s, dst[k-1], last)
		}
	}
}

func FuzzEstimators(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0, 140}, uint16(0), 0.5, uint8(2), uint8(1), uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, tau float64, mb, ib uint8, s1, s2 uint64) {
		logits := relDecodeLogits(data, count)
		index := int(ib)%(len(logits)+2) - 1
		relCheckEstimators(t, func() *Generator { return NewSeeded(s1, s2) }, logits, tau, int(mb%5), index)
	})
}

// relEstimatorGrad checks an estimator's gradient v for logits: all NaN
// for invalid logits; otherwise accepted by check and exactly 0 on masked
// categories.
func relEstimatorGrad(what string, v, logits []float64, check func(string, ...float64) error) error {
	if relInvalid(logits) {
		return relAllNaN(v)
	}
	if err := check(what, v...); err != nil {
		return err
	}
	for i, l := range logits {
		if math.IsInf(l, -1) && v[i] != 0 {
			return fmt.Errorf("%s: masked category %d gets %v", what, i, v[i])
		}
	}
	return nil
}

// relCheckEstimators checks GumbelRaoTo (with m conditional draws),
// ReinMaxTo and ConditionalGumbelTo (at index, which may be out of range or
// masked) on Generators made by gen: the documented panic or a valid
// result, with finite gradients.
func relCheckEstimators(t *testing.T, gen func() *Generator, logits []float64, tau float64, m, index int) {
	t.Helper()
	n := len(logits)
	grad := make([]float64, n)
	for i := range grad {
		grad[i] = float64(i%7) - 3
	}
	invalid := relInvalid(logits)
	check := relNotNaN
	if tau >= 1e-290 {
		check = relFinite
	}
	// Gumbel-Rao: the temperature, then emptiness, then M is checked.
	want := relWant(n, tau)
	if want == nil && m < 1 {
		want = ErrParameter
	}
	var gr *GumbelRao
	if relExpect(t, "GumbelRaoTo", want, func() { gr = gen().GumbelRaoTo(nil, logits, tau, m) }) {
		if idx := gen().GumbelMax(logits); gr.Index != idx {
			t.Fatalf("GumbelRao.Index = %d, GumbelMax %d", gr.Index, idx)
		}
		if err := relValidHard(gr.Hard, logits, gr.Index); err != nil {
			t.Fatalf("GumbelRao.Hard: %v", err)
		}
		if err := relEstimatorGrad("GumbelRao.VJP", gr.VJP(nil, grad), logits, check); err != nil {
			t.Fatalf("k=%d tau=%g M=%d: %v", n, tau, m, err)
		}
	}

	// ReinMax: no 1/tau in the backward pass, so it is always finite.
	var rm *ReinMax
	if relExpect(t, "ReinMaxTo", relWant(n, tau), func() { rm = gen().ReinMaxTo(nil, logits, tau) }) {
		if err := relValidHard(rm.Hard, logits, rm.Index); err != nil {
			t.Fatalf("ReinMax.Hard: %v", err)
		}
		if err := relValidSoft(rm.Probs, logits, -1); err != nil {
			t.Fatalf("ReinMax.Probs: %v", err)
		}
		if err := relValidSoft(rm.Shifted, logits, -1); err != nil {
			t.Fatalf("ReinMax.Shifted: %v", err)
		}
		if err := relEstimatorGrad("ReinMax.VJP", rm.VJP(nil, grad), logits, relFinite); err != nil {
			t.Fatalf("k=%d tau=%g: %v", n, tau, err)
		}
	}

	// Conditional Gumbels: index may be out of range or masked.
	want = nil
	switch {
	case n == 0:
		want = ErrEmpty
	case index < 0 || index >= n || math.IsInf(logits[index], -1):
		want = ErrParameter
	}
	var s []float64
	if !relExpect(t, "ConditionalGumbelTo", want, func() { s = gen().ConditionalGumbelTo(nil, logits, index) }) {
		return
	}
	if invalid {
		if err := relAllNaN(s); err != nil {
			t.Fatalf("ConditionalGumbelTo: %v", err)
		}
		return
	}
	for i, v := range s {
		masked := math.IsInf(logits[i], -1)
		if math.IsNaN(v) || math.IsInf(v, 1) || (masked != math.IsInf(v, -1)) || v > s[index] {
			t.Fatalf("ConditionalGumbelTo(%v, %d) = %v: entry %d", logits, index, s, i)
		}
	}
}

// FuzzSampler checks the token sampler's contract on arbitrary float32
// logits and options: invalid logits give (-1, NaN); otherwise the token is
// allowed, of finite logit, among the TopK best, the first best when
// greedy, with a log-probability in [-Inf, 0] that is finite; bad options
// panic with *Error.
func FuzzSampler(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0, 7, 255}, uint64(1), 0.8, 2, 0.9, 0.05, 1, uint8(0b101))
	f.Add([]byte{0, 0, 0, 0}, uint64(2), 0.0, 0, 1.0, 0.0, 0, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64, temp float64, topK int, topP, minP float64, minKeep int, maskBits uint8) {
		logits := make([]float32, 0, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			v := float32(int(data[i])-128) / 8
			switch data[i+1] {
			case 255:
				v = float32(math.Inf(-1))
			case 254:
				v = float32(math.NaN())
			case 253:
				v = float32(math.Inf(1))
			case 252:
				v = math.MaxFloat32
			}
			logits = append(logits, v)
		}
		o := SamplerOptions{Temperature: temp, TopK: topK, TopP: topP, MinP: minP, MinKeep: minKeep}
		if maskBits != 0 && len(logits) > 0 {
			o.Allowed = make([]bool, len(logits))
			for i := range o.Allowed {
				o.Allowed[i] = maskBits>>(i%8)&1 == 1
			}
		}
		var s *Sampler
		bad := !(temp >= 0) || math.IsInf(temp, 1) || topK < 0 || minKeep < 0 || !(topP > 0 && topP <= 1) || !(minP >= 0 && minP <= 1)
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(*Error); !ok || !bad {
						t.Fatalf("options %+v: panic %v", o, r)
					}
				}
			}()
			s = NewSampler(seed, 1, o)
		}()
		if bad {
			if s != nil {
				t.Fatalf("options %+v accepted", o)
			}
			return
		}
		if len(logits) == 0 {
			return
		}
		invalid, any := false, false
		for i, v := range logits {
			if o.Allowed != nil && !o.Allowed[i] {
				continue
			}
			if v != v || math.IsInf(float64(v), 1) {
				invalid = true
			}
			if !math.IsInf(float64(v), -1) {
				any = true
			}
		}
		tok, lp := s.Sample(logits)
		if invalid || !any {
			if tok != -1 || lp == lp {
				t.Fatalf("logits %v mask %v: %d %v, want -1 NaN", logits, o.Allowed, tok, lp)
			}
			return
		}
		if tok < 0 || tok >= len(logits) || (o.Allowed != nil && !o.Allowed[tok]) || math.IsInf(float64(logits[tok]), -1) {
			t.Fatalf("logits %v mask %v: token %d", logits, o.Allowed, tok)
		}
		if !(lp <= 1e-12) || math.IsInf(lp, 0) {
			t.Fatalf("logits %v: log-probability %v", logits, lp)
		}
		better := 0
		for i, v := range logits {
			if (o.Allowed == nil || o.Allowed[i]) && v > logits[tok] {
				better++
			}
		}
		if temp == 0 && better > 0 {
			t.Fatalf("greedy drew %d with %d better tokens", tok, better)
		}
		if topK > 0 && better >= topK {
			t.Fatalf("top-%d drew %d with %d better tokens", topK, tok, better)
		}
	})
}

// FuzzGumbelSoftmax32 checks the float32 soft sample on arbitrary float32
// logits and temperatures: the panics of the float64 form, the same bits in
// every kernel selection the CPU allows (AVX-512, AVX2, the pure-Go twins),
// a valid simplex (masked entries 0, NaN for invalid logits, the perturbed
// argmax largest), the first row of a batch equal to the single row, and
// values within softTol of the float64 sample from the same seed.
func FuzzGumbelSoftmax32(f *testing.F) {
	f.Add([]byte{120, 128, 100, 0}, uint16(0), 0.5, uint64(1), uint64(2))
	f.Add([]byte{1, 200, 3, 255, 0, 7}, uint16(40), 0.7, uint64(3), uint64(4))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0x7f, 9}, uint16(12), 1.0, uint64(5), uint64(6))
	f.Fuzz(func(t *testing.T, data []byte, count uint16, tau float64, s1, s2 uint64) {
		wide := relDecodeLogits(data, count)
		k := len(wide)
		logits := make([]float32, k)
		for i, v := range wide {
			logits[i] = float32(v) // out-of-range values become ±Inf: invalid or masked rows
			wide[i] = float64(logits[i])
		}
		want := relWant(k, tau)
		var y []float32
		if !relExpect(t, "GumbelSoftmax32To", want, func() { y = NewSeeded(s1, s2).GumbelSoftmax32To(nil, logits, tau, false) }) {
			return
		}
		modes, set, restore := kernelModes()
		defer restore()
		for _, mode := range modes {
			set(mode)
			got := NewSeeded(s1, s2).GumbelSoftmax32To(nil, logits, tau, false)
			for i := range got {
				if math.Float32bits(got[i]) != math.Float32bits(y[i]) && !(got[i] != got[i] && y[i] != y[i]) {
					t.Fatalf("k=%d tau=%g: %s kernels give y[%d] = %v, want %v", k, tau, mode, i, got[i], y[i])
				}
			}
		}
		restore()
		if relInvalid(wide) {
			for i, v := range y {
				if v == v {
					t.Fatalf("k=%d: y[%d] = %v for invalid logits, want NaN", k, i, v)
				}
			}
			return
		}
		idx := NewSeeded(s1, s2).GumbelMax(wide)
		var sum float64
		for i, v := range y {
			if !(v >= 0 && v <= 1) || math.IsInf(wide[i], -1) && v != 0 {
				t.Fatalf("k=%d tau=%g: y[%d] = %v (logit %v)", k, tau, i, v, wide[i])
			}
			if v > y[idx]*(1+1e-5) {
				t.Fatalf("k=%d tau=%g: y[%d] = %v above y[argmax %d] = %v", k, tau, i, v, idx, y[idx])
			}
			sum += float64(v)
		}
		if math.Abs(sum-1) > 1e-5+float64(k)*1.2e-7 {
			t.Fatalf("k=%d tau=%g: sum %v", k, tau, sum)
		}
		b := NewSeeded(s1, s2).GumbelSoftmaxBatch32To(nil, append(append([]float32(nil), logits...), logits...), k, tau, false)
		for i, v := range y {
			if math.Float32bits(b[i]) != math.Float32bits(v) {
				t.Fatalf("k=%d tau=%g: batch row 0 [%d] = %v, want %v", k, tau, i, b[i], v)
			}
		}
		if tau >= 0.05 { // softTol grows as 1/tau: below, it tells little
			closeSoft(t, fmt.Sprintf("k=%d tau=%g", k, tau), y, NewSeeded(s1, s2).GumbelSoftmaxTo(nil, wide, tau, false), wide, k, tau)
		}
	})
}
