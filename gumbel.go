// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"

	"gonum.org/v1/gonum/mat"
)

// Sentinel errors. Every panic raised by this package carries an error value
// whose message starts with "gumbel: " and names the function and the bad
// value; errors.Is matches it against exactly one of these sentinels:
//
//	defer func() {
//		if err, ok := recover().(error); ok && errors.Is(err, gumbel.ErrTemperature) { ... }
//	}()
var (
	// ErrTemperature: a temperature that is not a finite number > 0.
	ErrTemperature = errors.New("temperature must be finite and > 0")
	// ErrEmpty: a vector or matrix with no element.
	ErrEmpty = errors.New("empty input")
	// ErrLength: vectors or matrices whose lengths or shapes do not match.
	ErrLength = errors.New("length mismatch")
	// ErrParameter: any other parameter outside its domain (a schedule's
	// rate, a count k larger than the number of categories, ...).
	ErrParameter = errors.New("parameter out of range")
)

// Error is the type of every value this package panics with.
type Error struct {
	Op  string // the function that panicked, e.g. "GumbelSoftmax"
	Msg string // what was wrong, with the offending value
	Err error  // one of the sentinels ErrTemperature, ErrEmpty, ErrLength, ErrParameter
}

func (e *Error) Error() string { return "gumbel: " + e.Op + ": " + e.Msg }

// Unwrap returns the sentinel, so that errors.Is(e, ErrTemperature) works.
func (e *Error) Unwrap() error { return e.Err }

// panicf raises an *Error. It is the only place the package panics from.
func panicf(op string, sentinel error, format string, args ...any) {
	panic(&Error{Op: op, Msg: fmt.Sprintf(format, args...), Err: sentinel})
}

// checkTau panics unless tau is finite and > 0.
func checkTau(op string, tau float64) {
	if !(tau > 0) || math.IsInf(tau, 1) {
		panicf(op, ErrTemperature, "temperature %v is not finite and > 0", tau)
	}
}

// checkNonEmpty panics if n == 0.
func checkNonEmpty(op string, n int) {
	if n == 0 {
		panicf(op, ErrEmpty, "no logits")
	}
}

// checkLen panics unless got == want.
func checkLen(op, what string, got, want int) {
	if got != want {
		panicf(op, ErrLength, "%s has length %d, want %d", what, got, want)
	}
}

// checkGen panics with ErrParameter if g is nil or a zero Generator (one not
// made by New or NewSeeded, so with no source to draw from).
func (g *Generator) checkGen(op string) {
	if g == nil || g.src == nil {
		panicf(op, ErrParameter, "the Generator has no source: make it with New or NewSeeded")
	}
}

// isNil reports whether x is nil or a nil pointer in an interface (a
// (*mat.Dense)(nil) passed as a mat.Matrix, say).
func isNil(x any) bool {
	if x == nil {
		return true
	}
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func:
		return v.IsNil()
	}
	return false
}

// checkVector panics with ErrParameter if v is nil (see isNil).
func checkVector(op, what string, v mat.Vector) {
	if isNil(v) {
		panicf(op, ErrParameter, "%s is a nil mat.Vector", what)
	}
}

// checkMatrix panics with ErrParameter if m is nil (see isNil).
func checkMatrix(op, what string, m mat.Matrix) {
	if isNil(m) {
		panicf(op, ErrParameter, "%s is a nil mat.Matrix", what)
	}
}

// batchArgs checks the generator, logits and tau of a batch form with one
// draw per row and returns the shape of logits: it panics with ErrParameter
// on a zero Generator or nil logits, with ErrTemperature unless tau is finite
// and > 0, and with ErrEmpty if logits has no row or no column (gonum has no
// matrix with 0 rows to return).
func (g *Generator) batchArgs(op string, logits mat.Matrix, tau float64) (r, c int) {
	g.checkGen(op)
	checkMatrix(op, "logits", logits)
	checkTau(op, tau)
	r, c = logits.Dims()
	checkNonEmpty(op, min(r, c))
	return r, c
}

// denseBatchArgs checks the logits and dst of a batch form that writes one
// row of dst per row of logits, and returns dst (allocated if nil), row
// access to logits and the number of rows. It panics with ErrParameter if
// logits is nil, with ErrEmpty if it has no row or no column (gonum has no
// matrix with 0 rows to return) and with ErrLength if dst has another shape.
func denseBatchArgs(op string, dst *mat.Dense, logits mat.Matrix) (*mat.Dense, rowSource, int) {
	checkMatrix(op, "logits", logits)
	r, c := logits.Dims()
	checkNonEmpty(op, min(r, c))
	if dst == nil {
		dst = mat.NewDense(r, c, nil)
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panicf(op, ErrLength, "dst is %d×%d, logits %d×%d", dr, dc, r, c)
	}
	return dst, rowsOf(logits), r
}

// batchVJPArgs checks the arguments of a batch VJP method for a draw of r×c:
// it panics with ErrParameter if grad is nil and with ErrLength unless grad,
// and dst if non-nil, are r×c; it returns dst (allocated if nil) and row
// access to grad.
func batchVJPArgs(op string, dst *mat.Dense, grad mat.Matrix, r, c int) (*mat.Dense, rowSource) {
	checkMatrix(op, "grad", grad)
	if gr, gc := grad.Dims(); gr != r || gc != c {
		panicf(op, ErrLength, "grad is %d×%d, want %d×%d", gr, gc, r, c)
	}
	if dst == nil {
		dst = mat.NewDense(r, c, nil)
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panicf(op, ErrLength, "dst is %d×%d, want %d×%d", dr, dc, r, c)
	}
	return dst, rowsOf(grad)
}

// checkDrawn panics with ErrParameter if a draw value of type what holds no
// draw (k == 0: a zero value, not filled by its ...To function).
func checkDrawn(op, what string, k int) {
	if k == 0 {
		panicf(op, ErrParameter, "zero %s: draw it with %sTo first", what, what)
	}
}

// Generator draws Gumbel-distributed noise and the samples built on it from a
// rand.Source. The same source state gives the same numbers on every platform.
//
// A Generator is not safe for concurrent use by multiple goroutines, because
// its Source is not (see math/rand/v2). The package-level functions use a
// concurrency-safe global source instead.
type Generator struct {
	src     rand.Source
	workers int // the bound SetMaxWorkers sets; <= 0: GOMAXPROCS
}

// New returns a Generator that draws from src. It panics with ErrParameter
// if src is nil.
func New(src rand.Source) *Generator {
	if src == nil {
		panicf("New", ErrParameter, "nil rand.Source")
	}
	return &Generator{src: src}
}

// NewSeeded returns a Generator drawing from NewSource(seed1, seed2), the
// package's vectorised counter-based generator: the shortest way to
// reproducible results, and the fastest source. Its batch forms may use
// several goroutines with the same results as one (see SetMaxWorkers).
func NewSeeded(seed1, seed2 uint64) *Generator {
	return New(NewSource(seed1, seed2))
}

// globalSource is a concurrency-safe rand.Source backed by math/rand/v2's
// top-level generator (a per-thread ChaCha8 seeded by the runtime).
type globalSource struct{}

func (globalSource) Uint64() uint64 { return rand.Uint64() }

// global serves the package-level functions. It holds no mutable state of its
// own, so it is safe for concurrent use.
var global = &Generator{src: globalSource{}}

// uniformOpen maps 64 random bits to a uniform float64 in the open interval
// (0, 1): (m + 1/2) * 2^-52 with m the top 52 bits, so the result lies in
// [2^-53, 1 - 2^-53], both ends exactly representable. Neither 0 nor 1 can
// occur, so log(u) and log(1-u) are finite for every source output, including
// a source that returns 0 or 2^64-1 forever.
//
// It is computed as (1 + m 2^-52) - (1 - 2^-53): the first term is m placed
// in the significand of a number in [1, 2), and the subtraction is exact
// (Sterbenz), so the result is (m + 1/2) 2^-52 without an integer-to-float
// conversion, and the same bits as the AVX2 kernels' UNIFORM.
func uniformOpen(bits uint64) float64 {
	return math.Float64frombits(0x3ff0000000000000|bits>>12) - (1 - 0x1p-53)
}

// Uniform returns a uniform float64 in the open interval (0, 1), in
// [2^-53, 1-2^-53] exactly. It consumes one value of the source.
func (g *Generator) Uniform() float64 { return uniformOpen(g.src.Uint64()) }

// gumbelFromBits maps 64 random bits to a standard Gumbel draw
// G = -log(-log(U)) with U = uniformOpen(bits) (inverse-CDF method). The result
// lies in [-log(-log(2^-53)), -log(-log(1-2^-53))] ≈ [-3.6, 36.7], always
// finite.
//
// It uses the portable logarithm kernel (negLog, fastmath.go), as the
// block kernels do a slice at a time, so that they give the same bits.
func gumbelFromBits(bits uint64) float64 {
	return negLog(negLog(uniformOpen(bits))) // U and E are positive normals
}

// Gumbel returns one standard Gumbel(0, 1) draw, with CDF exp(-exp(-x)),
// mean γ ≈ 0.5772 (Euler–Mascheroni) and variance π²/6. It is always finite,
// in about [-3.6, 36.7]. It consumes one value of the source.
func (g *Generator) Gumbel() float64 { return gumbelFromBits(g.src.Uint64()) }

// Uniform returns a uniform float64 in (0, 1) from the global source. See
// Generator.Uniform.
func Uniform() float64 { return global.Uniform() }

// Gumbel returns one standard Gumbel(0, 1) draw from the global source. See
// Generator.Gumbel.
func Gumbel() float64 { return global.Gumbel() }
