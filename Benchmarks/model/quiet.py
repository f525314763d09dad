#!/usr/bin/env python3
"""The model figures for a quiet window: F1 on a fixed split beside the peer, training time, prediction MB/s.

Usage: MALMOI=.build/release/malmoi bash Benchmarks/model/quiet.sh   (builds nothing; about 2–4 minutes)

1. F1 of label 1 on the 80/20 split of the shared development halves (seed 13, Benchmarks/model/split.py's
   split), for Curse and K-MHaS: malmoi with its defaults, malmoi tuned (--tune: C, class weights and
   threshold chosen by 5-fold cross-validation on the training 80 % only) with the richer features, and
   malmoi with the opt-in jamo onset grams added (`--features char1-4,words,lexicon,jamo-onset1-4`), the scikit-learn peer
   (Benchmarks/model/peer_sklearn.py: TF-IDF char 1-4 + LogisticRegression()) and the tuned peer (sublinear
   TF, C = 10, balanced) on the same split; ratios ours/peer. The test 20 % is never trained or tuned on.
2. Training on all 10,726 K-MHaS dev lines: malmoi (whole process, defaults) against the peer's fit, side
   by side, medians of 3.
3. Prediction: `malmoi model predict` over 30 MB of K-MHaS lines repeated (whole process, plain lines in,
   JSON lines out), median of 3, against the 20 MB/s target.
"""
import json, os, random, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
RICH = "char1-4,words,lexicon,word-bigrams,raw-char1-4,lexicon-scores"
ONSETS = "char1-4,words,lexicon,jamo-onset1-4"

def main():
    malmoi = os.environ.get("MALMOI", os.path.join(HERE, "..", "..", ".build", "release", "malmoi"))
    data = os.environ.get("MALMOI_ABUSE_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data", "abuse"))
    if not os.path.isfile(malmoi):
        print(f"skipped: no malmoi binary at {malmoi} (set MALMOI; this script builds nothing)")
        return 0
    if not os.path.isfile(os.path.join(data, "kmhas_dev.jsonl")):
        print(f"skipped: {data} is not present (the shared development halves)")
        return 0
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("skipped: scikit-learn is not installed (pip install scikit-learn), so no peer to compare with")
        return 0
    work = tempfile.mkdtemp(prefix="malmoi-model-quiet-")

    def read(name):
        with open(os.path.join(data, f"{name}_dev.jsonl"), encoding="utf-8") as f:
            return [{"text": r["text"], "label": int(r["label"])} for r in map(json.loads, filter(str.strip, f))]

    def write(path, rows):
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def run(args, **kw):
        return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout

    def ours(train, test, extra):
        model = os.path.join(work, "m.model")
        run([malmoi, "model", "train", "--data", train, "-o", model] + extra)
        ev = json.loads(run([malmoi, "model", "eval", "--model", model, "--data", test, "--format", "json"]))
        return ev["labels"]["1"]["f1"]

    print("1. F1 of label 1 on the held-out 20 % of the dev half (seed 13); peer = sklearn TF-IDF char 1-4 + LR")
    for name in ("curse", "kmhas"):
        rows = read(name)
        random.Random(13).shuffle(rows)
        cut = int(round(len(rows) * 0.8))
        train, test = os.path.join(work, f"{name}_train.jsonl"), os.path.join(work, f"{name}_test.jsonl")
        write(train, rows[:cut]); write(test, rows[cut:])
        peer = json.loads(run([sys.executable, os.path.join(HERE, "peer_sklearn.py"), train, test]))["f1"]
        tpeer = json.loads(run([sys.executable, os.path.join(HERE, "peer_sklearn.py"), train, test, "--tuned"]))["f1"]
        default = ours(train, test, [])
        onsets = ours(train, test, ["--features", ONSETS])
        tuned = ours(train, test, ["--features", RICH, "--tune"])
        target = {"curse": 0.80, "kmhas": 0.87}[name]
        print(f"   {name:6s} train {cut}, test {len(rows) - cut} (target {target} on the held-back half):")
        print(f"      peer {peer:.4f}   tuned peer {tpeer:.4f}")
        for label, f1 in (("malmoi default", default), ("malmoi +onsets", onsets), ("malmoi tuned+rich", tuned)):
            print(f"      {label:18s} {f1:.4f}  ({f1 / peer:.2f}x peer, {f1 / tpeer:.2f}x tuned peer)")

    rows = read("kmhas")
    allp = os.path.join(work, "all.jsonl")
    write(allp, rows)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    mine, peer = [], []
    for _ in range(3):
        t = time.perf_counter()
        run([malmoi, "model", "train", "--data", allp, "-o", os.path.join(work, "all.model")])
        mine.append(time.perf_counter() - t)
        t = time.perf_counter()
        v = TfidfVectorizer(analyzer="char", ngram_range=(1, 4))
        LogisticRegression(max_iter=1000).fit(v.fit_transform(texts), labels)
        peer.append(time.perf_counter() - t)
    mo, mp = statistics.median(mine), statistics.median(peer)
    print(f"2. training on {len(rows)} lines (medians of 3): malmoi {mo:.2f} s, sklearn {mp:.2f} s "
          f"-> malmoi {mp / mo:.2f}x as fast (target >= 1)")

    block = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    big = os.path.join(work, "big.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.write(block * max(1, int(30e6 / len(block.encode("utf-8")))))
    size = os.path.getsize(big)
    import resource
    times, cpu = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        with open(big, "rb") as f:
            subprocess.run([malmoi, "model", "predict", "--model", os.path.join(work, "all.model")], stdin=f,
                           stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    rate = size / statistics.median(times) / 1e6
    print(f"3. prediction over {size / 1e6:.1f} MB (median of 3, runs {', '.join(f'{x:.2f}' for x in times)} s): "
          f"{rate:.1f} MB/s (target 20; {os.cpu_count()} cores); {size / 1e6 / statistics.median(cpu):.1f} MB per CPU-second")
    return 0

if __name__ == "__main__":
    sys.exit(main())
