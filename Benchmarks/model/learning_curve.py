#!/usr/bin/env python3
"""Learning curve: random order against uncertainty order, with annotators simulated by gold labels.

Usage: python3 Benchmarks/model/learning_curve.py --malmoi .build/release/malmoi
       [--data ../shared/data/abuse] [--dataset kmhas|curse] [--step 500] [--test 0.2] [--seed 13]

The development half is split (fixed seed) into a pool and a held-out test part. Both orders start from
the same random first `step` labels. After every `step` labels `malmoi model train` is run on the labels so
far and `malmoi model eval` scores the held-out part (F1 of label 1). Random order takes the next `step`
items of a shuffled pool; uncertainty order runs `malmoi model predict` over the unlabeled pool and takes
the `step` items whose probabilities are closest to 0.5. Prints both curves, then how many labels the
uncertainty order needed to reach the random order's final F1, as a fraction of the random order's labels.
"""
import argparse, json, os, random, subprocess, sys, tempfile

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout

def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--malmoi", default=os.path.join(here, "..", "..", ".build", "release", "malmoi"))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data", "abuse"))
    ap.add_argument("--dataset", default="kmhas", choices=["kmhas", "curse"])
    ap.add_argument("--step", type=int, default=500)
    ap.add_argument("--test", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    source = os.path.join(args.data, f"{args.dataset}_dev.jsonl")
    if not os.path.exists(source):
        print(f"skipped: {source} is not present", file=sys.stderr)
        return 0
    with open(source, encoding="utf-8") as f:
        rows = [json.loads(l) for l in f if l.strip()]
    rows = [{"id": str(i), "text": r["text"], "label": int(r["label"])} for i, r in enumerate(rows)]
    rng = random.Random(args.seed)
    rng.shuffle(rows)
    cut = int(round(len(rows) * (1 - args.test)))
    pool, test = rows[:cut], rows[cut:]
    work = tempfile.mkdtemp(prefix="malmoi-curve-")
    test_path = os.path.join(work, "test.jsonl")
    write(test_path, test)
    model = os.path.join(work, "m.model")

    def f1(labeled):
        train = os.path.join(work, "train.jsonl")
        write(train, labeled)
        run([args.malmoi, "model", "train", "--data", train, "-o", model])
        result = json.loads(run([args.malmoi, "model", "eval", "--model", model, "--data", test_path, "--format", "json"]))
        return result["labels"].get("1", {}).get("f1", 0.0)

    curves = {}
    # Random order: the shuffled pool, in order.
    random_curve = []
    for n in range(args.step, len(pool) + args.step, args.step):
        n = min(n, len(pool))
        random_curve.append((n, f1(pool[:n])))
        print(f"random      {n:6d} labels  F1 {random_curve[-1][1]:.4f}", file=sys.stderr)
    curves["random"] = random_curve
    # Uncertainty order: the same first step, then the least certain items of the rest.
    labeled = pool[:args.step]
    rest = pool[args.step:]
    uncertain_curve = []
    while True:
        uncertain_curve.append((len(labeled), f1(labeled)))
        print(f"uncertainty {len(labeled):6d} labels  F1 {uncertain_curve[-1][1]:.4f}", file=sys.stderr)
        if not rest:
            break
        unlabeled = os.path.join(work, "pool.jsonl")
        write(unlabeled, [{"id": r["id"], "text": r["text"]} for r in rest])
        out = run([args.malmoi, "model", "predict", "--model", model, unlabeled])
        margin = {}
        for line in out.splitlines():
            p = json.loads(line)
            margin[p["id"]] = abs(p["scores"].get("1", 0.0) - 0.5)
        rest.sort(key=lambda r: (margin[r["id"]], r["id"]))
        labeled = labeled + rest[:args.step]
        rest = rest[args.step:]
    curves["uncertainty"] = uncertain_curve

    final_random = random_curve[-1][1]
    reached = next((n for n, f in uncertain_curve if f >= final_random), None)
    print(f"{args.dataset}: pool {len(pool)}, held-out {len(test)}, step {args.step}")
    print("labels   random   uncertainty")
    for (n, fr), (_, fu) in zip(random_curve, uncertain_curve):
        print(f"{n:6d}   {fr:.4f}   {fu:.4f}")
    if reached is None:
        print(f"uncertainty order never reached the random order's final F1 {final_random:.4f}")
    else:
        print(f"uncertainty order reached random's final F1 {final_random:.4f} with {reached} labels "
              f"= {reached / random_curve[-1][0]:.2f} of random's {random_curve[-1][0]} (target <= 0.50)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
