#!/usr/bin/env python3
"""Does a user dictionary learned from corrections make the analyzer need fewer corrections?

Usage: python3 Benchmarks/model/morph_learn.py --malmoi .build/release/malmoi
       [--conllu ../shared/data/ud-korean-gsd/ko_gsd-ud-dev.conllu] [--test 0.2] [--seed 13]

Annotators' accepted corrections are simulated by the gold morphemes of UD Korean GSD (LEMMA split on
'+', aligned with XPOS; tokens whose parts do not align are left out). The sentences are split (fixed
seed); `malmoi morph-learn --data` learns a user dictionary from the training part's corrections, and
on the held-out sentences the analyzer runs with and without it. "Corrections needed" counts the gold
(form, tag) morphemes of a sentence that the analysis lacks (multiset difference, morphemes of
compound and inflected tokens expanded); fewer is better. Also counted for the learned tag classes only.
"""
import argparse, collections, json, os, random, subprocess, sys, tempfile

LEARNED = {"NNG", "NNP", "NNB", "NR", "NP", "MAG", "MM", "IC", "XR", "VV", "VA"}

def read_conllu(path):
    sentences, text, gold = [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif not line:
                if text is not None and gold:
                    sentences.append((text, gold))
                text, gold = None, []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                forms, tags = cols[2].split("+"), cols[4].split("+")
                if len(forms) == len(tags) and all(forms):
                    gold.extend(zip(forms, tags))
    return sentences

def analyze(malmoi, texts, user_dict=None):
    cmd = [malmoi, "morph", "--format", "mecab"] + (["--user-dict", user_dict] if user_dict else [])
    out = subprocess.run(cmd, input="\n".join(texts) + "\n", capture_output=True, text=True, check=True).stdout
    result, current = [], []
    for line in out.split("\n"):
        if line == "EOS":
            result.append(current); current = []
        elif "\t" in line:
            surface, feature = line.split("\t", 1)
            fields = feature.split(",")
            if "+" in fields[0] and len(fields) > 7 and fields[7] != "*":
                for part in fields[7].split("+"):
                    bits = part.split("/")
                    if len(bits) >= 2:
                        current.append((bits[0], bits[1]))
            else:
                current.append((surface, fields[0]))
    return result

def misses(gold, predicted, only=None):
    g = collections.Counter(m for m in gold if only is None or m[1] in only)
    p = collections.Counter(predicted)
    return sum((g - p).values()), sum(g.values())

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--malmoi", default=os.path.join(here, "..", "..", ".build", "release", "malmoi"))
    ap.add_argument("--conllu", default=os.path.join(here, "..", "..", "..", "shared", "data", "ud-korean-gsd", "ko_gsd-ud-dev.conllu"))
    ap.add_argument("--test", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    if not os.path.exists(args.conllu):
        print(f"skipped: {args.conllu} is not present", file=sys.stderr)
        return 0
    sentences = read_conllu(args.conllu)
    random.Random(args.seed).shuffle(sentences)
    cut = int(round(len(sentences) * (1 - args.test)))
    train, test = sentences[:cut], sentences[cut:]
    work = tempfile.mkdtemp(prefix="malmoi-morph-learn-")
    data = os.path.join(work, "corrections.jsonl")
    with open(data, "w", encoding="utf-8") as f:
        for _, gold in train:
            f.write(json.dumps({"morphemes": [f"{form}/{tag}" for form, tag in gold]}, ensure_ascii=False) + "\n")
    user = os.path.join(work, "user.csv")
    learned = subprocess.run([args.malmoi, "morph-learn", "--data", data, "-o", user], capture_output=True, text=True, check=True)
    print(learned.stderr.strip().replace("malmoi: ", ""))
    texts = [t for t, _ in test]
    without = analyze(args.malmoi, texts)
    with_dict = analyze(args.malmoi, texts, user)
    for label, only in (("all morphemes", None), ("learned tag classes", LEARNED)):
        a = [misses(g, p, only) for (_, g), p in zip(test, without)]
        b = [misses(g, p, only) for (_, g), p in zip(test, with_dict)]
        total = sum(t for _, t in a)
        ma, mb = sum(m for m, _ in a), sum(m for m, _ in b)
        print(f"{label}: {len(test)} held-out sentences, {total} gold morphemes; corrections needed without "
              f"{ma}, with learned dictionary {mb} ({(mb - ma) / ma * 100:+.1f} %)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
