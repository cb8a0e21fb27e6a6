"""Paragraphs, sentences and word tokens of plain text, as offsets."""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import NamedTuple, Sequence

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’&]\w+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[^\W_]|\s*$)|\n")
ABBREVIATIONS = frozenset("""mr mrs ms dr st jr sr gov sen rep gen col lt sgt capt cmdr adm prof rev no vs inc
corp co ltd bros mt ft maj supt insp dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u d.c p.m a.m""".split())
OPEN_MARKS = "\"'“‘«:"
LAST_WORD = re.compile(r"([\w.]+)$")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    initial: bool  # opens a sentence or a quotation, so its capital tells nothing


# The stages tokenise the same paragraphs and sentences again and again: remember the latest texts'.
# Pure functions of their arguments, so the cache changes nothing but time.
@functools.lru_cache(maxsize=256)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each paragraph (runs separated by blank lines), empty ones left out."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


@functools.lru_cache(maxsize=1024)
def sentences(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence of text[start:end]; abbreviations like "Mr." do not end one."""
    spans, begin = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        if m.group() == "\n":
            cut = m.start()
        else:
            word = LAST_WORD.search(text, max(begin, m.start() - 40), m.start())
            w = word.group(1).lower() if word else ""
            if m.group()[0] == "." and (w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())
                                         or _initials_before_name(text, w, m.end())):
                continue
            cut = m.end()
        if text[begin:cut].strip():
            spans.append((begin, cut))
        begin = cut
    if text[begin:end].strip():
        spans.append((begin, end))
    return tuple(_trim(text, s, e) for s, e in spans)


def enclosing(spans: Sequence[tuple[int, int]], pos: int, closed: bool = False) -> tuple[int, int] | None:
    """The span of `spans` (sorted, disjoint [start, end) pairs, such as paragraphs() or sentences()) that
    holds `pos`, by bisection; with `closed`, a span's end counts as inside it."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and (pos < spans[i][1] or closed and pos == spans[i][1]):
        return spans[i]
    return None


# Where the annotator looks back for the start of a sentence or a line, `text.rfind` from the start of
# the paragraph would read the whole paragraph again for each word: one long paragraph would take
# quadratic time. The offsets of those marks are listed once per text and bisected instead.
@functools.lru_cache(maxsize=8)
def _marks(text: str, chars: str) -> tuple[int, ...]:
    return tuple(m.start() for m in re.finditer("[" + re.escape(chars) + "]", text))


def last_mark(text: str, chars: str, start: int, end: int) -> int:
    """max(text.rfind(c, start, end) for c in chars): the offset of the last of `chars` in text[start:end], or -1."""
    marks = _marks(text, chars)
    i = bisect.bisect_left(marks, end) - 1
    return marks[i] if i >= 0 and marks[i] >= start else -1


def next_mark(text: str, chars: str, start: int, end: int | None = None) -> int:
    """min(text.find(c, start, end) for c found): the offset of the first of `chars` in text[start:end], or -1."""
    marks = _marks(text, chars)
    i = bisect.bisect_left(marks, start)
    return marks[i] if i < len(marks) and (end is None or marks[i] < end) else -1


def only_marks(text: str, start: int, end: int, marks: str) -> bool:
    """`not text[start:end].strip(marks)`, reading from start only up to the first other character
    (a slice from far back would copy a long paragraph for each word)."""
    return all(text[k] in marks for k in range(start, end))


def before_space(text: str, pos: int, floor: int = 0) -> int:
    """The end of `text[floor:pos].rstrip()`: pos moved back over white space, not below floor."""
    while pos > floor and text[pos - 1].isspace():
        pos -= 1
    return pos


INITIALS = re.compile(r"(?:[a-z]\.){1,2}[a-z]")
NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b")
# Capitalised words that open sentences, not surnames: "... the U.S.A. The ..." ends a sentence.
OPENING_WORDS = frozenset("""The A An He She It They We I You But And In On At This That These Those There His Her
Its Their Our Mr Mrs Ms Dr If When While As After Before Some Many Most Analysts Officials""".split())


def _initials_before_name(text: str, word: str, end: int) -> bool:
    """"P.S. Tam", "J.R. Ewing": initials followed by a surname do not end a sentence."""
    if not INITIALS.fullmatch(word):
        return False
    after = NAME_AFTER.match(text, end - 1) if end > 0 and text[end - 1].isspace() else NAME_AFTER.match(text, end)
    return bool(after) and after.group(1) not in OPENING_WORDS


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@functools.lru_cache(maxsize=256)   # paragraphs: the longest BBC article has 76
def sentence_words(text: str, start: int, end: int) -> tuple[tuple[Token, ...], ...]:
    """The word tokens of each of sentences(text, start, end), in order. Finding names, genders and reported
    speech each read every sentence: the paragraph is tokenised once for all three. (A cache of single
    sentences would not do: one long paragraph has more sentences than it can hold, and each pass would
    tokenise them all again.)"""
    return tuple(tokenize(text, s, e) for s, e in sentences(text, start, end))


@functools.lru_cache(maxsize=4096)
def words(text: str, start: int, end: int, most: int | None = None) -> tuple[Token, ...]:
    """tokenize(text, start, end, most), remembered for the latest pieces of text."""
    return tokenize(text, start, end, most)


def tokenize(text: str, start: int, end: int, most: int | None = None) -> tuple[Token, ...]:
    """Word tokens of text[start:end], such as a sentence, or its first `most` ones. A possessive "'s" is
    cut off its word."""
    tokens = []
    append, make = tokens.append, tuple.__new__  # the hot loop of the annotator: no per-token frames
    prev_end = -1
    for m in itertools.islice(WORD.finditer(text, start, end), most):
        s, e = m.span()
        if e - s > 2 and text[e - 2] in "'’" and text[e - 1] in "sS":
            e -= 2
        if prev_end < 0:
            initial = True
        elif s == prev_end + 1 and text[prev_end] == " ":
            initial = text[prev_end - 1] in OPEN_MARKS
        else:  # the last non-space character before this word (only the gap since the previous word counts)
            gap = text[prev_end:s].rstrip()
            initial = (gap[-1] if gap else text[prev_end - 1]) in OPEN_MARKS
        append(make(Token, (s, e, text[s:e], initial)))
        prev_end = e
    return tuple(tokens)
