"""Reading articles: the .txt wire format, Markdown with front matter, repairs, errors."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import BuildFailed
from generator.read import derive_title, join_broken_paragraphs, parse_article, read_article_file, read_articles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "articles" / "2021-02-14-huawei-ren-zhengfei.txt"


def test_seed_is_committed_byte_for_byte():
    shared = ROOT.parent / "shared" / "seed" / "000_8c4c89061ab113bf.txt"
    if not shared.exists():
        pytest.skip("../shared/seed is absent")
    assert SEED.read_bytes() == shared.read_bytes()


def test_seed_date_title_and_paragraphs():
    article = read_article_file(SEED)
    assert article.date == dt.date(2021, 2, 14)
    assert article.title == ("Chinese Telecommunication giant, Huawei has promised to project "
                             "the ideals of globalization")
    assert article.title_derived
    assert "date" not in article.title
    paragraphs = article.paragraphs
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("Chinese Telecommunication giant, Huawei")
    assert paragraphs[2].startswith("“Trade benefits both sides.")
    assert paragraphs[3].startswith("It’s a win-win situation.")
    assert "creating more value for them. We want them" in paragraphs[8]   # mid-sentence break joined
    for typo in ("could us sell", "Oursales", "previousyears"):
        assert typo in article.text


@pytest.mark.parametrize("raw, expected_text, expected", [
    (b"date 2021-01-02\ntitle T\n\nOne.\n\nTwo.\n", "One.\n\nTwo.", {"title": "T"}),
    (b"  \n date 2021-01-02 Starts on the date line.\n\nNext.", "Starts on the date line.\n\nNext.", {}),
    (b"\xef\xbb\xbfdate 2021-01-02\r\ntitle T\r\n\r\nA\r\nwrapped line.\r\n", "A wrapped line.", {}),
    (b"date 2021-01-02\ntitle Caf\xe9\n\n\x93Quoted\x94 \x96 dash.", "“Quoted” – dash.", {"title": "Café"}),
    (b"date 2021-01-02\nsource Wire\nurl https://x.org/a\nauthor A B\n\nBody.",
     "Body.", {"source": "Wire", "url": "https://x.org/a", "author": "A B"}),
    (b"date 2021-01-02\n\nEnds without stop\n\nand continues.", "Ends without stop and continues.", {}),
    (b"date 2021-01-02\n\nEnds with a stop.\n\nthen lower case.", "Ends with a stop.\n\nthen lower case.", {}),
    (b"date 2021-01-02\n\nHeadline Without Stop\n\nCapitalised next.",
     "Headline Without Stop\n\nCapitalised next.", {}),
])
def test_txt_reading(raw, expected_text, expected):
    article = parse_article(raw, "a.txt")
    assert article.text == expected_text
    for key, value in expected.items():
        assert getattr(article, key) == value


def test_markdown_front_matter_and_plain_text():
    raw = (b"---\ntitle: Hello\ndate: 2021-05-06\ntags: [a, b]\nauthor: Jo\n---\n"
           b"# Heading\n\nText with [a link](https://x.org) and `code`.\n\n<script>x()</script>\n")
    article = parse_article(raw, "m.md")
    assert (article.title, article.date, article.tags, article.author) == ("Hello", dt.date(2021, 5, 6), ("a", "b"), "Jo")
    assert article.text == "Heading\n\nText with a link and code.\n\n<script>x()</script>"
    assert article.markdown.startswith("# Heading")


@pytest.mark.parametrize("text, title", [
    ("Short one. Then more.", "Short one"),
    ("Mr. Smith went to Washington on a train. Then more.", "Mr. Smith went to Washington on a train"),
    ("word " * 40, ("word " * 20).strip() + "…"),
])
def test_derive_title(text, title):
    derived = derive_title(text)
    assert len(derived) <= 101
    assert derived == title or derived.startswith(title[:20])


def test_join_keeps_real_breaks():
    assert join_broken_paragraphs(["He said “yes,”", "then left."]) == ["He said “yes,”", "then left."]
    assert join_broken_paragraphs(["value for", "them."]) == ["value for them."]


@pytest.mark.parametrize("raw, message", [
    (b"title x\n\nBody", "a.txt:1: missing date"),
    (b"date 2021-02-30\n\nBody", "a.txt:1: impossible date '2021-02-30'"),
    (b"date 21-2-3\n\nBody", "a.txt:1: date '21-2-3' is not in the form YYYY-MM-DD"),
    (b"date 2021-02-03\ntitle T\n", "a.txt:3: empty body"),
    (b"date 2021-02-03\n\n\x81\x8d", "a.txt:3: undecodable byte 0x81"),
])
def test_txt_errors(raw, message):
    with pytest.raises(BuildFailed) as failed:
        parse_article(raw, "a.txt")
    assert str(failed.value.errors[0]).startswith(message)


def test_all_errors_of_a_run_are_reported_together(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"no date\n")
    (folder / "b.md").write_bytes(b"---\ndate: 2021-01-01\ncolour: red\n---\nBody\n")
    (folder / "c.txt").write_bytes(b"date 2021-01-01\n\nFine.\n")
    with pytest.raises(BuildFailed) as failed:
        read_articles(tmp_path)
    assert [e.path.rsplit("/", 1)[-1] for e in failed.value.errors] == ["a.txt", "b.md"]
    assert failed.value.errors[1].line == 3


def test_hidden_files_and_other_suffixes_are_ignored(tmp_path):
    folder = tmp_path / "articles" / "sub"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"date 2021-01-01\n\nFine.\n")
    (folder / ".b.txt").write_bytes(b"junk")
    (folder / "notes.docx").write_bytes(b"junk")
    articles = read_articles(tmp_path)
    assert [a.source_path for a in articles] == ["articles/sub/a.txt"]


def test_error_paths_are_shown_as_the_user_would_type_them(tmp_path, monkeypatch):
    from generator.read import display_path, display_paths
    real = tmp_path / "real"
    (real / "articles").mkdir(parents=True)
    (real / "articles" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "articles" / "b.txt").symlink_to(real / "articles" / "a.txt")
    monkeypatch.chdir(tmp_path)
    shown = display_paths()
    assert shown(Path("linked/articles/a.txt")) == "real/articles/a.txt"       # the folder link resolved
    assert shown(Path("real/articles/b.txt")) == "real/articles/a.txt"         # and a file link
    assert display_path(Path("/elsewhere/c.txt")) == "/elsewhere/c.txt"       # outside: as given


def test_article_files_in_path_order_without_hidden_files_or_linked_folders(tmp_path):
    from generator.read import article_files
    folder = tmp_path / "content" / "articles"
    for name in ("b/a.txt", "b-c.md", "sub/x.txt", ".hidden/h.txt", "sub/.h.txt", "notes.csv", "a.TXT"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "o.txt").write_text("x", encoding="utf-8")
    (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "file-link.txt").symlink_to(tmp_path / "elsewhere" / "o.txt")
    found = [p.relative_to(folder).as_posix() for p in article_files(tmp_path / "content")]
    assert found == ["b/a.txt", "b-c.md", "file-link.txt", "sub/x.txt"]     # as pathlib sorts paths
