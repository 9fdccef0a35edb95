#!/bin/sh
# Copyright 2026 The gumbel Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.
#
# Compares the naive Go loops (BenchmarkNaiveX) with the library's kernels
# (BenchmarkX) with benchstat, renaming the naive benchmarks so that each row
# pairs the two. Needs benchstat:
#
#	go install golang.org/x/perf/cmd/benchstat@latest
#	bench/compare/benchstat.sh [count] [benchtime]    # default 6 0.2s
set -eu
count=${1:-6}
benchtime=${2:-0.2s}
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
go test -run '^$' -bench . -benchtime "$benchtime" -count "$count" -benchmem . > "$out/all.txt"
grep -v '^Benchmark' "$out/all.txt" | grep -v '^PASS' | grep -v '^ok' > "$out/header.txt"
{ cat "$out/header.txt"; grep '^BenchmarkNaive' "$out/all.txt" | sed 's/^BenchmarkNaive/Benchmark/'; } > "$out/naive.txt"
{ cat "$out/header.txt"; grep '^Benchmark' "$out/all.txt" | grep -v '^BenchmarkNaive'; } > "$out/kernels.txt"
cd "$out" && benchstat naive.txt kernels.txt
