"""The search stage: documents in, the lunr.js index and the result store out (pure).

One :class:`SearchDoc` per article, quote, speaker page and entity page.  Fields
(lunr field names, so ``speaker:ren`` and ``title:huawei`` work in the browser):

========  ==========================================================
article   title, speaker (names quoted), entity (names), text (body)
quote     text (the quote), speaker
speaker   title (name), speaker (name and aliases), text (optional)
entity    title (name), entity (name and aliases), text (optional)
========  ==========================================================

Index refs are short (base 36 numbers, the row in the store): refs appear in
every posting, and long ones would grow the index by megabytes.  The store's
``ref`` column keeps each document's own ref (a quote's anchor, say).
"""

import gzip
import json
from dataclasses import dataclass, field
from typing import Literal, Mapping, Sequence, Union

from generator.search.lunr_format import AnalysedDoc, lunr_index_json
from generator.search.pipeline import QUERY_PIPELINE, index_terms

DocType = Literal["article", "quote", "speaker", "entity"]
DOC_TYPES = ("article", "quote", "speaker", "entity")
FIELDS = ("title", "speaker", "entity", "text")
FIELD_BOOSTS = {"title": 5, "speaker": 2, "entity": 2, "text": 1}
# lunr.js's builder keeps 3 decimals; 2 make the BBC index 7% smaller gzipped and keep 99.5% of
# top-10 results (the rest trade places between near-ties).
SCORE_DECIMALS = 2
STORE_COLUMNS = ("ref", "type", "url", "title", "date", "speaker", "snippet")
# The budget for what a first search downloads (index + store, gzipped).
FIRST_SEARCH_GZIP_BUDGET = 2_000_000

FieldValue = Union[str, Sequence[str]]


@dataclass(frozen=True)
class SearchDoc:
    """A document to index and the store entry shown when it is found.

    `fields` maps names from FIELDS to text or to a sequence of texts (names);
    `boost` multiplies all its scores; `date` is ISO (YYYY-MM-DD) or "".
    """

    ref: str
    type: DocType
    fields: Mapping[str, FieldValue]
    url: str
    title: str
    date: str = ""
    speaker: str = ""
    snippet: str = ""
    boost: float = 1.0

    def __post_init__(self):
        if self.type not in DOC_TYPES:
            raise ValueError(f"search doc {self.ref!r}: type {self.type!r} is not one of {DOC_TYPES}")
        unknown = sorted(set(self.fields) - set(FIELDS))
        if unknown:
            raise ValueError(f"search doc {self.ref!r}: unknown fields {unknown}, expected some of {FIELDS}")
        if not self.boost > 0:
            raise ValueError(f"search doc {self.ref!r}: boost must be positive, got {self.boost!r}")


@dataclass(frozen=True)
class SearchOutput:
    """The two files the browser downloads for a first search, and their sizes in bytes."""

    index_json: str
    store_json: str
    index_bytes: int
    index_gzip_bytes: int
    store_bytes: int
    store_gzip_bytes: int
    doc_count: int

    @property
    def first_search_gzip_bytes(self) -> int:
        return self.index_gzip_bytes + self.store_gzip_bytes

    @property
    def over_budget(self) -> bool:
        """True when a first search downloads more than FIRST_SEARCH_GZIP_BUDGET gzipped."""
        return self.first_search_gzip_bytes > FIRST_SEARCH_GZIP_BUDGET

    def size_summary(self) -> str:
        """One line for the build log, e.g. "search: 2225 docs, index 9.1 MB (1.4 MB gzip), store ..."."""
        return (
            f"search: {self.doc_count} docs, index {_mb(self.index_bytes)} ({_mb(self.index_gzip_bytes)} gzip), "
            f"store {_mb(self.store_bytes)} ({_mb(self.store_gzip_bytes)} gzip)"
        )


def build_search(docs: Sequence[SearchDoc]) -> SearchOutput:
    """Index `docs` for lunr.js 2.3.9 and build the result store.

    Pure and deterministic: documents are ordered by ref, so the same documents
    give the same bytes in any order.  Raises ValueError on duplicate refs.
    """
    ordered = sorted(docs, key=lambda doc: doc.ref)
    for previous, doc in zip(ordered, ordered[1:]):
        if previous.ref == doc.ref:
            raise ValueError(f"two search docs have the ref {doc.ref!r}")
    cache: dict = {}
    analysed = [
        AnalysedDoc(
            ref=short_ref(number),
            boost=doc.boost,
            terms={name: index_terms(_text(value), cache) for name, value in doc.fields.items()},
        )
        for number, doc in enumerate(ordered)
    ]
    index_json = lunr_index_json(analysed, FIELDS, FIELD_BOOSTS, QUERY_PIPELINE, SCORE_DECIMALS)
    store_json = _store_json(ordered)
    index_data, store_data = index_json.encode(), store_json.encode()
    return SearchOutput(
        index_json=index_json,
        store_json=store_json,
        index_bytes=len(index_data),
        index_gzip_bytes=_gzip_size(index_data),
        store_bytes=len(store_data),
        store_gzip_bytes=_gzip_size(store_data),
        doc_count=len(ordered),
    )


def short_ref(number: int) -> str:
    """The index ref of the store's row `number`: base 36, as ``parseInt(ref, 36)`` reads it."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def _store_json(ordered: Sequence[SearchDoc]) -> str:
    """{"columns": STORE_COLUMNS, "docs": [[ref, type, url, title, date, speaker, snippet], ...]}."""
    rows = [[getattr(doc, column) for column in STORE_COLUMNS] for doc in ordered]
    return json.dumps(
        {"columns": list(STORE_COLUMNS), "docs": rows}, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def _text(value: FieldValue) -> str:
    # Names are joined with a newline: a separator for lunr's tokenizer, so
    # "Ren Zhengfei" and "Huawei" stay separate words.
    return value if isinstance(value, str) else "\n".join(value)


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"
