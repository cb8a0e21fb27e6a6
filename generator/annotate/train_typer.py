"""`make train` (= python -m generator.annotate.train_typer ../shared/eval): train the entity typer's weights.

Reads the TUNING part (evaluate.part) of the CoNLL-2003 gold in EVAL_DIR, annotates each text with the rules
alone (pipeline.rule_mentions), and labels every mention whose span is exactly a gold entity's with the gold
type (PER, ORG, LOC, MISC -> person, organization, place, other). An averaged perceptron over typer's features
learns from them in a fixed order (no randomness: the same data gives the same weights), and the weights are
written to generator/annotate/typer.json. The untouched part is never read.

    python -m generator.annotate.train_typer [EVAL_DIR] [--folds K]

`--folds K` trains on K-1 folds of the tuning part and scores PER/ORG/LOC on the K-th, for each K (choosing
features and epochs without looking at the untouched part); it writes no weights.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter

from .entities import Found
from .evaluate import part
from .pipeline import rule_mentions
from .sports import is_sports
from .typer import LABELS, WEIGHTS, Typer, mention_features, retype

SETS = ("ner-dev-conll2003.jsonl", "ner-train-conll2003.jsonl")
GOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "other"}
EPOCHS = 10
MIN_COUNT = 2
MARGINS = (0.0, 1.0, 2.0, 4.0, 8.0)  # tried by --folds


def tuning_documents(eval_dir: str) -> list[dict]:
    docs = []
    for name in SETS:
        with open(os.path.join(eval_dir, name), encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    doc = json.loads(line)
                    if part(doc["id"]) == "tuning":
                        docs.append(doc)
    return docs


def examples(doc: dict, found: list[Found]) -> list[tuple[list[str], int]]:
    gold = {(e["start"], e["end"]): GOLD_TYPES[e["type"]] for e in doc["entities"]}
    out = []
    sports = is_sports(doc["text"])
    for f in found:
        label = gold.get((f.start, f.end))
        if label is not None:
            out.append((mention_features(doc["text"], f, sports), LABELS.index(label)))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = EPOCHS, min_count: int = MIN_COUNT) -> Typer:
    """Averaged multiclass perceptron, examples in the order given each epoch."""
    counts = Counter(f for feats, _ in data for f in set(feats))
    kept = [([f for f in feats if counts[f] >= min_count], label) for feats, label in data]
    n = len(LABELS)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}  # the sum of each weight over all steps, kept lazily
    stamps: dict[str, list[int]] = {}
    step = 0
    for _ in range(epochs):
        for feats, label in kept:
            step += 1
            scores = [0.0] * n
            for f in feats:
                w = weights.get(f)
                if w:
                    for i in range(n):
                        scores[i] += w[i]
            guess = max(range(n), key=lambda i: (scores[i], -i))
            if guess == label:
                continue
            for f in feats:
                w = weights.setdefault(f, [0.0] * n)
                t = totals.setdefault(f, [0.0] * n)
                s = stamps.setdefault(f, [0] * n)
                for i, delta in ((label, 1.0), (guess, -1.0)):
                    t[i] += (step - s[i]) * w[i]
                    s[i] = step
                    w[i] += delta
    averaged = {}
    for f, w in weights.items():
        t, s = totals[f], stamps[f]
        avg = [(t[i] + (step - s[i]) * w[i]) / step for i in range(n)]
        if any(abs(x) >= 1e-4 for x in avg):
            averaged[f] = [round(x, 4) for x in avg]
    return Typer(averaged)


def _fold(doc_id: str, k: int) -> int:
    return int(hashlib.sha1(("quotewire-fold:" + doc_id).encode("utf-8")).hexdigest(), 16) % k


def _f1(docs: list[dict], typer: Typer | None, found: dict[str, tuple[list[Found], frozenset[str]]],
        margin: float | None = None) -> dict[str, float]:
    short = {v: k for k, v in GOLD_TYPES.items()}
    tp, fp, fn = Counter(), Counter(), Counter()
    for doc in docs:
        typed = retype(doc["text"], *found[doc["id"]], typer, margin) if typer else found[doc["id"]][0]
        pred = {(f.start, f.end, short.get(f.type, "MISC")) for f in typed}
        gold = {(e["start"], e["end"], e["type"]) for e in doc["entities"]}
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    return {k: round(200 * tp[k] / (2 * tp[k] + fp[k] + fn[k]), 2) for k in ("PER", "ORG", "LOC")}


def main(argv: list[str]) -> int:
    folds = int(argv[argv.index("--folds") + 1]) if "--folds" in argv else 0
    args = [a for n, a in enumerate(argv) if not a.startswith("--") and (n == 0 or argv[n - 1] != "--folds")]
    eval_dir = args[0] if args else os.path.join("..", "shared", "eval")
    docs = tuning_documents(eval_dir)
    found = {d["id"]: rule_mentions(d["text"]) for d in docs}
    if folds:
        for k in range(folds):
            train_docs = [d for d in docs if _fold(d["id"], folds) != k]
            test_docs = [d for d in docs if _fold(d["id"], folds) == k]
            typer = train([x for d in train_docs for x in examples(d, found[d["id"]][0])])
            rules = _f1(test_docs, None, found)
            print(f"fold {k}: {len(test_docs)} docs, rules {rules}")
            for margin in MARGINS:
                print(f"    margin {margin}: learned {_f1(test_docs, typer, found, margin)}")
        return 0
    data = [x for d in docs for x in examples(d, found[d["id"]][0])]
    typer = train(data)
    with open(WEIGHTS, "w", encoding="utf-8") as fh:
        json.dump({"labels": list(LABELS), "trained_on": f"CoNLL-2003 dev+train, tuning part: {len(docs)} documents, "
                   f"{len(data)} mentions", "epochs": EPOCHS, "min_count": MIN_COUNT, "weights": typer.weights},
                  fh, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
    print(f"{len(data)} mentions of {len(docs)} documents, {len(typer.weights)} features -> {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
