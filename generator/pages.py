"""Every page of the site, planned before any is rendered: its path, template and inputs.

A page's `inputs` are everything its template reads (no global site or catalog: what a page
shows of other pages comes as `links`, only for the names it shows), so their fingerprint
says whether the page can differ from the last build. The expensive parts (an article's annotated
body) are computed from the inputs only for the pages that are rendered (generator/render.py).

A page made from a few articles (an article's, a speaker's, an entity's) can say so with a
`basis`: the digests of those articles (AnnotatedArticle.digest) and whatever else of the site it
shows (its links, its slug, its page number). The basis determines the inputs, so it is
fingerprinted instead of them: the same answer for a fraction of the hashing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterator

from . import urls
from .catalog import TYPE_ORDER, Entity, Link, Speaker
from .collect import Site, pages
from .config import Config

SIGHTINGS_PER_PAGE = 50      # articles listed per entity page
QUOTES_SHOWN = 20            # quotes by / about an entity shown on its first page
SPEAKER_FEED = "atom:speaker"   # not a template: rendered by feeds.speaker_feed
TYPE_PLURALS = {"person": "People", "organization": "Organizations", "place": "Places", "other": "Other"}


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    inputs: dict[str, Any] | Callable[[], dict[str, Any]]
    absolute_links: bool = False
    basis: Any = None            # when set, what determines `inputs` (see above): fingerprinted instead

    def values(self) -> dict[str, Any]:
        """The inputs. A page with a basis may defer them (`inputs` a function that makes them):
        they are then made only if the page is rendered."""
        return self.inputs() if callable(self.inputs) else self.inputs


@dataclass(frozen=True)
class Row:
    """One line of an index page."""

    slug: str
    name: str
    type: str
    count: int
    mentions: int
    last_seen: dt.date


def _basis(owner: Entity | Speaker, *shown: Any) -> tuple | None:
    """The basis of a page made from `owner`'s articles: what it is (key, slug, type), the
    digests of those articles, and what else the page `shown`s; None when the digests are unknown.
    Everything else a Speaker or Entity holds is computed from those articles (generator/catalog.py)
    and the registry and configuration, which every fingerprint includes."""
    if not owner.sources:
        return None
    return (type(owner).__name__, owner.key, owner.slug, owner.type, owner.sources, *shown)


def entity_page(entity: Entity, sightings: tuple, number: int, total: int,
                links: Callable[[], dict[str, Link]]) -> dict[str, Any]:
    """The inputs of page `number` of an entity's `total` pages, listing `sightings`."""
    return dict(entity=entity if number == 1 else entity_row(entity), sightings=sightings, number=number,
                article_count=len(entity.sightings), total=total, links=links(),
                title=entity.name if number == 1 else f"{entity.name}, page {number}")


def entity_row(entity: Entity) -> Row:
    return Row(entity.slug, entity.name, entity.type, len(entity.sightings), entity.mention_count, entity.last_seen)


def speaker_row(speaker: Speaker) -> Row:
    return Row(speaker.slug, speaker.name, speaker.type, len(speaker.quotes), 0, speaker.last_seen)


class Planner:
    def __init__(self, site: Site, config: Config):
        self.site, self.config = site, config

    def home(self) -> Iterator[PageSpec]:
        catalog = self.site.catalog
        totals = {"articles": len(self.site.articles), "quotes": len(catalog.quotes),
                  "speakers": len(catalog.speakers), "entities": len(catalog.entities)}
        chunks = pages(self.site.articles, self.config.per_page)
        for number, chunk in enumerate(chunks, start=1):
            yield PageSpec(urls.home(number), "home.html", dict(
                articles=chunk, number=number, total=len(chunks), title=self.config.title,
                totals=totals if number == 1 else {}))

    def articles(self) -> Iterator[PageSpec]:
        site = self.site
        for index, article in enumerate(site.articles):
            notes = site.annotations[article.slug]
            newer, older = site.neighbours(index)
            keys = [m.canonical for m in notes.mentions] + [q.speaker_canonical for q in notes.quotes
                                                            if q.speaker_canonical]
            links = site.catalog.links_for(keys)
            newer_link = (newer.slug, newer.title) if newer else None
            older_link = (older.slug, older.title) if older else None
            digest = site.digests.get(article.slug)
            yield PageSpec(urls.article(article.slug), "article.html", dict(
                article=article, notes=notes, links=links, title=article.title, newer=newer_link,
                older=older_link), basis=(digest, site.catalog.plain_links(keys), newer_link, older_link)
                if digest else None)

    def archive(self) -> Iterator[PageSpec]:
        years = self.site.years
        summary = tuple((y.year, tuple((m.month, len(m.articles)) for m in y.months)) for y in years)
        yield PageSpec(urls.archive(), "archive.html", dict(years=summary, year=None, title="Archive"))
        for year in years:
            yield PageSpec(urls.archive(year.year), "archive.html", dict(
                years=tuple(s for s in summary if s[0] == year.year), year=year.year, title=f"Archive: {year.year}"))
            for month in year.months:
                yield PageSpec(urls.archive(year.year, month.month), "archive_month.html", dict(
                    month=month, title=f"{urls.month_name(month.month)} {month.year}"))

    def speakers(self) -> Iterator[PageSpec]:
        catalog = self.site.catalog
        for speaker in catalog.speakers.values():
            keys = [key for key, _ in speaker.topics] + [speaker.key]
            links = catalog.links_for(keys)
            yield PageSpec(urls.speaker(speaker.slug), "speakers/single.html", dict(
                speaker=speaker, links=links, title=speaker.name,
                mentioned_in=len(entity.sightings) if (entity := catalog.entities.get(speaker.key)) else 0),
                basis=_basis(speaker, catalog.plain_links(keys)))
            yield PageSpec(urls.speaker_feed(speaker.slug), SPEAKER_FEED, dict(
                name=speaker.name, slug=speaker.slug, quotes=speaker.quotes[:self.config.feed_size]),
                basis=_basis(speaker))
        rows = [speaker_row(s) for s in catalog.speakers.values()]
        orders = {"count": sorted(rows, key=lambda r: (-r.count, r.name.casefold(), r.name)),
                  "name": sorted(rows, key=lambda r: (r.name.casefold(), r.name))}
        for order, ordered in orders.items():
            chunks = pages(ordered, self.config.list_per_page)
            for number, chunk in enumerate(chunks, start=1):
                path = urls.speakers_index(number) if order == "count" else urls.speakers_by_name(number)
                yield PageSpec(path, "speakers/list.html", dict(
                    speakers=chunk, order=order, number=number, total=len(chunks), count=len(rows),
                    title="Speakers"))

    def entities(self) -> Iterator[PageSpec]:
        catalog = self.site.catalog
        for entity in catalog.entities.values():
            chunks = pages(entity.sightings, SIGHTINGS_PER_PAGE)
            shown = entity.quotes_about[:QUOTES_SHOWN]
            keys = [key for key, _ in entity.related] + [entity.key] + [r.speaker for r in shown if r.speaker]
            for number, chunk in enumerate(chunks, start=1):
                links = partial(catalog.links_for, keys) if number == 1 else dict     # made if rendered
                inputs = partial(entity_page, entity, chunk, number, len(chunks), links)
                basis = _basis(entity, catalog.plain_links(keys) if number == 1 else (), number)
                yield PageSpec(urls.entity(entity.slug, number), "entities/single.html",
                               inputs if basis else inputs(), basis=basis)
        ranked = sorted((entity_row(e) for e in catalog.entities.values()),
                        key=lambda r: (-r.count, r.name.casefold(), r.name))
        by_type = {kind: [r for r in ranked if r.type == kind] for kind in TYPE_ORDER}
        yield PageSpec(urls.entities_index(), "entities/list.html", dict(
            top={kind: rows[:60] for kind, rows in by_type.items()},
            counts={kind: len(rows) for kind, rows in by_type.items()}, title="Entities", count=len(ranked)))
        for kind, rows in by_type.items():
            chunks = pages(rows, self.config.list_per_page)
            for number, chunk in enumerate(chunks, start=1):
                yield PageSpec(urls.entities_of_type(kind, number), "entities/type.html", dict(
                    kind=kind, entities=chunk, number=number, total=len(chunks), count=len(rows),
                    title=TYPE_PLURALS[kind]))

    def not_found(self) -> Iterator[PageSpec]:
        yield PageSpec(urls.NOT_FOUND, "404.html", dict(title="Page not found"), absolute_links=True)
