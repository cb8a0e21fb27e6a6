"""The search stage's core: documents in, one shard out (pure).

A shard is one file the browser loads: an independent lunr.js index in Quotewire's compact
format (compact.py) and the result store of its documents. One :class:`SearchDoc` per article,
quote, speaker page and entity page. Fields (lunr field names, so ``speaker:ren`` and
``title:huawei`` work in the browser):

========  ==========================================================
article   title, speaker (names quoted), entity (names), text (body)
quote     text (the quote), speaker
speaker   title (name), speaker (name and aliases), text (optional)
entity    title (name), entity (name and aliases), text (optional)
========  ==========================================================

Index refs are the store's row numbers in base 36: short, since every posting names one.
"""
from __future__ import annotations

import gzip
import hashlib
import marshal
from dataclasses import dataclass
from typing import Literal, Mapping, Sequence, Union

from generator.fingerprint import MARSHAL_VERSION
from generator.jsontext import dumps
from generator.search.compact import compact_index
from generator.search.pipeline import QUERY_PIPELINE, term_counts

DocType = Literal["article", "quote", "speaker", "entity"]
DOC_TYPES = ("article", "quote", "speaker", "entity")
FIELDS = ("title", "speaker", "entity", "text")
_FIELD_SET = frozenset(FIELDS)
FIELD_BOOSTS = {"title": 5, "speaker": 2, "entity": 2, "text": 1}
# The store, column by column. A document with a parent (a quote and its article) leaves title
# and date empty and has a url relative to its parent's: the browser takes them from the parent.
STORE_COLUMNS = ("type", "url", "title", "date", "speaker", "snippet", "parent")
# The budget for what a first search downloads (the first shards, gzipped).
FIRST_SEARCH_GZIP_BUDGET = 2_000_000

FieldValue = Union[str, Sequence[str]]
INDEX_KEY = "index:"           # index_key's prefix: keeps these keys apart from the shards' own


@dataclass(frozen=True)
class SearchDoc:
    """A document to index and the store entry shown when it is found.

    `fields` maps names from FIELDS to text or to a sequence of texts (names);
    `boost` multiplies all its scores; `date` is ISO (YYYY-MM-DD) or "". `parent` is the ref of
    the document this one belongs to (a quote's article), if it is in the same shard.
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
    parent: str = ""

    def __post_init__(self):
        if self.type not in DOC_TYPES:
            raise ValueError(f"search doc {self.ref!r}: type {self.type!r} is not one of {DOC_TYPES}")
        if not _FIELD_SET.issuperset(self.fields):
            unknown = sorted(set(self.fields) - _FIELD_SET)
            raise ValueError(f"search doc {self.ref!r}: unknown fields {unknown}, expected some of {FIELDS}")
        if not self.boost > 0:
            raise ValueError(f"search doc {self.ref!r}: boost must be positive, got {self.boost!r}")

    @property
    def indexed(self) -> bytes:
        """What the index holds of the document (its fields and boost) as bytes, for a hash
        (marshal writes plain data in C): made once, for the shard's key and the index's (kept
        as functools.cached_property would, without its lock)."""
        made = self.__dict__.get("_indexed")
        if made is None:
            made = self.__dict__["_indexed"] = marshal.dumps((plain_fields(self), repr(self.boost)), MARSHAL_VERSION)
        return made


@dataclass(frozen=True)
class SearchOutput:
    """One shard: its JSON (index and store) and sizes in bytes."""

    json: str
    raw_bytes: int
    gzip_bytes: int
    doc_count: int


def build_search(docs: Sequence[SearchDoc], cache: dict | None = None, indexes: dict | None = None) -> SearchOutput:
    """Index `docs` as one shard: a compact lunr.js 2.3.9 index and the result store.

    Pure and deterministic: documents are ordered by ref, so the same documents give the same
    bytes in any order. `cache` (token → term) may be shared between calls to stem each word
    once. `indexes` (index_key → compact index) holds indexes made before: one whose documents
    index the same (only their store entries differ) is taken from there, else made and added.
    Raises ValueError on duplicate refs or a parent that is not among `docs`.
    """
    ordered = sorted(docs, key=lambda doc: doc.ref)
    for previous, doc in zip(ordered, ordered[1:]):
        if previous.ref == doc.ref:
            raise ValueError(f"two search docs have the ref {doc.ref!r}")
    key = index_key(ordered) if indexes is not None else ""
    index = indexes.get(key) if indexes is not None else None
    if index is None:
        cache = {} if cache is None else cache
        counts = [{name: term_counts(_text(value), cache) for name, value in doc.fields.items()} for doc in ordered]
        index = compact_index(counts, FIELDS, FIELD_BOOSTS, QUERY_PIPELINE, [doc.boost for doc in ordered])
        if indexes is not None:
            indexes[key] = index
    text = dumps({"index": index, "store": store_columns(ordered)})
    data = text.encode("utf-8")
    return SearchOutput(json=text, raw_bytes=len(data), gzip_bytes=gzip_size(data), doc_count=len(ordered))


def index_key(ordered: Sequence[SearchDoc]) -> str:
    """A hash of what the index of `ordered` (sorted by ref) is made of: each document's fields and
    boost, in order (the index names a document by its row)."""
    h = hashlib.blake2b(digest_size=20)
    for doc in ordered:
        h.update(doc.indexed)
    return INDEX_KEY + h.hexdigest()


def plain_fields(doc: SearchDoc) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    """A document's fields as plain data, by name: what marshal writes in C, for a hash (a
    SearchDoc's repr is slower)."""
    return tuple((name, value if type(value) is str else tuple(value)) for name, value in sorted(doc.fields.items()))


def store_columns(ordered: Sequence[SearchDoc]) -> dict[str, list]:
    """{column: [value per row]} for STORE_COLUMNS; columns gzip better than rows.

    `parent` is how many rows back the parent is (0: none); a child's url is then the part after
    its parent's url (a fragment such as "#q-3"), and its title and date are left empty.
    """
    row_of = {doc.ref: row for row, doc in enumerate(ordered)}
    columns: dict[str, list] = {name: [] for name in STORE_COLUMNS}
    for row, doc in enumerate(ordered):
        if doc.parent and doc.parent not in row_of:
            raise ValueError(f"search doc {doc.ref!r}: its parent {doc.parent!r} is not in the same shard")
        parent = ordered[row_of[doc.parent]] if doc.parent else None
        inherits = parent is not None and doc.url.startswith(parent.url) and doc.title == parent.title \
            and doc.date == parent.date
        columns["type"].append(doc.type)
        columns["url"].append(doc.url[len(parent.url):] if inherits else doc.url)
        columns["title"].append("" if inherits else doc.title)
        columns["date"].append("" if inherits else doc.date)
        columns["speaker"].append(doc.speaker)
        columns["snippet"].append(doc.snippet)
        columns["parent"].append(row - row_of[doc.parent] if inherits else 0)
    return columns


def _text(value: FieldValue) -> str:
    # Names are joined with a newline: a separator for lunr's tokenizer, so
    # "Ren Zhengfei" and "Huawei" stay separate words.
    return value if isinstance(value, str) else "\n".join(value)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))
