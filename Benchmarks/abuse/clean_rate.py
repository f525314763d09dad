#!/usr/bin/env python3
"""How often `malmoi abuse scan` cries wolf on clean Korean text.

Scans clean corpora and prints the share of lines flagged (the issue's target: at most 0.3 %), with
and without the morpheme analyzer (`--morph`) and at several `--min-score` thresholds, plus how many
lines hold a candidate at all: the analyzer is consulted at most once per such line (only when a rule
needs it), never for the other lines. The flagged lines are listed so that each can be read.

Corpora:
  - Corpora/abuse/clean.jsonl (written for the project: encyclopedic, news, reviews, conversation,
    questions; numbers with counters, names, zoology and medicine, quoted dialogue);
  - the sentences of ../shared/data/ud-korean-gsd/*.conllu (`# text =` lines: treebank news and
    encyclopedic text), when that folder is present; skipped with a note otherwise.

Usage:
    python3 Benchmarks/abuse/clean_rate.py [--malmoi .build/release/malmoi] [--thresholds 0.3 0.5 0.7]
        [--show 20]
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def corpora(shared):
    clean = ROOT / "Corpora" / "abuse" / "clean.jsonl"
    yield "Corpora/abuse/clean.jsonl", [json.loads(line)["text"] for line in clean.open(encoding="utf-8") if line.strip()]
    gsd = pathlib.Path(shared) / "data" / "ud-korean-gsd"
    files = sorted(gsd.glob("*.conllu")) if gsd.is_dir() else []
    if not files:
        print(f"skipped: UD Korean GSD: no *.conllu under {gsd}", file=sys.stderr)
        return
    for path in files:
        texts = [line[len("# text = "):].rstrip("\n") for line in path.open(encoding="utf-8") if line.startswith("# text = ")]
        yield f"ud-korean-gsd/{path.name}", texts


def scan(malmoi, texts, extra):
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts).encode("utf-8")
    proc = subprocess.run([malmoi, "abuse", "scan", "--input", "jsonl", "--explain", *extra], input=data,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit(f"scanner failed ({proc.returncode}): {proc.stderr.decode()[:2000]}")
    results = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    if len(results) != len(texts):
        sys.exit(f"{len(texts)} lines in, {len(results)} results out")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build" / "release" / "malmoi"))
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.3, 0.5, 0.7])
    parser.add_argument("--show", type=int, default=20, help="flagged lines to list per corpus (default threshold)")
    args = parser.parse_args()
    print("| corpus | analyzer | min-score | lines | flagged | share | lines with a candidate |")
    print("|---|---|---|---|---|---|---|")
    shown = []
    for name, texts in corpora(args.shared):
        for morph in (False, True):
            for threshold in [None] + args.thresholds:
                extra = (["--morph"] if morph else []) + ([] if threshold is None else ["--min-score", str(threshold)])
                results = scan(args.malmoi, texts, extra)
                flagged = [(t, r) for t, r in zip(texts, results) if r["flagged"]]
                candidates = sum(1 for r in results if r.get("candidates"))
                label = "default" if threshold is None else f"{threshold:g}"
                print(f"| {name} | {'on' if morph else 'off'} | {label} | {len(texts)} | {len(flagged)} | "
                      f"{100 * len(flagged) / len(texts):.2f} % | {candidates} ({100 * candidates / len(texts):.1f} %) |")
                if threshold is None:
                    shown += [(name, morph, t, r) for t, r in flagged[:args.show]]
    for name, morph, text, result in shown:
        hits = ", ".join(f"{h['surface']}→{h['canonical']} {h['score']}" for h in result["hits"])
        print(f"- [{name}, analyzer {'on' if morph else 'off'}] {text[:120]} ({hits})")


if __name__ == "__main__":
    main()
