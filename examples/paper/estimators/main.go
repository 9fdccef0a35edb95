// Command estimators measures the gradient estimators for categorical
// variables that package gumbel offers, against the exact gradient, and shows
// which one to pick.
//
// The objective is E_{D ~ Categorical(softmax(l))} f(D) over k = 10
// categories, for a linear f(D) = sum_i c_i D_i and a quadratic
// f(D) = ||D - t||², whose gradient with respect to the logits l is computed
// exactly by enumerating the k outcomes: J(p) f with f_i = f(e_i) and
// J(p) = diag(p) - p pᵀ. Each estimator is drawn n times per temperature and
// reported by its bias (norm of mean − exact), the standard error of that
// mean, its variance (trace of the covariance), its mean squared error
// bias² + variance, the cosine of its mean to the exact gradient and the
// mean cosine of single draws.
//
// Estimators: REINFORCE (score function, f(D) ∇ log p_D, no baseline, no
// temperature), plain straight-through (forward D ~ p, backward through
// softmax(l/tau)), straight-through Gumbel-Softmax, Gumbel-Softmax (the
// relaxed objective E f(y)), Gumbel-Rao with M = 10 and 100 conditional
// draws, and ReinMax. Gumbel-Rao M=100 is drawn n/5 times (each draw
// averages 100 conditional samples), every other estimator n times.
//
// It prints the table, writes estimators.csv and one PNG per logit setting
// (bias and variance against tau, log axes, one line per estimator) to the
// -out folder, and checks the temperature gradient ST.TauVJP (what a learned
// tau is trained with) against finite differences. The run is deterministic
// for a given -seed: every cell of the table draws from its own seeded
// generator. -short runs a few-second version.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/seed06c76d7c/gumbel"
)

// config is one run of the study.
type config struct {
	draws    int       // gradient draws per cell
	taus     []float64 // temperatures
	settings []setting
	seed     uint64
	out      string // folder for the CSV and PNGs; "" writes none
	workers  int
}

// setting is one vector of logits.
type setting struct {
	name   string
	logits []float64
}

// objective is f(D) and its gradient, evaluated at one-hot or relaxed D.
type objective struct {
	name string
	f    func(d []float64) float64
	grad func(dst, d []float64)
}

// estimator draws one estimate of the gradient of E f(D) with respect to the
// logits into dst. newDraw builds the per-cell state, so cells can run
// concurrently.
type estimator struct {
	name    string
	usesTau bool
	div     int // draws per cell are n/div (1 if 0): Gumbel-Rao M=100 averages 100 samples per draw
	newDraw func(k int) func(g *gumbel.Generator, dst, logits []float64, tau float64, obj objective)
}

// cell is one row of the table.
type cell struct {
	setting, objective, estimator string
	tau                           float64 // NaN for estimators without one
	n                             int     // draws
	bias, se, variance, mse       float64
	cosMean, meanCos              float64
}

const k = 10

func defaultConfig(short bool, seed uint64, out string) config {
	c := config{
		draws:   10000,
		taus:    []float64{0.1, 0.2, 0.5, 1, 2, 4},
		seed:    seed,
		out:     out,
		workers: runtime.GOMAXPROCS(0),
	}
	// Logits: a fixed standard normal vector at three scales, from nearly
	// uniform to peaked (largest p about 0.2, 0.5 and 0.9).
	z := []float64{0.32, -1.21, 0.85, -0.27, 1.74, -0.63, 0.11, -1.58, 0.49, -0.05}
	for _, s := range []struct {
		name  string
		scale float64
	}{{"flat", 0.5}, {"medium", 1.5}, {"peaked", 3}} {
		l := make([]float64, k)
		for i, v := range z {
			l[i] = s.scale * v
		}
		c.settings = append(c.settings, setting{s.name, l})
	}
	if short {
		c.draws = 400
		c.taus = []float64{0.5, 1, 2}
		c.settings = c.settings[1:2]
	}
	return c
}

func objectives() []objective {
	// c and t are fixed vectors in [0, 1).
	c := []float64{0.6, 0.1, 0.9, 0.3, 0.0, 0.8, 0.4, 0.7, 0.2, 0.5}
	t := []float64{0.2, 0.7, 0.1, 0.9, 0.4, 0.0, 0.6, 0.3, 0.8, 0.5}
	return []objective{
		{"linear", func(d []float64) float64 {
			var s float64
			for i, v := range d {
				s += c[i] * v
			}
			return s
		}, func(dst, d []float64) { copy(dst, c) }},
		{"quadratic", func(d []float64) float64 {
			var s float64
			for i, v := range d {
				s += (v - t[i]) * (v - t[i])
			}
			return s
		}, func(dst, d []float64) {
			for i, v := range d {
				dst[i] = 2 * (v - t[i])
			}
		}},
	}
}

func estimators() []estimator {
	grNamed := func(m, div int) estimator {
		return estimator{fmt.Sprintf("Gumbel-Rao M=%d", m), true, div, func(k int) func(*gumbel.Generator, []float64, []float64, float64, objective) {
			var gr gumbel.GumbelRao
			up := make([]float64, k)
			return func(g *gumbel.Generator, dst, logits []float64, tau float64, obj objective) {
				g.GumbelRaoTo(&gr, logits, tau, m)
				obj.grad(up, gr.Hard)
				gr.VJP(dst, up)
			}
		}}
	}
	return []estimator{
		{"REINFORCE", false, 1, func(k int) func(*gumbel.Generator, []float64, []float64, float64, objective) {
			p, d := make([]float64, k), make([]float64, k)
			return func(g *gumbel.Generator, dst, logits []float64, _ float64, obj objective) {
				// f(D) ∇_l log p_D = f(D) (e_D - p).
				gumbel.SoftmaxTo(p, logits)
				i := g.GumbelMax(logits)
				clear(d)
				d[i] = 1
				fd := obj.f(d)
				for j := range dst {
					dst[j] = fd * (d[j] - p[j])
				}
			}
		}},
		{"ST", true, 1, func(k int) func(*gumbel.Generator, []float64, []float64, float64, objective) {
			// Plain straight-through: forward D ~ p, backward as if the
			// output were softmax(l/tau); that is ST.VJP with Soft set to
			// softmax(l/tau) (no noise).
			st := gumbel.ST{Soft: make([]float64, k)}
			d, up, scaled := make([]float64, k), make([]float64, k), make([]float64, k)
			return func(g *gumbel.Generator, dst, logits []float64, tau float64, obj objective) {
				for j, l := range logits {
					scaled[j] = l / tau
				}
				gumbel.SoftmaxTo(st.Soft, scaled)
				st.Tau = tau
				i := g.GumbelMax(logits)
				clear(d)
				d[i] = 1
				obj.grad(up, d)
				st.VJP(dst, up)
			}
		}},
		{"ST Gumbel-Softmax", true, 1, func(k int) func(*gumbel.Generator, []float64, []float64, float64, objective) {
			var st gumbel.ST
			up := make([]float64, k)
			return func(g *gumbel.Generator, dst, logits []float64, tau float64, obj objective) {
				g.StraightThroughTo(&st, logits, tau)
				obj.grad(up, st.Hard)
				st.VJP(dst, up)
			}
		}},
		{"Gumbel-Softmax", true, 1, func(k int) func(*gumbel.Generator, []float64, []float64, float64, objective) {
			var st gumbel.ST
			up := make([]float64, k)
			return func(g *gumbel.Generator, dst, logits []float64, tau float64, obj objective) {
				g.StraightThroughTo(&st, logits, tau)
				obj.grad(up, st.Soft) // the relaxed objective f(y)
				st.VJP(dst, up)
			}
		}},
		grNamed(10, 1),
		grNamed(100, 5),
		{"ReinMax", true, 1, func(k int) func(*gumbel.Generator, []float64, []float64, float64, objective) {
			var rm gumbel.ReinMax
			up := make([]float64, k)
			return func(g *gumbel.Generator, dst, logits []float64, tau float64, obj objective) {
				g.ReinMaxTo(&rm, logits, tau)
				obj.grad(up, rm.Hard)
				rm.VJP(dst, up)
			}
		}},
	}
}

// exactGradient returns J(p) f with f_i = f(e_i): the gradient of
// E_{D ~ softmax(l)} f(D) with respect to l, by enumeration.
func exactGradient(logits []float64, obj objective) []float64 {
	p := gumbel.SoftmaxTo(nil, logits)
	fv := make([]float64, len(p))
	e := make([]float64, len(p))
	var mean float64
	for i := range p {
		clear(e)
		e[i] = 1
		fv[i] = obj.f(e)
		mean += p[i] * fv[i]
	}
	out := make([]float64, len(p))
	for i := range p {
		out[i] = p[i] * (fv[i] - mean)
	}
	return out
}

// job is one cell to measure.
type job struct {
	index  int
	set    setting
	obj    objective
	est    estimator
	tau    float64
	result cell
}

// measure draws n estimates for one cell from the generator seeded with
// (seed, index) and summarises them against exact.
func measure(j *job, n int, seed uint64, exact []float64) {
	n = max(n/max(j.est.div, 1), 2)
	g := gumbel.New(rand.NewPCG(seed, uint64(j.index))) // PCG: the committed study
	draw := j.est.newDraw(k)
	est := make([]float64, k)
	// Welford's running mean and sum of squared deviations, so that an
	// estimator with no variance (plain ST on a linear f) gives exactly 0.
	mean, m2 := make([]float64, k), make([]float64, k)
	normExact := math.Sqrt(dot(exact, exact))
	var sumCos float64
	for r := range n {
		draw(g, est, j.set.logits, j.tau, j.obj)
		for i, v := range est {
			d := v - mean[i]
			mean[i] += d / float64(r+1)
			m2[i] += d * (v - mean[i])
		}
		if ne := math.Sqrt(dot(est, est)); ne > 0 {
			sumCos += dot(est, exact) / (ne * normExact)
		}
	}
	var bias2, variance float64
	for i := range mean {
		variance += m2[i] / float64(n-1)
		bias2 += (mean[i] - exact[i]) * (mean[i] - exact[i])
	}
	tau := j.tau
	if !j.est.usesTau {
		tau = math.NaN()
	}
	j.result = cell{
		setting: j.set.name, objective: j.obj.name, estimator: j.est.name, tau: tau, n: n,
		bias: math.Sqrt(bias2), se: math.Sqrt(variance / float64(n)), variance: variance,
		mse:     bias2 + variance,
		cosMean: dot(mean, exact) / (math.Sqrt(dot(mean, mean)) * normExact),
		meanCos: sumCos / float64(n),
	}
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// runStudy measures every cell, in a fixed order, using cfg.workers
// goroutines; the result does not depend on their number.
func runStudy(cfg config) []cell {
	var jobs []*job
	for _, s := range cfg.settings {
		for _, o := range objectives() {
			for _, e := range estimators() {
				taus := cfg.taus
				if !e.usesTau {
					taus = taus[:1]
				}
				for _, tau := range taus {
					jobs = append(jobs, &job{index: len(jobs), set: s, obj: o, est: e, tau: tau})
				}
			}
		}
	}
	ch := make(chan *job)
	var wg sync.WaitGroup
	for range max(cfg.workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				measure(j, cfg.draws, cfg.seed, exactGradient(j.set.logits, j.obj))
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	cells := make([]cell, len(jobs))
	for i, j := range jobs {
		cells[i] = j.result
	}
	return cells
}

func printTable(w io.Writer, cfg config, cells []cell) {
	fmt.Fprintf(w, "Gradient of E f(D), D ~ Categorical(softmax(l)), k = %d, n = %d draws per row\n(Gumbel-Rao M=100: n/5), seed %d.\n", k, cfg.draws, cfg.seed)
	fmt.Fprintln(w, "bias = |mean - exact|, s.e. = its Monte Carlo noise floor sqrt(var/n), var = trace of covariance,")
	fmt.Fprintln(w, "mse = bias² + var, cos(mean) = cosine of the mean to the exact gradient, E[cos] = mean cosine of single draws.")
	for _, s := range cfg.settings {
		p := gumbel.SoftmaxTo(nil, s.logits)
		fmt.Fprintf(w, "\nsetting %s: max p = %.3f\n", s.name, p[argmax(p)])
		for _, o := range objectives() {
			ex := exactGradient(s.logits, o)
			fmt.Fprintf(w, "\n  objective %s, |exact gradient| = %.4f\n", o.name, math.Sqrt(dot(ex, ex)))
			fmt.Fprintf(w, "  %-18s %5s %9s %8s %9s %9s %9s %7s\n", "estimator", "tau", "bias", "s.e.", "var", "mse", "cos(mean)", "E[cos]")
			for _, c := range cells {
				if c.setting != s.name || c.objective != o.name {
					continue
				}
				tau := "-"
				if !math.IsNaN(c.tau) {
					tau = fmt.Sprint(c.tau)
				}
				fmt.Fprintf(w, "  %-18s %5s %9.4f %8.4f %9.4f %9.4f %9.3f %7.3f\n",
					c.estimator, tau, c.bias, c.se, c.variance, c.mse, c.cosMean, c.meanCos)
			}
		}
	}
	fmt.Fprintln(w, "\nLowest mean squared error per setting and objective, over estimators and tau: overall, and among")
	fmt.Fprintln(w, "the rows whose mean points the right way (cos(mean) >= 0.95). The zero estimator's mse is |exact|².")
	for _, s := range cfg.settings {
		for _, o := range objectives() {
			ex := exactGradient(s.logits, o)
			fmt.Fprintf(w, "  %-7s %-9s zero: %.4f\n", s.name, o.name, dot(ex, ex))
			for _, minCos := range []float64{-1, 0.95} {
				best := bestCell(cells, s.name, o.name, minCos)
				what := "overall:     "
				if minCos > -1 {
					what = "cos >= 0.95: "
				}
				if math.IsInf(best.mse, 1) {
					fmt.Fprintf(w, "    %snone\n", what)
					continue
				}
				fmt.Fprintf(w, "    %s%-17s tau %-4v mse %.4f, bias %.4f, cos(mean) %.3f\n",
					what, best.estimator, best.tau, best.mse, best.bias, best.cosMean)
			}
		}
	}
}

// bestCell returns the row of lowest mean squared error among those of the
// setting and objective whose mean has cosine at least minCos to the exact
// gradient.
func bestCell(cells []cell, set, obj string, minCos float64) cell {
	best := cell{mse: math.Inf(1), estimator: "none"}
	for _, c := range cells {
		if c.setting == set && c.objective == obj && c.cosMean >= minCos && c.mse < best.mse {
			best = c
		}
	}
	return best
}

func argmax(x []float64) int {
	a := 0
	for i, v := range x {
		if v > x[a] {
			a = i
		}
	}
	return a
}

func writeCSV(path string, cells []cell) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	fmt.Fprintln(f, "setting,objective,estimator,tau,bias,se,variance,mse,cos_mean,mean_cos")
	for _, c := range cells {
		fmt.Fprintf(f, "%s,%s,%s,%g,%g,%g,%g,%g,%g,%g\n", c.setting, c.objective, c.estimator, c.tau,
			c.bias, c.se, c.variance, c.mse, c.cosMean, c.meanCos)
	}
	return f.Close()
}

func main() {
	short := flag.Bool("short", false, "run a few-second version (fewer draws, taus and settings)")
	out := flag.String("out", ".", "folder for estimators.csv and the PNG plots (created if missing)")
	seed := flag.Uint64("seed", 1, "seed of the run")
	flag.Parse()
	if err := run(os.Stdout, defaultConfig(*short, *seed, *out)); err != nil {
		log.Fatal(err)
	}
}

// run is the whole study: table, temperature-gradient check, CSV and plots.
func run(w io.Writer, cfg config) error {
	cells := runStudy(cfg)
	printTable(w, cfg, cells)
	tauGradientCheck(w, cfg)
	if cfg.out == "" {
		return nil
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(cfg.out, "estimators.csv"), cells); err != nil {
		return err
	}
	for _, s := range cfg.settings {
		path := filepath.Join(cfg.out, "estimators-"+s.name+".png")
		if err := plotSetting(path, cfg, s, cells); err != nil {
			return err
		}
		fmt.Fprintln(w, "wrote", path)
	}
	return nil
}
