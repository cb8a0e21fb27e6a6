"""generator/search/index.py: an index built in Python that lunr.js 2.3.9 loads and searches.

Queries run in node with lunr.js and templates/static/search/quotewire-lunr.js, as the browser
runs them; the scores are checked against lunr.js's own builder.
"""

import json
import os
import re
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from generator.search import SearchDoc, build_search
from generator.search.index import FIELD_BOOSTS, FIELDS, short_ref
from generator.search.lunr_format import AnalysedDoc, lunr_index_json
from generator.search.pipeline import QUERY_PIPELINE, index_terms, register_with_lunr_py

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


def quote(ref, text, speaker):
    return SearchDoc(ref, "quote", {"text": text, "speaker": speaker}, url=f"a/#{ref}", title=text,
                     speaker=speaker, snippet=text)


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


def lunr_js_search(output, queries, tmp_path) -> list:
    """Each query's results from lunr.js in node: [[store ref, score], ...] or {"error": ...}."""
    index_file, store_file = tmp_path / "index.json", tmp_path / "store.json"
    index_file.write_text(output.index_json, encoding="utf-8")
    store_file.write_text(output.store_json, encoding="utf-8")
    result = subprocess.run(
        ["node", str(DATA / "query_index.js"), str(QUOTEWIRE_LUNR), str(index_file), str(store_file)],
        input=json.dumps(queries), capture_output=True, text=True, encoding="utf-8", check=True, env=NODE_ENV,
    )
    assert result.stderr == ""  # no version or unregistered-function warnings
    return json.loads(result.stdout)


@needs_node
def test_lunr_js_finds_the_expected_documents(tmp_path):
    queries = [query for query, _ in EXPECTED]
    results = lunr_js_search(build_search(DOCS), queries, tmp_path)
    found = {query: {ref for ref, _ in hits} for query, hits in zip(queries, results)}
    assert found == {query: refs for query, refs in EXPECTED}


@needs_node
def test_scores_equal_those_of_lunr_js_builder():
    texts = [
        (short_ref(i), doc.boost, {name: _joined(value) for name, value in doc.fields.items()})
        for i, doc in enumerate(DOCS)
    ]
    request = {"fields": FIELD_BOOSTS, "docs": [{"ref": r, "boost": b, "fields": f} for r, b, f in texts]}
    result = subprocess.run(
        ["node", str(DATA / "build_with_lunr_js.js"), str(QUOTEWIRE_LUNR)],
        input=json.dumps(request), capture_output=True, text=True, encoding="utf-8", check=True, env=NODE_ENV,
    )
    cache: dict = {}
    analysed = [AnalysedDoc(r, b, {name: index_terms(text, cache) for name, text in f.items()}) for r, b, f in texts]
    ours = json.loads(lunr_index_json(analysed, FIELDS, FIELD_BOOSTS, QUERY_PIPELINE, score_decimals=3))
    term_of = {posting["_index"]: term for term, posting in ours["invertedIndex"]}
    vectors = {
        field_ref: {term_of[i]: score for i, score in zip(elements[::2], elements[1::2])}
        for field_ref, elements in ours["fieldVectors"]
    }
    assert vectors == json.loads(result.stdout)


def test_lunr_py_loads_the_index_and_agrees():
    from lunr.index import Index

    register_with_lunr_py()
    output = build_search(DOCS)
    index = Index.load(output.index_json)
    store = json.loads(output.store_json)
    for query, refs in EXPECTED:
        if "~" in query or "*" in query:
            continue
        found = {store["docs"][int(hit["ref"], 36)][0] for hit in index.search(query)}
        assert found == refs, query


def test_output_is_deterministic_and_independent_of_order():
    first, second = build_search(DOCS), build_search(list(reversed(DOCS)))
    assert first == second
    assert first.index_bytes == len(first.index_json.encode())
    assert not first.over_budget


def test_index_has_no_position_metadata_and_short_refs():
    index = json.loads(build_search(DOCS).index_json)
    assert index["version"] == "2.3.9"
    assert index["pipeline"] == ["quotewire-fold", "quotewire-trimmer", "quotewire-stemmer"]
    postings = [posting[field] for _, posting in index["invertedIndex"] for field in FIELDS]
    assert all(metadata == {} for posting in postings for metadata in posting.values())
    assert {ref for posting in postings for ref in posting} <= {short_ref(i) for i in range(len(DOCS))}


def test_store_has_one_row_per_doc_in_index_ref_order():
    store = json.loads(build_search(DOCS).store_json)
    assert store["columns"] == ["ref", "type", "url", "title", "date", "speaker", "snippet"]
    assert [row[0] for row in store["docs"]] == sorted(doc.ref for doc in DOCS)
    assert store["docs"][0][:3] == ["a/huawei", "article", "a/huawei/"]


def test_rejects_duplicate_refs_and_unknown_fields():
    with pytest.raises(ValueError, match="two search docs have the ref 'q-1'"):
        build_search([DOCS[7], DOCS[7]])
    with pytest.raises(ValueError, match="unknown fields \\['body'\\]"):
        SearchDoc("x", "article", {"body": "text"}, url="x/", title="x")


@pytest.mark.parametrize("number, ref", [(0, "0"), (35, "z"), (36, "10"), (2224, "1ps")])
def test_short_ref_is_base_36(number, ref):
    assert short_ref(number) == ref
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
    print(f"\n{len(docs)} articles indexed in {time.perf_counter() - started:.2f} s; {output.size_summary()}")
    words = ["today", "Monday", "money", "Murray"]
    for word, hits in zip(words, lunr_js_search(output, [w.lower() for w in words], tmp_path)):
        containing = {doc.ref for doc in docs if re.search(rf"\b{word}\b", doc.fields["text"] + " " + doc.title, re.I)}
        assert containing and containing <= {ref for ref, _ in hits}, word


def _joined(value):
    return value if isinstance(value, str) else "\n".join(value)
