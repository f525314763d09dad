#!/usr/bin/env python3
"""Writes the agreement reference cases under Tests/Fixtures/agreement/ from the peer libraries.

    python3 -m venv /tmp/agreement-peers && . /tmp/agreement-peers/bin/activate
    pip install krippendorff scikit-learn statsmodels nltk irrCAC
    python3 Benchmarks/agreement/make_reference_cases.py [--out Tests/Fixtures/agreement]

(irrCAC 0.4.4 pins scipy 1.12, so pip downgrades numpy and scipy: use a virtual environment. The
committed fixtures come out byte-identical with numpy 1.26.4/scipy 1.12.0 and numpy 2.4.6/scipy 1.17.1.)

Each case is a small Korean data set written for Malmoi (below, as Python literals). For every case
the script writes
    input.jsonl     the long-format records `malmoi agree` reads (lines shuffled with a fixed seed)
    expected.json   {metric: value} (or {"tasks": {task: {metric: value}}}); null = undefined (0/0)
    provenance.json for each value: the library call that produced it, and every cross-check
                    library's answer (all of which must agree with it to 1e-12, or the script stops)

The definitions are Malmoi's (docs/architecture.md, "Agreement"): Gwet's forms of Fleiss, Conger,
Brennan-Prediger (randolph_kappa) and AC1/AC2 as irrCAC computes them; Krippendorff's alpha as the
krippendorff package computes it; Cohen/Scott/Bennett over the units both annotators coded; MASI and
Jaccard alpha as NLTK computes them. A coefficient that is 0/0 on a data set is recorded as null; the
peers' answers there (1.0, NaN or an exception) are recorded in provenance.json.
Re-run the script only on purpose: the Swift tests compare against what it wrote.
"""
import argparse
import json
import math
import random
import warnings
from importlib.metadata import version
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from irrCAC.raw import CAC
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance, jaccard_distance, masi_distance
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa, to_table

TOLERANCE = 1e-12
warnings.filterwarnings("ignore", category=RuntimeWarning)  # the peers on 0/0, recorded per value

# --- The data sets (written for Malmoi) -------------------------------------------------------

# 24 product reviews, two annotators, sentiment (complete).
SENTIMENT = {
    "items": [f"리뷰{i:02d}" for i in range(1, 25)],
    "annotators": {
        "김서연": "긍정 긍정 부정 중립 긍정 부정 부정 중립 긍정 긍정 중립 부정 긍정 부정 중립 긍정 긍정 부정 중립 중립 긍정 부정 긍정 중립".split(),
        "이도윤": "긍정 중립 부정 중립 긍정 부정 중립 중립 긍정 부정 중립 부정 긍정 부정 긍정 긍정 긍정 부정 부정 중립 긍정 부정 중립 중립".split(),
    },
}

# 30 sentences rated for naturalness on a 1-5 scale by two annotators (complete; both use every
# value, so category ranks and values give the same weighted kappa).
LIKERT = {
    "items": [f"문장{i:02d}" for i in range(1, 31)],
    "annotators": {
        "박지민": [5, 4, 4, 3, 2, 1, 5, 3, 4, 2, 3, 3, 4, 5, 1, 2, 2, 4, 3, 5, 4, 1, 3, 2, 4, 5, 3, 2, 4, 3],
        "최현우": [5, 4, 3, 3, 2, 2, 4, 3, 5, 1, 3, 2, 4, 5, 1, 3, 2, 4, 4, 5, 3, 1, 3, 2, 5, 4, 3, 3, 4, 2],
    },
}

# 20 machine translations rated for fluency 1-4 by three reviewers, with missing ratings; 번역20 has a
# single rating (it stays in Gwet's chance terms and out of every pairwise term).
FLUENCY = {
    "items": [f"번역{i:02d}" for i in range(1, 21)],
    "annotators": {
        "검수자A": [4, 3, 3, 2, 1, 4, 2, 3, None, 4, 2, 1, 3, 3, 4, 2, None, 3, 1, 4],
        "검수자B": [4, 3, 2, 2, 1, 3, 2, None, 3, 4, 2, 2, 3, 4, 4, 1, 2, 3, None, None],
        "검수자C": [3, 3, 2, None, 1, 4, 1, 3, 3, 4, None, 1, 3, 3, 3, 2, 2, 4, 1, None],
    },
}

# 12 news articles tagged with one or more topics by three annotators (complete: NLTK's alpha, the
# MASI reference, does not handle missing annotations).
TOPICS = {
    "items": [f"기사{i:02d}" for i in range(1, 13)],
    "annotators": {
        "태거1": [["정치"], ["경제"], ["스포츠"], ["사회", "문화"], ["국제", "정치"], ["문화"], ["경제", "사회"],
                  ["정치"], ["국제"], ["스포츠", "사회"], ["경제"], ["문화", "국제"]],
        "태거2": [["정치"], ["경제", "국제"], ["스포츠"], ["문화"], ["정치", "국제"], ["문화"], ["사회"],
                  ["사회"], ["국제", "경제"], ["스포츠"], ["경제"], ["국제"]],
        "태거3": [["정치", "사회"], ["경제"], ["스포츠"], ["사회"], ["국제"], ["문화", "스포츠"], ["경제", "사회"],
                  ["정치"], ["국제", "경제"], ["사회"], ["경제", "사회"], ["문화"]],
    },
}

# 15 customer messages classified by intent by three annotators (complete): Light's kappa is
# defined (complete data, three annotators).
INTENT = {
    "items": [f"문의{i:02d}" for i in range(1, 16)],
    "annotators": {
        "상담원가": "질문 불만 칭찬 요청 질문 불만 불만 요청 질문 칭찬 요청 질문 불만 칭찬 요청".split(),
        "상담원나": "질문 불만 칭찬 질문 질문 불만 요청 요청 질문 칭찬 요청 불만 불만 칭찬 질문".split(),
        "상담원다": "질문 요청 칭찬 요청 질문 불만 불만 요청 요청 칭찬 요청 질문 불만 질문 요청".split(),
    },
}

# Five comments that three moderators all marked 정상: one category, so every chance-corrected
# coefficient is 0/0 (undefined) while percent agreement is 1.
ONE_LABEL = {
    "items": [f"댓글{i}" for i in range(1, 6)],
    "annotators": {name: ["정상"] * 5 for name in ["모더1", "모더2", "모더3"]},
}


# --- Helpers ----------------------------------------------------------------------------------

def records(data, task=None):
    out = []
    for annotator, labels in data["annotators"].items():
        for item, label in zip(data["items"], labels):
            if label is None:
                continue
            record = {"item": item, "annotator": annotator, "label": label}
            if task is not None:
                record = {"task": task, **record}
            out.append(record)
    return out


def matrix(data):
    """units x annotators, None for missing."""
    names = list(data["annotators"])
    return [[data["annotators"][name][u] for name in names] for u in range(len(data["items"]))]


class Case:
    def __init__(self):
        self.expected = {}
        self.provenance = {}

    def put(self, metric, primary, source, checks=None):
        """Records `primary` (from `source`) after checking every cross-check value against it."""
        value = float(primary) if primary is not None else None
        entry = {"value": value, "reference": source, "cross_checks": {}}
        for name, other in (checks or {}).items():
            entry["cross_checks"][name] = other
            if value is None or not isinstance(other, (int, float)) or abs(float(other) - value) > TOLERANCE:
                raise SystemExit(f"{metric}: {source} gives {value}, {name} gives {other}")
        self.expected[metric] = value
        self.provenance[metric] = entry

    def undefined(self, metric, reason, peers):
        self.expected[metric] = None
        self.provenance[metric] = {"value": None, "reason": reason, "peer_answers": peers}


def attempt(function):
    try:
        value = function()
        value = float(value)
        return "NaN" if math.isnan(value) else value
    except Exception as error:  # the peers' answer to an undefined coefficient
        return f"{type(error).__name__}: {error}"


def irr(data, weights="identity"):
    frame = pd.DataFrame([[np.nan if v is None else v for v in row] for row in matrix(data)])
    return CAC(frame, weights=weights, digits=17)


def irr_value(cac, method):
    return getattr(cac, method)()["est"]["coefficient_value"]


def key(label):
    """One key per distinct label; a list is a set, so its order does not matter."""
    return json.dumps(sorted(label) if isinstance(label, list) else label, ensure_ascii=False)


def coded(data):
    """Labels as integer codes, for the krippendorff package (nominal level only)."""
    values = sorted({key(v) for row in matrix(data) for v in row if v is not None})
    code = {v: i for i, v in enumerate(values)}
    return np.array([[np.nan if v is None else code[key(v)] for v in row] for row in matrix(data)], dtype=float).T


def numeric(data):
    return np.array([[np.nan if v is None else v for v in row] for row in matrix(data)], dtype=float).T


def nltk_task(data, distance=binary_distance, as_set=False):
    triples = []
    for annotator, labels in data["annotators"].items():
        for item, label in zip(data["items"], labels):
            if label is None:
                continue
            triples.append((annotator, item, frozenset(label) if as_set else label))
    return AnnotationTask(triples, distance=distance)


def gwet_family(case, data, numeric_values):
    identity = irr(data)
    fleiss = identity.fleiss()["est"]
    case.put("percent_agreement", fleiss["pa"], "irrCAC CAC.fleiss() pa",
             {"irrCAC CAC.gwet() pa": identity.gwet()["est"]["pa"]})
    complete = all(v is not None for row in matrix(data) for v in row)
    checks = {}
    randolph_checks = {"statsmodels fleiss_kappa(method='randolph')": None} if complete else {}
    if complete:
        table, _ = aggregate_raters(np.array([[json.dumps(v, ensure_ascii=False) for v in row] for row in matrix(data)]))
        checks["statsmodels fleiss_kappa(method='fleiss')"] = fleiss_kappa(table, method="fleiss")
        randolph_checks["statsmodels fleiss_kappa(method='randolph')"] = fleiss_kappa(table, method="randolph")
    case.put("fleiss_kappa", fleiss["coefficient_value"], "irrCAC CAC.fleiss()", checks)
    case.put("conger_kappa", irr_value(identity, "conger"), "irrCAC CAC.conger()")
    case.put("randolph_kappa", irr_value(identity, "bp"), "irrCAC CAC.bp()", randolph_checks)
    case.put("gwet_ac1", irr_value(identity, "gwet"), "irrCAC CAC.gwet()")
    if numeric_values:
        case.put("gwet_ac2_linear", irr_value(irr(data, "linear"), "gwet"), "irrCAC CAC(weights='linear').gwet()")
        case.put("gwet_ac2_quadratic", irr_value(irr(data, "quadratic"), "gwet"), "irrCAC CAC(weights='quadratic').gwet()")
    # The `__pairable` variants: the same coefficients after dropping units with a single value (they
    # differ only when such units exist).
    pairable = without_single_valued_units(data)
    if pairable is not None:
        plain = irr(pairable)
        case.put("fleiss_kappa__pairable", irr_value(plain, "fleiss"), "irrCAC CAC.fleiss() without single-valued units")
        case.put("conger_kappa__pairable", irr_value(plain, "conger"), "irrCAC CAC.conger() without single-valued units")
        case.put("gwet_ac1__pairable", irr_value(plain, "gwet"), "irrCAC CAC.gwet() without single-valued units")
        if numeric_values:
            case.put("gwet_ac2_linear__pairable", irr_value(irr(pairable, "linear"), "gwet"),
                     "irrCAC CAC(weights='linear').gwet() without single-valued units")
            case.put("gwet_ac2_quadratic__pairable", irr_value(irr(pairable, "quadratic"), "gwet"),
                     "irrCAC CAC(weights='quadratic').gwet() without single-valued units")


def without_single_valued_units(data):
    """The data set without units that have fewer than two values, or None when there are none."""
    keep = [u for u, row in enumerate(matrix(data)) if sum(v is not None for v in row) >= 2]
    if len(keep) == len(data["items"]):
        return None
    return {"items": [data["items"][u] for u in keep],
            "annotators": {name: [labels[u] for u in keep] for name, labels in data["annotators"].items()}}


def alphas(case, data, numeric_values):
    nominal_checks = {"nltk AnnotationTask.alpha() (binary_distance)": nltk_task(data).alpha()}
    if any(v is None for row in matrix(data) for v in row):
        nominal_checks = {}  # NLTK's alpha needs every annotator on every item
    case.put("krippendorff_alpha_nominal",
             krippendorff.alpha(reliability_data=coded(data), level_of_measurement="nominal"),
             "krippendorff.alpha(level_of_measurement='nominal')", nominal_checks)
    if numeric_values:
        values = numeric(data)
        case.put("krippendorff_alpha_ordinal", krippendorff.alpha(reliability_data=values, level_of_measurement="ordinal"),
                 "krippendorff.alpha(level_of_measurement='ordinal')")
        interval_checks = {}
        if not any(v is None for row in matrix(data) for v in row):
            interval_checks["nltk AnnotationTask.alpha() (interval_distance)"] = nltk_task(data, interval_distance).alpha()
        case.put("krippendorff_alpha_interval", krippendorff.alpha(reliability_data=values, level_of_measurement="interval"),
                 "krippendorff.alpha(level_of_measurement='interval')", interval_checks)
        case.put("krippendorff_alpha_ratio", krippendorff.alpha(reliability_data=values, level_of_measurement="ratio"),
                 "krippendorff.alpha(level_of_measurement='ratio')")
        # irrCAC's rank-based ordinal weights, recorded as a variant.
        case.put("krippendorff_alpha_ordinal__irrcac", irr_value(irr(data, "ordinal"), "krippendorff"),
                 "irrCAC CAC(weights='ordinal').krippendorff()")


def two_coder(case, data, numeric_values):
    first, second = [list(labels) for labels in data["annotators"].values()]
    task = nltk_task(data)
    kappa = cohen_kappa_score(first, second)
    encoded = {v: i for i, v in enumerate(sorted(set(first) | set(second)))}
    table = to_table(np.array([[encoded[a], encoded[b]] for a, b in zip(first, second)]))[0]
    case.put("cohen_kappa", kappa, "sklearn cohen_kappa_score",
             {"nltk AnnotationTask.kappa()": task.kappa(), "statsmodels cohens_kappa": cohens_kappa(table).kappa})
    case.put("scott_pi", task.pi(), "nltk AnnotationTask.pi()")
    case.put("bennett_s", task.S(), "nltk AnnotationTask.S()")
    if numeric_values:
        for weights in ["linear", "quadratic"]:
            case.put(f"cohen_kappa_{weights}", cohen_kappa_score(first, second, weights=weights),
                     f"sklearn cohen_kappa_score(weights='{weights}')",
                     {f"statsmodels cohens_kappa(wt='{weights}')": cohens_kappa(table, wt=weights).kappa})


def plain_case(data, two=False, numeric_values=False):
    case = Case()
    gwet_family(case, data, numeric_values)
    alphas(case, data, numeric_values)
    if two:
        two_coder(case, data, numeric_values)
    return case


def set_case(data):
    case = Case()
    nominal = krippendorff.alpha(reliability_data=coded(data), level_of_measurement="nominal")
    case.put("krippendorff_alpha_nominal", nominal, "krippendorff.alpha(level_of_measurement='nominal'), one code per distinct set",
             {"nltk AnnotationTask.alpha() (binary_distance on frozensets)": nltk_task(data, binary_distance, True).alpha()})
    case.put("krippendorff_alpha_masi", nltk_task(data, masi_distance, True).alpha(), "nltk AnnotationTask.alpha() (masi_distance)")
    case.put("krippendorff_alpha_jaccard", nltk_task(data, jaccard_distance, True).alpha(),
             "nltk AnnotationTask.alpha() (jaccard_distance)")
    case.put("krippendorff_alpha_masi__dkpro", nltk_task(data, dkpro_masi_distance, True).alpha(),
             "nltk AnnotationTask.alpha() with DKPro's MASI distance (transcribed below)")
    return case


def dkpro_masi_distance(a, b):
    """DKPro's MASISetAnnotationDistanceFunction: (1 - Jaccard) times Passonneau's 2004 weights
    (0 identical, 1/3 one a subset of the other, 2/3 overlapping, 1 disjoint)."""
    if a == b:
        return 0.0
    union = len(a | b)
    jaccard = len(a & b) / union if union else 1.0
    if a <= b or b <= a:
        weight = 1 / 3
    elif a & b:
        weight = 2 / 3
    else:
        weight = 1.0
    return (1 - jaccard) * weight


def light_case(data):
    """A complete nominal data set with three or more annotators: the plain case plus Light's kappa."""
    case = plain_case(data)
    names = list(data["annotators"])
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    light = sum(cohen_kappa_score(data["annotators"][a], data["annotators"][b]) for a, b in pairs) / len(pairs)
    case.put("light_kappa", light, "mean of sklearn cohen_kappa_score over annotator pairs",
             {"nltk AnnotationTask.kappa() (mean pairwise Cohen)": nltk_task(data).kappa()})
    return case


def one_label_case(data):
    case = Case()
    identity = irr(data)
    # irrCAC divides by 1 - pe = 0 before it returns pa; NLTK's observed agreement is the same
    # quantity on complete data.
    case.put("percent_agreement", nltk_task(data).avg_Ao(), "nltk AnnotationTask.avg_Ao()")
    reason = "one category: expected agreement is 1, so the coefficient is 0/0"
    table, _ = aggregate_raters(np.array(matrix(data)))
    case.undefined("fleiss_kappa", reason, {"irrCAC": attempt(lambda: irr_value(identity, "fleiss")),
                                            "statsmodels": attempt(lambda: fleiss_kappa(table, method="fleiss"))})
    case.undefined("conger_kappa", reason, {"irrCAC": attempt(lambda: irr_value(identity, "conger"))})
    case.undefined("randolph_kappa", "one category: 1/q = 1, so the coefficient is 0/0",
                   {"irrCAC": attempt(lambda: irr_value(identity, "bp")),
                    "statsmodels": attempt(lambda: fleiss_kappa(table, method="randolph"))})
    case.undefined("gwet_ac1", "one category: q - 1 = 0", {"irrCAC": attempt(lambda: irr_value(identity, "gwet"))})
    case.undefined("krippendorff_alpha_nominal", "one value: the expected disagreement is 0",
                   {"krippendorff": attempt(lambda: krippendorff.alpha(reliability_data=coded(data), level_of_measurement="nominal")),
                    "nltk": attempt(lambda: nltk_task(data).alpha())})
    return case


def write(out, name, lines, expected, provenance, seed):
    directory = out / name
    directory.mkdir(parents=True, exist_ok=True)
    random.Random(seed).shuffle(lines)
    with open(directory / "input.jsonl", "w", encoding="utf-8") as f:
        for record in lines:
            f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(directory / "expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(directory / "provenance.json", "w", encoding="utf-8") as f:
        json.dump({"generator": "Benchmarks/agreement/make_reference_cases.py",
                   "libraries": {p: version(p) for p in ["krippendorff", "scikit-learn", "statsmodels", "nltk", "irrCAC"]},
                   "tolerance_between_references": TOLERANCE, "metrics": provenance}, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[2]
    parser.add_argument("--out", type=Path, default=root / "Tests/Fixtures/agreement")
    args = parser.parse_args()

    cases = {
        "sentiment_two_coders": (SENTIMENT, plain_case(SENTIMENT, two=True)),
        "likert_two_coders": (LIKERT, plain_case(LIKERT, two=True, numeric_values=True)),
        "fluency_three_coders_missing": (FLUENCY, plain_case(FLUENCY, numeric_values=True)),
        "topics_sets_three_coders": (TOPICS, set_case(TOPICS)),
        "intent_three_coders_complete": (INTENT, light_case(INTENT)),
        "one_label_undefined": (ONE_LABEL, one_label_case(ONE_LABEL)),
    }
    for seed, (name, (data, case)) in enumerate(cases.items(), start=1):
        write(args.out, name, records(data), case.expected, case.provenance, seed)
        print(f"{name}: {len(case.expected)} values")

    # Two tasks in one file: each task is scored on its own, with the values of its own case.
    tasks = {"감성": "sentiment_two_coders", "유창성": "fluency_three_coders_missing"}
    lines = [r for task, name in tasks.items() for r in records(cases[name][0], task)]
    write(args.out, "two_tasks", lines, {"tasks": {t: cases[n][1].expected for t, n in tasks.items()}},
          {t: cases[n][1].provenance for t, n in tasks.items()}, 99)
    print("two_tasks: 2 tasks")


if __name__ == "__main__":
    main()
