"""Text → index terms, exactly as lunr.js 2.3.9 plus quotewire-lunr.js do it in the browser.

The browser runs ``lunr.tokenizer`` and then the pipeline ``quotewire-fold``,
``trimmer``, ``stopWordFilter``, ``stemmer`` on documents, and ``quotewire-fold``,
``trimmer``, ``stemmer`` on query terms (lunr.js keeps stop words out of query
pipelines: a required clause left without terms would throw).  Every function
here is a port of its lunr.js counterpart, proved identical by
tests/test_search_pipeline.py, which runs both on thousands of words.

The serialized index names its search pipeline with ``QUERY_PIPELINE``; both
lunr.js (templates/static/search/quotewire-lunr.js) and lunr.py
(:func:`register_with_lunr_py`) register functions under these names.
"""

import re
import unicodedata
from collections import Counter
from itertools import repeat
from typing import Callable, Optional

from generator.search.stemmer import stem

FOLD = "quotewire-fold"
TRIMMER = "quotewire-trimmer"
STOP_WORD_FILTER = "quotewire-stopWordFilter"
STEMMER = "quotewire-stemmer"
INDEX_PIPELINE = (FOLD, TRIMMER, STOP_WORD_FILTER, STEMMER)
QUERY_PIPELINE = (FOLD, TRIMMER, STEMMER)

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator), not Python's: Python's
# \s adds \x1c-\x1f and \x85 and lacks \ufeff.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SEPARATOR = re.compile(f"[{_JS_SPACE}\\-]+")

# JS \w without the u flag is ASCII only.
_LEADING_NON_WORD = re.compile(r"^[^A-Za-z0-9_]+")
_TRAILING_NON_WORD = re.compile(r"[^A-Za-z0-9_]+\Z")

# Combining marks left by NFD (explicit ranges, so both sides agree whatever
# Unicode version their runtime ships): diacritical marks, their extended and
# supplement blocks, marks for symbols, half marks.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters NFD does not decompose, and typographic apostrophes.  Keep in step
# with FOLD_TABLE in quotewire-lunr.js (a test compares them).
FOLD_TABLE = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
    "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĳ": "ij", "ſ": "s",
    "ƒ": "f", "ɨ": "i", "ʉ": "u", "ŋ": "n", "ĸ": "k",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'",
}
_FOLD_CHARS = re.compile("[" + "".join(FOLD_TABLE) + "]")
# "Blair's," → "blair,": a possessive 's followed only by punctuation.
_POSSESSIVE = re.compile(r"'s(?=[^A-Za-z0-9_]*\Z)")

# lunr.stopWordFilter's list in lunr.js 2.3.9.
STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be
because been but by can cannot could dear did do does either else ever every
for from get got had has have he her hers him his how however i if in into is
it its just least let like likely may me might most must my neither no nor not
of off often on only or other our own rather said say says she should since so
some than that the their them then there these they this tis to too twas us
wants was we were what when where which while who whom why will with would yet
you your
""".split())


def tokenize(text: str) -> list[str]:
    """Split like ``lunr.tokenizer``: lowercase, cut at JS whitespace and '-', drop empty pieces."""
    return [piece for piece in _SEPARATOR.split(text.lower()) if piece]


def fold(token: str) -> str:
    """Fold a lowercase token to plain Latin: "josé"→"jose", "erdoğan"→"erdogan", "blair's"→"blair".

    NFD, then drop combining marks, then FOLD_TABLE, then a possessive 's.
    Runs before the trimmer, which would otherwise cut "josé" to "jos".
    """
    if not token.isascii():
        token = _COMBINING.sub("", unicodedata.normalize("NFD", token))
        token = _FOLD_CHARS.sub(lambda m: FOLD_TABLE[m.group()], token)
    if "'" in token:
        token = _POSSESSIVE.sub("", token, count=1)
    return token


def trim(token: str) -> str:
    """``lunr.trimmer``: strip non-word characters (JS ASCII \\W) at both ends."""
    return _TRAILING_NON_WORD.sub("", _LEADING_NON_WORD.sub("", token, count=1), count=1)


def index_term(token: str) -> Optional[str]:
    """One token through the document pipeline: the term lunr.js would index, or None.

    None for stop words.  An empty string (a token of punctuation only) is
    returned as lunr.js returns it; callers that build an index drop it.
    """
    token = trim(fold(token))
    if token in STOP_WORDS:
        return None
    return stem(token)


def query_term(token: str) -> str:
    """One query term through the search pipeline, as lunr.js runs it for ``index.search``."""
    return stem(trim(fold(token)))


def index_terms(text: str, cache: Optional[dict] = None) -> list[str]:
    """All non-empty terms of `text`, in order, as lunr.js's builder pipeline makes them.

    `cache` (token → term or None) may be shared across calls to skip repeated
    stemming; it only ever holds values of the pure function :func:`index_term`.
    """
    if cache is None:
        cache = {}
    terms = []
    for token in tokenize(text):
        try:
            term = cache[token]
        except KeyError:
            term = cache[token] = index_term(token)
        if term:
            terms.append(term)
    return terms


def term_counts(text: str, cache: Optional[dict] = None) -> dict[str, int]:
    """How often each non-empty term occurs in `text`: ``Counter(index_terms(text))``, faster.

    Tokens are counted first (empty pieces too: they make no term) and each distinct token is
    run through the pipeline once (`cache` keeps its term). A short text is counted as it goes.
    """
    if cache is None:
        cache = {}
    counts: dict[str, int] = {}
    tokens = _SEPARATOR.split(text.lower())
    for token, n in (Counter(tokens).items() if len(tokens) > _FEW_TOKENS else zip(tokens, repeat(1))):
        term = cache.get(token, _UNSEEN)
        if term is _UNSEEN:
            term = cache[token] = index_term(token)
        if term:
            counts[term] = counts.get(term, 0) + n
    return counts


_UNSEEN = object()
_FEW_TOKENS = 8      # a text of no more tokens (a name) is counted token by token: no Counter to make


def register_with_lunr_py() -> None:
    """Register the four pipeline functions with lunr.py under their fixed names.

    Idempotent.  Needed only to load our index with ``lunr.index.Index.load``
    in Python; building does not use lunr.py.
    """
    from lunr.pipeline import Pipeline

    functions: dict[str, Callable] = {
        FOLD: _lunr_py_function(fold),
        TRIMMER: _lunr_py_function(trim),
        STOP_WORD_FILTER: lambda token, i=None, tokens=None: (
            None if str(token) in STOP_WORDS else token
        ),
        STEMMER: _lunr_py_function(stem),
    }
    for label, function in functions.items():
        if label not in Pipeline.registered_functions:
            Pipeline.register_function(function, label)


def _lunr_py_function(transform: Callable[[str], str]) -> Callable:
    """Wrap a str → str function as a lunr.py pipeline function (token, i, tokens) → token."""

    def pipeline_function(token, i=None, tokens=None):
        return token.update(lambda string, metadata=None: transform(string))

    return pipeline_function
