"""The site's search: documents from the collected Site, in shards, and the files the browser downloads.

Pure apart from reading lunr.min.js (node_modules, else the vendored copy). What is indexed
where, so that no text is indexed twice:

- an article: its title, the names of its speakers and of the entities it mentions, and its
  text *outside* its quotes;
- a quote: its text and its speaker's name (a quote result names its article);
- a speaker page: the name (title), other names (speaker), the roles articles give them;
- an entity page: the name (title), other names (entity), the registry's description.

The browser counts an article's quotes as part of the article (quotewire-search.js): a word
said inside a quote still finds its article, and "huawei win-win" finds an article that names
Huawei and quotes "win-win". Indexing quotes twice would cost 0.4 MB gzipped on the BBC set.

Shards (docs/benchmarks.md has the measurements): articles by calendar period, newest first (a
year, or its quarters or months when it holds more than MAX_SHARD_ARTICLES, a bigger month in
parts by a hash of the slugs); each article's quotes in its shard; speaker and entity pages in a
shard of their own ("names"). The browser loads "shard-0" (the newest articles), then "names",
then the older shards, and shows results from the first one on. A shard's bytes depend only on
its documents: editing a 2004 article leaves 2005's file as it was.
"""
from __future__ import annotations

import hashlib
import json
import marshal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from .. import urls
from ..annotate.model import Annotations
from ..catalog import Catalog, Entity, QuoteRef, Speaker, one_line, quote_refs
from ..collect import Site
from ..config import Config
from ..fingerprint import MARSHAL_VERSION
from ..models import Article
from .index import FIRST_SEARCH_GZIP_BUDGET, SearchDoc, SearchOutput, build_search

ROOT = Path(__file__).resolve().parent.parent.parent
LUNR_VERSION = "2.3.9"
VENDORED_LUNR = Path(__file__).resolve().parent / "vendor" / f"lunr-{LUNR_VERSION}.min.js"
NPM_LUNR = ROOT / "node_modules" / "lunr"
SNIPPET_CHARS = 200
MAX_SHARD_ARTICLES = 600
NAMES_SHARD = "names"
TYPE_LABELS = {"person": "person", "organization": "organization", "place": "place", "other": "entity"}


@dataclass(frozen=True)
class SearchFiles:
    """What the search stage adds to the site.

    `files`: output path → bytes. `assets`: what the search page needs: "lunr" (a path),
    "shards" and "shards_js" (paths of the shards' JSON and of their .js twins, in loading
    order). `shards`: (name, output) in loading order. `summary`: a line for the build log;
    `warnings`: set when a first search downloads more than the budget.
    """

    files: dict[str, bytes]
    assets: dict
    shards: tuple[tuple[str, SearchOutput], ...]
    summary: str
    warnings: tuple[str, ...]
    made: Mapping[str, SearchOutput] = field(default_factory=dict)   # docs_key → shard, for the next build

    @property
    def first_search_gzip_bytes(self) -> int:
        """The shards loaded before the first results: the newest articles and the names."""
        return sum(output.gzip_bytes for _, output in self.shards[:2])


def search_documents(site: Site) -> list[SearchDoc]:
    """One document per article, quote, speaker page and entity page, in site order."""
    return [doc for _, docs in search_shards(site) for doc in docs]


def search_shards(site: Site) -> list[tuple[str, list[SearchDoc]]]:
    """The documents as (shard name, docs), in the order the browser loads them."""
    shards = article_shards(site.articles, site.annotations)
    return shards[:1] + [(NAMES_SHARD, name_docs(site.catalog))] + shards[1:]


def article_shards(articles: Sequence[Article], annotations: Mapping[str, Annotations]
                   ) -> list[tuple[str, list[SearchDoc]]]:
    """The shards of the articles (`articles` in site order, newest first) and their quotes.
    They need no catalog: a build makes them while it collects the speakers and entities."""
    return [(name, shard_docs(group, in_order, annotations)) for name, group, in_order in article_parts(articles)]


def article_parts(articles: Sequence[Article]) -> list[tuple[str, list[Article], list[Article]]]:
    """Each shard of the articles (`articles` in site order) as (name, its articles as
    article_groups orders them, the same in site order)."""
    groups = article_groups(articles)
    shard_of = {article.slug: i for i, group in enumerate(groups) for article in group}
    in_order: list[list[Article]] = [[] for _ in groups]
    for article in articles:
        in_order[shard_of[article.slug]].append(article)
    return [(f"shard-{i}", group, in_order[i]) for i, group in enumerate(groups)]


def shard_docs(group: Sequence[Article], in_order: Sequence[Article], annotations: Mapping[str, Annotations]
               ) -> list[SearchDoc]:
    """A shard's documents: its articles (as article_groups orders them), then their quotes in site
    order (as Catalog.quotes)."""
    return ([article_doc(article, annotations[article.slug]) for article in group]
            + [quote_doc(ref) for article in in_order for ref in quote_refs(article, annotations[article.slug])])


def article_shard_outputs(articles: Sequence[Article], annotations: Mapping[str, Annotations],
                          digests: Mapping[str, str], known: Mapping[str, SearchOutput] = {},
                          stems: dict | None = None) -> list[tuple[str, str, SearchOutput]]:
    """article_shards indexed, as shard_outputs does. A shard whose articles' digests are all known
    (AnnotatedArticle.digest: the same digest, the same article and annotations) is keyed by them,
    and its documents are made only when that key is not in `known`: an added article makes one
    shard's documents, not every shard's to hash them."""
    stems = {} if stems is None else stems
    outputs = []
    for name, group, in_order in article_parts(articles):
        if not all(digests.get(article.slug) for article in group):
            outputs += shard_outputs([(name, shard_docs(group, in_order, annotations))], known, stems)
            continue
        key = "articles " + hashlib.blake2b("\n".join(digests[article.slug] for article in group).encode(),
                                           digest_size=20).hexdigest()
        output = known.get(key) or build_search(shard_docs(group, in_order, annotations), stems)
        outputs.append((name, key, output))
    return outputs


def name_docs(catalog: Catalog) -> list[SearchDoc]:
    """The "names" shard's documents: every speaker page, then every entity page."""
    names = [speaker_doc(speaker, catalog.entities.get(speaker.key)) for speaker in catalog.speakers.values()]
    return names + [entity_doc(entity) for entity in catalog.entities.values() if entity.page]


PERIODS = (                                    # how a period of too many articles is split
    lambda date: date.year,
    lambda date: (date.month - 1) // 3,        # quarters
    lambda date: date.month,
)


def article_groups(articles, limit: int = MAX_SHARD_ARTICLES) -> list[list[Article]]:
    """Articles by calendar period, newest first: a year; its quarters when it has more than `limit`
    articles; a quarter's months likewise; a month of more than `limit` in ceil(n / limit) parts
    by a hash of each article's slug.

    The boundaries are the calendar's and the slugs', not the order of the articles: adding an
    article changes its own period's shard and no other (unless that period just passed a
    multiple of `limit` and splits again), so a rebuild indexes one shard again, and a visitor's
    browser keeps the others it has cached.
    """
    def newest_first(group: list[Article]) -> list[Article]:
        return sorted(group, key=lambda a: (a.date, a.slug), reverse=True)

    def split(group: list[Article], level: int) -> list[list[Article]]:
        if level > 0 and len(group) <= limit:
            return [newest_first(group)]
        if level == len(PERIODS):
            parts = -(-len(group) // limit)
            buckets: list[list[Article]] = [[] for _ in range(parts)]
            for article in group:
                buckets[int(hashlib.sha1(article.slug.encode("utf-8")).hexdigest()[:8], 16) % parts].append(article)
            return [newest_first(bucket) for bucket in buckets if bucket]
        periods: dict[int, list[Article]] = {}
        for article in group:
            periods.setdefault(PERIODS[level](article.date), []).append(article)
        return [part for period in sorted(periods, reverse=True) for part in split(periods[period], level + 1)]
    return split(list(articles), 0) if articles else []


def article_doc(article: Article, notes: Annotations) -> SearchDoc:
    speakers = sorted({q.speaker_canonical for q in notes.quotes if q.speaker_canonical})
    entities = sorted({m.canonical for m in notes.mentions})
    return SearchDoc(
        ref=article.slug, type="article", url=urls.article(article.slug), title=article.title,
        date=article.date.isoformat(), snippet=snippet(article.text),
        fields={"title": article.title, "speaker": speakers, "entity": entities,
                "text": text_outside_quotes(article.text, [(q.start, q.end) for q in notes.quotes])},
    )


def quote_doc(ref: QuoteRef) -> SearchDoc:
    name = ref.speaker or ""           # a speaker's key is the name their page shows (catalog.Speaker)
    return SearchDoc(
        ref=quote_ref(ref), type="quote", url=urls.quote(ref.article.slug, ref.anchor), title=ref.article.title,
        date=ref.article.date.isoformat(), speaker=name, snippet=ref.text,   # whole: the page crops it around the match
        parent=ref.article.slug,
        fields={"text": ref.text, "speaker": name} if name else {"text": ref.text},
    )


def speaker_doc(speaker: Speaker, entity: Entity | None) -> SearchDoc:
    roles = sorted({r.role for r in speaker.roles})
    count = len(speaker.quotes)
    summary = "; ".join(roles) or speaker.description or ""
    return SearchDoc(
        ref=f"speakers/{speaker.slug}", type="speaker", url=urls.speaker(speaker.slug), title=speaker.name,
        date=speaker.last_seen.isoformat(), speaker=speaker.name,
        snippet=snippet(f"{count} quote{'s' if count != 1 else ''}" + (f" · {summary}" if summary else "")),
        fields={"title": speaker.name, "speaker": entity.aliases if entity else (), "text": roles},
    )


def entity_doc(entity: Entity) -> SearchDoc:
    count = len(entity.sightings)
    about = f"{TYPE_LABELS.get(entity.type, 'entity')}, in {count} article{'s' if count != 1 else ''}"
    fields = {"title": entity.name, "entity": entity.aliases}
    if entity.description:
        fields["text"] = entity.description
    return SearchDoc(
        ref=f"entities/{entity.slug}", type="entity", url=urls.entity(entity.slug), title=entity.name,
        date=entity.last_seen.isoformat(),
        snippet=snippet(about + (f" · {entity.description}" if entity.description else "")),
        fields=fields,
    )


def quote_ref(ref: QuoteRef) -> str:
    """The quote's anchor on its article: "<article-slug>#q-win-win-3f2a9c"."""
    return f"{ref.article.slug}#{ref.anchor}"


def text_outside_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each [start, end) span replaced by a paragraph break (quotes are their own docs)."""
    parts, at = [], 0
    for start, end in sorted(spans):
        if start > at:
            parts.append(text[at:start])
        at = max(at, end)
    parts.append(text[at:])
    return "\n".join(parts)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first `limit` characters on one line, cut at a word boundary."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def docs_key(docs: Sequence[SearchDoc]) -> str:
    """A hash of a shard's documents: the same documents make the same shard."""
    h = hashlib.blake2b(digest_size=20)
    for doc in docs:   # every field
        h.update(marshal.dumps((doc.ref, doc.type, doc.url, doc.title, doc.date, doc.speaker, doc.snippet, doc.parent),
                               MARSHAL_VERSION))
        h.update(doc.indexed)
    return h.hexdigest()


def shard_outputs(shards: Sequence[tuple[str, Sequence[SearchDoc]]], known: Mapping[str, SearchOutput] = {},
                  stems: dict | None = None, indexes: dict | None = None) -> list[tuple[str, str, SearchOutput]]:
    """Each shard indexed: (name, docs_key, output). A shard whose documents are under `known`
    (by docs_key) is taken from there rather than indexed again: the result is the same bytes.
    `stems` (token → term, filled as words are met) may be kept between calls; so may `indexes`
    (build_search's: the index of a shard whose documents changed only in their store entries)."""
    stems = {} if stems is None else stems
    outputs = []
    for name, docs in shards:
        key = docs_key(docs)
        outputs.append((name, key, known.get(key) or build_search(docs, stems, indexes)))
    return outputs


def search_outputs(site: Site, config: Config, known: Mapping[str, SearchOutput] = {},
                   stems: dict | None = None) -> SearchFiles:
    """The shards (JSON, and a .js twin for file://) under content-hashed names, and lunr.js.

    `known` holds shards made before, by docs_key (shard_outputs). The shards of this call are in
    the result's `made`, for the next build. `stems`: see shard_outputs.
    """
    return search_files(shard_outputs(search_shards(site), known, stems))


def search_files(indexed: Sequence[tuple[str, str, SearchOutput]]) -> SearchFiles:
    """The files of the indexed shards (shard_outputs), in the order the browser loads them."""
    shards = tuple((name, output) for name, _, output in indexed)
    made = {key: output for _, key, output in indexed}
    files: dict[str, bytes] = {}
    assets: dict = {"shards": [], "shards_js": []}
    for name, output in shards:
        data = output.json.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:8]
        path, twin = urls.search_asset(f"{name}.{digest}.json"), urls.search_asset(f"{name}.{digest}.js")
        files[path], files[twin] = data, script_twin(name, output.json)
        assets["shards"].append(path)
        assets["shards_js"].append(twin)
    assets["lunr"] = urls.static("search/lunr.min.js")
    files[assets["lunr"]] = lunr_min_js()
    search = SearchFiles(files=files, assets=assets, shards=shards, summary="", warnings=())
    return SearchFiles(files=files, assets=assets, shards=shards, summary=size_summary(search),
                       warnings=budget_warnings(search), made=made)


def size_summary(search: SearchFiles) -> str:
    """One line for the build log: documents, shards, sizes, what a first search downloads."""
    docs = sum(output.doc_count for _, output in search.shards)
    raw = sum(output.raw_bytes for _, output in search.shards)
    zipped = sum(output.gzip_bytes for _, output in search.shards)
    return (f"search: {docs} docs in {len(search.shards)} shards, {_mb(raw)} ({_mb(zipped)} gzip); "
            f"a first search loads {_mb(search.first_search_gzip_bytes)} gzip")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


def script_twin(name: str, json_text: str) -> bytes:
    """JavaScript that hands the JSON to the page: a <script> loads where fetch cannot (file://)."""
    # U+2028/2029 end lines in pre-2019 JavaScript; escaped they stay the same JSON string.
    body = json_text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"(self.quotewireData = self.quotewireData || {{}})[{json.dumps(name)}] = {body};\n").encode("utf-8")


def budget_warnings(search: SearchFiles) -> tuple[str, ...]:
    first = search.first_search_gzip_bytes
    if first <= FIRST_SEARCH_GZIP_BUDGET:
        return ()
    return (f"a first search downloads {first / 1e6:.1f} MB gzipped (the newest articles' search shard and "
            f"the names shard), over the {FIRST_SEARCH_GZIP_BUDGET / 1e6:.0f} MB budget: visitors on slow "
            f"connections will wait for their first results (lower MAX_SHARD_ARTICLES in generator/search/site.py)",)


def lunr_min_js(npm: Path = NPM_LUNR, vendored: Path = VENDORED_LUNR) -> bytes:
    """lunr.min.js 2.3.9: npm's copy when `npm ci` installed it, else the copy vendored in the repo."""
    package = npm / "package.json"
    if package.exists() and json.loads(package.read_text(encoding="utf-8")).get("version") == LUNR_VERSION:
        return (npm / "lunr.min.js").read_bytes()
    return vendored.read_bytes()


