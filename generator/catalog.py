"""Speakers and entities across the archive: who said what, and what is mentioned where.

Pure: annotated articles in, frozen SpeakerPage and EntityPage values out. An entity is keyed
by its canonical name (the registry's name, or what the annotator resolved), so the same
person quoted in two articles has one page; its type is the one most of its mentions carry.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from heapq import nlargest
from itertools import chain, repeat
from operator import itemgetter
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Mapping, NamedTuple, Sequence

from .annotate.model import Annotations, EntityInfo, Mention, Quote
from .annotate.registry import Registry
from .errors import BuildError, BuildFailed
from .models import AnnotatedArticle, Article
from .slugs import identity_suffix, slugify
from . import urls
from .urls import RESERVED_SLUGS

TYPE_ORDER = ("person", "organization", "place", "other")
TYPE_RANK = {kind: place for place, kind in enumerate(TYPE_ORDER)}
NO_RANK = (1, 0, "")         # ranks after any counted type (whose first part is below 0)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class QuoteRef(NamedTuple):
    """Quote `number` of `article`, with its text as one line."""

    article: Article
    number: int
    quote: Quote
    text: str
    speaker: str | None          # entity key (canonical name) of the speaker
    anchor: str = ""             # its anchor on the article's page (urls.quote_anchors): its permalink


class Sighting(NamedTuple):
    """A mention shown in context."""

    article: Article
    at: Mention

    @property
    def mention(self) -> str:
        return self.at.text

    @property
    def context(self) -> tuple[str, str, str]:
        """The sentence split around the mention (found when asked: only the pages that are
        rendered need it)."""
        return sentence_around(self.article.text, self.at)


@dataclass(frozen=True)
class Entity:
    key: str                     # canonical name
    name: str
    type: str
    slug: str
    aliases: tuple[str, ...]
    description: str | None
    links: tuple[tuple[str, str], ...]
    mention_count: int
    sightings: tuple[Sighting, ...]        # one per article, newest first
    quotes_by: tuple[QuoteRef, ...]        # newest first
    quotes_about: tuple[QuoteRef, ...]     # quotes whose text mentions it, newest first
    related: tuple[tuple[str, int], ...]   # (entity key, articles in common), most first
    months: tuple[tuple[str, int], ...]    # ("2021-02", mentions)
    sources: tuple[str, ...] = ()          # digests of the articles naming or quoting it ((): unknown)
    page: bool = True                      # whether it has a page (build_catalog's `min_articles`)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(s.article for s in self.sightings)

    @property
    def first_seen(self) -> dt.date:
        return self.sightings[-1].article.date      # sightings are newest first

    @property
    def last_seen(self) -> dt.date:
        return self.sightings[0].article.date


class RoleSeen(NamedTuple):
    """A role the articles give a person: where it was first and last seen, and how often."""

    role: str
    first: Article
    last: Article
    count: int


@dataclass(frozen=True)
class Speaker:
    key: str
    name: str
    type: str
    slug: str
    description: str | None
    links: tuple[tuple[str, str], ...]
    roles: tuple[RoleSeen, ...]                # each distinct role, by when it was first seen
    quotes: tuple[QuoteRef, ...]               # newest first
    topics: tuple[tuple[str, int], ...]        # entities mentioned inside their quotes, most first
    months: tuple[tuple[str, int], ...]        # ("2021-02", quotes)
    sources: tuple[str, ...] = ()              # digests of the articles naming or quoting them

    @property
    def first_seen(self) -> dt.date:
        return min(q.article.date for q in self.quotes)

    @property
    def last_seen(self) -> dt.date:
        return max(q.article.date for q in self.quotes)


class Link(NamedTuple):
    """What a page needs to link to an entity or speaker it names (and nothing more, so that a
    page depends only on the few facts it shows about others)."""

    name: str
    type: str
    entity_slug: str | None
    speaker_slug: str | None


@dataclass(frozen=True)
class Catalog:
    entities: dict[str, Entity]      # by key
    speakers: dict[str, Speaker]     # by key
    quotes: tuple[QuoteRef, ...]     # every quote, newest article first, then in text order
    links: dict[str, Link]           # every entity and speaker key

    def links_for(self, keys) -> dict[str, Link]:
        return {key: self.links[key] for key in sorted(set(keys)) if key in self.links}

    def plain_links(self, keys) -> tuple[tuple[str | None, ...], ...]:
        """links_for(keys) as plain tuples (key, name, type, entity slug, speaker slug): what a
        page's basis holds of the pages it links to."""
        plain = self.plain
        return tuple(plain[key] for key in sorted(set(keys)) if key in plain)

    @cached_property
    def plain(self) -> dict[str, tuple[str | None, ...]]:
        """Every key's link as a plain tuple (key, name, type, entity slug, speaker slug)."""
        return {key: (key, link.name, link.type, link.entity_slug, link.speaker_slug)
                for key, link in self.links.items()}


def one_line(text: str) -> str:
    return " ".join(text.split())


def sentence_around(text: str, mention: Mention) -> tuple[str, str, str]:
    """The sentence holding the mention, split into (before, mention, after): from the last sentence
    boundary before it (or its paragraph's start) to the first one after it (or its paragraph's end)."""
    start, end = _sentence_start(text, mention.start), _sentence_end(text, mention.end)
    return one_line(text[start:mention.start]), mention.text, one_line(text[mention.end:end])


# A boundary (SENTENCE_END) is a run of closing marks and spaces right after a full stop, a question or an
# exclamation mark: whether one starts at a place depends on the characters there, not on where a search
# began. So the text around a mention is searched, not its paragraph from the start: an entity's page lists
# the sentence of each article that names it, and one article can be a paragraph of megabytes.

def _sentence_start(text: str, pos: int) -> int:
    """The end of the last boundary before `pos` in its paragraph, else the paragraph's start: looked for
    in the 256 characters before `pos`, then in twice as many, until one is found or the paragraph starts."""
    reach = 256
    while True:
        low = max(0, pos - reach)
        brk = text.rfind("\n\n", low, pos)
        floor = brk + 2 if brk >= 0 else low
        # a boundary ends before the capital letter after it: two characters past `pos` decide one ending there
        ends = [b.end() for b in SENTENCE_END.finditer(text, floor, pos + 2) if b.end() <= pos]
        if ends:
            return ends[-1]
        if brk >= 0 or low == 0:
            return floor
        reach *= 2


def _sentence_end(text: str, pos: int) -> int:
    """Where the first boundary after `pos` starts, with the closing marks before its space (a quotation's
    last mark), or the paragraph's end if that comes first."""
    end = next((b.start() + len(b.group().rstrip()) for b in SENTENCE_END.finditer(text, pos)), len(text))
    brk = text.find("\n\n", pos, end)
    return brk if brk >= 0 else end


def _unique_slugs(names: dict[str, str | None], registry: Registry) -> dict[str, str]:
    """key → slug: the registry's slug when set, else the name's; colliding names' slugs get a
    suffix. A registry slug is never changed: one that another name's slug takes is an error."""
    wanted = {key: preset or slugify(key) for key, preset in names.items()}
    wanted = {key: f"{slug}-1" if slug in RESERVED_SLUGS and not names[key] else slug for key, slug in wanted.items()}
    counts = Counter(wanted.values())
    clashes = [BuildError(registry.path, _registry_line(registry, key), f'entity "{key}": slug \'{preset}\' is also the '
                          f'slug made from the name "{other}"; choose another slug for "{key}"')
               for key, preset in sorted(names.items()) if preset and counts[preset] > 1
               for other in sorted(k for k, slug in wanted.items() if slug == preset and k != key)]
    if clashes:
        raise BuildFailed(clashes)
    return {key: (slug if counts[slug] == 1 or names[key] else f"{slug}-{identity_suffix(key)}")
            for key, slug in wanted.items()}


def _registry_line(registry: Registry, key: str) -> int | None:
    entity = registry.by_name(key)
    return entity.line if entity is not None else None


def _months(dates: Sequence[dt.date]) -> tuple[tuple[str, int], ...]:
    months: Counter = Counter()
    for date, count in Counter(dates).items():
        months[f"{date.year:04d}-{date.month:02d}"] += count
    return tuple(sorted(months.items()))


def named_keys(notes: Annotations, mentioned: Iterable[str] | None = None) -> set[str]:
    """Every key an article's annotations name: the owners whose `sources` hold the article.
    `mentioned`: the keys of its mentions, when known."""
    return {*(mentioned if mentioned is not None else (m.canonical for m in notes.mentions)),
            *(q.speaker_canonical for q in notes.quotes if q.speaker_canonical), *(r.canonical for r in notes.roles)}


def quote_refs(article: Article, notes: Annotations) -> list[QuoteRef]:
    """The article's quotes as QuoteRefs, numbered from 1 in text order."""
    anchors = urls.quote_anchors([article.text[quote.start:quote.end] for quote in notes.quotes])
    return [QuoteRef(article, number, quote, one_line(article.text[quote.start:quote.end]), quote.speaker_canonical,
                     anchor) for number, (quote, anchor) in enumerate(zip(notes.quotes, anchors), start=1)]


RelatedMemo = Mapping[tuple[str, tuple[str, ...]], tuple[tuple[str, int], ...]]


def build_catalog(annotated: Sequence[AnnotatedArticle], registry: Registry, known_related: RelatedMemo = {},
                  min_articles: int = 1) -> Catalog:
    """Cross-reference every mention and quote of `annotated` (ordered newest first).

    An entity has a page (Entity.page, Link.entity_slug) when at least `min_articles` articles
    name it, or it is a speaker, or it is in the registry: a name met once is still marked and
    typed in its article, in the open data and in search, but a page of it would say nothing
    the article does not (site.yaml's entity_page_min_articles).

    `known_related` holds Entity.related by (key, Entity.sources) from an earlier build (see
    related_memo): what an entity appears with depends only on the articles naming it, so an
    entity whose articles did not change is not counted again."""
    info: dict[str, EntityInfo] = {}
    typed: Counter = Counter()             # (key, type) → mentions
    mention_counts: Counter = Counter()    # key → mentions
    monthly: Counter = Counter()           # (key, "2021-02") → mentions
    sightings: dict[str, list[Sighting]] = defaultdict(list)
    together: dict[str, list[list[str]]] = defaultdict(list)   # key → keys of each article naming it
    roles: dict[str, list[tuple[str, Article]]] = defaultdict(list)
    sources: dict[str, list[str]] = defaultdict(list)
    for item in annotated:
        article, notes = item.article, item.annotations
        for entity in notes.entities:
            info.setdefault(entity.canonical, entity)
        mentions = notes.mentions
        names = [m.canonical for m in mentions]
        mention_counts.update(names)
        typed.update(zip(names, [m.type for m in mentions]))
        monthly.update(zip(names, repeat(f"{article.date.year:04d}-{article.date.month:02d}")))
        first = dict(zip(reversed(names), reversed(mentions)))    # each name's first mention
        keys = list(first)
        for key, mention in first.items():
            sightings[key].append(Sighting(article, mention))
            together[key].append(keys)
        for role in notes.roles:
            roles[role.canonical].append((role.role, article))
        digest = item.digest
        for key in named_keys(notes, keys):
            sources[key].append(digest)
    ranked: dict[str, tuple[int, int, str]] = {}    # key → (-mentions, TYPE_ORDER place, type) of its first type
    for (key, kind), count in typed.items():
        rank = (-count, TYPE_RANK.get(kind, len(TYPE_RANK)), kind)
        if rank < ranked.get(key, NO_RANK):
            ranked[key] = rank
    months: dict[str, list[tuple[str, int]]] = defaultdict(list)    # each key's in no set order: sorted when used
    for (key, month), count in monthly.items():
        months[key].append((month, count))
    if not all(item.digest for item in annotated):
        sources.clear()                       # some article's digest is unknown: so are all sources
    source_tuples = {key: tuple(found) for key, found in sources.items()}
    refs_of = [(item, quote_refs(item.article, item.annotations)) for item in annotated]
    quotes = tuple(ref for _, refs in refs_of for ref in refs)
    by_speaker: dict[str, list[QuoteRef]] = defaultdict(list)
    about_quotes: dict[str, list[QuoteRef]] = defaultdict(list)
    topics: dict[str, list[str]] = defaultdict(list)      # speaker → each key named inside each quote
    quoting = sorted((pair for pair in refs_of if pair[1]),
                     key=lambda pair: (pair[0].article.date, pair[0].article.slug), reverse=True)
    for item, refs in quoting:             # newest first (then in text order), so is each list below
        mentions = item.annotations.mentions
        starts = [m.start for m in mentions]
        for ref in refs:
            inside = within(mentions, starts, ref.quote.start, ref.quote.end)
            for key in inside:
                about_quotes[key].append(ref)
            if ref.speaker:
                by_speaker[ref.speaker].append(ref)
                topics[ref.speaker].extend(inside)

    # Each key's type: the registry's; else the type most mentions carry (ties: TYPE_ORDER's first);
    # else the annotator's. And what is known of it: the registry's entry, else what the annotator said.
    kinds: dict[str, str] = {}
    known: dict[str, EntityInfo] = {}
    for key in sightings.keys() | by_speaker.keys():
        curated = registry.by_name(key)
        if curated is not None:
            kinds[key] = curated.type
            known[key] = EntityInfo(key, curated.type, curated.slug, curated.description, curated.links,
                                    curated.aliases)
            continue
        rank, seen = ranked.get(key), info.get(key)
        kinds[key] = kind = rank[2] if rank is not None else seen.type if seen is not None else "person"
        known[key] = seen or EntityInfo(key, kind)
    entity_slugs = _unique_slugs({key: known[key].slug for key in sightings}, registry)
    speaker_slugs = _unique_slugs({key: known[key].slug for key in by_speaker}, registry)
    entities = {}
    for key in sorted(sightings):
        facts, found = known[key], source_tuples.get(key, ())
        entities[key] = Entity(key, key, kinds[key], entity_slugs[key], facts.aliases, facts.description, facts.links,
                               mention_counts[key], tuple(sightings[key]), tuple(by_speaker.get(key, ())),
                               tuple(about_quotes.get(key, ())), _related(key, together[key], found, known_related),
                               tuple(sorted(months[key])), found,
                               page=len(sightings[key]) >= min_articles or key in by_speaker
                               or registry.by_name(key) is not None)
    speakers = {
        key: Speaker(key=key, name=key, type="organization" if kinds[key] == "organization" else "person",
                     slug=speaker_slugs[key],
                     description=known[key].description, links=known[key].links,
                     roles=roles_seen(roles.get(key, ())),
                     quotes=tuple(refs),
                     topics=_topics(key, topics.get(key, ())),
                     months=_months([r.article.date for r in refs]), sources=source_tuples.get(key, ()))
        for key, refs in sorted(by_speaker.items())
    }
    links = {key: Link(key, entity.type, entity.slug if entity.page else None, None) for key, entity in entities.items()}
    for key, speaker in speakers.items():
        entity = entities.get(key)
        links[key] = (Link(key, entity.type, entity.slug if entity.page else None, speaker.slug) if entity is not None
                      else Link(key, speaker.type, None, speaker.slug))
    if len(links) > len(entities):            # some speaker is no entity: in key order, as the rest
        links = dict(sorted(links.items()))
    return Catalog(entities=entities, speakers=speakers, quotes=quotes, links=links)


def _topics(speaker: str, named: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """The ten keys named most often inside the speaker's quotes (not the speaker), with how often."""
    counts = Counter(named)
    counts.pop(speaker, None)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10])


def _related(key: str, keys_by_article: Sequence[Sequence[str]], sources: tuple[str, ...],
             known: RelatedMemo) -> tuple[tuple[str, int], ...]:
    found = known.get((key, sources)) if sources else None
    return most_related(key, keys_by_article) if found is None else found


def related_memo(catalog: Catalog) -> dict[tuple[str, tuple[str, ...]], tuple[tuple[str, int], ...]]:
    """Each entity's `related` by its key and sources, for the next build's build_catalog."""
    return {(entity.key, entity.sources): entity.related for entity in catalog.entities.values() if entity.sources}


def within(mentions: Sequence[Mention], starts: Sequence[int], start: int, end: int) -> set[str]:
    """The keys of the `mentions` (sorted, not overlapping: Annotations; `starts` their starts)
    that lie inside [start, end)."""
    keys = set()
    for at in range(bisect_left(starts, start), len(mentions)):
        mention = mentions[at]
        if mention.start >= end:
            break
        if mention.end <= end:
            keys.add(mention.canonical)
    return keys


def most_related(key: str, keys_by_article: Sequence[Sequence[str]], count: int = 12) -> tuple[tuple[str, int], ...]:
    """The `count` keys named in most of the articles that name `key` (ties by key), with how many.
    Each article's keys are distinct, so with one article (the usual case) each count is 1."""
    if len(keys_by_article) == 1:
        return tuple((other, 1) for other in sorted(k for k in keys_by_article[0] if k != key)[:count])
    together = Counter(chain.from_iterable(keys_by_article))
    del together[key]
    items = list(together.items())
    if len(items) > count:          # only the keys named at least as often as the count-th one
        least = nlargest(count, together.values())[-1]
        items = [item for item in items if item[1] >= least]
    items.sort()
    items.sort(key=itemgetter(1), reverse=True)       # stable: ties stay by key
    return tuple(items[:count])


HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady madam mister".split())


def roles_seen(roles: Sequence[tuple[str, Article]]) -> tuple[RoleSeen, ...]:
    """One entry per role (honorifics such as "Mr" are not roles), ordered by first sighting."""
    seen: dict[str, list[Article]] = defaultdict(list)
    for role, article in roles:
        if role.strip(" .").casefold() not in HONORIFICS:
            seen[role].append(article)
    spans = []
    for role, articles in seen.items():
        by_date = sorted(articles, key=lambda a: (a.date, a.slug))
        spans.append(RoleSeen(role, by_date[0], by_date[-1], len({a.slug for a in articles})))
    return tuple(sorted(spans, key=lambda r: (r.first.date, r.role)))
