"""A quote's permalink is made from its words: it survives other quotes and paragraphs coming and going."""
from __future__ import annotations

import json
import os
from pathlib import Path

from generator.__main__ import run

ARTICLE = ("date 2021-03-01\ntitle Budget day\n\n{extra}“The budget is fair,” said Jane Doe, the finance minister.\n\n"
           "Critics disagreed. “It is a disaster,” said John Smith.\n")


def ids_after(root: Path, extra: str) -> dict[str, str]:
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "content" / "articles" / "budget.txt").write_text(ARTICLE.format(extra=extra), encoding="utf-8")
    assert run(["build", "--content", str(root / "content"), "--output", str(root / "out"), "--config", os.devnull,
                "--cache", str(root / ".cache")]) == 0
    return {q["text"]: q["id"] for q in json.loads((root / "out" / "data" / "quotes.json").read_text("utf-8"))}


def test_quote_ids_stay_when_a_quote_is_inserted_before_them_and_when_it_goes(tmp_path):
    before = ids_after(tmp_path, "")
    inserted = ids_after(tmp_path, "“First things first,” said Ann Lee.\n\nA new paragraph.\n\n")
    assert len(inserted) == 3 and {text: inserted[text] for text in before} == before
    assert ids_after(tmp_path, "") == before
    page = next((tmp_path / "out" / "articles").glob("*/index.html")).read_text("utf-8")
    assert all(f'id="{anchor.split("#")[1]}"' in page for anchor in before.values())
