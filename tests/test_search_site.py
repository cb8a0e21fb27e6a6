"""generator/search/site.py: the site's search documents and the files the browser downloads."""
from __future__ import annotations

import dataclasses
import json

import pytest

from generator.annotate import annotate_text
from generator.collect import collect_site
from generator.config import Config
from generator.models import AnnotatedArticle
from generator.read import read_articles, read_registry
from generator.search import site as search_site
from generator.search.site import (LUNR_VERSION, NPM_LUNR, VENDORED_LUNR, article_groups, article_shard_outputs,
                                   article_shards, lunr_min_js, script_twin, search_documents, search_outputs,
                                   search_shards, shard_outputs, snippet, text_outside_quotes)
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


def test_outputs_have_content_hashed_names_and_script_twins(seed):
    search = search_outputs(seed, Config())
    assets = search.assets
    assert [path.split(".")[0] for path in assets["shards"]] == ["search/shard-0", "search/names"]
    assert all(path.endswith(".json") for path in assets["shards"])
    assert assets["shards_js"] == [path[:-5] + ".js" for path in assets["shards"]]
    assert set(search.files) == {*assets["shards"], *assets["shards_js"], assets["lunr"]}
    shard = json.loads(search.files[assets["shards"][0]])
    assert set(shard) == {"index", "store"} and shard["index"]["format"] == 1
    twin = search.files[assets["shards_js"][0]].decode()
    assert twin.startswith('(self.quotewireData = self.quotewireData || {})["shard-0"] = {')
    assert "search:" in search.summary and "gzip" in search.summary and search.warnings == ()
    again = search_outputs(seed, Config())
    assert again.files == search.files                    # deterministic


def test_quotes_share_their_article_shard_and_names_have_their_own(seed):
    shards = dict(search_shards(seed))
    assert {d.type for d in shards["shard-0"]} == {"article", "quote"}
    assert {d.type for d in shards["names"]} == {"speaker", "entity"}
    slugs = {d.ref for d in shards["shard-0"] if d.type == "article"}
    assert all(d.parent in slugs for d in shards["shard-0"] if d.type == "quote")


def test_articles_are_grouped_by_calendar_period_newest_first():
    from datetime import date
    from types import SimpleNamespace as Article

    articles = [Article(slug=f"a{i:02d}", date=date(2004 + i % 2, 1 + i % 12, 1)) for i in range(25)]
    articles += [Article(slug=f"b{i:02d}", date=date(2003, 5, 1 + i)) for i in range(29)]
    groups = article_groups(articles, limit=5)
    periods = [sorted({(a.date.year, a.date.month) for a in g}) for g in groups]
    assert periods[:4] == [[(2005, 10), (2005, 12)], [(2005, 8)], [(2005, 4), (2005, 6)], [(2005, 2)]]  # quarters
    assert periods[-6:] == [[(2003, 5)]] * 6                       # a month of 29: six parts by slug hash
    assert sorted(len(g) for g in groups[-6:]) != [5] * 6 and sum(len(g) for g in groups[-6:]) == 29
    newest = lambda items: sorted(items, key=lambda a: (a.date, a.slug), reverse=True)
    assert [a for g in groups[:-6] for a in g] == newest(articles[:25])
    assert all(g == newest(g) for g in groups) and sorted(a.slug for g in groups for a in g) == sorted(
        a.slug for a in articles)
    small = article_groups(articles[:6], limit=5)
    assert [{a.date.year for a in g} for g in small] == [{2005}, {2004}]   # a year always has shards of its own
    later = article_groups(articles + [Article(slug="new", date=date(2005, 6, 2))], limit=5)
    changed = [i for i, (g, h) in enumerate(zip(groups, later)) if g != h]
    assert changed == [2] and len(later) == len(groups)          # only the new article's quarter
    later = article_groups(articles + [Article(slug="new", date=date(2003, 5, 9))], limit=5)
    changed = [i for i, (g, h) in enumerate(zip(groups, later)) if g != h]
    assert len(changed) == 1 and len(later) == len(groups)       # only one part of the big month


def test_script_twin_escapes_line_separators():
    assert script_twin("store", '{"a":"x\u2028y"}') == b'(self.quotewireData = self.quotewireData || {})["store"] = {"a":"x\\u2028y"};\n'


@pytest.mark.corpus
def test_bbc_first_search_fits_the_budget(bbc_content):
    """Issue 7: a first search on the 2,225 BBC articles downloads at most 2 MB gzipped.

    That is the search code, the newest articles' shard and the names shard: the page shows
    results once they are in, while the older shards load.
    """
    import gzip

    from generator.search.index import FIRST_SEARCH_GZIP_BUDGET

    registry = read_registry(bbc_content)
    site = collect_site([AnnotatedArticle(a, annotate_text(a.text, registry)) for a in read_articles(bbc_content)],
                        registry)
    search = search_outputs(site, Config())
    code = sum(len(gzip.compress(path.read_bytes(), 6)) for path in (ROOT / "templates/static/search").glob("*.js"))
    first = search.first_search_gzip_bytes + code + len(gzip.compress(search.files[search.assets["lunr"]], 6))
    total = sum(output.gzip_bytes for _, output in search.shards)
    print(f"\nBBC search: first search {first / 1e6:.2f} MB gzipped, all shards {total / 1e6:.2f} MB; {search.summary}")
    assert len(site.articles) == 2225 and len(search.shards) >= 3
    assert first <= FIRST_SEARCH_GZIP_BUDGET
    assert search.warnings == ()


def test_a_shard_whose_documents_did_not_change_is_taken_from_the_last_build(seed):
    first = search_outputs(seed, Config())
    assert len(first.made) == 2                             # one entry per shard, by the hash of its docs
    again = search_outputs(seed, Config(), known=first.made)
    assert again.files == first.files and again.made == first.made
    names_key = next(key for key, output in first.made.items() if output is dict(first.shards)["names"])
    stand_in = dataclasses.replace(first.made[names_key], json='{"index":{},"store":{}}')
    reused = search_outputs(seed, Config(), known={names_key: stand_in})
    assert dict(reused.shards)["names"] is stand_in         # taken, not indexed again
    assert dict(reused.shards)["shard-0"] == dict(first.shards)["shard-0"]


def test_article_shards_keyed_by_their_articles_digests_are_the_same_and_made_only_when_new(seed, monkeypatch):
    articles, notes = seed.articles, seed.annotations
    by_docs = shard_outputs(article_shards(articles, notes))
    unknown = article_shard_outputs(articles, notes, {})                  # no digest: keyed by the documents
    assert unknown == by_docs
    digests = {article.slug: f"digest of {article.slug}" for article in articles}
    by_digests = article_shard_outputs(articles, notes, digests)
    assert [(name, output) for name, _, output in by_digests] == [(name, output) for name, _, output in by_docs]
    assert [key for _, key, _ in by_digests] != [key for _, key, _ in by_docs]
    made = []
    monkeypatch.setattr(search_site, "shard_docs", lambda *args: made.append(args) or [])
    again = article_shard_outputs(articles, notes, digests, known={key: output for _, key, output in by_digests})
    assert again == by_digests and made == []                            # no document made
    other = article_shard_outputs(articles, notes, {**digests, articles[0].slug: "edited"},
                                  known={key: output for _, key, output in by_digests})
    assert len(made) == 1 and other[0][1] != by_digests[0][1]


def test_stems_kept_between_calls_change_no_byte(seed):
    stems: dict = {}
    first = search_outputs(seed, Config(), stems=stems)
    assert stems                                          # the words met, stemmed
    again = search_outputs(seed, Config(), stems=stems)
    assert again.files == first.files == search_outputs(seed, Config()).files


def test_open_data_records_are_taken_from_the_last_build_by_what_makes_them():
    from generator.cache import annotations_key
    from generator.opendata import data_files
    from generator import urls
    content = ROOT / "content"
    registry = read_registry(content)
    site = collect_site([AnnotatedArticle(a, annotate_text(a.text, registry), annotations_key(a))
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
