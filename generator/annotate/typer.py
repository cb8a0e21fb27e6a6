"""A learned second opinion on each entity's type: a linear model over simple features of a mention and its
context (its words, their shape and suffix, the words around it, gazetteer hits, the rules' own type), summed
over every mention of one canonical name, so one entity gets one type from all its contexts.

The weights (`typer.json`, beside this file) are trained by `make train` (generator/annotate/train_typer.py)
on the tuning part of CoNLL-2003 (see docs/quality.md); no download, and the same text gives the same types.
"""
from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter
from typing import Sequence

from . import lexicon as lx
from .entities import Found
from .gazetteer import countries, first_names, is_common_word, places
from .sports import is_sports

LABELS = ("person", "organization", "place", "other")
MARGIN = 1.0  # how much better, per mention, the model's type must score than the rules' to replace it
PERSON_MARGIN = 2.0
PLACE_MARGIN = 4.0  # more for a place the gazetteer does not know, which the rules left untyped
MENTIONS = 8  # the mentions of one entity that are scored (CoNLL CV: 6 costs PER 0.15)
WEIGHTS = os.path.join(os.path.dirname(__file__), "typer.json")

TRIM = ".,;:()[]\"'“”‘’"
INITIALS = re.compile(r"[A-Z]|(?:[A-Z]\.){1,3}")
DIGIT = re.compile(r"\d")
SHAPE_RUNS = re.compile(r"(.)\1+")
# Letters as X or x and digits as d, for the first 0x250 code points (Latin scripts); others stay as they are.
SHAPE_TABLE = {i: "X" if chr(i).isupper() else "x" if chr(i).islower() else "d" if chr(i).isdigit() else None
               for i in range(0x250)}
SHAPE_TABLE = {i: c for i, c in SHAPE_TABLE.items() if c is not None}


@functools.lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """"Xxxx", "XX", "X.X.", "d-d": the word's letters as X/x/d, runs of one class written once."""
    return SHAPE_RUNS.sub(r"\1", word.translate(SHAPE_TABLE))


@functools.lru_cache(maxsize=65536)
def _context_word(word: str | None) -> str:
    if not word:
        return "<none>"
    core = word.strip(TRIM)
    if not core:
        return word[:2]
    if core[0].isdigit():
        return "<num>"
    return core.lower()


@functools.lru_cache(maxsize=65536)
def span_features(surface: str, rule: str, titled: bool) -> tuple[str, ...]:
    """Features of the name itself, whatever its context."""
    tokens = surface.split()
    first, last = tokens[0], tokens[-1]
    feats = ["bias", "rule=" + rule, "shape=" + shape(surface), "len=%d" % min(len(tokens), 4),
             "first=" + first.lower(), "last=" + last.lower(), "suf3=" + last[-3:].lower(),
             "rule&len=%s%d" % (rule, min(len(tokens), 3))]
    feats.extend("w=" + t.lower() for t in tokens[1:-1])

    if titled:
        feats.append("titled")
    if surface in places() or surface.title() in places():
        feats.append("gaz=place")
    if surface in countries() or surface.title() in countries():
        feats.append("gaz=country")
    gender = first_names().get(first)
    if gender:
        feats.append("gaz=first%s" % ("1" if len(tokens) == 1 else "+"))
    if all(is_common_word(t) for t in tokens):
        feats.append("common=all")
    elif is_common_word(last):
        feats.append("common=last")
    if last in lx.ORG_SUFFIXES or last in lx.LEGAL_SUFFIXES:
        feats.append("suffix=org")
    if first in lx.DEMONYMS:
        feats.append("first=demonym")
    if DIGIT.search(surface):
        feats.append("has-digit")
    if "&" in surface:
        feats.append("has-amp")
    if surface.isupper():
        feats.append("caps&rule=" + rule)
    return tuple(feats)


def context_features(text: str, start: int, end: int, rule: str) -> list[str]:
    """Features of the words around the mention and of its line."""
    before = text[max(0, start - 40):start].split()
    p1 = before[-1] if before else None
    p2 = before[-2] if len(before) > 1 else None
    after = text[end:end + 40].split(None, 2)
    n1 = after[0] if after else None
    n2 = after[1] if len(after) > 1 else None
    w1, w2, a1, a2 = _context_word(p1), _context_word(p2), _context_word(n1), _context_word(n2)
    prev_char = text[start - 1] if start else "\n"
    next_char = text[end] if end < len(text) else "\n"
    feats = ["p1=" + w1, "p2=" + w2 + "_" + w1, "n1=" + a1, "n2=" + a1 + "_" + a2,
             "pc=" + (prev_char if not prev_char.isalnum() else "a"),
             "nc=" + (next_char if not next_char.isalnum() else "a"),
             "p1&rule=%s&%s" % (w1, rule), "n1&rule=%s&%s" % (a1, rule)]
    if n1 and n1[:1].isdigit() and n2 and n2[:1].isupper():
        feats.append("score-row")  # "Bahia 2 Atletico Paranaense 0"
    if prev_char == "(" and next_char == ")":
        feats.append("in-parens")
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        feats.append("opens-line")
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start <= 100:  # a table row, a heading, a dateline: its pattern ("NdNd", "N:NdNd")
        shape = line_shape(text[line_start:line_end])
        if shape.count("w") < 3:  # not a sentence of prose
            feats.append("line=" + shape)
    return feats


NAME_RUN = re.compile(r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|de|van|der))*")
NUMBER_RUN = re.compile(r"\d[\d.,:/-]*")
WORD_RUN = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=4096)
def line_shape(line: str) -> str:
    """A short line as its pattern: names N, numbers d, lower-case words w, punctuation kept, spaces dropped."""
    shape = NUMBER_RUN.sub("d", WORD_RUN.sub("w", NAME_RUN.sub("N", line)))
    return shape.replace(" ", "")[:16]


class Typer:
    """The trained weights: feature -> one weight per label."""

    def __init__(self, weights: dict[str, Sequence[float]]):
        self.weights = weights
        self._span_scores: dict[tuple[str, str, bool, bool], tuple[float, ...]] = {}

    def scores(self, features: Sequence[str]) -> list[float]:
        get = self.weights.get
        rows = [w for w in map(get, features) if w is not None]
        return [sum(column) for column in zip(*rows)] if rows else [0.0] * len(LABELS)

    def mention_scores(self, text: str, f: Found, sports: bool) -> list[float]:
        """The scores of one mention: those of its name (the same wherever it stands, so kept) plus those of
        its context."""
        key = (text[f.start:f.end], f.type, bool(f.title), sports)
        span = self._span_scores.get(key)
        if span is None:
            if len(self._span_scores) > 65536:
                self._span_scores.clear()
            span = self._span_scores[key] = tuple(self.scores(_name_features(*key)))
        return [a + b for a, b in zip(span, self.scores(context_features(text, f.start, f.end, f.type)))]


@functools.cache
def trained() -> Typer | None:
    """The committed weights, or None before `make train` has made them."""
    if not os.path.isfile(WEIGHTS):
        return None
    with open(WEIGHTS, encoding="utf-8") as fh:  # package data, read once: not the build's I/O
        return Typer(json.load(fh)["weights"])


def _name_features(surface: str, rule: str, titled: bool, sports: bool) -> tuple[str, ...]:
    features = span_features(surface, rule, titled)
    return features + ("sports&rule=" + rule,) if sports else features


def mention_features(text: str, f: Found, sports: bool = False) -> list[str]:
    """Every feature of one mention (training reads them; `Typer.mention_scores` sums the same weights)."""
    return [*_name_features(text[f.start:f.end], f.type, bool(f.title), sports),
            *context_features(text, f.start, f.end, f.type)]


def _certain(text: str, f: Found) -> bool:
    """Types the rules know from the words themselves, which Reuters 1996 seldom shows the model: a person
    named with an honorific ("Mr Howard") or initials ("S Horgan" in a rugby line-up, "P.S. Tam"); a company
    by "&" or its legal form ("Douglas & Lomason", "Acme Corp"), a party or a team by its plural ("Liberal
    Democrats", "Lib Dems", "Rangers"); a work after "The" ("in The Night Manager"). (A title before a name is
    a feature, not a certainty: keeping it cost CoNLL PER 0.5.)"""
    words = text[f.start:f.end].split()
    if f.type == "person":
        return words[0] in lx.HONORIFICS or (len(words) == 2 and INITIALS.fullmatch(words[0]) is not None)
    if f.type == "organization":
        return "&" in words or words[-1] in lx.LEGAL_SUFFIXES or words[-1] in lx.PARTY_WORDS \
            or words[0] in lx.PARTY_WORDS
    return f.type == "other" and text[max(0, f.start - 4):f.start] == "The "


def retype(text: str, found: list[Found], settled: frozenset[str] = frozenset(),
           typer: Typer | None = None, margin: float | None = None) -> list[Found]:
    """`found` with each canonical name typed by the model's scores summed over its mentions; the names
    in `settled` keep their type (the registry's, and those the document's own evidence typed)."""
    typer = typer or trained()
    if typer is None or not found:
        return found
    margin = MARGIN if margin is None else margin
    totals: dict[str, list[float]] = {}
    rules: dict[str, int] = {}
    mentions: Counter[str] = Counter()
    sports = is_sports(text)
    kept = set(settled)
    for f in found:
        if f.canonical not in kept and _certain(text, f):
            kept.add(f.canonical)
    for f in found:
        # An entity's first few mentions decide its type: a name repeated forty times costs no more.
        if f.canonical in kept or mentions[f.canonical] >= MENTIONS:
            continue
        scores = typer.mention_scores(text, f, sports)
        tally = totals.get(f.canonical)
        if tally is None:
            totals[f.canonical] = scores
            rules[f.canonical] = LABELS.index(f.type)
        else:
            totals[f.canonical] = [a + b for a, b in zip(tally, scores)]
        mentions[f.canonical] += 1
    types = {}
    for name, tally in totals.items():
        best = max(range(len(LABELS)), key=lambda i: (tally[i], -i))
        # The rules' type stays unless the model prefers another by a clear margin on average.
        # A name the rules could not type becomes a person only on strong evidence: a wrong person makes a
        # speaker page, and news names films and brands ("Green Book", "Budweiser") the model never saw.
        need = margin + (PERSON_MARGIN if "person" in (LABELS[best], LABELS[rules[name]]) else 0.0)
        if LABELS[best] == "place" and LABELS[rules[name]] == "other" and name not in places():
            need += PLACE_MARGIN
        if tally[best] - tally[rules[name]] > need * mentions[name]:
            types[name] = LABELS[best]
    return [f._replace(type=types[f.canonical]) if f.canonical in types else f for f in found]
