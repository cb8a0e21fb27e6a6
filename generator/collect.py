"""Cross-reference the articles: order, pagination, archive, neighbours, speakers, entities.

Pure: annotated articles in, a frozen Site out, so every page knows everything before a single
file is rendered.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby
from typing import Sequence

from .annotate.model import Annotations
from .annotate.registry import Registry
from .catalog import Catalog, RelatedMemo, build_catalog
from .holders import Memo, resolve_roles
from .models import AnnotatedArticle, Article
from .names import unify_names
from .urls import month_name


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]

    @property
    def count(self) -> int:
        return sum(len(m.articles) for m in self.months)


@dataclass(frozen=True)
class Site:
    articles: tuple[Article, ...]          # newest first
    years: tuple[Year, ...]                # newest first
    annotations: dict[str, Annotations]    # by article slug
    catalog: Catalog
    digests: dict[str, str] = field(default_factory=dict)   # AnnotatedArticle.digest by slug, when known

    def neighbours(self, index: int) -> tuple[Article | None, Article | None]:
        """(newer, older) article around articles[index]."""
        newer = self.articles[index - 1] if index > 0 else None
        older = self.articles[index + 1] if index + 1 < len(self.articles) else None
        return newer, older


def newest_first(articles: Sequence[Article]) -> tuple[Article, ...]:
    """By date, newest first; ties by title and path so the order never depends on reading order."""
    by_name = sorted(articles, key=lambda a: (a.title.casefold(), a.source_path))
    return tuple(sorted(by_name, key=lambda a: a.date, reverse=True))


def group_by_month(articles: Sequence[Article]) -> tuple[Year, ...]:
    years = []
    for year, in_year in groupby(articles, key=lambda a: a.date.year):
        months = tuple(Month(year, month, tuple(items))
                       for month, items in groupby(in_year, key=lambda a: a.date.month))
        years.append(Year(year, months))
    return tuple(years)


def collect_site(annotated: Sequence[AnnotatedArticle], registry: Registry, known_related: RelatedMemo = {},
                 min_articles: int = 1) -> Site:
    """`known_related`: what build_catalog may take from an earlier build (catalog.related_memo);
    `min_articles`: how many articles must name an entity for it to have a page (build_catalog)."""
    return site_of(gather(annotated, registry), registry, known_related, min_articles)


def gather(annotated: Sequence[AnnotatedArticle], registry: Registry, memo: Memo | None = None
           ) -> tuple[AnnotatedArticle, ...]:
    """The articles in site order (newest first), each name replaced by the archive-wide one and
    each unresolved office ("the prime minister") given to its holder on the article's date, when
    the archive knows one: all that the articles' own pages and search shards need, before the
    catalog is made. `memo`: where holders.resolve_roles may keep what it finds in each article."""
    annotated = resolve_roles(unify_names(annotated, registry), registry, memo)
    by_slug = {item.article.slug: item for item in annotated}
    return tuple(by_slug[a.slug] for a in newest_first([item.article for item in annotated]))


def site_of(newest: Sequence[AnnotatedArticle], registry: Registry, known_related: RelatedMemo = {},
            min_articles: int = 1) -> Site:
    """The Site of gathered articles (gather): the catalog of their speakers and entities made."""
    ordered = tuple(item.article for item in newest)
    return Site(articles=ordered, years=group_by_month(ordered),
                annotations={item.article.slug: item.annotations for item in newest},
                catalog=build_catalog(newest, registry, known_related, min_articles),
                digests={item.article.slug: item.digest for item in newest if item.digest})


def pages(items: Sequence, per_page: int) -> list[tuple]:
    """Split into pages of `per_page`; always at least one (possibly empty) page."""
    return [tuple(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [()]


def page_count(count: int, per_page: int) -> int:
    """How many pages `pages` makes of `count` items."""
    return -(-count // per_page) or 1


def format_date(date: dt.date) -> str:
    """"17 July 2004": the date as pages show it."""
    return f"{date.day} {month_name(date.month)} {date.year}"
