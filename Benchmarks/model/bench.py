#!/usr/bin/env python3
"""malmoi model against the scikit-learn peer on the same split, in the same window.

Usage: python3 Benchmarks/model/bench.py --malmoi .build/release/malmoi [--data ../shared/data/abuse]
       [--runs 3] [--megabytes 20]

For Curse and K-MHaS: split the development half 80/20 (seed 13), train both (malmoi with its defaults;
the peer is TfidfVectorizer(analyzer="char", ngram_range=(1, 4)) + LogisticRegression(), as in the
issue), and print F1 of label 1 on the held-out 20 %. Then time training on all 10.7k K-MHaS lines
(median of --runs, malmoi as a whole process including reading and writing the model, the peer's fit
in-process) and prediction throughput over about --megabytes MB of K-MHaS text repeated (malmoi whole
process, stdin plain lines to JSON lines; the peer's predict_proba in-process). Prints ratios.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--malmoi", default=os.path.join(here, "..", "..", ".build", "release", "malmoi"))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data", "abuse"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--megabytes", type=float, default=20)
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print(f"skipped: {args.data} is not present", file=sys.stderr)
        return 0
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    import random
    work = tempfile.mkdtemp(prefix="malmoi-model-bench-")

    def read(name):
        with open(os.path.join(args.data, f"{name}_dev.jsonl"), encoding="utf-8") as f:
            return [{"text": r["text"], "label": int(r["label"])} for r in map(json.loads, filter(str.strip, f))]

    def write(path, rows):
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def peer():
        return TfidfVectorizer(analyzer="char", ngram_range=(1, 4)), LogisticRegression(max_iter=1000)

    print("F1 of label 1 on a held-out 20 % (seed 13)")
    for name in ("curse", "kmhas"):
        rows = read(name)
        random.Random(13).shuffle(rows)
        cut = int(round(len(rows) * 0.8))
        train, test = rows[:cut], rows[cut:]
        tp, sp = os.path.join(work, "train.jsonl"), os.path.join(work, "test.jsonl")
        write(tp, train); write(sp, test)
        model = os.path.join(work, "m.model")
        subprocess.run([args.malmoi, "model", "train", "--data", tp, "-o", model], check=True, capture_output=True)
        ev = json.loads(subprocess.run([args.malmoi, "model", "eval", "--model", model, "--data", sp, "--format", "json"],
                                       check=True, capture_output=True, text=True).stdout)
        ours = ev["labels"]["1"]["f1"]
        v, lr = peer()
        lr.fit(v.fit_transform([r["text"] for r in train]), [r["label"] for r in train])
        theirs = f1_score([r["label"] for r in test], lr.predict(v.transform([r["text"] for r in test])))
        print(f"  {name:6s} malmoi {ours:.4f}   sklearn {theirs:.4f}   difference {ours - theirs:+.4f}")

    rows = read("kmhas")
    allp = os.path.join(work, "all.jsonl")
    write(allp, rows)
    ours, theirs = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([args.malmoi, "model", "train", "--data", allp, "-o", os.path.join(work, "all.model")], check=True, capture_output=True)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        v, lr = peer()
        lr.fit(v.fit_transform([r["text"] for r in rows]), [r["label"] for r in rows])
        theirs.append(time.perf_counter() - t)
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(f"training on {len(rows)} lines: malmoi {mo:.2f} s (runs {', '.join(f'{x:.2f}' for x in ours)}), "
          f"sklearn {mt:.2f} s (runs {', '.join(f'{x:.2f}' for x in theirs)}) → malmoi {mt / mo:.2f}× faster")

    texts = [r["text"].replace("\n", " ") for r in rows]
    block = "\n".join(texts) + "\n"
    repeat = max(1, int(args.megabytes * 1e6 / len(block.encode("utf-8"))))
    big = os.path.join(work, "big.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.write(block * repeat)
    size = os.path.getsize(big)
    ours = []
    for _ in range(args.runs):
        t = time.perf_counter()
        with open(big, "rb") as f:
            subprocess.run([args.malmoi, "model", "predict", "--model", os.path.join(work, "all.model")], stdin=f,
                           stdout=subprocess.DEVNULL, check=True)
        ours.append(time.perf_counter() - t)
    sample = texts * max(1, repeat // 10)
    sample_bytes = sum(len(t.encode("utf-8")) + 1 for t in sample)
    theirs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        lr.predict_proba(v.transform(sample))
        theirs.append(time.perf_counter() - t)
    ours_rate = size / statistics.median(ours) / 1e6
    theirs_rate = sample_bytes / statistics.median(theirs) / 1e6
    print(f"prediction: malmoi {ours_rate:.1f} MB/s over {size / 1e6:.1f} MB, sklearn {theirs_rate:.2f} MB/s over "
          f"{sample_bytes / 1e6:.1f} MB → {ours_rate / theirs_rate:.1f}× (target 20 MB/s)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
