"""`python -m generator.annotate.evaluate ../shared/eval`: score the annotator on the gold sets.

Annotates every gold file with no registry (the figures measure detection), writes the predictions to a
temporary folder and scores each set twice with the eval folder's own score.py: on its TUNING part and on its
UNTOUCHED part (see `part`), printed side by side. Errors are looked at only in the tuning part.

    python -m generator.annotate.evaluate [EVAL_DIR] [--tuning-only] [--dump DIR]

`--tuning-only` annotates and scores only the tuning part (for error analysis); `--dump DIR` keeps the gold
and prediction files of each run there (only tuning parts are written, so nobody reads the untouched ones).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import tarfile
import os
import subprocess
import sys
import tempfile
import time

from .command import to_json
from .pipeline import annotate_text

# Our own speaker gold on the corpus slice whose file names' SHA-1 starts with "0" (tests/data/README.md).
OWN_GOLD = (("reuters", "reuters.tar.gz"), ("bbc", "bbc.tar.gz"))
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data")

PARTS = ("tuning", "untouched")

# (label, gold files, score.py flags, gold quote filter, prediction quote filter)
RUNS = (
    ("quotes-dev-ggt", ("quotes-dev-ggt.jsonl",), ["--quotes", "--people"], None, None),
    ("polnear dev+train all", ("quotes-dev-polnear.jsonl", "quotes-train-polnear.jsonl"), ["--quotes"], None, None),
    ("polnear dev+train speech-cue", ("quotes-dev-polnear.jsonl", "quotes-train-polnear.jsonl"), ["--quotes"],
     "speech_cue", None),
    ("polnear dev+train direct-only", ("quotes-dev-polnear.jsonl", "quotes-train-polnear.jsonl"), ["--quotes"],
     "direct", "direct"),
    ("conll2003 dev+train", ("ner-dev-conll2003.jsonl", "ner-train-conll2003.jsonl"), ["--ner"], None, None),
)


def part(doc_id: str) -> str:
    """The document's part, fixed by its id alone: the first hex digit of SHA-1("quotewire-split:" + id) is
    even for the tuning part and odd for the untouched part (about half each, the same on every machine)."""
    digest = hashlib.sha1(("quotewire-split:" + doc_id).encode("utf-8")).hexdigest()
    return "tuning" if int(digest[0], 16) % 2 == 0 else "untouched"


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


def _load(eval_dir: str, name: str, parts: tuple[str, ...]) -> list[dict]:
    with open(os.path.join(eval_dir, name), encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return [d for d in docs if part(d["id"]) in parts]


def _score(eval_dir: str, gold_path: str, pred_path: str, flags: list[str]) -> dict[str, str]:
    result = subprocess.run([sys.executable, os.path.join(eval_dir, "score.py"), gold_path, pred_path,
                             *flags, "--summary"], capture_output=True, text=True, check=True)
    out = {}
    for line in result.stdout.splitlines():
        if ":" in line:
            metric, value = line.split(":", 1) if not line.startswith("quotes@") else line.split(": ", 1)
            out[metric.strip()] = value.strip()
    return out


def evaluate(eval_dir: str, out_dir: str, parts: tuple[str, ...] = PARTS, dump: str | None = None) -> list[str]:
    lines = []
    golds: dict[str, list[dict]] = {}
    predictions: dict[str, list[dict]] = {}
    for name in sorted({f for run in RUNS for f in run[1]}):
        golds[name] = _load(eval_dir, name, parts)
        began = time.perf_counter()
        predictions[name] = [to_json(doc["id"], annotate_text(doc["text"])) for doc in golds[name]]
        lines.append(f"# {name}: {len(golds[name])} documents annotated in {time.perf_counter() - began:.2f} s")
    lines.append(f"# columns: {' | '.join(parts)} (document part: evaluate.part)")
    for label, names, flags, gold_rule, pred_rule in RUNS:
        scores = {}
        for which in parts:
            gold = [{**d, "quotes": [q for q in d.get("quotes", []) if _keep(q, gold_rule)]}
                    for name in names for d in golds[name] if part(d["id"]) == which]
            pred = [{**p, "quotes": [q for q in p["quotes"] if _keep(q, pred_rule)]}
                    for name in names for p in predictions[name] if part(p["id"]) == which]
            stem = label.replace(" ", "_").replace("+", "_") + "." + which
            folder = dump if dump and which == "tuning" else out_dir
            gold_path, pred_path = os.path.join(folder, stem + ".gold.jsonl"), os.path.join(folder, stem + ".pred.jsonl")
            _write(gold_path, gold)
            _write(pred_path, pred)
            scores[which] = _score(eval_dir, gold_path, pred_path, flags)
            scores[which]["docs"] = str(len(gold))
        for metric in scores[parts[0]]:
            if metric == "docs":
                continue
            cells = " | ".join(scores[w].get(metric, "-") for w in parts)
            lines.append(f"{label} ({'/'.join(scores[w]['docs'] for w in parts)} docs): {metric}: {cells}")
    return lines


def _score_module(eval_dir: str):
    spec = importlib.util.spec_from_file_location("quotewire_score", os.path.join(eval_dir, "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def own_gold(eval_dir: str) -> list[str]:
    """Speaker accuracy on our own small gold (quotes matched at overlap > 0.3 as score.py does): "named" over
    the quotes whose speaker has a name (score.py's canonical rule), "all" also counts an unnamed or
    unattributed speaker ("a spokesman", "analysts") as right only when the engine gives no name."""
    from generator.read import parse_article

    score = _score_module(eval_dir)
    lines = []
    for corpus, archive in OWN_GOLD:
        gold_path = os.path.join(DATA, f"speaker-gold-{corpus}.jsonl")
        tar_path = os.path.join(eval_dir, "..", "corpus", archive)
        if not os.path.isfile(gold_path) or not os.path.isfile(tar_path):
            continue
        with open(gold_path, encoding="utf-8") as fh:
            gold = [json.loads(line) for line in fh if line.strip()]
        wanted = {d["file"] for d in gold}
        texts = {}
        with tarfile.open(tar_path) as tar:
            for member in tar:
                if member.name in wanted:
                    texts[member.name] = parse_article(tar.extractfile(member).read(), member.name).text
        named = named_ok = every = every_ok = missed = 0
        for doc in gold:
            pred = list(annotate_text(texts[doc["file"]]).quotes)
            used: set[int] = set()
            for q in doc["quotes"]:
                best = max((score.overlap((q["start"], q["end"]), (p.start, p.end)), i)
                           for i, p in enumerate(pred) if i not in used) if len(used) < len(pred) else (0, -1)
                every += 1
                named += q["speaker_canonical"] is not None
                if best[0] <= 0.3:
                    missed += 1
                    continue
                used.add(best[1])
                p = pred[best[1]]
                said = p.speaker_canonical
                if q["speaker_canonical"] is None:
                    every_ok += said is None
                elif score.same_person(q["speaker_canonical"], said or p.speaker):
                    named_ok += 1
                    every_ok += 1
        lines.append(f"own gold {corpus} ({len(gold)} docs, {every} quotes, {missed} not found): speaker canonical "
                     f"named {100 * named_ok / named:.1f} | all {100 * every_ok / every:.1f}")
    return lines


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    parts = ("tuning",) if "--tuning-only" in argv else PARTS
    dump = argv[argv.index("--dump") + 1] if "--dump" in argv else None
    if dump:
        args.remove(dump)
        os.makedirs(dump, exist_ok=True)
    eval_dir = args[0] if args else os.path.join("..", "shared", "eval")
    if not os.path.isfile(os.path.join(eval_dir, "score.py")):
        print(f"eval skipped: no gold data at {eval_dir} (expected score.py and *.jsonl there)")
        return 0
    with tempfile.TemporaryDirectory(prefix="quotewire-eval-") as out_dir:
        for line in evaluate(eval_dir, out_dir, parts, dump):
            print(line)
    for line in own_gold(eval_dir):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
