"""Jinja2: pages as bytes. Renders only the pages whose inputs changed, on every core.

`render_pages` renders the pages a build's plan says are outdated (pages.outdated), in the pool
(parallel.fork_map) when there are many: the output is the same bytes whichever process renders
a page, and comes back as bytes.
"""
from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

import jinja2
from markupsafe import Markup

from . import urls
from .annotate.model import Annotations
from .catalog import TYPE_ORDER, Link, QuoteRef, Sighting
from .charts import timeline_svg
from .collect import Site, format_date, group_by_month
from .config import Config
from .markup import Insert, Span, render_body
from .models import Article
from .parallel import fork_map
from .opendata import article_jsonld, script_json, thing_jsonld
from .feeds import speaker_feed
from . import pages
from .pages import QUOTES_SHOWN, TYPE_PLURALS, PageSpec, Planner, Row, list_pages, shelf_label

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TYPE_LABELS = {"person": "Person", "organization": "Organization", "place": "Place", "other": "Other"}
CLOSING_MARKS = "\"”’'"
PRONOUNS = frozenset("he she they it we i you him her them us".split())


class MemoTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in the build's memo (table `templates`, by Jinja's key and
    the source's checksum); one that cannot be read is compiled again."""

    def __init__(self, memo) -> None:
        self.memo = memo

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.memo.get("templates", (bucket.key, bucket.checksum))
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except Exception:          # a foreign value: never trusted
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.memo.put("templates", (bucket.key, bucket.checksum), bucket.bytecode_to_string())


def environment(templates: Path = TEMPLATES, compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The templates' environment, every template loaded (and compiled, unless `compiled` holds it:
    MemoTemplates) in this process, before any page is rendered in another. Templates are read
    once: an environment serves one build (a rebuild makes its own), so Jinja need not look at each
    template's file again at every page (auto_reload)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=compiled,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["date"] = format_date
    env.globals.update(urls=urls, QUOTES_SHOWN=QUOTES_SHOWN, VOICES_DAYS=pages.VOICES_DAYS, TYPE_LABELS=TYPE_LABELS, TYPE_PLURALS=TYPE_PLURALS,
                       TYPE_ORDER=TYPE_ORDER, timeline_svg=timeline_svg)
    if compiled is not None:
        for name in env.list_templates(filter_func=lambda name: name.endswith((".html", ".xml"))):
            env.get_template(name)
    return env


def annotation_markup(article: Article, notes: Annotations, links: Mapping[str, Link],
                      link: Callable[..., str], anchors: Sequence[str]) -> tuple[list[Span], list[Insert]]:
    """Entity mentions as links to their pages, quotes as anchored elements (`anchors`: the
    quotes', urls.quote_anchors), speakers after quotes."""
    # Every mention of an entity is the same element, made once (one article can name one a thousand times).
    elements = {key: mention_element(links[key], link) for key in {m.canonical for m in notes.mentions}}
    spans = [Span(m.start, m.end, *elements[m.canonical], layer=1) for m in notes.mentions]
    speaker_hrefs: dict[str, str] = {}
    inserts = []
    for number, (q, anchor) in enumerate(zip(notes.quotes, anchors), start=1):
        tag = "q" if q.kind == "direct" else "span"
        spans.append(Span(q.start, q.end, tag, (("class", f"quote quote-{q.kind}"), ("id", anchor),
                                                ("data-n", str(number))), layer=0))
        at = q.end + 1 if q.kind == "direct" and article.text[q.end:q.end + 1] in CLOSING_MARKS else q.end
        speaker = links.get(q.speaker_canonical) if q.speaker_canonical else None
        if speaker and speaker.speaker_slug:
            note = provenance_note(q)
            said = f"Quote {number}, said by {speaker.name}{note}"
            if speaker.speaker_slug not in speaker_hrefs:
                speaker_hrefs[speaker.speaker_slug] = link(urls.speaker(speaker.speaker_slug))
            inserts.append(Insert(at, "a", (("class", f"who who-{q.how or 'named'}"),
                                            ("href", speaker_hrefs[speaker.speaker_slug]), ("title", said),
                                            *((("aria-label", said),) if note else ())), speaker.name))
        elif q.speaker and q.speaker.casefold() not in PRONOUNS:
            # a speaker the text names only as a description ("the minister"): shown, not linked
            inserts.append(Insert(at, "span", (("class", "who who-unnamed"),
                                               ("title", f"Quote {number}, said by {q.speaker}")), q.speaker))
        else:
            inserts.append(Insert(at, "span", (("class", "who who-none"),
                                               ("title", f"Quote {number}: no speaker found")), "unattributed"))
        inserts.extend(quote_tools(at, anchor, number))
    return spans, inserts


def mention_element(entity: Link, link: Callable[..., str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The tag and attributes of a mention of `entity`: a link to its page, or marked only when it has none
    (catalog.build_catalog)."""
    title = ("title", f"{TYPE_LABELS[entity.type]}: {entity.name}")
    if entity.entity_slug is None:
        return "span", (("class", f"ent ent-{entity.type}"), title)
    return "a", (("class", f"ent ent-{entity.type}"), ("href", link(urls.entity(entity.entity_slug))), title)


PROVENANCE = {"pronoun": "a pronoun resolved to the name", "description": "a description resolved to the name",
              "abbreviation": "an abbreviation joined to the full name",
              "role": "the holder of that office on the article's date, as the archive knows it"}


def provenance_note(q) -> str:
    """How the speaker was found, for the reader to weigh it: "" when named in the quote's sentence."""
    if q.how in PROVENANCE:
        return f" (“{q.speaker}” → {q.speaker_canonical}: {PROVENANCE[q.how]})"
    if q.how == "inherited":
        return " (no speaker beside it: the speaker of the quote before)"
    if q.how == "editor":
        return " (attributed by an editor)"
    return ""


def quote_tools(at: int, anchor: str, number: int) -> tuple[Insert, Insert]:
    """The permalink and the "Cite" button after a quote on its article's page. The button is
    hidden until static/cite.js shows it: it copies the quote, its speaker, the article's title,
    source and date (read from the page) and the permalink's address. Kept small: every quote has them."""
    return (Insert(at, "a", (("class", "permalink"), ("href", f"#{anchor}"),
                            ("aria-label", f"Permalink to quote {number}")), "¶"),
            Insert(at, "button", (("type", "button"), ("class", "cite"), ("hidden", "hidden"),
                                 ("aria-label", f"Cite quote {number}")), "Cite"))


def article_extras(spec_inputs: Mapping, path: str) -> dict:
    article, notes, links = spec_inputs["article"], spec_inputs["notes"], spec_inputs["links"]
    anchors = urls.quote_anchors([article.text[q.start:q.end] for q in notes.quotes])
    spans, inserts = annotation_markup(article, notes, links, partial(urls.relative, path), anchors)
    # The one place article HTML is marked safe: render_body builds an element tree from the
    # text and lets the serializer escape every character; raw HTML in Markdown is disabled.
    return {"body": Markup(render_body(article.text, article.markdown, spans, inserts)),
            "jsonld": article_jsonld(article, notes, links, anchors),
            "mentioned": mentioned(notes, links, partial(urls.relative, path))}


class NameLink(NamedTuple):
    """An entity as a page links to it."""

    type: str
    href: str | None             # None: it has no page
    name: str


class Chip(NamedTuple):
    """An entity in a list of chips, with a count."""

    type: str
    href: str | None
    name: str
    count: int


class SightingRow(NamedTuple):
    """An article an entity's page lists, with the sentence around the mention."""

    href: str
    title: str
    iso: str                     # the article's date, ISO
    shown: str                   # and as the page shows it
    before: str
    mention: str
    after: str


class IndexRow(NamedTuple):
    """A line of an index page (speakers or entities)."""

    href: str
    name: str
    type: str
    count: int
    mentions: int
    iso: str
    shown: str


class ShelfLink(NamedTuple):
    """A letter, or part of a letter, of an A–Z index."""

    label: str
    href: str
    here: bool                   # the page this link is on


def mentioned(notes: Annotations, links: Mapping[str, Link], link: Callable[..., str]
              ) -> list[tuple[str, list[NameLink]]]:
    """The entities an article names, by kind (TYPE_ORDER), each sorted by name ignoring case.
    A name written in several cases is listed once, as first met."""
    seen, keys = set(), []
    for mention in notes.mentions:
        if mention.canonical.lower() not in seen:          # as Jinja's unique and sort: ignoring case
            seen.add(mention.canonical.lower())
            keys.append(mention.canonical)
    by_kind = []
    for kind in TYPE_ORDER:
        names = sorted((key for key in keys if links[key].type == kind), key=str.lower)
        if names:
            by_kind.append((kind, [entity_link(links[key], link) for key in names]))
    return by_kind


def chips(counted: Sequence[tuple[str, int]], links: Mapping[str, Link], link: Callable[..., str]) -> list[Chip]:
    """Each entity in `counted` ((key, count) pairs), for a list of chips: made here, where it costs
    a fifth of the template's lookups and calls for each chip."""
    return [Chip(*entity_link(links[key], link), count) for key, count in counted if links[key].entity_slug]


class QuoteRow(NamedTuple):
    """A quote in a list of quotes (_macros.html quote_items)."""

    kind: str                    # direct | indirect
    href: str                    # its permalink: the article's page at the quote's anchor
    text: str
    speaker_href: str | None     # the speaker's page
    speaker: str | None
    iso: str                     # the article's date, ISO
    shown: str                   # and as the page shows it
    title: str                   # the article's title
    source: str                  # the article's source, for the citation the "Cite" button copies ("": none)


def quote_rows(refs: Sequence[QuoteRef], links: Mapping[str, Link], link: Callable[..., str]) -> list[QuoteRow]:
    """Each quote of a list (_macros.html quote_items): made here, where a quote costs a fifth of
    the template's lookups and calls."""
    rows = []
    for ref in refs:
        article, speaker = ref.article, links.get(ref.speaker) if ref.speaker else None
        rows.append(QuoteRow(ref.quote.kind, link(urls.article(article.slug), ref.anchor), ref.text,
                             link(urls.speaker(speaker.speaker_slug)) if speaker is not None and speaker.speaker_slug
                             else None, ref.speaker, article.date.isoformat(), format_date(article.date), article.title,
                             article.source or ""))
    return rows


def sighting_rows(sightings: Sequence[Sighting], link: Callable[..., str]) -> list[SightingRow]:
    """Each article an entity's page lists: made here, as quote_rows."""
    rows = []
    for sighting in sightings:
        article = sighting.article
        rows.append(SightingRow(link(urls.article(article.slug)), article.title, article.date.isoformat(),
                                format_date(article.date), *sighting.context))
    return rows


def listing(rows: Sequence[Row], page: Callable[[str], str], link: Callable[..., str]) -> list[IndexRow]:
    """Each row of an index page: made here, where it costs a third of the template's lookups,
    filter and calls for each row."""
    return [IndexRow(link(page(row.slug)), row.name, row.type, row.count, row.mentions, row.last_seen.isoformat(),
                     format_date(row.last_seen)) for row in rows]


def alphabet(inputs: Mapping[str, Any], by_name: Callable[[str, str], str], link: Callable[..., str]
             ) -> dict[str, Any]:
    """The A–Z links of an index page (pages.Planner._indexed): each letter's, and each part's of
    this page's letter when it is in parts; the label of its own."""
    letter, part = inputs["letter"], inputs["part"]
    return {"shelf": shelf_label(part or letter) if letter else "",
            "letter_links": [ShelfLink(shelf_label(each), link(by_name(each, "")), each == letter)
                             for each in inputs["letters"]],
            "part_links": [ShelfLink(shelf_label(each), link(by_name(letter, each)), each == part)
                           for each in inputs["parts"]]}


def entity_link(entity: Link, link: Callable[..., str]) -> NameLink:
    """What a template needs to link to an entity's page."""
    return NameLink(entity.type, link(urls.entity(entity.entity_slug)) if entity.entity_slug else None, entity.name)


def plan_site(site: Site, config: Config) -> list[PageSpec]:
    """Every page of the site."""
    planner = Planner(site, config)
    specs: list[PageSpec] = []
    specs.extend(planner.home())
    specs.extend(list_pages(site.articles, site.years, config))
    specs.extend(planner.articles())
    specs.extend(planner.speakers())
    specs.extend(planner.entities())
    specs.extend(planner.not_found())
    paths = [spec.path for spec in specs]
    if len(set(paths)) != len(paths):
        twice = next(path for path, count in Counter(paths).items() if count > 1)
        raise AssertionError(f"two pages would be written to {twice}")   # a bug, never user input
    return specs


def home_extras(inputs: Mapping[str, Any], path: str, link: Callable[..., str]) -> dict[str, Any]:
    return {"quotes": quote_rows(inputs["latest"], inputs["links"], link)} if "latest" in inputs else {}


def speaker_extras(inputs: Mapping[str, Any], path: str, link: Callable[..., str]) -> dict[str, Any]:
    speaker = inputs["speaker"]
    return {"jsonld": thing_jsonld(speaker.name, speaker.type, speaker.description, speaker.links),
            "chips": chips(speaker.topics, inputs["links"], link),
            "quotes": quote_rows(speaker.quotes, inputs["links"], link)}


def entity_extras(inputs: Mapping[str, Any], path: str, link: Callable[..., str]) -> dict[str, Any]:
    extras: dict[str, Any] = {"sightings": sighting_rows(inputs["sightings"], link)}
    if inputs["number"] == 1:
        entity = inputs["entity"]
        extras.update(jsonld=thing_jsonld(entity.name, entity.type, entity.description, entity.links),
                      chips=chips(entity.related, inputs["links"], link),
                      quotes_by=quote_rows(entity.quotes_by[:QUOTES_SHOWN], inputs["links"], link),
                      quotes_about=quote_rows(entity.quotes_about[:QUOTES_SHOWN], inputs["links"], link))
    return extras


def entity_index_extras(inputs: Mapping[str, Any], path: str, link: Callable[..., str]) -> dict[str, Any]:
    return {"rows": listing(inputs["rows"], urls.entity, link),
            **alphabet(inputs, partial(urls.entities_by_name, inputs["kind"]), link)}


def speaker_index_extras(inputs: Mapping[str, Any], path: str, link: Callable[..., str]) -> dict[str, Any]:
    return {"rows": listing(inputs["rows"], urls.speaker, link), **alphabet(inputs, urls.speakers_by_name, link)}


def no_extras(inputs: Mapping[str, Any], path: str, link: Callable[..., str]) -> dict[str, Any]:
    return {}


def feed_page(inputs: Mapping[str, Any], config: Config) -> bytes:
    return speaker_feed(**inputs, config=config)


class Kind(NamedTuple):
    """How a kind of page is rendered: its template, and what the renderer adds to its inputs
    (`extras(inputs, path, link)`); without a template, `extras(inputs, config)` makes its bytes."""

    template: str | None
    extras: Callable[..., Any] = no_extras


KINDS = {
    "home": Kind("home.html", home_extras),
    "archive": Kind("archive.html"),
    "archive-month": Kind("archive_month.html"),
    "article": Kind("article.html", lambda inputs, path, link: article_extras(inputs, path)),
    "speaker": Kind("speakers/single.html", speaker_extras),
    "speaker-feed": Kind(None, feed_page),
    "speaker-index": Kind("speakers/list.html", speaker_index_extras),
    "entity": Kind("entities/single.html", entity_extras),
    "entities": Kind("entities/list.html"),
    "entity-index": Kind("entities/type.html", entity_index_extras),
    "not-found": Kind("404.html"),
    "search": Kind("search.html"),
}


class Chrome(NamedTuple):
    """What every page links to (base.html's head, header and search box)."""

    home: str
    speakers: str
    entities: str
    archive: str
    search: str
    feed: str
    style: str
    favicon: str
    search_box: str
    cite: str


CHROME = Chrome(urls.home(), urls.speakers_index(), urls.entities_index(), urls.archive(), urls.search_page(),
                urls.FEED, urls.static("style.css"), urls.static("favicon.svg"), urls.static("search/box.js"),
                urls.static("cite.js"))


class Renderer:
    """Renders one page; `url` in templates links relative to that page. The links every page has
    (`chrome`, Chrome) are made once for all the pages that share them (urls.top_links_key): made
    by the template's nine calls, they cost a tenth of rendering an entity's page."""

    def __init__(self, config: Config, env: jinja2.Environment | None = None):
        self.config, self.env = config, env or environment()
        self._chrome: dict[tuple[str, int] | None, Chrome] = {}

    def chrome(self, spec: PageSpec, link: Callable[..., str]) -> Chrome:
        key = None if spec.absolute_links else urls.top_links_key(spec.path)
        found = self._chrome.get(key)
        if found is None:
            found = self._chrome[key] = Chrome(*map(link, CHROME))
        return found

    def render(self, spec: PageSpec) -> bytes:
        kind, inputs = KINDS[spec.kind], spec.values()
        if kind.template is None:
            return kind.extras(inputs, self.config)
        link: Callable[..., str] = (partial(urls.absolute, self.config.base_url) if spec.absolute_links
                                    else partial(urls.relative, spec.path))
        context = {**inputs, **kind.extras(inputs, spec.path, link)}
        jsonld = context.get("jsonld")
        context["jsonld"] = Markup(script_json(jsonld)) if jsonld else None   # safe: script_json escapes < > &
        html = self.env.get_template(kind.template).render(page_path=spec.path, url=link, config=self.config,
                                                            chrome=self.chrome(spec, link), **context)
        return html.encode("utf-8")

    def search_page(self, assets: dict[str, str]) -> dict[str, bytes]:
        """search/index.html; `assets` names the index files (generator/search/site.py SearchFiles.assets)."""
        spec = PageSpec(urls.search_page(), "search", dict(title="Search", assets=assets))
        return {spec.path: self.render(spec)}


PARALLEL_PAGES = 1000    # fewer pages are rendered in this process: forking workers from a build of
                         # 10,000 articles (600 MB) costs more than they save on the 550 pages of an add


def _render_one(shared: tuple[Renderer, Sequence[PageSpec]], index: int) -> bytes:
    renderer, specs = shared
    return renderer.render(specs[index])


def render_pages(specs: Sequence[PageSpec], config: Config, env: jinja2.Environment | None = None,
                 workers: int | None = None) -> dict[str, bytes]:
    """Each page's bytes, by its path."""
    shared = (Renderer(config, env), specs)
    indices = range(len(specs))
    pages = (page for chunk in fork_map(_render_one, indices, shared, PARALLEL_PAGES, workers) for page in chunk)
    return {spec.path: page for spec, page in zip(specs, pages)}


def static_files(templates: Path = TEMPLATES) -> dict[str, bytes]:
    folder = templates / "static"
    return {urls.static(p.relative_to(folder).as_posix()): shipped(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def shipped(path: Path) -> bytes:
    """A static file as the site serves it: the search page's scripts without their comment lines
    and indentation (a first search downloads them: 8 kB less gzipped), everything else as it is."""
    data = path.read_bytes()
    return strip_comment_lines(data.decode("utf-8")).encode("utf-8") if path.parent.name == "search" and \
        path.suffix == ".js" else data


def strip_comment_lines(script: str) -> str:
    """`script` without the lines that are only a comment ("// …", "/* … */", and every line of a
    block comment that starts a line) or blank, and without indentation. Only whole lines go, so
    no string or regular expression is touched, and every line of code keeps its own line (the
    same automatic semicolons)."""
    kept, in_block = [], False
    for line in script.split("\n"):
        text = line.strip()
        if in_block:
            if "*/" in text:
                in_block = False
                rest = text[text.index("*/") + 2:].strip()
                if rest:
                    kept.append(rest)
            continue
        if text.startswith("//") or not text:
            continue
        if text.startswith("/*"):
            if "*/" not in text:
                in_block = True
                continue
            if text.endswith("*/") and text.index("*/") == len(text) - 2:
                continue
        kept.append(text)
    return "\n".join(kept) + "\n"
