"""Jinja2: the site's pages as bytes, keyed by output path. Pure apart from reading templates."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, Iterator

import jinja2
from markupsafe import Markup

from . import urls
from .annotate.model import Annotations
from .catalog import TYPE_ORDER
from .charts import timeline
from .collect import Site, format_date, pages
from .config import Config
from .markup import Insert, Span, render_body
from .models import Article
from .opendata import article_jsonld, data_files, script_json, thing_jsonld

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TYPE_LABELS = {"person": "Person", "organization": "Organization", "place": "Place", "other": "Other"}
TYPE_PLURALS = {"person": "People", "organization": "Organizations", "place": "Places", "other": "Other"}
CLOSING_MARKS = "\"”’'"
SIGHTINGS_PER_PAGE = 50      # articles listed per entity page
QUOTES_SHOWN = 20            # quotes by / about an entity shown on its first page


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date
    env.filters["month"] = lambda ym: f"{urls.month_name(int(ym[5:]))[:3]} {ym[:4]}"
    env.globals.update(urls=urls, QUOTES_SHOWN=QUOTES_SHOWN, TYPE_LABELS=TYPE_LABELS, TYPE_PLURALS=TYPE_PLURALS,
                       TYPE_ORDER=TYPE_ORDER,
                       timeline=timeline)
    return env


def annotation_markup(article: Article, notes: Annotations, site: Site,
                      link: Callable[..., str]) -> tuple[list[Span], list[Insert]]:
    """Entity mentions as links to their pages, quotes as anchored elements, speakers after quotes."""
    catalog = site.catalog
    spans = []
    for m in notes.mentions:
        entity = catalog.entities[m.canonical]
        spans.append(Span(m.start, m.end, "a", (
            ("class", f"ent ent-{entity.type}"), ("href", link(urls.entity(entity.slug))),
            ("title", f"{TYPE_LABELS[entity.type]}: {entity.name}")), layer=1))
    inserts = []
    for number, q in enumerate(notes.quotes, start=1):
        tag = "q" if q.kind == "direct" else "span"
        spans.append(Span(q.start, q.end, tag, (("class", f"quote quote-{q.kind}"),
                                                ("id", urls.quote_anchor(number))), layer=0))
        at = q.end + 1 if q.kind == "direct" and article.text[q.end:q.end + 1] in CLOSING_MARKS else q.end
        speaker = catalog.speakers.get(q.speaker_canonical) if q.speaker_canonical else None
        if speaker:
            inserts.append(Insert(at, "a", (("class", "who"), ("href", link(urls.speaker(speaker.slug))),
                                            ("title", f"Quote {number}, said by {speaker.name}")), speaker.name))
        else:
            inserts.append(Insert(at, "span", (("class", "who who-none"),
                                               ("title", f"Quote {number}: no speaker found")), "unattributed"))
    return spans, inserts


class Renderer:
    """Renders one page at a time; `url` in templates links relative to that page."""

    def __init__(self, site: Site, config: Config, env: jinja2.Environment):
        self.site, self.config, self.env = site, config, env

    def page(self, path: str, template: str, absolute_links: bool = False, **context) -> tuple[str, bytes]:
        link: Callable[..., str] = (partial(urls.absolute, self.config.base_url) if absolute_links
                                    else partial(urls.relative, path))
        context.setdefault("jsonld", None)
        if context["jsonld"] is not None:
            context["jsonld"] = Markup(script_json(context["jsonld"]))   # safe: script_json escapes < > &
        html = self.env.get_template(template).render(
            page_path=path, url=link, config=self.config, site=self.site, catalog=self.site.catalog, **context)
        return path, html.encode("utf-8")

    def home_pages(self) -> Iterator[tuple[str, bytes]]:
        chunks = pages(self.site.articles, self.config.per_page)
        for number, chunk in enumerate(chunks, start=1):
            yield self.page(urls.home(number), "home.html", articles=chunk, number=number,
                            total=len(chunks), title=self.config.title)

    def article_pages(self) -> Iterator[tuple[str, bytes]]:
        for index, article in enumerate(self.site.articles):
            path = urls.article(article.slug)
            notes = self.site.annotations[article.slug]
            spans, inserts = annotation_markup(article, notes, self.site, partial(urls.relative, path))
            # The one place article HTML is marked safe: render_body builds an element tree from the
            # text and lets the serializer escape every character; raw HTML in Markdown is disabled.
            body = Markup(render_body(article.text, article.markdown, spans, inserts))
            newer, older = self.site.neighbours(index)
            yield self.page(path, "article.html", article=article, body=body, notes=notes, newer=newer,
                            older=older, title=article.title, jsonld=article_jsonld(self.site, article))

    def archive_pages(self) -> Iterator[tuple[str, bytes]]:
        yield self.page(urls.archive(), "archive.html", years=self.site.years, year=None, title="Archive")
        for year in self.site.years:
            yield self.page(urls.archive(year.year), "archive.html", years=(year,), year=year,
                            title=f"Archive: {year.year}")
            for month in year.months:
                yield self.page(urls.archive(year.year, month.month), "archive_month.html",
                                month=month, title=f"{urls.month_name(month.month)} {month.year}")

    def speaker_pages(self) -> Iterator[tuple[str, bytes]]:
        for speaker in self.site.catalog.speakers.values():
            yield self.page(urls.speaker(speaker.slug), "speakers/single.html", speaker=speaker,
                            title=speaker.name,
                            jsonld=thing_jsonld(speaker.name, speaker.type, speaker.description, speaker.links))
        speakers = list(self.site.catalog.speakers.values())
        by_count = sorted(speakers, key=lambda s: (-len(s.quotes), s.name.casefold(), s.key))
        by_name = sorted(speakers, key=lambda s: (s.name.casefold(), s.key))
        for order, ordered, path in (("count", by_count, urls.speakers_index), ("name", by_name, urls.speakers_by_name)):
            chunks = pages(ordered, self.config.list_per_page)
            for number, chunk in enumerate(chunks, start=1):
                yield self.page(path(number), "speakers/list.html", speakers=chunk, order=order, number=number,
                                total=len(chunks), count=len(speakers), page_url=path, title="Speakers")

    def entity_pages(self) -> Iterator[tuple[str, bytes]]:
        entities = self.site.catalog.entities
        for entity in entities.values():
            chunks = pages(entity.sightings, SIGHTINGS_PER_PAGE)
            speaker = self.site.catalog.speakers.get(entity.key)
            for number, chunk in enumerate(chunks, start=1):
                yield self.page(urls.entity(entity.slug, number), "entities/single.html", entity=entity,
                                title=entity.name if number == 1 else f"{entity.name}, page {number}",
                                speaker=speaker, sightings=chunk, number=number, total=len(chunks),
                                jsonld=thing_jsonld(entity.name, entity.type, entity.description, entity.links)
                                if number == 1 else None)
        ranked = sorted(entities.values(), key=lambda e: (-len(e.sightings), e.name.casefold(), e.key))
        by_type = {kind: [e for e in ranked if e.type == kind] for kind in TYPE_ORDER}
        yield self.page(urls.entities_index(), "entities/list.html", by_type=by_type, title="Entities",
                        count=len(entities))
        for kind, members in by_type.items():
            chunks = pages(members, self.config.list_per_page)
            for number, chunk in enumerate(chunks, start=1):
                yield self.page(urls.entities_of_type(kind, number), "entities/type.html", kind=kind,
                                entities=chunk, number=number, total=len(chunks), count=len(members),
                                title=TYPE_PLURALS[kind])

    def not_found(self) -> Iterator[tuple[str, bytes]]:
        yield self.page(urls.NOT_FOUND, "404.html", absolute_links=True, title="Page not found")

    def search_page(self, assets: dict[str, str]) -> dict[str, bytes]:
        """search/index.html; `assets` names the index files (generator/search/site.py SearchFiles.assets)."""
        return dict([self.page(urls.search_page(), "search.html", title="Search", assets=assets)])


def render_site(site: Site, config: Config, env: jinja2.Environment | None = None) -> dict[str, bytes]:
    renderer = Renderer(site, config, env or environment())
    outputs: dict[str, bytes] = {}
    for group in (renderer.home_pages(), renderer.article_pages(), renderer.archive_pages(),
                  renderer.speaker_pages(), renderer.entity_pages(), renderer.not_found()):
        for path, data in group:
            if path in outputs:
                raise AssertionError(f"two pages would be written to {path}")   # a bug, never user input
            outputs[path] = data
    outputs.update(data_files(site))
    return outputs


def static_files(templates: Path = TEMPLATES) -> dict[str, bytes]:
    folder = templates / "static"
    return {urls.static(p.relative_to(folder).as_posix()): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
