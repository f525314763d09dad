#!/usr/bin/env python3
"""Throughput and peak memory of `malmoi abuse scan` on a generated comment-like corpus.

Generates a deterministic corpus of short Korean comments (written here from a small vocabulary;
about 1 line in 12 carries a disguised profanity produced by `malmoi abuse variants`), then times
`malmoi abuse scan` over it (after a warm-up run) and reports the median MB/s and the peak resident
memory. A second, smaller corpus shows that peak memory does not grow with the input. The peer is a
plain substring scan of the lexicon's standard spellings in Python on the same corpus (what a simple
filter does); the ratio printed is malmoi's throughput over the peer's.

The context rules (numbers, innocent senses, split words …) are always on. `--scan-args "--morph"`
times the scan with the morpheme analyzer as well; the script then also reports how many lines hold a
candidate (the analyzer is consulted at most once for each of them and never for the others).

Usage:
    python3 Benchmarks/abuse/bench_scan.py [--malmoi .build/release/malmoi] [--megabytes 100] [--runs 3]
        [--scan-args "--morph"]
"""
import argparse
import json
import os
import pathlib
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

WORDS = ("오늘 진짜 너무 경기 선수 감독 드라마 배우 노래 기사 댓글 정부 정치 국민 사람 생각 이거 저거 그냥 완전 "
         "대박 웃기네 재밌다 별로 최고 실망 응원 합니다 했어요 같아요 그런데 그래서 왜 뭐 어디 언제 한국 일본 중국 "
         "미국 서울 부산 학교 회사 친구 가족 엄마 아빠 동생 시즌2 10년 18세 3월 1위 ㅋㅋㅋ ㅎㅎ ㅠㅠ ^^ ... !! ?? "
         "시발점 수박씨 어미 딸내미 새끼손가락 강아지 신발 가방을 뒤져 불이 꺼져").split()


def make_corpus(path, megabytes, malmoi, seed=7):
    rng = random.Random(seed)
    disguised = []
    for technique, message in [("choseong", "씨발 진짜"), ("insertion", "병신 같은"), ("spacing", "미친 놈"),
                               ("jamo_decomp", "개새끼 꺼져"), ("elongation", "존나 웃기네"), ("digit_homophone", "아 씨발"),
                               ("keyboard_2set", "지랄 하네"), ("emoji_sub", "개돼지 취급"), ("masking", "좆같은 날")]:
        out = subprocess.run([malmoi, "abuse", "variants", "--technique", technique, "--count", "20", "--seed", "3", message],
                             capture_output=True, text=True, check=True).stdout.split("\n")
        disguised += [line for line in out if line]
    target = megabytes * 1_000_000
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < target:
            words = [rng.choice(WORDS) for _ in range(rng.randint(4, 18))]
            if rng.random() < 1 / 12:
                words.insert(rng.randrange(len(words) + 1), rng.choice(disguised))
            line = " ".join(words) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
    return written


def run_scan(malmoi, path, extra=()):
    start = time.perf_counter()
    with open(path, "rb") as source, open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([malmoi, "abuse", "scan", "--input", "text", *extra], stdin=source, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"malmoi abuse scan failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024  # MiB (Linux reports KiB)


def peer_scan(path, stems):
    start = time.perf_counter()
    flagged = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if any(stem in line for stem in stems):
                flagged += 1
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build" / "release" / "malmoi"))
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="keep the corpus at this path")
    parser.add_argument("--scan-args", default="", help="extra arguments for a second timed configuration, e.g. \"--morph\"")
    args = parser.parse_args()
    lexicon = json.loads((ROOT / "Guidelines" / "abuse" / "lexicon.json").read_text(encoding="utf-8"))
    stems = sorted({entry.get("stem", entry["canonical"]) for entry in lexicon["entries"]})
    with tempfile.TemporaryDirectory() as tmp:
        big = pathlib.Path(args.keep or pathlib.Path(tmp) / "big.txt")
        small = pathlib.Path(tmp) / "small.txt"
        size = make_corpus(big, args.megabytes, args.malmoi)
        small_size = make_corpus(small, max(1, args.megabytes // 10), args.malmoi)
        run_scan(args.malmoi, small)  # warm-up (page cache, binary)
        times, peaks = [], []
        for _ in range(args.runs):
            elapsed, peak = run_scan(args.malmoi, big)
            times.append(elapsed)
            peaks.append(peak)
        _, small_peak = run_scan(args.malmoi, small)
        peer = peer_scan(big, stems)
        median = statistics.median(times)
        mbps = size / 1e6 / median
        print(f"corpus: {size / 1e6:.1f} MB, {args.runs} runs after warm-up")
        print(f"malmoi abuse scan: median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}) = {mbps:.1f} MB/s (target >= 20)")
        print(f"peak RSS: {max(peaks):.1f} MiB on {size / 1e6:.0f} MB, {small_peak:.1f} MiB on {small_size / 1e6:.0f} MB")
        print(f"peer (Python substring scan of {len(stems)} stems): {peer:.2f} s = {size / 1e6 / peer:.1f} MB/s; "
              f"ratio malmoi/peer = {peer / median:.2f}")
        if args.scan_args:
            extra = args.scan_args.split()
            run_scan(args.malmoi, small, extra)
            times = [run_scan(args.malmoi, big, extra)[0] for _ in range(args.runs)]
            median_extra = statistics.median(times)
            print(f"malmoi abuse scan {args.scan_args}: median {median_extra:.2f} s = {size / 1e6 / median_extra:.1f} MB/s; "
                  f"ratio to peer = {peer / median_extra:.2f}")
            with open(small, "rb") as source:
                out = subprocess.run([args.malmoi, "abuse", "scan", "--input", "text", "--explain", "--min-score", "0"],
                                     stdin=source, capture_output=True, check=True).stdout.decode("utf-8").splitlines()
            with_candidates = sum(1 for line in out if '"candidates":' in line)
            print(f"lines with a candidate (analyzer consulted at most once each): {with_candidates} of {len(out)} "
                  f"({100 * with_candidates / len(out):.1f} %)")


if __name__ == "__main__":
    main()
