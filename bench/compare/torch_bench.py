# Copyright 2026 The gumbel Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.

"""PyTorch's CPU equivalents of the Go benchmarks in bench_test.go.

One thread, float64 (the *32 ops: float32), a batch of 256 rows of k standard normal logits,
k = 10, 100, 1000, tau = 0.5. Prints one JSON object per line:
{"op": ..., "k": ..., "ns_per_elem": ..., "cpu_ns_per_elem": ...} for each
repetition: wall-clock and process CPU time per logit.
Run with Debian's python3-torch: /usr/bin/python3 torch_bench.py
"""

import argparse
import json
import time

import torch
import torch.nn.functional as F

ROWS = 256
TAU = 0.5
SIZES = (10, 100, 1000)


def ops(k):
    """The operations, each a function of no argument, for rows of k logits."""
    g = torch.Generator().manual_seed(k)
    x = torch.randn(ROWS, k, dtype=torch.float64, generator=g)
    w = torch.randn(ROWS, k, dtype=torch.float64, generator=g)  # an arbitrary upstream gradient
    xg = x.clone().requires_grad_(True)
    x32 = x.to(torch.float32)

    def soft():
        with torch.no_grad():
            F.gumbel_softmax(x, tau=TAU, hard=False)

    def soft07():
        with torch.no_grad():
            F.gumbel_softmax(x, tau=0.7, hard=False)

    def soft32():
        with torch.no_grad():
            F.gumbel_softmax(x32, tau=TAU, hard=False)

    def soft07_32():
        with torch.no_grad():
            F.gumbel_softmax(x32, tau=0.7, hard=False)

    def hard32():
        with torch.no_grad():
            F.gumbel_softmax(x32, tau=TAU, hard=True)

    def hard():
        with torch.no_grad():
            F.gumbel_softmax(x, tau=TAU, hard=True)

    def straight_through():
        # hard forward, then the straight-through backward pass (a VJP)
        y = F.gumbel_softmax(xg, tau=TAU, hard=True)
        (y * w).sum().backward()
        xg.grad = None

    def categorical():
        torch.distributions.Categorical(logits=x).sample()

    def gumbel():
        # the noise F.gumbel_softmax draws
        -torch.empty_like(x).exponential_().log()

    def uniform():
        torch.rand(ROWS, k, dtype=torch.float64)

    return {
        "soft": soft,
        "soft07": soft07,
        "soft32": soft32,
        "soft07_32": soft07_32,
        "hard32": hard32,
        "hard": hard,
        "straight_through": straight_through,
        "categorical": categorical,
        "gumbel": gumbel,
        "uniform": uniform,
    }


def measure(fn, elems, min_time):
    """Returns the wall-clock and the process CPU time of fn in ns per
    element, timed over enough calls to last min_time seconds."""
    fn()  # warm up
    n = 1
    while True:
        t0, c0 = time.perf_counter_ns(), time.process_time_ns()
        for _ in range(n):
            fn()
        dt, dc = time.perf_counter_ns() - t0, time.process_time_ns() - c0
        if dt >= min_time * 1e9:
            return dt / n / elems, dc / n / elems
        n *= 2 if dt < min_time * 1e8 else max(2, int(min_time * 1e9 / max(dt, 1) * 1.2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--min-time", type=float, default=0.2)
    args = ap.parse_args()
    torch.set_num_threads(1)
    for _ in range(args.reps):
        for k in SIZES:
            for name, fn in ops(k).items():
                ns, cpu = measure(fn, ROWS * k, args.min_time)
                print(json.dumps({"op": name, "k": k, "ns_per_elem": ns, "cpu_ns_per_elem": cpu}), flush=True)


if __name__ == "__main__":
    main()
