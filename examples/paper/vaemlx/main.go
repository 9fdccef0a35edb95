// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command vaemlx trains the categorical variational autoencoder of ../vae
// (Jang, Gu & Poole 2017, §4.2 and the authors' notebook) in GoMLX on its
// pure-Go backend simplego, with the estimators of package gumbelmlx.
//
// Model: 30 categorical latent variables with 10 classes each, encoder
// 784-512-256-300 and decoder 300-256-512-784 with ReLU and Bernoulli
// outputs on binarised MNIST (the binary images of ../vae), a uniform prior
// with the KL in closed form, Adam with learning rate 1e-3, batch 100, and
// tau = max(0.5, exp(-3e-5 t)) recomputed every 1000 steps
// (gumbel.PaperSchedule). The weights start as ../vae's (the same Glorot
// draws). The whole step (forward pass, gradient, Adam) is one GoMLX graph,
// compiled again when tau changes; the dense layers carry their own backward
// pass (see dense in model.go). The test negative ELBO is evaluated with
// one-hot latent samples, one per image.
//
// Usage (from examples/paper):
//
//	go run ./vaemlx -estimator gs -epochs 1
//	go run ./vaemlx -short   # a smoke run: 300 images, 3 steps
//
// Measured on 2 December 2026, 18:05-18:08 UTC, on a shared 2-core Xeon
// (both cores also busy with two other single-threaded jobs, load about 2),
// one epoch (500 steps) with -estimator gs, seed 1, run one after the other;
// the epoch time includes the test evaluation (about 8 s here):
//
//	vaemlx (GoMLX simplego, float64):  114.5 s an epoch (213 ms a step), test -ELBO 168.42
//	../vae with gonum's products:       29.8 s an epoch,                 test -ELBO 168.69
//
// Both start from the same weights and see the batches in the same order;
// only the Gumbel noise differs. ../vae now multiplies with its own
// kernels (gemm.go): 8.1 s an epoch with GOMAXPROCS=2 (median of three, the
// same day, other jobs running), so GoMLX's pure-Go backend is about 14x
// slower than it and 3.8x slower than gonum for this model. With -builtin-grad (GoMLX's own gradient of
// Dot) a step took about 2.2 s (-short, same day, 18:10 UTC). Float32 in
// the graph was no faster (229 against 236 ms a step, -short), nor were
// simplego's dotgeneral_small, dotgeneral_large and ops_parallel options;
// parallelism=1,ops_sequential was as fast as two workers (223 against 245
// ms, -short, 18:10 UTC, the cores being shared).
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"time"

	"github.com/gomlx/gomlx/backends/simplego"
	"github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"

	"github.com/seed06c76d7c/gumbel"
	"github.com/seed06c76d7c/gumbel/examples/paper/internal/mnist"
)

// options are the command-line flags.
type options struct {
	epochs     int
	estimator  string
	seed       uint64
	short      bool
	mnist      string
	lr         float64
	simplego   string
	cpuprofile string
}

func main() {
	var o options
	flag.IntVar(&o.epochs, "epochs", 1, "training epochs of 500 steps (the paper: 100)")
	flag.StringVar(&o.estimator, "estimator", "gs", "gradient estimator: gs|st|reinmax|rao")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the weights, the batch order and the noise")
	flag.BoolVar(&o.short, "short", false, "smoke run: 300 training and 200 test images (3 steps an epoch)")
	flag.StringVar(&o.mnist, "mnist", "", "folder of the MNIST idx .gz files (default: the GoMNIST module's data/)")
	flag.Float64Var(&o.lr, "lr", 1e-3, "Adam learning rate")
	flag.IntVar(&raoM, "rao-m", raoM, "conditional draws per gradient of the rao estimator")
	flag.StringVar(&o.simplego, "simplego", "", "simplego's configuration, e.g. ops_sequential or parallelism=1,ops_sequential "+
		"(default: runtime.NumCPU() workers; parallelism=1 alone deadlocks in GoMLX v0.26.0)")
	flag.BoolVar(&builtinGrad, "builtin-grad", false, "use GoMLX's own gradient of Dot (slow on simplego) instead of dense's")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
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

// result is what train returns to the test.
type result struct {
	losses []float64 // training loss (batch mean -ELBO) of every step
	test   float64   // final test -ELBO with one-hot samples
}

// train runs the experiment and writes its log to w.
func train(o options, w io.Writer) (*result, error) {
	if o.epochs < 1 {
		return nil, fmt.Errorf("vaemlx: epochs %d < 1", o.epochs)
	}
	if _, err := estimator(o.estimator, 1); err != nil || o.estimator == "onehot" {
		return nil, fmt.Errorf("vaemlx: unknown estimator %q (have gs, st, reinmax, rao)", o.estimator)
	}
	dir, err := mnist.Dir(o.mnist)
	if err != nil {
		return nil, err
	}
	trainSet, testSet, err := loadOnce(dir)
	if err != nil {
		return nil, err
	}
	if o.short {
		trainSet, testSet = trainSet.Subset(300), testSet.Subset(200)
	}
	be, err := simplego.New(o.simplego)
	if err != nil {
		return nil, err
	}
	defer be.Finalize()

	c := paperConfig()
	ps := initParams(c, o.seed)
	np := len(ps)
	ms, vs := zerosLike(ps), zerosLike(ps)
	rng, err := graph.RNGStateFromSeed(int64(o.seed))
	if err != nil {
		return nil, err
	}
	evalExec := graph.MustNewExec(be, evalStep(c, np))
	defer evalExec.Finalize()
	sched := gumbel.PaperSchedule()
	order := rand.New(rand.NewPCG(o.seed, 2))

	fmt.Fprintf(w, "# categorical VAE in GoMLX (simplego), estimator=%s seed=%d lr=%g batch=%d latents=%dx%d train=%d test=%d builtin-grad=%v\n",
		o.estimator, o.seed, o.lr, c.batch, c.N, c.K, trainSet.N, testSet.N, builtinGrad)
	fmt.Fprintf(w, "# epoch  step   train-nelbo  test-nelbo(onehot)  test-recon  test-KL   tau     sec   ms/step  cum-sec\n")
	t0 := time.Now()
	recon, kl, err := evaluate(evalExec, c, ps, testSet, o.seed)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "%7d %6d %12.2f %19.2f %11.2f %8.2f %6.3f %7.1f %8s %8.1f\n", 0, 0, recon+kl, recon+kl, recon, kl, sched.Tau(0), 0.0, "", 0.0)

	res := &result{}
	var (
		exec     *graph.Exec
		execTau  float64
		compiled bool
	)
	defer func() {
		if exec != nil {
			exec.Finalize()
		}
	}()
	step := 0
	perm := make([]int, trainSet.N)
	batches := trainSet.N / c.batch
	xbuf := make([]float64, c.batch*pixels)
	for epoch := 1; epoch <= o.epochs; epoch++ {
		start := time.Now()
		for i := range perm {
			perm[i] = i
		}
		order.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		var sum, tau float64
		for b := 0; b < batches; b++ {
			tau = sched.Tau(step)
			if exec == nil || tau != execTau {
				// The estimators take tau as a constant of the graph: a
				// new graph every 1000 steps.
				if exec != nil {
					exec.Finalize()
				}
				s, _ := estimator(o.estimator, tau)
				exec, execTau, compiled = graph.MustNewExec(be, trainStep(c, np, s)), tau, false
			}
			t := float64(step + 1)
			lr := o.lr * math.Sqrt(1-math.Pow(beta2, t)) / (1 - math.Pow(beta1, t))
			x := batch(xbuf, trainSet, perm[b*c.batch:(b+1)*c.batch])
			in := append(append(append(append([]*tensors.Tensor{}, ps...), ms...), vs...), scalar(lr), rng, x)
			t1 := time.Now()
			out, err := exec.Exec(in)
			if err != nil {
				return nil, err
			}
			if !compiled {
				fmt.Fprintf(w, "# step %d: a new training graph for tau = %.4g; its first step, with the compilation, took %.2f s\n",
					step, tau, time.Since(t1).Seconds())
				compiled = true
			}
			ps, ms, vs = out[:np], out[np:2*np], out[2*np:3*np]
			rng = out[3*np]
			loss := tensors.ToScalar[float64](out[3*np+1])
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return res, fmt.Errorf("vaemlx: step %d: loss %v", step, loss)
			}
			res.losses = append(res.losses, loss)
			sum += loss
			step++
		}
		trainSec := time.Since(start).Seconds()
		recon, kl, err := evaluate(evalExec, c, ps, testSet, o.seed)
		if err != nil {
			return nil, err
		}
		res.test = recon + kl
		fmt.Fprintf(w, "%7d %6d %12.2f %19.2f %11.2f %8.2f %6.3f %7.1f %8.0f %8.1f\n", epoch, step, sum/float64(batches),
			recon+kl, recon, kl, tau, time.Since(start).Seconds(), 1000*trainSec/float64(batches), time.Since(t0).Seconds())
	}
	fmt.Fprintf(w, "# final: estimator=%s epochs=%d steps=%d test -ELBO (one-hot) = %.2f  minutes = %.1f\n",
		o.estimator, o.epochs, step, res.test, time.Since(t0).Minutes())
	return res, nil
}

// loaded keeps the data sets of the last loadOnce call (the test trains
// several times).
var loaded struct {
	dir         string
	train, test *dataset
}

// loadOnce returns the training and test sets of mnist.Load(dir), read only
// once per directory.
func loadOnce(dir string) (train, test *dataset, err error) {
	if loaded.train == nil || loaded.dir != dir {
		if loaded.train, _, loaded.test, err = mnist.Load(dir); err != nil {
			loaded.train = nil
			return nil, nil, err
		}
		loaded.dir = dir
	}
	return loaded.train, loaded.test, nil
}

// batch copies the images idx of d into buf as 0/1 floats and returns it as
// an [n, 784] tensor.
func batch(buf []float64, d *dataset, idx []int) *tensors.Tensor {
	for j, i := range idx {
		row := buf[j*pixels : (j+1)*pixels]
		for k, v := range d.Image(i) {
			row[k] = float64(v)
		}
	}
	return tensors.FromFlatDataAndDimensions(buf, len(idx), pixels)
}

// evaluate returns the per-image means of the reconstruction term and the KL
// on d with one one-hot latent sample per image, drawn from a random state
// seeded afresh, so that the same weights always give the same number. A
// final partial batch is dropped.
func evaluate(e *graph.Exec, c config, ps []*tensors.Tensor, d *dataset, seed uint64) (recon, kl float64, err error) {
	rng, err := graph.RNGStateFromSeed(int64(seed) + 3)
	if err != nil {
		return 0, 0, err
	}
	buf := make([]float64, c.batch*pixels)
	idx := make([]int, c.batch)
	batches := d.N / c.batch
	for b := 0; b < batches; b++ {
		for i := range idx {
			idx[i] = b*c.batch + i
		}
		out, err := e.Exec(append(append([]*tensors.Tensor{}, ps...), rng, batch(buf, d, idx)))
		if err != nil {
			return 0, 0, err
		}
		rng = out[0]
		recon += tensors.ToScalar[float64](out[1])
		kl += tensors.ToScalar[float64](out[2])
	}
	n := float64(batches * c.batch)
	return recon / n, kl / n, nil
}
