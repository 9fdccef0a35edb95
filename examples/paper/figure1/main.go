// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command figure1 redraws Figure 1 of Jang, Gu & Poole (2017), "Categorical
// Reparameterization with Gumbel-Softmax": for one categorical distribution
// p, the expectation E[y] of the Gumbel-Softmax sample
//
//	y_i = exp((log p_i + G_i)/tau) / sum_j exp((log p_j + G_j)/tau),  G_i ~ Gumbel(0, 1),
//
// estimated by Monte Carlo (top row), and one single sample y (bottom row),
// at tau = 0.1, 0.5, 1 and 10. The leftmost column shows p itself and one
// Gumbel-max draw onehot(argmax_i log p_i + G_i), which is distributed as p.
// As tau falls the samples become one-hot and E[y] approaches p; as tau grows
// both approach the uniform vector (1/k, ..., 1/k).
//
// Usage (from examples/paper):
//
//	go run ./figure1 -out figure1.png [-draws 100000] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"image/color"
	"log"
	"math"
	"math/rand/v2"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/seed06c76d7c/gumbel"
)

// probs is the categorical distribution drawn in the figure: k = 5 with
// visibly unequal probabilities.
var probs = []float64{0.10, 0.05, 0.45, 0.25, 0.15}

// taus are the temperatures of the paper's Figure 1.
var taus = []float64{0.1, 0.5, 1, 10}

func main() {
	out := flag.String("out", "figure1.png", "output PNG file")
	draws := flag.Int("draws", 100000, "Monte Carlo draws per temperature for E[y]")
	seed := flag.Uint64("seed", 1, "seed of the PCG source")
	flag.Parse()
	res, err := run(*out, *draws, *seed)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("p      = %s\n", format(probs))
	for i, tau := range taus {
		fmt.Printf("tau=%-4g E[y] = %s   one sample = %s\n", tau, format(res.mean[i]), format(res.sample[i]))
	}
	fmt.Printf("wrote %s\n", *out)
}

// result holds the numbers drawn in the figure.
type result struct {
	mean   [][]float64 // mean[i] estimates E[y] at taus[i]
	sample [][]float64 // sample[i] is one draw at taus[i]
	hard   []float64   // one Gumbel-max draw as a one-hot vector
}

// run computes the figure's numbers with a generator seeded by seed and
// writes the PNG to out.
func run(out string, draws int, seed uint64) (*result, error) {
	if draws < 1 {
		return nil, fmt.Errorf("figure1: draws %d < 1", draws)
	}
	// Two streams, so that the single samples do not depend on draws.
	gs, gm := gumbel.New(rand.NewPCG(seed, 1)), gumbel.New(rand.NewPCG(seed, 2)) // PCG: the committed figure and numbers
	logits := make([]float64, len(probs))
	for i, p := range probs {
		logits[i] = math.Log(p)
	}
	res := &result{}
	for _, tau := range taus {
		res.mean = append(res.mean, expectation(gm, logits, tau, draws))
		res.sample = append(res.sample, gs.GumbelSoftmaxTo(nil, logits, tau, false))
	}
	res.hard = gs.GumbelSoftmaxTo(nil, logits, 1, true)
	return res, draw2x5(out, res)
}

// expectation returns the Monte Carlo mean of n Gumbel-Softmax samples at
// temperature tau; it allocates two slices of len(logits) only.
func expectation(g *gumbel.Generator, logits []float64, tau float64, n int) []float64 {
	mean := make([]float64, len(logits))
	y := make([]float64, len(logits))
	for range n {
		g.GumbelSoftmaxTo(y, logits, tau, false)
		for i, v := range y {
			mean[i] += v
		}
	}
	for i := range mean {
		mean[i] /= float64(n)
	}
	return mean
}

// draw2x5 lays the bar charts out as the paper does: a column per
// temperature, expectations on top, single samples below.
func draw2x5(out string, res *result) error {
	const rows, cols = 2, 5
	plots := [][]*plot.Plot{make([]*plot.Plot, cols), make([]*plot.Plot, cols)}
	blue := color.RGBA{R: 31, G: 119, B: 180, A: 255}
	orange := color.RGBA{R: 255, G: 127, B: 14, A: 255}
	grey := color.RGBA{R: 90, G: 90, B: 90, A: 255}
	var err error
	if plots[0][0], err = bars("Categorical p", probs, grey); err != nil {
		return err
	}
	if plots[1][0], err = bars("Gumbel-max sample", res.hard, grey); err != nil {
		return err
	}
	for i, tau := range taus {
		if plots[0][i+1], err = bars(fmt.Sprintf("E[y], τ = %g", tau), res.mean[i], blue); err != nil {
			return err
		}
		if plots[1][i+1], err = bars(fmt.Sprintf("sample y, τ = %g", tau), res.sample[i], orange); err != nil {
			return err
		}
	}
	img := vgimg.New(vg.Points(900), vg.Points(340))
	dc := draw.New(img)
	t := draw.Tiles{
		Rows: rows, Cols: cols,
		PadX: vg.Points(8), PadY: vg.Points(8),
		PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(6),
	}
	canvases := plot.Align(plots, t, dc)
	for j := range rows {
		for i := range cols {
			plots[j][i].Draw(canvases[j][i])
		}
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// bars returns a bar chart of v over the categories 1..k with y in [0, 1].
func bars(title string, v []float64, c color.Color) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(10)
	p.Y.Min, p.Y.Max = 0, 1
	p.X.Label.Text = "category"
	p.X.Label.TextStyle.Font.Size = vg.Points(8)
	b, err := plotter.NewBarChart(plotter.Values(v), vg.Points(14))
	if err != nil {
		return nil, err
	}
	b.Color = c
	b.LineStyle.Width = 0
	p.Add(b)
	names := make([]string, len(v))
	for i := range names {
		names[i] = fmt.Sprint(i + 1)
	}
	p.NominalX(names...)
	return p, nil
}

func format(v []float64) string {
	s := "["
	for i, x := range v {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%.3f", x)
	}
	return s + "]"
}
