"""Readable, ASCII, stable slugs ("José Núñez" → "jose-nunez").

Stable means a function of the thing itself: adding an article never renames another page.
Where two things would share a slug, each gets a short suffix from its own identity (its
source path), so the outcome does not depend on what else is in the archive.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Mapping, Sequence, TypeVar

from slugify import slugify as _slugify

from .errors import BuildError, BuildFailed

if TYPE_CHECKING:
    from .models import Article     # slugs are made before and apart from the models' module

T = TypeVar("T")
MAX_WORDS_LENGTH = 60


def slugify(text: str, fallback: str = "untitled") -> str:
    """Lower-case ASCII words joined by hyphens, at most 60 characters, cut at a word."""
    return _slug(text) or fallback


@lru_cache(maxsize=1 << 18)     # one name, many calls: a pure function of its text
def _slug(text: str) -> str:
    return _slugify(text, max_length=MAX_WORDS_LENGTH, word_boundary=True, save_order=True)


SLUG_RULE = "lowercase ASCII letters, digits and single hyphens between them, e.g. my-first-article"
_VALID_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 200


def slug_problem(value: object) -> str | None:
    """Why `value` may not be a slug a user gave (front matter, registry), or None when it may.
    A slug becomes a folder name and a link: nothing but letters, digits and hyphens can escape
    the output folder (`..`, `/`), break a link (`?`, `#`) or reach the HTML (`"`, `<`)."""
    if not isinstance(value, str):
        return f"slug must be text, not {type(value).__name__} {value!r}"
    if not _VALID_SLUG.fullmatch(value):
        return f"invalid slug {value!r}: a slug is made of {SLUG_RULE}"
    if len(value) > MAX_SLUG_LENGTH:
        return f"slug is {len(value)} characters long: at most {MAX_SLUG_LENGTH}"
    return None


def identity_suffix(identity: str) -> str:
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:6]


def article_slug(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slugify(title)}"


def assign_unique_slugs(articles: Sequence[Article],
                        shown: Callable[[str], str] = lambda source_path: source_path) -> tuple[Article, ...]:
    """Articles sorted by source path; colliding derived slugs each get a suffix from their path.
    A slug the user gave (`slug_given`) is never changed: when it is another article's too, the
    build fails naming both files (`shown` turns a source path into the path the user sees)."""
    counts = Counter(a.slug for a in articles)
    unique = tuple(
        replace(a, slug=f"{a.slug}-{identity_suffix(a.source_path)}") if counts[a.slug] > 1 and not a.slug_given else a
        for a in sorted(articles, key=lambda a: a.source_path)
    )
    owner: dict[str, Article] = {}
    errors = []
    for article in unique:
        first = owner.setdefault(article.slug, article)
        if first is not article:
            errors.append(BuildError(shown(article.source_path), None, f"slug '{article.slug}' is also the slug of "
                                     f"{shown(first.source_path)}: give one of them another `slug:`"))
    if errors:
        raise BuildFailed(errors)
    return unique
