"""generator/search/site.py: the site's search documents and the files the browser downloads."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

from generator.annotate import annotate_text
from generator.collect import collect_site
from generator.config import Config
from generator.models import AnnotatedArticle
from generator.read import read_articles, read_registry
from generator.search import site as search_site
from generator.search.site import (LUNR_VERSION, NPM_LUNR, VENDORED_LUNR, articles_indexed, lunr_min_js,
                                   search_documents, search_outputs, snippet, text_outside_quotes)
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def seed():
    content = ROOT / "content"
    registry = read_registry(content)
    annotated = [AnnotatedArticle(a, annotate_text(a.text, registry)) for a in read_articles(content)]
    return collect_site(annotated, registry)


def test_vendored_lunr_is_npm_lunr_byte_for_byte():
    if not (NPM_LUNR / "lunr.min.js").exists():
        pytest.skip("node_modules/lunr is absent (run `npm ci`): nothing to compare the vendored copy with")
    assert json.loads((NPM_LUNR / "package.json").read_text())["version"] == LUNR_VERSION
    assert VENDORED_LUNR.read_bytes() == (NPM_LUNR / "lunr.min.js").read_bytes()
    assert b"@license MIT" in VENDORED_LUNR.read_bytes()[:300]


def test_without_node_modules_the_vendored_copy_is_used(tmp_path):
    assert lunr_min_js(npm=tmp_path / "missing") == VENDORED_LUNR.read_bytes()


def test_one_document_per_article_quote_speaker_and_entity(seed):
    docs = search_documents(seed)
    catalog = seed.catalog
    counts = {kind: sum(d.type == kind for d in docs) for kind in ("article", "quote", "speaker", "entity")}
    assert counts == {"article": len(seed.articles), "quote": len(catalog.quotes),
                      "speaker": len(catalog.speakers), "entity": len(catalog.entities)}
    quote = next(d for d in docs if d.type == "quote" and "win-win" in d.fields["text"])
    assert quote.ref.endswith("#" + quote.url.split("#")[1]) and quote.url.startswith("articles/")
    assert quote.speaker == "Ren Zhengfei" and quote.fields["speaker"] == "Ren Zhengfei"


def test_no_text_is_indexed_twice(seed):
    docs = search_documents(seed)
    article = next(d for d in docs if d.type == "article")
    assert "win-win" not in article.fields["text"]          # it is in its quote's document
    assert "globalization" in article.fields["text"]
    for doc in docs:
        if doc.type in ("speaker", "entity"):
            names = doc.fields.get(doc.type, ())
            assert doc.title not in names                   # the name is the title field only


def test_text_outside_quotes_and_snippet():
    assert text_outside_quotes("a “b” c “d” e", [(3, 4), (9, 10)]) == "a “\n” c “\n” e"
    assert snippet("word " * 100, 20) == "word word word word…"
    assert snippet("short\n\ntext") == "short text"


def test_outputs_have_content_hashed_names_and_one_script_each(seed):
    search = search_outputs(seed, Config())
    assets = search.assets
    assert re.fullmatch(r"search/meta\.[0-9a-f]{8}\.js", assets["meta"])
    names = {path.split("/")[1].split(".")[0] for path in search.files if path.startswith("search/")}
    assert {"meta", "dictionary", "store-0", "names-0", "terms-0"} <= names
    assert all(path.endswith(".js") for path in search.files)                 # no JSON twins: one file each
    meta = search.files[assets["meta"]].decode()
    assert meta.startswith('(self.quotewireData = self.quotewireData || {})["meta"] = {')
    assert json.loads(meta[meta.index("] = ") + 4:meta.rindex(";")])["format"] == 3
    assert set(search.files) == {*(urls_of(search)), assets["lunr"]}
    assert "search:" in search.summary and "gzip" in search.summary and search.warnings == ()
    again = search_outputs(seed, Config())
    assert again.files == search.files                    # deterministic


def urls_of(search):
    return {"search/" + name for name in search.index.files}


@pytest.fixture(scope="module")
def bbc_search(bbc_content):
    """The 2,225 BBC articles collected, and their search files."""
    registry = read_registry(bbc_content)
    site = collect_site([AnnotatedArticle(a, annotate_text(a.text, registry)) for a in read_articles(bbc_content)],
                        registry)
    return site, search_outputs(site, Config())


@pytest.mark.corpus
def test_bbc_search_fits_the_file_count_and_byte_budget(bbc_search):
    """Issue 23 on the 2,225 BBC articles: at most one search file per 20 articles, and a one-word
    search (meta, a term chunk, ten store chunks, the code) under Pagefind's 260 kB for "today"."""
    import gzip

    site, search = bbc_search
    from generator.render import shipped
    code = sum(len(gzip.compress(shipped(path), 6)) for path in (ROOT / "templates/static/search").glob("*.js")
               if path.name != "box.js")
    one_word = search.one_word_gzip_bytes + code + len(gzip.compress(search.files[search.assets["lunr"]], 6))
    print(f"\nBBC search: a one-word search about {one_word / 1e3:.0f} kB gzipped; {search.summary}")
    assert len(site.articles) == 2225 and len(search.index.files) <= 2225 // 20
    meta = json.loads(search.files[search.assets["meta"]].decode().split("] = ", 1)[1].rstrip(";\n"))
    assert len(meta["speakers"]) >= 2 and "Tony Blair" not in json.dumps(meta)    # the speaker filter: by initial
    assert one_word <= 260_000
    assert search.warnings == ()


def test_an_article_whose_digest_is_known_is_taken_from_the_last_build(seed, monkeypatch):
    articles, notes = seed.articles, seed.annotations
    digests = {article.slug: f"digest of {article.slug}" for article in articles}
    items, made = articles_indexed(articles, notes, digests)
    assert set(made) == set(digests.values()) and articles_indexed(articles, notes)[0] == items
    calls = []
    monkeypatch.setattr(search_site, "article_docs", lambda *args: calls.append(args))
    again, _ = articles_indexed(articles, notes, digests, known=made)
    assert again == items and calls == []                                 # nothing counted again


def test_stems_kept_between_calls_change_no_byte(seed):
    stems: dict = {}
    first = search_outputs(seed, Config(), stems=stems)
    assert stems                                          # the words met, stemmed
    again = search_outputs(seed, Config(), stems=stems)
    assert again.files == first.files == search_outputs(seed, Config()).files


def test_open_data_records_are_taken_from_the_last_build_by_what_makes_them():
    from generator.opendata import data_files
    from generator import urls
    content = ROOT / "content"
    registry = read_registry(content)
    site = collect_site([AnnotatedArticle(a, annotate_text(a.text, registry), a.fingerprint)
                         for a in read_articles(content)], registry)
    files, made = data_files(site)
    assert {key[0] for key in made} == {"article", "entity", "speaker", "quotes"}
    again, remade = data_files(site, known=made)
    assert again == files and remade == made
    assert data_files(dataclasses.replace(site, digests={}))[0] == files    # made afresh: the same bytes
    entity = next(key for key in made if key[0] == "entity")
    stood_in, _ = data_files(site, known={entity: '{"stand":"in"}'})
    assert '{"stand":"in"}' in stood_in[urls.data("entities.json")].decode()
    quotes = next(key for key in made if key[0] == "quotes")        # an article's quotes, by what makes them
    stood_in, _ = data_files(site, known={quotes: '{"stand":"in"}'})
    assert '{"stand":"in"}' in stood_in[urls.data("quotes.json")].decode()
    renamed = {key[:3] + (tuple("other-slug" for _ in key[3]),): '{"stand":"in"}' for key in made if key[0] == "quotes"}
    assert data_files(site, known=renamed)[0] == files      # the speakers' slugs are part of the key


TYPOS, TYPO_SEED, TYPO_MIN_LETTERS = 50, 23, 4


def typo_queries(articles, seed: int = TYPO_SEED, count: int = TYPOS) -> list[tuple[str, str]]:
    """(word, the word with one letter changed): `count` words drawn with `seed` from the words of
    at least TYPO_MIN_LETTERS letters (not stop words) found in 2 to 20 of `articles`; a changed
    word that is itself a word of the archive is drawn again."""
    import random
    from collections import Counter

    from generator.search.pipeline import STOP_WORDS
    holding: Counter = Counter()
    for article in articles:
        holding.update({word.lower() for word in re.findall(r"[A-Za-z]+", f"{article.title}\n{article.text}")})
    words = sorted(word for word, n in holding.items()
                   if 2 <= n <= 20 and len(word) >= TYPO_MIN_LETTERS and word not in STOP_WORDS)
    rng = random.Random(seed)
    drawn = []
    for word in rng.sample(words, count):
        while True:
            at = rng.randrange(len(word))
            typo = word[:at] + rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[at]]) + word[at + 1:]
            if typo not in holding:
                break
        drawn.append((word, typo))
    return drawn


@pytest.mark.corpus
def test_bbc_typos_find_an_article_holding_the_word_in_the_first_ten(bbc_search, tmp_path):
    """Issue 23: 50 words of 2 to 20 BBC articles, one letter changed each; the search code the page
    runs (in node) must show an article holding the word among its first ten articles for 80 %."""
    import shutil
    import subprocess
    if shutil.which("node") is None or not (ROOT / "node_modules" / "lunr" / "lunr.js").exists():
        pytest.skip("needs node and node_modules/lunr (run `npm ci`)")
    site, search = bbc_search
    folder = tmp_path / "search"
    folder.mkdir()
    for name, data in search.index.files.items():
        (folder / name).write_bytes(data)
    queries = typo_queries(site.articles)
    script = ROOT / "tests" / "data" / "search" / "top_urls.js"
    lunr_js = ROOT / "templates" / "static" / "search" / "quotewire-lunr.js"
    run = subprocess.run(["node", str(script), str(lunr_js), str(folder), search.index.meta], check=True,
                         input=json.dumps([typo for _, typo in queries] + [word for word, _ in queries]),
                         capture_output=True, text=True,
                         env={**__import__("os").environ, "NODE_PATH": str(ROOT / "node_modules")})
    texts = {article.slug: f"{article.title}\n{article.text}" for article in site.articles}
    replies = json.loads(run.stdout)

    def holds(word, reply, key="urls"):
        slugs = [url.split("/")[1] for url in reply[key] if url.startswith("articles/")]
        return any(re.search(rf"\b{word}\b", texts.get(slug, ""), re.I) for slug in slugs)

    found = [holds(word, reply) for (word, _), reply in zip(queries, replies)]
    exact = [holds(word, reply) for (word, _), reply in zip(queries, replies[len(queries):])]
    articles = [holds(word, reply, "articles") for (word, _), reply in zip(queries, replies)]
    rate = sum(found) / len(found)
    missed = [f"{typo} ({word})" for (word, typo), hit in zip(queries, found) if not hit]
    print(f"\nBBC typos: {sum(found)}/{len(found)} = {rate:.0%} find an article holding the word in the first ten "
          f"(the words spelled right: {sum(exact)}/{len(exact)}; the first ten articles, with the Articles filter: "
          f"{sum(articles)}/{len(articles)}); missed: {missed}")
    # The 80 % is met by the first ten articles (the page's Articles filter: 88 % when
    # written). The first ten results of every type reach 76 %: speaker and entity pages take
    # places, and stemming mixes "disappointments" with "disappointed" (the words spelled right
    # reach 82 %): docs/benchmarks.md. This floor keeps that from getting worse.
    assert sum(articles) / len(articles) >= 0.8 and rate >= 0.74, missed


def test_the_search_scripts_ship_without_comment_lines_and_still_run(tmp_path):
    import shutil
    import subprocess
    from generator.render import shipped, strip_comment_lines
    assert strip_comment_lines("/* a\n * b */\n  var a = '/* not */' // kept\n// gone\n\n/* one */\nx()\n") == \
        "var a = '/* not */' // kept\nx()\n"
    for path in sorted((ROOT / "templates/static/search").glob("*.js")):
        data = shipped(path)
        assert len(data) < 0.9 * path.stat().st_size
        if shutil.which("node"):
            (tmp_path / path.name).write_bytes(data)
            subprocess.run(["node", "--check", str(tmp_path / path.name)], check=True)
