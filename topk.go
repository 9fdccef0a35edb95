// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// topkChunk is the number of perturbed logits drawn at a time into a stack
// buffer by the top-k selection, so that the full perturbed vector is never
// stored; topkKeys is the largest k whose heap keys live on the stack.
const (
	topkChunk = 256
	topkKeys  = 64
)

// GumbelTopKTo draws k distinct category indices without replacement from
// Categorical(softmax(logits)), in Plackett–Luce order: dst[0] is
// distributed as Categorical(p), dst[1] as Categorical(p) restricted to the
// other categories, and so on, so that an ordered pair (i, j) has probability
// p_i p_j / (1 - p_i). They are the indices of the k largest perturbed logits
// l_i + G_i, in decreasing order, with G_i independent standard Gumbel draws
// (the Gumbel-top-k trick: Kool, van Hoof, Welling, ICML 2019; Vieira 2014).
// dst[0] is a Gumbel-max sample, drawn from the same noise as GumbelMax
// draws from the same source state. Ties go to the lower index. A logit of
// -Inf masks its category, which is never returned. It consumes len(logits)
// source values.
//
// If keys is non-nil it receives the shifted perturbed logits of the chosen
// indices, keys[j] = (l_{dst[j]} - max l) + G_{dst[j]}, in decreasing order
// (useful for priority-sampling weights; add max l for absolute units). The
// shift keeps the selection exact at any magnitude of the logits (1e17 + G
// rounds to 1e17; (1e17 - 1e17) + G does not); they are the values
// StraightThroughTo stores in ST.Perturbed. If dst is nil a new slice of length k is
// allocated. The selection keeps a heap of k entries and costs
// O(n log k) time for n = len(logits); it allocates nothing when dst is
// given and either keys is given or k <= 64.
//
// If any logit is NaN or +Inf (softmax(logits) is then undefined) every
// entry of dst is -1, which is never a valid index, and keys are NaN.
//
// It panics with ErrEmpty if logits is empty, with ErrParameter if k <= 0 or k
// is larger than the number of unmasked (finite) logits, and with ErrLength if
// a non-nil dst or keys does not have length k.
func (g *Generator) GumbelTopKTo(dst []int, keys, logits []float64, k int) []int {
	const op = "GumbelTopKTo"
	g.checkGen(op)
	checkNonEmpty(op, len(logits))
	dst = checkTopK(op, dst, keys, k)
	g.topk(dst, keys, logits, checkTopKLogits(op, logits, k))
	return dst
}

// GumbelTopKTo draws k indices without replacement with the global source.
// See Generator.GumbelTopKTo.
func GumbelTopKTo(dst []int, keys, logits []float64, k int) []int {
	return global.GumbelTopKTo(dst, keys, logits, k)
}

// GumbelTopKBatchTo draws, for each row of logits, k indices without
// replacement in Plackett–Luce order (see GumbelTopKTo) and stores row i's
// indices in dst[i*k : (i+1)*k]. If dst is nil a slice of length rows*k is
// allocated. Rows are drawn in order, so the result equals calling
// GumbelTopKTo on each row in turn. A row with a NaN or +Inf logit gives k
// entries of -1. A *mat.Dense logits is read in place; any other mat.Matrix
// is copied first. It allocates nothing when dst is given, logits is a
// *mat.Dense and k <= 64.
//
// Every row is checked before anything is drawn: it panics with ErrEmpty if
// logits has no column, with ErrParameter if k <= 0 or k is larger than the
// number of unmasked logits of some row, and with ErrLength if a non-nil dst
// does not have length rows*k.
func (g *Generator) GumbelTopKBatchTo(dst []int, logits mat.Matrix, k int) []int {
	const op = "GumbelTopKBatchTo"
	g.checkGen(op)
	checkMatrix(op, "logits", logits)
	r, c := logits.Dims()
	checkNonEmpty(op, c)
	if k <= 0 {
		panicf(op, ErrParameter, "k = %d is not positive", k)
	}
	if dst == nil {
		dst = make([]int, r*k)
	}
	checkLen(op, "dst", len(dst), r*k)
	rows := rowsOf(logits)
	for i := 0; i < r; i++ {
		checkTopKLogits(op, rows.row(i), k)
	}
	var scratch [topkKeys]float64
	var keys []float64
	if k <= topkKeys {
		keys = scratch[:k]
	} else {
		keys = make([]float64, k)
	}
	for i := 0; i < r; i++ {
		row := rows.row(i)
		g.topk(dst[i*k:(i+1)*k], keys, row, checkTopKLogits(op, row, k))
	}
	return dst
}

// GumbelTopKBatchTo draws k indices per row with the global source. See
// Generator.GumbelTopKBatchTo.
func GumbelTopKBatchTo(dst []int, logits mat.Matrix, k int) []int {
	return global.GumbelTopKBatchTo(dst, logits, k)
}

// checkTopK checks k and the destination lengths, and returns dst,
// allocated if nil.
func checkTopK(op string, dst []int, keys []float64, k int) []int {
	if k <= 0 {
		panicf(op, ErrParameter, "k = %d is not positive", k)
	}
	if dst == nil {
		dst = make([]int, k)
	}
	checkLen(op, "dst", len(dst), k)
	if keys != nil {
		checkLen(op, "keys", len(keys), k)
	}
	return dst
}

// checkTopKLogits reports whether logits contain a NaN or +Inf (no valid
// draw), and otherwise panics if fewer than k of them are finite.
func checkTopKLogits(op string, logits []float64, k int) (bad bool) {
	n := 0
	for _, l := range logits {
		if l != l || l > math.MaxFloat64 {
			return true
		}
		if l > math.Inf(-1) {
			n++
		}
	}
	if k > n {
		panicf(op, ErrParameter, "k = %d is larger than the %d unmasked categories", k, n)
	}
	return false
}

// topk is the one Gumbel-top-k kernel. It perturbs logits in chunks with the
// perturb kernel (so it draws the same noise as GumbelMax), keeps the k
// largest perturbed values in a min-heap (dst holding the indices, keys the
// values; keys may be nil) and finally sorts them in
// decreasing order. With bad set it consumes the same source values and
// writes -1 to dst and NaN to keys.
func (g *Generator) topk(dst []int, keys, logits []float64, bad bool) {
	g.topkFrom(dst, keys, logits, nil, rowShift(logits), bad)
}

// topkFrom is topk for the float64 logits l64 or, if l64 is nil, the float32
// logits l32, read as float64 a chunk at a time, with the shift c of the
// whole row.
func (g *Generator) topkFrom(dst []int, keys []float64, l64 []float64, l32 []float32, c float64, bad bool) {
	n := len(l64)
	if l64 == nil {
		n = len(l32)
	}
	var conv [topkChunk]float64
	k := len(dst)
	var scratch [topkKeys]float64
	if keys == nil {
		if k <= topkKeys {
			keys = scratch[:k]
		} else {
			keys = make([]float64, k)
		}
	}
	var buf [topkChunk]float64
	h := topkHeap{idx: dst, key: keys}
	// One shift for the whole row (see perturb): the comparisons are made
	// between shifted values, exact at any magnitude; the keys are shifted.
	for off := 0; off < n; off += topkChunk {
		end := min(off+topkChunk, n)
		s := buf[:end-off]
		var l []float64
		if l64 != nil {
			l = l64[off:end]
		} else {
			l = conv[:end-off]
			prepBody(l, l32[off:end])
		}
		g.perturbShift(s, l, c)
		if bad {
			continue
		}
		for j, v := range s {
			if l[j] == math.Inf(-1) {
				continue // masked category (a far one may give v = -Inf: kept)
			}
			i := off + j
			if h.n < k {
				h.push(v, i)
			} else if v > h.key[0] { // strictly: on ties the lower index, seen first, stays
				h.replaceMin(v, i)
			}
		}
	}
	if bad {
		for j := range dst {
			dst[j] = -1
			keys[j] = math.NaN()
		}
		return
	}
	// Heap sort: repeatedly move the minimum to the end, giving decreasing order.
	for n := h.n - 1; n > 0; n-- {
		h.swap(0, n)
		h.n = n
		h.down(0)
	}
}

// topkHeap is a min-heap of (key, index) pairs ordered by key, the larger
// index counting as smaller on equal keys, so that the root is always the
// entry to evict. It is stored in two parallel slices to need no allocation.
type topkHeap struct {
	idx []int
	key []float64
	n   int
}

// less reports whether entry a ranks below entry b.
func (h *topkHeap) less(a, b int) bool {
	if h.key[a] != h.key[b] {
		return h.key[a] < h.key[b]
	}
	return h.idx[a] > h.idx[b]
}

func (h *topkHeap) swap(a, b int) {
	h.idx[a], h.idx[b] = h.idx[b], h.idx[a]
	h.key[a], h.key[b] = h.key[b], h.key[a]
}

func (h *topkHeap) push(v float64, i int) {
	j := h.n
	h.key[j], h.idx[j] = v, i
	h.n++
	for j > 0 {
		p := (j - 1) / 2
		if !h.less(j, p) {
			break
		}
		h.swap(j, p)
		j = p
	}
}

func (h *topkHeap) replaceMin(v float64, i int) {
	h.key[0], h.idx[0] = v, i
	h.down(0)
}

func (h *topkHeap) down(j int) {
	for {
		l := 2*j + 1
		if l >= h.n {
			return
		}
		m := l
		if r := l + 1; r < h.n && h.less(r, l) {
			m = r
		}
		if !h.less(m, j) {
			return
		}
		h.swap(j, m)
		j = m
	}
}
