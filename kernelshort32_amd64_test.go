// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !noasm

package gumbel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// short32Case returns rows rows of k logits and their Gumbels for the
// short-row kernel tests, by profile: 0, scale 3 normal logits with masks
// (-Inf) and the Gumbels of random source values; 1, the same with, one in
// four, an awkward value (avx2Special32: NaN, +Inf, signed zeros, ±3e38,
// tiny normals and subnormals) and the Gumbels of extreme source values;
// 2, rows that are all -Inf, hold a NaN or +Inf, are all zeros of either
// sign, huge, or tiny, with zero Gumbels of either sign in some rows (the
// sign of a zero maximum); 3, like 1 with awkward Gumbels too (NaN and
// infinities included: the kernels must match the twin on any input).
func short32Case(r *rand.Rand, rows, k, profile int) (l, gs []float32) {
	n := rows * k
	l = avx2Floats(r, n, 3, []int{0, 4, 0, 4}[profile])
	for i := range l {
		if r.IntN(5) == 0 {
			l[i] = float32(math.Inf(-1))
		}
	}
	gs = make([]float32, n)
	gumbel32Go(gs, avx2Bits(r, n, []int{0, 2, 0, 2}[profile]))
	nz := float32(math.Copysign(0, -1))
	if profile == 2 {
		for row := range rows {
			x, g := l[row*k:(row+1)*k], gs[row*k:(row+1)*k]
			pick := func(vs ...float32) float32 { return vs[r.IntN(len(vs))] }
			switch r.IntN(9) {
			case 0: // all -Inf
				for i := range x {
					x[i] = float32(math.Inf(-1))
				}
			case 1: // a NaN or a +Inf among finite logits
				x[r.IntN(k)] = pick(float32(math.NaN()), float32(math.Inf(1)))
			case 2: // zeros of both signs, -Inf, negatives; zero Gumbels
				for i := range x {
					x[i] = pick(0, nz, nz, float32(math.Inf(-1)), -1e-42)
					g[i] = pick(0, nz, g[i])
				}
			case 3: // huge
				for i := range x {
					x[i] = pick(3e38, -3e38, math.MaxFloat32, -math.MaxFloat32, float32(math.Inf(-1)), 1)
				}
			case 4: // tiny
				for i := range x {
					x[i] = pick(1e-38, -1e-38, 1e-42, -1e-42, math.SmallestNonzeroFloat32, 0, nz)
				}
			case 5: // one finite logit
				for i := range x {
					x[i] = float32(math.Inf(-1))
				}
				x[r.IntN(k)] = float32(r.NormFloat64())
			case 6: // all equal
				v := float32(r.NormFloat64())
				for i := range x {
					x[i] = v
				}
			}
		}
	}
	if profile == 3 {
		for i := range gs {
			if r.IntN(6) == 0 {
				gs[i] = avx2Special32[r.IntN(len(avx2Special32))]
			}
		}
	}
	return l, gs
}

// short32Invs are the inverse temperatures of the short-row kernel tests.
var short32Invs = []float32{1, 2, 1 / 0.7, 10, 0.01}

// short32Kernel is an assembly short-row kernel and whether the CPU can
// run it.
type short32Kernel struct {
	name string
	ok   bool
	f    func(dst, l, gs []float32, k int, inv float32)
}

// short32Kernels returns the assembly short-row kernels.
func short32Kernels() []short32Kernel {
	return []short32Kernel{{"AVX512", useAVX512, short32AVX512}, {"AVX2", useAVX2, short32AVX2}}
}

// TestShort32Kernels checks short32AVX512 and short32AVX2 against
// short32Go bit for bit (any two NaNs alike) for every row length 1..16
// and 1..70 rows, on logits with masks, NaN, +Inf, all -Inf rows, signed
// zeros, huge and tiny values, Gumbels from random and extreme source
// values (and awkward ones), at several temperatures; that nothing is
// written past dst (sentinels), that l and gs are left alone, and that
// dst may be l.
func TestShort32Kernels(t *testing.T) {
	kernels := short32Kernels()
	ran := 0
	for _, kn := range kernels {
		if !kn.ok {
			t.Logf("%s: not on this CPU", kn.name)
			continue
		}
		ran++
		r := rand.New(rand.NewPCG(32, 16))
		nanRows := 0
		for k := 1; k <= 16; k++ {
			for rows := 1; rows <= 70; rows++ {
				profile := rows % 4
				l, gs := short32Case(r, rows, k, profile)
				inv := short32Invs[(rows+k)%len(short32Invs)]
				if rows <= 5 || rows >= 66 {
					// Every temperature on a few row counts.
					for _, v := range short32Invs {
						short32Check(t, kn.name, kn.f, l, gs, k, v, profile)
					}
				} else {
					nanRows += short32Check(t, kn.name, kn.f, l, gs, k, inv, profile)
				}
			}
		}
		if nanRows == 0 {
			t.Errorf("%s: no NaN row among the cases", kn.name)
		}
	}
	if ran == 0 {
		t.Skip("no AVX2 and FMA")
	}
}

// short32Check runs one case of TestShort32Kernels and returns the number
// of NaN rows in it.
func short32Check(t *testing.T, name string, f func(dst, l, gs []float32, k int, inv float32), l, gs []float32, k int, inv float32, profile int) int {
	t.Helper()
	n := len(l)
	want := make([]float32, n)
	short32Go(want, l, gs, k, inv)
	l0, g0 := append([]float32(nil), l...), append([]float32(nil), gs...)
	got, intact := padded32(n)
	f(got, l, gs, k, inv)
	where := fmt.Sprintf("%s k=%d rows=%d inv=%v profile %d", name, k, n/k, inv, profile)
	if i := firstDiff32(got, want); i >= 0 {
		row := i / k
		t.Fatalf("%s: dst[%d] (row %d) = %v (%#x), want %v (%#x); logits %v, Gumbels %v", where, i, row, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]), l[row*k:(row+1)*k], gs[row*k:(row+1)*k])
	}
	if !intact() {
		t.Fatalf("%s: wrote past dst", where)
	}
	if firstDiff32(l, l0) >= 0 || firstDiff32(gs, g0) >= 0 {
		t.Fatalf("%s: changed l or gs", where)
	}
	// In place, and with a partial row after the last (ignored).
	in, intactIn := padded32(n + k - 1)
	copy(in, l)
	for i := n; i < len(in); i++ {
		in[i] = 1.5
	}
	f(in[:n], in[:n], gs, k, inv)
	if i := firstDiff32(in[:n], want); i >= 0 {
		t.Fatalf("%s: in place, dst[%d] = %v, want %v", where, i, in[i], want[i])
	}
	for i := n; i < len(in); i++ {
		if in[i] != 1.5 {
			t.Fatalf("%s: in place, wrote past the rows", where)
		}
	}
	if !intactIn() {
		t.Fatalf("%s: in place, wrote past dst", where)
	}
	nan := 0
	for i := 0; i < n; i += k {
		if want[i] != want[i] {
			nan++
		}
	}
	return nan
}

// short32Orders are sums of the sixteen float64 lane values in orders
// other than reduce16's, for short32OrderRows to tell apart.
var short32Orders = []struct {
	name string
	sum  func(p *[16]float64) float64
}{
	{"in index order", func(p *[16]float64) float64 {
		s := 0.0
		for _, v := range p {
			s += v
		}
		return s
	}},
	{"adjacent pairs first", func(p *[16]float64) float64 {
		q := *p
		for n := 16; n > 1; n /= 2 {
			for j := range n / 2 {
				q[j] = q[2*j] + q[2*j+1]
			}
		}
		return q[0]
	}},
	{"lanes 12-15 onto 0-3, 8-11 onto 4-7", func(p *[16]float64) float64 {
		var a [8]float64
		for j := range 4 {
			a[j], a[j+4] = p[j]+p[j+12], p[j+4]+p[j+8]
		}
		b0, b1, b2, b3 := a[0]+a[4], a[1]+a[5], a[2]+a[6], a[3]+a[7]
		return (b0 + b2) + (b1 + b3)
	}},
	{"quarters first", func(p *[16]float64) float64 {
		var b [4]float64
		for j := range b {
			b[j] = (p[j] + p[j+4]) + (p[j+8] + p[j+12])
		}
		return (b[0] + b[2]) + (b[1] + b[3])
	}},
	{"last two steps swapped", func(p *[16]float64) float64 {
		var a [8]float64
		for j := range a {
			a[j] = p[j] + p[j+8]
		}
		b0, b1, b2, b3 := a[0]+a[4], a[1]+a[5], a[2]+a[6], a[3]+a[7]
		return (b0 + b1) + (b2 + b3)
	}},
	{"halves of eight apart", func(p *[16]float64) float64 {
		h := func(q []float64) float64 { return ((q[0] + q[4]) + (q[2] + q[6])) + ((q[1] + q[5]) + (q[3] + q[7])) }
		return h(p[:8]) + h(p[8:])
	}},
}

// invExp32 returns about the largest x in [lo, hi] with exp32(x) <= y.
func invExp32(y, lo, hi float64) float32 {
	for range 60 {
		mid := (lo + hi) / 2
		if float64(exp32(float32(mid))) <= y {
			lo = mid
		} else {
			hi = mid
		}
	}
	return float32(lo)
}

// short32OrderRows returns rows of k >= 3 logits whose soft samples, with
// zero Gumbels and inv = 1 (the exponentials are exp32 of the logits, the
// largest 1), depend on the order in which the float64 sum adds its lanes:
// float32(1/sum) differs between reduce16 and at least one of
// short32Orders (hits counts the rows returned that tell each apart). Such a row holds
// a 1, a term e1 near (2j+1) 2^-25 and a term e2 near 2^-36 that put 1/sum
// within a few float64 ulps of the float32 midpoint 1 - (2j+1) 2^-25, and
// terms near 2^-53 whose sum rounds differently in different orders; e2 is
// scanned over 160 consecutive logits around the midpoint.
func short32OrderRows(r *rand.Rand, k, trials int, hits []int) []float32 {
	var rows []float32
	for range trials {
		x := make([]float32, k)
		perm := r.Perm(k)
		big, i1, i2 := perm[0], perm[1], perm[2]
		var p [16]float64
		tiny := 0.0
		for i := range x {
			x[i] = float32(-35.5 - 2*r.Float64()) // exp32 about 2^-51 to 2^-54
			p[i] = float64(exp32(x[i]))
			if i != big && i != i1 && i != i2 {
				tiny += p[i]
			}
		}
		x[big], p[big] = 0, 1
		target := 1 / (1 - float64(2*r.IntN(64)+1)*0x1p-25)
		x[i1] = invExp32(target-1-0x1p-36-tiny, -20, -10)
		p[i1] = float64(exp32(x[i1]))
		x2 := invExp32(target-1-p[i1]-tiny, -30, -20)
		for range 80 {
			x2 = math.Nextafter32(x2, float32(math.Inf(-1)))
		}
		kept := make([]int, len(short32Orders)) // rows kept for each order in this trial
		for range 160 {
			x2 = math.Nextafter32(x2, float32(math.Inf(1)))
			x[i2], p[i2] = x2, float64(exp32(x2))
			ref := float32(1 / reduce16(&p))
			var tells []int
			keep := false
			for o, order := range short32Orders {
				if float32(1/order.sum(&p)) != ref {
					tells = append(tells, o)
					keep = keep || kept[o] < 2
				}
			}
			if keep {
				rows = append(rows, x...)
				for _, o := range tells {
					kept[o]++
					hits[o]++
				}
			}
		}
	}
	return rows
}

// TestShort32KernelsSumOrder checks short32AVX512 and short32AVX2 against
// short32Go on rows whose samples depend on the order of the float64 sum
// (short32OrderRows), so that a kernel adding its lanes in another order
// than reduce16's fails; and that exp32 gives the same bits for -0 as for
// +0, which the kernels rely on (they leave the signs of zero maxima as
// VMAXPS gives them).
func TestShort32KernelsSumOrder(t *testing.T) {
	if math.Float32bits(exp32(float32(math.Copysign(0, -1)))) != math.Float32bits(exp32(0)) {
		t.Fatalf("exp32(-0) = %v, exp32(+0) = %v", exp32(float32(math.Copysign(0, -1))), exp32(0))
	}
	r := rand.New(rand.NewPCG(32, 18))
	hits := make([]int, len(short32Orders))
	rowsOf := map[int][]float32{}
	for k := 3; k <= 16; k++ {
		rowsOf[k] = short32OrderRows(r, k, 12, hits)
	}
	for o, order := range short32Orders {
		if hits[o] == 0 {
			t.Fatalf("no row tells reduce16 from the sum %s", order.name)
		}
		t.Logf("sum %s: told apart by %d rows", order.name, hits[o])
	}
	kernels := short32Kernels()
	for _, kn := range kernels {
		if !kn.ok {
			continue
		}
		for k := 3; k <= 16; k++ {
			l := rowsOf[k]
			gs := make([]float32, len(l))
			want := make([]float32, len(l))
			short32Go(want, l, gs, k, 1)
			got := make([]float32, len(l))
			kn.f(got, l, gs, k, 1)
			if i := firstDiff32(got, want); i >= 0 {
				row := i / k
				t.Fatalf("%s k=%d: dst[%d] (row %d of %d) = %v (%#x), want %v (%#x); logits %v", kn.name, k, i, row, len(l)/k, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]), l[row*k:(row+1)*k])
			}
		}
	}
}

// TestShort32Body checks the dispatcher short32Body in every kernel mode
// against softRow32 on each row, bit for bit, a partial row at the end
// ignored.
func TestShort32Body(t *testing.T) {
	modes, set, restore := kernelModes()
	defer restore()
	for _, mode := range modes {
		set(mode)
		r := rand.New(rand.NewPCG(32, 17))
		for k := 1; k <= 16; k++ {
			for _, rows := range []int{1, 2, 3, 51, 64} {
				l, gs := short32Case(r, rows, k, rows%4)
				for range k - 1 {
					l = append(l, 0.5) // a partial row
				}
				inv := short32Invs[rows%len(short32Invs)]
				want := make([]float32, len(l))
				for i := 0; i+k <= len(l); i += k {
					softRow32(want[i:i+k], l[i:i+k], gs[i:i+k], inv)
				}
				got := make([]float32, len(l))
				short32Body(got, l, gs, k, inv)
				if i := firstDiff32(got, want); i >= 0 {
					t.Fatalf("%s k=%d rows=%d: dst[%d] = %v, want %v", mode, k, rows, i, got[i], want[i])
				}
			}
		}
	}
}
