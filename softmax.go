// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// mode selects what relax writes.
type mode int

const (
	modeSoft mode = iota // y = softmax(s/tau)
	modeLog              // x = log softmax(s/tau)
	modeHard             // onehot(argmax s)
)

// oneHot writes the one-hot vector of arg to dst, or NaN to every element
// if arg < 0 (no valid category): the hard sample of both precisions.
func oneHot[F float32 | float64](dst []F, arg int) {
	if arg < 0 {
		nan := F(math.NaN())
		for i := range dst {
			dst[i] = nan
		}
		return
	}
	clear(dst)
	dst[arg] = 1
}

// relax is the one softmax kernel. Given perturbed logits s (s may alias dst)
// and the index arg of their maximum (or -1), it writes to dst
//
//	modeSoft: y_i = exp((s_i - s_arg)/tau) / sum_j exp((s_j - s_arg)/tau)
//	modeLog:  x_i = (s_i - s_arg)/tau - log sum_j exp((s_j - s_arg)/tau)
//	modeHard: the one-hot vector of arg
//
// Subtracting the maximum before dividing by tau keeps every exponent <= 0,
// so nothing overflows for any finite logits and any tau > 0; the sum is in
// [1, k]. With arg = -1 (no valid category) dst is filled with NaN, which no
// valid sample contains.
func relax(dst, s []float64, arg int, tau float64, m mode) {
	dst = dst[:len(s)]
	if arg < 0 || m == modeHard {
		oneHot(dst, arg)
		return
	}
	max := s[arg]
	// The exponent (s_i - max)/tau is computed as (s_i - max) * (1/tau), and
	// the exponentials by the slice kernel expSumTo (fastmath.go). If 1/tau
	// overflows (tau < 2^-1024), the quotients are formed first.
	inv := 1 / tau
	if math.IsInf(inv, 1) {
		relaxTiny(dst, s, max, tau, m)
		return
	}
	if m == modeLog {
		var buf [64]float64
		var sum float64
		for off := 0; off < len(s); off += len(buf) {
			n := min(len(buf), len(s)-off)
			sum += expSumTo(buf[:n], s[off:off+n], max, inv)
		}
		lse := fastLog(sum)
		for i, v := range s {
			dst[i] = float64((v-max)*inv) - lse // float64(): no fused multiply-add
		}
		return
	}
	scaleTo(dst, 1/expSumTo(dst, s, max, inv))
}

// relaxTiny is relax for a temperature whose reciprocal overflows.
func relaxTiny(dst, s []float64, max, tau float64, m mode) {
	if m == modeLog {
		var buf [64]float64
		var sum float64
		for off := 0; off < len(s); off += len(buf) {
			x := buf[:min(len(buf), len(s)-off)]
			for i := range x {
				x[i] = (s[off+i] - max) / tau
			}
			sum += expSumTo(x, x, 0, 1)
		}
		lse := fastLog(sum)
		for i, v := range s {
			dst[i] = (v-max)/tau - lse
		}
		return
	}
	for i, v := range s {
		dst[i] = (v - max) / tau
	}
	scaleTo(dst, 1/expSumTo(dst, dst, 0, 1))
}

// shortRow is the longest row that the batch forms relax several at a time:
// the exponentials of one short row are too few to keep the SIMD kernel
// busy (its cost is then the latency of one long chain of operations).
const shortRow = 64

// relaxShort is relax(dst.row(i0+j), src.row(i0+j), args[j], tau, modeSoft)
// for the rows j < len(args), whose lengths add up to at most catBlock, with
// the exponentials of all of them computed in one pass of the kernel. The
// results are those of relax to the bit: each exponent is the same
// (s_i - s_arg)*(1/tau), the exponential is elementwise, and each row's sum
// is laneSum, the order of expSumTo. 1/tau must be finite. dst may be src.
func relaxShort(dst, src rowSource, i0 int, args []int, inv float64, buf *[catBlock]float64) {
	n := 0
	for j, arg := range args {
		s := src.row(i0 + j)
		t := buf[n : n+len(s)]
		n += len(s)
		if arg < 0 {
			clear(t)
			continue
		}
		max := s[arg]
		for i, v := range s {
			t[i] = float64((v - max) * inv)
		}
	}
	expSumTo(buf[:n], buf[:n], 0, 1)
	n = 0
	for j, arg := range args {
		d := dst.row(i0 + j)
		t := buf[n : n+len(d)]
		n += len(d)
		if arg < 0 {
			for i := range d {
				d[i] = math.NaN()
			}
			continue
		}
		c := 1 / laneSum(t)
		for i, v := range t {
			d[i] = v * c
		}
	}
}

// relaxTwo is relax(d0, s0, a0, tau, modeSoft) and relax(d1, s1, a1, tau,
// modeSoft) with the kernels of the two rows interleaved (both exponential
// passes, then both scalings): each kernel's result feeds only the next
// kernel of its own row, so one row's kernel runs while the other's last
// iterations drain. The same bits as the two calls; the batch forms call
// it after perturbing both rows, for the same reason.
func relaxTwo(d0, s0 []float64, a0 int, d1, s1 []float64, a1 int, tau float64) {
	inv := 1 / tau
	if a0 < 0 || a1 < 0 || math.IsInf(inv, 1) {
		relax(d0, s0, a0, tau, modeSoft)
		relax(d1, s1, a1, tau, modeSoft)
		return
	}
	d0, d1 = d0[:len(s0)], d1[:len(s1)]
	z0 := expSumTo(d0, s0, s0[a0], inv)
	z1 := expSumTo(d1, s1, s1[a1], inv)
	scaleTo(d0, 1/z0)
	scaleTo(d1, 1/z1)
}

// scaleTo multiplies every element of dst by c.
func scaleTo(dst []float64, c float64) { scaleBody(dst, c) }

// scaleGo is the pure-Go twin of the assembly scaleBody: dst[i] *= c.
func scaleGo(dst []float64, c float64) {
	for i := range dst {
		dst[i] *= c
	}
}

// sampleTo checks the arguments shared by the Gumbel-Softmax forms, draws the
// perturbation into dst (only its largest index for modeHard) and relaxes it
// in place. It returns dst and the index of the largest perturbed logit (-1
// if none is valid).
func (g *Generator) sampleTo(op string, dst, logits []float64, tau float64, m mode) ([]float64, int) {
	g.checkGen(op)
	checkTau(op, tau)
	checkNonEmpty(op, len(logits))
	if dst == nil {
		dst = make([]float64, len(logits))
	}
	checkLen(op, "dst", len(dst), len(logits))
	if n := raceN(len(logits), tau); m == modeSoft && n > 0 {
		// Only the scratch array the row needs is declared (and zeroed).
		if len(logits) <= shortRow {
			var scratch [shortRow]float64
			g.raceTo(dst, logits, scratch[:], n, tau)
		} else {
			var scratch noiseScratch
			g.raceTo(dst, logits, scratch[:], n, tau)
		}
		return dst, -1
	}
	var arg int
	if m == modeHard { // only the index is needed: no sums stored
		arg = g.perturb(nil, logits)
	} else {
		arg = g.perturb(dst, logits)
	}
	relax(dst, dst, arg, tau, m)
	return dst, arg
}

// hardMode returns modeHard if hard, else modeSoft.
func hardMode(hard bool) mode {
	if hard {
		return modeHard
	}
	return modeSoft
}

// GumbelSoftmaxTo draws a Gumbel-Softmax (Concrete) sample
//
//	y_i = exp((l_i + G_i)/tau) / sum_j exp((l_j + G_j)/tau)
//
// with G_i independent standard Gumbel draws (Jang et al. 2017 eq. 2;
// Maddison et al. 2017), stores it in dst and returns dst. The sample lies on
// the probability simplex: every y_i is in [0, 1] and they sum to 1 within a
// few ulp. Logits of -Inf are masked: their y_i is exactly 0. If hard is true,
// dst holds instead the exact one-hot vector of argmax_i(l_i + G_i), the same
// index the soft sample with the same noise peaks at (ties go to the lowest
// index, up to rounding in near ties); that index is distributed as
// Categorical(softmax(logits)) at every tau (Maddison et al. 2017, Prop. 1b).
// It consumes len(logits) source values.
//
// At tau = 1/n for an integer n <= 16 (tau = 1, 0.5, ...) and rows of 32
// logits or more, the soft sample is computed by the exponential race, with
// one logarithm per logit instead of two: with E_i = exp(-G_i) the
// standard exponential draws behind the Gumbels,
//
//	y_i = exp(n (l_i - max l)) E_i^-n / sum_j exp(n (l_j - max l)) E_j^-n,
//
// the same sample, from the same source values, in another order of
// operations (rows whose logits span more than 708/n are drawn the
// two-logarithm way, exactly).
//
// The hard sample has no gradient path. PyTorch's
// F.gumbel_softmax(logits, tau, hard=True) is the straight-through estimator
// (one-hot forward value, soft-sample gradient): here that is
// [Generator.StraightThroughTo] and [Generator.StraightThroughBatchTo].
//
// If dst is nil a new slice is allocated; dst may be logits itself. If every
// logit is -Inf or any logit is NaN or +Inf, dst is filled with NaN.
// It panics with ErrTemperature unless tau is finite and > 0, with ErrEmpty if
// logits is empty and with ErrLength if dst is non-nil and len(dst) != len(logits).
func (g *Generator) GumbelSoftmaxTo(dst, logits []float64, tau float64, hard bool) []float64 {
	dst, _ = g.sampleTo("GumbelSoftmaxTo", dst, logits, tau, hardMode(hard))
	return dst
}

// GumbelSoftmaxTo draws a Gumbel-Softmax sample with the global source. See
// Generator.GumbelSoftmaxTo.
func GumbelSoftmaxTo(dst, logits []float64, tau float64, hard bool) []float64 {
	return global.GumbelSoftmaxTo(dst, logits, tau, hard)
}

// vecCopy returns a new dense copy of v and its backing slice.
func vecCopy(v mat.Vector) (*mat.VecDense, []float64) {
	out := mat.NewVecDense(v.Len(), nil)
	out.CopyVec(v)
	return out, out.RawVector().Data
}

// GumbelSoftmax returns a new Gumbel-Softmax sample for logits at temperature
// tau, one-hot if hard. See GumbelSoftmaxTo, which it shares its contract
// with; it allocates the result.
func (g *Generator) GumbelSoftmax(logits mat.Vector, tau float64, hard bool) *mat.VecDense {
	const op = "GumbelSoftmax"
	g.checkGen(op)
	checkVector(op, "logits", logits)
	checkTau(op, tau)
	checkNonEmpty(op, logits.Len())
	out, data := vecCopy(logits)
	g.sampleTo(op, data, data, tau, hardMode(hard))
	return out
}

// GumbelSoftmax returns a new Gumbel-Softmax sample drawn with the global
// source. See Generator.GumbelSoftmaxTo.
func GumbelSoftmax(logits mat.Vector, tau float64, hard bool) *mat.VecDense {
	return global.GumbelSoftmax(logits, tau, hard)
}

// LogGumbelSoftmaxTo draws the log of a Gumbel-Softmax sample, an ExpConcrete
// sample (Maddison et al. 2017, App. C),
//
//	x_i = z_i - log sum_j exp(z_j),  z_i = (l_i + G_i)/tau,
//
// stores it in dst and returns dst. exp(x) is the sample GumbelSoftmaxTo
// draws from the same noise, but x stays finite where y underflows to 0 at
// small tau; use it for relaxed ELBOs and ExpConcrete.LogProb. Every x_i is
// <= 0 and the largest is within rounding of -log(1+...) <= 0; masked
// categories give -Inf.
//
// Its special cases and panics are those of GumbelSoftmaxTo.
func (g *Generator) LogGumbelSoftmaxTo(dst, logits []float64, tau float64) []float64 {
	dst, _ = g.sampleTo("LogGumbelSoftmaxTo", dst, logits, tau, modeLog)
	return dst
}

// LogGumbelSoftmaxTo draws an ExpConcrete sample with the global source. See
// Generator.LogGumbelSoftmaxTo.
func LogGumbelSoftmaxTo(dst, logits []float64, tau float64) []float64 {
	return global.LogGumbelSoftmaxTo(dst, logits, tau)
}

// LogGumbelSoftmax returns a new ExpConcrete sample. See LogGumbelSoftmaxTo.
func (g *Generator) LogGumbelSoftmax(logits mat.Vector, tau float64) *mat.VecDense {
	const op = "LogGumbelSoftmax"
	g.checkGen(op)
	checkVector(op, "logits", logits)
	checkTau(op, tau)
	checkNonEmpty(op, logits.Len())
	out, data := vecCopy(logits)
	g.sampleTo(op, data, data, tau, modeLog)
	return out
}

// LogGumbelSoftmax returns a new ExpConcrete sample drawn with the global
// source. See Generator.LogGumbelSoftmaxTo.
func LogGumbelSoftmax(logits mat.Vector, tau float64) *mat.VecDense {
	return global.LogGumbelSoftmax(logits, tau)
}

// batchTo applies sampleTo to each row of logits, in order, writing the rows
// of dst (allocated if nil). dst may be logits itself.
func (g *Generator) batchTo(op string, dst *mat.Dense, logits mat.Matrix, tau float64, m mode) *mat.Dense {
	g.batchArgs(op, logits, tau)
	dst, rows, r := denseBatchArgs(op, dst, logits)
	g.relaxBatch(rowsOf(dst), rows, r, tau, m)
	return dst
}

// relaxBatch draws the r rows of rows into out (out may be rows), on the
// workers the Generator may use: the body of batchTo and of the float32
// batch forms.
func (g *Generator) relaxBatch(out, rows rowSource, r int, tau float64, m mode) {
	c := rows.cols
	if w := g.workersFor(r, c, c); w > 1 {
		g.runRows(r, c, c, w, func(gen *Generator, i0, i1 int) { gen.relaxRows(out, rows, i0, i1, tau, m) })
		return
	}
	g.relaxRows(out, rows, 0, r, tau, m)
}

// shortGroup returns the end j of the group of rows [i, j) of c logits
// that starts at row i (at most catBlock/c rows, none past i1) and the
// group's Gumbels gs, gathered from z into buf: the step of the short-row
// kernel's callers (relaxRows, stRows).
func (z *noise) shortGroup(buf *[catBlock]float64, i, i1, c int) (j int, gs []float64) {
	j = min(i1, i+catBlock/c)
	gs = buf[:(j-i)*c]
	z.takeTo(gs)
	return j, gs
}

// relaxRows draws the samples of rows [i0, i1) of rows into the same rows
// of out, in order: the kernel of batchTo.
func (g *Generator) relaxRows(out, rows rowSource, i0, i1 int, tau float64, m mode) {
	c := rows.cols
	var scratch batchScratch
	z := newNoise(g, (i1-i0)*c, scratch[:])
	if n := raceN(c, tau); m == modeSoft && n > 0 {
		z.kind = noiseExps
		i := i0
		if c <= raceChunk { // two rows at a time: see raceTwo
			var e0, e1 [raceChunk]float64
			for ; i+1 < i1; i += 2 {
				raceTwo(out.row(i), rows.row(i), out.row(i+1), rows.row(i+1), &z, n, tau, &e0, &e1)
			}
		}
		for ; i < i1; i++ {
			raceRow(out.row(i), rows.row(i), &z, n, tau)
		}
		return
	}
	if inv := 1 / tau; m == modeSoft && c <= 16 && useShortKernel && !math.IsInf(inv, 1) {
		// Rows of 16 or fewer: one vector per row (softShortBody), the
		// group's Gumbels gathered from the noise blocks.
		// In place, the rows are drawn into obuf and copied: the kernel's
		// masked stores reach past a row, and a load of the next row that
		// overlaps them would wait for them to retire.
		var gbuf, obuf [catBlock]float64
		inPlace := &out.data[0] == &rows.data[0]
		for i, j := i0, i0; i < i1; i = j {
			var gs []float64
			j, gs = z.shortGroup(&gbuf, i, i1, c)
			if !inPlace {
				softShortBody(out.from(i), rows.from(i), gs, c, inv, rowSource{}, nil)
				continue
			}
			softShortBody(rowSource{data: obuf[:], stride: c, cols: c}, rows.from(i), gs, c, inv, rowSource{}, nil)
			for r := i; r < j; r++ {
				copy(out.row(r), obuf[(r-i)*c:(r-i+1)*c])
			}
		}
		return
	}
	z.kind = perturbNoise(m == modeHard, c) // from here on every draw goes through perturbFrom
	if inv := 1 / tau; m == modeSoft && c <= shortRow && !math.IsInf(inv, 1) {
		// Short rows: perturb a group of rows, then relax them together.
		var buf [catBlock]float64
		var args [catBlock]int
		for i := i0; i < i1; {
			a := args[:min(i1-i, catBlock/c)]
			for j := range a {
				a[j] = perturbFrom(out.row(i+j), rows.row(i+j), &z)
			}
			relaxShort(out, out, i, a, inv, &buf)
			i += len(a)
		}
		return
	}
	if m == modeHard { // only the index is needed: no sums stored
		var idx [blockLen]int
		for i := i0; i < i1; i += len(idx) {
			ix := idx[:min(len(idx), i1-i)]
			indicesTo(ix, rows, i, &z) // every index of the group before any row is written
			for j, arg := range ix {
				oneHot(out.row(i+j), arg)
			}
		}
		return
	}
	i := i0
	if m == modeSoft {
		// Two rows at a time: see relaxTwo.
		for ; i+1 < i1; i += 2 {
			o0, o1 := out.row(i), out.row(i+1)
			a0 := perturbFrom(o0, rows.row(i), &z)
			a1 := perturbFrom(o1, rows.row(i+1), &z)
			relaxTwo(o0, o0, a0, o1, o1, a1, tau)
		}
	}
	for ; i < i1; i++ {
		o := out.row(i)
		relax(o, o, perturbFrom(o, rows.row(i), &z), tau, m)
	}
}

// GumbelSoftmaxBatchTo draws one Gumbel-Softmax sample per row of logits
// (each row a vector of logits, see GumbelSoftmaxTo), stores them in the rows
// of dst and returns dst. Rows are drawn in order: the result equals calling
// GumbelSoftmaxTo on each row in turn. If dst is nil a new matrix is
// allocated; dst may be logits itself. A *mat.Dense logits is read in place;
// any other mat.Matrix is copied first.
//
// It panics with ErrTemperature unless tau is finite and > 0, with ErrEmpty
// if logits has no row or no column, and with ErrLength if dst and logits
// differ in shape.
func (g *Generator) GumbelSoftmaxBatchTo(dst *mat.Dense, logits mat.Matrix, tau float64, hard bool) *mat.Dense {
	return g.batchTo("GumbelSoftmaxBatchTo", dst, logits, tau, hardMode(hard))
}

// GumbelSoftmaxBatchTo draws one sample per row with the global source. See
// Generator.GumbelSoftmaxBatchTo.
func GumbelSoftmaxBatchTo(dst *mat.Dense, logits mat.Matrix, tau float64, hard bool) *mat.Dense {
	return global.GumbelSoftmaxBatchTo(dst, logits, tau, hard)
}

// LogGumbelSoftmaxBatchTo draws one ExpConcrete sample per row of logits (see
// LogGumbelSoftmaxTo); its contract is that of GumbelSoftmaxBatchTo.
func (g *Generator) LogGumbelSoftmaxBatchTo(dst *mat.Dense, logits mat.Matrix, tau float64) *mat.Dense {
	return g.batchTo("LogGumbelSoftmaxBatchTo", dst, logits, tau, modeLog)
}

// LogGumbelSoftmaxBatchTo draws one ExpConcrete sample per row with the global
// source. See Generator.LogGumbelSoftmaxBatchTo.
func LogGumbelSoftmaxBatchTo(dst *mat.Dense, logits mat.Matrix, tau float64) *mat.Dense {
	return global.LogGumbelSoftmaxBatchTo(dst, logits, tau)
}

// SoftmaxTo writes softmax(x)_i = exp(x_i - max x) / sum_j exp(x_j - max x)
// to dst and returns it: the probabilities that GumbelMax samples from. dst
// may be nil (allocated) or x itself. Entries of -Inf give 0; if every entry
// is -Inf or any is NaN or +Inf, dst is filled with NaN. It panics with
// ErrEmpty if x is empty and ErrLength if len(dst) != len(x).
func SoftmaxTo(dst, x []float64) []float64 {
	return softmaxOp("SoftmaxTo", dst, x, modeSoft)
}

// LogSoftmaxTo writes log softmax(x)_i = x_i - LogSumExp(x) to dst and
// returns it, with the special cases and panics of SoftmaxTo.
func LogSoftmaxTo(dst, x []float64) []float64 {
	return softmaxOp("LogSoftmaxTo", dst, x, modeLog)
}

func softmaxOp(op string, dst, x []float64, m mode) []float64 {
	checkNonEmpty(op, len(x))
	if dst == nil {
		dst = make([]float64, len(x))
	}
	checkLen(op, "dst", len(dst), len(x))
	relax(dst, x, argmaxValid(x), 1, m)
	return dst
}

// argmaxValid returns the index of the largest element of x (the first on
// ties), or -1 if every element is -Inf or any is NaN or +Inf.
func argmaxValid(x []float64) int {
	best, arg := math.Inf(-1), -1
	for i, v := range x {
		if v != v || v > math.MaxFloat64 {
			return -1
		}
		if v > best {
			best, arg = v, i
		}
	}
	return arg
}

// LogSumExp returns log sum_i exp(x_i), computed as m + log sum exp(x_i - m)
// with m = max x so that it neither overflows nor underflows. It returns -Inf
// if every x_i is -Inf, NaN if any is NaN, +Inf if any is +Inf (and none is
// NaN). It panics with ErrEmpty if x is empty.
func LogSumExp(x []float64) float64 {
	checkNonEmpty("LogSumExp", len(x))
	max := math.Inf(-1)
	for _, v := range x {
		if v != v {
			return math.NaN()
		}
		if v > max {
			max = v
		}
	}
	if math.IsInf(max, 0) {
		return max
	}
	var sum float64
	for _, v := range x {
		sum += fastExp(v - max)
	}
	return max + fastLog(sum)
}
