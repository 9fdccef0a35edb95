// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import "math"

// Float32 forms. A form X32 takes float32 logits, as models give them, and
// reads them as float64, which is exact, block by block without copying the
// row: the noise, the shift and every sum have the precision of the float64
// forms, so the law has no tail loss, and X32 returns what X returns for the
// logits converted to float64, from the same source state. Batch forms of
// float32 logits take a row-major slice and the row length k.

// GumbelMax32 is GumbelMax for float32 logits: argmax_i (logits[i] + G_i),
// an exact sample of Categorical(softmax(logits)) for finite logits of any
// magnitude, -1 if every logit is -Inf or any is NaN or +Inf. It consumes
// len(logits) source values and panics with ErrEmpty if logits is empty.
func (g *Generator) GumbelMax32(logits []float32) int {
	g.checkGen("GumbelMax32")
	checkNonEmpty("GumbelMax32", len(logits))
	if len(logits) <= shortRow {
		var scratch [shortRow]float64
		z := newNoise(g, len(logits), scratch[:])
		return gumbelMax32(logits, &z)
	}
	var scratch noiseScratch
	z := newNoise(g, len(logits), scratch[:])
	return gumbelMax32(logits, &z)
}

// GumbelMax32 draws one index from float32 logits with the global source.
// See Generator.GumbelMax32.
func GumbelMax32(logits []float32) int { return global.GumbelMax32(logits) }

// gumbelMax32 is perturbFrom(nil, float64(logits), z): the shift is the
// largest logit (converting keeps the order), and each block of noise meets
// the same logits converted into a stack buffer.
func gumbelMax32(logits []float32, z *noise) int {
	m, bad := maxF32Body(logits)
	c := float64(m)
	if bad || c < -math.MaxFloat64 {
		c = 0 // as rowShift
	}
	var buf [blockLen]float64
	best, arg := math.Inf(-1), -1
	for off := 0; off < len(logits); {
		gs := z.take(len(logits) - off)
		n := len(gs)
		l := buf[:n]
		prepBody(l, logits[off:off+n])
		mx, i, b := perturbBody(nil, l, gs, c)
		bad = bad || b
		if mx > best {
			best, arg = mx, off+i
		}
		off += n
	}
	if bad {
		return -1
	}
	return arg
}

// Categorical32 is Categorical for float32 logits: one source value per
// call, the index by inversion of the cumulative distribution, -1 if every
// logit is -Inf or any is NaN or +Inf. It panics with ErrEmpty if logits is
// empty.
func (g *Generator) Categorical32(logits []float32) int {
	g.checkGen("Categorical32")
	checkNonEmpty("Categorical32", len(logits))
	return categorical32(logits, uniformOpen(g.src.Uint64()))
}

// Categorical32 draws one index from float32 logits with the global source.
// See Generator.Categorical32.
func Categorical32(logits []float32) int { return global.Categorical32(logits) }

// categorical32 is categorical for float32 logits, the weights of each
// block computed from the logits converted into a stack buffer: the same
// weights, sums and index as categorical of the converted logits.
func categorical32(logits []float32, u float64) int {
	mx, bad := maxF32Body(logits)
	max := float64(mx)
	if bad || math.IsInf(max, -1) {
		return -1
	}
	var raw, buf [catBlock]float64
	n := len(logits)
	weights := func(off, m int) []float64 {
		prepBody(raw[:m], logits[off:off+m])
		w := buf[:m]
		expSumTo(w, raw[:m], max, 1)
		return w
	}
	if n <= catBlock {
		prepBody(raw[:n], logits)
		w := buf[:n]
		t := u * expSumTo(w, raw[:n], max, 1)
		if i := searchCumulative(w, t, 0); i >= 0 {
			return i
		}
		return lastPositive(raw[:n], max)
	}
	var s float64
	for off := 0; off < n; off += catBlock {
		m := min(catBlock, n-off)
		prepBody(raw[:m], logits[off:off+m])
		s += expSumTo(buf[:m], raw[:m], max, 1)
	}
	t, c := u*s, 0.0
	for off := 0; off < n; off += catBlock {
		m := min(catBlock, n-off)
		w := weights(off, m)
		if i := searchCumulative(w, t, c); i >= 0 {
			return off + i
		}
		c += sumGroups(w)
	}
	for off := (n - 1) / catBlock * catBlock; off >= 0; off -= catBlock {
		m := min(catBlock, n-off)
		prepBody(raw[:m], logits[off:off+m])
		if i := lastPositive(raw[:m], max); i >= 0 {
			return off + i
		}
	}
	return -1
}

// GumbelMaxBatch32To draws one Gumbel-max index per row of the row-major
// float32 matrix logits with rows of k logits, stores them in dst and
// returns dst (allocated if nil). Rows are drawn in order, so the result
// equals GumbelMax32 on each row in turn, and GumbelMaxBatchTo on the
// converted matrix. It panics with ErrParameter unless k >= 1 divides
// len(logits), with ErrEmpty if logits is empty and with ErrLength if a
// non-nil dst does not have one entry per row.
func (g *Generator) GumbelMaxBatch32To(dst []int, logits []float32, k int) []int {
	const op = "GumbelMaxBatch32To"
	g.checkGen(op)
	dst, r := batch32Args(op, dst, logits, k)
	var scratch noiseScratch
	z := newNoise(g, r*k, scratch[:])
	for i := range r {
		dst[i] = gumbelMax32(logits[i*k:(i+1)*k], &z)
	}
	return dst
}

// GumbelMaxBatch32To draws one index per row with the global source. See
// Generator.GumbelMaxBatch32To.
func GumbelMaxBatch32To(dst []int, logits []float32, k int) []int {
	return global.GumbelMaxBatch32To(dst, logits, k)
}

// CategoricalBatch32To draws one index per row of the row-major float32
// matrix logits with rows of k logits by Categorical32, one source value
// per row in row order, stores them in dst and returns dst (allocated if
// nil). It panics as GumbelMaxBatch32To does.
func (g *Generator) CategoricalBatch32To(dst []int, logits []float32, k int) []int {
	const op = "CategoricalBatch32To"
	g.checkGen(op)
	dst, r := batch32Args(op, dst, logits, k)
	var us [blockLen]float64
	for off := 0; off < r; off += blockLen {
		u := us[:min(blockLen, r-off)]
		g.uniforms(u)
		for i, v := range u {
			row := off + i
			dst[row] = categorical32(logits[row*k:(row+1)*k], v)
		}
	}
	return dst
}

// CategoricalBatch32To draws one index per row with the global source. See
// Generator.CategoricalBatch32To.
func CategoricalBatch32To(dst []int, logits []float32, k int) []int {
	return global.CategoricalBatch32To(dst, logits, k)
}

// batch32Args checks the arguments of a float32 batch form and returns dst
// (allocated if nil) and the number of rows.
func batch32Args(op string, dst []int, logits []float32, k int) ([]int, int) {
	checkNonEmpty(op, len(logits))
	if k < 1 || len(logits)%k != 0 {
		panicf(op, ErrParameter, "row length k = %d does not divide %d logits", k, len(logits))
	}
	r := len(logits) / k
	if dst == nil {
		dst = make([]int, r)
	}
	checkLen(op, "dst", len(dst), r)
	return dst, r
}

// GumbelTopK32To is GumbelTopKTo for float32 logits: k distinct indices in
// Plackett–Luce order, the indices of the k largest perturbed logits, and in
// keys (if non-nil) their shifted perturbed values, the same as GumbelTopKTo
// gives for the logits converted to float64 from the same source state. It
// panics as GumbelTopKTo does.
func (g *Generator) GumbelTopK32To(dst []int, keys []float64, logits []float32, k int) []int {
	const op = "GumbelTopK32To"
	g.checkGen(op)
	checkNonEmpty(op, len(logits))
	dst = checkTopK(op, dst, keys, k)
	c, bad := checkTopK32Logits(op, logits, k)
	g.topkFrom(dst, keys, nil, logits, c, bad)
	return dst
}

// checkTopK32Logits panics with ErrParameter if a row of float32 logits
// with no NaN or +Inf has fewer than k unmasked entries, and returns the
// row's shift (its largest logit, as rowShift) and whether it is bad.
func checkTopK32Logits(op string, logits []float32, k int) (c float64, bad bool) {
	n := 0
	for _, v := range logits {
		if v != v || v > math.MaxFloat32 {
			bad = true
			break
		}
		if v > float32(math.Inf(-1)) {
			n++
		}
	}
	if !bad && k > n {
		panicf(op, ErrParameter, "k = %d is larger than the %d unmasked categories", k, n)
	}
	m, b := maxF32Body(logits)
	c = float64(m)
	if b || c < -math.MaxFloat64 {
		c = 0 // as rowShift
	}
	return c, bad
}

// GumbelTopK32To draws k indices without replacement from float32 logits
// with the global source. See Generator.GumbelTopK32To.
func GumbelTopK32To(dst []int, keys []float64, logits []float32, k int) []int {
	return global.GumbelTopK32To(dst, keys, logits, k)
}

// GumbelTopKBatch32To draws k indices without replacement from each row of
// the row-major float32 matrix logits with rows of n logits (GumbelTopK32To
// on each row in turn, in order) and stores row i's indices in
// dst[i*k : (i+1)*k], the same as GumbelTopKBatchTo on the converted
// matrix. If dst is nil a slice of rows*k entries is allocated; with dst
// given it allocates nothing. Every row is checked before anything is
// drawn: it panics with ErrParameter unless n >= 1 divides len(logits) and
// 0 < k <= the unmasked logits of every row, with ErrEmpty if logits is
// empty and with ErrLength if a non-nil dst does not have rows*k entries.
func (g *Generator) GumbelTopKBatch32To(dst []int, logits []float32, n, k int) []int {
	const op = "GumbelTopKBatch32To"
	g.checkGen(op)
	r := batch32Shape(op, logits, n)
	if k <= 0 {
		panicf(op, ErrParameter, "k = %d is not positive", k)
	}
	if dst == nil {
		dst = make([]int, r*k)
	}
	checkLen(op, "dst", len(dst), r*k)
	for i := range r {
		checkTopK32Logits(op, logits[i*n:(i+1)*n], k)
	}
	for i := range r {
		row := logits[i*n : (i+1)*n]
		c, bad := checkTopK32Logits(op, row, k)
		g.topkFrom(dst[i*k:(i+1)*k], nil, nil, row, c, bad)
	}
	return dst
}

// GumbelTopKBatch32To draws k indices per row of float32 logits with the
// global source. See Generator.GumbelTopKBatch32To.
func GumbelTopKBatch32To(dst []int, logits []float32, n, k int) []int {
	return global.GumbelTopKBatch32To(dst, logits, n, k)
}
