"""`new "Headline"`: a Markdown article with front matter that the reader accepts; never overwrites."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.__main__ import run
from generator.authoring import new_article
from generator.errors import BuildFailed
from generator.read import read_article_file

DAY = dt.date(2024, 5, 17)


@pytest.mark.parametrize("title, name", [
    ("Minister resigns", "2024-05-17-minister-resigns.md"),
    ('Budget: "fair" & square? #1', "2024-05-17-budget-fair-square-1.md"),
    ("José Núñez wins", "2024-05-17-jose-nunez-wins.md"),
    ("- leading dash: [brackets]", "2024-05-17-leading-dash-brackets.md"),
])
def test_new_article_reads_back_with_its_title_and_date(tmp_path, title, name):
    path = new_article(tmp_path / "content", title, DAY)
    assert path == tmp_path / "content" / "articles" / name
    text = path.read_text("utf-8")
    assert text.startswith("---\n") and "\n# source:" in text
    path.write_text(text + "The body.\n", "utf-8")
    article = read_article_file(path)
    assert (article.title, article.date, article.text) == (title, DAY, "The body.")


def test_never_overwrites(tmp_path):
    path = new_article(tmp_path, "Same headline", DAY)
    path.write_text("precious", "utf-8")
    with pytest.raises(BuildFailed, match="already exists"):
        new_article(tmp_path, "Same headline", DAY)
    assert path.read_text("utf-8") == "precious"


def test_command(tmp_path, capsys):
    content = tmp_path / "content"
    assert run(["new", "Hello world", "--date", "2021-02-03", "--content", str(content)]) == 0
    assert "created" in capsys.readouterr().out
    assert (content / "articles" / "2021-02-03-hello-world.md").is_file()
    assert run(["new", "Hello world", "--date", "2021-02-03", "--content", str(content)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert run(["new", "  ", "--content", str(content)]) == 1
    assert run(["new", "Bad date", "--date", "2021-02-30", "--content", str(content)]) == 1
    assert "impossible date" in capsys.readouterr().err


def test_default_date_is_today(tmp_path):
    assert run(["new", "Today", "--content", str(tmp_path)]) == 0
    assert (tmp_path / "articles" / f"{dt.date.today().isoformat()}-today.md").is_file()
