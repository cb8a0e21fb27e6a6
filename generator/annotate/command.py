"""`annotate [FILE ...] [--jsonl IN] [--registry FILE|none]`: annotations as JSON Lines on stdout."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Iterable, TextIO

from generator.errors import BuildError, BuildFailed, read_utf8

from .model import Annotations
from .pipeline import annotate_text
from .registry import EMPTY_REGISTRY, Registry

DEFAULT_REGISTRY = os.path.join("content", "entities.yaml")


def to_json(doc_id: str, annotations: Annotations) -> dict:
    """The issue's line format: {"id", "quotes": [...], "entities": [...]}."""
    return {
        "id": doc_id,
        "quotes": [{"start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker,
                    "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
                    "speaker_canonical": q.speaker_canonical, "cue": q.cue} for q in annotations.quotes],
        "entities": [{"start": m.start, "end": m.end, "text": m.text, "type": m.type, "canonical": m.canonical}
                     for m in annotations.mentions],
    }


def load_registry(path: str | None) -> Registry:
    """The registry at `path` ("none" for no registry); a missing default file is an empty registry."""
    if path == "none":
        return EMPTY_REGISTRY
    chosen = path or DEFAULT_REGISTRY
    if not os.path.exists(chosen):
        if path is None:
            return EMPTY_REGISTRY
        raise BuildFailed([BuildError(chosen, None, "registry file not found (use --registry none for no registry)")])
    from generator.read import read_registry_file      # the reader lives with the rest of the site
    return read_registry_file(Path(chosen), chosen)


def annotate_jsonl(lines: Iterable[str], registry: Registry, out: TextIO, source: str = "<jsonl>") -> None:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise BuildFailed([BuildError(source, n, f"not a JSON object: {err.msg}")])
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or "id" not in doc:
            raise BuildFailed([BuildError(source, n, 'expected {"id": ..., "text": "..."}')])
        record = to_json(doc["id"], annotate_text(doc["text"], registry))
        out.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotate", description=__doc__)
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles to annotate (- reads standard input)")
    parser.add_argument("--jsonl", metavar="IN", help='JSON Lines of {"id", "text"} to annotate (- for standard input)')
    parser.add_argument("--registry", metavar="FILE|none", help=f"entity registry (default {DEFAULT_REGISTRY})")
    args = parser.parse_args(argv)
    try:
        registry = load_registry(args.registry)
        for path in args.files:
            from generator.read import read_article_file  # the reader lives with the rest of the site

            article = read_article_file(path)
            record = to_json(article.slug, annotate_text(article.text, registry))
            sys.stdout.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
        if args.jsonl == "-":
            annotate_jsonl(sys.stdin, registry, sys.stdout, "<stdin>")
        elif args.jsonl:
            jsonl = read_utf8(args.jsonl, args.jsonl, "a JSON Lines file", "JSON Lines must be UTF-8")
            annotate_jsonl(jsonl.split("\n"), registry, sys.stdout, args.jsonl)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
