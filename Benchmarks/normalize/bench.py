#!/usr/bin/env python3
"""Benchmark `malmoi normalize --form nfkc` against `uconv -x any-nfkc` and a Python loop.

Builds three inputs of at least 50 MB: ordinary Korean text (already NFC) made by repeating the
sentences of the UD Korean GSD dev set (../shared) and Malmoi's own corpora (it holds characters such
as `…` that NFKC changes), the same text decomposed to NFD, and the same text already in NFKC (where
every tool can skip the work). Each tool runs --runs times per input after one warm-up; the script prints the
median and spread of wall time, peak RSS, and the ratio of each peer's median to Malmoi's
(> 1 means Malmoi is faster). Outputs are compared, so a wrong answer fails loudly.

Usage: python3 Benchmarks/normalize/bench.py [--malmoi .build/release/malmoi] [--mb 50] [--runs 5]
"""
import argparse, hashlib, os, resource, statistics, subprocess, sys, tempfile, time, unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")

def korean_lines():
    lines = []
    gsd = os.path.join(SHARED, "data", "ud-korean-gsd", "ko_gsd-ud-dev.conllu")
    with open(gsd, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                lines.append(line[len("# text = "):].rstrip("\n"))
    splits = os.path.join(ROOT, "Corpora", "sentences", "splits.txt")
    with open(splits, encoding="utf-8") as f:
        lines += [l[2:].rstrip("\n") for l in f if l.startswith("> ")]
    return [unicodedata.normalize("NFC", l) for l in lines]

def build_inputs(directory, megabytes):
    lines = korean_lines()
    block = ("\n".join(lines) + "\n").encode("utf-8")
    repeats = max(1, (megabytes * 1_000_000) // len(block) + 1)
    nfc_path = os.path.join(directory, "korean-nfc.txt")
    nfd_path = os.path.join(directory, "korean-nfd.txt")
    with open(nfc_path, "wb") as f:
        for _ in range(repeats):
            f.write(block)
    nfd_block = unicodedata.normalize("NFD", block.decode("utf-8")).encode("utf-8")
    with open(nfd_path, "wb") as f:
        for _ in range(repeats):
            f.write(nfd_block)
    # The same text already in NFKC: every tool can take its quick-check fast path on every line.
    nfkc_path = os.path.join(directory, "korean-nfkc.txt")
    nfkc_block = unicodedata.normalize("NFKC", block.decode("utf-8")).encode("utf-8")
    with open(nfkc_path, "wb") as f:
        for _ in range(repeats):
            f.write(nfkc_block)
    return [("NFC Korean", nfc_path), ("NFD Korean", nfd_path), ("NFKC-stable Korean", nfkc_path)]

def run(command, input_path, output_path):
    with open(input_path, "rb") as stdin, open(output_path, "wb") as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=stdin, stdout=stdout)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{command[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024  # MiB

def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--malmoi", default=os.path.join(ROOT, ".build", "release", "malmoi"))
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python_loop = ("import sys, unicodedata\n"
                   "w = sys.stdout.write\n"
                   "for line in sys.stdin:\n"
                   "    w(unicodedata.normalize('NFKC', line))\n")
    tools = [
        ("malmoi", [args.malmoi, "normalize", "--form", "nfkc"]),
        ("uconv", ["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "any-nfkc"]),
        ("python", [sys.executable, "-c", python_loop]),
    ]
    with tempfile.TemporaryDirectory() as directory:
        inputs = build_inputs(directory, args.mb)
        for label, path in inputs:
            size = os.path.getsize(path) / 1e6
            print(f"\n## {label}: {size:.1f} MB")
            results = {}
            digests = {}
            for name, command in tools:
                out = os.path.join(directory, f"out-{name}.txt")
                run(command, path, out)  # warm-up
                times, rss = [], []
                for _ in range(args.runs):
                    t, m = run(command, path, out)
                    times.append(t)
                    rss.append(m)
                digests[name] = digest(out)
                results[name] = (statistics.median(times), min(times), max(times), max(rss))
                print(f"{name:8s} median {results[name][0]:.3f} s (min {results[name][1]:.3f}, max {results[name][2]:.3f}), "
                      f"{size / results[name][0]:.0f} MB/s, peak RSS {results[name][3]:.1f} MiB")
            if len(set(digests.values())) != 1:
                sys.exit(f"outputs differ: {digests}")
            base = results["malmoi"][0]
            for name in ("uconv", "python"):
                print(f"ratio {name}/malmoi: {results[name][0] / base:.2f}x")
            print("outputs identical: yes")

if __name__ == "__main__":
    main()
