// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// dense is a fully connected layer y = x W + b with its gradients and the
// Adam moments of every parameter.
type dense struct {
	W, dW, mW, vW *mat.Dense // in × out
	b, db, mb, vb []float64  // out
}

// newDense returns a layer with Glorot-uniform weights (Glorot & Bengio 2010,
// the default of the authors' TensorFlow layers) and zero biases.
func newDense(rng *rand.Rand, in, out int) *dense {
	limit := math.Sqrt(6 / float64(in+out))
	w := make([]float64, in*out)
	for i := range w {
		w[i] = (2*rng.Float64() - 1) * limit
	}
	return &dense{
		W: mat.NewDense(in, out, w), dW: mat.NewDense(in, out, nil),
		mW: mat.NewDense(in, out, nil), vW: mat.NewDense(in, out, nil),
		b: make([]float64, out), db: make([]float64, out),
		mb: make([]float64, out), vb: make([]float64, out),
	}
}

// mlp is a stack of dense layers with ReLU between them and a linear last
// layer. It keeps the activations of one batch for the backward pass.
type mlp struct {
	layers []*dense
	acts   []*mat.Dense // acts[0] is the input, acts[i+1] the output of layer i
	grads  []*mat.Dense // grads[i] is dLoss/d acts[i], for i >= 1

	// sparse is set by forward when the input is a sparse 0/1 matrix
	// (binarised pixels, one-hot latents); byRow[j] then lists, in
	// increasing order, the columns of row j of the input that are 1 and
	// byCol[c] the rows whose column c is 1, and the first layer adds rows
	// of W (and of the gradient) instead of multiplying by the input.
	sparse bool
	byRow  [][]int
	byCol  [][]int

	// workers is the number of goroutines of each matrix product (see
	// gemm; 0: GOMAXPROCS). The products do not depend on it.
	workers int
}

// nworkers returns the goroutines of m's products.
func (m *mlp) nworkers() int {
	if m.workers > 0 {
		return m.workers
	}
	return gemmWorkers()
}

// mulRows stores rows lo to hi of a b in c (a r×k, b k×n with row stride
// ldb, c r×n) with gemmRows.
func mulRows(lo, hi int, c, a *mat.Dense, b []float64, ldb int) {
	ra, rc := a.RawMatrix(), c.RawMatrix()
	gemmRows(lo, hi, rc.Cols, ra.Cols, ra.Data, ra.Stride, 1, b, ldb, rc.Data, rc.Stride)
}

// rowBands calls f(lo, hi) on m's goroutines for bands of whole 4-row
// tiles covering the r rows (see parallelFor).
func (m *mlp) rowBands(r int, f func(lo, hi int)) {
	parallelFor((r+3)/4, 2, m.nworkers(), func(lo, hi int) { f(4*lo, min(4*hi, r)) })
}

// newMLP builds layers of the given sizes (sizes[0] inputs) for batch size n.
func newMLP(rng *rand.Rand, n int, sizes ...int) *mlp {
	m := &mlp{acts: make([]*mat.Dense, len(sizes)), grads: make([]*mat.Dense, len(sizes))}
	for i := 1; i < len(sizes); i++ {
		m.layers = append(m.layers, newDense(rng, sizes[i-1], sizes[i]))
		m.acts[i] = mat.NewDense(n, sizes[i], nil)
		m.grads[i] = mat.NewDense(n, sizes[i], nil)
	}
	return m
}

// forward computes the output for the batch x (n × sizes[0]) and returns it;
// the returned matrix is owned by m and overwritten by the next call.
func (m *mlp) forward(x *mat.Dense) *mat.Dense {
	m.acts[0] = x
	last := len(m.layers) - 1
	m.sparse = m.scanBinary(x)
	for i, l := range m.layers {
		out, in := m.acts[i+1], m.acts[i]
		w := l.W.RawMatrix()
		r, c := out.Dims()
		raw := out.RawMatrix()
		if i == 0 && m.sparse {
			// x W for 0/1 x: row j of the product is the sum of the rows
			// c of W with x[j][c] = 1, added in increasing c; the
			// goroutines take bands of 32 columns, each band of W passing
			// once through the cache.
			parallelFor((c+31)/32, 2, m.nworkers(), func(lo, hi int) {
				lo, hi = 32*lo, min(32*hi, c)
				for j := range r {
					sumRows(raw.Data[j*raw.Stride+lo:j*raw.Stride+hi], w.Data, w.Stride, lo, m.byRow[j])
				}
				addBias(raw.Data, raw.Stride, 0, r, lo, hi, l.b, i < last)
			})
			continue
		}
		m.rowBands(r, func(lo, hi int) {
			mulRows(lo, hi, out, in, w.Data, w.Stride)
			addBias(raw.Data, raw.Stride, lo, hi, 0, c, l.b, i < last)
		})
	}
	return m.acts[len(m.layers)]
}

// addBias adds b to rows r0 to r1, columns c0 to c1, of the matrix with
// data d and row stride ld, and applies the ReLU if relu.
func addBias(d []float64, ld, r0, r1, c0, c1 int, b []float64, relu bool) {
	b = b[c0:c1]
	for j := r0; j < r1; j++ {
		row := d[j*ld+c0 : j*ld+c1]
		if relu {
			for k, bk := range b {
				row[k] = max(row[k]+bk, 0)
			}
		} else {
			for k, bk := range b {
				row[k] += bk
			}
		}
	}
}

// backward takes dLoss/d output (same shape as the output; it may be
// overwritten), stores every parameter gradient in the layers, and returns
// dLoss/d input if wantInput, else nil. It needs the activations of the
// last forward call.
func (m *mlp) backward(dout *mat.Dense, wantInput bool) *mat.Dense {
	g := dout
	for i := len(m.layers) - 1; i >= 0; i-- {
		l := m.layers[i]
		gr, d := g.RawMatrix(), l.dW.RawMatrix()
		if i == 0 && m.sparse {
			// xᵀ g for 0/1 x: row c of dW sums the rows j of g with
			// x[j][c] = 1, in increasing j; the goroutines take bands of
			// 32 columns.
			parallelFor((d.Cols+31)/32, 2, m.nworkers(), func(lo, hi int) {
				lo, hi = 32*lo, min(32*hi, d.Cols)
				for c, rows := range m.byCol {
					sumRows(d.Data[c*d.Stride+lo:c*d.Stride+hi], gr.Data, gr.Stride, lo, rows)
				}
			})
		} else {
			// dW = actsᵀ g: gemm reads acts transposed.
			a := m.acts[i].RawMatrix()
			gemm(d.Rows, d.Cols, a.Rows, a.Data, 1, a.Stride, gr.Data, gr.Stride, d.Data, d.Stride, m.nworkers())
		}
		colSums(l.db, g)
		if i == 0 && !wantInput {
			return nil
		}
		if m.grads[i] == nil {
			r, c := m.acts[i].Dims()
			m.grads[i] = mat.NewDense(r, c, nil)
		}
		gin := m.grads[i]
		r, c := gin.Dims()
		a, gd := m.acts[i].RawMatrix(), gin.RawMatrix()
		// g Wᵀ, reading W as stored.
		w := l.W.RawMatrix()
		gemmNT(r, c, gr.Cols, gr.Data, gr.Stride, w.Data, w.Stride, gd.Data, gd.Stride, m.nworkers())
		if i == 0 {
			return gin
		}
		m.rowBands(r, func(lo, hi int) {
			// ReLU: acts[i] = max(pre, 0), so the derivative is 1 where
			// acts[i] > 0.
			for j := lo; j < hi; j++ {
				arow := a.Data[j*a.Stride : j*a.Stride+c]
				drow := gd.Data[j*gd.Stride : j*gd.Stride+c]
				for k, v := range arow {
					if v <= 0 {
						drow[k] = 0
					}
				}
			}
		})
		g = gin
	}
	return nil
}

// scanBinary reports whether every entry of x is 0 or 1 with at most half
// of them 1 (then the sparse first layer is cheaper than the dense product)
// and if so fills m.byRow and m.byCol with the ones of each row and column.
func (m *mlp) scanBinary(x *mat.Dense) bool {
	r, c := x.Dims()
	if len(m.byCol) != c {
		m.byCol = make([][]int, c)
	}
	if len(m.byRow) != r {
		m.byRow = make([][]int, r)
	}
	for k := range m.byCol {
		m.byCol[k] = m.byCol[k][:0]
	}
	ones := 0
	for j := 0; j < r; j++ {
		m.byRow[j] = m.byRow[j][:0]
		for k, v := range x.RawRowView(j) {
			switch v {
			case 0:
			case 1:
				m.byCol[k] = append(m.byCol[k], j)
				m.byRow[j] = append(m.byRow[j], k)
				ones++
			default:
				return false
			}
		}
	}
	return 2*ones <= r*c
}

// colSums stores the column sums of g in dst.
func colSums(dst []float64, g *mat.Dense) {
	for k := range dst {
		dst[k] = 0
	}
	raw := g.RawMatrix()
	r, c := g.Dims()
	for j := 0; j < r; j++ {
		for k, v := range raw.Data[j*raw.Stride : j*raw.Stride+c] {
			dst[k] += v
		}
	}
}

// adam is the optimiser of Kingma & Ba (2015) with the usual constants.
type adam struct {
	lr, beta1, beta2, eps float64
	t                     int
}

func newAdam(lr float64) *adam { return &adam{lr: lr, beta1: 0.9, beta2: 0.999, eps: 1e-8} }

// step applies one bias-corrected Adam update to every layer of every net.
func (a *adam) step(nets ...*mlp) {
	a.t++
	c1 := 1 - math.Pow(a.beta1, float64(a.t))
	c2 := 1 - math.Pow(a.beta2, float64(a.t))
	lr := a.lr * math.Sqrt(c2) / c1
	for _, n := range nets {
		for _, l := range n.layers {
			w, dw, mw, vw := l.W.RawMatrix().Data, l.dW.RawMatrix().Data, l.mW.RawMatrix().Data, l.vW.RawMatrix().Data
			// Element-wise: the goroutines take bands of the weights.
			parallelFor(len(w), 4096, n.nworkers(), func(lo, hi int) {
				a.update(w[lo:hi], dw[lo:hi], mw[lo:hi], vw[lo:hi], lr)
			})
			a.update(l.b, l.db, l.mb, l.vb, lr)
		}
	}
}

// update is the Adam rule for one parameter array (the eps-hat form of
// Kingma & Ba, Algorithm 1 footnote, as TensorFlow implements it), by the
// AVX-512 kernel for whole blocks of 8 where there is one and adamGo for
// the rest, with the same bits.
func (a *adam) update(p, g, m, v []float64, lr float64) {
	c := [6]float64{a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, lr, a.eps}
	i := 0
	if useGemmAsm {
		if i = len(p) / 8 * 8; i > 0 {
			adam8(&p[0], &g[0], &m[0], &v[0], i, &c)
		}
	}
	adamGo(p[i:], g[i:], m[i:], v[i:], &c)
}

// adamGo applies, with c = {b1, 1-b1, b2, 1-b2, lr, eps},
//
//	m = b1 m + (1-b1) g,  v = b2 v + (1-b2) g²,  p -= lr m / (sqrt(v) + eps),
//
// each product rounded before its sum (the conversions forbid fused
// multiply-adds), as adam8 does.
func adamGo(p, g, m, v []float64, c *[6]float64) {
	g, m, v = g[:len(p)], m[:len(p)], v[:len(p)]
	for i, gi := range g {
		mi := float64(c[0]*m[i]) + float64(c[1]*gi)
		vi := float64(c[2]*v[i]) + float64(float64(c[3]*gi)*gi)
		m[i], v[i] = mi, vi
		p[i] -= float64(c[4]*mi) / (math.Sqrt(vi) + c[5])
	}
}
