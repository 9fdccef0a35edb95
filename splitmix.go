// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"math"
	"math/bits"
)

// Source is the package's own random source, the one NewSeeded uses: the
// SplitMix64 generator (G. L. Steele Jr., D. Lea, C. H. Flood. Fast
// Splittable Pseudorandom Number Generators. OOPSLA 2014), whose i-th output
// (i = 0, 1, 2, ...) is a pure function of its key, its odd increment gamma
// and i,
//
//	x_i = mix(key + (i+1) gamma),
//	mix(z): z = (z ^ z>>30) * 0xbf58476d1ce4e5b9; z = (z ^ z>>27) * 0x94d049bb133111eb; z ^ z>>31,
//
// a Weyl sequence through a bijective 64-bit finaliser. It implements
// math/rand/v2's rand.Source, so rand.New(gumbel.NewSource(1, 2)) works too.
//
// Because each output depends on nothing but its index, a block of values is
// computed in vector lanes (AVX2, or AVX-512 where the CPU has it, each with
// a pure-Go twin giving the same bits), and a batch form can hand rows to
// several goroutines, each starting at the index its first row would have
// reached: the output is the same, to the bit, for any number of threads.
//
// Quality: SplitMix64 passes TestU01's BigCrush (Steele et al. 2014, §5;
// with the increments chosen below), and its finaliser is Stafford's Mix13,
// as in Java's SplittableRandom and Vigna's splitmix64.c; the package's own
// tests add chi-square, Kolmogorov-Smirnov, bit-frequency and serial
// correlation tests on 10^7 values. Each (seed1, seed2) has period 2^64; it
// is not a cryptographic generator.
//
// A Source is not safe for concurrent use.
type Source struct {
	key, gamma uint64
	n          uint64 // outputs drawn so far: the next is x_n
}

// NewSource returns a Source seeded with (seed1, seed2): key = seed1, and
// gamma = fmix64(seed2) | 1, with the bits flipped by alternate ones if it
// has fewer than 24 bit changes (SplittableRandom's rule: Weyl increments
// with long runs of equal bits make poor sequences). Different seed2 give
// different sequences, not shifts of one.
func NewSource(seed1, seed2 uint64) *Source {
	s := new(Source)
	s.Seed(seed1, seed2)
	return s
}

// Seed resets s to the state NewSource(seed1, seed2) returns.
func (s *Source) Seed(seed1, seed2 uint64) {
	g := fmix64(seed2) | 1
	if bits.OnesCount64(g^(g>>1)) < 24 {
		g ^= 0xaaaaaaaaaaaaaaaa
	}
	s.key, s.gamma, s.n = seed1, g, 0
}

// AppendBinary implements encoding.BinaryAppender: it appends the state of
// s, "smx:" and key, gamma and position as big-endian uint64s, 28 bytes.
func (s *Source) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, "smx:"...)
	for _, v := range [3]uint64{s.key, s.gamma, s.n} {
		b = append(b, byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32), byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return b, nil
}

// MarshalBinary implements encoding.BinaryMarshaler (see AppendBinary), so
// that a long computation can save where its stream stands and resume it.
func (s *Source) MarshalBinary() ([]byte, error) { return s.AppendBinary(make([]byte, 0, 28)) }

// UnmarshalBinary implements encoding.BinaryUnmarshaler: it restores a state
// written by MarshalBinary. It returns an error, and leaves s unchanged, if
// data is not such a state.
func (s *Source) UnmarshalBinary(data []byte) error {
	if len(data) != 28 || string(data[:4]) != "smx:" {
		return &Error{Op: "Source.UnmarshalBinary", Msg: "not a Source state", Err: ErrParameter}
	}
	var v [3]uint64
	for i := range v {
		for _, c := range data[4+8*i : 12+8*i] {
			v[i] = v[i]<<8 | uint64(c)
		}
	}
	if v[1]&1 == 0 {
		return &Error{Op: "Source.UnmarshalBinary", Msg: "even increment: not a Source state", Err: ErrParameter}
	}
	s.key, s.gamma, s.n = v[0], v[1], v[2]
	return nil
}

// Uint64 returns the next 64 random bits.
func (s *Source) Uint64() uint64 {
	s.n++
	return splitmix(s.key + s.n*s.gamma)
}

// splitmix is the SplitMix64 finaliser (Stafford's Mix13).
func splitmix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// fmix64 is MurmurHash3's 64-bit finaliser, used only to derive gamma.
func fmix64(z uint64) uint64 {
	z = (z ^ z>>33) * 0xff51afd7ed558ccd
	z = (z ^ z>>33) * 0xc4ceb9fe1a85ec53
	return z ^ z>>33
}

// at returns a copy of s positioned after its first n outputs: the source a
// worker uses for the rows that start at output n.
func (s *Source) at(n uint64) Source { return Source{key: s.key, gamma: s.gamma, n: n} }

// fill stores the next len(dst) outputs of s in dst, bit for bit as float64
// (math.Float64frombits), or as uniformOpen of them if uniform, and advances
// s. Whole groups of lanes come from the slice kernel splitmixBody; both it
// and the scalar tail compute x_i from i alone.
func (s *Source) fill(dst []float64, uniform bool) {
	n := splitmixBody(dst, s.key+(s.n+1)*s.gamma, s.gamma, uniform)
	splitmixGo(dst[n:], s.key+(s.n+uint64(n)+1)*s.gamma, s.gamma, uniform)
	s.n += uint64(len(dst))
}

// splitmixGo is the pure-Go twin of the assembly splitmixBody: it stores
// splitmix(z + i gamma) in dst[i] for every i < len(dst), bit for bit, or
// uniformOpen of it if uniform, and returns len(dst).
func splitmixGo(dst []float64, z, gamma uint64, uniform bool) int {
	if uniform {
		for i := range dst {
			dst[i] = uniformOpen(splitmix(z))
			z += gamma
		}
		return len(dst)
	}
	for i := range dst {
		dst[i] = math.Float64frombits(splitmix(z))
		z += gamma
	}
	return len(dst)
}
