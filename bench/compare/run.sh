#!/bin/sh
# Copyright 2026 The gumbel Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.
#
# Runs the Go benchmarks and PyTorch's CPU equivalents side by side and prints
# the ratio table. Needs Go and Debian's python3-torch
# (apt-get install python3-torch); run from anywhere:
#
#	bench/compare/run.sh                    # 5 alternating repetitions
#	bench/compare/run.sh --reps 9 --benchtime 0.5s --raw /tmp/bench.txt
#	bench/compare/run.sh --tags noasm       # the pure-Go kernels
set -eu
exec /usr/bin/python3 "$(dirname "$0")/compare.py" "$@"
