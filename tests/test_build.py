"""End to end: the golden fixture site, sites that must fail, determinism, safety, links."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.ownership import read_record
from tests.conftest import FIXTURES, ROOT, build_site, copy_site, serve
from tests.crawl import crawl_folder, crawl_http
from tests.golden import EXPECTED, SITE, build_golden, tree

INVALID = sorted((FIXTURES / "invalid").iterdir())


def test_golden_site_matches_expected_tree(tmp_path):
    assert build_golden(tmp_path / "site") == 0
    built, expected = tree(tmp_path / "site"), tree(EXPECTED)
    assert sorted(built) == sorted(expected), "file list differs: run `make golden` and review the diff"
    changed = [path for path in built if built[path] != expected[path]]
    assert not changed, f"{changed} differ: run `make golden` and review the diff"


@pytest.mark.parametrize("site", INVALID, ids=[p.name for p in INVALID])
def test_invalid_site_fails_with_exact_message(site, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(site)
    output = tmp_path / "out"
    config = ["--config", "site.yaml"] if (site / "site.yaml").exists() else ["--config", "/dev/null"]
    from generator.__main__ import run
    assert run(["build", "--content", "content", "--output", str(output), *config]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[:-1] == (site / "expected.txt").read_text("utf-8").splitlines()
    assert lines[-1].startswith("build failed:")
    assert not output.exists()


def test_two_builds_are_byte_identical(tmp_path):
    assert build_site(SITE, tmp_path / "a") == 0
    assert build_site(SITE, tmp_path / "b") == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_failed_build_leaves_previous_site_untouched(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out"
    assert build_site(site, output) == 0
    before = tree(output)
    (site / "content" / "articles" / "broken.txt").write_bytes(b"date 2021-02-31\n\nBad date.\n")
    assert build_site(site, output) == 1
    assert "broken.txt:1: impossible date '2021-02-31'" in capsys.readouterr().err
    assert tree(output) == before


def test_rebuild_writes_nothing_and_removes_deleted_pages(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out"
    assert build_site(site, output) == 0
    capsys.readouterr()
    assert build_site(site, output) == 0
    assert " 0 files written" in capsys.readouterr().out
    (site / "content" / "articles" / "same-title-a.txt").unlink()
    assert build_site(site, output) == 0
    out = capsys.readouterr().out
    # removed: its page, the last home page, its twin's suffixed slug (the twin is unique now), and
    # the search files that held it; nothing that still exists
    assert int(re.search(r"(\d+) removed", out).group(1)) >= 3
    assert len([p for p in tree(output) if "same-title-twice" in p]) == 1
    assert tree(output) == _clean_build(site, tmp_path / "clean")


def _clean_build(site: Path, output: Path) -> dict[str, bytes]:
    assert build_site(site, output) == 0
    return tree(output)


def test_refuses_to_empty_a_foreign_folder(tmp_path, capsys):
    output = tmp_path / "precious"
    output.mkdir()
    (output / "thesis.docx").write_bytes(b"years of work")
    assert build_site(SITE, output) == 1
    assert "refusing to replace a folder Quotewire did not build" in capsys.readouterr().err
    assert (output / "thesis.docx").exists()


def test_script_in_article_is_shown_not_run(tmp_path):
    assert build_site(SITE, tmp_path / "site") == 0
    page = next((tmp_path / "site" / "articles").glob("*markdown-article*/index.html")).read_text("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;/script&gt;" in page


def test_colliding_slugs_never_overwrite(tmp_path):
    assert build_site(SITE, tmp_path / "site") == 0
    pages = sorted(p.parent.name for p in (tmp_path / "site" / "articles").glob("2021-01-05-same-title-twice*/index.html"))
    assert len(pages) == 2 and len(set(pages)) == 2


@pytest.mark.parametrize("base", ["/", "/quotewire/"])
def test_no_broken_links_when_served(tmp_path, base):
    assert build_site(SITE, tmp_path / "site", "--base-url", base) == 0
    with serve(tmp_path / "site", base) as url:
        seen, broken = crawl_http(url)
        assert not broken
        assert len(seen) > 10
        import urllib.error
        import urllib.request
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(url + "no/such/page/")
        assert error.value.code == 404
        html = error.value.read().decode()
        assert f'href="{base}static/style.css"' in html     # 404 links work at any depth


def test_no_broken_links_from_disk(tmp_path):
    assert build_site(SITE, tmp_path / "site") == 0
    seen, broken = crawl_folder(tmp_path / "site")
    assert not broken and len(seen) > 10


def test_pages_from_disk_in_a_real_browser(tmp_path, browser):
    assert build_site(SITE, tmp_path / "site") == 0
    page = browser.new_page()
    page.goto((tmp_path / "site" / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Latest articles"
    page.get_by_role("link", name="Older →").click()
    assert "Articles, page 2" in page.locator("h1").inner_text()
    page.locator(".article-list a").first.click()
    assert page.locator("article.story h1").count() == 1
    background = page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle")
    assert background == "solid"       # the stylesheet loaded from a relative path
    page.close()


def test_seed_site_from_content(tmp_path):
    from generator.__main__ import run
    assert run(["build", "--content", str(ROOT / "content"), "--output", str(tmp_path / "site"),
                "--config", str(ROOT / "site.yaml")]) == 0
    pages = list((tmp_path / "site" / "articles").glob("*/index.html"))
    assert len(pages) == 1
    html = pages[0].read_text("utf-8")
    assert "14 February 2021" in html
    assert "Chinese Telecommunication giant, Huawei has promised" in html
    assert html.count("<p>") >= 9
    for name in ("index.html", "archive/index.html", "404.html", "archive/2021/02/index.html"):
        assert (tmp_path / "site" / name).is_file()


def test_strict_build_stops_on_a_curator_warning_and_writes_nothing(tmp_path, capsys):
    output = tmp_path / "site"
    assert build_site(SITE, output, "--strict") == 1
    err = capsys.readouterr().err
    assert "quote-spanning-two-paragraphs.txt:3: quote left unattributed: “It is a good plan." in err
    assert "Traceback" not in err and not output.exists()


def test_a_cache_folder_that_is_a_file_is_an_error(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    (tmp_path / "cache").write_text("not a folder")
    assert build_site(site, tmp_path / "out", "--cache", str(tmp_path / "cache")) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'cache'}: the cache folder is a file" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("address", ["javascript:alert(1)", "me.github.io/quotewire", "https://x.org/a b"])
def test_a_site_url_that_is_not_a_web_address_is_an_error(tmp_path, capsys, address):
    site = copy_site("basic", tmp_path / "src")
    assert build_site(site, tmp_path / "out", "--site-url", address) == 1
    assert capsys.readouterr().err.startswith(f"--site-url: '{address}' is not an http:// or https:// address")


def test_a_full_address_as_base_url_points_to_site_url(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    assert build_site(site, tmp_path / "out", "--base-url", "https://me.github.io/quotewire/") == 1
    err = capsys.readouterr().err
    assert err.startswith("--base-url: 'https://me.github.io/quotewire/' is a full address, not a path")
    assert "--site-url" in err


def test_content_static_is_copied_to_the_site_root_and_its_robots_txt_wins(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    static = site / "content" / "static"
    for path, data in {"CNAME": b"news.example.org\n", "img/logo.png": b"\x89PNG...", "favicon.ico": b"ico",
                       ".well-known/security.txt": b"Contact: x", "robots.txt": b"User-agent: *\nDisallow: /\n"
                       }.items():
        (static / path).parent.mkdir(parents=True, exist_ok=True)
        (static / path).write_bytes(data)
    output = tmp_path / "out" / "_site"
    assert build_site(site, output) == 0
    built = tree(output)
    assert built["CNAME"] == b"news.example.org\n" and built["img/logo.png"] == b"\x89PNG..."
    assert built[".well-known/security.txt"] == b"Contact: x" and built["favicon.ico"] == b"ico"
    assert built["robots.txt"] == b"User-agent: *\nDisallow: /\n"
    assert read_record(output) >= {"CNAME", "img/logo.png", "robots.txt"}
    capsys.readouterr()
    assert build_site(site, output) == 0
    assert ": 0 files written" in capsys.readouterr().out, "unchanged static files are not written again"
    (static / "CNAME").write_bytes(b"archive.example.org\n")
    (static / "img" / "logo.png").unlink()
    assert build_site(site, output) == 0
    assert (output / "CNAME").read_bytes() == b"archive.example.org\n"
    assert not (output / "img").exists(), "a file removed from content/static/ leaves the site"


@pytest.mark.parametrize("path", ["index.html", "static/style.css", ".nojekyll", ".quotewire-files"])
def test_a_static_file_where_the_build_writes_one_is_an_error_naming_both(tmp_path, capsys, path):
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out" / "_site"
    assert build_site(site, output) == 0
    before = tree(output)
    static = site / "content" / "static"
    (static / path).parent.mkdir(parents=True)
    (static / path).write_bytes(b"mine")
    capsys.readouterr()
    assert build_site(site, output) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{static / path}: the build generates {path} too; only robots.txt may be replaced by a file of "
        f"{static}/: rename or remove this one",
        f"build failed: 1 error; {output} was left as it was"]
    assert tree(output) == before


def test_a_symbolic_link_in_content_static_is_an_error(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    static = site / "content" / "static"
    static.mkdir()
    (static / "secrets").symlink_to(tmp_path)
    assert build_site(site, tmp_path / "out") == 1
    assert capsys.readouterr().err.splitlines()[0] == (f"{static / 'secrets'}: a symbolic link: put the file or "
                                                      f"folder itself in {static}/, it is copied as is")
    assert not (tmp_path / "out").exists()


def test_a_file_the_build_did_not_make_is_never_deleted_even_without_the_cache(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out" / "_site"
    assert build_site(site, output) == 0
    (output / "CNAME").write_bytes(b"news.example.org\n")
    (output / "notes").mkdir()
    (output / "notes" / "thesis.txt").write_bytes(b"years of work")
    shutil.rmtree(tmp_path / "out" / ".cache")
    before = tree(output)
    for extra in ((), ("--no-cache",)):
        capsys.readouterr()
        assert build_site(site, output, *extra) == 1
        assert capsys.readouterr().err.splitlines() == [
            f"{output}: holds 2 files Quotewire did not make; to publish them with the site, move them to "
            f"content/static/; to delete them, build with --clean",
            f"{output / 'CNAME'}: not made by Quotewire",
            f"{output / 'notes/thesis.txt'}: not made by Quotewire",
            f"build failed: 3 errors; {output} was left as it was"]
        assert tree(output) == before
    assert build_site(site, output, "--clean") == 0
    assert not (output / "CNAME").exists() and not (output / "notes").exists()
    assert tree(output) == _clean_build(site, tmp_path / "clean")


def test_a_folder_built_before_the_record_is_taken_over_except_the_users_files(tmp_path, capsys):
    """An output folder of a version that kept no record: the files at the places Quotewire
    writes are its own (an old page, an old search shard: removed); others stop the build."""
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out" / "_site"
    assert build_site(site, output) == 0
    (output / ".quotewire-files").unlink()
    for path in ("articles/2001-01-01-an-article-since-deleted/index.html", "search/shard-7.0123abcd.json",
                 "sitemap-2.xml", "CNAME", "thesis.txt"):
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(b"old")
    capsys.readouterr()
    assert build_site(site, output) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1:3] == [f"{output / 'CNAME'}: not made by Quotewire", f"{output / 'thesis.txt'}: not made by Quotewire"]
    (output / "thesis.txt").unlink()
    (site / "content" / "static").mkdir()
    (output / "CNAME").rename(site / "content" / "static" / "CNAME")
    assert build_site(site, output) == 0
    expected = _clean_build(site, tmp_path / "clean")
    assert tree(output) == expected and expected["CNAME"] == b"old"


def test_clean_never_empties_a_folder_quotewire_did_not_build(tmp_path, capsys):
    output = tmp_path / "precious"
    output.mkdir()
    (output / "thesis.docx").write_bytes(b"years of work")
    assert build_site(SITE, output, "--clean") == 1
    assert "refusing to replace a folder Quotewire did not build" in capsys.readouterr().err
    assert (output / "thesis.docx").exists()
