"""Direct quotations: a quote-mark state machine run paragraph by paragraph.

A quote left open at the end of a paragraph continues into the next one only where that paragraph
reopens it (the press convention) or closes it before opening another; otherwise it ends with its
paragraph, so an odd number of marks never pairs with a mark further away.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .tokens import paragraphs

# ’’ after a word closes a quote (“…creators,’’ says); '' or `` before a word opens one (''It's more
# tinkering,'' said …: archives typed on machines without curly quotes); the lookahead keeps the scan fast
MARK = re.compile(r"(?=[\"“”«»„’'`])(?:[\"“”«»„]|(?<=\S)(?:’’|'')(?!\w)|(?<!\S)(?:''|``)(?=[\w$]))")
DOUBLED_OPENERS = ("''", "``")
OPENERS, CLOSERS = "“«„", "”»"
OPEN_CONTEXT = " \t\n([{—–-/:;'‘"


class Span(NamedTuple):
    """A direct quote: marks at open_at and close_at (close_at == end when the closing mark is missing)."""

    open_at: int
    close_at: int
    start: int
    end: int


def _is_opener(text: str, i: int, para_start: int, inside: bool = False) -> bool:
    c = text[i]
    if c in "’'`":
        # a doubled single mark closes after a word and opens before one
        return text[i:i + 2] in DOUBLED_OPENERS and (i == para_start or text[i - 1].isspace())
    if c in OPENERS:
        return True
    if c in CLOSERS:
        return False
    if inside and text[i - 1] in "'‘’" and (i + 1 >= len(text) or not text[i + 1].isalnum()):
        return False  # "…another son,'" says Golden: a nested quote and the outer one close together
    return i == para_start or text[i - 1] in OPEN_CONTEXT


def _first_mark(text: str, start: int, end: int) -> tuple[int, bool] | None:
    m = MARK.search(text, start, end)
    return (m.start(), _is_opener(text, m.start(), start)) if m else None


def _content(text: str, open_at: int, close_at: int) -> Span | None:
    start, end = open_at + (2 if text[open_at:open_at + 2] in DOUBLED_OPENERS else 1), close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2 or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Span(open_at, close_at, start, end)


def direct_quotes(text: str) -> list[Span]:
    """Every direct quotation of `text`, in order, as content spans (marks excluded)."""
    paras = paragraphs(text)
    out: list[Span] = []
    open_at: int | None = None
    for n, (ps, pe) in enumerate(paras):
        skip_reopen = open_at is not None
        for m in MARK.finditer(text, ps, pe):
            i = m.start()
            opener = _is_opener(text, i, ps, open_at is not None)
            if open_at is None:
                if opener:
                    open_at = i
            elif opener and skip_reopen and not text[ps:i].strip():
                pass  # the next paragraph reopens a quote that continues
            elif opener and i > open_at + 1 and text[i - 1] != "\n":
                span = _content(text, open_at, i)
                out.extend([span] if span else [])
                open_at = i
            elif not opener:
                span = _content(text, open_at, i)
                out.extend([span] if span else [])
                open_at = None
            skip_reopen = False
        if open_at is not None:
            nxt = _first_mark(text, *paras[n + 1]) if n + 1 < len(paras) else None
            continues = nxt is not None and (not nxt[1] or not text[paras[n + 1][0]:nxt[0]].strip())
            if not continues:
                span = _content(text, open_at, pe)
                out.extend([span] if span else [])
                open_at = None
    return out
