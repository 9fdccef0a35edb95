// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// Statistical tests of the package's own generator, Source (SplitMix64).
//
// The published results: SplitMix64 passes TestU01's BigCrush (G. L. Steele
// Jr., D. Lea, C. H. Flood. Fast Splittable Pseudorandom Number Generators.
// OOPSLA 2014, §5), and its finaliser is Stafford's Mix13, the one in Java's
// SplittableRandom and Vigna's splitmix64.c. These tests do not repeat
// BigCrush; they check that this implementation (the AVX-512 and AVX2 lane
// kernels, their pure-Go twin, the scalar Uint64, and NewSource's seeding)
// keeps the properties a correct SplitMix64 has: uniform values, fair bits,
// no correlation between consecutive values or at the lane widths of the
// kernels, and unrelated streams for different seeds.
//
// The values are drawn through the block path (Generator.uniforms and
// Source.fill, which run the vector kernels on this machine) in blocks of
// statBlock values, a length that is not a multiple of the lane counts, so
// blocks start at every lane offset and the scalar tail runs too; each test
// also checks a subsample drawn one value at a time through Uint64 (or
// Generator.Uniform). Every statistic has a known null distribution and is
// rejected at p < pStrict (after a Bonferroni correction where a test makes
// several comparisons). The seeds are fixed, so a test always passes or
// always fails, and a correct generator fails none of them but with
// probability about 10^-6 per seed.

// pStrict is the rejection level of the generator tests.
const pStrict = 1e-6

// statBlock is the block length of the block draws: 16387 = 1024*16 + 3.
const statBlock = 1<<14 + 3

// statN returns full, or full/10 in -short mode.
func statN(full int) int {
	if testing.Short() {
		return full / 10
	}
	return full
}

// normalP returns the two-sided p-value of a standard normal score z.
func normalP(z float64) float64 { return math.Erfc(math.Abs(z) / math.Sqrt2) }

// drawUniforms calls visit with consecutive blocks of n uniforms in total
// from g: through g.uniforms (the block kernels) or, if scalar, through
// g.Uniform one at a time.
func drawUniforms(g *Generator, n int, scalar bool, visit func([]float64)) {
	buf := make([]float64, statBlock)
	for n > 0 {
		b := buf[:min(n, len(buf))]
		if scalar {
			for i := range b {
				b[i] = g.Uniform()
			}
		} else {
			g.uniforms(b)
		}
		visit(b)
		n -= len(b)
	}
}

// drawBits is drawUniforms for the raw 64-bit outputs of s: through
// s.fill(dst, false) or, if scalar, through s.Uint64.
func drawBits(s *Source, n int, scalar bool, visit func([]uint64)) {
	buf := make([]float64, statBlock)
	out := make([]uint64, statBlock)
	for n > 0 {
		b, o := buf[:min(n, len(buf))], out[:min(n, len(buf))]
		if scalar {
			for i := range o {
				o[i] = s.Uint64()
			}
		} else {
			s.fill(b, false)
			for i, v := range b {
				o[i] = math.Float64bits(v)
			}
		}
		visit(o)
		n -= len(o)
	}
}

// TestSourceStatsChiSquare: the counts of n uniforms in 1000 equal bins of
// (0, 1) are multinomial, so Pearson's statistic is chi-square with 999
// degrees of freedom.
func TestSourceStatsChiSquare(t *testing.T) {
	t.Parallel()
	const bins = 1000
	probs := make([]float64, bins)
	for i := range probs {
		probs[i] = 1.0 / bins
	}
	for _, c := range []struct {
		name   string
		seed   uint64
		n      int
		scalar bool
	}{
		{"block", 1, statN(10_000_000), false},
		{"scalar", 2, statN(1_000_000), true},
	} {
		counts := make([]int, bins)
		drawUniforms(NewSeeded(20261202, c.seed), c.n, c.scalar, func(u []float64) {
			for _, v := range u {
				counts[int(v*bins)]++
			}
		})
		stat, df, p := chiSquare(counts, probs)
		t.Logf("%s: n=%d, chi-square=%.1f df=%d p=%.4f", c.name, c.n, stat, df, p)
		if p < pStrict {
			t.Errorf("%s: %d uniforms in %d bins: chi-square %.1f (df %d), p = %.3g", c.name, c.n, bins, stat, df, p)
		}
	}
}

// TestSourceStatsKS: the Kolmogorov-Smirnov statistic of 10^6 uniforms
// against the U(0, 1) CDF, with its asymptotic p-value.
func TestSourceStatsKS(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		seed   uint64
		scalar bool
	}{{"block", 3, false}, {"scalar", 4, true}} {
		n := statN(1_000_000)
		x := make([]float64, 0, n)
		drawUniforms(NewSeeded(20261202, c.seed), n, c.scalar, func(u []float64) { x = append(x, u...) })
		d, p := ksOneSample(x, func(v float64) float64 { return v })
		t.Logf("%s: n=%d, KS D=%.6f sqrt(n)D=%.4f p=%.4f", c.name, n, d, math.Sqrt(float64(n))*d, p)
		if p < pStrict {
			t.Errorf("%s: KS of %d uniforms against U(0,1): D = %.6f, p = %.3g", c.name, n, d, p)
		}
	}
}

// TestSourceStatsBitFrequency: for each of the 64 bit positions of n raw
// outputs, the number of ones is Binomial(n, 1/2) under the null, so
// z_b = (ones_b - n/2) / sqrt(n/4) is about N(0, 1); the positions are
// independent, so the max |z| is checked against the Bonferroni bound for 64
// comparisons and the sum of the z_b^2 against chi-square with 64 degrees of
// freedom.
func TestSourceStatsBitFrequency(t *testing.T) {
	t.Parallel()
	zBound := -normalQuantile(pStrict / 64 / 2)
	for _, c := range []struct {
		name   string
		seed   uint64
		n      int
		scalar bool
	}{
		{"block", 5, statN(10_000_000), false},
		{"scalar", 6, statN(1_000_000), true},
	} {
		var ones [64]int
		drawBits(NewSource(20261202, c.seed), c.n, c.scalar, func(x []uint64) {
			// Count bit b of the words 8 bits at a time: the byte counters
			// cnt[k][v] count the words whose byte k is v.
			var cnt [8][256]int
			for _, w := range x {
				for k := range 8 {
					cnt[k][byte(w>>(8*k))]++
				}
			}
			for k := range 8 {
				for v, m := range cnt[k] {
					for j := range 8 {
						if v>>j&1 == 1 {
							ones[8*k+j] += m
						}
					}
				}
			}
		})
		var maxZ, sumZ2 float64
		worst := 0
		for b, o := range ones {
			z := (float64(o) - float64(c.n)/2) / math.Sqrt(float64(c.n)/4)
			sumZ2 += z * z
			if math.Abs(z) > maxZ {
				maxZ, worst = math.Abs(z), b
			}
		}
		pMax := math.Min(1, 64*normalP(maxZ))
		pSum := 1 - distuv.ChiSquared{K: 64}.CDF(sumZ2)
		t.Logf("%s: n=%d, max|z|=%.3f (bit %d) Bonferroni p=%.4f (bound %.3f); sum z^2=%.1f df=64 p=%.4f",
			c.name, c.n, maxZ, worst, pMax, zBound, sumZ2, pSum)
		if maxZ > zBound {
			t.Errorf("%s: bit %d of %d outputs: %d ones, |z| = %.3f > %.3f (Bonferroni p = %.3g)",
				c.name, worst, c.n, ones[worst], maxZ, zBound, pMax)
		}
		if pSum < pStrict {
			t.Errorf("%s: sum of the 64 bit z^2 = %.1f, chi-square(64) p = %.3g", c.name, sumZ2, pSum)
		}
	}
}

// normalQuantile returns the p-quantile of N(0, 1).
func normalQuantile(p float64) float64 { return distuv.UnitNormal.Quantile(p) }

// serialLags are the lags of the serial tests: the small ones, and the lane
// counts of the kernels (4 lanes per 256-bit register, 8 per 512-bit one, 8
// values per AVX2 step, 16 per AVX-512 step) and their neighbours.
var serialLags = []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 32}

// TestSourceStatsSerialCorrelation: for uniforms u_i, the terms
// 12 (u_i - 1/2)(u_{i+L} - 1/2), L > 0, have mean 0, variance 1 and are
// uncorrelated under the null, so z_L = sqrt(n) r_L with
// r_L = (12/n) sum_i (u_i - 1/2)(u_{i+L} - 1/2) is asymptotically N(0, 1).
// Each z_L is tested at pStrict / len(serialLags) (Bonferroni).
func TestSourceStatsSerialCorrelation(t *testing.T) {
	t.Parallel()
	maxLag := slices.Max(serialLags)
	for _, c := range []struct {
		name   string
		seed   uint64
		n      int
		scalar bool
	}{
		{"block", 7, statN(10_000_000), false},
		{"scalar", 8, statN(1_000_000), true},
	} {
		// win holds the last maxLag centred values of the previous blocks
		// followed by the current block.
		win := make([]float64, 0, maxLag+statBlock)
		sums := make([]float64, len(serialLags))
		terms := 0
		drawUniforms(NewSeeded(20261202, c.seed), c.n+maxLag, c.scalar, func(u []float64) {
			for _, v := range u {
				win = append(win, v-0.5)
			}
			m := len(win) - maxLag // the values i < m have all their lags in win
			for k, lag := range serialLags {
				var s float64
				for i := range m {
					s += win[i] * win[i+lag]
				}
				sums[k] += s
			}
			terms += max(m, 0)
			if m > 0 {
				win = append(win[:0], win[m:]...)
			}
		})
		for k, lag := range serialLags {
			r := 12 * sums[k] / float64(terms)
			z := math.Sqrt(float64(terms)) * r
			p := normalP(z)
			t.Logf("%s: lag %2d: n=%d r=%+.3e z=%+.3f p=%.4f", c.name, lag, terms, r, z, p)
			if p*float64(len(serialLags)) < pStrict {
				t.Errorf("%s: serial correlation at lag %d over %d pairs: r = %.3g, z = %.2f, p = %.3g",
					c.name, lag, terms, r, z, p)
			}
		}
	}
}

// TestSourceStatsPairs: the pairs (u_i, u_{i+L}) in a 32x32 grid, for
// L = 1, 8, 16. To keep the pairs independent under the null, each value is
// used in one pair only: the stream is cut into chunks of 2L values, and
// value j of a chunk is paired with value j+L. The 1024 cell counts of n
// pairs are then multinomial and Pearson's statistic is chi-square with 1023
// degrees of freedom; each lag is tested at pStrict/3 (Bonferroni). The three
// lags are computed from one stream of 2n values.
func TestSourceStatsPairs(t *testing.T) {
	t.Parallel()
	const d = 32
	lags := []int{1, 8, 16}
	probs := make([]float64, d*d)
	for i := range probs {
		probs[i] = 1.0 / (d * d)
	}
	for _, c := range []struct {
		name   string
		seed   uint64
		n      int // pairs per lag
		scalar bool
	}{
		{"block", 9, statN(10_000_000), false},
		{"scalar", 10, statN(1_000_000), true},
	} {
		counts := make([][]int, len(lags))
		for k := range counts {
			counts[k] = make([]int, d*d)
		}
		// The stream is handed over in blocks of statBlock values; carry
		// keeps the start of the last, incomplete chunk of 32 = 2*16 values
		// (a multiple of every 2L).
		const chunk = 32
		carry := make([]int, 0, chunk+statBlock)
		drawUniforms(NewSeeded(20261202, c.seed), 2*c.n, c.scalar, func(u []float64) {
			for _, v := range u {
				carry = append(carry, int(v*d))
			}
			whole := len(carry) / chunk * chunk
			for k, lag := range lags {
				cnt := counts[k]
				for base := 0; base < whole; base += 2 * lag {
					for j := range lag {
						cnt[carry[base+j]*d+carry[base+j+lag]]++
					}
				}
			}
			carry = append(carry[:0], carry[whole:]...)
		})
		for k, lag := range lags {
			stat, df, p := chiSquare(counts[k], probs)
			t.Logf("%s: (u_i, u_i+%d) in %dx%d: n=%d chi-square=%.1f df=%d p=%.4f", c.name, lag, d, d, c.n, stat, df, p)
			if p*float64(len(lags)) < pStrict {
				t.Errorf("%s: pairs at lag %d: chi-square %.1f (df %d), p = %.3g", c.name, lag, stat, df, p)
			}
		}
	}
}

// TestSourceStatsCrossStream: streams from related seeds must be unrelated:
// NewSource(s, 1) and NewSource(s, 2) (same key, different gamma), and
// NewSource(k, g) and NewSource(k+1, g) (same gamma, adjacent keys, whose
// Weyl states differ by 1 at every index). For n paired values, under the
// null the uniforms' correlation (12/n) sum (u_i - 1/2)(v_i - 1/2) times
// sqrt(n) is about N(0, 1), and the number of bits where the paired raw
// outputs differ, sum popcount(x_i ^ y_i), is Binomial(64n, 1/2). Each of the
// two statistics of each pair of seeds is tested at pStrict / (2 x the number
// of pairs) (Bonferroni). The first outputs must differ, and the first 10^4 outputs of
// one stream must share no value with those of the other (a repeat among
// 2*10^4 random 64-bit values has probability 10^-11).
func TestSourceStatsCrossStream(t *testing.T) {
	t.Parallel()
	n := statN(1_000_000)
	pairs := [][4]uint64{
		{0, 1, 0, 2}, {42, 1, 42, 2}, {20261202, 1, 20261202, 2}, // different gamma
		{1, 1, 2, 1}, {1, 7, 2, 7}, {0, 2, 1, 2}, {1 << 63, 5, 1<<63 + 1, 5}, // adjacent keys
	}
	tests := float64(2 * len(pairs))
	for _, pr := range pairs {
		a, b := NewSource(pr[0], pr[1]), NewSource(pr[2], pr[3])
		name := fmt.Sprintf("NewSource(%d, %d) vs NewSource(%d, %d)", pr[0], pr[1], pr[2], pr[3])

		// The first outputs, through the scalar path.
		a0, b0 := a.at(0), b.at(0)
		seen := make(map[uint64]int, 10_000)
		for i := range 10_000 {
			seen[a0.Uint64()] = i
		}
		for i := range 10_000 {
			y := b0.Uint64()
			if j, ok := seen[y]; ok {
				t.Errorf("%s: output %d of the first equals output %d of the second (%#x)", name, j, i, y)
			}
		}
		if x, y := a.at(0), b.at(0); x.Uint64() == y.Uint64() {
			t.Errorf("%s: equal first outputs", name)
		}

		// n paired values through the block path.
		bufA, bufB := make([]float64, statBlock), make([]float64, statBlock)
		var sum float64
		diff := 0
		for left := n; left > 0; {
			m := min(left, statBlock)
			a.fill(bufA[:m], false)
			b.fill(bufB[:m], false)
			for i := range m {
				x, y := math.Float64bits(bufA[i]), math.Float64bits(bufB[i])
				diff += bits.OnesCount64(x ^ y)
				sum += (uniformOpen(x) - 0.5) * (uniformOpen(y) - 0.5)
			}
			left -= m
		}
		r := 12 * sum / float64(n)
		zr := math.Sqrt(float64(n)) * r
		pCorr := normalP(zr)
		nb := 64 * float64(n)
		zd := (float64(diff) - nb/2) / math.Sqrt(nb/4)
		pd := normalP(zd)
		t.Logf("%s: n=%d, r=%+.3e z=%+.3f p=%.4f; differing bits %d of %.0f z=%+.3f p=%.4f",
			name, n, r, zr, pCorr, diff, nb, zd, pd)
		if pCorr*tests < pStrict {
			t.Errorf("%s: correlation of %d paired uniforms r = %.3g, z = %.2f, p = %.3g", name, n, r, zr, pCorr)
		}
		if pd*tests < pStrict {
			t.Errorf("%s: %d of %.0f paired bits differ, z = %.2f, p = %.3g", name, diff, nb, zd, pd)
		}
	}
}

// TestSourceStatsBirthdaySpacings is Marsaglia's birthday spacings test in
// the form of TestU01's smarsa_BirthdaySpacings (L'Ecuyer & Simard 2007):
// m = 4096 birthdays in a year of 2^32 days (32 bits of each output: the top
// 32, and separately the low 32); after sorting the birthdays, the number of
// repeated values among the m-1 spacings between consecutive ones is about
// Poisson(lambda), lambda = m^3 / (4 * 2^32) = 4. Over R replications the
// total is Poisson(R lambda), tested two-sided at pStrict/2 for each half of
// the bits (Bonferroni).
func TestSourceStatsBirthdaySpacings(t *testing.T) {
	t.Parallel()
	const m = 4096
	reps := 250
	if testing.Short() {
		reps = 50
	}
	lambda := float64(m) * m * m / (4 * (1 << 32))
	for _, half := range []struct {
		name  string
		shift uint
	}{{"high 32 bits", 32}, {"low 32 bits", 0}} {
		s := NewSource(20261202, 11)
		buf := make([]float64, m)
		day := make([]uint64, m)
		sp := make([]uint64, m-1)
		total := 0
		for range reps {
			s.fill(buf, false)
			for i, v := range buf {
				day[i] = uint64(uint32(math.Float64bits(v) >> half.shift))
			}
			slices.Sort(day)
			for i := range sp {
				sp[i] = day[i+1] - day[i]
			}
			slices.Sort(sp)
			for i := 1; i < len(sp); i++ {
				if sp[i] == sp[i-1] {
					total++
				}
			}
		}
		pois := distuv.Poisson{Lambda: float64(reps) * lambda}
		lo, hi := pois.CDF(float64(total)), 1-pois.CDF(float64(total)-1)
		p := math.Min(1, 2*math.Min(lo, hi))
		t.Logf("%s: %d replications of %d birthdays in 2^32 days: %d repeated spacings, expected %.0f, p=%.4f",
			half.name, reps, m, total, float64(reps)*lambda, p)
		if 2*p < pStrict {
			t.Errorf("%s: %d repeated spacings, expected Poisson(%.0f): p = %.3g", half.name, total, float64(reps)*lambda, p)
		}
	}
}
