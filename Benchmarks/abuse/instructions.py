#!/usr/bin/env python3
"""Instructions per byte of `malmoi abuse scan`, counted by valgrind (callgrind), before and after.

Timing is noisy on a shared machine; instruction counts are not. This script builds the same
comment-like corpus as bench_scan.py (seeded), runs each binary under `valgrind --tool=callgrind`
once on an empty input (start-up: argument parsing, lexicon compilation) and once on the corpus,
and reports the difference per input byte, so that the scanning itself is compared. With
`--baseline`, it also checks that both binaries write byte-identical output and prints the ratio.

valgrind cannot read the DWARF of a Swift release build, so each binary is copied without its
debug sections (`objcopy --strip-debug`) first; the code is the same.

Usage:
    python3 Benchmarks/abuse/instructions.py [--malmoi .build/release/malmoi] [--baseline OTHER]
        [--megabytes 1] [--scan-args "--morph"] [--corpus FILE]
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import bench_scan  # noqa: E402  (same corpus generator)


def instructions(binary, path, extra, tmp):
    out = pathlib.Path(tmp) / "callgrind.out"
    with open(path, "rb") as source:
        # Swift seeds its hashing at random per process; fixed, the start-up costs the same every run.
        env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary,
                               "abuse", "scan", "--input", "text", *extra],
                              stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False, env=env)
    if proc.returncode != 0:
        sys.exit(f"{binary} failed under valgrind: {proc.stderr.decode()[-2000:]}")
    match = re.search(rb"Collected : (\d+)", proc.stderr)
    if not match:
        sys.exit("no instruction count in valgrind's output")
    return int(match.group(1)), proc.stdout


def measure(binary, corpus, extra, tmp):
    stripped = pathlib.Path(tmp) / (pathlib.Path(binary).name + f".{abs(hash(binary))}.nodebug")
    subprocess.run(["objcopy", "--strip-debug", binary, str(stripped)], check=True)
    empty = pathlib.Path(tmp) / "empty.txt"
    empty.write_bytes(b"")
    startup, _ = instructions(str(stripped), empty, extra, tmp)
    total, output = instructions(str(stripped), corpus, extra, tmp)
    return startup, total, output


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build" / "release" / "malmoi"))
    parser.add_argument("--baseline", help="another malmoi binary to compare with (e.g. main's release build)")
    parser.add_argument("--megabytes", type=int, default=1)
    parser.add_argument("--corpus", help="scan this file instead of the generated corpus")
    parser.add_argument("--scan-args", default="", help="extra arguments for abuse scan, e.g. \"--morph\"")
    args = parser.parse_args()
    for tool in ("valgrind", "objcopy"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (apt-get install valgrind binutils)")
    extra = args.scan_args.split()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(args.corpus) if args.corpus else pathlib.Path(tmp) / "corpus.txt"
        if not args.corpus:
            bench_scan.make_corpus(corpus, args.megabytes, args.baseline or args.malmoi)
        size = corpus.stat().st_size
        runs = [("malmoi", args.malmoi)] + ([("baseline", args.baseline)] if args.baseline else [])
        results = {}
        for name, binary in runs:
            startup, total, output = measure(binary, corpus, extra, tmp)
            per_byte = (total - startup) / size
            results[name] = (per_byte, output)
            print(f"{name}: {total:,} instructions, start-up {startup:,}; scanning {per_byte:.1f} instructions/byte "
                  f"(= M per MB) on {size / 1e6:.2f} MB")
        if args.baseline:
            same = results["malmoi"][1] == results["baseline"][1]
            print(f"ratio baseline/malmoi = {results['baseline'][0] / results['malmoi'][0]:.2f} (instructions per byte); "
                  f"output {'identical' if same else 'DIFFERS'}")
            if not same:
                sys.exit(1)


if __name__ == "__main__":
    main()
