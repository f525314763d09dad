#!/usr/bin/env python3
"""Cross-checks `malmoi summary rouge` against rouge-score and korouge-score on the same tokens.

    pip install rouge-score korouge-score
    python3 Benchmarks/summary/rouge_crosscheck.py [--malmoi .build/release/malmoi] [--pairs 2000]

For eojeol tokens (and for character tokens, given to korouge-score as space-separated characters)
every pair's rouge1/rouge2/rougeL/rougeLsum precision, recall and F from Malmoi must equal both
packages' to 1e-9. rouge-score is given a tokenizer that keeps Hangul (its default one drops it).
With --morph, the texts are first split into morphemes by `malmoi morph --format wakati` and the
same check runs on those tokens. Exits 1 on any difference.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pairs as pairmaker  # noqa: E402

from rouge_score import rouge_scorer  # noqa: E402
from korouge_score import rouge_scorer as korouge_scorer  # noqa: E402

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


class WhitespaceTokenizer:
    def tokenize(self, text):
        return text.lower().split()


class CharacterTokenizer:
    def tokenize(self, text):
        return [c for c in text.lower() if not c.isspace()]


def malmoi_scores(binary, pairs, mode):
    with tempfile.TemporaryDirectory() as tmp:
        ref, hyp = os.path.join(tmp, "ref.jsonl"), os.path.join(tmp, "hyp.jsonl")
        with open(ref, "w", encoding="utf-8") as r, open(hyp, "w", encoding="utf-8") as h:
            for a, b in pairs:
                r.write(json.dumps(a, ensure_ascii=False) + "\n")
                h.write(json.dumps(b, ensure_ascii=False) + "\n")
        out = subprocess.run([binary, "summary", "rouge", "--ref", ref, "--hyp", hyp, "--input", "jsonl",
                              "--tokenize", mode, "--sentences", "newlines", "--format", "json"],
                             check=True, capture_output=True).stdout
    return json.loads(out)["pairs"]


def morphemes(binary, pairs):
    lines = []
    for a, b in pairs:
        lines += a.split("\n") + b.split("\n")
    out = subprocess.run([binary, "morph", "--format", "wakati"], input="\n".join(lines) + "\n",
                         check=True, capture_output=True, text=True).stdout.split("\n")
    it = iter(out)
    result = []
    for a, b in pairs:
        ta = "\n".join(next(it).strip() for _ in a.split("\n"))
        tb = "\n".join(next(it).strip() for _ in b.split("\n"))
        result.append((ta, tb))
    return result


def compare(name, ours, scorer, pairs, transform=lambda s: s):
    worst = 0.0
    for index, ((ref, hyp), mine) in enumerate(zip(pairs, ours)):
        theirs = scorer.score(transform(ref), transform(hyp))
        for t in TYPES:
            for key, attr in (("p", "precision"), ("r", "recall"), ("f", "fmeasure")):
                diff = abs(mine[t][key] - getattr(theirs[t], attr))
                worst = max(worst, diff)
                if diff > 1e-9:
                    print(f"{name}: pair {index} {t}.{key}: malmoi {mine[t][key]!r} vs {getattr(theirs[t], attr)!r}")
                    return worst, False
    print(f"{name}: {len(pairs)} pairs x 4 variants x P/R/F equal, largest difference {worst:.3g}")
    return worst, True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--malmoi", default=os.path.join(pairmaker.ROOT, ".build/release/malmoi"))
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--morph", action="store_true", help="also check on morpheme tokens (needs mecab-ko-dic)")
    args = parser.parse_args()
    pairs = pairmaker.make_pairs(args.pairs)
    ok = True
    eojeol = malmoi_scores(args.malmoi, pairs, "eojeol")
    _, good = compare("eojeol vs rouge-score", eojeol, rouge_scorer.RougeScorer(TYPES, tokenizer=WhitespaceTokenizer()), pairs)
    ok &= good
    _, good = compare("eojeol vs korouge-score", eojeol, korouge_scorer.RougeScorer(TYPES), pairs)
    ok &= good
    chars = malmoi_scores(args.malmoi, pairs, "char")
    _, good = compare("char vs rouge-score", chars, rouge_scorer.RougeScorer(TYPES, tokenizer=CharacterTokenizer()), pairs)
    ok &= good
    spaced = lambda s: "\n".join(" ".join(c for c in line if not c.isspace()) for line in s.split("\n"))
    _, good = compare("char vs korouge-score", chars, korouge_scorer.RougeScorer(TYPES), pairs, spaced)
    ok &= good
    if args.morph:
        tokenized = morphemes(args.malmoi, pairs)
        ours = malmoi_scores(args.malmoi, tokenized, "eojeol")
        _, good = compare("morph tokens vs rouge-score", ours, rouge_scorer.RougeScorer(TYPES, tokenizer=WhitespaceTokenizer()), tokenized)
        ok &= good
        _, good = compare("morph tokens vs korouge-score", ours, korouge_scorer.RougeScorer(TYPES), tokenized)
        ok &= good
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
