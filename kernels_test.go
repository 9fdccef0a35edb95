// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"encoding/binary"
	"flag"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The fast paths (block draws, slice kernels, the exponential race) against
// the plain loops they replace: one source call per number, the scalar
// gumbelFromBits, math.Exp.

// kernelLogits returns n standard normal logits with a masked one.
func kernelLogits(r *rand.Rand, n int) []float64 {
	l := make([]float64, n)
	for i := range l {
		l[i] = 2 * r.NormFloat64()
	}
	if n > 2 {
		l[n/2] = math.Inf(-1)
	}
	return l
}

func TestSampleGumbelMatchesScalar(t *testing.T) {
	t.Parallel()
	for _, src := range []func(n int) rand.Source{
		func(n int) rand.Source { return rand.NewPCG(1, uint64(n)) },
		func(n int) rand.Source { return NewSource(1, uint64(n)) },
	} {
		for _, n := range []int{1, 3, 4, 255, 256, 257, 1000} {
			got := New(src(n)).SampleGumbel(make([]float64, n))
			g := New(&countingSrc{src: src(n)}) // no fast path
			for i, v := range got {
				if want := g.Gumbel(); v != want {
					t.Fatalf("%T n=%d: SampleGumbel[%d] = %v, Gumbel() = %v", src(n), n, i, v, want)
				}
			}
		}
	}
}

// TestPerturbMatchesPlainLoop checks the block kernel against
// logits[i] + gumbelFromBits(src.Uint64()), bit for bit, and against
// -log(-log(U)) with math.Log within rounding.
func TestPerturbMatchesPlainLoop(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(9, 9))
	for _, n := range []int{1, 2, 5, 256, 300, 1000} {
		l := kernelLogits(r, n)
		dst := make([]float64, n)
		arg := NewSeeded(4, uint64(n)).perturb(dst, l)
		src := NewSource(4, uint64(n))
		best, want := math.Inf(-1), -1
		c := rowShift(l) // perturb stores (l_i - c) + G_i
		for i, v := range l {
			bits := src.Uint64()
			s := float64(v-c) + gumbelFromBits(bits)
			if dst[i] != s && !(math.IsInf(s, -1) && math.IsInf(dst[i], -1)) {
				t.Fatalf("n=%d: perturb[%d] = %v, want %v", n, i, dst[i], s)
			}
			ref := float64(v-c) - math.Log(-math.Log(uniformOpen(bits)))
			if math.Abs(ref-s) > 1e-14*math.Max(1, math.Abs(ref)) {
				t.Fatalf("n=%d: perturb[%d] = %v, math.Log gives %v", n, i, s, ref)
			}
			if s > best {
				best, want = s, i
			}
		}
		if arg != want {
			t.Fatalf("n=%d: perturb index %d, want %d", n, arg, want)
		}
	}
}

// TestGumbelMaxIsHardIndex checks that GumbelMax returns the index of the
// hard sample drawn from the same source state.
func TestGumbelMaxIsHardIndex(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 5))
	for rep := 0; rep < 2000; rep++ {
		n := 1 + r.IntN(300)
		l := kernelLogits(r, n)
		seed := r.Uint64()
		got := NewSeeded(seed, 1).GumbelMax(l)
		h := NewSeeded(seed, 1).GumbelSoftmaxTo(nil, l, 1, true)
		if h[got] != 1 {
			t.Fatalf("n=%d: GumbelMax = %d, hard sample %v", n, got, h)
		}
	}
}

// TestSoftMatchesMathExp checks the soft sample against softmax computed with
// math.Exp and division from the same perturbed logits.
func TestSoftMatchesMathExp(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(6, 6))
	for _, tau := range []float64{1e-3, 0.1, 0.5, 1, 3, 100} {
		for _, n := range []int{1, 3, 10, 257, 1000} {
			l := kernelLogits(r, n)
			st := NewSeeded(7, uint64(n)).StraightThroughTo(nil, l, tau)
			s := st.Perturbed
			m := s[st.Index]
			want := make([]float64, n)
			var sum float64
			for i, v := range s {
				want[i] = math.Exp((v - m) / tau)
				sum += want[i]
			}
			x := NewSeeded(7, uint64(n)).LogGumbelSoftmaxTo(nil, l, tau)
			for i := range want {
				want[i] /= sum
				if d := math.Abs(st.Soft[i] - want[i]); d > 1e-13*want[i]+1e-300 && d > 1e-15 {
					t.Fatalf("tau %v n %d: soft[%d] = %v, want %v", tau, n, i, st.Soft[i], want[i])
				}
				if lw := math.Log(want[i]); !(math.IsInf(lw, -1) && math.IsInf(x[i], -1)) && math.Abs(x[i]-lw) > 1e-12*math.Max(1, math.Abs(lw)) {
					if want[i] > 1e-300 {
						t.Fatalf("tau %v n %d: log soft[%d] = %v, want %v", tau, n, i, x[i], lw)
					}
				}
			}
		}
	}
}

// TestTinyTau covers temperatures whose reciprocal overflows.
func TestTinyTau(t *testing.T) {
	t.Parallel()
	l := []float64{1, 1, math.Inf(-1), 0.5}
	for _, tau := range []float64{1e-310, 5e-324} {
		y := NewSeeded(1, 1).GumbelSoftmaxTo(nil, l, tau, false)
		x := NewSeeded(1, 1).LogGumbelSoftmaxTo(nil, l, tau)
		in := append([]float64(nil), l...)
		NewSeeded(1, 1).LogGumbelSoftmaxTo(in, in, tau) // in place
		ones := 0
		for i := range y {
			if y[i] == 1 {
				ones++
				if x[i] != 0 || in[i] != 0 {
					t.Errorf("tau %v: log sample %v / in place %v, want 0 at %d", tau, x, in, i)
				}
			} else if y[i] != 0 || !math.IsInf(x[i], -1) || !math.IsInf(in[i], -1) {
				t.Errorf("tau %v: y = %v, log y = %v, in place %v", tau, y, x, in)
			}
		}
		if ones != 1 {
			t.Errorf("tau %v: y = %v, want one-hot", tau, y)
		}
	}
}

// TestBatchBlocksSpanRows checks that the batch forms, whose noise blocks
// span rows, equal the single-vector calls row by row.
func TestBatchBlocksSpanRows(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 8))
	// c <= shortRow: rows relaxed in groups of catBlock/c (several groups
	// for c = 33 and 64); c > shortRow: two rows at a time (an odd number of
	// rows leaves one), also in place.
	for _, c := range []int{1, 7, 33, 64, 65, 100, 300} {
		const rows = 91
		logits := mat.NewDense(rows, c, nil)
		for i := 0; i < rows; i++ {
			logits.SetRow(i, kernelLogits(r, c))
		}
		logits.Set(40, c-1, math.NaN()) // an invalid row inside a group
		soft := NewSeeded(2, 3).GumbelSoftmaxBatchTo(nil, logits, 0.7, false)
		inPlace := mat.DenseCopyOf(logits)
		NewSeeded(2, 3).GumbelSoftmaxBatchTo(inPlace, inPlace, 0.7, false)
		for i, v := range inPlace.RawMatrix().Data {
			if !sameBits(v, soft.RawMatrix().Data[i]) {
				t.Fatalf("c=%d: the batch drawn in place differs at %d", c, i)
			}
		}
		logy := NewSeeded(2, 3).LogGumbelSoftmaxBatchTo(nil, logits, 0.7)
		stb := NewSeeded(2, 3).StraightThroughBatchTo(nil, logits, 0.7)
		idx := NewSeeded(2, 3).GumbelMaxBatchTo(nil, logits)
		cat := NewSeeded(2, 3).CategoricalBatchTo(nil, logits)
		g1, g2, g3, g4 := NewSeeded(2, 3), NewSeeded(2, 3), NewSeeded(2, 3), NewSeeded(2, 3)
		for i := 0; i < rows; i++ {
			row := logits.RawRowView(i)
			y := g1.GumbelSoftmaxTo(nil, row, 0.7, false)
			x := g2.LogGumbelSoftmaxTo(nil, row, 0.7)
			k := g3.GumbelMax(row)
			for j := range y {
				if !sameBits(soft.At(i, j), y[j]) || !sameBits(stb.Soft.At(i, j), y[j]) || !sameBits(logy.At(i, j), x[j]) {
					t.Fatalf("c=%d row %d col %d: batch %v/%v/%v, single %v/%v", c, i, j, soft.At(i, j), stb.Soft.At(i, j), logy.At(i, j), y[j], x[j])
				}
			}
			if idx[i] != k || stb.Index[i] != k {
				t.Fatalf("c=%d row %d: batch index %d/%d, single %d", c, i, idx[i], stb.Index[i], k)
			}
			if want := g4.Categorical(row); cat[i] != want {
				t.Fatalf("c=%d row %d: Categorical batch %d, single %d", c, i, cat[i], want)
			}
		}
	}
}

// TestNoAllocs checks that the destination-first forms allocate nothing.
func TestNoAllocs(t *testing.T) {
	g := NewSeeded(1, 1)
	l := kernelLogits(rand.New(rand.NewPCG(1, 1)), 300)
	dst := make([]float64, len(l))
	logits := mat.NewDense(4, 300, nil)
	for i := 0; i < 4; i++ {
		logits.SetRow(i, l)
	}
	dd := mat.NewDense(4, 300, nil)
	idx := make([]int, 4)
	st := g.StraightThroughTo(nil, l, 0.5)
	stb := g.StraightThroughBatchTo(nil, logits, 0.5)
	grad := mat.NewDense(4, 300, nil)
	gc := New(rand.NewChaCha8([32]byte{}))
	short := mat.NewDense(300, 10, nil)
	shortDst := mat.NewDense(300, 10, nil)
	shortST := g.StraightThroughBatchTo(nil, short, 0.5)
	shortIdx := make([]int, 300)
	for name, f := range map[string]func(){
		"SampleGumbel":                 func() { g.SampleGumbel(dst) },
		"GumbelSoftmaxTo":              func() { g.GumbelSoftmaxTo(dst, l, 0.5, false) },
		"GumbelSoftmaxTo hard":         func() { g.GumbelSoftmaxTo(dst, l, 0.5, true) },
		"LogGumbelSoftmaxTo":           func() { g.LogGumbelSoftmaxTo(dst, l, 0.5) },
		"GumbelMax":                    func() { g.GumbelMax(l) },
		"GumbelMaxBatchTo":             func() { g.GumbelMaxBatchTo(idx, logits) },
		"GumbelSoftmaxBatchTo":         func() { g.GumbelSoftmaxBatchTo(dd, logits, 0.5, false) },
		"StraightThroughTo":            func() { g.StraightThroughTo(st, l, 0.5); st.VJP(dst, l) },
		"StraightThroughBatchTo":       func() { g.StraightThroughBatchTo(stb, logits, 0.5); stb.VJP(dd, grad) },
		"ChaCha8 SampleGumbel":         func() { gc.SampleGumbel(dst) },
		"Categorical":                  func() { g.Categorical(l) },
		"CategoricalBatchTo":           func() { g.CategoricalBatchTo(idx, logits) },
		"CategoricalBatchTo short":     func() { g.CategoricalBatchTo(shortIdx, short) },
		"GumbelSoftmaxBatchTo short":   func() { g.GumbelSoftmaxBatchTo(shortDst, short, 0.5, false) },
		"StraightThroughBatchTo short": func() { g.StraightThroughBatchTo(shortST, short, 0.5) },
	} {
		if n := testing.AllocsPerRun(20, f); n != 0 {
			t.Errorf("%s: %v allocations per call", name, n)
		}
	}
}

var updateKernelHash = flag.Bool("kernels.update", false, "print a new value for kernelStreamHash")

// kernelStreamHash is the FNV-64a hash of the bits of every number
// kernelStream draws. It is the same on every platform and on the assembly
// and -tags noasm paths; it changes only if the numbers a seed gives change,
// which must be deliberate: rerun with -kernels.update and replace it.
const kernelStreamHash = 0x70ad1d4e6e3bdddd

// kernelStream exercises every kernel from fixed seeds: Gumbel noise, soft,
// log and hard samples, straight-through draws with their VJP, Gumbel-max,
// over lengths that cover every SIMD tail.
func kernelStream() uint64 {
	h := fnv.New64a()
	put := func(xs ...float64) {
		var b [8]byte
		for _, x := range xs {
			bits := math.Float64bits(x)
			if x != x {
				bits = 0x7ff8000000000001 // NaN payloads are not specified
			}
			binary.LittleEndian.PutUint64(b[:], bits)
			h.Write(b[:])
		}
	}
	r := rand.New(rand.NewPCG(42, 42))
	for _, c := range []int{1, 2, 3, 4, 5, 7, 10, 33, 100, 257, 1000} {
		g := NewSeeded(uint64(c), 7)
		put(g.SampleGumbel(make([]float64, c))...)
		logits := mat.NewDense(3, c, nil)
		for i := 0; i < 3; i++ {
			logits.SetRow(i, kernelLogits(r, c))
		}
		for _, tau := range []float64{0.1, 0.5, 1, 7} {
			put(g.GumbelSoftmaxBatchTo(nil, logits, tau, false).RawMatrix().Data...)
			put(g.LogGumbelSoftmaxBatchTo(nil, logits, tau).RawMatrix().Data...)
			st := g.StraightThroughBatchTo(nil, logits, tau)
			put(st.Hard.RawMatrix().Data...)
			put(st.VJP(nil, logits).RawMatrix().Data...)
			put(st.TauVJP(logits))
		}
		for _, i := range g.GumbelMaxBatchTo(nil, logits) {
			put(float64(i))
		}
		for _, i := range g.CategoricalBatchTo(nil, logits) {
			put(float64(i))
		}
		put(g.SampleGumbelLocScale(make([]float64, c), 1.5, 2)...)
	}
	// Categorical on a row long enough for its two-pass path.
	long := kernelLogits(r, 2*catBlock+3)
	g := NewSeeded(5, 5)
	for i := 0; i < 50; i++ {
		put(float64(g.Categorical(long)))
	}
	return h.Sum64()
}

func TestKernelStreamReproducible(t *testing.T) {
	t.Parallel()
	got := kernelStream()
	if *updateKernelHash {
		t.Logf("const kernelStreamHash = %#x", got)
		return
	}
	if got != kernelStreamHash {
		t.Errorf("kernelStream hash %#x, want %#x: the numbers a seed gives have changed", got, uint64(kernelStreamHash))
	}
}

// sameBits reports whether a and b are the same float64, NaN included.
func sameBits(a, b float64) bool { return a == b || (a != a && b != b) }

// TestRaceBatchPairs checks the race's batch path, which draws two rows at
// a time (raceTwo), against GumbelSoftmaxTo row by row at tau = 1/2 and
// 1/3: rows of 32 to 300 logits (300: longer than one race chunk, row by
// row), an odd number of rows, in place and not, with a NaN row, a row of
// one category, a row wider than the race's exponent range and an all -Inf
// row, each paired with a normal row in either position.
func TestRaceBatchPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for _, c := range []int{32, 100, 256, 300} {
		const rows = 41
		logits := mat.NewDense(rows, c, nil)
		for i := 0; i < rows; i++ {
			logits.SetRow(i, kernelLogits(r, c))
		}
		logits.Set(10, 3, math.NaN())
		for j := 0; j < c; j++ {
			logits.Set(13, j, math.Inf(-1))
			logits.Set(22, j, math.Inf(-1))
		}
		logits.Set(13, 5, 2)     // one category
		logits.Set(17, 7, -2000) // wider than -raceMinExp/n
		for _, tau := range []float64{0.5, 1.0 / 3} {
			soft := NewSeeded(4, 5).GumbelSoftmaxBatchTo(nil, logits, tau, false)
			inPlace := mat.DenseCopyOf(logits)
			NewSeeded(4, 5).GumbelSoftmaxBatchTo(inPlace, inPlace, tau, false)
			g := NewSeeded(4, 5)
			for i := 0; i < rows; i++ {
				y := g.GumbelSoftmaxTo(nil, logits.RawRowView(i), tau, false)
				for j := range y {
					if !sameBits(soft.At(i, j), y[j]) || !sameBits(inPlace.At(i, j), y[j]) {
						t.Fatalf("c=%d tau=%v row %d col %d: batch %v (in place %v), single %v", c, tau, i, j, soft.At(i, j), inPlace.At(i, j), y[j])
					}
				}
			}
		}
	}
}
