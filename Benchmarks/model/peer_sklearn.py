#!/usr/bin/env python3
"""The scikit-learn peer: TF-IDF character 1–4-grams + logistic regression, as the issue describes.

Usage: python3 Benchmarks/model/peer_sklearn.py TRAIN.jsonl TEST.jsonl [--tuned]
With --tuned: sublinear TF, C = 10 and balanced class weights (malmoi's defaults for the same learner).
Prints F1 of label 1, macro F1, training seconds and prediction MB/s (text bytes / predict time).
"""
import json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline

def read(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts.append(r["text"]); labels.append(str(r["label"]))
    return texts, labels

def main():
    train_x, train_y = read(sys.argv[1])
    test_x, test_y = read(sys.argv[2])
    if "--tuned" in sys.argv[3:]:
        model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True),
                              LogisticRegression(C=10, class_weight="balanced", max_iter=2000))
    else:
        model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 4)), LogisticRegression(max_iter=1000))
    t0 = time.perf_counter(); model.fit(train_x, train_y); train_s = time.perf_counter() - t0
    t0 = time.perf_counter(); pred = model.predict(test_x); pred_s = time.perf_counter() - t0
    nbytes = sum(len(t.encode("utf-8")) + 1 for t in test_x)
    result = {"f1": f1_score(test_y, pred, pos_label="1"), "macro_f1": f1_score(test_y, pred, average="macro"),
              "train_s": train_s, "predict_mb_s": nbytes / pred_s / 1e6}
    print(json.dumps(result))

if __name__ == "__main__":
    main()
