// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSplitmixReference checks the finaliser and the Weyl sequence against
// the published output of Vigna's splitmix64.c for seed 1234567 (gamma the
// golden ratio 0x9e3779b97f4a7c15).
func TestSplitmixReference(t *testing.T) {
	s := Source{key: 1234567, gamma: 0x9e3779b97f4a7c15}
	want := []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821}
	for i, w := range want {
		if got := s.Uint64(); got != w {
			t.Errorf("output %d = %d, want %d", i, got, w)
		}
	}
}

// TestSplitmixKernels checks that every fill path (the AVX-512 and AVX2
// kernels where the CPU has them, the pure-Go twin, and the scalar Uint64)
// gives the same bits for every length and starting position, and that a
// Source positioned with at continues the stream exactly.
func TestSplitmixKernels(t *testing.T) {
	ref := NewSource(42, 7)
	want := make([]uint64, 1000)
	for i := range want {
		want[i] = ref.Uint64()
	}
	modes, set, restore := kernelModes()
	defer restore()
	for _, mode := range modes {
		set(mode)
		for _, start := range []int{0, 1, 7, 8, 15, 16, 33} {
			for n := 0; n <= 80; n++ {
				s := NewSource(42, 7)
				s.n = uint64(start)
				dst := make([]float64, n)
				s.fill(dst, false)
				for i, v := range dst {
					if math.Float64bits(v) != want[start+i] {
						t.Fatalf("%s: start %d len %d: value %d differs", mode, start, n, i)
					}
				}
				if s.n != uint64(start+n) {
					t.Fatalf("%s: position %d after drawing %d from %d", mode, s.n, n, start)
				}
				a := s.at(uint64(start))
				if a.Uint64() != want[start] {
					t.Fatalf("at(%d) does not continue the stream", start)
				}
			}
		}
		s := NewSource(42, 7)
		u := make([]float64, 999)
		s.fill(u, true)
		for i, v := range u {
			if v != uniformOpen(want[i]) {
				t.Fatalf("%s: uniform %d differs", mode, i)
			}
		}
	}
	t.Logf("kernels tested: %v", modes)
}

// TestSourceIsRandSource checks that a Source works through math/rand/v2.
func TestSourceIsRandSource(t *testing.T) {
	r := rand.New(NewSource(1, 2))
	s := NewSource(1, 2)
	for range 10 {
		if r.Uint64() != s.Uint64() {
			t.Fatal("rand.New(NewSource) differs from the Source")
		}
	}
}

// TestSourceBinaryRoundTrip checks that a saved state resumes the stream
// and that bad states are refused without changing the Source.
func TestSourceBinaryRoundTrip(t *testing.T) {
	s := NewSource(7, 9)
	for range 5 {
		s.Uint64()
	}
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var r Source
	if err := r.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if r.Uint64() != s.Uint64() {
			t.Fatal("restored stream differs")
		}
	}
	before := r
	for _, bad := range [][]byte{nil, b[:27], append([]byte("pcg:"), b[4:]...), append(b[:0:0], b[:12]...)} {
		if err := r.UnmarshalBinary(bad); err == nil || r != before {
			t.Errorf("state %q accepted or applied", bad)
		}
	}
	even := append([]byte(nil), b...)
	even[19] &^= 1 // gamma's low byte is byte 19
	if err := r.UnmarshalBinary(even); err == nil {
		t.Error("an even increment accepted")
	}
}
