"""Chunks -> typed mentions with one canonical name per real thing, within one text."""
from __future__ import annotations

import re
from typing import NamedTuple

from . import lexicon as lx
from .chunks import Chunk, find_chunks, is_acronym
from .gazetteer import first_names, is_common_word, places
from .registry import Registry

ABBREVIATION = re.compile(r"\s*\(([^()\s]{2,12})\)")
AGE = re.compile(r",\s*\d{1,3},")
WORD_BEFORE = re.compile(r"([\w-]+)\W*$")


class Found(NamedTuple):
    start: int
    end: int
    type: str
    canonical: str
    title: str | None


def intrinsic_type(surface: str, tokens: tuple[str, ...]) -> str | None:
    """The type a name has whatever its context, or None when only context can tell."""
    if surface in places() or surface.replace("the ", "") in places():
        return "place"
    last = tokens[-1]
    if last in lx.OTHER_SUFFIXES and len(tokens) > 1:
        return "other"
    head = tokens[:tokens.index("of")] if "of" in tokens else ()
    if last in lx.ORG_SUFFIXES or any(t in lx.ORG_SUFFIXES for t in head):
        return "organization"
    if last in lx.PLACE_SUFFIXES:
        return "place"
    if len(tokens) == 1 and is_acronym(surface):
        return "organization"
    if any(c.isdigit() for c in surface) or any(c.islower() for c in surface[:1]):
        return "other"
    if len(tokens) >= 2 and tokens[0] in places() and not (tokens[0] in first_names() and not is_common_word(last)):
        return "organization"  # "Vancouver Canucks", "Kenya Red Cross"
    if len(tokens) >= 2 and tokens[0] in first_names() and "of" not in tokens \
            and (len(tokens) == 2 or not is_common_word(last)):
        return "person"
    if 2 <= len(tokens) <= 3 and not any(is_common_word(t) for t in tokens):
        return "person"
    return None


def _context_votes(text: str, chunk: Chunk) -> dict[str, int]:
    votes = {"person": 0, "organization": 0, "place": 0}
    if chunk.title:
        votes["person"] += 3
    before = text[max(0, chunk.start - 40):chunk.start]
    after = text[chunk.end:chunk.end + 40]
    prev = WORD_BEFORE.search(before)
    prev_word = prev.group(1).lower() if prev else ""
    if prev_word in lx.ORG_NOUNS:
        votes["organization"] += 2
    if re.match(r"['’]s\s+(?:[\w-]+\s+)?([\w-]+)", after):
        nxt = re.match(r"['’]s\s+([\w-]+)(?:\s+([\w-]+))?", after)
        if nxt and (nxt.group(1).lower() in lx.ORG_POSSESSED or (nxt.group(2) or "").lower() in lx.ORG_POSSESSED):
            votes["organization"] += 2
    if AGE.match(after):
        votes["person"] += 3
    if prev_word in ("in", "from", "near", "across", "to", "outside") and chunk.tokens[0].text not in first_names():
        votes["place"] += 1
    nxt_word = re.match(r"\s+(\w+)", after)
    if nxt_word and nxt_word.group(1) in ("said", "says", "told", "added") and len(chunk.tokens) > 1:
        votes["person"] += 1
    return votes


def _is_junk_single(chunk: Chunk, surface: str, capitalised_mid: set[str]) -> bool:
    if surface in lx.DEMONYMS or surface.rstrip("s") in lx.DEMONYMS or surface in lx.TIME_WORDS:
        return True
    if surface.lower().replace("’", "'") in lx.FUNCTION_WORDS or surface.lower() in lx.PRONOUNS:
        return True
    if surface in lx.TITLES or surface in lx.HONORIFICS:
        return True
    if surface in places() or is_acronym(surface):
        return False
    if chunk.initial:
        return surface not in capitalised_mid
    return is_common_word(surface) and surface not in lx.ORG_SUFFIXES


def detect(text: str, registry: Registry) -> list[Found]:
    """Every mention of `text`, typed and canonical, sorted and without overlaps."""
    chunks = [c for c in find_chunks(text) if text[c.start:c.end] not in registry.never]
    plain = [c for c in chunks if not c.shouting]
    capitalised_mid = {text[c.start:c.end] for c in plain if not c.initial}
    aliases: dict[str, str] = {}
    types: dict[str, str] = {}
    # Registry first: it always wins.
    for c in chunks:
        entity = registry.lookup(text[c.start:c.end])
        if entity is not None:
            aliases[text[c.start:c.end]] = entity.name
            types[entity.name] = entity.type
    # Full names introduced in the text; later parts of them resolve to them.
    for c in plain:
        surface = text[c.start:c.end]
        if surface in aliases:
            continue
        words = tuple(t.text for t in c.tokens)
        kind = intrinsic_type(surface, words)
        if kind is None and c.title and len(words) >= 2:
            kind = "person"
        if kind == "person" and len(words) >= 2:
            types.setdefault(surface, "person")
            for part in (words[-1], words[0], " ".join(words[1:]), " ".join(words[-2:])):
                if part not in aliases and part not in lx.HONORIFICS and len(part) > 1:
                    aliases[part] = aliases.get(surface, surface)
    # Abbreviations defined in the text: "United States of America (US)".
    for c in plain:
        m = ABBREVIATION.match(text, c.end)
        if m and m.group(1).isupper() and m.group(1) not in aliases:
            long = text[c.start:c.end]
            aliases[m.group(1)] = aliases.get(long, long)
    votes: dict[str, dict[str, int]] = {}
    found: list[tuple[Chunk, str]] = []
    for c in chunks:
        surface = text[c.start:c.end]
        if _is_credit(text, c):
            continue
        if c.shouting:
            found.extend(_from_shouting(text, c, aliases, capitalised_mid))
            continue
        if surface not in aliases and len(c.tokens) == 1 and _is_junk_single(c, surface, capitalised_mid):
            continue
        if surface not in aliases and c.initial and surface not in capitalised_mid \
                and intrinsic_type(surface, tuple(t.text for t in c.tokens)) is None and len(c.tokens) == 1:
            continue
        canonical = aliases.get(surface, surface)
        found.append((c, canonical))
        tally = votes.setdefault(canonical, {"person": 0, "organization": 0, "place": 0})
        for kind, n in _context_votes(text, c).items():
            tally[kind] += n
    out = []
    for c, canonical in found:
        kind = types.get(canonical) or _decide(canonical, votes.get(canonical, {}), c)
        out.append(Found(c.start, c.end, kind, canonical, c.title))
    return out


def _is_credit(text: str, chunk: Chunk) -> bool:
    """A photo credit such as "(Evan Vucci/Associated Press)" names no one the article is about."""
    return text[chunk.end:chunk.end + 1] == "/" or text[chunk.start - 1:chunk.start] == "/" and \
        text.rfind("(", 0, chunk.start) > text.rfind(")", 0, chunk.start)


def _decide(canonical: str, votes: dict[str, int], chunk: Chunk) -> str:
    kind = intrinsic_type(canonical, tuple(canonical.split()))
    if kind is not None:
        return kind
    if votes and max(votes.values()) > 0:
        return max(sorted(votes), key=lambda k: votes[k])
    return "other"


def _from_shouting(text: str, chunk: Chunk, aliases: dict[str, str], known: set[str]) -> list[tuple[Chunk, str]]:
    """In an all-capitals headline keep only words the rest of the text or the gazetteer names."""
    out = []
    tokens = chunk.tokens
    i = 0
    while i < len(tokens):
        for n in (3, 2, 1):
            part = tokens[i:i + n]
            if len(part) < n:
                continue
            surface = " ".join(t.text for t in part).title()
            if surface in known or surface in places() or surface in aliases:
                sub = Chunk(part[0].start, part[-1].end, part, False, None, True)
                out.append((sub, aliases.get(surface, surface)))
                i += n
                break
        else:
            i += 1
    return out
