#!/usr/bin/env python3
"""Evaluate `malmoi abuse scan` on the abuse evaluation files.

For every file: precision, recall and F1 of `flagged` against `label` (1 = abusive/profane), with
all canonicalization steps and with canonicalization off (`--steps lexicon`: plain lexicon matching).
For files with gold `spans` (evasion_dev.jsonl): span recall (a gold span is found when a hit overlaps
it), canonical-word accuracy (a found span whose overlapping hit has the gold canonical word; reported
over found spans and over all spans) and precision on the negatives' side (share of negatives left
unflagged = specificity; the issue's "precision >= 0.95 on negatives").

Usage:
    python3 Benchmarks/abuse/evaluate.py [--malmoi .build/release/malmoi] [--data ../shared/data/abuse]
        [--files evasion_dev.jsonl curse_dev.jsonl kmhas_dev.jsonl] [--json]
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def scan(command, path, steps):
    with open(path, "rb") as handle:
        proc = subprocess.run(command + ["--steps", steps, "--field", "text"], stdin=handle,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit(f"scanner failed ({proc.returncode}): {proc.stderr.decode()[:2000]}")
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]


def flag_scores(gold, predicted):
    tp = sum(1 for g, p in zip(gold, predicted) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted) if g and not p)
    tn = sum(1 for g, p in zip(gold, predicted) if not g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "negatives_clean": specificity,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def span_scores(records, results):
    total = found = correct = 0
    for record, result in zip(records, results):
        for span in record.get("spans") or []:
            total += 1
            overlapping = [h for h in result["hits"] if h["start"] < span["end"] and span["start"] < h["end"]]
            if overlapping:
                found += 1
                if any(h["canonical"] == span["canonical"] for h in overlapping):
                    correct += 1
    return {"spans": total, "span_recall": found / total if total else 0.0,
            "canonical_accuracy_found": correct / found if found else 0.0,
            "canonical_accuracy_all": correct / total if total else 0.0}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build" / "release" / "malmoi"),
                        help="the malmoi binary (default: .build/release/malmoi)")
    parser.add_argument("--scanner", help="a whole scanner command instead of '<malmoi> abuse scan'")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "abuse"))
    parser.add_argument("--files", nargs="*", default=["evasion_dev.jsonl", "curse_dev.jsonl", "kmhas_dev.jsonl"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    command = args.scanner.split() if args.scanner else [args.malmoi, "abuse", "scan"]
    report = {}
    for name in args.files:
        path = pathlib.Path(args.data) / name
        records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        gold = [bool(r["label"]) for r in records]
        entry = {"lines": len(records), "positives": sum(gold)}
        for mode, steps in (("canonicalized", "all"), ("plain", "lexicon")):
            results = scan(command, path, steps)
            if len(results) != len(records):
                sys.exit(f"{name}: {len(records)} lines in, {len(results)} results out")
            entry[mode] = flag_scores(gold, [r["flagged"] for r in results])
            if any("spans" in r for r in records):
                entry[mode].update(span_scores(records, results))
        report[name] = entry
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print("| file | mode | P | R | F1 | negatives unflagged | span recall | canon. acc. (found / all) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, entry in report.items():
        for mode in ("canonicalized", "plain"):
            s = entry[mode]
            spans = (f"{s['span_recall']:.3f} | {s['canonical_accuracy_found']:.3f} / {s['canonical_accuracy_all']:.3f}"
                     if "span_recall" in s else "– | –")
            print(f"| {name} | {mode} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                  f"{s['negatives_clean']:.3f} | {spans} |")


if __name__ == "__main__":
    main()
