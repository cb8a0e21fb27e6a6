"""The site's search: documents from the collected Site, and the files the browser downloads.

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

One index over the whole archive (index.py, format.py): a query downloads a small meta file,
the term chunks holding its words and the store chunks of the results it shows.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from .. import urls
from ..annotate.model import Annotations
from ..catalog import Catalog, Entity, QuoteRef, Speaker, one_line, quote_refs
from ..collect import Site
from ..config import Config
from ..models import Article
from .index import (ArticleDocs, SearchDoc, SearchIndex, article_docs, build_index, count_terms, doc_key,
                    term_positions)

ROOT = Path(__file__).resolve().parent.parent.parent
LUNR_VERSION = "2.3.9"
VENDORED_LUNR = Path(__file__).resolve().parent / "vendor" / f"lunr-{LUNR_VERSION}.min.js"
NPM_LUNR = ROOT / "node_modules" / "lunr"
SNIPPET_CHARS = 200
TYPE_LABELS = {"person": "person", "organization": "organization", "place": "place", "other": "entity"}
RESULTS_SHOWN = 10               # the first page of results: the store chunks a search reads first
# What a one-word search may download (gzip), above which the build warns: meta, the largest
# term chunk and RESULTS_SHOWN store chunks of the average size.
SEARCH_GZIP_BUDGET = 300_000


@dataclass(frozen=True)
class SearchFiles:
    """What the search stage adds to the site.

    `files`: output path → bytes. `assets`: what the search page needs: "meta" (the path of the
    index's meta file) and "lunr". `index`: the SearchIndex (its sizes). `summary`: a line for
    the build log; `warnings`: set when a one-word search would download more than the budget.
    """

    files: dict[str, bytes]
    assets: dict
    index: SearchIndex
    summary: str
    warnings: tuple[str, ...]

    @property
    def one_word_gzip_bytes(self) -> int:
        """meta + the largest term chunk + RESULTS_SHOWN average store chunks (gzip): about what a
        one-word search downloads besides the code."""
        sizes = self.index.sizes
        files, _, zipped = sizes["store"]
        return sizes["meta"][2] + self.index.largest_terms_gzip + RESULTS_SHOWN * zipped // max(1, files)


def search_documents(site: Site) -> list[SearchDoc]:
    """One document per article, quote, speaker page and entity page: each article and its quotes,
    then the names."""
    docs = []
    for article in site.articles:
        item_article, quotes = article_doc_and_quotes(article, site.annotations[article.slug])
        docs += [item_article, *quotes]
    return docs + name_docs(site.catalog)


def article_doc_and_quotes(article: Article, notes: Annotations) -> tuple[SearchDoc, list[SearchDoc]]:
    return article_doc(article, notes), [quote_doc(ref) for ref in quote_refs(article, notes)]


def articles_indexed(articles: Sequence[Article], annotations: Mapping[str, Annotations],
                     digests: Mapping[str, str] = {}, known: Mapping[str, ArticleDocs] = {},
                     stems: dict | None = None) -> tuple[list[ArticleDocs], dict[str, ArticleDocs]]:
    """Each article's documents and term counts, and them by digest for the next build: an
    article whose digest (AnnotatedArticle.digest) is in `known` is taken from there."""
    stems = {} if stems is None else stems
    made: dict[str, ArticleDocs] = {}
    items = []
    for article in articles:
        key = digests.get(article.slug, "")
        item = known.get(key) if key else None
        if item is None:
            item = article_docs(*article_doc_and_quotes(article, annotations[article.slug]), stems)
        if key:
            made[key] = item
        items.append(item)
    return items, made


def names_indexed(catalog: Catalog, known: Mapping[str, object] = {}, stems: dict | None = None
                  ) -> tuple[list[SearchDoc], list, list, dict]:
    """The speaker and entity pages' documents, their term counts and term positions (taken from
    `known` by the hash of the document), and both by that hash for the next build."""
    stems = {} if stems is None else stems
    docs = name_docs(catalog)
    made, counts, places = {}, [], []
    for doc in docs:
        key = "name " + hashlib.blake2b(doc_key(doc), digest_size=16).hexdigest()
        found = known.get(key)
        if found is None:
            found = (count_terms(doc, stems), term_positions(doc, stems))
        made[key] = found
        counts.append(found[0])
        places.append(found[1])
    return docs, counts, places, made


def name_docs(catalog: Catalog) -> list[SearchDoc]:
    """The "names" shard's documents: every speaker page, then every entity page."""
    names = [speaker_doc(speaker, catalog.entities.get(speaker.key)) for speaker in catalog.speakers.values()]
    return names + [entity_doc(entity) for entity in catalog.entities.values() if entity.page]


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
        fields={"text": ref.text, "speaker": name} if name else {"text": ref.text}, named=ref.quote.how == "named",
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


def search_outputs(site: Site, config: Config, stems: dict | None = None) -> SearchFiles:
    """The search files of `site`, made afresh."""
    articles, _ = articles_indexed(site.articles, site.annotations, stems=stems)
    names, counts, places, _ = names_indexed(site.catalog, stems=stems)
    return search_files(build_index(articles, names, counts, places))


def search_files(index: SearchIndex) -> SearchFiles:
    """The index's files under search/, and lunr.js."""
    files = {urls.search_asset(name): data for name, data in index.files.items()}
    assets = {"meta": urls.search_asset(index.meta), "lunr": urls.static("search/lunr.min.js")}
    files[assets["lunr"]] = lunr_min_js()
    search = SearchFiles(files=files, assets=assets, index=index, summary="", warnings=())
    return SearchFiles(files=files, assets=assets, index=index, summary=size_summary(search),
                       warnings=budget_warnings(search))


def size_summary(search: SearchFiles) -> str:
    """One line for the build log: documents, files, sizes, what a one-word search downloads."""
    sizes = search.index.sizes
    files = sum(size[0] for size in sizes.values())
    raw = sum(size[1] for size in sizes.values())
    zipped = sum(size[2] for size in sizes.values())
    return (f"search: {search.index.doc_count} docs in {files} files ({sizes['terms'][0]} term chunks, "
            f"{sizes['store'][0] + sizes['names'][0]} store chunks, {sizes['positions'][0]} of positions "
            f"{_mb(sizes['positions'][2])} gzip), {_mb(raw)} ({_mb(zipped)} gzip); "
            f"a one-word search loads about {_mb(search.one_word_gzip_bytes)} gzip besides the code")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


def budget_warnings(search: SearchFiles) -> tuple[str, ...]:
    first = search.one_word_gzip_bytes
    if first <= SEARCH_GZIP_BUDGET:
        return ()
    return (f"a one-word search downloads about {first / 1e3:.0f} kB gzipped (meta, a term chunk and "
            f"{RESULTS_SHOWN} store chunks), over the {SEARCH_GZIP_BUDGET / 1e3:.0f} kB budget: see "
            f"FILES_PER_ARTICLE and STORE_SHARE in generator/search/index.py",)


def lunr_min_js(npm: Path = NPM_LUNR, vendored: Path = VENDORED_LUNR) -> bytes:
    """lunr.min.js 2.3.9: npm's copy when `npm ci` installed it, else the copy vendored in the repo."""
    package = npm / "package.json"
    if package.exists() and json.loads(package.read_text(encoding="utf-8")).get("version") == LUNR_VERSION:
        return (npm / "lunr.min.js").read_bytes()
    return vendored.read_bytes()
