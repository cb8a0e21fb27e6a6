"""The files of Quotewire's search index, as the browser reads them (quotewire-lunr.js).

Every file is a script that hands its data to the page, so that one file works both where
``fetch`` does (a Web Worker over http(s), which reads the JSON after the prefix) and where only
``<script>`` does (``file://``):

    (self.quotewireData = self.quotewireData || {})["terms-3"] = {...JSON...};

Four kinds, named ``<kind>[-K].<content hash>.js`` (an unchanged file keeps its name):

``meta``
    What every search reads first (a few kB)::

        {"format": 3, "lunr": "2.3.9", "fields": [...], "boosts": [...], "pipeline": [...],
         "count": N, "lengths": [sum of field lengths, per field], "docBoosts": [[doc, boost], ...],
         "articles": A, "years": [[year, articles], ...], "quotes": [quotes of article 0, ...],
         "names": [[speakers, entities, file], ...], "store": [P, [file, ...]],
         "terms": [[first term, term count, file], ...], "dictionary": file,
         "positions": [G, [file, ...]], "named": "<hex digits>"}

    Documents are numbered: articles 0..A-1 oldest first (``years`` counts them year by year),
    then their quotes article by article (``quotes``), then the speaker and entity pages in
    buckets by a hash of their ref (``names``: each bucket's speakers, then its entities). A
    result's type, year and article therefore need no per-document data. lunr's average field
    length is ``lengths[f] / count``.

``terms-K``
    A range of the sorted terms (JavaScript string order) and their postings::

        {"terms": "<front-coded terms>", "postings": ["<one line per term>", ... one per field]}

    ``terms``: one a line, each one base-36 digit (UTF-16 units shared with the term before, at
    most 35) and the rest. ``postings[f]`` line i: the documents holding term i in field f, as
    tokens joined by ",": ``<gap>[:<tf>].<length>`` in base 36, where gap is the document number
    minus the previous one's (the first counted from -1) times two, plus one when a term frequency
    other than 1 follows; length is the document's field length (lunr's: its count of terms).
    With the document count and total lengths of ``meta``, that is all lunr.Builder's BM25 needs:
    the browser scores a term with lunr's own formula and float operations.

``positions-K``
    Where the terms of G term chunks (``terms-K·G`` to ``terms-(K+1)·G-1``) stand, read only
    for a "quoted phrase"::

        {"positions": ["<one line per term>", ... one per field]}

    Line i of field f lists, for each posting of term i in field f (in the order of the term
    chunk's postings line), its positions joined by "." (the first as it is, then the distance
    from the one before, base 36), postings joined by ",". Positions count index terms. Only the
    title, speaker and entity fields of every document and the text field of quotes have them:
    the text field's line lists only the postings of quotes (documents A..namesStart-1), which
    are contiguous in the postings line.

``dictionary``
    Every term, front-coded as above: read only for fuzzy terms (``murray~1``, the typo retry)
    and wildcards other than a trailing one.

``store-K`` (articles P at a time, with their quotes) and ``names-K`` (a bucket)
    The result store of those documents, by column, rows in document order::

        {"url": [...], "title": [...], "date": [...], "speaker": [...], "snippet": [...]}

    A quote's url is a fragment of its article's ("#q-3") and its title and date are empty.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from typing import Iterable, Sequence

from ..jsontext import dumps

FORMAT = 3
LUNR_VERSION = "2.3.9"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
MAX_SHARED = len(_DIGITS) - 1


def base36(number: int) -> str:
    """``number.toString(36)`` for a non-negative integer."""
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if not number:
            return text


_SMALL = [base36(n) for n in range(4096)]     # most gaps, frequencies and lengths: spelled once


def _b36(number: int) -> str:
    return _SMALL[number] if number < 4096 else base36(number)


def front_coded(terms: Sequence[str]) -> str:
    """Terms one a line, each as one base-36 digit (units shared with the previous term) + the rest."""
    lines, previous = [], ""
    for term in terms:
        shared = 0
        limit = min(len(term), len(previous))
        while shared < limit and term[shared] == previous[shared]:
            shared += 1
        # The count is in UTF-16 code units (JavaScript slices so); never split a character.
        while utf16_length(term[:shared]) > MAX_SHARED:
            shared -= 1
        lines.append(_DIGITS[utf16_length(term[:shared])] + term[shared:])
        previous = term
    return "\n".join(lines)


def postings_line(postings: Iterable[tuple[int, int, str]]) -> str:
    """One term's postings in one field, (document, tf, length_suffix(field length)) by document:
    a line of tokens."""
    tokens, previous = [], -1
    small = _SMALL
    for doc, tf, suffix in postings:
        code = (doc - previous - 1) * 2
        previous = doc
        if tf == 1:
            tokens.append((small[code] if code < 4096 else base36(code)) + suffix)
        else:
            code += 1
            tokens.append((small[code] if code < 4096 else base36(code)) + ":" + _b36(tf) + suffix)
    return ",".join(tokens)


def positions_line(postings: Iterable[Sequence[int]]) -> str:
    """One term's positions in one field, a posting at a time (in the order of its postings line):
    tokens joined by ",", each the posting's positions joined by ".", the first as it is and each
    next one as its distance from the one before, in base 36."""
    small = _SMALL
    tokens = []
    for places in postings:
        previous, parts = 0, []
        for place in places:
            gap = place - previous
            parts.append(small[gap] if gap < 4096 else base36(gap))
            previous = place
        tokens.append(".".join(parts))
    return ",".join(tokens)


def length_suffix(length: int) -> str:
    """How a posting ends: "." and the document's field length."""
    return "." + _b36(length)


def utf16_order(text: str) -> bytes:
    """A sort key giving JavaScript's string order (by UTF-16 code unit, not code point)."""
    return text.encode("utf-16-be", "surrogatepass")


def utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def script(name: str, data: object) -> bytes:
    """The file: JavaScript handing `data` (sorted-key JSON) to the page as quotewireData[name]."""
    body = dumps(data)
    # U+2028/2029 end lines in pre-2019 JavaScript; escaped they stay the same JSON string.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{script_prefix(name)}{body};\n".encode("utf-8")


def script_prefix(name: str) -> str:
    """What comes before the JSON (quotewire-lunr.js `parseScript` cuts it off)."""
    return f"(self.quotewireData = self.quotewireData || {{}})[{json.dumps(name)}] = "


def file_name(name: str, data: bytes) -> str:
    """`name` with the content's hash: a file whose bytes do not change keeps its name."""
    return f"{name}.{hashlib.sha256(data).hexdigest()[:8]}.js"


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))
