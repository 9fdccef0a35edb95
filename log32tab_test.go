// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"testing"
)

// The tables and the polynomial of log32L (log32tab.go, and
// log32tab_amd64.h for the assembly kernels) are made here:
//
//	go test -run TestLog32Tables -log32.update .
//
// rewrites both files; without the flag the test checks the stored tables'
// properties, which is what the logarithm's accuracy rests on.
var updateLog32 = flag.Bool("log32.update", false, "rewrite log32tab.go and log32tab_amd64.h")

// log32Chunk returns the smallest and the largest reduced argument m (in
// [sqrt(1/2), sqrt(2))) whose table index is j: the indices are bits 20-22
// of the shifted bits of x, so chunk j is the m whose bits lie in
// [0x3f3504f3 + j 2^20, 0x3f3504f3 + (j+1) 2^20).
func log32Chunk(j int) (lo, hi float64) {
	b := uint32(0x3f3504f3 + j<<20)
	return float64(math.Float32frombits(b)), float64(math.Float32frombits(b + 1<<20 - 1))
}

// log32MaxU bounds |u| = |m c_j - 1| over every chunk, the interval the
// polynomial is fitted on.
const log32MaxU = 0.0595

// makeLog32Tables chooses, for each chunk j, the float32 c_j near 1/m at
// the chunk's middle whose logarithm is closest to a float32 (Gal's
// accurate tables), so that T_j = float32(-log c_j) is exact to a small
// fraction of its ulp and the table adds no rounding of its own; c = 1,
// T = 0 for the chunk that holds 1, where log32 must be accurate relative
// to a small result.
func makeLog32Tables() (inv, tab [8]float32) {
	for j := range inv {
		lo, hi := log32Chunk(j)
		if lo <= 1 && 1 <= hi {
			inv[j], tab[j] = 1, 0
			continue
		}
		c0 := float32(2 / (lo + hi))
		best, bestErr := c0, math.Inf(1)
		c := c0
		for range 1 << 14 {
			c = math.Nextafter32(c, 0)
		}
		for range 1 << 15 {
			c = math.Nextafter32(c, 2)
			if math.Max(math.Abs(lo*float64(c)-1), math.Abs(hi*float64(c)-1)) > log32MaxU {
				continue
			}
			t := -math.Log(float64(c))
			if e := math.Abs(float64(float32(t))-t) / ulp32(float32(t)); e < bestErr {
				best, bestErr = c, e
			}
		}
		inv[j], tab[j] = best, float32(-math.Log(float64(best)))
	}
	return inv, tab
}

// ulp32 is the spacing of the float32s at |x|.
func ulp32(x float32) float64 {
	a := float32(math.Abs(float64(x)))
	return float64(math.Nextafter32(a, float32(math.Inf(1))) - a)
}

// log1pMinusU returns (log1p(u) - u)/u², by its series: exact to float64 for
// |u| <= 0.1.
func log1pMinusU(u float64) float64 {
	s, p := 0.0, 1.0
	for k := 2; k < 40; k++ {
		s += p / float64(k) * float64(2*(k%2)-1)
		p *= u
	}
	return s
}

// fitLog32Poly fits P of degree 4 so that u + u² P(u) approximates log1p(u)
// with the smallest largest relative error on [-log32MaxU, log32MaxU]
// (Lawson's iteratively reweighted least squares, in the scaled variable
// u/log32MaxU), and rounds the coefficients to float32.
func fitLog32Poly() [5]float32 {
	const n, deg = 4001, 5
	us := make([]float64, n)
	w := make([]float64, n)
	for i := range us {
		us[i] = log32MaxU * math.Cos(math.Pi*(float64(i)+0.5)/n)
		w[i] = 1.0 / n
	}
	var a [deg]float64
	for range 60 {
		var m [deg][deg + 1]float64
		for i, u := range us {
			// relative error of u + u² P(u): u² (P - Q) / log1p(u) ≈ u (P - Q)
			s := u / log32MaxU
			var b [deg]float64
			b[0] = u
			for k := 1; k < deg; k++ {
				b[k] = b[k-1] * s
			}
			y := u * log1pMinusU(u)
			for r := range deg {
				for c := range deg {
					m[r][c] += w[i] * b[r] * b[c]
				}
				m[r][deg] += w[i] * b[r] * y
			}
		}
		for c := range deg { // Gauss-Jordan with partial pivoting
			p := c
			for r := c + 1; r < deg; r++ {
				if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
					p = r
				}
			}
			m[c], m[p] = m[p], m[c]
			for r := range deg {
				if r != c {
					f := m[r][c] / m[c][c]
					for k := c; k <= deg; k++ {
						m[r][k] -= f * m[c][k]
					}
				}
			}
		}
		for k := range deg {
			a[k] = m[k][deg] / m[k][k]
		}
		var sum float64
		for i, u := range us {
			s, e, p := u/log32MaxU, 0.0, 1.0
			for k := range deg {
				e += a[k] * p
				p *= s
			}
			w[i] *= math.Abs(u * (e - log1pMinusU(u)))
			sum += w[i]
		}
		for i := range w {
			w[i] /= sum
		}
	}
	var c [5]float32
	for k := range c {
		c[k] = float32(a[k] / math.Pow(log32MaxU, float64(k)))
	}
	return c
}

// log32PolyErr is the largest relative error of u + u² P(u) (in float64,
// P's float32 coefficients c) against math.Log1p on [-maxU, maxU].
func log32PolyErr(c [5]float32, maxU float64) float64 {
	var worst float64
	for i := -100000; i <= 100000; i++ {
		u := maxU * float64(i) / 100000
		if u == 0 {
			continue
		}
		p := 0.0
		for k := 4; k >= 0; k-- {
			p = p*u + float64(c[k])
		}
		worst = max(worst, math.Abs((u+u*u*p-math.Log1p(u))/math.Log1p(u)))
	}
	return worst
}

// TestLog32Tables checks the tables of log32L: c_j = 1 and T_j = 0 on the
// chunk that holds 1, every T_j the float32 nearest -log c_j and within
// 2^-8 of its ulp of it, |m c_j - 1| <= log32MaxU on every chunk, and the
// polynomial within 2^-29 relative error of log1p there. With
// -log32.update it rewrites the tables and the polynomial.
func TestLog32Tables(t *testing.T) {
	if *updateLog32 {
		inv, tab := makeLog32Tables()
		writeLog32Tables(t, inv, tab, fitLog32Poly())
		t.Log("log32tab.go and log32tab_amd64.h rewritten: run the tests again")
		return
	}
	var worstU float64
	for j := range log32Inv {
		lo, hi := log32Chunk(j)
		c, tj := float64(log32Inv[j]), log32Tab[j]
		if lo <= 1 && 1 <= hi && (c != 1 || tj != 0) {
			t.Errorf("chunk %d holds 1: c = %v, T = %v, want 1 and 0", j, c, tj)
		}
		exact := -math.Log(c)
		if e := math.Abs(float64(tj)-exact) / ulp32(tj); e > 1.0/256 {
			t.Errorf("chunk %d: T = %v is %.4f ulp from -log c = %v", j, tj, e, exact)
		}
		worstU = max(worstU, math.Abs(lo*c-1), math.Abs(hi*c-1))
	}
	if worstU > log32MaxU {
		t.Errorf("|m c - 1| reaches %v, above %v", worstU, log32MaxU)
	}
	if e := log32PolyErr(log32Poly, log32MaxU); e > 0x1p-29 {
		t.Errorf("the polynomial's relative error reaches %.3g (2^%.1f)", e, math.Log2(e))
	} else {
		t.Logf("|u| <= %.4f; polynomial relative error %.3g (2^%.1f)", worstU, e, math.Log2(e))
	}
}

// writeLog32Tables writes log32tab.go and log32tab_amd64.h.
func writeLog32Tables(t *testing.T, inv, tab [8]float32, c [5]float32) {
	hex := func(v float32) string { return fmt.Sprintf("%#08x", math.Float32bits(v)) }
	lit := func(v float32) string {
		if v == 0 || v == 1 {
			return fmt.Sprint(v, ",")
		}
		return fmt.Sprintf("math.Float32frombits(%s), // %v", hex(v), v)
	}
	var g bytes.Buffer
	fmt.Fprint(&g, `// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Code generated by "go test -run TestLog32Tables -log32.update"; DO NOT EDIT.

package gumbel

import "math"

// log32Inv[j] is c_j, about 1/m on chunk j of the reduced argument m, and
// log32Tab[j] is -log c_j rounded to float32 (see log32L).
var (
	log32Inv = [8]float32{
`)
	for _, v := range inv {
		fmt.Fprintf(&g, "\t\t%s\n", lit(v))
	}
	fmt.Fprint(&g, "\t}\n\tlog32Tab = [8]float32{\n")
	for _, v := range tab {
		fmt.Fprintf(&g, "\t\t%s\n", lit(v))
	}
	fmt.Fprint(&g, "\t}\n)\n\n// log32Poly is P, low degree first: log1p(u) ≈ u + u² P(u) for |u| <= 0.06.\nvar log32Poly = [5]float32{\n")
	for _, v := range c {
		fmt.Fprintf(&g, "\t%s\n", lit(v))
	}
	fmt.Fprint(&g, "}\n")
	var h bytes.Buffer
	fmt.Fprint(&h, `// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Code generated by "go test -run TestLog32Tables -log32.update"; DO NOT EDIT.

// The tables and the polynomial of log32L (log32tab.go) for the assembly
// kernels: log32inv<> and log32tab<> are the eight c_j and T_j twice over
// (VPERMPS on sixteen lanes reads four index bits, on eight three),
// log32c0<> to log32c4<> the coefficients of P in eight lanes each.
`)
	for _, tb := range []struct {
		name string
		v    [8]float32
	}{{"log32inv", inv}, {"log32tab", tab}} {
		for i := range 16 {
			fmt.Fprintf(&h, "DATA %s<>+%d(SB)/4, $%s\n", tb.name, 4*i, hex(tb.v[i%8]))
		}
		fmt.Fprintf(&h, "GLOBL %s<>(SB), RODATA|NOPTR, $64\n", tb.name)
	}
	for k, v := range c {
		for i := range 8 {
			fmt.Fprintf(&h, "DATA log32c%d<>+%d(SB)/4, $%s\n", k, 4*i, hex(v))
		}
		fmt.Fprintf(&h, "GLOBL log32c%d<>(SB), RODATA|NOPTR, $32\n", k)
	}
	src, err := format.Source(g.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("log32tab.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("log32tab_amd64.h", h.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
