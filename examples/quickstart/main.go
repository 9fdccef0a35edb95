// Command quickstart shows every main entry point of package gumbel on a
// small categorical distribution, with a fixed seed so that its output is
// reproducible.
package main

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/seed06c76d7c/gumbel"
)

func main() {
	// A categorical over 4 classes; class 3 is masked out with -Inf.
	logits := []float64{math.Log(0.5), math.Log(0.3), math.Log(0.2), math.Inf(-1)}
	g := gumbel.NewSeeded(1, 2) // reproducible: same seed, same numbers, every platform

	fmt.Println("p = softmax(logits):", fmtVec(gumbel.SoftmaxTo(nil, logits)))

	// Gumbel noise.
	fmt.Println("Gumbel(0,1) noise:  ", fmtVec(g.SampleGumbel(make([]float64, 4))))

	// Exact categorical sampling: by the Gumbel-max trick (one Gumbel per
	// logit), and by inverting the CDF (one random number per draw).
	const n = 100000
	for _, s := range []struct {
		name   string
		sample func([]float64) int
	}{{"Gumbel-max freq:    ", g.GumbelMax}, {"Categorical freq:   ", g.Categorical}} {
		counts := make([]int, len(logits))
		for i := 0; i < n; i++ {
			counts[s.sample(logits)]++
		}
		freq := make([]float64, len(counts))
		for i, c := range counts {
			freq[i] = float64(c) / n
		}
		fmt.Println(s.name, fmtVec(freq))
	}

	// Relaxed samples: one-hot-like at low tau, near-uniform at high tau.
	for _, tau := range []float64{0.1, 1, 10} {
		y := g.GumbelSoftmax(mat.NewVecDense(4, logits), tau, false)
		fmt.Printf("soft sample tau=%-4v %s\n", tau, fmtVec(y.RawVector().Data))
	}
	fmt.Println("hard sample:        ", fmtVec(g.GumbelSoftmaxTo(nil, logits, 0.5, true)))

	// Log-space (ExpConcrete) sample and its exact log-density.
	x := g.LogGumbelSoftmaxTo(nil, logits, 0.1)
	fmt.Println("log-space sample:   ", fmtVec(x))
	fmt.Printf("ExpConcrete log p(x) = %.4f\n", gumbel.ExpConcrete{Logits: logits, Tau: 0.1}.LogProb(x))

	// Straight-through: forward one-hot, backward through the soft sample.
	st := g.StraightThroughTo(nil, logits, 0.5)
	upstream := []float64{1, -1, 0.5, 2} // dLoss/dy at the one-hot forward value
	fmt.Println("ST forward (hard):  ", fmtVec(st.Hard), "index", st.Index)
	fmt.Println("ST soft:            ", fmtVec(st.Soft))
	fmt.Println("ST dLoss/dlogits:   ", fmtVec(st.VJP(nil, upstream)))
	fmt.Printf("ST dLoss/dtau = %.4f\n", st.TauVJP(upstream))

	// Relaxed Bernoulli (binary Concrete).
	b := g.RelaxedBernoulliST(0.4, 0.5)
	fmt.Printf("relaxed Bernoulli: hard %v soft %.4f dy/dlogit %.4f\n", b.Hard, b.Soft, b.VJP(1))

	// Temperature annealing, as in the paper: max(0.5, exp(-3e-5 t)) every 1000 steps.
	s := gumbel.PaperSchedule()
	for _, step := range []int{0, 999, 1000, 10000, 50000} {
		fmt.Printf("tau(step %5d) = %.4f\n", step, s.Tau(step))
	}
}

func fmtVec(v []float64) string {
	s := "["
	for i, x := range v {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%8.4f", x)
	}
	return s + "]"
}
