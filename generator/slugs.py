"""Readable, ASCII, stable slugs ("José Núñez" → "jose-nunez").

Stable means a function of the thing itself: adding an article never renames another page.
Where two things would share a slug, each gets a short suffix from its own identity (its
source path), so the outcome does not depend on what else is in the archive.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter
from dataclasses import replace
from typing import Sequence, TypeVar

from slugify import slugify as _slugify

from .models import Article

T = TypeVar("T")
MAX_WORDS_LENGTH = 60


def slugify(text: str, fallback: str = "untitled") -> str:
    """Lower-case ASCII words joined by hyphens, at most 60 characters, cut at a word."""
    return _slug(text) or fallback


@functools.lru_cache(maxsize=1 << 16)
def _slug(text: str) -> str:
    return _slugify(text, max_length=MAX_WORDS_LENGTH, word_boundary=True, save_order=True)   # one name, many calls


def identity_suffix(identity: str) -> str:
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:6]


def article_slug(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slugify(title)}"


def assign_unique_slugs(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Articles sorted by source path; colliding slugs each get a suffix from their path."""
    counts = Counter(a.slug for a in articles)
    return tuple(
        replace(a, slug=f"{a.slug}-{identity_suffix(a.source_path)}") if counts[a.slug] > 1 else a
        for a in sorted(articles, key=lambda a: a.source_path)
    )
