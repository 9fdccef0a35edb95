# Copyright 2026 The gumbel Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.

"""Runs the Go benchmarks of bench_test.go and PyTorch's equivalents
(torch_bench.py) in one go, alternating them so that both see the same load,
and prints the ratio table: medians of ns per element over the repetitions.

Usage (from anywhere): bench/compare/run.sh [--reps N] [--benchtime 0.2s] [--tags noasm]
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIZES = (10, 100, 1000)

# Each row of the table: label, our benchmark, the naive Go loop, torch's op.
ROWS = [
    ("soft sample", "GumbelSoftmax/soft", "NaiveGumbelSoftmax/soft", "soft"),
    ("soft sample, tau = 0.7", "GumbelSoftmax/soft-tau=0.7", "NaiveGumbelSoftmax/soft-tau=0.7", "soft07"),
    ("float32 soft sample", "GumbelSoftmax32/soft", "NaiveGumbelSoftmax/soft", "soft32"),
    ("float32 soft sample, tau = 0.7", "GumbelSoftmax32/soft-tau=0.7", "NaiveGumbelSoftmax/soft-tau=0.7", "soft07_32"),
    ("float32 hard sample (forward)", "GumbelSoftmax32/hard", "NaiveGumbelSoftmax/hard", "hard32"),
    ("hard sample (forward)", "GumbelSoftmax/hard", "NaiveGumbelSoftmax/hard", "hard"),
    ("hard + straight-through backward", "StraightThrough", "NaiveStraightThrough", "straight_through"),
    ("Gumbel-max (one index per row)", "GumbelMax", "NaiveGumbelMax", "categorical"),
    ("Categorical, inverse CDF (one index per row)", "Categorical", "NaiveCategorical", "categorical"),
    ("Gumbel noise", "SampleGumbel", "NaiveSampleGumbel", "gumbel"),
    ("uniforms (the floor)", "Floor", "NaiveFloor", "uniform"),
    ("uniforms, math/rand/v2 PCG", "FloorPCG", "NaiveFloor", "uniform"),
]
TORCH = {
    "soft": "F.gumbel_softmax(x, tau=0.5, hard=False)",
    "soft07": "F.gumbel_softmax(x, tau=0.7, hard=False)",
    "soft32": "F.gumbel_softmax(x32, tau=0.5, hard=False), float32",
    "soft07_32": "F.gumbel_softmax(x32, tau=0.7, hard=False), float32",
    "hard32": "F.gumbel_softmax(x32, tau=0.5, hard=True), float32",
    "hard": "F.gumbel_softmax(x, tau=0.5, hard=True)",
    "straight_through": "same, hard=True, then (y*w).sum().backward()",
    "categorical": "Categorical(logits=x).sample()",
    "gumbel": "-torch.empty_like(x).exponential_().log()",
    "uniform": "torch.rand(256, k, dtype=float64)",
}

# The benchmarks of the comparison; the package has others (top-k, estimators).
BENCHES = "^Benchmark(GumbelSoftmax|GumbelSoftmax32|StraightThrough|GumbelMax|Categorical|SampleGumbel|Floor|FloorPCG|Naive.*)$"
BENCH_RE = re.compile(r"^Benchmark(\S+?)/k=(\d+)(?:-\d+)?\s+\d+\s+(.*)$")
METRIC_RE = re.compile(r"([\d.]+) (\S+)")


def run_go(binary, benchtime):
    out = subprocess.run(
        [binary, "-test.run", "^$", "-test.bench", BENCHES, "-test.benchtime", benchtime, "-test.benchmem"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout
    res, lines = {}, []
    for line in out.splitlines():
        m = BENCH_RE.match(line)
        if m:
            lines.append(line)
            metrics = {unit: float(v) for v, unit in METRIC_RE.findall(m.group(3))}
            if "ns/elem" not in metrics:  # a benchmark outside the comparison
                continue
            res[(m.group(1), int(m.group(2)))] = (
                metrics["ns/elem"], metrics.get("cpu-ns/elem", float("nan")), int(metrics["allocs/op"]))
    return res, lines


def run_torch(min_time):
    out = subprocess.run(
        ["/usr/bin/python3", os.path.join(HERE, "torch_bench.py"), "--min-time", str(min_time)],
        check=True, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        d = json.loads(line)
        res[(d["op"], d["k"])] = (d["ns_per_elem"], d["cpu_ns_per_elem"])
    return res


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--benchtime", default="0.2s")
    ap.add_argument("--tags", default="")
    ap.add_argument("--raw", help="write the go test -bench lines of every repetition to this file")
    args = ap.parse_args()

    binary = os.path.join(tempfile.mkdtemp(), "gumbel.test")
    build = ["go", "test", "-c", "-o", binary]
    if args.tags:
        build += ["-tags", args.tags]
    subprocess.run(build + ["."], cwd=ROOT, check=True)

    go_runs, torch_runs, raw = [], [], []
    for rep in range(args.reps):
        print(f"repetition {rep + 1}/{args.reps}", file=sys.stderr, flush=True)
        res, lines = run_go(binary, args.benchtime)
        go_runs.append(res)
        raw += lines
        torch_runs.append(run_torch(float(args.benchtime.rstrip("s"))))
    if args.raw:
        with open(args.raw, "w") as f:
            f.write("\n".join(raw) + "\n")

    def go_med(name, k, col):
        return statistics.median(r[(name, k)][col] for r in go_runs)

    def go_allocs(name, k):
        return max(r[(name, k)][2] for r in go_runs)

    def torch_med(op, k, col):
        return statistics.median(r[(op, k)][col] for r in torch_runs)

    import torch  # only for the version
    goversion = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip()
    print(f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"CPU: {cpu_model()} ({os.cpu_count()} logical CPUs), one thread, float64 (float32 rows: float32 logits and samples; naive Go: the float64 loop), 256 rows, tau = 0.5")
    print(f"Go: {goversion}{' -tags ' + args.tags if args.tags else ''}; PyTorch: {torch.__version__} (torch.set_num_threads(1))")
    print(f"Command: bench/compare/run.sh --reps {args.reps} --benchtime {args.benchtime}"
          + (f" --tags {args.tags}" if args.tags else ""))
    print(f"Medians of {args.reps} alternating repetitions (Go benchmarks, then torch), per logit.")
    print()
    for col, title in ((0, "wall-clock time"), (1, "CPU time (process user+system; robust to other load)")):
        print(f"### {title}, ns per element")
        print()
        print("| operation | k | ours | allocs/op | torch | torch / ours | naive Go / ours | ours / floor |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, ours, naive, top in ROWS:
            for k in SIZES:
                o, n, t = go_med(ours, k, col), go_med(naive, k, col), torch_med(top, k, col)
                fl = go_med("Floor", k, col)
                print(f"| {label} | {k} | {o:.2f} | {go_allocs(ours, k)} | {t:.2f} | {t / o:.1f}x | {n / o:.1f}x | {o / fl:.2f} |")
        print()
    print()
    print("torch operations: " + "; ".join(f"{k}: {v}" for k, v in TORCH.items()))


if __name__ == "__main__":
    main()
