#!/usr/bin/env python3
"""Generate the agreement benchmark data: N items x R coders, Q categories, a share of cells missing.

Writes, into OUT_DIR:
  data.jsonl   long format, one annotation per line ({"item","annotator","label"}; labels are 0..Q-1)
  matrix.bin   the same data as int8, coder-major (R rows of N), -1 = missing
  meta.json    {"items", "coders", "categories", "missing", "seed", "annotations"}

Each item has a true category; a coder gives it with probability 0.7, else a neighbouring or random one,
so every coefficient lands in a realistic range.
"""
import argparse
import json
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--coders", type=int, default=3)
    ap.add_argument("--categories", type=int, default=10)
    ap.add_argument("--missing", type=float, default=0.10)
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    n, r, q = args.items, args.coders, args.categories
    truth = rng.integers(0, q, size=n)
    data = np.repeat(truth[None, :], r, axis=0)
    noisy = rng.random((r, n)) > 0.7
    shift = rng.choice([-1, 1], size=(r, n))
    random_pick = rng.integers(0, q, size=(r, n))
    near = np.clip(data + shift, 0, q - 1)
    data = np.where(noisy, np.where(rng.random((r, n)) < 0.6, near, random_pick), data)
    missing = rng.random((r, n)) < args.missing
    matrix = np.where(missing, -1, data).astype(np.int8)
    matrix.tofile(os.path.join(args.out_dir, "matrix.bin"))
    count = 0
    with open(os.path.join(args.out_dir, "data.jsonl"), "w") as out:
        lines = []
        for unit in range(n):
            for coder in range(r):
                v = matrix[coder, unit]
                if v >= 0:
                    lines.append(f'{{"item":"i{unit:07d}","annotator":"c{coder}","label":{v}}}\n')
            if len(lines) > 100_000:
                count += len(lines)
                out.writelines(lines)
                lines = []
        count += len(lines)
        out.writelines(lines)
    meta = {"items": n, "coders": r, "categories": q, "missing": args.missing, "seed": args.seed,
            "annotations": count}
    with open(os.path.join(args.out_dir, "meta.json"), "w") as f:
        json.dump(meta, f)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
