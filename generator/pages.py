"""Every page of the site, planned before any is rendered: its path, kind and inputs.

A page's `inputs` are everything its template reads (no global site or catalog: what a page
shows of other pages comes as `links`, only for the names it shows), so their fingerprint
says whether the page can differ from the last build. The expensive parts (an article's annotated
body) are computed from the inputs only for the pages that are rendered (generator/render.py).

A page made from a few articles (an article's, a speaker's, an entity's) can say so with a
`basis`: the digests of those articles (AnnotatedArticle.digest) and whatever else of the site it
shows (its links, its slug, its page number). The basis determines the inputs, so it is
fingerprinted instead of them: the same answer for a fraction of the hashing.

`outdated` is the one place that says which pages to render: those whose fingerprint differs
from the last build's (memo.Manifest.pages), or whose file is not as that build left it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import takewhile
import unicodedata
from functools import partial
from operator import attrgetter
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence

from . import urls
from .annotate.model import Annotations, Mention, Quote
from .catalog import TYPE_ORDER, Entity, Link, QuoteRef, Speaker
from .collect import Site, Year, page_count, pages
from .config import Config
from .fingerprint import Digester
from .models import Article

SIGHTINGS_PER_PAGE = 50      # articles listed per entity page
LETTER_SPLIT = 3             # an A–Z index's letter of more than this many index pages' rows (list_per_page)
                             # is in parts by the next letter
QUOTES_SHOWN = 20            # quotes by / about an entity shown on its first page
TYPE_PLURALS = {"person": "People", "organization": "Organizations", "place": "Places", "other": "Other"}


class PageSpec(NamedTuple):
    path: str
    kind: str                    # what the page is (render.KINDS: its template and what the renderer adds)
    inputs: dict[str, Any] | Callable[[], dict[str, Any]]
    absolute_links: bool = False
    basis: Any = None            # when set, what determines `inputs` (see above): fingerprinted instead

    def values(self) -> dict[str, Any]:
        """The inputs. A page with a basis may defer them (`inputs` a function that makes them):
        they are then made only if the page is rendered."""
        return self.inputs() if callable(self.inputs) else self.inputs


class Row(NamedTuple):
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


def _articles_basis(articles) -> tuple[str, ...]:
    """What a list of articles shows of them: all of each (Article.fingerprint hashes every field)."""
    return tuple(article.fingerprint for article in articles)


_UNSPOKEN = re.compile(r"['.]")              # dropped: "O'Neill" is filed as "oneill", "U.S." as "us"
_BETWEEN_WORDS = re.compile(r"[^a-z0-9]+")
NO_LETTER = "0"    # the A–Z shelf of names that begin with no letter of A–Z (digits, signs, other scripts)


def filing(name: str) -> str:
    """What an A–Z index files and sorts a name by: its words of letters and digits, in lower case,
    accents dropped ("Émile Zola" → "emile zola", "S&P 500" → "s p 500"); word by word, so "Ann Bo"
    comes before "Anna Ek"."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _BETWEEN_WORDS.sub(" ", _UNSPOKEN.sub("", name.lower())).strip()


class Shelf(NamedTuple):
    """The rows of one page of an A–Z index: a letter's, or one part of a letter."""

    letter: str                  # "a" to "z", or NO_LETTER
    part: str                    # "" for the whole letter; else the names' first two letters ("sa"), or the
                                 # letter alone for names whose second character is no letter ("S4C")
    rows: tuple["Row", ...]


def shelf_label(shelf: str) -> str:
    """How a letter or part of an A–Z index is shown: "S", "Sa", "#" (NO_LETTER)."""
    return "#" if shelf == NO_LETTER else shelf.capitalize()


def alphabetical(rows: Iterable["Row"], split: int) -> dict[str, list[Shelf]]:
    """The rows by letter, each letter's in name order; a letter of more than `split` rows is in parts
    by the names' first two letters. Shelves follow from the names, not from positions in one long
    list, so a new name or count changes its own shelf's page, not every page after it."""
    letters: dict[str, list[tuple[str, str, str, Row]]] = {}
    for row in rows:
        filed = filing(row.name)
        letter = filed[0] if filed[:1].isalpha() else NO_LETTER
        letters.setdefault(letter, []).append((filed, row.name.casefold(), row.name, row))
    shelves = {}
    for letter in sorted(letters):
        filed = sorted(letters[letter], key=lambda entry: entry[:3])
        if len(filed) <= split or letter == NO_LETTER:
            shelves[letter] = [Shelf(letter, "", tuple(entry[3] for entry in filed))]
            continue
        parts: dict[str, list[Row]] = {}
        for entry in filed:
            parts.setdefault(entry[0][:2] if entry[0][1:2].isalpha() else letter, []).append(entry[3])
        shelves[letter] = [Shelf(letter, part, tuple(shelved)) for part, shelved in parts.items()]
    return shelves


def _rows_basis(rows) -> tuple[tuple, ...]:
    """Index page rows as plain values, which a fingerprint serialises at once (a Row's date would
    make it hash them one by one)."""
    return tuple((row.slug, row.name, row.type, row.count, row.mentions, row.last_seen.toordinal()) for row in rows)


class Plan(NamedTuple):
    """Which pages a build renders, and which files it keeps as they are."""

    todo: list[PageSpec]          # pages to render
    kept: frozenset[str]          # pages whose file stays: same fingerprint, file as the last build left it
    fingerprints: dict[str, str]  # every page's, for the next build (memo.Manifest.pages)


def outdated(specs: Sequence[PageSpec], last: Mapping[str, str], intact: set[str], salt: str) -> Plan:
    """The pages of `specs` to render: those whose fingerprint differs from `last` (the last
    build's, by path) or whose file is not `intact`; the others' files are kept."""
    prints = fingerprints(specs, salt)
    todo = [spec for spec in specs if last.get(spec.path) != prints[spec.path] or spec.path not in intact]
    rendered = {spec.path for spec in todo}
    return Plan(todo, frozenset(path for path in prints if path not in rendered), prints)


def fingerprints(specs: Sequence[PageSpec], salt: str) -> dict[str, str]:
    """Each page's fingerprint: the hash of its basis, or of its inputs."""
    digester = Digester(flat=(Annotations, Quote, Mention, Link, Row), keyed={Article: attrgetter("fingerprint")})
    return {spec.path: digester.of((salt, spec.kind, spec.absolute_links,
                                    spec.values() if spec.basis is None else ("basis", spec.basis))).hex()
            for spec in specs}


def list_pages(articles: Sequence[Article], years: Sequence[Year], config: Config) -> Iterator[PageSpec]:
    """The pages made of the articles alone, without the catalog: the home pages after the first
    (Planner.home), and the archive. A build plans and renders them while the catalog is made."""
    chunks = pages(articles[:config.home_pages * config.per_page], config.per_page)
    for number, chunk in enumerate(chunks[1:], start=2):
        yield home_page(number, chunk, len(articles), config, {})
    summary = tuple((y.year, tuple((m.month, len(m.articles)) for m in y.months)) for y in years)
    yield PageSpec(urls.archive(), "archive", dict(years=summary, year=None, title="Archive"))
    for year in years:
        yield PageSpec(urls.archive(year.year), "archive", dict(
            years=tuple(s for s in summary if s[0] == year.year), year=year.year, title=f"Archive: {year.year}"))
        for month in year.months:
            title = f"{urls.month_name(month.month)} {month.year}"
            yield PageSpec(urls.archive(year.year, month.month), "archive-month",
                           dict(month=month, title=title),
                           basis=(month.year, month.month, _articles_basis(month.articles), title))


def home_page(number: int, articles: Sequence[Article], count: int, config: Config, totals: dict[str, int]
              ) -> PageSpec:
    """Home page `number`, listing `articles` of the site's `count`; the first shows the catalog's
    `totals`. There are at most `home_pages`: older articles are found by month in the archive (the
    last home page links to it), so an article added among them changes no home page but the first
    (its totals), where numbered pages down to the oldest would all shift."""
    total = min(page_count(count, config.per_page), config.home_pages)
    older = number == total and count > total * config.per_page
    shown = dict(number=number, total=total, title=config.title, totals=totals, older=older)
    return PageSpec(urls.home(number), "home", dict(articles=articles, **shown),
                    basis=(_articles_basis(articles), sorted(shown.items())))


VOICES_DAYS = 30            # the front page's "lately": the days up to the newest article's date
LATEST_QUOTES = 8           # quotes the front page shows
TOP_NAMES = 10              # speakers and entities it shows


class Voices(NamedTuple):
    """Who has been speaking lately, and what about: the front page's lists. "Lately" ends at the
    newest article's date, not the build's, so the same archive always gives the same page."""

    latest: tuple[QuoteRef, ...]                 # the newest attributed quotes
    speakers: tuple[tuple[str, int], ...]        # most quoted in the last VOICES_DAYS: (key, quotes)
    entities: tuple[tuple[str, int], ...]        # most mentioned: (key, articles naming it)
    since: dt.date | None

    def basis(self, catalog) -> tuple:
        """All the lists show, as plain values (what determines their part of the page)."""
        latest = tuple((ref.article.slug, ref.anchor, ref.text, ref.quote.kind, ref.speaker, ref.article.title,
                        ref.article.source, ref.article.date) for ref in self.latest)
        keys = [*(ref.speaker for ref in self.latest if ref.speaker), *(k for k, _ in self.speakers + self.entities)]
        return latest, self.speakers, self.entities, self.since, catalog.plain_links(keys)


def recent_voices(site: Site) -> Voices:
    articles = site.articles                     # newest first
    if not articles:
        return Voices((), (), (), None)
    since = articles[0].date - dt.timedelta(days=VOICES_DAYS - 1)
    said = [ref for ref in takewhile(lambda ref: ref.article.date >= since, site.catalog.quotes) if ref.speaker]
    speakers = Counter(ref.speaker for ref in said)            # the catalog's quotes are newest first too
    entities = Counter(key for article in takewhile(lambda article: article.date >= since, articles)
                       for key in {m.canonical for m in site.annotations[article.slug].mentions})

    def top(counts: Counter) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_NAMES])
    return Voices(tuple(said[:LATEST_QUOTES]), top(speakers), top(entities), since)


def entity_page(entity: Entity, sightings: tuple, number: int, total: int,
                links: Callable[[], dict[str, Link]]) -> dict[str, Any]:
    """The inputs of page `number` of an entity's `total` pages, listing `sightings`."""
    return dict(entity=entity if number == 1 else entity_row(entity), sightings=sightings, number=number,
                article_count=len(entity.sightings), total=total, links=links(),
                title=entity.name if number == 1 else f"{entity.name}, page {number}")


def article_page(catalog, article, notes, keys: list[str], newer: tuple | None, older: tuple | None
                 ) -> dict[str, Any]:
    return dict(article=article, notes=notes, links=catalog.links_for(keys), title=article.title, newer=newer,
                older=older)


def speaker_page(catalog, speaker: Speaker, keys: list[str]) -> dict[str, Any]:
    entity = catalog.entities.get(speaker.key)
    return dict(speaker=speaker, links=catalog.links_for(keys), title=speaker.name,
                mentioned_in=len(entity.sightings) if entity else 0)


def article_keys(notes: Annotations) -> list[str]:
    """The keys an article's page links to: its mentions' and its quotes' speakers'."""
    return [m.canonical for m in notes.mentions] + [q.speaker_canonical for q in notes.quotes if q.speaker_canonical]


def speaker_keys(speaker: Speaker) -> list[str]:
    """The keys a speaker's page links to: the topics of their quotes, and their own."""
    return [key for key, _ in speaker.topics] + [speaker.key]


def entity_keys(entity: Entity) -> list[str]:
    """The keys an entity's first page links to: its related entities, its own, the speakers of
    the quotes it shows."""
    return ([key for key, _ in entity.related] + [entity.key]
            + [r.speaker for r in entity.quotes_about[:QUOTES_SHOWN] if r.speaker])


def entity_row(entity: Entity) -> Row:
    return Row(entity.slug, entity.name, entity.type, len(entity.sightings), entity.mention_count, entity.last_seen)


def speaker_row(speaker: Speaker) -> Row:
    return Row(speaker.slug, speaker.name, speaker.type, len(speaker.quotes), 0, speaker.last_seen)


class Planner:
    """Plans the pages of a site (render.plan_site)."""

    def __init__(self, site: Site, config: Config):
        self.site, self.config = site, config

    def home(self) -> Iterator[PageSpec]:
        """The first home page, the only one showing the catalog's totals and the archive's voices
        (list_pages: the others)."""
        catalog, articles = self.site.catalog, self.site.articles
        totals = {"articles": len(articles), "quotes": len(catalog.quotes),
                  "speakers": len(catalog.speakers), "entities": len(catalog.entities)}
        spec = home_page(1, articles[:self.config.per_page], len(articles), self.config, totals)
        voices = recent_voices(self.site)
        inputs = dict(spec.inputs, **voices._asdict(), links=catalog.links_for(
            [*(ref.speaker for ref in voices.latest if ref.speaker), *(key for key, _ in voices.speakers),
             *(key for key, _ in voices.entities)]))
        yield spec._replace(inputs=inputs, basis=(spec.basis, voices.basis(catalog)))

    def articles(self) -> Iterator[PageSpec]:
        site = self.site
        for index, article in enumerate(site.articles):
            notes = site.annotations[article.slug]
            newer, older = site.neighbours(index)
            path = urls.article(article.slug)
            keys = article_keys(notes)
            newer_link = (newer.slug, newer.title) if newer else None
            older_link = (older.slug, older.title) if older else None
            digest = site.digests.get(article.slug)
            inputs = partial(article_page, site.catalog, article, notes, keys, newer_link, older_link)
            basis = (digest, site.catalog.plain_links(keys), newer_link, older_link) if digest else None
            yield PageSpec(path, "article", inputs if basis else inputs(), basis=basis)

    def speakers(self) -> Iterator[PageSpec]:
        catalog = self.site.catalog
        for speaker in catalog.speakers.values():
            path, feed = urls.speaker(speaker.slug), urls.speaker_feed(speaker.slug)
            keys = speaker_keys(speaker)
            yield PageSpec(path, "speaker", partial(speaker_page, catalog, speaker, keys),
                           basis=_basis(speaker, catalog.plain_links(keys)))
            yield PageSpec(feed, "speaker-feed", dict(
                name=speaker.name, slug=speaker.slug, quotes=speaker.quotes[:self.config.feed_size]),
                basis=_basis(speaker))
        rows = [speaker_row(s) for s in catalog.speakers.values()]
        most = sorted(rows, key=lambda r: (-r.count, r.name.casefold(), r.name))[:self.config.list_per_page]
        yield from self._indexed(rows, most, urls.speakers_index(), "speaker-index", urls.speakers_by_name,
                                 title="Speakers")

    def entities(self) -> Iterator[PageSpec]:
        catalog = self.site.catalog
        paged = [entity for entity in catalog.entities.values() if entity.page]
        for entity in paged:
            keys = entity_keys(entity)
            chunks = pages(entity.sightings, SIGHTINGS_PER_PAGE)
            for number, chunk in enumerate(chunks, start=1):
                path = urls.entity(entity.slug, number)
                links = partial(catalog.links_for, keys) if number == 1 else dict     # made if rendered
                inputs = partial(entity_page, entity, chunk, number, len(chunks), links)
                basis = _basis(entity, catalog.plain_links(keys) if number == 1 else (), number)
                yield PageSpec(path, "entity", inputs if basis else inputs(), basis=basis)
        ranked = sorted((entity_row(e) for e in paged),
                        key=lambda r: (-r.count, r.name.casefold(), r.name))
        by_type = {kind: [r for r in ranked if r.type == kind] for kind in TYPE_ORDER}
        yield PageSpec(urls.entities_index(), "entities", dict(
            top={kind: rows[:60] for kind, rows in by_type.items()},
            counts={kind: len(rows) for kind, rows in by_type.items()}, title="Entities", count=len(ranked)))
        for kind, rows in by_type.items():
            yield from self._indexed(rows, rows[:self.config.list_per_page], urls.entities_of_type(kind),
                                     "entity-index", partial(urls.entities_by_name, kind),
                                     title=TYPE_PLURALS[kind], kind=kind)

    def _indexed(self, rows: list[Row], most: list[Row], path: str, page_kind: str,
                 by_name: Callable[[str, str], str], **shown: str) -> Iterator[PageSpec]:
        """An index: its first page (`most`: the rows counted most, and the letters), then its A–Z pages,
        one a letter (pages.alphabetical). A letter in parts has a page that lists them, and one a part."""
        shelves = alphabetical(rows, LETTER_SPLIT * self.config.list_per_page)
        letters = tuple(shelves)

        def page(path: str, shelved: Sequence[Row], **more: Any) -> PageSpec:
            inputs = dict(rows=tuple(shelved), letters=letters, **shown, **more)
            if more["letter"]:
                inputs["title"] = f"{shown['title']}: {shelf_label(more['part'] or more['letter'])}"
            return PageSpec(path, page_kind, inputs, basis=(_rows_basis(shelved), sorted(
                (key, value) for key, value in inputs.items() if key != "rows")))

        yield page(path, most, letter="", part="", parts=(), count=len(rows))   # the only page showing it
        for letter, parts in shelves.items():
            if not parts[0].part:
                yield page(by_name(letter, ""), parts[0].rows, letter=letter, part="", parts=())
                continue
            labels = tuple(shelf.part for shelf in parts)
            yield page(by_name(letter, ""), (), letter=letter, part="", parts=labels)
            for shelf in parts:
                yield page(by_name(letter, shelf.part), shelf.rows, letter=letter, part=shelf.part, parts=labels)

    def not_found(self) -> Iterator[PageSpec]:
        yield PageSpec(urls.NOT_FOUND, "not-found", dict(title="Page not found"), absolute_links=True)
