"""The search stage's core: documents in, the files of one index over the whole archive out (pure).

One :class:`SearchDoc` per article, quote, speaker page and entity page. Fields (lunr field
names, so ``speaker:ren`` and ``title:huawei`` work in the browser):

========  ==========================================================
article   title, speaker (names quoted), entity (names), text (body)
quote     text (the quote), speaker
speaker   title (name), speaker (name and aliases), text (optional)
entity    title (name), entity (name and aliases), text (optional)
========  ==========================================================

The index is split so that a query downloads only what it needs (format.py has the files):
the terms in sorted ranges (``terms-K``), the result store in chunks of documents (``store-K``,
``names-K``), and a small ``meta`` file that says which file holds what. Scores are lunr.js's
over the whole archive: one document count, one idf per term, one average length per field.

How many files: at most one per FILES_PER_ARTICLE articles (never fewer than MIN_FILES), shared
between store chunks (STORE_SHARE), name buckets (NAMES_SHARE), the positions a "quoted phrase"
reads (PHRASE_SHARE), the speaker filter's files by initial (FACET_SHARE) and term chunks (the rest). The
store chunks hold a power of two of articles each, and a name's bucket is a hash of its ref
modulo a power of two: an added article changes the last store chunk and the buckets of the
names it mentions, and every other store file keeps its bytes and name. The term chunks change
with every article (its terms are spread over all of them, and the document count and average
lengths change every score): docs/benchmarks.md has the figures.
"""
from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass
from typing import Literal, Mapping, Sequence, Union

from generator.fingerprint import MARSHAL_VERSION
from generator.search.format import (FORMAT, LUNR_VERSION, base36, file_name, front_coded, gzip_size, length_suffix,
                                     positions_line, postings_line, script, utf16_order)
from generator.search.pipeline import QUERY_PIPELINE, fold, index_terms, term_counts, tokenize

DocType = Literal["article", "quote", "speaker", "entity"]
DOC_TYPES = ("article", "quote", "speaker", "entity")
FIELDS = ("title", "speaker", "entity", "text")
PHRASE_FIELDS = ("title", "speaker", "entity")   # and a quote's text: where a "quoted phrase" is found
_FIELD_SET = frozenset(FIELDS)
FIELD_BOOSTS = {"title": 5, "speaker": 2, "entity": 2, "text": 1}
STORE_COLUMNS = ("url", "title", "date", "speaker", "snippet")
FILES_PER_ARTICLE = 20        # the bound: at most one search file per 20 articles
MIN_FILES = 8
STORE_SHARE = 0.65            # of the files: store chunks (what the first page of results reads)
NAMES_SHARE = 0.075           # name buckets (speaker and entity pages)
PHRASE_SHARE = 0.04           # word positions, read only by a "quoted phrase"
FACET_SHARE = 0.02            # the speaker filter's files, by initial, read only when it is used

FieldValue = Union[str, Sequence[str]]
Counts = Mapping[str, Mapping[str, int]]       # field → term → frequency
Positions = Mapping[str, Mapping[str, tuple[int, ...]]]      # field → term → positions (index terms)


@dataclass(frozen=True)
class SearchDoc:
    """A document to index and the store entry shown when it is found.

    `fields` maps names from FIELDS to text or to a sequence of texts (names); `boost`
    multiplies all its scores; `date` is ISO (YYYY-MM-DD) or "". A quote's url is its article's
    url and a fragment.
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
    named: bool = False          # a quote whose speaker is named in its own sentence (Quote.how "named")

    def __post_init__(self):
        if self.type not in DOC_TYPES:
            raise ValueError(f"search doc {self.ref!r}: type {self.type!r} is not one of {DOC_TYPES}")
        if not _FIELD_SET.issuperset(self.fields):
            unknown = sorted(set(self.fields) - _FIELD_SET)
            raise ValueError(f"search doc {self.ref!r}: unknown fields {unknown}, expected some of {FIELDS}")
        if not self.boost > 0:
            raise ValueError(f"search doc {self.ref!r}: boost must be positive, got {self.boost!r}")


@dataclass(frozen=True)
class ArticleDocs:
    """An article's document, its quotes' documents (in text order) and the term counts of each
    (the article's first): what an article adds to the index, made once per article version."""

    article: SearchDoc
    quotes: tuple[SearchDoc, ...]
    counts: tuple[Counts, ...]
    positions: tuple[Positions, ...] = ()        # each document's term_positions, the article's first


@dataclass(frozen=True)
class SearchIndex:
    """The index's files (name → bytes), the name of its meta file, and sizes for the build log:
    {kind: (files, raw bytes, gzip bytes)} for "meta", "terms", "dictionary", "store", "names"."""

    files: dict[str, bytes]
    meta: str
    sizes: dict[str, tuple[int, int, int]]
    doc_count: int
    largest_terms_gzip: int = 0     # the largest term chunk


def count_terms(doc: SearchDoc, stems: dict | None = None) -> Counts:
    """The document's terms and their frequencies, field by field, as lunr.js's pipeline makes
    them. `stems` (token → term) may be shared between calls to stem each word once."""
    return {name: term_counts(_text(value), stems) for name, value in doc.fields.items()}


def term_positions(doc: SearchDoc, stems: dict | None = None) -> Positions:
    """Where each term stands in the fields a quoted phrase is looked for in: the title, speaker
    and entity fields of every document and a quote's text (an article's own text has none: its
    positions would double the index). A position counts index terms (stop words are not
    indexed, so "secretary of state" is "secretari state"); the names of a field of names are
    one position apart more, so that no phrase runs from one name into the next."""
    stems = {} if stems is None else stems
    found: dict[str, dict[str, tuple[int, ...]]] = {}
    for name in PHRASE_FIELDS if doc.type != "quote" else FIELDS:
        value = doc.fields.get(name)
        if not value:
            continue
        at, where = 0, {}
        for text in ((value,) if isinstance(value, str) else value):
            terms = index_terms(text, stems)
            for i, term in enumerate(terms):
                where.setdefault(term, []).append(at + i)
            at += len(terms) + 1
        if where:
            found[name] = {term: tuple(places) for term, places in where.items()}
    return found


def article_docs(article: SearchDoc, quotes: Sequence[SearchDoc], stems: dict | None = None) -> ArticleDocs:
    stems = {} if stems is None else stems
    docs = (article, *quotes)
    return ArticleDocs(article, tuple(quotes), tuple(count_terms(doc, stems) for doc in docs),
                       tuple(term_positions(doc, stems) for doc in docs))


def files_budget(articles: int) -> int:
    return max(MIN_FILES, articles // FILES_PER_ARTICLE)


def store_span(articles: int, files: int) -> int:
    """Articles per store chunk: the smallest power of two that keeps their chunks within
    STORE_SHARE of `files` (a power of two: the boundaries stay put as articles are added)."""
    chunks = max(1, int(STORE_SHARE * (files - 2)))
    span = 1
    while -(-articles // span) > chunks:
        span *= 2
    return span


def name_buckets(files: int) -> int:
    wanted = max(1, int(NAMES_SHARE * (files - 2)))
    buckets = 1
    while buckets * 2 <= wanted:
        buckets *= 2
    return buckets


def bucket_of(ref: str, buckets: int) -> int:
    return int(hashlib.sha1(ref.encode("utf-8")).hexdigest()[:8], 16) % buckets


def build_index(articles: Sequence[ArticleDocs], names: Sequence[SearchDoc], name_counts: Sequence[Counts],
                name_positions: Sequence[Positions] | None = None) -> SearchIndex:
    """The index of `articles` (with their quotes) and `names` (speaker and entity pages, with
    their term counts and term_positions in the same order; the positions are made here when not
    given). Deterministic: the same documents in any order give the same bytes. Raises ValueError
    on duplicate refs."""
    if name_positions is None:
        name_positions = [term_positions(doc) for doc in names]
    ordered, grouped, docs, counts, places = numbered(articles, names, name_counts, name_positions)
    files = files_budget(len(ordered))
    span = store_span(len(ordered), files)
    _check_refs(docs)

    out: dict[str, bytes] = {}
    sizes: dict[str, list[int]] = {kind: [0, 0, 0] for kind in ("meta", "terms", "positions", "dictionary", "store",
                                                                  "names", "speakers")}
    largest: dict[str, int] = {}

    def add(kind: str, name: str, data: object) -> str:
        body = script(name, data)
        path = file_name(name, body)
        out[path] = body
        size = sizes[kind]
        size[0] += 1
        size[1] += len(body)
        zipped = gzip_size(body)
        size[2] += zipped
        largest[kind] = max(largest.get(kind, 0), zipped)
        return path

    store_files = [add("store", f"store-{k}", store_columns(chunk))
                   for k, chunk in enumerate(store_chunks(ordered, span))]
    name_files = [add("names", f"names-{k}", store_columns([doc for doc, _, _ in group]))
                  for k, group in enumerate(grouped)]
    facet_files = [[initial, add("speakers", f"speakers-{k}", {"speakers": rows})]
                   for k, (initial, rows) in enumerate(speaker_facet(docs, max(1, int(FACET_SHARE * (files - 2)))))]
    phrase_wanted = max(1, int(PHRASE_SHARE * (files - 2)))
    term_chunks_wanted = max(1, files - 2 - len(store_files) - len(name_files) - len(facet_files) - phrase_wanted)
    terms, lines, lengths, place_lines = postings(counts, places, len(ordered), len(ordered) + sum(
        len(item.quotes) for item in ordered))
    chunks = term_chunks(terms, lines, term_chunks_wanted)
    term_files = [[first, count, add("terms", f"terms-{k}", chunk)] for k, (first, count, chunk) in enumerate(chunks)]
    group = -(-len(chunks) // phrase_wanted)          # term chunks per positions file
    position_files, at = [], 0
    for k in range(0, len(chunks), group):
        count = sum(chunk[1] for chunk in chunks[k:k + group])
        position_files.append(add("positions", f"positions-{k // group}", {"positions": [
            "\n".join(term_places[f] for term_places in place_lines[at:at + count]) for f in range(len(FIELDS))]}))
        at += count
    dictionary = add("dictionary", "dictionary", {"terms": front_coded(terms)})
    years: list[list[int]] = []
    for item in ordered:
        year = int(item.article.date[:4]) if item.article.date else 0
        if years and years[-1][0] == year:
            years[-1][1] += 1
        else:
            years.append([year, 1])
    meta = {
        "format": FORMAT, "lunr": LUNR_VERSION, "fields": list(FIELDS),
        "boosts": [FIELD_BOOSTS[name] for name in FIELDS], "pipeline": list(QUERY_PIPELINE),
        "count": len(docs), "lengths": lengths,
        "docBoosts": [[number, doc.boost] for number, doc in enumerate(docs) if doc.boost != 1],
        "articles": len(ordered), "years": years, "quotes": [len(item.quotes) for item in ordered],
        "names": [[sum(doc.type == "speaker" for doc, _, _ in group), sum(doc.type != "speaker" for doc, _, _ in group),
                   path] for group, path in zip(grouped, name_files)],
        "store": [span, store_files], "terms": term_files, "dictionary": dictionary,
        "positions": [group, position_files], "speakers": facet_files,
        "named": named_bits([doc.named for doc in docs if doc.type == "quote"]),
    }
    meta_path = add("meta", "meta", meta)
    return SearchIndex(files=out, meta=meta_path, sizes={kind: tuple(size) for kind, size in sizes.items()},
                       doc_count=len(docs), largest_terms_gzip=largest.get("terms", 0))


def initials(name: str) -> list[str]:
    """The letters a speaker is looked up by in the speaker filter: the first letter of each word
    of the name, folded ("Ángela Merkel" → a, m); "" for a word that starts with no letter a-z."""
    found = []
    for word in tokenize(name):
        letter = fold(word[:1])[:1]
        letter = letter if "a" <= letter <= "z" else ""
        if letter not in found:
            found.append(letter)
    return found


def speaker_facet(docs: Sequence[SearchDoc], wanted: int) -> list[tuple[str, list[list]]]:
    """The speaker filter's files: (the first initial a file holds, its rows), about `wanted`
    files of about the same size, each holding the speakers whose name has a word starting with
    its initials (a speaker is in the file of each initial). A row: [name, the document number
    of the speaker's page (-1: none), the numbers of their quotes as gaps in base 36 joined by
    "."]. The browser counts a filter's results from these numbers: no file lists every speaker."""
    page = {doc.title: number for number, doc in enumerate(docs) if doc.type == "speaker"}
    quotes: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        if doc.type == "quote" and doc.speaker:
            quotes.setdefault(doc.speaker, []).append(number)
    by_initial: dict[str, list[list]] = {}
    for name in sorted(set(page) | set(quotes)):
        numbers, previous, gaps = quotes.get(name, []), -1, []
        for number in numbers:
            gaps.append(base36(number - previous))
            previous = number
        row = [name, page.get(name, -1), ".".join(gaps)]
        for initial in initials(name):
            by_initial.setdefault(initial, []).append(row)
    letters = sorted(by_initial)
    sizes = [sum(len(row[0]) + len(row[2]) + 8 for row in by_initial[letter]) for letter in letters]
    total = sum(sizes) or 1
    groups: list[tuple[str, dict[str, list]]] = []
    running = 0
    for letter, size in zip(letters, sizes):
        if not groups or running * wanted >= total * len(groups):
            groups.append((letter, {}))
        groups[-1][1].update((row[0], row) for row in by_initial[letter])
        running += size
    return [(letter, [rows[name] for name in sorted(rows)]) for letter, rows in groups] or [("", [])]


def named_bits(flags: Sequence[bool]) -> str:
    """The quotes' `named` flags in document order as hex digits, four quotes a digit, the first
    quote in the lowest bit: what the search page's "named in the sentence" filter reads."""
    return "".join(f"{sum(1 << bit for bit, flag in enumerate(flags[at:at + 4]) if flag):x}"
                   for at in range(0, len(flags), 4))


def numbered(articles: Sequence[ArticleDocs], names: Sequence[SearchDoc], name_counts: Sequence[Counts],
             name_positions: Sequence[Positions] | None = None):
    """The documents in the index's order, which numbers them (format.py): (articles oldest first,
    the name buckets of (doc, counts, positions), every document, every document's counts, every
    document's positions)."""
    if name_positions is None:
        name_positions = [{} for _ in names]
    ordered = sorted(articles, key=lambda item: (item.article.date, item.article.ref))
    buckets = name_buckets(files_budget(len(ordered)))
    grouped: list[list[tuple[SearchDoc, Counts, Positions]]] = [[] for _ in range(buckets)]
    for doc, counts, places in zip(names, name_counts, name_positions):
        grouped[bucket_of(doc.ref, buckets)].append((doc, counts, places))
    for group in grouped:
        group.sort(key=lambda triple: (triple[0].type != "speaker", triple[0].ref))
    docs: list[SearchDoc] = [item.article for item in ordered]
    counts: list[Counts] = [item.counts[0] for item in ordered]
    places: list[Positions] = [item.positions[0] if item.positions else {} for item in ordered]
    for item in ordered:
        docs += item.quotes
        counts += item.counts[1:]
        places += item.positions[1:] if item.positions else [{} for _ in item.quotes]
    for group in grouped:
        docs += [doc for doc, _, _ in group]
        counts += [c for _, c, _ in group]
        places += [p for _, _, p in group]
    return ordered, grouped, docs, counts, places


def _check_refs(docs: Sequence[SearchDoc]) -> None:
    refs = sorted(doc.ref for doc in docs)
    for previous, ref in zip(refs, refs[1:]):
        if previous == ref:
            raise ValueError(f"two search docs have the ref {ref!r}")


def store_chunks(ordered: Sequence[ArticleDocs], span: int) -> list[list[SearchDoc]]:
    """The store's chunks of articles: `span` articles each, then their quotes."""
    return [[item.article for item in ordered[start:start + span]]
            + [quote for item in ordered[start:start + span] for quote in item.quotes]
            for start in range(0, len(ordered), span)]


def store_columns(docs: Sequence[SearchDoc]) -> dict[str, list[str]]:
    """{column: [value per row]} for STORE_COLUMNS; columns gzip better than rows. A quote keeps
    only its url's fragment, and no title or date: the browser takes them from its article."""
    columns: dict[str, list[str]] = {name: [] for name in STORE_COLUMNS}
    for doc in docs:
        quote = doc.type == "quote"
        columns["url"].append(doc.url[doc.url.index("#"):] if quote and "#" in doc.url else doc.url)
        columns["title"].append("" if quote else doc.title)
        columns["date"].append("" if quote else doc.date)
        columns["speaker"].append(doc.speaker)
        columns["snippet"].append(doc.snippet)
    return columns


def postings(counts: Sequence[Counts], places: Sequence[Positions] = (), quotes_start: int = 0, names_start: int = 0
             ) -> tuple[list[str], list[list[str]], list[int], list[list[str]]]:
    """Every term in JavaScript's order, each term's postings line per field (format.postings_line),
    the sum of each field's lengths over all documents, and each term's positions line per field
    (format.positions_line: the positions of its postings in that field, for every posting of the
    title, speaker and entity fields and for the text field's postings of quotes, documents
    [quotes_start, names_start))."""
    by_field: list[dict[str, list[tuple[int, int, str]]]] = [{} for _ in FIELDS]
    at_field: list[dict[str, list[tuple[int, ...]]]] = [{} for _ in FIELDS]
    index_of = {name: f for f, name in enumerate(FIELDS)}
    text = index_of["text"]
    totals = [0] * len(FIELDS)
    for number, doc in enumerate(counts):
        doc_places = places[number] if number < len(places) else {}
        for name, terms in doc.items():
            f = index_of[name]
            length = sum(terms.values())
            totals[f] += length
            by_term = by_field[f]
            suffix = length_suffix(length)
            for term, tf in terms.items():
                entry = (number, tf, suffix)
                found = by_term.get(term)
                if found is None:
                    by_term[term] = [entry]
                else:
                    found.append(entry)
            if f == text and not quotes_start <= number < names_start:
                continue
            field_places = doc_places.get(name, {})
            at_term = at_field[f]
            for term in terms:
                where = field_places.get(term)
                if where is None:
                    raise ValueError(f"search doc {number}: no positions of {term!r} in its {name}")
                found = at_term.get(term)
                if found is None:
                    at_term[term] = [where]
                else:
                    found.append(where)
    terms = sorted(set().union(*by_field), key=utf16_order)
    lines = [[postings_line(by_term.get(term, ())) for by_term in by_field] for term in terms]
    place_lines = [[positions_line(at_term.get(term, ())) for at_term in at_field] for term in terms]
    return terms, lines, totals, place_lines


def term_chunks(terms: Sequence[str], lines: Sequence[Sequence[str]], wanted: int
                ) -> list[tuple[str, int, dict]]:
    """The terms cut into about `wanted` ranges of equal size: (first term, count, file data)."""
    sizes = [len(term) + 1 + sum(len(line) + 1 for line in term_lines) for term, term_lines in zip(terms, lines)]
    total = sum(sizes) or 1
    chunks, start, running = [], 0, 0
    for i, size in enumerate(sizes):
        running += size
        if running * wanted >= total * (len(chunks) + 1) or i == len(terms) - 1:
            chunk_terms = terms[start:i + 1]
            chunk_lines = lines[start:i + 1]
            chunks.append((chunk_terms[0], len(chunk_terms), {
                "terms": front_coded(chunk_terms),
                "postings": ["\n".join(term_lines[f] for term_lines in chunk_lines) for f in range(len(FIELDS))]}))
            start = i + 1
    return chunks or [("", 0, {"terms": "", "postings": [""] * len(FIELDS)})]


def _text(value: FieldValue) -> str:
    # Names are joined with a newline: a separator for lunr's tokenizer, so
    # "Ren Zhengfei" and "Huawei" stay separate words.
    return value if isinstance(value, str) else "\n".join(value)


def plain_fields(doc: SearchDoc) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    """A document's fields as plain data, by name: what marshal writes in C, for a hash."""
    return tuple((name, value if type(value) is str else tuple(value)) for name, value in sorted(doc.fields.items()))


def doc_key(doc: SearchDoc) -> bytes:
    """Everything of a document, as bytes for a hash."""
    return marshal.dumps((doc.ref, doc.type, doc.url, doc.title, doc.date, doc.speaker, doc.snippet,
                          plain_fields(doc), repr(doc.boost)), MARSHAL_VERSION)
