"""`check`: errors as in the build, curator warnings, --strict, and no site written."""
from __future__ import annotations

import pytest

import generator.check as check
from generator.__main__ import run
from generator.annotate.model import Annotations, Mention, Quote
from generator.annotate.registry import parse_registry
from generator.read import parse_article
from tests.conftest import FIXTURES, copy_site

REGISTRY = parse_registry({"entities": [
    {"name": "Ren Zhengfei", "type": "person", "aliases": ["Ren"]},
    {"name": "Huawei", "type": "organization", "aliases": ["Huawei Technologies"]},
]}, "entities.yaml")


def args(site, *extra):
    return ["check", "--content", str(site / "content"), "--config", str(site / "site.yaml"), *extra]


@pytest.mark.parametrize("surface, expected", [
    ("Ren Zhengfie", "Ren Zhengfei"),          # a typo
    ("HUAWEI", "Huawei"),                      # case
    ("Huawei Technologies.", "Huawei Technologies"),
    ("Ren Zhèngfei", "Ren Zhengfei"),          # accents
    ("Reuters", None),
    ("Ren Zhang", None),
])
def test_resembling_registry_names(surface, expected):
    found = check.resembling(surface, check.registry_surfaces(REGISTRY))
    assert (found[0] if found else None) == expected


def test_article_warnings():
    words = " ".join(["word"] * 130)
    text = f'"{words}" said Ren. Huawai staff said "yes". The Ren Zhengfie fund grew.'
    article = parse_article(f"date 2021-01-01\n\n{text}\n".encode(), "articles/x.txt")
    long_start = 1
    notes = Annotations(
        mentions=(Mention(text.index("Huawai"), text.index("Huawai") + 6, "Huawai", "organization", "Huawai"),
                  Mention(text.index("Ren Zhengfie"), text.index("Ren Zhengfie") + 12, "Ren Zhengfie", "person",
                          "Ren Zhengfie")),
        quotes=(Quote(long_start, long_start + len(words), "direct", "Ren", text.index("Ren"),
                      text.index("Ren") + 3, "Ren Zhengfei"),
                Quote(text.index("yes"), text.index("yes") + 3, "direct")))
    known = check.registry_surfaces(REGISTRY)
    messages = [w.message for w in check.article_warnings(article, notes, known, "x.txt", "date 2021-01-01\n\n" + text)]
    assert any(m.startswith("very long quote (130 words)") for m in messages)
    assert any(m.startswith("quote left unattributed: “yes”") for m in messages)
    assert any("“Huawai” looks like “Huawei” of registry entity “Huawei”" in m for m in messages)
    assert any("“Ren Zhengfie” looks like “Ren Zhengfei”" in m for m in messages)
    assert len(messages) == 4


def test_check_writes_nothing_and_warns(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    before = sorted(p for p in tmp_path.rglob("*"))
    assert run(args(site)) == 0
    captured = capsys.readouterr()
    assert "warning: quote left unattributed" in captured.err
    assert "quote-spanning-two-paragraphs.txt:3: warning:" in captured.err
    assert captured.out.startswith("checked 9 articles: ")
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_strict_makes_warnings_errors(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    assert run(args(site, "--strict")) == 1
    assert ": error: quote left unattributed" in capsys.readouterr().err


def test_errors_from_config_and_content_are_reported_together(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    (site / "site.yaml").write_text("titel: typo\n", "utf-8")
    (site / "content" / "articles" / "broken.txt").write_bytes(b"date 2021-02-31\n\nBad date.\n")
    (site / "content" / "entities.yaml").write_text("entities: [oops\n", "utf-8")
    assert run(args(site)) == 1
    err = capsys.readouterr().err
    assert "unknown setting 'titel'" in err and "impossible date '2021-02-31'" in err
    assert "invalid YAML in the entity registry" in err
    assert err.splitlines()[-1] == "check failed: 3 errors"


@pytest.mark.parametrize("site", sorted((FIXTURES / "invalid").iterdir()), ids=lambda p: p.name)
def test_invalid_sites_fail_check_with_the_build_messages(site, capsys, monkeypatch):
    monkeypatch.chdir(site)
    config = ["--config", "site.yaml"] if (site / "site.yaml").exists() else ["--config", "/dev/null"]
    assert run(["check", "--content", "content", *config]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[:-1] == (site / "expected.txt").read_text("utf-8").splitlines()


def test_without_the_annotation_engine_content_is_still_checked(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(check, "_annotation_api", lambda: None)
    site = copy_site("basic", tmp_path / "src")
    assert run(args(site, "--strict")) == 0
    assert "annotation engine is not available" in capsys.readouterr().err


def test_a_quote_given_to_an_office_holder_across_the_archive_is_worth_a_look(tmp_path, capsys):
    site = tmp_path / "src"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "site.yaml").write_text("title: Roles\n", "utf-8")
    (site / "content" / "articles" / "quote.txt").write_text(
        'date 2005-03-01\ntitle Taxes to fall\n\n"Taxes will fall next year," the chancellor said.\n', "utf-8")
    for n in range(3):
        (site / "content" / "articles" / f"tie-{n}.txt").write_text(
            f"date 2005-02-0{n + 1}\ntitle Visit {n}\n\nChancellor Gordon Brown visited Leeds on day {n}.\n", "utf-8")
    assert run(args(site)) == 0
    err = capsys.readouterr().err
    assert "quote left unattributed" not in err
    assert ("quote.txt:4: warning: quote “Taxes will fall next year,” is given to Gordon Brown from “the chancellor” "
            "(the holder of that office on 2005-03-01, as the archive knows it), and the name is not near it") in err
