// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// magnitudeCase is a logit vector at a magnitude where l + G rounds G away
// (or l - c overflows), with its law softmax(l) written out exactly.
type magnitudeCase struct {
	name   string
	logits []float64
	probs  []float64
}

// magnitudeCases are the logit vectors of the magnitude tests: ties are fair,
// -Inf is masked, and a logit 2*MaxFloat64 below the maximum has probability 0.
var magnitudeCases = func() []magnitudeCase {
	third := 1.0 / 3
	e := math.E
	return []magnitudeCase{
		{"1e15", []float64{1e15, 1e15, 1e15 - 1}, []float64{e / (2*e + 1), e / (2*e + 1), 1 / (2*e + 1)}},
		{"1e17", []float64{1e17, 1e17}, []float64{0.5, 0.5}},
		{"1e300", []float64{1e300, 1e300, math.Inf(-1), 1e300}, []float64{third, third, 0, third}},
		{"-1e300", []float64{-1e300, -1e300, -1e300}, []float64{third, third, third}},
		{"Max", []float64{math.MaxFloat64, math.MaxFloat64, math.MaxFloat64}, []float64{third, third, third}},
		{"Max,-Max", []float64{math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64}, []float64{0.5, 0, 0.5}},
	}
}()

// checkCounts logs the chi-square p-value of counts against probs and fails
// the test below pThreshold (stats_test.go).
func checkCounts(t *testing.T, name string, counts []int, probs []float64) {
	t.Helper()
	_, _, p := chiSquare(counts, probs)
	t.Logf("%s: counts %v, chi-square p = %.4g", name, counts, p)
	if p < pThreshold {
		t.Errorf("%s: counts %v, chi-square p = %.3g", name, counts, p)
	}
}

// TestMagnitudeGumbelMax checks the law of GumbelMax, the hard sample,
// StraightThroughTo.Index and Categorical at logit magnitudes where l + G
// rounds G away.
func TestMagnitudeGumbelMax(t *testing.T) {
	t.Parallel()
	const n = 20000
	for _, c := range magnitudeCases {
		for _, form := range []string{"GumbelMax", "hard", "ST", "Categorical"} {
			g := NewSeeded(7, 11)
			counts := make([]int, len(c.logits))
			dst := make([]float64, len(c.logits))
			var st ST
			for range n {
				var i int
				switch form {
				case "GumbelMax":
					i = g.GumbelMax(c.logits)
				case "hard":
					i = argmax(g.GumbelSoftmaxTo(dst, c.logits, 0.5, true))
				case "ST":
					i = g.StraightThroughTo(&st, c.logits, 0.5).Index
				case "Categorical":
					i = g.Categorical(c.logits)
				}
				if i < 0 {
					t.Fatalf("%s %s: index %d", c.name, form, i)
				}
				counts[i]++
			}
			checkCounts(t, c.name+" "+form, counts, c.probs)
		}
	}
}

// TestMagnitudeSoftArgmax checks that the argmax of the soft sample
// (GumbelSoftmaxTo with hard = false, and LogGumbelSoftmaxTo) has law
// softmax(l) at every magnitude, that it is the GumbelMax index of the same
// noise, and that the sample is on the simplex: every y_i finite in [0, 1],
// y_i = 0 exactly where p_i = 0, |sum y - 1| <= 1e-12 (for the log form,
// y = exp(x) with x <= 0, x = -Inf exactly where p_i = 0).
func TestMagnitudeSoftArgmax(t *testing.T) {
	t.Parallel()
	const n = 20000
	for _, c := range magnitudeCases {
		for _, form := range []string{"soft", "log"} {
			g, ref := NewSeeded(7, 11), NewSeeded(7, 11)
			counts := make([]int, len(c.logits))
			dst := make([]float64, len(c.logits))
			worst := 0.0
			for range n {
				want := ref.GumbelMax(c.logits)
				var y []float64
				if form == "soft" {
					y = g.GumbelSoftmaxTo(dst, c.logits, 0.5, false)
				} else {
					x := g.LogGumbelSoftmaxTo(dst, c.logits, 0.5)
					y = make([]float64, len(x))
					for j, v := range x {
						if !(v <= 0) || (v == math.Inf(-1)) != (c.probs[j] == 0) {
							t.Fatalf("%s %s: x = %v", c.name, form, x)
						}
						y[j] = math.Exp(v)
					}
				}
				var sum float64
				for j, v := range y {
					if !(v >= 0 && v <= 1) || (c.probs[j] == 0 && v != 0) {
						t.Fatalf("%s %s: y = %v", c.name, form, y)
					}
					sum += v
				}
				worst = math.Max(worst, math.Abs(sum-1))
				if math.Abs(sum-1) > 1e-12 {
					t.Fatalf("%s %s: sum y = %.17g", c.name, form, sum)
				}
				i := argmax(y)
				if i != want {
					t.Fatalf("%s %s: argmax y = %d, GumbelMax of the same noise %d (y = %v)", c.name, form, i, want, y)
				}
				counts[i]++
			}
			t.Logf("%s %s: largest |sum y - 1| = %.3g", c.name, form, worst)
			checkCounts(t, c.name+" "+form+" argmax", counts, c.probs)
		}
	}
}

// magnitudeMatrix returns the magnitude cases as the rows of a matrix of
// width w, padded with -Inf (probability 0), and the rows' laws.
func magnitudeMatrix(w int) (*mat.Dense, [][]float64) {
	m := mat.NewDense(len(magnitudeCases), w, nil)
	probs := make([][]float64, len(magnitudeCases))
	for i, c := range magnitudeCases {
		row := m.RawRowView(i)
		for j := range row {
			row[j] = math.Inf(-1)
		}
		copy(row, c.logits)
		probs[i] = make([]float64, w)
		copy(probs[i], c.probs)
	}
	return m, probs
}

// TestMagnitudeBatch checks the batch forms row by row: a matrix whose rows
// are the magnitude cases (padded with -Inf to width 4, the short-row paths,
// and to width 80 > shortRow, the long-row paths), drawn n times; the
// index of each row (GumbelMaxBatchTo, CategoricalBatchTo, the argmax of
// GumbelSoftmaxBatchTo hard and soft, StraightThroughBatchTo.Index,
// GumbelTopKBatchTo's first index) must have law softmax(row).
func TestMagnitudeBatch(t *testing.T) {
	t.Parallel()
	const n = 20000
	for _, w := range []int{4, 80} {
		m, probs := magnitudeMatrix(w)
		r := len(magnitudeCases)
		for _, form := range []string{"GumbelMaxBatchTo", "CategoricalBatchTo", "GumbelSoftmaxBatchTo hard", "GumbelSoftmaxBatchTo soft", "StraightThroughBatchTo", "GumbelTopKBatchTo"} {
			g := NewSeeded(7, 11)
			counts := make([][]int, r)
			for i := range counts {
				counts[i] = make([]int, w)
			}
			idx := make([]int, r)
			top := make([]int, 2*r)
			dst := mat.NewDense(r, w, nil)
			var st STBatch
			for range n {
				switch form {
				case "GumbelMaxBatchTo":
					g.GumbelMaxBatchTo(idx, m)
				case "CategoricalBatchTo":
					g.CategoricalBatchTo(idx, m)
				case "GumbelSoftmaxBatchTo hard", "GumbelSoftmaxBatchTo soft":
					g.GumbelSoftmaxBatchTo(dst, m, 0.5, form == "GumbelSoftmaxBatchTo hard")
					for i := range idx {
						y := dst.RawRowView(i)
						var sum float64
						for j, v := range y {
							if !(v >= 0 && v <= 1) || (probs[i][j] == 0 && v != 0) {
								t.Fatalf("w=%d %s row %s: y = %v", w, form, magnitudeCases[i].name, y)
							}
							sum += v
						}
						if math.Abs(sum-1) > 1e-12 {
							t.Fatalf("w=%d %s row %s: sum y = %.17g", w, form, magnitudeCases[i].name, sum)
						}
						idx[i] = argmax(y)
					}
				case "StraightThroughBatchTo":
					g.StraightThroughBatchTo(&st, m, 0.5)
					for i, k := range st.Index {
						if k < 0 || st.Hard.At(i, k) != 1 || argmax(st.Hard.RawRowView(i)) != k {
							t.Fatalf("w=%d %s row %s: Index %d, Hard %v", w, form, magnitudeCases[i].name, k, st.Hard.RawRowView(i))
						}
					}
					copy(idx, st.Index)
				case "GumbelTopKBatchTo":
					g.GumbelTopKBatchTo(top, m, 2)
					for i := range idx {
						idx[i] = top[2*i]
					}
				}
				for i, k := range idx {
					if k < 0 {
						t.Fatalf("w=%d %s row %s: index %d", w, form, magnitudeCases[i].name, k)
					}
					counts[i][k]++
				}
			}
			for i, c := range magnitudeCases {
				checkCounts(t, fmt.Sprintf("w=%d %s row %s", w, form, c.name), counts[i][:len(c.logits)], c.probs)
				for _, v := range counts[i][len(c.logits):] {
					if v != 0 {
						t.Errorf("w=%d %s row %s: a padding column was drawn: %v", w, form, c.name, counts[i])
						break
					}
				}
			}
		}
	}
}

// pairLaw returns the Plackett–Luce law of the ordered pair (first, second)
// drawn without replacement from p, P(i then j) = p_i p_j / (1 - p_i), as a
// flat table indexed i*len(p)+j (0 on the diagonal).
func pairLaw(p []float64) []float64 {
	k := len(p)
	q := make([]float64, k*k)
	for i := range p {
		for j := range p {
			if i != j && p[i] > 0 {
				q[i*k+j] = p[i] * p[j] / (1 - p[i])
			}
		}
	}
	return q
}

// TestMagnitudeTopKPairs checks the law of the ordered pair drawn by
// GumbelTopKTo with k = 2 (and GumbelTopKBatchTo on a one-row matrix) under
// Plackett–Luce, P(i then j) = p_i p_j / (1 - p_i), by chi-square on all
// ordered pairs, at the magnitude cases, at 1e15 with distinct probabilities
// and at an ordinary scale. It also checks that the first index is the
// GumbelMax index of the same noise and that the keys decrease.
func TestMagnitudeTopKPairs(t *testing.T) {
	t.Parallel()
	const n = 40000
	cases := append([]magnitudeCase(nil), magnitudeCases...)
	for _, l := range [][]float64{{0, 1, 2, 3}, {1e15, 1e15 + 1, 1e15 + 2, 1e15 + 3}} {
		cases = append(cases, magnitudeCase{fmt.Sprint(l), l, softmaxRef(l)})
	}
	if cases[len(cases)-1].logits[3]-cases[len(cases)-1].logits[0] != 3 {
		t.Fatal("1e15 + 3 is not exact")
	}
	for _, c := range cases {
		k := len(c.logits)
		want := pairLaw(c.probs)
		for _, form := range []string{"GumbelTopKTo", "GumbelTopKBatchTo"} {
			g, ref := NewSeeded(7, 11), NewSeeded(7, 11)
			counts := make([]int, k*k)
			dst := make([]int, 2)
			keys := make([]float64, 2)
			m := mat.NewDense(1, k, c.logits)
			for range n {
				first := ref.GumbelMax(c.logits)
				if form == "GumbelTopKTo" {
					g.GumbelTopKTo(dst, keys, c.logits, 2)
					if !(keys[0] >= keys[1]) || math.IsInf(keys[0], 0) || math.IsInf(keys[1], 0) {
						t.Fatalf("%s %s: keys %v", c.name, form, keys)
					}
				} else {
					g.GumbelTopKBatchTo(dst, m, 2)
				}
				if dst[0] < 0 || dst[1] < 0 || dst[0] == dst[1] {
					t.Fatalf("%s %s: indices %v", c.name, form, dst)
				}
				if dst[0] != first {
					t.Fatalf("%s %s: first index %d, GumbelMax of the same noise %d", c.name, form, dst[0], first)
				}
				counts[dst[0]*k+dst[1]]++
			}
			checkCounts(t, c.name+" "+form+" pairs", counts, want)
		}
	}
}

// TestMagnitudeShiftInvariance checks that adding a constant C (±2^40,
// ±2^60) to logits l with small integer entries, where l + C is exact
// ((l_i + C) - C == l_i, checked), changes nothing: from the same seed
// GumbelMax, Categorical, the hard GumbelSoftmaxTo, StraightThroughTo.Index
// and GumbelTopKTo (indices and keys) give the same results, and the soft
// samples (GumbelSoftmaxTo soft, LogGumbelSoftmaxTo, ST.Soft, ST.Perturbed)
// are bit-identical: the shifted perturbation (l_i - max l) + G_i is the
// same number for l and l + C, since both differences are exact.
func TestMagnitudeShiftInvariance(t *testing.T) {
	t.Parallel()
	const n = 2000
	inf := math.Inf(-1)
	small := [][]float64{{0, 1, 2, 3, -2, 1}, {0, -1, inf, 2}, {0, 0, 0}, {-3, 5, 5, 0}}
	coarse := [][]float64{{0, 0, 0}, {256, 0, 256, -256, inf}, {0, 512, 512, 256}} // exact at 2^60: multiples of 256
	for _, sc := range []struct {
		name    string
		c       float64
		vectors [][]float64
	}{
		{"2^40", 1 << 40, small},
		{"-2^40", -(1 << 40), small},
		{"2^60", 1 << 60, coarse},
		{"-2^60", -(1 << 60), coarse},
	} {
		for _, l := range sc.vectors {
			name := fmt.Sprintf("%v + %s", l, sc.name)
			lc := make([]float64, len(l))
			finite := 0
			for i, v := range l {
				lc[i] = v + sc.c
				if lc[i]-sc.c != v {
					t.Fatalf("%s: l + C is not exact at %d (%v)", name, i, v)
				}
				if !math.IsInf(v, -1) {
					finite++
				}
			}
			kTop := min(3, finite)
			ga, gb := NewSeeded(3, 5), NewSeeded(3, 5)
			ya, yb := make([]float64, len(l)), make([]float64, len(l))
			ta, tb := make([]int, kTop), make([]int, kTop)
			ka, kb := make([]float64, kTop), make([]float64, kTop)
			var sa, sb ST
			var worst float64 // largest ulp distance of the soft values (ulps: fastmath_test.go)
			cmp := func(what string, a, b []float64) {
				for i := range a {
					d := ulps(a[i], b[i])
					if math.IsInf(d, 1) {
						t.Fatalf("%s %s: %v vs %v", name, what, a, b)
					}
					worst = math.Max(worst, d)
				}
			}
			for range n {
				if a, b := ga.GumbelMax(l), gb.GumbelMax(lc); a != b {
					t.Fatalf("%s GumbelMax: %d vs %d", name, a, b)
				}
				if a, b := ga.Categorical(l), gb.Categorical(lc); a != b {
					t.Fatalf("%s Categorical: %d vs %d", name, a, b)
				}
				if a, b := argmax(ga.GumbelSoftmaxTo(ya, l, 0.5, true)), argmax(gb.GumbelSoftmaxTo(yb, lc, 0.5, true)); a != b {
					t.Fatalf("%s hard: %d vs %d", name, a, b)
				}
				if a, b := ga.StraightThroughTo(&sa, l, 0.5).Index, gb.StraightThroughTo(&sb, lc, 0.5).Index; a != b {
					t.Fatalf("%s ST.Index: %d vs %d", name, a, b)
				}
				cmp("ST.Soft", sa.Soft, sb.Soft)
				cmp("ST.Perturbed", sa.Perturbed, sb.Perturbed)
				ga.GumbelTopKTo(ta, ka, l, kTop)
				gb.GumbelTopKTo(tb, kb, lc, kTop)
				for i := range ta {
					if ta[i] != tb[i] {
						t.Fatalf("%s GumbelTopKTo: %v vs %v", name, ta, tb)
					}
				}
				cmp("GumbelTopKTo keys", ka, kb)
				cmp("soft", ga.GumbelSoftmaxTo(ya, l, 0.5, false), gb.GumbelSoftmaxTo(yb, lc, 0.5, false))
				cmp("log", ga.LogGumbelSoftmaxTo(ya, l, 0.5), gb.LogGumbelSoftmaxTo(yb, lc, 0.5))
			}
			t.Logf("%s: %d draws, indices identical, largest ulp distance of the soft values %g", name, n, worst)
			if worst != 0 {
				t.Errorf("%s: soft values differ by up to %g ulp, want bit-identical", name, worst)
			}
		}
	}
}
