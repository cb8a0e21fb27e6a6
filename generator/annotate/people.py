"""Document-level evidence on who is a person: first names a story calls people by, award lists, and the
companies a list introduces. Each rule retypes every mention of one canonical name."""
from __future__ import annotations

import bisect
import re
from collections import Counter

from . import lexicon as lx
from .entities import Found
from .gazetteer import first_names
from .tokens import paragraphs

# "Lucas Hedges, Boy Erased", "Candice Bergen (Murphy Brown)", "** WINNER: Rami Malek, Bohemian Rhapsody":
# a row of a nominations list, a person then a work.
ROW = re.compile(r"(?:\W*WINNER:\s*)?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})(?:, | \()(\S[^()\n]{0,80}?)\)?\s*$")
# "companies including Colgate Palmolive, Reckitt Benckiser and …": what the list names are companies.
COMPANY_LIST = re.compile(r"\b(?:companies|firms|brands|retailers|banks|corporations|businesses|chains|"
                          r"manufacturers|insurers|carriers)\s+(?:including|such as|like)\s+([^.;:\n]{3,200})")
PERSON_AFTER = re.compile(r",\s+(?:who\b|\d{1,3},)|['’]s\s+(?:mother|father|husband|wife|boyfriend|girlfriend|"
                          r"sister|brother|son|daughter)\b")
ORG_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?:(?!of\b|who\b|and\b)[\w-]+,?\s+){0,4}?(?:group|organi[sz]ation|"
                            r"company|firm|charity|non-?profit|agency|association|coalition|foundation|institute|"
                            r"think[ -]tank|union|party|network)"
                            r"(?=\s*[,.;:)]|\s+(?:that|which|based|in|with|for|from|founded|run)\b)")
WORD_BEFORE = re.compile(r"([a-z][\w-]*)\s+$")
WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def refine_people(text: str, found: list[Found], cue_words: frozenset[str]) -> list[Found]:
    """`found` with the types the whole document's evidence gives."""
    retype: dict[str, str] = {}
    starts = [f.start for f in found]  # sorted: the mentions in a stretch of text are a bisection away
    _award_rows(text, found, starts, retype)
    for m in COMPANY_LIST.finditer(text):
        for f in _starting_in(found, starts, *m.span(1)):
            if f.type == "person" and " " in f.canonical:
                retype[f.canonical] = "organization"
    _first_names(text, found, cue_words, retype)
    _described_organizations(text, found, retype)
    if not retype:
        return found
    return [f._replace(type=retype[f.canonical]) if f.canonical in retype else f for f in found]


def _starting_in(found: list[Found], starts: list[int], start: int, end: int) -> list[Found]:
    """The mentions that start in text[start:end]."""
    first = bisect.bisect_left(starts, start)
    return found[first:bisect.bisect_left(starts, end, first)]


def _award_rows(text: str, found: list[Found], starts: list[int], retype: dict[str, str]) -> None:
    rows = []
    for ps, pe in paragraphs(text):
        m = ROW.fullmatch(text, ps, pe)
        if m and not any(w in lx.FUNCTION_WORDS for w in m.group(1).lower().split()):
            rows.append((m.span(1), m.span(2)))
    if len(rows) < 3:
        return  # one "Name, Place" line is a dateline or a caption, not a list
    for (ns, ne), (ws, we) in rows:
        ws = max(ws, text.rfind(", ", ws, we) + 2)  # "Spike Lee, Kevin Willmott, BlacKkKlansman": the last is the work
        for f in _starting_in(found, starts, min(ns, ws), max(ne, we)):
            if ns <= f.start and f.end <= ne and f.start == ns:
                retype.setdefault(f.canonical, "person")
            elif ws <= f.start < we and f.type == "person":
                retype[f.canonical] = "other"


def _first_names(text: str, found: list[Found], cue_words: frozenset[str], retype: dict[str, str]) -> None:
    """"wardrobe stylist Tracy", "Demi, who's 23", "Tracy started …", "Demi, Bri, Tracy, Elyse and
    Catherine": a single name with a person's context is a person, whatever a gazetteer says of it."""
    people = {f.canonical for f in found if f.type == "person"}
    evidence: Counter[str] = Counter()
    by_start = {f.start: f for f in found}
    for f in found:
        name = f.canonical
        if f.type == "person" or name in retype or not re.fullmatch(r"[A-Z][a-z]+", name):
            continue
        before, after = text[max(0, f.start - 30):f.start], text[f.end:f.end + 30]
        prev, nxt = WORD_BEFORE.search(before), WORD_AFTER.match(after)
        if prev and prev.group(1) in lx.PERSON_HEADS:
            evidence[name] += 2
        if PERSON_AFTER.match(after):
            evidence[name] += 2
        if nxt and (nxt.group(1) in cue_words or nxt.group(1) in lx.PERSON_VERBS):
            evidence[name] += 1
        if _listed_with_people(text, f, by_start, people):
            evidence[name] += 1
    for name, n in evidence.items():
        if n >= 2 and (name in first_names() or n >= 3):
            retype[name] = "person"


def _described_organizations(text: str, found: list[Found], retype: dict[str, str]) -> None:
    """"Civic Action, a non-partisan civic engagement group", "Dixon Hall, a non-profit, multi-service
    agency": a name the text describes as an organization is one, whatever it looks like."""
    titled = {f.canonical for f in found if f.title}
    for f in found:
        if f.type in ("person", "other") and f.canonical not in titled and f.canonical not in retype \
                and ORG_APPOSITION.match(text, f.end, f.end + 90):
            retype[f.canonical] = "organization"


def _listed_with_people(text: str, f: Found, by_start: dict[int, Found], people: set[str]) -> bool:
    m = re.match(r"(?:,\s+|,?\s+and\s+)", text[f.end:f.end + 6])
    nxt = by_start.get(f.end + m.end()) if m else None
    if nxt is not None and nxt.canonical in people:
        return True
    for prev in (by_start.get(s) for s in range(max(0, f.start - 6), f.start)):
        if prev is not None and prev.canonical in people and re.fullmatch(r",\s+|,?\s+and\s+", text[prev.end:f.start]):
            return True
    return False
