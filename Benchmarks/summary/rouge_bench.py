#!/usr/bin/env python3
"""Times ROUGE-1/2/L(+Lsum) over 100,000 summary pairs of morpheme tokens: malmoi vs rouge-score.

    pip install rouge-score
    swift build -c release && python3 Benchmarks/summary/rouge_bench.py [--malmoi .build/release/malmoi] [--pairs 100000]

The pairs (pairs.py) are split into morphemes once by `malmoi morph --format wakati`; both tools then
score the same space-separated tokens (malmoi with --tokenize eojeol, rouge-score with a whitespace
tokenizer), so only the scoring is compared. Malmoi's time is the median of 5 runs after a warm-up
(the whole process: reading, scoring, writing JSON); rouge-score's is the median of 3 runs over the
same pairs with rouge1/rouge2/rougeL in one scorer. Prints both, the wall-time ratio (target >= 10x)
and the CPU-time ratio, which is steadier when other jobs share the machine.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pairs as pairmaker  # noqa: E402
from rouge_crosscheck import WhitespaceTokenizer, morphemes  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--malmoi", default=os.path.join(pairmaker.ROOT, ".build/release/malmoi"))
    parser.add_argument("--pairs", type=int, default=100_000)
    args = parser.parse_args()
    tokenized = morphemes(args.malmoi, pairmaker.make_pairs(args.pairs))
    tokens = sum(len(a.split()) + len(b.split()) for a, b in tokenized)
    print(f"{len(tokenized)} pairs, {tokens / len(tokenized):.1f} morpheme tokens per pair")
    with tempfile.TemporaryDirectory() as tmp:
        ref, hyp = os.path.join(tmp, "ref.jsonl"), os.path.join(tmp, "hyp.jsonl")
        with open(ref, "w", encoding="utf-8") as r, open(hyp, "w", encoding="utf-8") as h:
            for a, b in tokenized:
                r.write(json.dumps(a, ensure_ascii=False) + "\n")
                h.write(json.dumps(b, ensure_ascii=False) + "\n")
        base = [args.malmoi, "summary", "rouge", "--ref", ref, "--hyp", hyp, "--input", "jsonl",
                "--tokenize", "eojeol", "--sentences", "newlines", "--format", "json"]
        # The same work as the peer (R1/R2/RL) on one core, and the default (all four variants, all cores).
        configurations = {
            "same work, 1 core": base + ["--metrics", "rouge1,rouge2,rougeL", "--jobs", "1"],
            "default (R1/R2/RL/RLsum, all cores)": base,
        }
        ours = {}
        for name, command in configurations.items():
            subprocess.run(command, check=True, capture_output=True)
            wall, cpu = [], []
            for _ in range(5):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                wall.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            ours[name] = (wall, cpu)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=WhitespaceTokenizer())
    theirs, theirs_cpu = [], []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        for a, b in tokenized:
            scorer.score(a, b)
        theirs.append(time.perf_counter() - start)
        theirs_cpu.append(time.process_time() - cpu)
    t, tc = statistics.median(theirs), statistics.median(theirs_cpu)
    print(f"rouge-score 0.1.2 (R1/R2/RL, in-process): median {t:.3f} s wall, {tc:.3f} s CPU  (runs {', '.join(f'{x:.3f}' for x in theirs)})")
    for name, (wall, cpu) in ours.items():
        m, mc = statistics.median(wall), statistics.median(cpu)
        print(f"malmoi summary rouge, {name}, whole process: median {m:.3f} s wall, {mc:.3f} s CPU  (runs {', '.join(f'{x:.3f}' for x in wall)})")
        print(f"  ratio: {t / m:.1f}x faster in wall time, {tc / mc:.1f}x in CPU time (target >= 10x)")

if __name__ == "__main__":
    main()
