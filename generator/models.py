"""The data that flows between stages. Frozen: a stage returns new values, never edits its input."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .annotate.model import Annotations
from .fingerprint import digest


@dataclass(frozen=True)
class Article:
    """One article as read from content/.

    `text` is the body as plain text, paragraphs separated by one blank line: it is what the
    annotator reads and what every character offset refers to. `markdown` is the Markdown
    source of a `.md` body (None for `.txt`, whose paragraphs are plain text).
    """

    source_path: str             # relative to the content folder, with forward slashes
    slug: str                    # output folder name under articles/
    title: str
    title_derived: bool          # True when the title was made from the first sentence
    date: dt.date
    text: str
    markdown: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    body_line: int = 1           # line of the file where the body starts
    slug_given: bool = False     # True when the front matter set `slug:` (never changed by the build)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n\n"))

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every field, made once (the fields never change; the memo table keeps it too)."""
        return digest(repr(self))


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with what the annotator found in its text. Quote n (1-based) is quotes[n-1].

    `digest` identifies the pair (the build sets it from the cache keys; "" when unknown): the
    same digest means the same article and annotations, so a page made only from articles with
    unchanged digests need not be compared field by field (generator/pages.py).
    """

    article: Article
    annotations: Annotations
    digest: str = ""

    @property
    def quotes(self):
        return self.annotations.quotes
