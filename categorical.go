// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// catBlock is the number of weights the categorical kernel holds at a time,
// in a stack buffer: rows up to this length are read once, longer rows twice.
const catBlock = 1024

// categorical is the one inverse-CDF kernel, shared by Categorical and
// CategoricalBatchTo. With w_i = exp(logits[i] - max logits) and S = sum w_i,
// it returns the first index i whose cumulative weight w_0 + ... + w_i
// exceeds u·S, for u uniform in (0, 1): index i with probability w_i/S =
// softmax(logits)_i. It returns -1 if every logit is -Inf or any is NaN or
// +Inf. buf is scratch space of any positive length: rows up to len(buf)
// are read once, longer rows twice.
//
// The cumulative weights are summed four at a time, (w_i + w_i+1) +
// (w_i+2 + w_i+3), and the four are searched in order only in the group that
// crosses u·S, so the serial chain of additions is a quarter of the length.
// If rounding leaves u·S at or above the last cumulative weight (possible
// only when u·S rounds to S), the last index with a positive weight is
// returned.
func categorical(logits []float64, u float64, buf []float64) int {
	n, blk := len(logits), min(len(buf), catBlock)
	max, bad := maxBody(logits)
	if bad || math.IsInf(max, -1) {
		return -1
	}
	if n <= blk {
		w := buf[:n]
		return pick(w, u*expSumTo(w, logits, max, 1), logits, max)
	}
	// Two passes: the total, then the search, recomputing the same weights
	// (the kernel is deterministic) block by block.
	var s float64
	for off := 0; off < n; off += blk {
		m := min(blk, n-off)
		s += expSumTo(buf[:m], logits[off:off+m], max, 1)
	}
	t, c := u*s, 0.0
	for off := 0; off < n; off += blk {
		m := min(blk, n-off)
		w := buf[:m]
		expSumTo(w, logits[off:off+m], max, 1)
		if i := searchCumulative(w, t, c); i >= 0 {
			return off + i
		}
		c += sumGroups(w)
	}
	return lastPositive(logits, max)
}

// pick returns the index of the weights w (of logits, whose largest is max)
// at which the cumulative weight first exceeds t.
func pick(w []float64, t float64, logits []float64, max float64) int {
	if i := searchCumulative(w, t, 0); i >= 0 {
		return i
	}
	return lastPositive(logits, max)
}

// categoricalShort is categorical for rows of at most shortRow logits, many
// rows at once: the exponentials of all the rows are computed in one pass of
// the SIMD kernel, which a single short row cannot keep busy. Each row's
// weights, sum and index are those categorical gives for it alone: the
// exponent of logit x is x - max, as there, and the sum is the kernel's,
// laneSum. us holds one uniform per row, at most blockLen.
func categoricalShort(dst []int, rows rowSource, first int, us []float64, buf *[catBlock]float64) {
	c := rows.cols
	var maxes [blockLen]float64
	for off := 0; off < len(us); {
		nr := min(len(us)-off, catBlock/c)
		for j := 0; j < nr; j++ {
			l := rows.row(first + off + j)
			w := buf[j*c : (j+1)*c]
			max, bad := maxBody(l)
			if bad || max < -math.MaxFloat64 {
				maxes[j] = math.NaN()
				clear(w)
				continue
			}
			maxes[j] = max
			for i, v := range l {
				w[i] = v - max
			}
		}
		expSumTo(buf[:nr*c], buf[:nr*c], 0, 1)
		for j := 0; j < nr; j++ {
			max := maxes[j]
			if max != max {
				dst[off+j] = -1
				continue
			}
			w := buf[j*c : (j+1)*c]
			dst[off+j] = pick(w, us[off+j]*laneSum(w), rows.row(first+off+j), max)
		}
		off += nr
	}
}

// searchCumulative returns the index in w at which c plus the running sum of
// w, added in groups of four as in categorical, first exceeds t, or -1 if it
// never does.
func searchCumulative(w []float64, t, c float64) int {
	i := 0
	for ; i+4 <= len(w); i += 4 {
		g := (w[i] + w[i+1]) + (w[i+2] + w[i+3])
		if t < c+g {
			// The crossing is in this group; a sequential sum may round
			// below it, so the last positive weight of the group is the
			// answer then.
			last := i
			for j := i; j < i+4; j++ {
				c += w[j]
				if t < c {
					return j
				}
				if w[j] > 0 {
					last = j
				}
			}
			return last
		}
		c += g
	}
	for ; i < len(w); i++ {
		c += w[i]
		if t < c {
			return i
		}
	}
	return -1
}

// sumGroups returns the sum of w in the order searchCumulative adds it.
func sumGroups(w []float64) float64 {
	var c float64
	i := 0
	for ; i+4 <= len(w); i += 4 {
		c += (w[i] + w[i+1]) + (w[i+2] + w[i+3])
	}
	for ; i < len(w); i++ {
		c += w[i]
	}
	return c
}

// lastPositive returns the last index whose weight exp(logits[i] - max) is
// positive. The index of the maximum always qualifies.
func lastPositive(logits []float64, max float64) int {
	for i := len(logits) - 1; i >= 0; i-- {
		if fastExp(logits[i]-max) > 0 {
			return i
		}
	}
	return -1
}

// Categorical returns an index drawn from Categorical(softmax(logits)), the
// same law as GumbelMax, by inverting the cumulative distribution: with
// w_i = exp(logits[i] - max logits), S = sum w_i and U uniform in (0, 1), the
// index is the first i with w_0 + ... + w_i > U·S. It consumes exactly one
// source value, whatever len(logits), and costs one exponential per logit,
// so it is the fastest exact sampler here for one index from long rows.
// Logits are unnormalised log-probabilities; a logit of -Inf masks its
// category, which is never returned.
//
// Exactness: each probability is w_i/S up to the rounding of the weights and
// of their sums (relative error about len(logits)·2^-53) and the 2^-52
// resolution of U, so a category whose probability is below about 2^-52 may
// be returned with the wrong tiny probability (GumbelMax has the same limit
// in another form: its noise is bounded, see Gumbel). Categorical and
// GumbelMax consume the source differently and, for the same source state,
// return different (equally distributed) indices; use GumbelMax when the
// index must be the argmax of the noise that a Gumbel-Softmax sample used.
//
// It returns -1, which is never a valid index, when every logit is -Inf or any
// logit is NaN or +Inf. It panics with ErrEmpty if logits is empty.
func (g *Generator) Categorical(logits []float64) int {
	g.checkGen("Categorical")
	checkNonEmpty("Categorical", len(logits))
	u := uniformOpen(g.src.Uint64())
	if len(logits) <= shortRow {
		var buf [shortRow]float64 // a short row needs no more to be zeroed
		return categorical(logits, u, buf[:])
	}
	var buf [catBlock]float64
	return categorical(logits, u, buf[:])
}

// Categorical draws one categorical index with the global source. See
// Generator.Categorical.
func Categorical(logits []float64) int { return global.Categorical(logits) }

// CategoricalBatchTo draws one index per row of logits by Categorical, stores
// them in dst and returns dst. If dst is nil a new slice is allocated;
// otherwise its length must be the number of rows. It consumes one source
// value per row, in row order, so the result equals calling Categorical on
// each row in turn. A row with no valid index gives -1. It panics with
// ErrEmpty if logits has no column and ErrLength if len(dst) is wrong.
func (g *Generator) CategoricalBatchTo(dst []int, logits mat.Matrix) []int {
	g.checkGen("CategoricalBatchTo")
	dst, r, c := indexBatchArgs("CategoricalBatchTo", dst, logits)
	rows := rowsOf(logits)
	if w := g.workersFor(r, 1, c); w > 1 {
		g.runRows(r, 1, c, w, func(gen *Generator, i0, i1 int) { gen.categoricalRows(dst, rows, i0, i1) })
		return dst
	}
	g.categoricalRows(dst, rows, 0, r)
	return dst
}

// categoricalRows draws the indices of rows [i0, i1) into dst[i0:i1], one
// uniform per row, in order.
func (g *Generator) categoricalRows(dst []int, rows rowSource, i0, i1 int) {
	var buf [catBlock]float64
	var us [blockLen]float64
	for off := i0; off < i1; off += blockLen {
		u := us[:min(blockLen, i1-off)]
		g.uniforms(u)
		if rows.cols <= shortRow {
			categoricalShort(dst[off:off+len(u)], rows, off, u, &buf)
			continue
		}
		for i, v := range u {
			dst[off+i] = categorical(rows.row(off+i), v, buf[:])
		}
	}
}

// CategoricalBatchTo draws one index per row with the global source. See
// Generator.CategoricalBatchTo.
func CategoricalBatchTo(dst []int, logits mat.Matrix) []int {
	return global.CategoricalBatchTo(dst, logits)
}
