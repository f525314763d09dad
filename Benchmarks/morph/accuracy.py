#!/usr/bin/env python3
"""Morpheme accuracy of `malmoi morph` against the UD Korean GSD dev gold, next to MeCab and Kiwi.

Gold: LEMMA and XPOS of every row (OrigLemma= from MISC when LEMMA is shorter than XPOS, as for
copulas), grouped into whitespace eojeols (rows joined by SpaceAfter=No). Predictions are grouped by
the eojeol their start offset falls in. Scores, micro-averaged over eojeols:

* form+tag F1: multiset overlap of (form, tag) morphemes per eojeol;
* form F1: the same over forms only;
* eojeol accuracy: share of eojeols whose morpheme sequence equals the gold one exactly.

Normalisation applied to every system alike: conjoining final consonants (ᆫ U+11AB…) become
compatibility jamo (ㄴ U+3134) as in GSD; number pieces joined by '.' or ',' inside one eojeol are
merged into one SN (GSD writes 16.2/SN, MeCab 16/SN ./SY 2/SN); tags are mapped to GSD's Sejong set:
SSO/SSC→SS, SC→SP, NNBC→NNB, UNKNOWN→NNG, Kiwi's -R/-I suffixes dropped, W_*→SL, and SY by its
characters (quotes and brackets→SS, ~ and -→SO, ... and …→SE, . ? !→SF, , / ; : ·→SP, else SW).
mecab-ko-dic's Inflect and Preanalysis tokens are always spelled out from their expression field;
Compound tokens are reported both ways (GSD leaves most compound nouns whole).

    python3 Benchmarks/morph/accuracy.py --malmoi .build/release/malmoi
"""
import argparse
import warnings
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

BRACKETS = set("'\"`‘’“”()[]{}<>《》〈〉「」『』【】•")
FINALS = [0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A, 0x313B, 0x313C, 0x313D, 0x313E,
          0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E]


def compat(form):
    return "".join(chr(FINALS[ord(c) - 0x11A8]) if 0x11A8 <= ord(c) <= 0x11C2 else c for c in form)


def symbol_tag(form):
    if all(c in BRACKETS for c in form):
        return "SS"
    if set(form) <= set("~-―–"):
        return "SO"
    if set(form) <= set(".…") and len(form) > 1 or form == "…":
        return "SE"
    if set(form) <= set(".?!"):
        return "SF"
    if set(form) <= set(",/;:·ㆍ"):
        return "SP"
    return "SW"


def map_tag(tag, form):
    if "-" in tag and tag.split("-")[-1] in ("R", "I"):
        tag = tag.rsplit("-", 1)[0]
    if tag in ("SSO", "SSC"):
        return "SS"
    if tag == "SC":
        return "SP"
    if tag == "NNBC":
        return "NNB"
    if tag == "UNKNOWN":
        return "NNG"
    if tag.startswith("W_"):
        return "SL"
    if tag in ("SY",):
        return symbol_tag(form)
    return tag


def merge_numbers(morphemes):
    out = []
    for form, tag in morphemes:
        if (tag == "SN" and len(out) >= 2 and out[-2][1] == "SN" and out[-1][0] in (".", ",")):
            sep = out.pop()
            prev = out.pop()
            out.append((prev[0] + sep[0] + form, "SN"))
        else:
            out.append((form, tag))
    return out


def normalize(morphemes):
    return merge_numbers([(compat(f), map_tag(t, f)) for f, t in morphemes if f])


def read_gold(path):
    sentences = []
    text, rows = None, []
    bad = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif not line:
                if text is not None:
                    sentences.append((text, rows))
                text, rows = None, []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                lemma, xpos, misc = cols[2], cols[4], cols[9]
                forms, tags = lemma.split("+"), xpos.split("+")
                if len(forms) != len(tags):
                    for item in misc.split("|"):
                        if item.startswith("OrigLemma="):
                            forms = item[len("OrigLemma="):].split("+")
                if len(forms) != len(tags):
                    if lemma == "+" or lemma.replace("+", "") == "":
                        forms = [lemma]
                    else:
                        bad += 1
                        forms = (forms + [""] * len(tags))[: len(tags)]
                rows.append((cols[1], list(zip(forms, tags)), "SpaceAfter=No" in misc))
    if text is not None:
        sentences.append((text, rows))
    return sentences, bad


def gold_eojeols(rows):
    eojeols, current = [], []
    for form, morphemes, no_space in rows:
        current += morphemes
        if not no_space:
            eojeols.append(normalize(current))
            current = []
    if current:
        eojeols.append(normalize(current))
    return eojeols


def spans(text):
    """Scalar spans of the whitespace-separated eojeols of a text."""
    out, start = [], None
    for i, c in enumerate(text + " "):
        if c.isspace():
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    return out


def group(text, tokens):
    """tokens: (start, [(form, tag)...]) → list of morpheme lists per eojeol."""
    eojeol_spans = spans(text)
    groups = [[] for _ in eojeol_spans]
    j = 0
    for start, morphemes in sorted(tokens, key=lambda t: t[0]):
        while j + 1 < len(eojeol_spans) and start >= eojeol_spans[j][1]:
            j += 1
        groups[j] += morphemes
    return [normalize(g) for g in groups]


def expand_mecab(surface, pos, ftype, expression, compounds):
    if expression and expression != "*" and (ftype in ("Inflect", "Preanalysis") or (ftype == "Compound" and compounds)):
        parts = []
        pending = None
        for chunk in expression.split("+"):
            piece = chunk if pending is None else pending + "+" + chunk
            if piece.count("/") >= 2:
                fields = piece.split("/")
                parts.append(("/".join(fields[:-2]), fields[-2]))
                pending = None
            else:
                pending = piece
        return parts
    return [(surface, pos)]


def run_malmoi(binary, texts, compounds):
    data = "".join(t + "\n" for t in texts).encode()
    out = subprocess.run([binary, "morph", "--format", "jsonl"], input=data, stdout=subprocess.PIPE, check=True).stdout
    result = []
    for line in out.decode().splitlines():
        record = json.loads(line)
        tokens = []
        for tok in record["tokens"]:
            f = tok["features"]
            tokens.append((tok["start"], expand_mecab(tok["surface"], tok["pos"], f[4], f[7], compounds)))
        result.append(tokens)
    return result


def run_mecab(texts, compounds):
    import mecab
    tagger = mecab.MeCab()
    result = []
    for t in texts:
        tokens = []
        for m in tagger.parse(t):
            f = m.feature
            tokens.append((m.span.start, expand_mecab(m.surface, f.pos, f.type or "*", f.expression or "*", compounds)))
        result.append(tokens)
    return result


def run_kiwi(texts):
    from kiwipiepy import Kiwi
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    kiwi = Kiwi(num_workers=0, integrate_allomorph=False)
    result = []
    for t in texts:
        result.append([(tok.start, [(tok.form, tok.tag)]) for tok in kiwi.tokenize(t)])
    return result


def score(gold, predicted):
    tp = tpf = ng = np_ = exact = total = 0
    for g_sent, p_sent in zip(gold, predicted):
        for g, p in zip(g_sent, p_sent):
            total += 1
            ng += len(g)
            np_ += len(p)
            tp += sum((Counter(g) & Counter(p)).values())
            tpf += sum((Counter(f for f, _ in g) & Counter(f for f, _ in p)).values())
            exact += g == p
    def f1(t):
        prec, rec = t / max(1, np_), t / max(1, ng)
        return 2 * prec * rec / max(1e-12, prec + rec)
    return f1(tp), f1(tpf), exact / max(1, total)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--malmoi", default=str(ROOT / ".build/release/malmoi"))
    parser.add_argument("--gold", default=str(SHARED / "data/ud-korean-gsd/ko_gsd-ud-dev.conllu"))
    parser.add_argument("--no-peers", action="store_true", help="score malmoi only")
    args = parser.parse_args()

    sentences, bad = read_gold(args.gold)
    texts, gold = [], []
    skipped = 0
    for text, rows in sentences:
        g = gold_eojeols(rows)
        if len(g) != len(spans(text)):
            skipped += 1
            continue
        texts.append(text)
        gold.append(g)
    print(f"GSD dev: {len(texts)} sentences, {sum(map(len, gold))} eojeols "
          f"({skipped} sentences left out: eojeols do not line up; {bad} rows with unequal LEMMA/XPOS counts)")
    print(f"{'system':34s} {'form+tag F1':>11s} {'form F1':>8s} {'eojeol acc':>10s}")
    rows = []
    for compounds in (True, False):
        label = "compounds expanded" if compounds else "compounds whole"
        rows.append((f"malmoi ({label})", run_malmoi(args.malmoi, texts, compounds)))
        if not args.no_peers:
            rows.append((f"MeCab ({label})", run_mecab(texts, compounds)))
    if not args.no_peers:
        rows.append(("Kiwi (integrate_allomorph=False)", run_kiwi(texts)))
    for name, predicted in rows:
        grouped = [group(t, p) for t, p in zip(texts, predicted)]
        ft, ff, acc = score(gold, grouped)
        print(f"{name:34s} {ft:11.4f} {ff:8.4f} {acc:10.4f}")


if __name__ == "__main__":
    main()
