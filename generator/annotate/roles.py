"""Roles an article gives its people: "Huawei's CEO Ren Zhengfei", "the founder of Huawei"."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Sequence

from . import lexicon as lx
from .entities import Found

POSSESSIVE = re.compile(r"['’]s\s+$")
KIN_OF = re.compile(r"['’]s\s+(" + "|".join(sorted(lx.KIN)) + r"),?\s+$", re.IGNORECASE)
ROLE_OF = re.compile(r"\b(?:the|its|his|her)\s+((?:[\w-]+\s+){0,2}?)([\w-]+)\s+of\s+$")


def _org_before(text: str, pos: int, mentions: Sequence[Found], index: int) -> Found | None:
    """The organization written as "Org's " right before pos."""
    if not POSSESSIVE.search(text[max(0, pos - 4):pos]):
        return None
    for m in reversed(mentions[max(0, index - 3):index]):
        if m.type in ("organization", "place") and POSSESSIVE.fullmatch(text[m.end:pos]):
            return m
    return None


def find_roles(text: str, mentions: Sequence[Found]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(canonical person, role) pairs in order, and role phrase -> person for "the founder of Huawei"."""
    pairs: list[tuple[str, str]] = []
    persons = [m for m in mentions if m.type == "person"]
    counts = Counter(p.canonical for p in persons)
    # mentions do not overlap: the persons' starts and ends both grow, and bisection finds those near a role
    starts, ends = [p.start for p in persons], [p.end for p in persons]
    for i, m in enumerate(mentions):
        if m.type == "person" and m.title:
            title_start = m.start - len(m.title) - 1
            org = _org_before(text, title_start, mentions, i) if title_start > 0 else None
            pairs.append((m.canonical, f"{m.title} of {org.canonical}" if org else m.title))
        if m.type != "person":
            # "the founder of Huawei": the person is the one the text is talking about.
            match = ROLE_OF.search(text[max(0, m.start - 60):m.start])
            if match and match.group(2).lower() in lx.ROLE_NOUNS:
                before = bisect.bisect_right(ends, m.start)           # persons[:before] end before the role
                after = bisect.bisect_right(starts, m.end)            # persons[after:] start after it
                # "I'm talking about Alfonso Espinos, who like Montalban was born …, says the founder of X":
                # of the people named just before, the one the text names most
                near = persons[bisect.bisect_right(ends, m.start - 400):before]
                who = max(reversed(near), key=lambda p: counts[p.canonical]) if near else \
                    persons[before - 1] if before else (persons[after] if after < len(persons) else None)
                if who is not None:
                    pairs.append((who.canonical, f"{match.group(2).lower()} of {m.canonical}"))
    for i, m in enumerate(mentions):
        # "Huawei's founder Ren Zhengfei" with a lower-case role noun.
        if m.type == "person" and not m.title:
            hit = re.search(r"([\w-]+)\s+$", text[max(0, m.start - 30):m.start])
            if hit and hit.group(1).lower() in lx.ROLE_NOUNS:
                pos = m.start - len(hit.group(0))
                org = _org_before(text, pos, mentions, i)
                role = hit.group(1).lower()
                pairs.append((m.canonical, f"{role} of {org.canonical}" if org else role))
    pairs = list(dict.fromkeys(pairs))
    by_role: dict[str, str] = {}
    for i, m in enumerate(mentions):
        # "Spindler's father, Joseph, says": later "His father said" is Joseph
        before = text[max(0, m.start - 30):m.start]
        if m.type != "person" or not ("'s " in before or "’s " in before):
            continue
        hit = KIN_OF.search(text, max(0, m.start - 30), m.start)
        if hit is None:
            continue
        owner = next((o for o in reversed(mentions[max(0, i - 3):i]) if o.type == "person" and o.end == hit.start()),
                     None)
        if owner is not None:
            by_role.setdefault(f"{hit.group(1).lower()} of {owner.canonical}", m.canonical)
    for person, role in pairs:
        by_role.setdefault(role.lower(), person)
        by_role.setdefault(role, person)
    return pairs, by_role
