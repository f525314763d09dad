#!/usr/bin/env python3
"""Instructions per byte of `malmoi model predict`, counted by valgrind (callgrind), and optionally a baseline.

Wall-clock figures are noisy on a shared machine; instruction counts are not. The script trains one model
with `--malmoi` on the training 80 % of the K-MHaS (or `--dataset curse`) development half (seed 13, as split.py), then runs
`model predict` on one thread under `valgrind --tool=callgrind` once on an empty input (start-up: reading
the model, compiling the lexicon) and once on the test 20 % repeated to about `--megabytes` MB, and reports
the difference per input byte. With `--baseline OTHER`, the same model file is read by the other binary
too; the outputs must be byte-identical (predictions unchanged) and the ratio is printed.

valgrind cannot read the DWARF of a Swift release build, so each binary is copied without its debug
sections (`objcopy --strip-debug`) first; the code is the same.

Usage:
    python3 Benchmarks/model/instructions.py [--malmoi .build/release/malmoi] [--baseline OTHER]
        [--megabytes 1] [--features char1-4,words,lexicon] [--dataset kmhas|curse]
Prints `skipped: ...` without ../shared/data/abuse, valgrind or objcopy.
"""
import argparse, json, os, pathlib, random, re, shutil, subprocess, sys, tempfile

HERE = pathlib.Path(__file__).resolve().parent


def count(binary, model, path, tmp):
    out = pathlib.Path(tmp) / "callgrind.out"
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    with open(path, "rb") as source:
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "model", "predict",
                               "--model", model, "--threads", "1"], stdin=source, capture_output=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{binary} failed under valgrind: {proc.stderr.decode()[-2000:]}")
    match = re.search(rb"Collected : (\d+)", proc.stderr)
    if not match:
        sys.exit("no instruction count in valgrind's output")
    return int(match.group(1)), proc.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(HERE.parents[1] / ".build" / "release" / "malmoi"))
    parser.add_argument("--baseline")
    parser.add_argument("--megabytes", type=float, default=1)
    parser.add_argument("--features", default="")
    parser.add_argument("--dataset", default="kmhas", choices=["kmhas", "curse"])
    parser.add_argument("--data", default=str(HERE.parents[2] / "shared" / "data" / "abuse"))
    args = parser.parse_args()
    if not (pathlib.Path(args.data) / "kmhas_dev.jsonl").is_file():
        print(f"skipped: {args.data} is not present"); return 0
    for tool in ("valgrind", "objcopy"):
        if shutil.which(tool) is None:
            print(f"skipped: {tool} is needed (apt-get install valgrind binutils)"); return 0
    with tempfile.TemporaryDirectory() as tmp:
        rows = [json.loads(l) for l in open(pathlib.Path(args.data) / f"{args.dataset}_dev.jsonl", encoding="utf-8") if l.strip()]
        rows = [{"text": r["text"], "label": int(r["label"])} for r in rows]
        random.Random(13).shuffle(rows)
        cut = int(round(len(rows) * 0.8))
        train = pathlib.Path(tmp) / "train.jsonl"
        train.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:cut]), encoding="utf-8")
        model = str(pathlib.Path(tmp) / "m.model")
        extra = ["--features", args.features] if args.features else []
        subprocess.run([args.malmoi, "model", "train", "--data", str(train), "-o", model] + extra, check=True,
                       capture_output=True)
        block = "".join(r["text"].replace("\n", " ") + "\n" for r in rows[cut:]).encode("utf-8")
        corpus = pathlib.Path(tmp) / "corpus.txt"
        corpus.write_bytes(block * max(1, int(args.megabytes * 1e6 / len(block))))
        empty = pathlib.Path(tmp) / "empty.txt"
        empty.write_bytes(b"")
        size = corpus.stat().st_size
        results = {}
        for name, binary in [("malmoi", args.malmoi)] + ([("baseline", args.baseline)] if args.baseline else []):
            stripped = pathlib.Path(tmp) / f"{name}.nodebug"
            subprocess.run(["objcopy", "--strip-debug", binary, str(stripped)], check=True)
            startup, _ = count(str(stripped), model, empty, tmp)
            total, output = count(str(stripped), model, corpus, tmp)
            per_byte = (total - startup) / size
            results[name] = (per_byte, output)
            print(f"{name}: {total:,} instructions, start-up {startup:,}; predicting {per_byte:.1f} instructions/byte "
                  f"on {size / 1e6:.2f} MB (one thread)")
        if args.baseline:
            same = results["malmoi"][1] == results["baseline"][1]
            print(f"ratio baseline/malmoi = {results['baseline'][0] / results['malmoi'][0]:.2f} (instructions per byte); "
                  f"output {'identical' if same else 'DIFFERS'}")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
