"""generator/search/index.py and format.py: an index built in Python that lunr.js 2.3.9 searches.

Queries run in node with lunr.js and templates/static/search/quotewire-lunr.js, as the browser
runs them; the scores quotewire-lunr.js computes from the split index are checked against
lunr.js's own builder over all the documents (one idf, one average length).
"""

import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from generator.search import SearchDoc, build_index
from generator.search.format import base36, front_coded, script
from generator.search.index import (FIELD_BOOSTS, STORE_COLUMNS, ArticleDocs, article_docs, count_terms,
                                    files_budget, numbered, store_span)

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
    return SearchDoc(ref, "quote", {"text": text, "speaker": speaker}, url=f"a/huawei/#{ref}", title="",
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
    ("glob*", {"a/huawei"}), ("murrey~1", {"a/murray"}), ("*bal", {"a/huawei"}),
]


def index_of(docs, stems=None):
    """build_index of a flat list: quotes belong to the article "a/huawei", the rest are names."""
    articles = [d for d in docs if d.type == "article"]
    quotes = sorted((d for d in docs if d.type == "quote"), key=lambda d: d.ref)
    names = [d for d in docs if d.type in ("speaker", "entity")]
    items = [article_docs(a, quotes if a.ref == "a/huawei" else [], stems) for a in articles]
    return build_index(items, names, [count_terms(d) for d in names]), items, names


def order_of(docs):
    """The documents as the index numbers them."""
    _, items, names = index_of(docs)
    return numbered(items, names, [count_terms(d) for d in names])[2]


def write(index, folder: Path) -> str:
    folder.mkdir(exist_ok=True)
    for name, data in index.files.items():
        (folder / name).write_bytes(data)
    return index.meta


def node(script_name: str, *args, stdin: str = "") -> str:
    result = subprocess.run(["node", str(DATA / script_name), str(QUOTEWIRE_LUNR), *map(str, args)], input=stdin,
                            capture_output=True, text=True, encoding="utf-8", check=True, env=NODE_ENV)
    assert result.stderr == ""  # no version or unregistered-function warnings
    return result.stdout


def engine_search(index, texts, tmp_path) -> list:
    folder = tmp_path / "search"
    meta = write(index, folder)
    return json.loads(node("engine_search.js", folder, meta, stdin=json.dumps(texts)))


@needs_node
def test_lunr_js_finds_the_expected_documents(tmp_path):
    index, _, _ = index_of(DOCS)
    folder = tmp_path / "search"
    meta = write(index, folder)
    queries = [query for query, _ in EXPECTED]
    refs = [doc.ref for doc in order_of(DOCS)]
    results = json.loads(node("query_index.js", folder, meta, stdin=json.dumps(queries)))
    found = {query: {refs[number] for number, _ in hits} for query, hits in zip(queries, results)}
    assert found == {query: refs for query, refs in EXPECTED}


TYPED = [
    # (text as typed, the url it must find, found only with fuzziness?)
    ("globaliz", "a/huawei/", False),       # stem "global" is shorter than the word being typed
    ("globalizati", "a/huawei/", False),
    ("murr", "a/murray/", False),
    ("attorn", "a/key/", False),
    ("mondey ", "a/today/", True),          # 1 edit from "monday"; its stem "mondei" is 2 from it
    ("huwaei ", "a/huawei/", True),
    ("erdgan ", "a/turkey/", True),
    ("win-win", "a/huawei/#q-1", False),
]


@needs_node
def test_engine_finds_words_being_typed_and_typos(tmp_path):
    index, _, _ = index_of(DOCS)
    replies = engine_search(index, [t for t, _, _ in TYPED], tmp_path)
    for (text, url, fuzzy), reply in zip(TYPED, replies):
        assert url in reply["urls"] and reply["fuzzy"] == fuzzy, (text, reply)
    win = replies[-1]
    assert set(win["urls"]) >= {"a/huawei/#q-1", "a/huawei/"}        # the quote, and its article
    assert win["types"][win["urls"].index("a/huawei/#q-1")] == "quote"
    assert set(win["years"]) == {"2020"}


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
        kind = rng.choice(["article", "article", "speaker", "entity"])
        docs.append(SearchDoc(f"doc-{i:04d}", kind, fields, url=f"doc-{i}/", title=title,
                              date=f"20{rng.randint(10, 20)}-01-01" if kind == "article" else "",
                              boost=rng.choice([1, 1, 1, 2.5])))
    return docs


QUERIES = ["time", "year people", "good~1", "wor*", "title:world", "+life -time", "speaker:smith", "smile", "naive",
           "jose", "ray", "xylophone", "look way", "*ing", "a" * 50]


@needs_node
@pytest.mark.parametrize("docs", [DOCS, random_docs(400)], ids=["examples", "random"])
def test_scores_equal_those_of_lunr_js_builder_over_all_documents(docs, tmp_path):
    """quotewire-lunr.js's view over the term chunks makes the field vectors lunr.Builder makes
    from all the documents, and lunr's own search returns the same documents with the same scores."""
    ordered = order_of(docs)
    request = {"fields": FIELD_BOOSTS, "queries": QUERIES + [query for query, _ in EXPECTED], "docs": [
        {"ref": base36(number), "boost": doc.boost, "fields": {name: _joined(value) for name, value in doc.fields.items()}}
        for number, doc in enumerate(ordered)]}
    lunrs = json.loads(node("build_with_lunr_js.js", stdin=json.dumps(request)))
    index, _, _ = index_of(docs)
    assert len(index.files) > 4                          # several term chunks
    folder = tmp_path / "search"
    meta = write(index, folder)
    assert json.loads(node("field_vectors.js", folder, meta)) == lunrs["vectors"]
    ours = json.loads(node("query_index.js", folder, meta, stdin=json.dumps(request["queries"])))
    for query, mine, theirs in zip(request["queries"], ours, lunrs["results"]):
        if isinstance(theirs, dict):
            assert mine == theirs, query
            continue
        assert sorted(n for n, _ in mine) == sorted(n for n, _ in theirs), query
        scores = dict(theirs)
        assert all(score == pytest.approx(scores[n], rel=1e-12) for n, score in mine), query


def test_front_coding_counts_utf16_code_units():
    assert front_coded(["ab", "abc", "abd", "b"]).split("\n") == ["0ab", "2c", "2d", "0b"]
    assert front_coded(["𝒳a", "𝒳b"]).split("\n") == ["0𝒳a", "2b"]        # 𝒳 is two UTF-16 units
    long = "x" * 40
    assert front_coded([long, long + "y"]).split("\n")[1] == "z" + "x" * 5 + "y"   # at most 35 shared


def test_output_is_deterministic_and_independent_of_order():
    first, _, _ = index_of(DOCS)
    second, _, _ = index_of(list(reversed(DOCS)))
    assert first == second
    assert first.doc_count == len(DOCS)
    assert all(re.fullmatch(r"(meta|dictionary|(terms|store|names|positions|speakers)-\d+)\.[0-9a-f]{8}\.js", name) for name in first.files)


def parse(data: bytes):
    text = data.decode()
    return json.loads(text[text.index("] = ") + 4:text.rindex(";")])


def test_meta_numbers_documents_by_type_year_and_article():
    index, _, _ = index_of(DOCS + [article("a/old", "Old news", "Monday again.", date="2019-05-01")])
    meta = parse(index.files[index.meta])
    assert meta["format"] == 3 and meta["lunr"] == "2.3.9" and meta["count"] == len(DOCS) + 1
    assert meta["pipeline"] == ["quotewire-fold", "quotewire-trimmer", "quotewire-stemmer"]
    assert meta["articles"] == 8 and meta["years"] == [[2019, 1], [2020, 7]]
    assert sum(meta["quotes"]) == 2 and meta["docBoosts"] == []
    assert [speakers + entities for speakers, entities, _ in meta["names"]] and \
        sum(s + e for s, e, _ in meta["names"]) == 2
    terms = []
    for first, count, name in meta["terms"]:
        chunk = parse(index.files[name])
        previous, chunk_terms = "", []
        for line in chunk["terms"].split("\n"):
            previous = previous[:int(line[0], 36)] + line[1:]
            chunk_terms.append(previous)
        assert chunk_terms[0] == first and len(chunk_terms) == count
        assert all(len(lines.split("\n")) == count for lines in chunk["postings"])
        terms += chunk_terms
    assert terms == sorted(terms) and "murray" in terms and "todai" not in terms


def test_postings_hold_gap_frequency_and_field_length():
    index, _, _ = index_of(DOCS)
    meta = parse(index.files[index.meta])
    refs = [doc.ref for doc in order_of(DOCS)]
    for first, count, name in meta["terms"]:
        chunk = parse(index.files[name])
        lines = chunk["terms"].split("\n")
        terms, previous = [], ""
        for line in lines:
            previous = previous[:int(line[0], 36)] + line[1:]
            terms.append(previous)
        if "murray" in terms:
            text = chunk["postings"][meta["fields"].index("text")].split("\n")[terms.index("murray")]
            number = refs.index("a/murray")
            length = len(count_terms(DOCS[2])["text"])      # "andi murrai beat hi rival straight set": no repeats
            assert text == f"{base36(number * 2)}.{base36(length)}"
            return
    raise AssertionError("murray not found")


def test_store_chunks_hold_articles_then_their_quotes():
    index, items, _ = index_of(DOCS)
    meta = parse(index.files[index.meta])
    span, files = meta["store"]
    store = parse(index.files[files[0]])
    assert tuple(sorted(store)) == tuple(sorted(STORE_COLUMNS))
    oldest_first = sorted(items, key=lambda i: (i.article.date, i.article.ref))
    assert span == 4 and len(files) == 2 and oldest_first[0].article.ref == "a/huawei"
    assert store["url"][:span] == [item.article.url for item in oldest_first[:span]]
    assert store["url"][span:] == ["#q-1", "#q-2"] and store["title"][span:] == ["", ""]
    assert store["speaker"][span:] == ["Ren Zhengfei", "Ren Zhengfei"]


def test_rejects_duplicate_refs_unknown_types_fields_and_boosts():
    with pytest.raises(ValueError, match="two search docs have the ref 'a/key'"):
        index_of([DOCS[1], DOCS[1]])
    with pytest.raises(ValueError, match="unknown fields \\['body'\\]"):
        SearchDoc("x", "article", {"body": "text"}, url="x/", title="x")
    with pytest.raises(ValueError, match="type 'page' is not one of"):
        SearchDoc("x", "page", {"text": "text"}, url="x/", title="x")
    for boost in (0, -1.0):
        with pytest.raises(ValueError, match="boost must be positive"):
            SearchDoc("x", "article", {"text": "text"}, url="x/", title="x", boost=boost)


@pytest.mark.parametrize("number, ref", [(0, "0"), (35, "z"), (36, "10"), (2224, "1ps")])
def test_base36_is_javascript_to_string_36(number, ref):
    assert base36(number) == ref
    assert int(ref, 36) == number


def test_files_stay_within_one_per_20_articles_and_store_spans_are_powers_of_two():
    assert files_budget(2225) == 111 and files_budget(10_000) == 500 and files_budget(10) == 8
    for articles in (1, 100, 1000, 2225, 10_000, 50_000):
        span = store_span(articles, files_budget(articles))
        assert span & (span - 1) == 0 and -(-articles // span) <= 0.65 * files_budget(articles)


def test_an_added_article_leaves_the_other_store_chunks_as_they_were():
    docs = [article(f"a/{i:03d}", f"Title {i}", f"Text {i} about markets.", date=f"2020-{1 + i % 12:02d}-01")
            for i in range(300)]
    before, _, _ = index_of(docs)
    after, _, _ = index_of(docs + [article("a/new", "New", "Fresh text.", date="2021-01-01")])
    stores = lambda index: sorted(name for name in index.files if name.startswith("store-"))
    assert len(set(stores(before)) - set(stores(after))) == 1     # the last chunk only
    assert set(stores(after)) - set(stores(before))


def test_script_escapes_line_separators():
    assert script("store", {"a": "x\u2028y"}) == b'(self.quotewireData = self.quotewireData || {})["store"] = {"a":"x\\u2028y"};\n'


@needs_node
@pytest.mark.corpus
def test_bbc_scores_equal_lunr_js_builder_over_the_whole_archive(tmp_path):
    """The issue's check on 2,225 BBC articles: lunr.js's builder over every article and our
    split index give the same results and scores, and each word finds every article holding it."""
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent")
    docs = []
    with tarfile.open(CORPUS) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt"):
                date, title, _, body = archive.extractfile(member).read().decode("utf-8").split("\n", 3)
                ref = Path(member.name).stem
                docs.append(article(ref, title[len("title "):], body, date=date[len("date "):]))
    index, _, _ = index_of(docs)
    ordered = order_of(docs)
    words = ["today", "Monday", "money", "Murray", "blair election", "title:brown", "gordon brown", "+chelsea -arsenal"]
    request = {"fields": FIELD_BOOSTS, "queries": [w.lower() for w in words], "docs": [
        {"ref": base36(n), "boost": 1, "fields": {name: _joined(value) for name, value in doc.fields.items()}}
        for n, doc in enumerate(ordered)]}
    lunrs = json.loads(node("build_with_lunr_js.js", stdin=json.dumps(request)))
    folder = tmp_path / "search"
    meta = write(index, folder)
    ours = json.loads(node("query_index.js", folder, meta, stdin=json.dumps(request["queries"])))
    for word, mine, theirs in zip(words, ours, lunrs["results"]):
        assert [n for n, _ in mine][:50] == [n for n, _ in theirs][:50] or sorted(mine) == sorted(theirs), word
        scores = dict(theirs)
        assert all(score == pytest.approx(scores[n], rel=1e-12) for n, score in mine), word
    for word, hits in zip(words[:4], ours):
        containing = {doc.ref for doc in docs if re.search(rf"\b{word}\b", doc.fields["text"] + " " + doc.title, re.I)}
        assert containing and containing <= {ordered[n].ref for n, _ in hits}, word


def _joined(value):
    return value if isinstance(value, str) else "\n".join(value)


PHRASES = [
    # (query, the urls it finds, whatever the order)
    ('"win-win cooperation"', {"a/huawei/#q-1", "a/huawei/"}),        # a quote, and its article through it
    ('"cooperation win"', set()),                                       # both words, not next to each other
    ('"believe win-win"', {"a/huawei/#q-1", "a/huawei/"}),             # "in" is a stop word: skipped
    ('"ren zhengfei"', {"speakers/ren-zhengfei/", "a/huawei/#q-1", "a/huawei/#q-2", "a/huawei/"}),
    ('"zhengfei ren"', set()),
    ('"markets rally"', {"a/today/"}),                                  # a title
    ('"rally markets"', set()),
    ('"straight sets"', set()),                   # an article's own text has no positions (docs/benchmarks.md)
    ('huawei "win-win cooperation"', {"a/huawei/"}),                    # with a word outside: AND
    ('"win-win cooperation" +iphone', {"a/huawei/"}),                  # +required: the article holds both
    ('"win-win cooperation" +monday', set()),                          # ... the phrase's words are required too
    ('"win-win coop', {"a/huawei/#q-1", "a/huawei/"}),                 # an open quote while typing: words
]


@needs_node
def test_a_quoted_phrase_finds_its_words_next_to_each_other_in_quotes_titles_and_names(tmp_path):
    index, _, _ = index_of(DOCS)
    replies = engine_search(index, [text for text, _ in PHRASES], tmp_path)
    for (text, urls), reply in zip(PHRASES, replies):
        assert set(reply["urls"]) == urls and reply["error"] is None, (text, reply)
    assert any(name.startswith("positions-") for name in index.files)
    (tmp_path / "plain").mkdir()
    plain = engine_search(index, ["win-win cooperation"], tmp_path / "plain")[0]
    phrase = replies[0]
    assert phrase["files"] == plain["files"] + 1          # the positions file, only for the phrase


def test_positions_count_index_terms_and_keep_names_apart():
    from generator.search.index import term_positions
    quote_doc = quote("q-9", "The win-win situation, said the minister, is a win-win.", "Jo Lee")
    assert term_positions(quote_doc) == {
        "text": {"win": (0, 1, 4, 5), "situat": (2,), "minist": (3,)}, "speaker": {"jo": (0,), "lee": (1,)}}
    names = article("a/x", "Brown wins", "Text has no positions.", speakers=["Gordon Brown", "Jo Lee"])
    places = term_positions(names)
    assert places["speaker"] == {"gordon": (0,), "brown": (1,), "jo": (3,), "lee": (4,)}     # a gap between names
    assert "text" not in places and places["title"] == {"brown": (0,), "win": (1,)}


def test_the_speaker_filter_is_split_by_initial_and_lists_each_speakers_page_and_quotes():
    from generator.search.index import speaker_facet
    docs = [SearchDoc(f"q{i}", "quote", {"text": "x"}, url=f"a/#q{i}", title="", speaker=name)
            for i, name in enumerate(["Tony Blair", "Ángela Merkel", "Tony Blair", "Zoe Ball"])]
    docs.append(SearchDoc("speakers/tony-blair", "speaker", {"title": "Tony Blair"}, url="s/", title="Tony Blair"))
    files = speaker_facet(docs, 5)
    assert 3 <= len(files) <= 5 and [letter for letter, _ in files] == sorted(letter for letter, _ in files)
    rows = {row[0]: row for _, rows in files for row in rows}
    assert rows["Tony Blair"] == ["Tony Blair", 4, "1.2"]             # quotes 0 and 2: gaps from -1
    assert rows["Ángela Merkel"] == ["Ángela Merkel", -1, "2"]
    in_files = [sorted(row[0] for row in rows) for _, rows in files]
    assert any(len(names) < 3 for names in in_files)                   # a file without every speaker
    by_letter = dict(files)
    assert "Tony Blair" in [row[0] for row in by_letter["t"]] and ["Ángela Merkel"] == [r[0] for r in by_letter["m"]]
    assert any("Tony Blair" in names for names in in_files) and all(len(set(n)) == len(n) for n in in_files)
