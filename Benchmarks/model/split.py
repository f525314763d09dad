#!/usr/bin/env python3
"""Split the shared development halves into train/test files (fixed seed) outside the project.

Usage: python3 Benchmarks/model/split.py [--data ../shared/data/abuse] [--out /tmp/malmoi-model-split]
       [--test 0.2] [--seed 13]
Writes OUT/{curse,kmhas}_{train,test}.jsonl with {"text", "label"} lines (label 0/1 as integers).
"""
import argparse, json, os, random, sys

def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data", "abuse"))
    ap.add_argument("--out", default="/tmp/malmoi-model-split")
    ap.add_argument("--test", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print(f"skipped: {args.data} is not present", file=sys.stderr)
        return 0
    os.makedirs(args.out, exist_ok=True)
    for name in ("curse", "kmhas"):
        with open(os.path.join(args.data, f"{name}_dev.jsonl"), encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        rows = [{"text": r["text"], "label": int(r["label"])} for r in rows]
        random.Random(args.seed).shuffle(rows)
        cut = int(round(len(rows) * (1 - args.test)))
        for part, chunk in (("train", rows[:cut]), ("test", rows[cut:])):
            with open(os.path.join(args.out, f"{name}_{part}.jsonl"), "w", encoding="utf-8") as f:
                for r in chunk:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{name}: {cut} train, {len(rows) - cut} test", file=sys.stderr)
    return 0

if __name__ == "__main__":
    sys.exit(main())
