// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/seed06c76d7c/gumbel"
)

// plotCurve draws the training loss and the test negative ELBO per epoch.
func plotCurve(path, estimator string, h []epochStats) error {
	p := plot.New()
	p.Title.Text = "Categorical VAE on binarised MNIST, estimator " + estimator
	p.X.Label.Text = "epoch (500 steps)"
	p.Y.Label.Text = "negative ELBO (nats)"
	var tr, te plotter.XYs
	for _, s := range h {
		if s.epoch > 0 {
			tr = append(tr, plotter.XY{X: float64(s.epoch), Y: s.train})
		}
		te = append(te, plotter.XY{X: float64(s.epoch), Y: s.test})
	}
	args := []any{"test -ELBO (one-hot z)", te}
	if len(tr) > 0 {
		args = append(args, "train loss ("+estimator+" z)", tr)
	}
	if err := plotutil.AddLinePoints(p, args...); err != nil {
		return err
	}
	// Show the range where the curves are interesting, not the 545 nats of
	// the untrained network (set after adding the data, which widens the
	// axes; lines are clipped to the plot area).
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, xy := range append(append(plotter.XYs{}, tr...), te[min(1, len(te)-1):]...) {
		lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
	}
	if lo < hi {
		p.Y.Min, p.Y.Max = math.Floor(lo/5)*5-5, math.Min(hi+5, 200)
	}
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	return p.Save(5*vg.Inch, 3.5*vg.Inch, path)
}

// plotReconstructions writes 40 test images (odd rows) above the decoder's
// Bernoulli means for one one-hot latent sample of each (even rows).
func plotReconstructions(path string, m *model, d *dataset, seed uint64) error {
	n := m.cfg.batch
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i % d.N
	}
	m.loadBatch(d, idx)
	m.step(nil, 1, gumbel.NewSeeded(seed, 4), false)
	xl := m.dec.acts[len(m.dec.layers)]
	const cols, pairs = 10, 4
	var imgs [][]float64
	for r := 0; r < pairs; r++ {
		for c := 0; c < cols; c++ {
			imgs = append(imgs, m.x.RawRowView(r*cols+c))
		}
		for c := 0; c < cols; c++ {
			imgs = append(imgs, sigmoidRow(xl.RawRowView(r*cols+c)))
		}
	}
	return writeGrid(path, imgs, cols)
}

// plotSamples decodes 100 latent codes whose 30 variables are independent
// uniform one-hot vectors (draws from the prior) and writes the Bernoulli
// means.
func plotSamples(path string, m *model, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 5))
	n, N, K := m.cfg.batch, m.cfg.N, m.cfg.K
	z := mat.NewDense(n, N*K, nil)
	for i := 0; i < n; i++ {
		row := z.RawRowView(i)
		for v := 0; v < N; v++ {
			row[v*K+rng.IntN(K)] = 1
		}
	}
	xl := m.dec.forward(z)
	var imgs [][]float64
	for i := 0; i < n; i++ {
		imgs = append(imgs, sigmoidRow(xl.RawRowView(i)))
	}
	return writeGrid(path, imgs, 10)
}

func sigmoidRow(l []float64) []float64 {
	out := make([]float64, len(l))
	for i, v := range l {
		out[i] = 1 / (1 + math.Exp(-v))
	}
	return out
}

// writeGrid writes 28×28 images with values in [0, 1] (1 = ink, drawn
// black on white) as a grayscale PNG with cols images per row and a 1-pixel
// grey border.
func writeGrid(path string, imgs [][]float64, cols int) error {
	const side, pad = 28, 1
	rows := (len(imgs) + cols - 1) / cols
	img := image.NewGray(image.Rect(0, 0, cols*(side+pad)+pad, rows*(side+pad)+pad))
	for i := range img.Pix {
		img.Pix[i] = 160
	}
	for k, im := range imgs {
		x0, y0 := pad+(k%cols)*(side+pad), pad+(k/cols)*(side+pad)
		for y := 0; y < side; y++ {
			for x := 0; x < side; x++ {
				v := math.Max(0, math.Min(1, im[y*side+x]))
				img.SetGray(x0+x, y0+y, color.Gray{Y: uint8(255 - math.Round(255*v))})
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
