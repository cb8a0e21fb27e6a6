"""Quotewire's compact index format, from which quotewire-lunr.js rebuilds a lunr.js 2.3.9 index.

lunr.js's serialized index holds every (term, field, document) twice, as JSON objects: once in
the inverted index and once, with its BM25 score, in the field vectors. On the 2,225 BBC
articles that is 3.5 MB gzipped. This format holds it once, as text that gzips well (1.0 MB):

    {"format": 1, "lunr": "2.3.9", "fields": [...], "boosts": [...], "count": N,
     "docBoosts": [[row, boost], ...], "pipeline": [...],
     "terms": "<front-coded terms>", "postings": ["<one line per term>", ... one per field]}

- ``terms``: every term, sorted in JavaScript's string order (what lunr.TokenSet needs), one a
  line; each line is one base-36 digit, how many UTF-16 code units it shares with the line
  before (at most 35), then the rest of the term.
- ``postings[f]``: for field ``fields[f]``, line i lists the documents holding term i: tokens
  separated by ",", each the gap since the previous document (row numbers, the first counted
  from -1) times two, in base 36; an odd number is followed by ":" and the term frequency
  (base 36), an even one means a frequency of 1.

Field lengths, idf and the field vectors are recomputed in the browser with lunr.Builder's
formula (tests/test_search_index.py checks them against lunr.js's own builder): a document's
field length is the sum of its frequencies, as lunr's is its count of terms.
"""
from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

from ..jsontext import dumps

FORMAT = 1
LUNR_VERSION = "2.3.9"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
MAX_SHARED = len(_DIGITS) - 1


def compact_index(
    counts: Sequence[Mapping[str, Counter]],
    fields: Sequence[str],
    field_boosts: Mapping[str, float],
    pipeline: Sequence[str],
    doc_boosts: Sequence[float] = (),
) -> dict:
    """The compact index (a JSON-ready dict) of documents given as term counts per field.

    `counts[row][field]` counts the terms of document `row` (its lunr ref is ``row`` in base 36);
    `doc_boosts`, when given, has one boost per row. Deterministic: depends only on the arguments.
    """
    postings: list[dict[str, list[tuple[int, int]]]] = [{} for _ in fields]
    by_field = dict(zip(fields, postings))
    for row, doc in enumerate(counts):
        for name, terms in doc.items():        # a document's fields, each into its own postings
            by_term = by_field.get(name)
            for term, tf in terms.items() if by_term is not None else ():
                by_term.setdefault(term, []).append((row, tf))
    terms = sorted(set().union(*postings), key=_utf16_order)
    index = {
        "format": FORMAT, "lunr": LUNR_VERSION, "fields": list(fields),
        "boosts": [field_boosts.get(name, 1) for name in fields], "count": len(counts),
        "pipeline": list(pipeline), "terms": front_coded(terms),
        "postings": ["\n".join(_postings_line(by_term.get(term, ())) for term in terms) for by_term in postings],
    }
    boosted = [[row, boost] for row, boost in enumerate(doc_boosts) if boost != 1]
    if boosted:
        index["docBoosts"] = boosted
    return index


def front_coded(terms: Sequence[str]) -> str:
    """Terms one a line, each as one base-36 digit (units shared with the previous term) + the rest."""
    lines, previous = [], ""
    for term in terms:
        shared = 0
        limit = min(len(term), len(previous))
        while shared < limit and term[shared] == previous[shared]:
            shared += 1
        # The count is in UTF-16 code units (JavaScript slices so); never split a character.
        while _utf16_length(term[:shared]) > MAX_SHARED:
            shared -= 1
        lines.append(_DIGITS[_utf16_length(term[:shared])] + term[shared:])
        previous = term
    return "\n".join(lines)


def base36(number: int) -> str:
    """``number.toString(36)`` for a non-negative integer."""
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if not number:
            return text


_SMALL = [base36(n) for n in range(4096)]     # most gaps and frequencies: spelled once


def _postings_line(postings: Sequence[tuple[int, int]]) -> str:
    tokens, previous = [], -1
    small = _SMALL
    for row, tf in postings:
        code = (row - previous - 1) * 2
        previous = row
        if tf == 1:
            tokens.append(small[code] if code < 4096 else base36(code))
        else:
            code += 1
            tokens.append((small[code] if code < 4096 else base36(code)) + ":" + (small[tf] if tf < 4096 else base36(tf)))
    return ",".join(tokens)


def _utf16_order(text: str) -> bytes:
    """A sort key giving JavaScript's string order (by UTF-16 code unit, not code point)."""
    return text.encode("utf-16-be", "surrogatepass")


def _utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def compact_json(index: dict) -> str:
    return dumps(index)
