"""content/corrections.yaml: an editor's corrections win over the annotator, survive it, and
re-render only what they touch; an entry that matches nothing is an error naming it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.__main__ import run
from tests.golden import tree

ARTICLES = {
    "budget.txt": "date 2021-03-01\ntitle Budget day\n\n"
                  "“The budget is fair,” said Jane Doe, the finance minister.\n\n"
                  "Critics disagreed. “It is a disaster,” said John Smith.\n\n"
                  "The Prime Minister later told reporters it would pass.\n",
    "other.txt": "date 2021-03-02\ntitle Another day\n\n“We will see,” said Jane Doe.\n",
}
REGISTRY = "entities:\n  - name: Mary Roe\n    type: person\n    aliases: [Prime Minister Roe]\n"


def make_site(root: Path, corrections: str | None = None) -> Path:
    articles = root / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    (root / "content" / "entities.yaml").write_text(REGISTRY, encoding="utf-8")
    if corrections is not None:
        (root / "content" / "corrections.yaml").write_text(corrections, encoding="utf-8")
    return root


def build(root: Path, output: Path, *extra: str) -> int:
    return run(["build", "--content", str(root / "content"), "--output", str(output), "--config", os.devnull,
                "--cache", str(root / ".cache"), *extra])


def quotes_of(output: Path) -> dict[str, dict]:
    return {q["text"]: q for q in json.loads((output / "data" / "quotes.json").read_text("utf-8"))}


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    root = make_site(tmp_path_factory.mktemp("plain"))
    assert build(root, root / "out") == 0
    return root, quotes_of(root / "out")


def test_each_kind_of_correction_wins_over_the_annotator(plain, tmp_path):
    _, before = plain
    fair, disaster = before["The budget is fair,"], before["It is a disaster,"]
    assert fair["speaker"] == "Jane Doe" and disaster["speaker"] == "John Smith"
    root = make_site(tmp_path, f"""quotes:
  - id: {fair['id']}
    speaker: Prime Minister Roe
  - id: {disaster['id']}
    reject: true
  - article: {fair['article']}
    text: Critics disagreed
    speaker: John Smith
""")
    assert build(root, root / "out") == 0
    after = quotes_of(root / "out")
    assert after["The budget is fair,"]["speaker"] == "Mary Roe"                # an alias resolves to its name
    assert after["The budget is fair,"]["id"] == fair["id"]                     # the same permalink
    assert "It is a disaster," not in after                                     # rejected
    missed = after["Critics disagreed"]
    assert missed["speaker"] == "John Smith" and missed["kind"] == "indirect" and missed["article"] == fair["article"]
    page = (root / "out" / fair["url"].split("#")[0]).read_text("utf-8")
    assert f'id="{missed["id"].split("#")[1]}"' in page and "It is a disaster" in page
    assert f'id="{disaster["id"].split("#")[1]}"' not in page


def test_a_correction_whose_id_changed_finds_its_quote_by_its_words(plain, tmp_path):
    _, before = plain
    fair = before["The budget is fair,"]
    article = fair["id"].split("#")[0]
    root = make_site(tmp_path, f"quotes:\n  - id: {article}#q-the-budget-was-000000\n    text: The budget\n"
                               "    speaker: John Smith\n")
    assert build(root, root / "out") == 0
    assert quotes_of(root / "out")["The budget is fair,"]["speaker"] == "John Smith"


def test_a_correction_that_matches_no_quote_is_an_error_naming_it(plain, tmp_path, capsys):
    _, before = plain
    article = before["The budget is fair,"]["article"]
    root = make_site(tmp_path, f"""quotes:
  - id: {article}#q-gone-000000
    speaker: John Smith
  - id: {article}#q-gone-111111
    text: Words nobody said
    reject: true
  - id: no-such-article#q-x-222222
    reject: true
  - article: {article}
    text: words that are not there
    speaker: Jane Doe
""")
    output = root / "out"
    assert build(root, output) == 1
    path = root / "content" / "corrections.yaml"
    expected = [
        f"{path}:2: quote \"{article}#q-gone-000000\": no quote of the article has this id; add `text:` with its "
        "first words",
        f"{path}:4: quote \"{article}#q-gone-111111\": no quote of the article has this id or begins with "
        "\"Words nobody said\"",
        f"{path}:7: quote \"no-such-article#q-x-222222\": no article has the id 'no-such-article'",
        f"{path}:9: missed quote \"words that are not there\": article '{article}' has no such words (give them "
        "exactly as the article has them)"]
    assert capsys.readouterr().err.splitlines()[:-1] == expected
    assert not output.exists()
    assert run(["check", "--content", str(root / "content"), "--config", os.devnull]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == expected


@pytest.mark.parametrize("entry, problem", [
    ("- speaker: Jane Doe", "give either `id:` (a quote of data/quotes.json) or `article:`"),
    ("- id: no-anchor\n    reject: true", "`id:` is a quote's id as in data/quotes.json"),
    ("- id: a#q-x-000000", "say what to correct: `speaker:` (a name or null) or `reject: true`"),
    ("- article: a\n    text: words", "a missed quote (`article:`) needs its exact `text:` and a `speaker:`"),
    ("- id: a#q-x-000000\n    reject: yes please", "`reject:` is true or false"),
    ("- id: a#q-x-000000\n    speaker: Jo\n    colour: red", "unknown key 'colour'"),
])
def test_a_malformed_correction_is_an_error_naming_its_line(tmp_path, capsys, entry, problem):
    root = make_site(tmp_path, f"quotes:\n  {entry}\n")
    assert build(root, root / "out") == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{root / 'content' / 'corrections.yaml'}:2: correction #1: {problem}")


def test_a_correction_rerenders_only_what_it_touches_and_equals_a_clean_build(plain, tmp_path, capsys):
    _, before = plain
    fair = before["The budget is fair,"]
    root = make_site(tmp_path)
    output = root / "out"
    assert build(root, output) == 0
    capsys.readouterr()
    (root / "content" / "corrections.yaml").write_text(f"quotes:\n  - id: {fair['id']}\n    speaker: John Smith\n",
                                                       encoding="utf-8")
    assert build(root, output) == 0
    report = capsys.readouterr().out
    written = int(report.split(" files written")[0].rsplit(" ", 1)[1])
    assert 0 < written < len(tree(output)) // 2
    other = next(p for p in (output / "articles").iterdir() if "another-day" in p.name)
    assert other.joinpath("index.html").stat().st_mtime_ns < (output / "data" / "quotes.json").stat().st_mtime_ns
    clean = tmp_path / "clean"
    assert build(root, clean, "--no-cache") == 0
    assert tree(output) == tree(clean)
