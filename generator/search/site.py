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
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..catalog import Entity, QuoteRef, Speaker, one_line
from ..collect import Site
from ..config import Config
from ..models import Article
from .index import FIRST_SEARCH_GZIP_BUDGET, SearchDoc, SearchOutput, build_search

ROOT = Path(__file__).resolve().parent.parent.parent
LUNR_VERSION = "2.3.9"
VENDORED_LUNR = Path(__file__).resolve().parent / "vendor" / f"lunr-{LUNR_VERSION}.min.js"
NPM_LUNR = ROOT / "node_modules" / "lunr"
SNIPPET_CHARS = 200
TYPE_LABELS = {"person": "person", "organization": "organization", "place": "place", "other": "entity"}


@dataclass(frozen=True)
class SearchFiles:
    """What the search stage adds to the site.

    `files`: output path → bytes. `assets`: the search page's names for those paths (index,
    index_js, store, store_js, lunr). `summary`: the sizes, a line for the build log;
    `warnings`: set when a first search downloads more than the budget.
    """

    files: dict[str, bytes]
    assets: dict[str, str]
    output: SearchOutput
    summary: str
    warnings: tuple[str, ...]


def search_documents(site: Site) -> list[SearchDoc]:
    """One document per article, quote, speaker page and entity page, in site order."""
    docs = [article_doc(site, article) for article in site.articles]
    docs += [quote_doc(site, ref) for ref in site.catalog.quotes]
    docs += [speaker_doc(speaker, site.catalog.entities.get(speaker.key))
             for speaker in site.catalog.speakers.values()]
    docs += [entity_doc(entity) for entity in site.catalog.entities.values()]
    return docs


def article_doc(site: Site, article: Article) -> SearchDoc:
    notes = site.annotations[article.slug]
    speakers = sorted({q.speaker_canonical for q in notes.quotes if q.speaker_canonical})
    entities = sorted({m.canonical for m in notes.mentions})
    return SearchDoc(
        ref=article.slug, type="article", url=urls.article(article.slug), title=article.title,
        date=article.date.isoformat(), snippet=snippet(article.text),
        fields={"title": article.title, "speaker": speakers, "entity": entities,
                "text": text_outside_quotes(article.text, [(q.start, q.end) for q in notes.quotes])},
    )


def quote_doc(site: Site, ref: QuoteRef) -> SearchDoc:
    speaker = site.catalog.speakers.get(ref.speaker) if ref.speaker else None
    name = speaker.name if speaker else ""
    return SearchDoc(
        ref=quote_ref(ref), type="quote", url=urls.quote(ref.article.slug, ref.number), title=ref.article.title,
        date=ref.article.date.isoformat(), speaker=name, snippet=ref.text,   # whole: the page crops it around the match
        fields={"text": ref.text, "speaker": name} if name else {"text": ref.text},
    )


def speaker_doc(speaker: Speaker, entity: Entity | None) -> SearchDoc:
    roles = sorted({role for role, _ in speaker.roles})
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
    """The quote's anchor on its article: "<article-slug>#q-3"."""
    return f"{ref.article.slug}#{urls.quote_anchor(ref.number)}"


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


def search_outputs(site: Site, config: Config) -> SearchFiles:
    """The index and the store (JSON, and a .js twin for file://) under content-hashed names, lunr.js."""
    output = build_search(search_documents(site))
    files: dict[str, bytes] = {}
    assets: dict[str, str] = {}
    for name, text in (("index", output.index_json), ("store", output.store_json)):
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:8]
        assets[name] = urls.search_asset(f"{name}.{digest}.json")
        assets[f"{name}_js"] = urls.search_asset(f"{name}.{digest}.js")
        files[assets[name]] = data
        files[assets[f"{name}_js"]] = script_twin(name, text)
    assets["lunr"] = urls.static("search/lunr.min.js")
    files[assets["lunr"]] = lunr_min_js()
    return SearchFiles(files=files, assets=assets, output=output, summary=output.size_summary(),
                       warnings=budget_warnings(output))


def script_twin(name: str, json_text: str) -> bytes:
    """JavaScript that hands the JSON to the page: a <script> loads where fetch cannot (file://)."""
    # U+2028/2029 end lines in pre-2019 JavaScript; escaped they stay the same JSON string.
    body = json_text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"(self.quotewireData = self.quotewireData || {{}})[{json.dumps(name)}] = {body};\n").encode("utf-8")


def budget_warnings(output: SearchOutput) -> tuple[str, ...]:
    if not output.over_budget:
        return ()
    return (f"a first search downloads {output.first_search_gzip_bytes / 1e6:.1f} MB gzipped (search index and "
            f"store), over the {FIRST_SEARCH_GZIP_BUDGET / 1e6:.0f} MB budget: visitors on slow connections will "
            f"wait for their first results",)


def lunr_min_js(npm: Path = NPM_LUNR, vendored: Path = VENDORED_LUNR) -> bytes:
    """lunr.min.js 2.3.9: npm's copy when `npm ci` installed it, else the copy vendored in the repo."""
    package = npm / "package.json"
    if package.exists() and json.loads(package.read_text(encoding="utf-8")).get("version") == LUNR_VERSION:
        return (npm / "lunr.min.js").read_bytes()
    return vendored.read_bytes()


