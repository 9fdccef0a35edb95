// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"flag"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// go test -run FastMath -fastmath.n 10000000 checks 10^7 inputs per range.
var fastmathN = flag.Int("fastmath.n", 1000000, "random inputs per range in the fastLog/fastExp accuracy tests (10^5 with -short)")

func accuracyN() int {
	if testing.Short() {
		return 100000
	}
	return *fastmathN
}

// ulps returns the distance in units in the last place between a and b,
// counting the representable numbers between them. Values that are not
// finite and non-zero must match exactly (NaN matching NaN).
func ulps(a, b float64) float64 {
	if a == b || (a != a && b != b) {
		return 0
	}
	if a != a || b != b || math.IsInf(a, 0) || math.IsInf(b, 0) || a == 0 || b == 0 {
		return math.Inf(1)
	}
	ord := func(x float64) int64 {
		i := int64(math.Float64bits(x))
		if i < 0 {
			i = math.MinInt64 - i
		}
		return i
	}
	d := ord(a) - ord(b)
	if d < 0 {
		d = -d
	}
	return float64(d)
}

// math.Log and math.Exp are assembly on amd64, and there they are not
// exact everywhere: math.Log of a subnormal is off by up to a few units in
// the first decimal (it reads the exponent field as if the number were
// normal), and math.Exp returns +Inf from about 709.4 on, below the true
// overflow threshold 709.78. There the reference is computed with math/big
// at 128 bits: refLog and refExp use math.Log and math.Exp elsewhere.

const refPrec = 128

// bigLog1p returns log(m) for m in [0.5, 2] from the series
// 2 atanh(s) = 2 sum s^(2j+1)/(2j+1), s = (m-1)/(m+1), |s| <= 1/3.
func bigLog(m *big.Float) *big.Float {
	one := new(big.Float).SetPrec(refPrec).SetInt64(1)
	num := new(big.Float).SetPrec(refPrec).Sub(m, one)
	den := new(big.Float).SetPrec(refPrec).Add(m, one)
	s := new(big.Float).SetPrec(refPrec).Quo(num, den)
	s2 := new(big.Float).SetPrec(refPrec).Mul(s, s)
	sum := new(big.Float).SetPrec(refPrec)
	pow := new(big.Float).SetPrec(refPrec).Set(s)
	for j := 0; j < 90; j++ {
		term := new(big.Float).SetPrec(refPrec).Quo(pow, new(big.Float).SetInt64(int64(2*j+1)))
		sum.Add(sum, term)
		pow.Mul(pow, s2)
	}
	return sum.Mul(sum, new(big.Float).SetInt64(2))
}

var bigLn2 = bigLog(new(big.Float).SetPrec(refPrec).SetInt64(2))

// refLog returns log(x) correctly rounded for a subnormal x, else math.Log.
func refLog(x float64) float64 {
	if !(x > 0 && x < 0x1p-1022) {
		return math.Log(x)
	}
	m := new(big.Float).SetPrec(refPrec).SetFloat64(x)
	e := m.MantExp(m) // x = m 2^e, m in [0.5, 1)
	l := bigLog(m)
	k := new(big.Float).SetPrec(refPrec).Mul(bigLn2, new(big.Float).SetInt64(int64(e)))
	f, _ := l.Add(l, k).Float64()
	return f
}

// bigExp returns exp(x) correctly rounded, for finite x, from
// exp(x) = 2^k exp(r), r = x - k ln2, and the Taylor series of exp(r).
func bigExp(x float64) float64 {
	k := math.Round(x / math.Ln2)
	r := new(big.Float).SetPrec(refPrec).SetFloat64(x)
	r.Sub(r, new(big.Float).SetPrec(refPrec).Mul(bigLn2, new(big.Float).SetFloat64(k)))
	sum := new(big.Float).SetPrec(refPrec).SetInt64(1)
	term := new(big.Float).SetPrec(refPrec).SetInt64(1)
	for j := 1; j < 60; j++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetInt64(int64(j)))
		sum.Add(sum, term)
	}
	sum.SetMantExp(sum, int(k))
	f, _ := sum.Float64()
	return f
}

// refExp returns exp(x) correctly rounded for x in [709, 709.8], else math.Exp.
func refExp(x float64) float64 {
	if !(x >= 709 && x <= 709.8) {
		return math.Exp(x)
	}
	return bigExp(x)
}

// Edge inputs of log and exp: zeros, subnormals, the normal boundary, the
// overflow and underflow thresholds of exp (from e_exp.c: o_threshold
// 7.09782712893383973096e+02, u_threshold -7.45133219101941108420e+02),
// the clamp bounds, the ends of the uniform range, infinities and NaN.
var fastmathEdges = []float64{
	0, math.Copysign(0, -1), 5e-324, 1e-320, 0x1p-1023, 0x1p-1022 - 5e-324, 0x1p-1022, 0x1p-1022 + 5e-324,
	0x1p-53, 1 - 0x1p-53, 0x1p-52, 0.5, 1, 1 + 0x1p-52, 2, math.Sqrt2, math.Sqrt2 / 2, math.E, 10, 36.7,
	1e-300, 1e300, math.MaxFloat64, math.SmallestNonzeroFloat64,
	7.09782712893383973096e+02, math.Nextafter(7.09782712893383973096e+02, 0), 709, 709.5, 710, 711, 1000,
	-7.45133219101941108420e+02, math.Nextafter(-7.45133219101941108420e+02, 0), -708.39, -708.4, -709, -720,
	-740, -745, -745.2, -746, -747, -1000,
	-0x1p-1074, -1, -math.MaxFloat64, 1e-17, -1e-17, 0x1p-30, -0x1p-30,
	math.Inf(1), math.Inf(-1), math.NaN(),
}

// checkULP compares f against ref on x and tracks the worst error.
type ulpStat struct {
	name  string
	worst float64
	at    float64
	n     int
	sum   float64

	truth  func(float64) float64 // the correctly rounded value, if known
	refOff int                   // inputs where the reference was > 2 ulp off
}

func (s *ulpStat) add(t *testing.T, x, got, want float64) {
	u := ulps(got, want)
	s.n++
	s.sum += u
	if u > s.worst {
		s.worst, s.at = u, x
	}
	if u > 2 && s.truth != nil {
		// math.Exp itself can be 2 ulp off (amd64 assembly), or round a
		// result near 2^-1075 to 0 (the pure-Go math.Exp of arm64 and
		// other architectures): then require 1 ulp from the correctly
		// rounded value.
		s.refOff++
		if ut := ulps(got, s.truth(x)); ut <= 1 {
			return
		}
	}
	if u > 2 {
		t.Errorf("%s(%v) = %v, want %v (%v ulp)", s.name, x, got, want, u)
	}
}

func (s *ulpStat) report(t *testing.T) {
	t.Logf("%s: %d inputs, max %v ulp (at %v), mean %.4f ulp from the reference; %d where it was > 2 ulp off and the exact value was used",
		s.name, s.n, s.worst, s.at, s.sum/float64(s.n), s.refOff)
}

func TestFastLogAccuracy(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 1))
	n := accuracyN()
	ranges := []struct {
		name string
		gen  func() float64
	}{
		// Any positive float64: the bits of a random non-negative int64.
		{"log/all", func() float64 { return math.Float64frombits(r.Uint64() >> 1) }},
		// The inputs of the hot paths: U in (0, 1) and E = -log U in (0, 37).
		{"log/(0,1)", func() float64 { return uniformOpen(r.Uint64()) }},
		{"log/(0,40)", func() float64 { return 40 * uniformOpen(r.Uint64()) }},
		{"log/subnormal", func() float64 { return math.Float64frombits(r.Uint64() >> 12) }},
	}
	for _, rg := range ranges {
		s := ulpStat{name: rg.name}
		m := n
		if rg.name == "log/subnormal" {
			m = n / 100 // the math/big reference is slow
		}
		for i := 0; i < m; i++ {
			x := rg.gen()
			if math.IsInf(x, 0) || math.IsNaN(x) {
				continue
			}
			s.add(t, x, fastLog(x), refLog(x))
		}
		s.report(t)
	}
	s := ulpStat{name: "log/edges"}
	for _, x := range fastmathEdges {
		s.add(t, x, fastLog(x), refLog(x))
	}
	s.report(t)
}

func TestFastExpAccuracy(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(2, 2))
	n := accuracyN()
	ranges := []struct {
		name string
		gen  func() float64
	}{
		// Every argument whose result is neither 0 nor +Inf, and a margin.
		{"exp/[-750,712]", func() float64 { return -750 + 1462*uniformOpen(r.Uint64()) }},
		{"exp/[709,709.8]", func() float64 { return 709 + 0.8*uniformOpen(r.Uint64()) }},
		// The hot path: (s - max)/tau <= 0.
		{"exp/[-40,0]", func() float64 { return -40 * uniformOpen(r.Uint64()) }},
		{"exp/subnormal results", func() float64 { return -708.4 - 37*uniformOpen(r.Uint64()) }},
		{"exp/tiny", func() float64 { return math.Ldexp(2*uniformOpen(r.Uint64())-1, -r.IntN(1075)) }},
		// Any float64 at all.
		{"exp/all", func() float64 { return math.Float64frombits(r.Uint64()) }},
	}
	for _, rg := range ranges {
		s := ulpStat{name: rg.name, truth: bigExp}
		m := n
		if rg.name == "exp/[709,709.8]" {
			m = n / 100 // the math/big reference is slow
		}
		for i := 0; i < m; i++ {
			x := rg.gen()
			s.add(t, x, fastExp(x), refExp(x))
		}
		s.report(t)
	}
	s := ulpStat{name: "exp/edges", truth: bigExp}
	for _, x := range fastmathEdges {
		s.add(t, x, fastExp(x), refExp(x))
		s.add(t, -x, fastExp(-x), refExp(-x))
	}
	s.report(t)
}

// kernelInputs returns n inputs mixing ordinary values with every edge.
func kernelInputs(r *rand.Rand, n int, scale float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		if r.IntN(8) == 0 {
			x[i] = fastmathEdges[r.IntN(len(fastmathEdges))]
		} else {
			x[i] = scale * (r.Float64() - 0.25)
		}
	}
	return x
}

// guarded returns a slice of length n inside a larger one whose other cells
// hold NaN with a payload, as gonum's internal/asm tests do, and a check that
// they were left alone.
func guarded(t *testing.T, n int) ([]float64, func()) {
	const pad = 5
	guard := math.Float64frombits(0x7ff8dead0000beef)
	buf := make([]float64, n+2*pad)
	for i := range buf {
		buf[i] = guard
	}
	return buf[pad : pad+n], func() {
		t.Helper()
		for i, v := range buf {
			if (i < pad || i >= pad+n) && math.Float64bits(v) != math.Float64bits(guard) {
				t.Fatalf("n=%d: guard cell %d overwritten with %v", n, i, v)
			}
		}
	}
}

// TestSliceKernelsMatchScalar checks that the slice kernels (assembly unless
// built with -tags noasm) give the bits of the scalar functions and the
// pure-Go twins, for every
// length up to 40 (every tail) and a long one, in place and not.
func TestSliceKernelsMatchScalar(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 3))
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b) }
	for _, n := range append([]int{1000, 1003}, seq(41)...) {
		for rep := 0; rep < 20; rep++ {
			// Random bits, with the extremes of the uniform range.
			bits := make([]uint64, n)
			dst, check := guarded(t, n)
			for i := range bits {
				switch r.IntN(8) {
				case 0:
					bits[i] = 0
				case 1:
					bits[i] = math.MaxUint64
				case 2:
					bits[i] = r.Uint64() >> (1 + r.IntN(63)) // small uniforms
				default:
					bits[i] = r.Uint64()
				}
				dst[i] = math.Float64frombits(bits[i])
			}
			gumbelsBody(dst)
			check()
			for i, b := range bits {
				if want := gumbelFromBits(b); !same(dst[i], want) {
					t.Fatalf("gumbelsBody n=%d: [%d] = G(%#x) = %v, want %v", n, i, b, dst[i], want)
				}
			}

			// Every edge; then exponents in the range where the kernel scales
			// by one exponent addition, and around its edges (k = -1021,
			// -1022: x near -708; k = 1023, 1024: x near 709.4).
			for _, in := range [][3]float64{{1500, 1000, 0}, {300, 0, 1}, {-708, 1, 1}, {709.4, 1, 1}} {
				var x []float64
				shift, scale := in[1]*(r.Float64()-0.5), 1/(0.01+r.Float64())
				if in[2] == 0 {
					x = kernelInputs(r, n, in[0])
				} else {
					x = make([]float64, n)
					for i := range x {
						x[i] = in[0] + in[1]*(2*r.Float64()-1)
						if in[0] == 300 {
							x[i] = in[0] * (2*r.Float64() - 1)
						}
					}
					shift, scale = 0, 1
				}
				dst, check = guarded(t, n)
				sum := expSumTo(dst, x, shift, scale)
				check()
				var p [4]float64
				for i := range x {
					want := fastExp((x[i] - shift) * scale)
					if !same(dst[i], want) {
						t.Fatalf("expSumTo n=%d: [%d] = exp((%v-%v)*%v) = %v, want %v", n, i, x[i], shift, scale, dst[i], want)
					}
					p[i%4] += want
				}
				if want := (p[0] + p[1]) + (p[2] + p[3]); !same(sum, want) {
					t.Fatalf("expSumTo n=%d: sum %v, want %v", n, sum, want)
				}
			}

			l, gs := kernelInputs(r, n, 10), kernelInputs(r, n, 10)
			if rep%2 == 0 { // mostly valid logits, with ties and masks
				for i := range l {
					l[i] = math.Round(4 * r.NormFloat64())
					if r.IntN(10) == 0 {
						l[i] = math.Inf(-1)
					}
					gs[i] = 0
				}
			}
			// The reference: a plain loop, the first index of the maximum.
			want := make([]float64, n)
			wm, warg, wbad := math.Inf(-1), -1, false
			c := [3]float64{0, 3, -1e300}[rep%3] // the shift
			for i, v := range l {
				want[i] = float64(v-c) + gs[i]
				if want[i] > wm {
					wm, warg = want[i], i
				}
				wbad = wbad || v != v || v > math.MaxFloat64
			}
			dst, check = guarded(t, n)
			m, arg, bad := perturbBody(dst, l, gs, c)
			check()
			for i := range want {
				if !same(dst[i], want[i]) {
					t.Fatalf("perturbBody n=%d: [%d] = %v, want %v", n, i, dst[i], want[i])
				}
			}
			if m != wm || arg != warg || bad != wbad {
				t.Fatalf("perturbBody n=%d: max %v at %d bad %v, want %v at %d %v", n, m, arg, bad, wm, warg, wbad)
			}
			if m, arg, bad := perturbBody(nil, l, gs, c); m != wm || arg != warg || bad != wbad {
				t.Fatalf("perturbBody(nil) n=%d: max %v at %d bad %v, want %v at %d %v", n, m, arg, bad, wm, warg, wbad)
			}
			if m, arg, bad := perturbGo(nil, l, gs, c); m != wm || arg != warg || bad != wbad {
				t.Fatalf("perturbGo(nil) n=%d: max %v at %d bad %v, want %v at %d %v", n, m, arg, bad, wm, warg, wbad)
			}
			m, bad = maxBody(l)
			wmax, wbad := maxGo(l)
			if m != wmax || bad != wbad {
				t.Fatalf("maxBody n=%d: max %v bad %v, want %v %v", n, m, bad, wmax, wbad)
			}

			y, gr := kernelInputs(r, n, 1), kernelInputs(r, n, 3)
			inv := 1 / (0.01 + r.Float64())
			dst, check = guarded(t, n)
			vjpBody(dst, y, gr, inv)
			check()
			vjpGo(want, y, gr, inv)
			for i := range want {
				if !same(dst[i], want[i]) {
					t.Fatalf("vjpBody n=%d: [%d] = %v, want %v", n, i, dst[i], want[i])
				}
			}
			vjpBody(gr, y, gr, inv) // in place
			for i := range want {
				if !same(gr[i], want[i]) {
					t.Fatalf("vjpBody in place n=%d: [%d] = %v, want %v", n, i, gr[i], want[i])
				}
			}
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestFastExpLogExact checks fastExp and fastLog against the correctly
// rounded values from math/big: within 1 ulp (fdlibm's bound for log, and
// the exp kernel's), where the comparisons with math.Exp above allow 2
// (math.Exp is 1 ulp off itself).
func TestFastExpLogExact(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	n := 5000
	if testing.Short() {
		n = 500
	}
	e := ulpStat{name: "exp vs exact"}
	l := ulpStat{name: "log vs exact"}
	for i := 0; i < n; i++ {
		x := -745 + 1454*uniformOpen(r.Uint64())
		ex := bigExp(x)
		if u := ulps(fastExp(x), ex); u > 1 {
			t.Errorf("fastExp(%v) = %v, exact %v: %v ulp", x, fastExp(x), ex, u)
		}
		e.add(t, x, fastExp(x), ex)
		y := math.Float64frombits(r.Uint64() >> 1)
		if math.IsInf(y, 0) || math.IsNaN(y) || y == 0 {
			continue
		}
		m := new(big.Float).SetPrec(refPrec).SetFloat64(y)
		k := m.MantExp(m)
		lm := bigLog(m)
		want, _ := lm.Add(lm, new(big.Float).SetPrec(refPrec).Mul(bigLn2, new(big.Float).SetInt64(int64(k)))).Float64()
		if u := ulps(fastLog(y), want); u > 1 {
			t.Errorf("fastLog(%v) = %v, exact %v: %v ulp", y, fastLog(y), want, u)
		}
		l.add(t, y, fastLog(y), want)
	}
	e.report(t)
	l.report(t)
}

func TestFastLog1pAccuracy(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 3))
	n := accuracyN()
	ranges := []struct {
		name string
		gen  func() float64
	}{
		{"log1p/(-1,0)", func() float64 { return -uniformOpen(r.Uint64()) }},
		{"log1p/(-1e-8,1e-8)", func() float64 { return 2e-8 * (uniformOpen(r.Uint64()) - 0.5) }},
		{"log1p/(0,1)", func() float64 { return uniformOpen(r.Uint64()) }},
		{"log1p/(0,1e300]", func() float64 { return math.Float64frombits(r.Uint64()>>1) + 0 }},
	}
	for _, rg := range ranges {
		s := ulpStat{name: rg.name}
		for i := 0; i < n; i++ {
			x := rg.gen()
			if math.IsInf(x, 0) || math.IsNaN(x) || x > 1e300 {
				continue
			}
			s.add(t, x, fastLog1p(x), math.Log1p(x))
		}
		s.report(t)
	}
	s := ulpStat{name: "log1p/edges"}
	for _, x := range append([]float64{-1, -1 + 0x1p-53, 1e-300, -1e-300, -0.5, 0x1p-54, -0x1p-54}, fastmathEdges...) {
		s.add(t, x, fastLog1p(x), math.Log1p(x))
	}
	s.report(t)
}

func TestLgammaInt(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	s := ulpStat{name: "lgammaInt"}
	check := func(k int) {
		want, _ := math.Lgamma(float64(k))
		got := lgammaInt(k)
		if k <= 2 {
			if got != 0 {
				t.Errorf("lgammaInt(%d) = %v, want 0", k, got)
			}
			return
		}
		s.add(t, float64(k), got, want)
		if u := ulps(got, want); u > 4 {
			t.Errorf("lgammaInt(%d) = %v, math.Lgamma %v: %v ulp", k, got, want, u)
		}
	}
	for k := 1; k <= 1000; k++ {
		check(k)
	}
	for i := 0; i < 100000; i++ {
		check(1 + r.IntN(1000000))
	}
	s.report(t)
}

func TestCosPi(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 5))
	s := ulpStat{name: "cosPi"}
	for i := 0; i <= accuracyN()*10; i++ {
		x := math.Pi * uniformOpen(r.Uint64())
		got, want := cosPi(x), math.Cos(x)
		s.add(t, x, got, want)
		if u := ulps(got, want); u > 2 {
			t.Errorf("cosPi(%v) = %v, math.Cos %v: %v ulp", x, got, want, u)
		}
	}
	for _, x := range []float64{0, math.Pi / 4, 3 * math.Pi / 4, math.Pi} {
		s.add(t, x, cosPi(x), math.Cos(x))
	}
	// cos(fl(pi/2)) = pi/2 - fl(pi/2) = 6.123233995736766e-17 correctly
	// rounded (the tail of pi/2); math.Cos on amd64 gives ...757e-17.
	if got := cosPi(math.Pi / 2); got != 6.123233995736766e-17 {
		t.Errorf("cosPi(pi/2) = %v, want 6.123233995736766e-17", got)
	}
	s.report(t)
}

// expPoly is the exponential's p: exp(r) = 1 + r + r² p(r) on
// |r| <= ln2/2.
var expPoly = [...]float64{ex2, ex3, ex4, ex5, ex6, ex7, ex8, ex9, ex10, ex11}

// bigQ returns (exp(r) - 1 - r)/r² = sum over j >= 2 of r^(j-2)/j!.
func bigQ(r *big.Float) *big.Float {
	sum := new(big.Float).SetPrec(refPrec)
	term := new(big.Float).SetPrec(refPrec).SetFloat64(0.5)
	for j := 3; j < 40; j++ {
		sum.Add(sum, term)
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetInt64(int64(j)))
	}
	return sum
}

// TestExpPolynomial derives the exponential's coefficients (ex2-ex11,
// fastmath.go) and checks their accuracy: the polynomial p of degree 9 that
// interpolates q(r) = (exp(r) - 1 - r)/r² at the ten Chebyshev points
// r_j = (ln2/2) cos(pi (j + 1/2)/10) (their float64 values), solved for in
// math/big and rounded to float64, must be the constants, and
// 1 + r + r² p(r) with them, evaluated exactly, must be within 2^-55.5 of
// exp(r), relative, on 20,001 points of [-ln2/2, ln2/2].
func TestExpPolynomial(t *testing.T) {
	t.Parallel()
	const n = len(expPoly)
	nf := func(x float64) *big.Float { return new(big.Float).SetPrec(refPrec).SetFloat64(x) }
	half := nf(0).Quo(bigLn2, nf(2)) // ln2/2
	// The Vandermonde system sum_i c_i r_j^i = q(r_j), by Gaussian
	// elimination with partial pivoting.
	var m [n][n + 1]*big.Float
	for j := range m {
		r := nf(math.Cos(math.Pi * (float64(j) + 0.5) / float64(n)))
		r.Mul(r, half)
		pow := nf(1)
		for i := 0; i < n; i++ {
			m[j][i] = nf(0).Set(pow)
			pow.Mul(pow, r)
		}
		m[j][n] = bigQ(r)
	}
	for col := 0; col < n; col++ {
		piv := col
		for j := col + 1; j < n; j++ {
			if nf(0).Abs(m[j][col]).Cmp(nf(0).Abs(m[piv][col])) > 0 {
				piv = j
			}
		}
		m[col], m[piv] = m[piv], m[col]
		for j := col + 1; j < n; j++ {
			f := nf(0).Quo(m[j][col], m[col][col])
			for i := col; i <= n; i++ {
				m[j][i].Sub(m[j][i], nf(0).Mul(f, m[col][i]))
			}
		}
	}
	var c [n]*big.Float
	for j := n - 1; j >= 0; j-- {
		c[j] = nf(0).Set(m[j][n])
		for i := j + 1; i < n; i++ {
			c[j].Sub(c[j], nf(0).Mul(m[j][i], c[i]))
		}
		c[j].Quo(c[j], m[j][j])
	}
	for i := range c {
		if f, _ := c[i].Float64(); f != expPoly[i] {
			t.Errorf("ex%d = %x, the interpolant's coefficient rounds to %x", i+2, expPoly[i], f)
		}
	}
	worst := 0.0
	for i := -10000; i <= 10000; i++ {
		r := nf(float64(i) / 10000)
		r.Mul(r, half)
		p := nf(0)
		for j := n - 1; j >= 0; j-- {
			p.Mul(p, r)
			p.Add(p, nf(expPoly[j]))
		}
		q := bigQ(r)
		// (1 + r + r² p) / exp(r) - 1 = r² (p - q) / exp(r).
		e := nf(0).Sub(p, q)
		e.Mul(e, r)
		e.Mul(e, r)
		ex := nf(1).Add(nf(1), r)
		ex.Add(ex, nf(0).Mul(nf(0).Mul(r, r), q))
		e.Quo(e, ex)
		f, _ := e.Float64()
		worst = max(worst, math.Abs(f))
	}
	t.Logf("1 + r + r² p(r) within %.3g = 2^%.2f of exp(r), relative, on |r| <= ln2/2", worst, math.Log2(worst))
	if worst > math.Exp2(-55.5) {
		t.Errorf("the exponential's polynomial is %g = 2^%.2f off, relative; want at most 2^-55.5", worst, math.Log2(worst))
	}
}
