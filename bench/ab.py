#!/usr/bin/env python3
"""Times two or more builds of lede side by side on one command.

Usage: bench/ab.py [--runs N] LEDE_A,LEDE_B[,...] ARGS...

Runs `LEDE_X ARGS...` for every binary, N times each (default 40), alternating
the order from one round to the next so that every binary sees the same
machine load, with OPENBLAS_NUM_THREADS=1 and standard output discarded; then
prints each binary's median, first quartile and fastest wall time, and the
ratio of each median to the first binary's. On a shared machine whose speed
moves by tens of percent within minutes, this is how a change is measured:
against the build before it, in the same run (docs/performance.md).

Example, the build of a commit against the current one:
    git worktree add /tmp/before HEAD~1 && cmake -S /tmp/before -B /tmp/before/build
    cmake --build /tmp/before/build --target lede_cli
    bench/ab.py /tmp/before/build/lede,build/lede batch ../shared/data/news-dev/docs.jsonl
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("binaries")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args()
    binaries = opts.binaries.split(",")
    if len(binaries) < 2 or opts.runs < 1:
        parser.error("give at least two binaries, separated by commas, and --runs >= 1")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    times = {b: [] for b in binaries}
    for i in range(opts.runs):
        for b in binaries if i % 2 == 0 else binaries[::-1]:
            start = time.perf_counter()
            done = subprocess.run([b] + opts.args, stdout=subprocess.DEVNULL, env=env)
            times[b].append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"ab.py: {b} exited with status {done.returncode}")
    base = statistics.median(times[binaries[0]])
    for b in binaries:
        t = sorted(times[b])
        median = statistics.median(t)
        print(f"{b}: median {median * 1e3:.2f} ms, first quartile {t[len(t) // 4] * 1e3:.2f} ms, "
              f"fastest {t[0] * 1e3:.2f} ms, median / first's {median / base:.3f} "
              f"({opts.runs} runs)")


if __name__ == "__main__":
    main()
