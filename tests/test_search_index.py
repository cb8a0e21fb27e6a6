"""generator/search/index.py and compact.py: a shard built in Python that lunr.js 2.3.9 searches.

Queries run in node with lunr.js and templates/static/search/quotewire-lunr.js, as the browser
runs them; the scores quotewire-lunr.js computes from the compact format are checked against
lunr.js's own builder.
"""

import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from generator.search import SearchDoc, build_search
from generator.search.compact import base36, front_coded
from generator.search.index import FIELD_BOOSTS, STORE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "search"
QUOTEWIRE_LUNR = ROOT / "templates" / "static" / "search" / "quotewire-lunr.js"
NODE_MODULES = ROOT / "node_modules"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc.tar.gz"
NODE_ENV = {**os.environ, "NODE_PATH": str(NODE_MODULES)}

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (NODE_MODULES / "lunr" / "lunr.js").exists(),
    reason="needs node and node_modules/lunr (run `npm ci`) to query with lunr.js",
)


def article(ref, title, text, speakers=(), entities=(), date="2020-10-01"):
    fields = {"title": title, "text": text, "speaker": speakers, "entity": entities}
    return SearchDoc(ref, "article", fields, url=f"{ref}/", title=title, date=date, snippet=text[:60])


def quote(ref, text, speaker, parent=""):
    return SearchDoc(ref, "quote", {"text": text, "speaker": speaker}, url=f"a/#{ref}", title=text,
                     speaker=speaker, snippet=text, parent=parent)


DOCS = [
    article("a/today", "Markets rally", "Shares rose today after a quiet Monday."),
    article("a/key", "A key decision", "The attorney said money was the key, not play."),
    article("a/murray", "Murray through", "Andy Murray beat his rival in straight sets."),
    article("a/turkey", "Turkey talks", "Talks with Turkey resumed; Erdoğan spoke in Ankara.",
            speakers=["Recep Tayyip Erdoğan"]),
    article("a/price", "Price rise", "Tickets now cost $1,200. Fans paid 1,200 euros in Zürich."),
    article("a/jose", "José's return", "José Mourinho and Zoë Ball met Tony Blair's aides."),
    article("a/huawei", "Huawei and globalization", "Ren Zhengfei praised globalization and win-win deals.",
            speakers=["Ren Zhengfei"], entities=["Huawei"]),
    quote("q-1", "We believe in win-win cooperation.", "Ren Zhengfei"),
    quote("q-2", "The iPhone 12 is a good phone.", "Ren Zhengfei"),
    SearchDoc("speakers/ren-zhengfei", "speaker", {"title": "Ren Zhengfei", "speaker": "Ren Zhengfei"},
              url="speakers/ren-zhengfei/", title="Ren Zhengfei"),
    SearchDoc("entities/huawei", "entity", {"title": "Huawei", "entity": "Huawei"},
              url="entities/huawei/", title="Huawei"),
]

EXPECTED = [
    ("today", {"a/today"}), ("Monday", {"a/today"}), ("key", {"a/key"}), ("money", {"a/key"}),
    ("attorney", {"a/key"}), ("play", {"a/key"}), ("Murray", {"a/murray"}), ("Turkey", {"a/turkey"}),
    ("1,200", {"a/price"}), ("$1,200.", {"a/price"}), ("jose", {"a/jose"}), ("José", {"a/jose"}),
    ("zoe", {"a/jose"}), ("Zoë", {"a/jose"}), ("erdogan", {"a/turkey"}), ("Erdoğan", {"a/turkey"}),
    ("zurich", {"a/price"}), ("Zürich", {"a/price"}), ("blair", {"a/jose"}), ("globalization", {"a/huawei"}),
    ("iphone", {"q-2"}), ("win-win", {"a/huawei", "q-1"}), ("title:huawei", {"a/huawei", "entities/huawei"}),
    ("speaker:ren", {"a/huawei", "q-1", "q-2", "speakers/ren-zhengfei"}), ("+erdogan +ankara", {"a/turkey"}),
    ("glob*", {"a/huawei"}), ("murrey~1", {"a/murray"}),
]


URL_REFS = {doc.url: doc.ref for doc in DOCS}


def node(script: str, *args, stdin: str = "") -> str:
    result = subprocess.run(["node", str(DATA / script), str(QUOTEWIRE_LUNR), *map(str, args)], input=stdin,
                            capture_output=True, text=True, encoding="utf-8", check=True, env=NODE_ENV)
    assert result.stderr == ""  # no version or unregistered-function warnings
    return result.stdout


def lunr_js_search(output, queries, tmp_path) -> list:
    """Each query's results from lunr.js in node: [[store url, score], ...] or {"error": ...}."""
    shard = tmp_path / "shard.json"
    shard.write_text(output.json, encoding="utf-8")
    return json.loads(node("query_index.js", shard, stdin=json.dumps(queries)))


@needs_node
def test_lunr_js_finds_the_expected_documents(tmp_path):
    queries = [query for query, _ in EXPECTED]
    results = lunr_js_search(build_search(DOCS), queries, tmp_path)
    found = {query: {URL_REFS[url] for url, _ in hits} for query, hits in zip(queries, results)}
    assert found == {query: refs for query, refs in EXPECTED}


TYPED = [
    # (text as typed, the article it must find, found only with fuzziness?)
    ("globaliz", "a/huawei/", False),       # stem "global" is shorter than the word being typed
    ("globalizati", "a/huawei/", False),
    ("murr", "a/murray/", False),
    ("attorn", "a/key/", False),
    ("mondey ", "a/today/", True),          # 1 edit from "monday"; its stem "mondei" is 2 from it
    ("huwaei ", "a/huawei/", True),
    ("erdgan ", "a/turkey/", True),
]


@needs_node
def test_engine_finds_words_being_typed_and_typos(tmp_path):
    articles, quotes = tmp_path / "articles.json", tmp_path / "quotes.json"    # two shards, merged
    articles.write_text(build_search([d for d in DOCS if d.type == "article"]).json, encoding="utf-8")
    quotes.write_text(build_search([d for d in DOCS if d.type != "article"]).json, encoding="utf-8")
    replies = json.loads(node("engine_search.js", articles, quotes, stdin=json.dumps([t for t, _, _ in TYPED])))
    for (text, url, fuzzy), reply in zip(TYPED, replies):
        assert url in reply["urls"] and reply["fuzzy"] == fuzzy, (text, reply)
    [win] = json.loads(node("engine_search.js", articles, quotes, stdin='["win-win"]'))
    assert set(win["urls"]) >= {"a/#q-1", "a/huawei/"}              # results from both shards


def random_docs(count: int, seed: int = 7) -> list[SearchDoc]:
    """Articles of common English words, repeated words, accents and astral characters."""
    words = (DATA / "common-english-words.txt").read_text(encoding="utf-8").split()
    words += ["José", "Zoë", "erdoğan", "naïve", "𝒳-ray", "𝒳ylophone", "😀smile", "😀smiles", "a" * 50, "a" * 52 + "b"]
    rng = random.Random(seed)
    docs = []
    for i in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 120)))
        title = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        fields = {"title": title, "text": text}
        if rng.random() < 0.3:
            fields["speaker"] = [rng.choice(words).title() + " " + rng.choice(words).title()]
        docs.append(SearchDoc(f"doc-{i:04d}", "article", fields, url=f"doc-{i}/", title=title,
                              boost=rng.choice([1, 1, 1, 2.5])))
    return docs


@needs_node
@pytest.mark.parametrize("docs", [DOCS, random_docs(400)], ids=["examples", "random"])
def test_scores_equal_those_of_lunr_js_builder(docs, tmp_path):
    """quotewire-lunr.js rebuilds, from the compact format, the field vectors lunr.Builder makes."""
    ordered = sorted(docs, key=lambda doc: doc.ref)
    request = {"fields": FIELD_BOOSTS, "docs": [
        {"ref": base36(row), "boost": doc.boost, "fields": {name: _joined(value) for name, value in doc.fields.items()}}
        for row, doc in enumerate(ordered)]}
    lunrs = json.loads(node("build_with_lunr_js.js", stdin=json.dumps(request)))
    shard = tmp_path / "shard.json"
    shard.write_text(build_search(docs).json, encoding="utf-8")
    ours = json.loads(node("field_vectors.js", shard))
    assert ours == lunrs


def test_front_coding_counts_utf16_code_units():
    assert front_coded(["ab", "abc", "abd", "b"]).split("\n") == ["0ab", "2c", "2d", "0b"]
    assert front_coded(["𝒳a", "𝒳b"]).split("\n") == ["0𝒳a", "2b"]        # 𝒳 is two UTF-16 units
    long = "x" * 40
    assert front_coded([long, long + "y"]).split("\n")[1] == "z" + "x" * 5 + "y"   # at most 35 shared


def test_output_is_deterministic_and_independent_of_order():
    first, second = build_search(DOCS), build_search(list(reversed(DOCS)))
    assert first == second
    assert first.raw_bytes == len(first.json.encode())
    assert first.doc_count == len(DOCS)


def test_postings_name_documents_by_row():
    index = json.loads(build_search(DOCS).json)["index"]
    assert index["format"] == 1 and index["lunr"] == "2.3.9"
    assert index["pipeline"] == ["quotewire-fold", "quotewire-trimmer", "quotewire-stemmer"]
    assert index["count"] == len(DOCS) and "docBoosts" not in index
    terms, previous = [], ""
    for line in index["terms"].split("\n"):
        previous = previous[:int(line[0], 36)] + line[1:]       # ASCII terms here: units are characters
        terms.append(previous)
    assert terms == sorted(terms) and "murray" in terms and "todai" not in terms
    text = index["postings"][index["fields"].index("text")].split("\n")
    assert len(text) == len(terms)
    murray = terms.index("murray")
    row = sorted(doc.ref for doc in DOCS).index("a/murray")
    assert text[murray] == base36(row * 2)            # one document, frequency 1


def test_store_has_columns_and_quotes_inherit_from_their_article():
    docs = DOCS + [quote("a/huawei#q-1", "Globalization is here.", "Ren Zhengfei", parent="a/huawei")]
    docs[-1] = SearchDoc(docs[-1].ref, "quote", docs[-1].fields, url="a/huawei/#q-1", title=DOCS[6].title,
                         date=DOCS[6].date, speaker="Ren Zhengfei", snippet="Globalization is here.",
                         parent="a/huawei")
    store = json.loads(build_search(docs).json)["store"]
    assert tuple(sorted(store)) == tuple(sorted(STORE_COLUMNS))
    refs = sorted(doc.ref for doc in docs)
    row = refs.index("a/huawei#q-1")
    assert refs[row - 1] == "a/huawei" and store["parent"][row] == 1
    assert store["url"][row] == "#q-1" and store["title"][row] == "" and store["date"][row] == ""
    assert store["url"][row - 1] == "a/huawei/" and store["parent"][row - 1] == 0


def test_rejects_duplicate_refs_unknown_types_fields_and_boosts_and_missing_parents():
    with pytest.raises(ValueError, match="two search docs have the ref 'q-1'"):
        build_search([DOCS[7], DOCS[7]])
    with pytest.raises(ValueError, match="unknown fields \\['body'\\]"):
        SearchDoc("x", "article", {"body": "text"}, url="x/", title="x")
    with pytest.raises(ValueError, match="its parent 'a/gone' is not in the same shard"):
        build_search([quote("q-9", "text", "Someone", parent="a/gone")])
    with pytest.raises(ValueError, match="type 'page' is not one of"):
        SearchDoc("x", "page", {"text": "text"}, url="x/", title="x")
    for boost in (0, -1.0):
        with pytest.raises(ValueError, match="boost must be positive"):
            SearchDoc("x", "article", {"text": "text"}, url="x/", title="x", boost=boost)


@pytest.mark.parametrize("number, ref", [(0, "0"), (35, "z"), (36, "10"), (2224, "1ps")])
def test_base36_is_javascript_to_string_36(number, ref):
    assert base36(number) == ref
    assert int(ref, 36) == number


@needs_node
@pytest.mark.corpus
def test_bbc_articles_are_found_in_lunr_js(tmp_path):
    """The issue's check on 2,225 BBC articles: each word finds every article that contains it."""
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent")
    docs = []
    with tarfile.open(CORPUS) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt"):
                date, title, _, body = archive.extractfile(member).read().decode("utf-8").split("\n", 3)
                ref = Path(member.name).stem
                docs.append(article(ref, title[len("title "):], body, date=date[len("date "):]))
    started = time.perf_counter()
    output = build_search(docs)
    print(f"\n{len(docs)} articles indexed in {time.perf_counter() - started:.2f} s; "
          f"{output.raw_bytes / 1e6:.1f} MB ({output.gzip_bytes / 1e6:.2f} MB gzip)")
    words = ["today", "Monday", "money", "Murray"]
    for word, hits in zip(words, lunr_js_search(output, [w.lower() for w in words], tmp_path)):
        containing = {doc.ref for doc in docs if re.search(rf"\b{word}\b", doc.fields["text"] + " " + doc.title, re.I)}
        assert containing and containing <= {url[:-1] for url, _ in hits}, word


def _joined(value):
    return value if isinstance(value, str) else "\n".join(value)


def test_an_index_is_taken_from_indexes_when_only_store_entries_changed(monkeypatch):
    """The names shard after an added article: counts and dates change, the names indexed do not."""
    import generator.search.index as index_module
    docs = [SearchDoc(ref=f"entities/{i}", type="entity", fields={"title": name, "entity": (name,)},
                      url=f"entities/{i}/", title=name, snippet="Person, in 1 article", date="2021-01-01")
            for i, name in enumerate(["Ann Lee", "Huawei", "Paris"])]
    counted = [dataclasses.replace(doc, snippet="Person, in 2 articles", date="2021-02-03") for doc in docs]
    indexes: dict = {}
    first = build_search(docs, indexes=indexes)
    assert len(indexes) == 1 and first == build_search(docs)
    made = []
    real = index_module.compact_index
    monkeypatch.setattr(index_module, "compact_index", lambda *args: made.append(args) or real(*args))
    again = build_search(counted, indexes=indexes)
    assert made == [] and again.json != first.json
    assert again == build_search(counted)            # the same bytes as an index made afresh
    made.clear()
    renamed = [dataclasses.replace(docs[0], fields={"title": "Ann Leigh"})] + docs[1:]
    assert build_search(renamed, indexes=indexes) == build_search(renamed)
    assert len(made) == 2 and len(indexes) == 2      # indexed again: what it indexes changed
