// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleSource() {
	// The package's Source is a math/rand/v2 rand.Source: the same seed
	// gives math/rand/v2 users the same numbers as the Generator.
	r := rand.New(gumbel.NewSource(1, 2))
	g := gumbel.New(gumbel.NewSource(1, 2))
	fmt.Println(r.Uint64() == gumbel.NewSource(1, 2).Uint64(), g.Uniform() > 0)
	// Output:
	// true true
}

func ExampleNewSource() {
	// Two seeds: seed2 selects the sequence, seed1 the starting point.
	a, b := gumbel.NewSource(1, 2), gumbel.NewSource(1, 3)
	fmt.Println(a.Uint64() != b.Uint64())
	// Output:
	// true
}

func ExampleSource_Uint64() {
	s := gumbel.NewSource(1, 2)
	fmt.Printf("%#016x\n%#016x\n", s.Uint64(), s.Uint64())
	// Output:
	// 0xaefb7474b0c42fa1
	// 0x69af57bc0f3ab695
}

func ExampleSource_Seed() {
	// Seed rewinds a Source to the state NewSource gives.
	s := gumbel.NewSource(7, 8)
	first := s.Uint64()
	s.Uint64()
	s.Seed(7, 8)
	fmt.Println(s.Uint64() == first)
	// Output:
	// true
}

func ExampleSource_MarshalBinary() {
	// Save where a stream stands, and resume it later.
	s := gumbel.NewSource(1, 2)
	s.Uint64()
	state, _ := s.MarshalBinary()
	next := s.Uint64()
	var r gumbel.Source
	if err := r.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	fmt.Println(len(state), r.Uint64() == next)
	// Output:
	// 28 true
}

func ExampleSource_AppendBinary() {
	// The state appended to a buffer that already holds a header.
	buf := []byte("noise=")
	buf, _ = gumbel.NewSource(1, 2).AppendBinary(buf)
	fmt.Println(len(buf), string(buf[:10]))
	// Output:
	// 34 noise=smx:
}

func ExampleSource_UnmarshalBinary() {
	// A state of another generator is refused, and the Source is unchanged.
	s := gumbel.NewSource(1, 2)
	err := s.UnmarshalBinary([]byte("pcg:not a state"))
	fmt.Println(err)
	// Output:
	// gumbel: Source.UnmarshalBinary: not a Source state
}
