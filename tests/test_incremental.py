"""Incremental builds: byte-identical to a clean build, unchanged articles neither re-read nor
re-annotated, a no-op writes nothing, and the build summary."""
from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import generator.annotate as annotate_module
import generator.build as build_module
import generator.read as read_module
from generator.build import BuildOptions, build
from generator.errors import BuildFailed
from tests.conftest import copy_site
from tests.golden import tree

NEW_ARTICLE = "date 2021-02-10\ntitle A late addition\n\nThe council said the bridge \"will open in May\".\n"
REGISTRY = ("entities:\n  - name: London\n    type: place\n    description: Capital of the United Kingdom.\n"
            "    slug: city-of-london\nnever: [BOM, CRLF]\n")


def options(site: Path, output: Path, **extra) -> BuildOptions:
    return BuildOptions(content=site / "content", output=output, config=site / "site.yaml", **extra)


def clean_tree(site: Path, tmp_path: Path) -> dict[str, bytes]:
    output = tmp_path / "clean" / "_site"
    shutil.rmtree(output, ignore_errors=True)
    build(options(site, output, use_cache=False))
    return tree(output)


def built_basic_site(tmp_path: Path) -> tuple[Path, Path]:
    """The basic fixture site copied to tmp_path/src and built once into tmp_path/out/_site."""
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out" / "_site"
    build(options(site, output))
    return site, output


def articles(site: Path) -> Path:
    return site / "content" / "articles"


def add(site):
    (articles(site) / "late-addition.txt").write_text(NEW_ARTICLE, "utf-8")


def edit(site):
    path = articles(site) / "header-lines-and-escaping.txt"
    path.write_text(path.read_text("utf-8").replace("The budget", "The revised budget"), "utf-8")


def rename(site):
    (articles(site) / "crlf-and-bom.txt").rename(articles(site) / "2020" / "moved-here.txt")


def delete(site):
    (articles(site) / "same-title-a.txt").unlink()


def registry(site):
    (site / "content" / "entities.yaml").write_text(REGISTRY, "utf-8")


def config(site):
    path = site / "site.yaml"
    path.write_text(path.read_text("utf-8").replace("per_page: 2", "per_page: 3"), "utf-8")


def second_mention(site):
    """A second article names London: its page appears (entity_page_min_articles), and the first
    article's mention becomes a link to it."""
    (articles(site) / "london-again.txt").write_text(
        "date 2021-03-03\ntitle London again\n\nThe mayor of London opened the bridge on Monday.\n", "utf-8")


def correction(site):
    quotes = build(options(site, site / "probe", use_cache=False)) and \
        json.loads((site / "probe" / "data" / "quotes.json").read_text("utf-8"))
    shutil.rmtree(site / "probe")
    (site / "content" / "corrections.yaml").write_text(
        f"quotes:\n  - id: {quotes[0]['id']}\n    speaker: Jo Writer\n", "utf-8")


@pytest.mark.parametrize("change", [add, edit, rename, delete, registry, config, second_mention, correction])
def test_incremental_build_is_byte_identical_to_a_clean_build(tmp_path, change):
    site, output = built_basic_site(tmp_path)
    change(site)
    before = tree(output)
    report = build(options(site, output))
    if change is second_mention:
        assert "entities/london/index.html" not in before and "entities/london/index.html" in tree(output)
    if change is not rename:                     # a renamed file keeps its slug: same site
        assert report.stats.written or report.stats.removed
    assert tree(output) == clean_tree(site, tmp_path)


def test_sequence_of_changes_stays_identical(tmp_path):
    site = copy_site("basic", tmp_path / "src")
    output = tmp_path / "out" / "_site"
    for change in (add, edit, registry, rename, delete):
        change(site)
        build(options(site, output))
    assert tree(output) == clean_tree(site, tmp_path)


class Calls:
    """Calls of parse and annotate that reach the real functions, in whichever process they run
    (a few articles are annotated on another core): each call adds a line to a file."""

    def __init__(self, log: Path):
        self.log = log
        log.write_text("", "utf-8")

    def note(self, name: str) -> None:
        with self.log.open("a", encoding="utf-8") as file:
            file.write(name + "\n")

    def __eq__(self, counts) -> bool:
        lines = self.log.read_text("utf-8").split()
        return {name: lines.count(name) for name in counts} == counts

    def __repr__(self) -> str:
        lines = self.log.read_text("utf-8").split()
        return repr({name: lines.count(name) for name in ("parse", "annotate")})


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Counts parse and annotate calls that reach the real functions."""
    calls = Calls(tmp_path / "calls.log")
    real_parse, real_annotate = read_module.parse_article, annotate_module.annotate_text

    def parse(*args):
        calls.note("parse")
        return real_parse(*args)

    def annotate(*args):
        calls.note("annotate")
        return real_annotate(*args)

    monkeypatch.setattr(build_module, "parse_article", parse)
    monkeypatch.setattr(annotate_module, "annotate_text", annotate)      # build imports it when it annotates
    return calls


def test_unchanged_articles_are_not_reread_or_reannotated(tmp_path, counted):
    site, output = built_basic_site(tmp_path)
    assert counted == {"parse": 9, "annotate": 9}
    edit(site)
    build(options(site, output))
    assert counted == {"parse": 10, "annotate": 10}
    add(site)
    build(options(site, output))
    assert counted == {"parse": 11, "annotate": 11}


def test_no_op_rebuild_writes_no_file(tmp_path):
    site, output = built_basic_site(tmp_path)
    everything = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]   # the site and its cache
    before = {p: p.stat().st_mtime_ns for p in everything}
    report = build(options(site, output))
    assert report.stats.written == () and report.stats.removed == ()
    assert report.stats.unchanged == len(tree(output))
    assert "render" not in report.timings                       # nothing could differ: nothing rendered
    assert {p: p.stat().st_mtime_ns for p in everything} == before


def test_adding_an_article_rewrites_only_affected_pages(tmp_path):
    site, output = built_basic_site(tmp_path)
    add(site)
    written = set(build(options(site, output)).stats.written)
    assert "articles/2021-02-10-a-late-addition/index.html" in written
    assert {"index.html", "feed.xml", "sitemap.xml"} <= written
    assert "articles/2020-12-31-a-story-from-the-year-folder/index.html" not in written   # far from it in time
    assert not any(p.startswith("static/") for p in written)
    (articles(site) / "late-addition.txt").unlink()
    report = build(options(site, output))
    assert "articles/2021-02-10-a-late-addition/index.html" in report.stats.removed
    assert tree(output) == clean_tree(site, tmp_path)


def test_home_pages_stop_at_home_pages_and_an_old_article_changes_only_the_first(tmp_path):
    site = copy_site("basic", tmp_path / "src")
    settings = site / "site.yaml"
    settings.write_text(settings.read_text("utf-8") + "home_pages: 2\n", "utf-8")
    output = tmp_path / "out" / "_site"
    build(options(site, output))
    homes = sorted(p.relative_to(output).as_posix() for p in output.glob("**/index.html")
                   if p.parent == output or p.parent.parent.name == "page")
    assert homes == ["index.html", "page/2/index.html"]
    last = (output / "page" / "2" / "index.html").read_text("utf-8")
    assert '<a href="../../archive/index.html">Older: the archive, by month →</a>' in last
    assert "Page 2 of 2" in last
    (articles(site) / "old.txt").write_text("date 2019-05-01\ntitle An old story\n\nThe council met.\n", "utf-8")
    written = set(build(options(site, output)).stats.written)
    assert "articles/2019-05-01-an-old-story/index.html" in written
    assert [path for path in written if path == "index.html" or path.startswith("page/")] == ["index.html"]
    assert tree(output) == clean_tree(site, tmp_path)


@pytest.fixture
def reused(monkeypatch):
    """How many pages each build's plan kept as they are (pages.outdated), of how many."""
    counts = []
    real = build_module.outdated

    def outdated(*args):
        plan = real(*args)
        counts.append((len(plan.kept), len(plan.fingerprints)))
        return plan
    monkeypatch.setattr(build_module, "outdated", outdated)
    return counts


def test_unchanged_pages_are_kept_without_rendering(tmp_path, reused):
    site, output = built_basic_site(tmp_path)
    add(site)
    build(options(site, output))
    assert reused[0][0] == 0                      # a first build has nothing to reuse
    assert 0 < reused[1][0] < reused[1][1]
    assert tree(output) == clean_tree(site, tmp_path)


def test_pages_kept_without_their_inputs_still_make_the_clean_site(bbc_content, tmp_path, reused):
    """A page whose basis and file are unchanged is kept without its inputs being made; real news
    changes still rebuild to the clean site."""
    sources = sorted((bbc_content / "articles").glob("*.txt"))
    site = news_site(tmp_path, sources[:40], "per_page: 7\n")
    output = tmp_path / "inc" / "_site"
    build(options(site, output))
    folder = articles(site)
    for step in real_news_changes(folder, sources[100]):
        step()
        build(options(site, output))
        assert tree(output) == clean_tree(site, tmp_path)
    assert all(kept > 0 for kept, _ in reused[1::2])       # every incremental build kept pages


def test_a_reused_page_whose_file_was_removed_is_rendered_again(tmp_path, reused):
    site, output = built_basic_site(tmp_path)
    entity_page = next(p for p in sorted((output / "entities").glob("*/*/index.html")))
    entity_page.unlink()
    add(site)
    report = build(options(site, output))
    assert entity_page.relative_to(output).as_posix() in report.stats.written
    assert tree(output) == clean_tree(site, tmp_path)


def test_a_damaged_memo_is_ignored_with_a_warning(tmp_path, reused):
    site, output = built_basic_site(tmp_path)
    memo = tmp_path / "out" / ".cache" / "memo.sqlite"
    memo.write_bytes(memo.read_bytes()[:1000])
    add(site)
    report = build(options(site, output))
    assert [w for w in report.warnings if "memo.sqlite" in w and "damaged" in w]
    assert reused[1][0] == 0                       # the build after the damage reused nothing
    assert tree(output) == clean_tree(site, tmp_path)


def test_an_unchanged_search_store_chunk_is_kept_and_a_damaged_one_written_again(tmp_path):
    site, output = built_basic_site(tmp_path)
    shards = {path.name: path.read_bytes() for path in (output / "search").glob("store-*")}
    add(site)                                            # a 2021 article: the store chunk of older ones stays as it was
    written = build(options(site, output)).stats.written
    after = {path.name: path.read_bytes() for path in (output / "search").glob("store-*")}
    same = sorted(name for name in after if shards.get(name) == after[name])
    assert same and not any(f"search/{name}" in written for name in same)
    (output / "search" / same[0]).write_bytes(b"damaged")
    (articles(site) / "late-addition.txt").write_text(NEW_ARTICLE + "One more line.\n", "utf-8")
    assert f"search/{same[0]}" in build(options(site, output)).stats.written
    assert tree(output) == clean_tree(site, tmp_path)


def test_tampered_output_is_repaired(tmp_path):
    site, output = built_basic_site(tmp_path)
    expected = tree(output)
    (output / "index.html").write_bytes(b"edited by hand")
    (output / "archive" / "index.html").unlink()
    build(options(site, output))
    assert tree(output) == expected


def test_a_file_the_build_did_not_make_stops_it_unless_clean_says_to_delete_it(tmp_path):
    site, output = built_basic_site(tmp_path)
    expected = tree(output)
    (output / "index.html").write_bytes(b"edited by hand")
    (output / "stray.txt").write_bytes(b"left over")
    tampered = tree(output)
    with pytest.raises(BuildFailed) as failed:
        build(options(site, output))
    assert [str(error) for error in failed.value.errors] == [
        f"{output}: holds 1 file Quotewire did not make; to publish them with the site, move them to "
        f"content/static/; to delete them, build with --clean",
        f"{output / 'stray.txt'}: not made by Quotewire"]
    assert tree(output) == tampered
    build(options(site, output, clean=True))
    assert tree(output) == expected


def test_damaged_cache_warns_and_builds_the_same(tmp_path):
    site, output = built_basic_site(tmp_path)
    expected = tree(output)
    damaged = [file for file in (tmp_path / "out" / ".cache").rglob("*") if file.is_file()]
    assert [file.name for file in damaged] == ["memo.sqlite"]      # Jinja's compiled templates are in it too
    for file in damaged:
        file.write_bytes(file.read_bytes()[:100])
    report = build(options(site, output))
    assert report.warnings and all("damaged" in w for w in report.warnings)
    assert tree(output) == expected


def test_cache_lives_beside_the_output_never_inside(tmp_path):
    site = copy_site("basic", tmp_path / "src")
    build(options(site, tmp_path / "out" / "_site"))
    assert (tmp_path / "out" / ".cache").is_dir()
    assert not any(".cache" in p for p in tree(tmp_path / "out" / "_site"))


def test_summary_counts_and_stages(tmp_path, capsys):
    from generator.__main__ import run
    site = copy_site("basic", tmp_path / "src")
    args = ["build", "--content", str(site / "content"), "--output", str(tmp_path / "out"),
            "--config", str(site / "site.yaml")]
    assert run(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("built 9 articles, ") and " speakers, " in out and " entities, " in out
    assert " quotes: " in out and " files written, 0 unchanged, 0 removed" in out
    for stage in ("read", "annotate", "collect", "render", "write"):
        assert f"{stage} " in out
    assert run(args) == 0
    assert ": 0 files written" in capsys.readouterr().out


def test_progress_bar_only_on_a_terminal(tmp_path, capsys):
    from generator.__main__ import run
    site = copy_site("basic", tmp_path / "src")
    assert run(["build", "--content", str(site / "content"), "--output", str(tmp_path / "out"),
                "--config", str(site / "site.yaml")]) == 0
    assert "article/s" not in capsys.readouterr().out and "%|" not in capsys.readouterr().err


def news_site(tmp_path: Path, sources: list[Path], settings: str) -> Path:
    """A site of real articles (copies of `sources`) with `settings` as its site.yaml."""
    site = tmp_path / "site"
    (site / "content" / "articles").mkdir(parents=True)
    for source in sources:
        shutil.copy(source, articles(site) / source.name)
    (site / "site.yaml").write_text(settings, "utf-8")
    return site


def real_news_changes(folder: Path, new_article: Path) -> list:
    """Add an article, give one a new speaker, rename an entity in another ("Mr" → "Mister"), delete one."""
    first, second, third = sorted(folder.glob("*.txt"))[:3]
    return [
        lambda: shutil.copy(new_article, folder / "zz-added.txt"),
        lambda: first.write_text(first.read_text("utf-8") + '\n\n"We will never give up," said Ada Quill.\n', "utf-8"),
        lambda: second.write_text(second.read_text("utf-8").replace("Mr", "Mister"), "utf-8"),
        lambda: third.unlink(),
    ]


def test_real_news_changes_rebuild_to_the_clean_site(bbc_content, tmp_path):
    """Sixty BBC articles; add, edit (a new speaker and a renamed entity), delete: each incremental
    build must equal a clean build, whatever pages the fingerprints decided to keep."""
    sources = sorted((bbc_content / "articles").glob("*.txt"))
    site = news_site(tmp_path, sources[:40] + sources[-20:], "per_page: 7\nlist_per_page: 4\n")   # letters in parts
    output = tmp_path / "inc" / "_site"
    build(options(site, output))
    folder = articles(site)
    steps = real_news_changes(folder, sources[100]) + [lambda: (folder / "zz-added.txt").unlink()]
    for step in steps:
        step()
        build(options(site, output))
        assert tree(output) == clean_tree(site, tmp_path)


def test_an_added_article_rewrites_only_the_a_to_z_pages_of_its_names(bbc_content, tmp_path):
    """An A–Z page shows one letter's names (or one part of a letter): adding an article rewrites
    those of the names whose row changed, not every page after a new name as paging would."""
    sources = sorted((bbc_content / "articles").glob("*.txt"))
    site = news_site(tmp_path, sources[:60], "list_per_page: 4\n")   # letters in parts
    output = tmp_path / "_site"
    build(options(site, output))
    existed = set(tree(output))
    shutil.copy(sources[100], articles(site) / "zz-added.txt")
    written = set(build(options(site, output)).stats.written)
    # a letter that the new names split into parts has new part pages, each listing its own old names
    by_name = {path for path in written if "/a-z/" in path and path in existed}
    owners = {path for path in written if re.fullmatch(r"(entities|speakers)/[^/]+/index\.html", path)}
    assert by_name and owners
    for path in by_name:
        html = (output / path).read_text("utf-8")
        folder = posixpath.dirname(path)
        shown = {posixpath.normpath(posixpath.join(folder, href)) for href in re.findall(r'<td><a href="([^"]+)"', html)}
        if not shown and "parts" in html:
            continue  # the letter's page became the list of its parts
        assert shown & owners, f"{path} shows no name whose page changed"
    assert len(by_name) < len({path for path in tree(output) if "/a-z/" in path}) / 3


def planned_fingerprints(site: Path) -> dict[str, tuple[bytes, bytes]]:
    """Each page's fingerprint from its basis and from its inputs, as the build plans them."""
    from generator.build import Progress, annotate_articles, load_memo, memo_parse, site_config
    from generator.collect import collect_site
    from generator.fingerprint import Digester
    from generator.pages import list_pages
    from generator.read import parse_article, read_articles, read_registry
    from generator.render import plan_site
    opts = options(site, site / "_unused", use_cache=False)
    config = site_config(opts)
    memo = load_memo(opts, config)
    registry = read_registry(opts.content)
    found = read_articles(opts.content, memo_parse(memo))
    collected = collect_site(annotate_articles(found, registry, memo, Progress()), registry)
    specs = plan_site(collected, config)
    digester = Digester()
    return {spec.path: (digester.of(spec.basis), digester.of(spec.values())) for spec in specs if spec.basis}


def test_a_page_whose_basis_is_unchanged_has_unchanged_inputs(bbc_content, tmp_path):
    """The basis (the digests of the articles a page is made from, and what it shows of others)
    stands in for the inputs: across real changes, the same basis must always mean the same inputs."""
    sources = sorted((bbc_content / "articles").glob("*.txt"))
    site = news_site(tmp_path, sources[:50], "per_page: 7\n")
    folder = articles(site)
    first = sorted(folder.glob("*.txt"))[0]
    steps = real_news_changes(folder, sources[60]) + [
        lambda: (folder / "zz-added.txt").rename(folder / "zz-moved.txt"),
        lambda: first.write_text(first.read_text("utf-8") + '\n\nMs Quill added: "Soon."\n', "utf-8"),
    ]   # (the registry and the configuration are in every fingerprint's salt: not compared here)
    before = planned_fingerprints(site)
    assert len(before) > 200
    for step in steps:
        step()
        after = planned_fingerprints(site)
        same_basis = [path for path in before.keys() & after.keys() if before[path][0] == after[path][0]]
        assert same_basis and [p for p in same_basis if before[p][1] != after[p][1]] == []
        assert any(before[path][0] != after[path][0] for path in before.keys() & after.keys())
        before = after


def site_config(site: Path):
    return build_module.site_config(options(site, site / "_site"))


def test_the_annotators_word_lists_are_kept_in_the_cache(tmp_path, monkeypatch):
    import generator.annotate.gazetteer as gazetteer
    site, output = built_basic_site(tmp_path)
    kept = build_module.load_memo(options(site, output), site_config(site)).entries("word-lists")
    assert {"places", "first_names", "common_words"} <= set(kept)
    add(site)
    expected = clean_tree(site, tmp_path)           # no cache: the lists are made again
    monkeypatch.setattr(gazetteer, "_TABLES", {})                # as in a new process

    def not_again(*args):
        raise AssertionError("a word list was made again instead of read from the cache")
    monkeypatch.setattr(gazetteer, "get_english_words_set", not_again)
    monkeypatch.setattr(gazetteer, "_package_file", not_again)
    build(options(site, output))
    assert tree(output) == expected


def test_a_no_op_build_reads_no_memo_table(tmp_path, monkeypatch):
    from generator.memo import Memo
    site, output = built_basic_site(tmp_path)
    read = []
    real = Memo._table
    monkeypatch.setattr(Memo, "_table", lambda memo, table: read.append(table) or real(memo, table))
    report = build(options(site, output))
    assert report.warnings == () and report.stats.written == () and read == ["build"]   # the manifest alone
    add(site)
    report = build(options(site, output))
    assert {"article", "annotations", "search"} <= set(read)
    assert tree(output) == clean_tree(site, tmp_path)


CHANGES = st.lists(st.tuples(st.sampled_from(["add", "edit", "delete", "quote"]), st.integers(0, 50)),
                   min_size=1, max_size=3)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES)
def test_any_sequence_of_changes_builds_incrementally_to_the_clean_site(tmp_path_factory, changes):
    """The plan (pages.outdated) keeps a page only when its fingerprint and file are the last
    build's: for random adds, edits and deletes, each incremental build equals a clean one."""
    tmp_path = tmp_path_factory.mktemp("changes")
    site, output = built_basic_site(tmp_path)
    folder = articles(site)
    for number, (change, pick) in enumerate(changes):
        existing = sorted(folder.glob("*.txt"))
        target = existing[pick % len(existing)]
        if change == "add":
            (folder / f"added-{number}.txt").write_text(
                f"date 2021-0{1 + pick % 9}-1{pick % 10}\ntitle Added story {number}\n\n"
                f"Ann Lee said \"the plan is {pick}\". London agreed.\n", "utf-8")
        elif change == "edit":
            target.write_text(target.read_text("utf-8") + f"\nThe council met again ({pick}).\n", "utf-8")
        elif change == "quote":
            target.write_text(target.read_text("utf-8") + f'\nMs Quill added: "Number {pick}."\n', "utf-8")
        elif len(existing) > 1:
            target.unlink()
        build(options(site, output))
        assert tree(output) == clean_tree(site, tmp_path)
