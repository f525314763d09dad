#!/usr/bin/env python3
"""Parity of `malmoi morph --format mecab` with MeCab (python-mecab-ko) on the same dictionary.

Sentences: the `# text =` lines of the UD Korean GSD dev set, every line of Corpora/**/*.txt, the
string fields of Corpora/**/*.jsonl, and (with --stress N) N generated lines that mix scripts, drop
spaces, and add emoji, Hanja, NBSP, U+FFFF, NUL, tabs and long Latin runs.

MeCab runs through its Python binding, one `parse` per sentence (the binding, unlike the mecab
command, does not split lines longer than 8,191 bytes). With --nbest K, `python3 -m mecab -N K` is
compared with `malmoi morph --nbest K` instead (lines over 8,000 bytes are left out there).

Prints the share of byte-identical sentences and writes every difference to --diffs.
Exit status 0 when 100 % identical, 1 otherwise.

    python3 Benchmarks/morph/parity.py --malmoi .build/release/malmoi --stress 3000
"""
import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def gsd_sentences(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                out.append(line[len("# text = "):].rstrip("\n"))
    return out


def corpus_sentences(root):
    out = []
    for path in sorted(root.rglob("*")):
        if path.suffix == ".txt":
            out += [l for l in path.read_text(encoding="utf-8").split("\n") if l.strip()]
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                stack = [value]
                while stack:
                    v = stack.pop()
                    if isinstance(v, dict):
                        stack += list(v.values())
                    elif isinstance(v, list):
                        stack += v
                    elif isinstance(v, str) and len(v) > 1:
                        out.append(v.replace("\n", " ").replace("\r", " "))
    return out


def shuffled_repeats(base, size, seed=1):
    """Lines of `base`, shuffled again on each pass (seeded), until they hold `size` bytes of UTF-8 with newlines."""
    rng = random.Random(seed)
    out, total = [], 0
    while total < size:
        lines = base[:]
        rng.shuffle(lines)
        for line in lines:
            out.append(line)
            total += len(line.encode()) + 1
            if total >= size:
                break
    return out


def stress_lines(base, count, seed=7):
    rng = random.Random(seed)
    extras = ["😀", "👍🏽", "漢字", "大韓民國", "\u00a0", "\uffff", "\u3000", "\t", "~", "...", "3.14",
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "e-mail@x.com", "ㅋㅋㅋ", "ㅠㅠ",
              "Ⅻ", "①", "αβγ", "Привет", "ひらがな", "カタカナ", "〇", "ᄀᄁ", "\u200b", "  ", "１２３"]
    out = []
    for i in range(count):
        s = rng.choice(base)
        kind = i % 4
        if kind == 0:
            words = s.split(" ")
            rng.shuffle(words)
            s = "".join(words)
        elif kind == 1:
            chars = list(s)
            for _ in range(rng.randint(1, 6)):
                chars.insert(rng.randint(0, len(chars)), rng.choice(extras))
            s = "".join(chars)
        elif kind == 2:
            s = " ".join(rng.choice(base)[: rng.randint(1, 30)] for _ in range(3)) + rng.choice(extras) * rng.randint(1, 3)
        else:
            s = rng.choice(extras) + s.replace(" ", rng.choice(["  ", "\t", " ", ""])) + rng.choice(extras)
        out.append(s)
    return out


def mecab_outputs(sentences):
    import _mecab
    import mecab
    import mecab_ko_dic
    tagger = _mecab.Tagger(["--rcfile", str(mecab.mecabrc_path), "--dicdir", str(mecab_ko_dic.dictionary_path)])
    out = []
    for s in sentences:
        lattice = _mecab.Lattice()
        lattice.add_request_type(_mecab.MECAB_ALLOCATE_SENTENCE)
        lattice.set_sentence(s)
        tagger.parse(lattice)
        out.append(lattice.to_string())
    return out


def mecab_nbest_outputs(sentences, k):
    text = "".join(s + "\n" for s in sentences).encode("utf-8")
    raw = subprocess.run([sys.executable, "-m", "mecab", "-N", str(k)], input=text, stdout=subprocess.PIPE,
                         cwd="/", check=True).stdout.decode("utf-8")
    return split_blocks(raw, len(sentences), k)


def split_blocks(raw, count, k=1):
    """Groups output into one string per sentence: k blocks ending with 'EOS\\n' each."""
    lines = raw.split("\n")
    out, current, eos = [], [], 0
    for line in lines[:-1] if raw.endswith("\n") else lines:
        current.append(line + "\n")
        if line == "EOS":
            eos += 1
            if eos == k:
                out.append("".join(current))
                current, eos = [], 0
    if current:
        out.append("".join(current))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build/release/malmoi"))
    parser.add_argument("--gsd", default=str(SHARED / "data/ud-korean-gsd/ko_gsd-ud-dev.conllu"))
    parser.add_argument("--corpora", default=str(ROOT / "Corpora"))
    parser.add_argument("--stress", type=int, default=0, help="number of generated stress lines")
    parser.add_argument("--nbest", type=int, default=1)
    parser.add_argument("--diffs", default="/tmp/malmoi-morph-parity-diffs.txt")
    parser.add_argument("--dict", default=None)
    args = parser.parse_args()

    sets = [("GSD dev", gsd_sentences(args.gsd)), ("Corpora", corpus_sentences(Path(args.corpora)))]
    if args.stress:
        sets.append(("stress", stress_lines(sets[0][1], args.stress)))
    command = [args.malmoi, "morph", "--format", "mecab", "--nbest", str(args.nbest)]
    if args.dict:
        command += ["--dict", args.dict]
    total_same = total = 0
    with open(args.diffs, "w", encoding="utf-8") as diffs:
        for name, sentences in sets:
            if args.nbest > 1:
                sentences = [s for s in sentences if len(s.encode()) < 8000 and "\x00" not in s and "\r" not in s]
            # Lines are fed one per line; a sentence must not contain a line break.
            sentences = [s.replace("\n", " ") for s in sentences]
            data = "".join(s + "\n" for s in sentences).encode("utf-8")
            ours = subprocess.run(command, input=data, stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
            ours = split_blocks(ours, len(sentences), args.nbest)
            theirs = mecab_nbest_outputs(sentences, args.nbest) if args.nbest > 1 else mecab_outputs(sentences)
            same = 0
            for i, s in enumerate(sentences):
                a = ours[i] if i < len(ours) else "<missing>"
                b = theirs[i] if i < len(theirs) else "<missing>"
                if a == b:
                    same += 1
                else:
                    diffs.write(f"### {name} #{i + 1}: {s!r}\n--- malmoi\n{a}--- mecab\n{b}\n")
            print(f"{name:8s} {same:6d}/{len(sentences):6d} identical ({100.0 * same / max(1, len(sentences)):.2f} %)")
            total_same += same
            total += len(sentences)
    print(f"{'all':8s} {total_same:6d}/{total:6d} identical ({100.0 * total_same / max(1, total):.2f} %)")
    if total_same != total:
        print(f"differences written to {args.diffs}")
    return 0 if total_same == total else 1


if __name__ == "__main__":
    sys.exit(main())
