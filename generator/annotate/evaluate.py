"""`python -m generator.annotate.evaluate ../shared/eval`: score the annotator on the gold sets.

Annotates every gold file with no registry (the figures measure detection), writes the predictions to a
temporary folder and prints the lines of the eval folder's own score.py for each set and subset.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

from .command import to_json
from .pipeline import annotate_text

# (label, gold file, score.py flags, gold quote filter, prediction quote filter)
RUNS = (
    ("quotes-dev-ggt", "quotes-dev-ggt.jsonl", ["--quotes", "--people"], None, None),
    ("quotes-dev-polnear all", "quotes-dev-polnear.jsonl", ["--quotes"], None, None),
    ("quotes-dev-polnear speech-cue", "quotes-dev-polnear.jsonl", ["--quotes"], "speech_cue", None),
    ("quotes-dev-polnear direct-only", "quotes-dev-polnear.jsonl", ["--quotes"], "direct", "direct"),
    ("ner-dev-conll2003", "ner-dev-conll2003.jsonl", ["--ner"], None, None),
)


def _keep(quote: dict, rule: str | None) -> bool:
    if rule is None:
        return True
    if rule == "speech_cue":
        return bool(quote.get("speech_cue"))
    return quote.get("kind") == rule


def _write(path: str, docs: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, sort_keys=True, ensure_ascii=False) + "\n")


def evaluate(eval_dir: str, out_dir: str) -> list[str]:
    lines = []
    predictions: dict[str, list[dict]] = {}
    golds: dict[str, list[dict]] = {}
    for name in sorted({run[1] for run in RUNS}):
        with open(os.path.join(eval_dir, name), encoding="utf-8") as fh:
            golds[name] = [json.loads(line) for line in fh if line.strip()]
        began = time.perf_counter()
        predictions[name] = [to_json(doc["id"], annotate_text(doc["text"])) for doc in golds[name]]
        lines.append(f"# {name}: {len(golds[name])} documents annotated in {time.perf_counter() - began:.2f} s")
    for label, name, flags, gold_rule, pred_rule in RUNS:
        gold = [{**d, "quotes": [q for q in d.get("quotes", []) if _keep(q, gold_rule)]} for d in golds[name]]
        pred = [{**p, "quotes": [q for q in p["quotes"] if _keep(q, pred_rule)]} for p in predictions[name]]
        stem = label.replace(" ", "_")
        gold_path, pred_path = os.path.join(out_dir, stem + ".gold.jsonl"), os.path.join(out_dir, stem + ".pred.jsonl")
        _write(gold_path, gold)
        _write(pred_path, pred)
        result = subprocess.run([sys.executable, os.path.join(eval_dir, "score.py"), gold_path, pred_path,
                                 *flags, "--summary"], capture_output=True, text=True, check=True)
        lines.extend(f"{label}: {line}" for line in result.stdout.splitlines() if line.strip())
    return lines


def main(argv: list[str]) -> int:
    eval_dir = argv[0] if argv else os.path.join("..", "shared", "eval")
    if not os.path.isfile(os.path.join(eval_dir, "score.py")):
        print(f"eval skipped: no gold data at {eval_dir} (expected score.py and *.jsonl there)")
        return 0
    with tempfile.TemporaryDirectory(prefix="quotewire-eval-") as out_dir:
        for line in evaluate(eval_dir, out_dir):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
