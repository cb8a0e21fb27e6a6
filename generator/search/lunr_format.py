"""Serialize analysed documents as a lunr.js 2.3.9 index (what ``lunr.Index.load`` reads).

lunr.py's builder takes ~3.9 ms per news article (~9 s for 2,225); this writes
the same structure from term lists in a fraction of that.  Scores follow
``lunr.Builder#createFieldVectors`` (BM25, b = 0.75, k1 = 1.2, lunr's idf that
counts a document once per field holding the term, 3 decimals), so lunr.js
ranks our index as it would rank its own; tests/test_search_index.py compares
the vectors with those of lunr.js's builder.

Differences from lunr.js's builder, none visible to ``lunr.Index#search``:
term numbers (``_index``) follow sorted term order rather than first sight, and
a field that holds no terms gets no (empty) field vector.
"""

import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

LUNR_VERSION = "2.3.9"
_B = 0.75
_K1 = 1.2


@dataclass(frozen=True)
class AnalysedDoc:
    """One document after the pipeline: its lunr ref, boost and terms per field, in text order."""

    ref: str
    boost: float
    terms: Mapping[str, Sequence[str]]


def lunr_index_json(
    docs: Sequence[AnalysedDoc],
    fields: Sequence[str],
    field_boosts: Mapping[str, float],
    pipeline: Sequence[str],
    score_decimals: int = 3,
) -> str:
    """Return the compact JSON of a lunr.js 2.3.9 index over `docs`.

    `fields` is the index's field list (its order is kept); `pipeline` names the
    registered functions lunr.js runs on query terms; scores are rounded to
    `score_decimals` (lunr.js's builder uses 3).  Output depends only on the
    arguments: postings follow `docs` order, everything else is sorted.
    """
    n_docs = len(docs)
    frequencies = [{f: Counter(doc.terms.get(f, ())) for f in fields} for doc in docs]
    average_length = {
        f: sum(len(doc.terms.get(f, ())) for doc in docs) / n_docs if n_docs else 0.0 for f in fields
    }
    postings: dict[str, dict[str, list[int]]] = {}
    for number, counts in enumerate(frequencies):
        for f in fields:
            for term in counts[f]:
                postings.setdefault(term, {}).setdefault(f, []).append(number)
    # lunr.TokenSet.Builder needs terms in JavaScript's (UTF-16 code unit) order.
    terms = sorted(postings, key=_utf16_order)
    # lunr's idf counts a document once per field that holds the term.
    doc_frequency = {term: sum(map(len, postings[term].values())) for term in terms}
    idf = {term: _lunr_idf(doc_frequency[term], n_docs) for term in terms}
    # Frequent terms get short numbers: they fill most of the field vectors.
    by_frequency = sorted(terms, key=lambda t: -doc_frequency[t])  # stable: ties keep term order
    term_number = {term: i for i, term in enumerate(by_frequency)}

    vectors = []
    for doc, counts in zip(docs, frequencies):
        for f in fields:
            if counts[f]:
                vector = _field_vector(
                    counts[f], term_number, idf, average_length[f],
                    field_boosts.get(f, 1), doc.boost, 10**score_decimals,
                )
                vectors.append(f"[{_json(f + '/' + doc.ref)},[{vector}]]")

    refs = [_json(doc.ref) for doc in docs]
    field_keys = [(f, _json(f)) for f in sorted(fields)]
    inverted = []
    for term in terms:
        by_field = postings[term]
        parts = [f'"_index":{term_number[term]}']
        for f, key in field_keys:
            numbers = by_field.get(f, ())
            parts.append(f'{key}:{{' + ",".join(refs[n] + ":{}" for n in numbers) + "}")
        inverted.append(f'[{_json(term)},{{{",".join(parts)}}}]')

    return (
        '{"fieldVectors":[' + ",".join(vectors) + "],"
        f'"fields":{_json(list(fields))},'
        '"invertedIndex":[' + ",".join(inverted) + "],"
        f'"pipeline":{_json(list(pipeline))},'
        f'"version":{_json(LUNR_VERSION)}}}'
    )


def _field_vector(
    counts: Counter, term_number: Mapping[str, int], idf: Mapping[str, float],
    average_length: float, field_boost: float, doc_boost: float, scale: int,
) -> str:
    """The "[index, score, ...]" body of one field vector, sorted by term index as lunr.Vector keeps it."""
    length = sum(counts.values())
    # Same operations in the same order as lunr.js, so the doubles agree.
    norm = _K1 * (1 - _B + _B * (length / average_length))
    elements = []
    for term, tf in counts.items():
        score = idf[term] * ((_K1 + 1) * tf) / (norm + tf)
        score *= field_boost
        score *= doc_boost
        elements.append((term_number[term], _js_round(score, scale)))
    elements.sort()
    return ",".join(f"{i},{_number(s)}" for i, s in elements)


def _lunr_idf(documents_with_term: int, document_count: int) -> float:
    """``lunr.idf`` of a term held by `documents_with_term` (document, field) pairs."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def _js_round(value: float, scale: int) -> float:
    """``Math.round(value * scale) / scale``: halves round up, as in JavaScript."""
    scaled = value * scale
    whole = math.floor(scaled)
    if scaled - whole >= 0.5:
        whole += 1
    return whole / scale


def _utf16_order(text: str) -> bytes:
    """A sort key giving JavaScript's string order (by UTF-16 code unit, not code point)."""
    return text.encode("utf-16-be", "surrogatepass")


def _number(value: float) -> str:
    """A number as JSON.stringify writes it: 2.0 → "2", shortest round-trip digits otherwise."""
    if value == int(value):
        return str(int(value))
    return repr(value)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
