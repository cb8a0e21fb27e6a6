"""One long, quote-dense paragraph of news prose, for the scaling test and `make bench --long`.

Realistic sentences (a quote and its cue, a pronoun that continues the speaker, an organisation that
"said it", reported speech) repeated with varied names, all on one line: the worst case for any stage
that looks back over the whole paragraph or over every span for each piece of text.
"""
from __future__ import annotations

import os
import re
import sys
from types import FrameType
from typing import Callable

from generator.markup import Insert, Span

FIRST = ("John", "Mary", "Ahmed", "James", "Carlos", "Anna", "David", "Fatima", "Peter", "Sarah", "Kenji", "Olga")
LAST = ("Smith", "Okafor", "Chen", "Garcia", "Novak", "Haddad", "Brown", "Tanaka", "Rossi", "Kowalski", "Lund")
ORGS = ("Acme Corp", "Northwind Bank", "the Ministry of Finance", "Globex Inc", "the World Health Organization")
FEMALE = frozenset(("Mary", "Anna", "Fatima", "Sarah", "Olga"))
PLACES = ("London", "Nairobi", "Tokyo", "Chicago", "Berlin", "Sydney")

SENTENCES = (
    '"We will win this fight," said {name}.',
    '{he_she} added: "It is good for {place} and for everyone here."',
    'According to {name}, the deal is worth $3 billion.',
    '{org} said it would cut 200 jobs in {place} by next year.',
    '"The numbers are not what we hoped," {name} told reporters in {place}.',
    '{surname}, a spokesman for {org}, said the talks had stalled.',
    '{he_she} said the plan was "a first step" towards recovery.',
    '"I do not agree," {surname} said. "Nobody asked us."',
    'The company said it expected "better times" in {place}.',         # an organisation described
    'Prime Minister {name} spoke. The prime minister said "we act".',  # a role tied to a name, then described
)

# Sentences with no quotation and no name, between rounds of SENTENCES for an ordinary density of quotes.
BACKGROUND = (
    "The plant employs about 4,000 people and opened in 1998.",
    "Shares in the sector fell by 2% in early trading on Tuesday.",
    "Talks between the two sides are expected to resume next month.",
    "Unions have warned that further cuts could lead to strikes.",
    "The figures will be published in full later this year.",
    "Analysts had expected a smaller loss for the quarter.",
    "The region has struggled since the main employer closed its doors.",
)


def quote_dense_paragraph(size: int, background: int = 0) -> str:
    """About `size` characters (at least one sentence) of quoted news sentences, with no paragraph break.
    Each round of SENTENCES is about one person (so "He"/"She" has an antecedent) and an organisation,
    followed by `background` sentences without quotes (40 make about as many quotes a KB as BBC news)."""
    out: list[str] = []
    length, n = 0, 0
    while length < size or not out:
        round_, turn = divmod(n, len(SENTENCES) + background)
        first, last = FIRST[round_ % len(FIRST)], LAST[(round_ // len(FIRST)) % len(LAST)]
        template = SENTENCES[turn] if turn < len(SENTENCES) else BACKGROUND[n % len(BACKGROUND)]
        sentence = template.format(name=f"{first} {last}", surname=last, he_she="She" if first in FEMALE else "He",
                                   org=ORGS[round_ % len(ORGS)], place=PLACES[n % len(PLACES)])
        sentence = sentence[0].upper() + sentence[1:]
        out.append(sentence)
        length += len(sentence) + 1
        n += 1
    return " ".join(out)


def long_article(size: int, background: int = 0) -> str:
    """A `.txt` article whose body is one paragraph of about `size` characters (quote_dense_paragraph)."""
    return f"date 2021-02-14\ntitle One long paragraph\n\n{quote_dense_paragraph(size, background)}\n"


QUOTE = re.compile(r'"[^"]*"')
NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def regex_spans(text: str) -> tuple[list[Span], list[Insert]]:
    """Spans and inserts shaped as the build's (render.annotation_markup), found with regular expressions
    instead of the annotator: each quotation, each capitalised name (inside quotes too) and a speaker after
    each quotation. For timing the markup alone."""
    spans = [Span(m.start(), m.end(), "a", (("class", "ent ent-person"), ("href", "../x/"), ("title", "x")),
                  layer=1) for m in NAME.finditer(text)]
    inserts = []
    for number, m in enumerate(QUOTE.finditer(text), start=1):
        spans.append(Span(m.start() + 1, m.end() - 1, "q", (("class", "quote quote-direct"), ("id", f"q-{number}"))))
        inserts.append(Insert(m.end(), "a", (("class", "who"), ("href", "../y/")), "Someone"))
    return spans, inserts


def lines_run(action: Callable[[], object], folder: str) -> int:
    """How many lines of the modules under `folder` (e.g. "generator/annotate/") `action` executes, a loop's
    body counted at each turn: a count of operations that, unlike a time, does not depend on the machine."""
    count = 0

    def in_frame(frame: FrameType, event: str, arg: object) -> Callable | None:
        nonlocal count
        count += event == "line"
        return in_frame

    def on_call(frame: FrameType, event: str, arg: object) -> Callable | None:
        return in_frame if folder in frame.f_code.co_filename.replace(os.sep, "/") else None

    sys.settrace(on_call)
    try:
        action()
    finally:
        sys.settrace(None)
    return count
