// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command vae trains the categorical variational autoencoder of Jang, Gu &
// Poole (2017), "Categorical Reparameterization with Gumbel-Softmax", §4.3 and
// Table 1, on binarised MNIST, with this module's samplers and
// straight-through gradients and a plain gonum network.
//
// Model (the authors' notebook): 30 categorical latent variables with 10
// classes each, encoder 784-512-256-300 and decoder 300-256-512-784 with ReLU
// and Bernoulli outputs, a uniform prior with the KL in closed form
// sum_i q_i (log q_i - log(1/K)), Adam with learning rate 1e-3, batch 100, and
// tau = max(0.5, exp(-3e-5 t)) recomputed every 1000 steps
// (gumbel.PaperSchedule).
//
// The negative ELBO on the test set is evaluated as in Table 1, with one-hot
// latent samples (one per image, drawn by Gumbel-max).
//
// Usage (from examples/paper):
//
//	go run ./vae -estimator gs -epochs 100 -out runs/gs
//	go run ./vae -short -out /tmp/vae   # a tiny smoke run
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/seed06c76d7c/gumbel"
	"github.com/seed06c76d7c/gumbel/examples/paper/internal/mnist"
)

// options are the command-line flags.
type options struct {
	epochs     int
	estimator  string
	seed       uint64
	out        string
	short      bool
	mnist      string
	lr         float64
	minutes    float64
	cpuprofile string
	curveFrom  string
	iw         int    // samples of the final importance-weighted bound (0: none)
	lrDecay    bool   // multiply the learning rate by 0.9 every 1000 steps
	latents    string // "NxK"
	save       string // checkpoint written after every epoch
	load       string // checkpoint whose weights start the run
	resume     string // checkpoint the run continues from
}

func main() {
	var o options
	flag.IntVar(&o.epochs, "epochs", 100, "training epochs of 500 steps (the paper: 100 epochs = 50,000 steps)")
	flag.StringVar(&o.estimator, "estimator", "gs", "gradient estimator: "+strings.Join(estimatorNames(), "|"))
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the weights, the batch order and the Gumbel noise")
	flag.StringVar(&o.out, "out", "vae-out", "output folder for the PNGs")
	flag.BoolVar(&o.short, "short", false, "smoke run: 1000 training and 500 test images, 1 epoch")
	flag.StringVar(&o.mnist, "mnist", "", "folder of the MNIST idx .gz files (default: the GoMNIST module's data/)")
	flag.Float64Var(&o.lr, "lr", 1e-3, "Adam learning rate")
	flag.IntVar(&raoM, "rao-m", raoM, "conditional draws per gradient of the rao estimator")
	flag.Float64Var(&o.minutes, "minutes", 0, "time budget: stop after the first epoch that ends past this many minutes (0: no limit)")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	flag.StringVar(&o.curveFrom, "curve-from", "", "only redraw curve.png in -out from this progress log")
	flag.IntVar(&o.iw, "iw", 0, "after training, report the m-sample importance-weighted test bound for m = 1, 10, 100, ... up to this m (the paper: 1000)")
	flag.BoolVar(&o.lrDecay, "lr-decay", false, "multiply the learning rate by 0.9 every 1000 steps, as the authors' notebook does")
	flag.StringVar(&o.latents, "latents", "30x10", "latent variables x classes (the notebook: 30x10; the paper's Table 1: 20x10)")
	flag.StringVar(&o.save, "save", "", "write a checkpoint (weights, optimiser, random streams; see checkpoint.go) to this file after every epoch")
	flag.StringVar(&o.load, "load", "", "start from the weights of this checkpoint (with -epochs 0: evaluate only)")
	flag.StringVar(&o.resume, "resume", "", "continue the run of this checkpoint, exactly, up to -epochs")
	flag.Parse()
	epochsSet := false
	flag.Visit(func(f *flag.Flag) { epochsSet = epochsSet || f.Name == "epochs" })
	if o.short && !epochsSet {
		o.epochs = 1
	}
	if o.curveFrom != "" {
		if err := redrawCurve(o.curveFrom, filepath.Join(o.out, "curve.png")); err != nil {
			log.Fatal(err)
		}
		return
	}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	if _, err := train(o, os.Stdout); err != nil {
		pprof.StopCPUProfile()
		log.Fatal(err)
	}
}

// epochStats is one line of the progress log.
type epochStats struct {
	epoch      int
	step       int
	train      float64 // mean training loss over the epoch (the estimator's forward z)
	test       float64 // test negative ELBO with one-hot samples
	testRecon  float64
	testKL     float64
	tau        float64
	seconds    float64 // wall time of the epoch's training and evaluation
	cumSeconds float64
}

// result is what train returns to the test and prints at the end.
type result struct {
	history []epochStats
	final   float64 // final test -ELBO with one-hot samples
	val     float64 // final validation -ELBO with one-hot samples
	m       *model  // the trained model
}

// train runs the whole experiment and writes its log to w and its PNGs to
// o.out.
func train(o options, w io.Writer) (*result, error) {
	newEst, ok := estimators[o.estimator]
	if !ok {
		return nil, fmt.Errorf("vae: unknown estimator %q (have %s)", o.estimator, strings.Join(estimatorNames(), ", "))
	}
	if o.epochs < 1 && o.load == "" && o.resume == "" {
		return nil, fmt.Errorf("vae: epochs %d < 1", o.epochs)
	}
	dir, err := mnist.Dir(o.mnist)
	if err != nil {
		return nil, err
	}
	trainSet, valSet, testSet, err := mnist.Load(dir)
	if err != nil {
		return nil, err
	}
	if o.short {
		trainSet, valSet, testSet = trainSet.Subset(1000), valSet.Subset(500), testSet.Subset(500)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return nil, err
	}

	cfg := paperConfig()
	if o.latents != "" {
		if _, err := fmt.Sscanf(o.latents, "%dx%d", &cfg.N, &cfg.K); err != nil || cfg.N < 1 || cfg.K < 2 {
			return nil, fmt.Errorf("vae: -latents %q is not NxK with N >= 1, K >= 2", o.latents)
		}
	}
	st := &trainState{m: newModel(cfg, o.seed), opt: newAdam(o.lr), noise: gumbel.NewSource(o.seed, 1),
		order: rand.NewPCG(o.seed, 2), estimator: o.estimator, seed: o.seed}
	switch {
	case o.resume != "":
		if st, err = loadCheckpoint(o.resume); err != nil {
			return nil, err
		}
		if st.estimator != o.estimator {
			return nil, fmt.Errorf("vae: %s was trained with -estimator %s, not %s", o.resume, st.estimator, o.estimator)
		}
		fmt.Fprintf(w, "# resumed from %s after epoch %d (step %d)\n", o.resume, st.epoch, st.step)
	case o.load != "":
		c, err := loadCheckpoint(o.load)
		if err != nil {
			return nil, err
		}
		st.m = c.m
		fmt.Fprintf(w, "# weights of %s (epoch %d)\n", o.load, c.epoch)
	}
	m, opt, cfg := st.m, st.opt, st.m.cfg
	est := newEst()
	sched := gumbel.PaperSchedule()
	noise := gumbel.New(st.noise) // training noise: gumbel.NewSeeded(seed, 1)'s stream
	order := rand.New(st.order)   // batch order
	fmt.Fprintf(w, "# categorical VAE, estimator=%s seed=%d lr=%g lr-decay=%v batch=%d latents=%dx%d train=%d val=%d test=%d\n",
		o.estimator, o.seed, o.lr, o.lrDecay, cfg.batch, cfg.N, cfg.K, trainSet.N, valSet.N, testSet.N)
	fmt.Fprintf(w, "# epoch  step   train-nelbo  test-nelbo(onehot)  test-recon  test-KL   tau     sec   cum-sec\n")

	res := &result{}
	t0 := time.Now()
	ev := evaluate(m, testSet, o.seed)
	st0 := epochStats{test: ev.total(), testRecon: ev.recon, testKL: ev.kl, tau: sched.Tau(0), train: ev.total()}
	res.history = append(res.history, st0)
	printStats(w, st0)

	step := st.step
	perm := make([]int, trainSet.N)
	batches := trainSet.N / cfg.batch
	for epoch := st.epoch + 1; epoch <= o.epochs; epoch++ {
		start := time.Now()
		for i := range perm {
			perm[i] = i
		}
		order.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		var sum float64
		var tau float64
		for b := 0; b < batches; b++ {
			tau = sched.Tau(step)
			if o.lrDecay && step > 0 && step%1000 == 0 {
				opt.lr *= 0.9
			}
			m.loadBatch(trainSet, perm[b*cfg.batch:(b+1)*cfg.batch])
			p := m.step(est, tau, noise, true)
			opt.step(m.enc, m.dec)
			sum += (p.recon + p.kl) / float64(cfg.batch)
			step++
		}
		ev := evaluate(m, testSet, o.seed)
		s := epochStats{
			epoch: epoch, step: step, train: sum / float64(batches),
			test: ev.total(), testRecon: ev.recon, testKL: ev.kl, tau: tau,
			seconds: time.Since(start).Seconds(), cumSeconds: time.Since(t0).Seconds(),
		}
		res.history = append(res.history, s)
		printStats(w, s)
		if o.save != "" {
			st.epoch, st.step = epoch, step
			if err := saveCheckpoint(o.save, st); err != nil {
				return nil, err
			}
		}
		if err := plotCurve(filepath.Join(o.out, "curve.png"), o.estimator, res.history); err != nil {
			return nil, err
		}
		if o.minutes > 0 && time.Since(t0).Minutes() >= o.minutes && epoch < o.epochs {
			fmt.Fprintf(w, "# time budget of %g minutes reached after epoch %d of %d\n", o.minutes, epoch, o.epochs)
			break
		}
	}
	res.final, res.m = res.history[len(res.history)-1].test, m
	res.val = evaluate(m, valSet, o.seed).total()
	fmt.Fprintf(w, "# final: estimator=%s epochs=%d steps=%d test -ELBO (one-hot) = %.2f  validation -ELBO = %.2f  minutes = %.1f\n",
		o.estimator, res.history[len(res.history)-1].epoch, step, res.final, res.val, time.Since(t0).Minutes())

	for ms := 1; o.iw > 0 && ms <= o.iw; ms *= 10 {
		t := time.Now()
		fmt.Fprintf(w, "# test -L_%d (importance-weighted bound, one-hot samples) = %.2f  (%.1f s)\n", ms, iwBound(m, testSet, ms, o.seed), time.Since(t).Seconds())
	}

	if err := plotReconstructions(filepath.Join(o.out, "reconstructions.png"), m, testSet, o.seed); err != nil {
		return nil, err
	}
	if err := plotSamples(filepath.Join(o.out, "samples.png"), m, o.seed); err != nil {
		return nil, err
	}
	return res, nil
}

func printStats(w io.Writer, s epochStats) {
	fmt.Fprintf(w, "%7d %6d %12.2f %19.2f %11.2f %8.2f %6.3f %7.1f %8.1f\n",
		s.epoch, s.step, s.train, s.test, s.testRecon, s.testKL, s.tau, s.seconds, s.cumSeconds)
}

// evalParts are per-image means of the negative ELBO terms.
type evalParts struct{ recon, kl float64 }

func (e evalParts) total() float64 { return e.recon + e.kl }

// evaluate returns the mean negative ELBO of d with one one-hot latent sample
// per image, drawn from a generator seeded afresh, so that every evaluation
// of the same weights gives the same number. A final partial batch is
// dropped (the sets here are multiples of 100).
func evaluate(m *model, d *dataset, seed uint64) evalParts {
	g := gumbel.NewSeeded(seed, 3)
	n := m.cfg.batch
	idx := make([]int, n)
	var sum lossParts
	batches := d.N / n
	for b := 0; b < batches; b++ {
		for i := range idx {
			idx[i] = b*n + i
		}
		m.loadBatch(d, idx)
		// tau only matters for soft samples; one-hot samples ignore it.
		p := m.step(nil, 1, g, false)
		sum.recon += p.recon
		sum.kl += p.kl
	}
	cnt := float64(batches * n)
	return evalParts{recon: sum.recon / cnt, kl: sum.kl / cnt}
}

// redrawCurve parses a progress log written by train and draws its learning
// curve again.
func redrawCurve(logPath, out string) error {
	b, err := os.ReadFile(logPath)
	if err != nil {
		return err
	}
	est := "?"
	var h []epochStats
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.Index(line, "estimator="); i >= 0 && strings.HasPrefix(line, "# categorical") {
			est = strings.Fields(line[i+len("estimator="):])[0]
		}
		var s epochStats
		if n, _ := fmt.Sscanf(line, "%d %d %g %g %g %g %g %g %g", &s.epoch, &s.step, &s.train, &s.test,
			&s.testRecon, &s.testKL, &s.tau, &s.seconds, &s.cumSeconds); n == 9 {
			h = append(h, s)
		}
	}
	if len(h) == 0 {
		return fmt.Errorf("vae: no progress lines in %s", logPath)
	}
	return plotCurve(out, est, h)
}
