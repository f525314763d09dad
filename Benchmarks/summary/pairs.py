"""Builds Korean summary pairs for the ROUGE cross-check and benchmark (seeded, reproducible).

Sentences come from Corpora/summary/news.jsonl; each pair is a reference of 1-3 sentences and a
candidate made by dropping, swapping and repeating eojeol of related sentences, so that scores
spread over (0, 1). Sentences inside one summary are separated by "\\n" (rouge-score's rougeLsum
convention).
"""
import json
import random
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def sentences():
    result = []
    for line in (ROOT / "Corpora/summary/news.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line)["text"]
            result += [s.strip() + "." for s in text.split(". ") if s.strip()]
    return [s.rstrip(".") + "." if not s.endswith(".") else s for s in result]


def perturb(rng, sentence):
    words = sentence.split()
    out = []
    for word in words:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.25:
            out.append(word)
        out.append(word)
    if len(out) > 2 and rng.random() < 0.5:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out) if out else words[0]


def make_pairs(count, seed=20240601):
    rng = random.Random(seed)
    pool = sentences()
    pairs = []
    for _ in range(count):
        ref = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        hyp = [perturb(rng, rng.choice(ref) if rng.random() < 0.8 else rng.choice(pool)) for _ in range(rng.randint(1, 3))]
        pairs.append(("\n".join(ref), "\n".join(hyp)))
    return pairs
