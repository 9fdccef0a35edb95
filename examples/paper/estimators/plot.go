package main

import (
	"fmt"
	"image/color"
	"math"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// decades labels the powers of ten in [min, max] as 1e-3, 0.01, 0.1, 1, 10.
var decades = plot.TickerFunc(func(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		v := math.Pow(10, e)
		if v < min*(1-1e-9) || v > max*(1+1e-9) {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: fmt.Sprintf("%g", v)})
	}
	return ticks
})

// plotSetting writes a PNG with one row per objective and two panels, bias
// and variance against tau on log axes, one line per estimator, and a legend
// column on the right. In the bias panels a grey ring marks a bias within
// two standard errors of 0 (not distinguishable from noise with n draws);
// exact zeros (plain ST on the linear objective has no variance) are drawn
// on the bottom edge.
func plotSetting(path string, cfg config, s setting, cells []cell) error {
	objs := objectives()
	ests := estimators()
	plots := make([][]*plot.Plot, len(objs))
	ticks := make([]plot.Tick, len(cfg.taus))
	for i, tau := range cfg.taus {
		ticks[i] = plot.Tick{Value: tau, Label: fmt.Sprint(tau)}
	}
	legend := plot.NewLegend()
	legend.TextStyle.Font.Size = vg.Points(11)
	legend.ThumbnailWidth = vg.Points(30)
	ring := draw.GlyphStyle{Color: color.Gray{Y: 110}, Radius: vg.Points(7), Shape: draw.RingGlyph{}}
	for r, o := range objs {
		plots[r] = make([]*plot.Plot, 2)
		for c, what := range []string{"bias |mean − exact|", "variance (trace of covariance)"} {
			p := plot.New()
			p.Title.Text = fmt.Sprintf("%s logits, %s f: %s", s.name, o.name, what)
			p.X.Label.Text = "temperature tau"
			p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
			p.X.Tick.Marker = plot.ConstantTicks(ticks)
			p.Y.Tick.Marker = decades
			p.Add(plotter.NewGrid())
			// The smallest positive value of the panel sets where zeros go.
			floor := math.Inf(1)
			// Values below 1e-12 are rounding: plain ST on the linear f is
			// exactly unbiased at tau = 1 and has no variance.
			value := func(cl cell) float64 {
				v := cl.bias
				if c == 1 {
					v = cl.variance
				}
				if v < 1e-12 {
					return 0
				}
				return v
			}
			for _, cl := range cells {
				if cl.setting == s.name && cl.objective == o.name && value(cl) > 0 {
					floor = math.Min(floor, value(cl))
				}
			}
			floor /= 2
			var noise plotter.XYs
			for ei, e := range ests {
				var xys plotter.XYs
				for _, cl := range cells {
					if cl.setting != s.name || cl.objective != o.name || cl.estimator != e.name {
						continue
					}
					v := math.Max(value(cl), floor)
					taus := []float64{cl.tau}
					if !e.usesTau { // no temperature: a flat line
						taus = cfg.taus
					}
					for _, tau := range taus {
						xys = append(xys, plotter.XY{X: tau, Y: v})
						if c == 0 && cl.bias < 2*cl.se {
							noise = append(noise, plotter.XY{X: tau, Y: v})
						}
					}
				}
				l, pts, err := plotter.NewLinePoints(xys)
				if err != nil {
					return err
				}
				col := plotutil.Color(ei)
				l.Color, pts.Color = col, col
				l.Width = vg.Points(1.5)
				l.Dashes = plotutil.Dashes(ei)
				pts.Shape = plotutil.Shape(ei)
				pts.Radius = vg.Points(3)
				p.Add(l, pts)
				if r == 0 && c == 0 {
					legend.Add(e.name, l, pts)
				}
			}
			if len(noise) > 0 {
				sc, err := plotter.NewScatter(noise)
				if err != nil {
					return err
				}
				sc.GlyphStyle = ring
				p.Add(sc)
			}
			plots[r][c] = p
		}
	}
	noiseThumb, _ := plotter.NewScatter(plotter.XYs{{}})
	noiseThumb.GlyphStyle = ring
	legend.Add("bias within 2 s.e. of 0", noiseThumb)

	const width, height, legendWidth = 13 * vg.Inch, 9 * vg.Inch, 2.3 * vg.Inch
	img := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(100), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(img)
	t := draw.Tiles{Rows: len(objs), Cols: 2, PadX: vg.Millimeter * 6, PadY: vg.Millimeter * 6,
		PadTop: vg.Millimeter * 3, PadBottom: vg.Millimeter * 3, PadLeft: vg.Millimeter * 3, PadRight: vg.Millimeter * 3}
	canvases := plot.Align(plots, t, draw.Crop(dc, 0, -legendWidth, 0, 0))
	for r := range plots {
		for c := range plots[r] {
			plots[r][c].Draw(canvases[r][c])
		}
	}
	legend.Top = true
	legend.Draw(draw.Crop(dc, width-legendWidth, -vg.Millimeter*3, 0, -vg.Inch))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
