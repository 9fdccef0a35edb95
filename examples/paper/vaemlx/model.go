// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//lint:file-ignore ST1001 the dot import of graph is GoMLX's own style for graph code

package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive // GoMLX's own style for graph code
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/core/tensors"

	gumbelmlx "github.com/seed06c76d7c/gumbel/gomlx"
)

// config is the shape of the categorical VAE.
type config struct {
	N, K   int   // latent categorical variables, classes each
	encHid []int // encoder hidden sizes
	decHid []int // decoder hidden sizes
	batch  int
}

// paperConfig is the authors' notebook: 30 × 10 latents, encoder
// 784-512-256-300, decoder 300-256-512-784, batch 100.
func paperConfig() config {
	return config{N: 30, K: 10, encHid: []int{512, 256}, decHid: []int{256, 512}, batch: 100}
}

// layerSizes returns the [in, out] sizes of the encoder's layers followed by
// the decoder's.
func (c config) layerSizes() (enc, dec [][2]int) {
	NK := c.N * c.K
	chain := func(sizes []int) [][2]int {
		var l [][2]int
		for i := 1; i < len(sizes); i++ {
			l = append(l, [2]int{sizes[i-1], sizes[i]})
		}
		return l
	}
	enc = chain(append(append([]int{pixels}, c.encHid...), NK))
	dec = chain(append(append([]int{NK}, c.decHid...), pixels))
	return enc, dec
}

// initParams returns the weights and biases, W [in, out] then b [1, out] for
// every layer, encoder first: Glorot-uniform weights drawn from
// PCG(seed, 0x5eed) in the order and layout of the gonum example (so both
// start from the same network) and zero biases.
func initParams(c config, seed uint64) []*tensors.Tensor {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	enc, dec := c.layerSizes()
	var ps []*tensors.Tensor
	for _, l := range append(enc, dec...) {
		in, out := l[0], l[1]
		limit := math.Sqrt(6 / float64(in+out))
		w := make([]float64, in*out)
		for i := range w {
			w[i] = (2*rng.Float64() - 1) * limit
		}
		ps = append(ps, tensors.FromFlatDataAndDimensions(w, in, out),
			tensors.FromFlatDataAndDimensions(make([]float64, out), 1, out))
	}
	return ps
}

// zerosLike returns zero tensors of the shapes of ps (the Adam moments).
func zerosLike(ps []*tensors.Tensor) []*tensors.Tensor {
	z := make([]*tensors.Tensor, len(ps))
	for i, p := range ps {
		z[i] = tensors.FromShape(p.Shape())
	}
	return z
}

// builtinGrad makes dense use GoMLX's own gradient of Dot (flag
// -builtin-grad), for comparison.
var builtinGrad bool

// dense returns x w + b for x [n, in], w [in, out], b [1, out], with the
// backward pass dx = dy wᵀ, dw = xᵀ dy written as two DotGenerals.
//
// GoMLX's own gradient of Dot broadcasts dy to [n, in, out] and reduces it,
// which on the simplego backend costs a 784 × 512 × 100 array per layer;
// these two products compute the same numbers without it (TestDense
// compares them). The product itself is taken of StopGradient(x) and
// StopGradient(w); the gradient reaches x and w through two terms of value
// zero, sum(px - StopGradient(px)) for px the identity of x (of w) with the
// custom gradient. Their custom gradients read dy, the gradient arriving at
// the product, which an identity on the product records: the reverse pass
// visits the product before x and w, since it consumes them.
func dense(x, w, b *Node) *Node {
	if builtinGrad {
		return Add(Dot(x, w), b)
	}
	var dy *Node
	px := IdentityWithCustomGradient(x, func(_, _ *Node) *Node {
		return DotGeneral(dy, []int{1}, nil, StopGradient(w), []int{1}, nil) // [n, in]
	})
	pw := IdentityWithCustomGradient(w, func(_, _ *Node) *Node {
		return DotGeneral(StopGradient(x), []int{0}, nil, dy, []int{0}, nil) // [in, out]
	})
	zero := Add(ReduceAllSum(Sub(px, StopGradient(px))), ReduceAllSum(Sub(pw, StopGradient(pw))))
	y := Add(Dot(StopGradient(x), StopGradient(w)), zero)
	y = IdentityWithCustomGradient(y, func(_, v *Node) *Node {
		dy = v
		return v
	})
	return Add(y, b)
}

// mlp applies the layers ps (W, b pairs) to x with ReLU between them and a
// linear last layer.
func mlp(x *Node, ps []*Node) *Node {
	for i := 0; i < len(ps); i += 2 {
		x = dense(x, ps[i], ps[i+1])
		if i+2 < len(ps) {
			x = MaxScalar(x, 0.0)
		}
	}
	return x
}

// sampler turns the encoder's logits ([n·N, K]) into the decoder's input,
// drawing its noise from the random state rng; it returns the new state.
type sampler func(rng, logits *Node) (newRNG, z *Node)

// raoM is the number of conditional draws of the rao estimator (-rao-m).
var raoM = 10

// estimator returns the sampler of the -estimator flag at temperature tau,
// built from the gumbelmlx graph functions.
func estimator(name string, tau float64) (sampler, error) {
	gumbelMax := func(rng, logits *Node) (*Node, *Node, *Node) {
		rng, g := gumbelmlx.GumbelNoise(rng, logits.Shape())
		k := logits.Shape().Dimensions[1]
		hard := StopGradient(OneHot(ArgMax(Add(logits, g), -1), k, logits.DType()))
		return rng, g, hard
	}
	switch name {
	case "gs": // Jang et al. 2017 §2: z = softmax((l+G)/tau)
		return func(rng, logits *Node) (*Node, *Node) {
			rng, g := gumbelmlx.GumbelNoise(rng, logits.Shape())
			return rng, gumbelmlx.GumbelSoftmax(logits, g, tau)
		}, nil
	case "st": // Jang et al. 2017 §2.2: one-hot forward, soft backward
		return func(rng, logits *Node) (*Node, *Node) {
			rng, g := gumbelmlx.GumbelNoise(rng, logits.Shape())
			return rng, gumbelmlx.StraightThrough(logits, g, tau)
		}, nil
	case "reinmax": // Liu et al. 2023, at max(tau, 1) as its authors require
		return func(rng, logits *Node) (*Node, *Node) {
			rng, g := gumbelmlx.GumbelNoise(rng, logits.Shape())
			return rng, gumbelmlx.ReinMax(logits, g, max(tau, 1))
		}, nil
	case "rao": // Paulus et al. 2021, raoM conditional draws
		return func(rng, logits *Node) (*Node, *Node) {
			rng, _, hard := gumbelMax(rng, logits)
			dims := append([]int{raoM}, logits.Shape().Dimensions...)
			rng, e := gumbelmlx.ExponentialNoise(rng, shapes.Make(logits.DType(), dims...))
			return rng, gumbelmlx.GumbelRao(logits, hard, e, tau)
		}, nil
	case "onehot": // the evaluation: a one-hot Gumbel-max sample, no gradient
		return func(rng, logits *Node) (*Node, *Node) {
			rng, _, hard := gumbelMax(rng, logits)
			return rng, hard
		}, nil
	}
	return nil, fmt.Errorf("vaemlx: unknown estimator %q (have gs, st, reinmax, rao)", name)
}

// negELBO returns the batch sums of the two terms of the negative ELBO,
//
//	-ELBO(x) = -E_q[log p(x|z)] + KL(q(z|x) || uniform),
//
// with one sample of z per image: the Bernoulli term
// sum_j softplus(l_j) - x_j l_j of the decoder's logits l, and the KL in
// closed form, sum_i q_i (log q_i + log K) over the N latent variables.
func negELBO(c config, ps []*Node, x, rng *Node, s sampler) (newRNG, recon, kl *Node) {
	nEnc := 2 * (len(c.encHid) + 1)
	n := x.Shape().Dimensions[0]
	logits := Reshape(mlp(x, ps[:nEnc]), n*c.N, c.K)
	logq := LogSoftmax(logits, -1)
	kl = ReduceAllSum(Mul(Exp(logq), AddScalar(logq, math.Log(float64(c.K)))))
	rng, z := s(rng, logits)
	l := mlp(Reshape(z, n, c.N*c.K), ps[nEnc:])
	// softplus(l) = max(l, 0) + log1p(exp(-|l|)), finite for every l.
	recon = ReduceAllSum(Sub(Add(MaxScalar(l, 0.0), Log1p(Exp(Neg(Abs(l))))), Mul(x, l)))
	return rng, recon, kl
}

// Adam's constants (Kingma & Ba 2015, the usual ones).
const beta1, beta2, adamEps = 0.9, 0.999, 1e-8

// trainStep returns the graph function of one training step. Its inputs are
// the parameters, Adam's first and second moments (np each), the
// bias-corrected learning rate lr sqrt(1-beta2^t)/(1-beta1^t), the random
// state and the batch [n, 784]; its outputs the new parameters and moments,
// the new random state and the batch mean of the negative ELBO.
func trainStep(c config, np int, s sampler) func([]*Node) []*Node {
	return func(in []*Node) []*Node {
		ps, ms, vs := in[:np], in[np:2*np], in[2*np:3*np]
		lr, rng, x := in[3*np], in[3*np+1], in[3*np+2]
		n := float64(x.Shape().Dimensions[0])
		rng, recon, kl := negELBO(c, ps, x, rng, s)
		loss := DivScalar(Add(recon, kl), n)
		grads := Gradient(loss, ps...)
		out := make([]*Node, 3*np, 3*np+2)
		for i, g := range grads {
			m := Add(MulScalar(ms[i], beta1), MulScalar(g, 1-beta1))
			v := Add(MulScalar(vs[i], beta2), MulScalar(Mul(g, g), 1-beta2))
			out[i] = Sub(ps[i], Mul(lr, Div(m, AddScalar(Sqrt(v), adamEps))))
			out[np+i], out[2*np+i] = m, v
		}
		return append(out, rng, loss)
	}
}

// evalStep returns the graph function of the evaluation of one batch: inputs
// the parameters, the random state and the batch, outputs the new state and
// the batch sums of the reconstruction term and the KL with one-hot latent
// samples (Table 1 of the paper).
func evalStep(c config, np int) func([]*Node) []*Node {
	s, _ := estimator("onehot", 1)
	return func(in []*Node) []*Node {
		rng, recon, kl := negELBO(c, in[:np], in[np+1], in[np], s)
		return []*Node{rng, recon, kl}
	}
}

// scalar returns a float64 scalar tensor.
func scalar(v float64) *tensors.Tensor { return tensors.FromScalar(v) }
