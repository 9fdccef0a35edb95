package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/seed06c76d7c/gumbel"
)

// tauGradientCheck prints, for the quadratic objective, the derivative of the
// relaxed objective R(tau) = E f(y_tau), y_tau a Gumbel-Softmax sample, with
// respect to the temperature: the mean of ST.TauVJP (what a learned tau is
// trained with) against a central finite difference of f(y) with the same
// noise (common random numbers), draw by draw. It returns the largest
// relative per-draw discrepancy.
func tauGradientCheck(w io.Writer, cfg config) float64 {
	obj := objectives()[1]
	n := max(cfg.draws/4, 100)
	fmt.Fprintf(w, "\nTemperature gradient dR/dtau of the relaxed quadratic objective R(tau) = E f(y_tau), %d draws:\n", n)
	fmt.Fprintf(w, "  %-7s %5s %10s %12s %8s %14s\n", "setting", "tau", "R(tau)", "E[TauVJP]", "s.e.", "max rel. diff")
	var worst float64
	for si, s := range cfg.settings {
		for ti, tau := range cfg.taus {
			h := 1e-4 * tau
			id := uint64(1_000_000 + 100*si + ti)
			g0, gp, gm := gumbel.New(rand.NewPCG(cfg.seed, id)), gumbel.New(rand.NewPCG(cfg.seed, id)), gumbel.New(rand.NewPCG(cfg.seed, id))
			var st gumbel.ST
			up := make([]float64, k)
			yp, ym := make([]float64, k), make([]float64, k)
			var sumR, sum, sq, maxRel float64
			for range n {
				g0.StraightThroughTo(&st, s.logits, tau)
				obj.grad(up, st.Soft)
				d := st.TauVJP(up)
				gp.GumbelSoftmaxTo(yp, s.logits, tau+h, false)
				gm.GumbelSoftmaxTo(ym, s.logits, tau-h, false)
				fd := (obj.f(yp) - obj.f(ym)) / (2 * h)
				maxRel = math.Max(maxRel, math.Abs(d-fd)/math.Max(1e-3, math.Abs(fd)))
				sumR += obj.f(st.Soft)
				sum += d
				sq += d * d
			}
			mean := sum / float64(n)
			se := math.Sqrt(math.Max(sq/float64(n)-mean*mean, 0) / float64(n))
			fmt.Fprintf(w, "  %-7s %5v %10.4f %12.5f %8.5f %14.2e\n", s.name, tau, sumR/float64(n), mean, se, maxRel)
			worst = math.Max(worst, maxRel)
		}
	}
	return worst
}
