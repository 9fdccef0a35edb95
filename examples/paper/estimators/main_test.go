package main

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed06c76d7c/gumbel"
)

// The exact gradient by enumeration matches central finite differences of
// E f(D) = sum_i softmax(l)_i f(e_i).
func TestExactGradient(t *testing.T) {
	cfg := defaultConfig(false, 1, "")
	for _, s := range cfg.settings {
		for _, o := range objectives() {
			value := func(l []float64) float64 {
				p := gumbel.SoftmaxTo(nil, l)
				e := make([]float64, k)
				var v float64
				for i := range p {
					clear(e)
					e[i] = 1
					v += p[i] * o.f(e)
				}
				return v
			}
			ex := exactGradient(s.logits, o)
			const h = 1e-5
			for i := range s.logits {
				l := append([]float64(nil), s.logits...)
				l[i] += h
				up := value(l)
				l[i] -= 2 * h
				fd := (up - value(l)) / (2 * h)
				if math.Abs(fd-ex[i]) > 1e-8 {
					t.Errorf("%s %s: d/dl_%d exact %v, finite difference %v", s.name, o.name, i, ex[i], fd)
				}
			}
		}
	}
}

// The short study runs, is deterministic whatever the number of workers,
// writes a readable PNG and the CSV, and its numbers obey what is proven:
// REINFORCE is unbiased, plain ST on a linear f at tau = 1 is exact,
// Gumbel-Rao (M = 10) has the mean of ST Gumbel-Softmax and no more
// variance, and TauVJP matches finite differences.
func TestShortStudy(t *testing.T) {
	dir := t.TempDir()
	cfg := defaultConfig(true, 1, dir)
	var out bytes.Buffer
	if err := run(&out, cfg); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"REINFORCE", "ReinMax", "Gumbel-Rao M=100", "Lowest mean squared error", "TauVJP"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, s := range cfg.settings {
		f, err := os.Open(filepath.Join(dir, "estimators-"+s.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || c.Width < 800 || c.Height < 600 {
			t.Errorf("PNG for %s: %v, %dx%d", s.name, err, c.Width, c.Height)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "estimators.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// One header, REINFORCE once and six estimators per tau, per setting and objective.
	want := 1 + len(cfg.settings)*len(objectives())*(1+6*len(cfg.taus))
	if n := strings.Count(string(csv), "\n"); n != want {
		t.Errorf("CSV has %d lines, want %d", n, want)
	}

	cfg.workers = 1
	a := runStudy(cfg)
	cfg.workers = 3
	b := runStudy(cfg)
	for i := range a {
		// %v prints float64s exactly (shortest round-trip form), NaN included.
		if fmt.Sprintf("%v", a[i]) != fmt.Sprintf("%v", b[i]) {
			t.Fatalf("row %d differs between 1 and 3 workers: %+v vs %+v", i, a[i], b[i])
		}
	}
	find := func(obj, est string, tau float64) cell {
		for _, c := range a {
			if c.objective == obj && c.estimator == est && (c.tau == tau || math.IsNaN(c.tau)) {
				return c
			}
		}
		t.Fatalf("no row %s %s %v", obj, est, tau)
		return cell{}
	}
	for _, o := range objectives() {
		if c := find(o.name, "REINFORCE", 0); c.bias > 4*c.se {
			t.Errorf("%s: REINFORCE bias %v exceeds 4 s.e. (%v)", o.name, c.bias, c.se)
		}
		for _, tau := range cfg.taus {
			st, gr := find(o.name, "ST Gumbel-Softmax", tau), find(o.name, "Gumbel-Rao M=10", tau)
			if gr.variance > st.variance {
				t.Errorf("%s tau %v: Gumbel-Rao variance %v > ST-GS %v", o.name, tau, gr.variance, st.variance)
			}
			// Same expectation: the difference of the bias norms is bounded
			// by the norm of the difference of the means.
			if d := math.Abs(gr.bias - st.bias); d > 4*math.Hypot(gr.se, st.se) {
				t.Errorf("%s tau %v: Gumbel-Rao bias %v vs ST-GS %v", o.name, tau, gr.bias, st.bias)
			}
		}
	}
	if c := find("linear", "ST", 1); c.bias > 1e-12 || c.variance > 1e-20 {
		t.Errorf("plain ST on a linear f at tau 1: bias %v, variance %v, want exact", c.bias, c.variance)
	}
	if worst := tauGradientCheck(&bytes.Buffer{}, cfg); worst > 1e-4 {
		t.Errorf("TauVJP differs from finite differences by %v (relative)", worst)
	}
}
