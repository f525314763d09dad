#!/usr/bin/env python3
"""The abuse scan speed figure for a quiet machine: `malmoi abuse scan` against its Python peer, same run.

Builds nothing: takes the release binary from $MALMOI (or --malmoi). Generates bench_scan.py's seeded
comment-like corpus at 30 MB, then alternates five timed runs of each side after a warm-up:
- malmoi: `malmoi abuse scan --input text` (context rules on, the defaults), output to /dev/null;
- the peer: bench_scan.py's Python substring scan of the lexicon's standard spellings, in this process.
Prints, for each, the median wall-clock MB/s and the median MB per user-CPU-second (less sensitive to
other load than wall time), and the ratios malmoi/peer. Then counts, on the same corpus, the lines
holding a candidate (`--explain --min-score 0`): with `--morph` the analyzer is consulted at most once
for each of them and never for the others.

Usage: MALMOI=.build/release/malmoi python3 Benchmarks/abuse/quiet.py [--megabytes 30] [--runs 5]
"""
import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import bench_scan  # noqa: E402  (the corpus and the peer)

ROOT = pathlib.Path(__file__).resolve().parents[2]


def time_malmoi(malmoi, path):
    start = time.perf_counter()
    with open(path, "rb") as source, open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([malmoi, "abuse", "scan", "--input", "text"], stdin=source, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"malmoi abuse scan failed with status {status}")
    return wall, usage.ru_utime


def time_peer(path, stems):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    wall = bench_scan.peer_scan(path, stems)
    return wall, resource.getrusage(resource.RUSAGE_SELF).ru_utime - before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=os.environ.get("MALMOI"))
    parser.add_argument("--megabytes", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.malmoi or not os.access(args.malmoi, os.X_OK):
        sys.exit("set MALMOI to the release malmoi binary (this script builds nothing)")
    lexicon = json.loads((ROOT / "Guidelines" / "abuse" / "lexicon.json").read_text(encoding="utf-8"))
    stems = sorted({entry.get("stem", entry["canonical"]) for entry in lexicon["entries"]})
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "corpus.txt"
        size = bench_scan.make_corpus(corpus, args.megabytes, args.malmoi)
        megabytes = size / 1e6
        time_malmoi(args.malmoi, corpus)  # warm-up: page cache, binary
        time_peer(corpus, stems)
        ours, peer = [], []
        for _ in range(args.runs):  # alternated, so both sides see the same load
            ours.append(time_malmoi(args.malmoi, corpus))
            peer.append(time_peer(corpus, stems))
        wall = statistics.median(w for w, _ in ours)
        cpu = statistics.median(u for _, u in ours)
        peer_wall = statistics.median(w for w, _ in peer)
        peer_cpu = statistics.median(u for _, u in peer)
        print(f"corpus: {megabytes:.1f} MB ({args.malmoi}), medians of {args.runs} runs after a warm-up")
        print(f"malmoi abuse scan: {megabytes / wall:.1f} MB/s wall ({wall:.2f} s), "
              f"{megabytes / cpu:.1f} MB per user-CPU-second (target >= 20 MB/s)")
        print(f"peer (Python substring scan of {len(stems)} stems): {megabytes / peer_wall:.1f} MB/s wall, "
              f"{megabytes / peer_cpu:.1f} MB per user-CPU-second")
        print(f"ratio malmoi/peer: {peer_wall / wall:.2f} wall, {peer_cpu / cpu:.2f} user CPU")
        with open(corpus, "rb") as source:
            out = subprocess.run([args.malmoi, "abuse", "scan", "--input", "text", "--explain", "--min-score", "0"],
                                 stdin=source, capture_output=True, check=True).stdout.decode("utf-8").splitlines()
        with_candidates = sum(1 for line in out if '"candidates":' in line)
        print(f"lines with a candidate (with --morph the analyzer is consulted at most once each, never for the rest): "
              f"{with_candidates} of {len(out)} ({100 * with_candidates / len(out):.1f} %)")


if __name__ == "__main__":
    main()
