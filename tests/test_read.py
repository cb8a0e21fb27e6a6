"""Reading articles: the .txt wire format, Markdown with front matter, repairs, errors."""
from __future__ import annotations

import datetime as dt
import os
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


@pytest.mark.parametrize("front, message", [
    ("title: T\ndate: 2021-02-30", "a.md:3: impossible date '2021-02-30'"),
    ("title: T\ndate: 2021-13-01", "a.md:3: impossible date '2021-13-01'"),
    ("title: T\ndate: 2021-02-03\ntags: 5", "a.md:4: tags must be a list of strings"),
    ("title: T\ndate: 2021-02-03\ntags: [a, {b: c}]", "a.md:4: tags must be a list of strings"),
    ("title: [x, y]\ndate: 2021-02-03", "a.md:2: title must be text, not a list (['x', 'y'])"),
    ("title: T\ndate: 2021-02-03\nauthor: 12", "a.md:4: author must be text, not a number (12)"),
    ("title: T\ndate: 2021-02-03\nslug: ../../../victim", "a.md:4: invalid slug '../../../victim': a slug is "
     "made of lowercase ASCII letters, digits and single hyphens"),
    ("title: T\ndate: 2021-02-03\nslug: ..", "a.md:4: invalid slug '..'"),
    ("title: T\ndate: 2021-02-03\nslug: a?b#c", "a.md:4: invalid slug 'a?b#c'"),
    ("title: T\ndate: 2021-02-03\nslug: '\"<x>'", "a.md:4: invalid slug '\"<x>'"),
    ("title: T\ndate: 2021-02-03\nslug: Upper-Case", "a.md:4: invalid slug 'Upper-Case'"),
    ("title: T\ndate: 2021-02-03\nslug: 2021", "a.md:4: slug must be text, not a number (2021)"),
])
def test_front_matter_errors_name_the_line(front, message):
    with pytest.raises(BuildFailed) as failed:
        parse_article(f"---\n{front}\n---\nBody.\n".encode(), "a.md")
    assert str(failed.value.errors[0]).startswith(message)


def test_markdown_nested_too_deeply_is_an_error_not_a_traceback():
    with pytest.raises(BuildFailed) as failed:
        parse_article(("---\ntitle: T\ndate: 2021-02-03\n---\n" + "* " * 2000 + "list\n").encode(), "a.md")
    assert str(failed.value).startswith("a.md:5: the Markdown nests too deeply")


def test_front_matter_dates_with_a_time_and_valid_slugs_are_read():
    article = parse_article(b"---\ntitle: T\ndate: 2021-02-03 10:30:00\nslug: my-2nd-story\n---\nBody.\n", "a.md")
    assert (article.date, article.slug, article.slug_given) == (dt.date(2021, 2, 3), "my-2nd-story", True)


def test_utf16_with_a_bom_is_read_and_without_one_is_named():
    text = "date 2021-02-03\n\nCaf\u00e9 society.\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)
        assert parse_article(bom + text.encode(encoding), "a.txt").text == "Caf\u00e9 society."
    with pytest.raises(BuildFailed) as failed:
        parse_article(text.encode("utf-16-le"), "a.txt")
    assert "looks like UTF-16 text without a byte-order mark" in str(failed.value)


def test_control_characters_never_reach_the_text():
    article = parse_article(b"date 2021-02-03\ntitle A\x00B\x1b[31m\n\nNul\x00 here\x07 and\x0b\xc2\x85 there.\n", "a.txt")
    assert (article.title, article.text) == ("AB[31m", "Nul here and there.")


def test_control_characters_written_as_yaml_escapes_are_dropped_too():
    article = parse_article(b'---\ntitle: "A\\0B\\e[31m"\ndate: 2021-01-01\ntags: ["x\\0y"]\n---\nBody.\n', "a.md")
    assert (article.title, article.tags) == ("AB[31m", ("xy",))


def test_an_explicit_slug_taken_by_another_article_is_an_error(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):     # same date and title: derived slugs get suffixes from their paths
        (folder / name).write_text("date 2021-02-03\ntitle Same\n\nBody.", encoding="utf-8")
    from generator.slugs import identity_suffix
    taken = f"2021-02-03-same-{identity_suffix('articles/a.txt')}"
    (folder / "c.md").write_text(f"---\ntitle: C\ndate: 2021-02-03\nslug: {taken}\n---\nBody.", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        read_articles(tmp_path)
    [error] = failed.value.errors
    assert f"slug '{taken}' is also the slug of" in error.message


def test_an_explicit_slug_is_kept_and_a_derived_one_moves_aside(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2021-02-03\ntitle Same\n\nBody.", encoding="utf-8")
    (folder / "b.md").write_text("---\ntitle: B\ndate: 2021-02-03\nslug: 2021-02-03-same\n---\nBody.", encoding="utf-8")
    slugs = {a.source_path: a.slug for a in read_articles(tmp_path)}
    assert slugs["articles/b.md"] == "2021-02-03-same" and slugs["articles/a.txt"].startswith("2021-02-03-same-")


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


def test_article_files_in_path_order_without_hidden_files(tmp_path):
    from generator.read import article_files
    folder = tmp_path / "content" / "articles"
    for name in ("b/a.txt", "b-c.md", "sub/x.txt", ".hidden/h.txt", "sub/.h.txt", "notes.csv", "a.TXT"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "file-link.txt").symlink_to(folder / "sub" / "x.txt")        # a link inside content/: read
    found = [p.relative_to(folder).as_posix() for p in article_files(tmp_path / "content")]
    assert found == ["b/a.txt", "b-c.md", "file-link.txt", "sub/x.txt"]     # as pathlib sorts paths


def _linked_content(tmp_path):
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("date 2021-01-01\n\nA.", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "o.txt").write_text("date 2021-01-02\n\nO.", encoding="utf-8")
    (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "out.txt").symlink_to(tmp_path / "elsewhere" / "o.txt")
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    return tmp_path / "content"


def test_links_out_of_content_linked_folders_and_broken_links_are_errors(tmp_path):
    from generator.read import article_files
    content = _linked_content(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        article_files(content)
    messages = {Path(e.path).name: e.message for e in failed.value.errors}
    assert set(messages) == {"linked", "out.txt", "broken.txt"}
    assert messages["broken.txt"].startswith("broken symbolic link to ")
    assert messages["linked"].startswith("symbolic link to a folder")
    assert messages["out.txt"].startswith("symbolic link to a file outside the content folder")
    assert all("follow_symlinks: true" in m for k, m in messages.items() if k != "broken.txt")


def test_follow_symlinks_reads_through_links_once(tmp_path):
    from generator.read import article_files
    content = _linked_content(tmp_path)
    (content / "articles" / "broken.txt").unlink()
    (content / "articles" / "loop").symlink_to(content / "articles", target_is_directory=True)  # a cycle
    found = [p.relative_to(content / "articles").as_posix() for p in article_files(content, follow_symlinks=True)]
    assert found == ["a.txt", "linked/o.txt", "out.txt"]


def test_file_name_not_utf8_is_an_error(tmp_path):
    from generator.read import article_files
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    (folder / "ok.txt").write_text("date 2021-01-01\n\nA.", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"date 2021-01-01\n\nB.")
    with pytest.raises(BuildFailed) as failed:
        article_files(tmp_path / "content")
    [error] = failed.value.errors
    assert error.path.endswith("caf\ufffd.txt") and "not valid UTF-8" in error.message


