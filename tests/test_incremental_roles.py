"""Incremental builds when an office's holder changes (generator/holders.py): a new article or a
registry edit re-renders the pages of the quotes it gives to someone else, and the site is the
clean build's."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from generator.build import BuildOptions, build
from tests.golden import tree

QUOTE = "date 2005-03-01\ntitle Taxes to fall\n\n\"Taxes will fall next year,\" the chancellor said on Monday.\n"
OTHER = "date 2004-01-05\ntitle Floods in Wales\n\nRiver levels rose in Wales on Sunday.\n"
NEXT = "date 2005-03-02\ntitle Rain in Leeds\n\nIt rained in Leeds on Tuesday.\n"     # the quote's newer neighbour
QUOTE_PAGE = "articles/2005-03-01-taxes-to-fall/index.html"
OTHER_PAGE = "articles/2004-01-05-floods-in-wales/index.html"
REGISTRY = ("entities:\n  - name: Ken Clarke\n    type: person\n    roles:\n"
            "      - {title: Chancellor of the Exchequer, from: 2005-01-01}\n")


def tie(site: Path, name: str, number: int) -> None:
    """An article calling `name` the chancellor, two months after the quote (its neighbours stay the same)."""
    slug = name.split()[-1].lower()
    (site / "content" / "articles" / f"{slug}-{number}.txt").write_text(
        f"date 2005-05-{number + 1:02d}\ntitle {name} visit {number}\n\nChancellor {name} visited a factory "
        f"in Leeds on day {number}.\n", "utf-8")


def make_site(root: Path, browns: int, clarkes: int = 0) -> Path:
    site = root / "src"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "content" / "articles" / "quote.txt").write_text(QUOTE, "utf-8")
    (site / "content" / "articles" / "other.txt").write_text(OTHER, "utf-8")
    (site / "content" / "articles" / "next.txt").write_text(NEXT, "utf-8")
    for number in range(browns):
        tie(site, "Gordon Brown", number)
    for number in range(clarkes):
        tie(site, "Ken Clarke", number)
    return site


def options(site: Path, output: Path, **extra) -> BuildOptions:
    return BuildOptions(content=site / "content", output=output, config=site / "site.yaml", **extra)


def clean_tree(site: Path, root: Path) -> dict[str, bytes]:
    output = root / "clean" / "_site"
    build(options(site, output, use_cache=False))
    return tree(output)


def said_by(output: Path) -> str:
    page = (output / QUOTE_PAGE).read_text("utf-8")
    return "Gordon Brown" if "said by Gordon Brown" in page else "Ken Clarke" if "said by Ken Clarke" in page \
        else "nobody"


def add_brown(site):
    tie(site, "Gordon Brown", 20)


def add_clarke(site):
    tie(site, "Ken Clarke", 20)


def add_twelve_clarkes(site):
    for number in range(12):
        tie(site, "Ken Clarke", number)


def delete_brown(site):
    (site / "content" / "articles" / "brown-0.txt").unlink()


def registry(site):
    (site / "content" / "entities.yaml").write_text(REGISTRY, "utf-8")


@pytest.mark.parametrize("browns, clarkes, change, before, after", [
    (2, 0, add_brown, "nobody", "Gordon Brown"),             # a third article makes him the holder
    (3, 0, add_clarke, "Gordon Brown", "nobody"),            # 3 of 4: no longer clearly his
    (3, 0, add_twelve_clarkes, "Gordon Brown", "Ken Clarke"),  # another holder dominates
    (3, 0, delete_brown, "Gordon Brown", "nobody"),
    (3, 0, registry, "Gordon Brown", "Ken Clarke"),          # the registry wins over the articles
])
def test_a_changed_holder_rerenders_the_quotes_page_and_matches_a_clean_build(tmp_path, browns, clarkes, change,
                                                                              before, after):
    site = make_site(tmp_path, browns, clarkes)
    output = tmp_path / "out" / "_site"
    build(options(site, output))
    assert said_by(output) == before
    change(site)
    stats = build(options(site, output)).stats
    changed = {*stats.written, *stats.removed}
    assert said_by(output) == after
    assert QUOTE_PAGE in changed and "data/quotes.json" in changed and OTHER_PAGE not in changed
    for name in {before, after} - {"nobody"}:       # the speaker's page appears, changes or goes
        assert f"speakers/{name.lower().replace(' ', '-')}/index.html" in changed
    assert tree(output) == clean_tree(site, tmp_path)


def test_an_article_that_changes_no_holder_leaves_the_quotes_page_alone(tmp_path):
    site = make_site(tmp_path, 4)
    output = tmp_path / "out" / "_site"
    build(options(site, output))
    add_brown(site)
    written = set(build(options(site, output)).stats.written)
    assert said_by(output) == "Gordon Brown" and QUOTE_PAGE not in written
    assert tree(output) == clean_tree(site, tmp_path)


def test_the_page_and_the_open_data_say_how_the_speaker_was_found(tmp_path):
    site = make_site(tmp_path, 3)
    output = tmp_path / "out" / "_site"
    build(options(site, output))
    page = (output / QUOTE_PAGE).read_text("utf-8")
    assert 'class="who who-role"' in page
    assert "(“the chancellor” → Gordon Brown: the holder of that office on the article's date, as the archive " \
           "knows it)" in page
    quotes = json.loads((output / "data" / "quotes.json").read_text("utf-8"))
    assert [(q["speaker"], q["speaker_as_written"], q["attribution"]) for q in quotes] == [
        ("Gordon Brown", "the chancellor", "role")]
    assert "Gordon Brown,gordon-brown,the chancellor,role," in (output / "data" / "quotes.csv").read_text("utf-8")
    with sqlite3.connect(output / "data" / "quotewire.sqlite") as db:
        assert db.execute("SELECT speaker, attribution FROM quotes").fetchall() == [("Gordon Brown", "role")]
