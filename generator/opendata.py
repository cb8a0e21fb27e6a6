"""What the site publishes as data: data/*.json and schema.org JSON-LD for its pages."""
from __future__ import annotations

from functools import partial
from itertools import groupby
from typing import Any, Callable, Iterable, Mapping, Sequence

from . import urls
from .annotate.model import Annotations
from .catalog import Entity, Link, QuoteRef, Speaker
from .collect import Site
from .dataset import quotes_csv, sqlite_bytes
from .jsontext import dumps, loads
from .models import Article

SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place", "other": "Thing"}


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '</' or '<!--' can close it early."""
    return dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def quote_id(ref: QuoteRef) -> str:
    return f"{ref.article.slug}#{ref.anchor}"


def article_record(site: Site, article: Article) -> dict:
    notes = site.annotations[article.slug]
    return {"id": article.slug, "url": urls.article(article.slug), "title": article.title,
            "date": article.date.isoformat(), "source": article.source, "author": article.author,
            "original_url": article.url, "tags": list(article.tags), "quotes": len(notes.quotes),
            "speakers": sorted({q.speaker_canonical for q in notes.quotes if q.speaker_canonical}),
            "entities": sorted({m.canonical for m in notes.mentions})}


def quote_record(site: Site, ref: QuoteRef) -> dict:
    speaker = site.catalog.speakers.get(ref.speaker) if ref.speaker else None
    return {"id": quote_id(ref), "url": urls.quote(ref.article.slug, ref.anchor),
            "article": ref.article.slug, "speaker": ref.speaker, "speaker_id": speaker.slug if speaker else None,
            "speaker_as_written": ref.quote.speaker, "attribution": ref.quote.how, "cue": ref.quote.cue,
            "kind": ref.quote.kind,
            "text": ref.text, "date": ref.article.date.isoformat(),
            "start": ref.quote.start, "end": ref.quote.end}


def speaker_record(speaker: Speaker) -> dict:
    return {"id": speaker.slug, "url": urls.speaker(speaker.slug), "name": speaker.name, "type": speaker.type,
            "quotes": len(speaker.quotes), "articles": len({q.article.slug for q in speaker.quotes}),
            "first_seen": speaker.first_seen.isoformat(), "last_seen": speaker.last_seen.isoformat(),
            "roles": [r.role for r in speaker.roles], "description": speaker.description,
            "links": dict(speaker.links)}


def entity_record(entity: Entity) -> dict:
    return {"id": entity.slug, "url": urls.entity(entity.slug) if entity.page else None, "name": entity.name,
            "type": entity.type,
            "aliases": list(entity.aliases), "mentions": entity.mention_count, "articles": len(entity.sightings),
            "quotes_by": len(entity.quotes_by), "quotes_about": len(entity.quotes_about),
            "first_seen": entity.first_seen.isoformat(), "last_seen": entity.last_seen.isoformat(),
            "description": entity.description, "links": dict(entity.links)}


RecordMemo = Mapping[tuple, str]


def data_files(site: Site, known: RecordMemo = {}) -> tuple[dict[str, bytes], dict[tuple, str]]:
    """data/*.json, and the JSON of each article, speaker and entity record by what determines it
    (for the next build). `known` holds such records from an earlier build: a record is a function
    of its article (slug and digest), or of its speaker's or entity's key, slug, type and source
    articles, and an article's quote records of the article and its speakers' slugs (the rest
    comes from the registry and the generator, which every cache key holds)."""
    catalog = site.catalog
    made: dict[tuple, str] = {}
    kept = partial(_kept, known, made)

    def each(records: Iterable[tuple[tuple | None, Callable[[], dict]]]) -> str:
        return "[" + ",".join(kept(key, lambda: dumps(record())) for key, record in records) + "]"

    digests = site.digests
    files = {
        "articles.json": each((("article", a.slug, digests[a.slug]) if a.slug in digests else None,
                               partial(article_record, site, a)) for a in site.articles),
        "quotes.json": "[" + ",".join(part for part in quote_parts(site, kept) if part) + "]",
        "speakers.json": each((("speaker", s.key, s.slug, s.type, s.sources) if s.sources else None,
                               partial(speaker_record, s)) for s in catalog.speakers.values()),
        "entities.json": each((("entity", e.key, e.slug, e.type, e.sources) if e.sources else None,
                               partial(entity_record, e)) for e in catalog.entities.values()),
    }
    outputs = {urls.data(name): (text + "\n").encode("utf-8") for name, text in files.items()}
    records = {name[:-len(".json")]: loads(text) for name, text in files.items()}
    outputs[urls.data(SQLITE)] = sqlite_bytes(records, mention_rows(site))
    outputs[urls.data(CSV)] = quotes_csv(records["quotes"])
    return outputs, made


SQLITE, CSV = "quotewire.sqlite", "quotes.csv"


def mention_rows(site: Site) -> Iterable[tuple[str, str, int, int, str]]:
    """(entity id, article id, start, end, text as written) of every mention, in site order."""
    entities = site.catalog.entities
    for article in site.articles:
        for mention in site.annotations[article.slug].mentions:
            yield entities[mention.canonical].slug, article.slug, mention.start, mention.end, mention.text


def _kept(known: RecordMemo, made: dict[tuple, str], key: tuple | None, make: Callable[[], str]) -> str:
    """The JSON under `key` from an earlier build, else made; noted in `made` for the next build.
    `key` None: what determines the JSON is not known (some article's digest is missing)."""
    text = (known.get(key) if key is not None else None) or make()
    if key is not None:
        made[key] = text
    return text


def quote_parts(site: Site, kept: Callable[[tuple | None, Callable[[], str]], str]) -> list[str]:
    """The records of each article's quotes (site order), as JSON joined by commas. Kept by the
    article's slug and digest and its speakers' slugs: all that a quote record holds."""
    catalog, digests = site.catalog, site.digests
    parts = []
    for slug, refs in groupby(catalog.quotes, key=lambda ref: ref.article.slug):
        refs = list(refs)
        speakers = tuple(catalog.speakers[ref.speaker].slug if ref.speaker in catalog.speakers else None
                         for ref in refs)
        key = ("quotes", slug, digests[slug], speakers) if slug in digests else None
        parts.append(kept(key, lambda: ",".join(dumps(quote_record(site, ref)) for ref in refs)))
    return parts


def article_jsonld(article: Article, notes: Annotations, links: Mapping[str, Link], anchors: Sequence[str]) -> dict:
    """The article's NewsArticle, its quotes as Quotations at their `anchors` (urls.quote_anchors)."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
                            "datePublished": article.date.isoformat()}
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source}
    if urls.safe_link(article.url):
        data["isBasedOn"] = article.url
    data["mentions"] = [{"@type": SCHEMA_TYPES[links[key].type], "name": key}
                        for key in sorted({m.canonical for m in notes.mentions}) if key in links]
    data["hasPart"] = [{"@type": "Quotation", "@id": "#" + anchor, "url": "#" + anchor,
                        "text": " ".join(article.text[q.start:q.end].split()),
                        **({"spokenByCharacter": {"@type": "Person", "name": q.speaker_canonical}}
                           if q.speaker_canonical else {})}
                       for q, anchor in zip(notes.quotes, anchors)]
    return data


def thing_jsonld(name: str, kind: str, description: str | None, links: tuple) -> dict:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": SCHEMA_TYPES.get(kind, "Thing"), "name": name}
    if description:
        data["description"] = description
    same = [url for _, url in links if urls.safe_link(url)]
    if same:
        data["sameAs"] = same
    return data
