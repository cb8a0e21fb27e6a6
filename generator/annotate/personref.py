"""Who "the prime minister", "the PM" and "the Tory leader" are: the person the article ties that role to
("Prime Minister Tony Blair", "Gordon Brown, the chancellor,", "Tony Blair, who is prime minister"). A role the
article never ties to a name stays unresolved: the annotator does not know who held an office."""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple, Sequence

from . import lexicon as lx
from .entities import Found
from .lexicon import normalise

# Words that make another office: "the shadow chancellor" is not the chancellor, "the minister" not the PM.
QUALIFIERS = frozenset("former ex late shadow deputy vice prime assistant junior outgoing incoming".split())
# Heads of role descriptions this resolves, beyond lexicon.ROLE_NOUNS.
EXTRA_HEADS = frozenset("pm dj presenter skipper gaffer md".split())
LINKS = frozenset("of the for and".split())


class Tie(NamedTuple):
    """The article says `person` holds `role` (normalised words) at `pos`."""

    pos: int
    person: str
    role: tuple[str, ...]


@functools.cache
def role_heads() -> frozenset[str]:
    return lx.ROLE_NOUNS | EXTRA_HEADS


@functools.cache
def title_words() -> frozenset[str]:
    """Lower-case words that may stand inside a role phrase ("prime", "foreign", "shadow")."""
    return frozenset(w.lower().rstrip(".") for w in lx.TITLES) | role_heads() | QUALIFIERS


def _parts(role: tuple[str, ...]) -> tuple[str, frozenset[str], frozenset[str]]:
    """The head (the last word before "of"), the modifiers before it and the words after "of"."""
    cut = role.index("of") if "of" in role else len(role)
    before = role[:cut]
    return (before[-1] if before else ""), frozenset(before[:-1]), frozenset(role[cut + 1:])


@functools.cache
def office_words() -> frozenset[str]:
    """Words that name which office ("foreign", "home", "health"): "the foreign secretary" is not the home one."""
    return frozenset(w.lower() for w in lx.TITLES if w[:1].isupper() and w.isalpha()) - role_heads() - QUALIFIERS \
        - PARTIES - {"former", "ex", "late", "acting", "senior", "chief", "head", "state"}


PARTIES = frozenset("tory labour liberal democrat republican snp plaid ukip green democrats republicans".split())


def matches(description: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """Whether a description fits a role the text ties to someone: the same head and qualifiers ("shadow",
    "deputy", "prime"), no office or party the tie does not give ("the foreign secretary" is not "Home
    Secretary", "the attorney general" not "Solicitor General", "the Tory leader" not "leader"); other words
    the tie does not give are allowed ("the Chester chairman" for "chairman Steve Vaughan")."""
    head, mods, where = _parts(description)
    rhead, rmods, rwhere = _parts(role)
    if not head or head != rhead or mods & QUALIFIERS != rmods & QUALIFIERS or not where <= rwhere:
        return False
    extra = mods - rmods - rwhere
    return not extra & (office_words() | role_heads() | PARTIES)


def exactly(description: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """Every word of the description is in the role."""
    _, mods, where = _parts(description)
    _, rmods, rwhere = _parts(role)
    return mods <= rmods | rwhere and where <= rwhere


_APPOSITION_AFTER = re.compile(r",\s+(?:who\s+is\s+|who\s+was\s+)?((?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w-]+)\s*[,.;]")
_APPOSITION_BEFORE = re.compile(r"\b[Tt]he\s+((?:[\w-]+\s+){0,3}?[\w-]+),\s+$")
_PREFIX = re.compile(r"((?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)\s+$")


def _role_words(phrase: str) -> tuple[str, ...] | None:
    """The normalised role if every word of the phrase can stand in one and it ends in a role head."""
    words = phrase.split()
    if not words or any(w.lower() not in title_words() and not (w[:1].isupper() and w.isalpha())
                        and w.lower() not in LINKS for w in words):
        return None
    role = normalise(phrase)
    head = _parts(role)[0]
    return role if head in role_heads() or head in ("minister", "secretary", "leader") else None


def role_ties(text: str, mentions: Sequence[Found]) -> tuple[Tie, ...]:
    """Every tie of a person to a role the text states, in text order: a title before the name (with the
    words before it that belong to the role: "Tory leader Michael Howard"), an apposition after it ("Gordon
    Brown, the chancellor,", "Tony Blair, who is prime minister") or before it ("the chancellor, Gordon Brown,")."""
    ties: list[Tie] = []
    for m in mentions:
        if m.type != "person":
            continue
        before = text[max(0, m.start - 50):m.start]
        prefix = _PREFIX.search(before)
        if prefix:  # the longest run of role words right before the name
            words = prefix.group(1).split()
            for k in range(len(words)):
                role = _role_words(" ".join(words[k:]))
                if role:
                    ties.append(Tie(m.start, m.canonical, role))
                    break
        after = _APPOSITION_AFTER.match(text, m.end, min(len(text), m.end + 60))
        if after:
            role = _role_words(after.group(1))
            if role:
                ties.append(Tie(m.start, m.canonical, role))
        apposed = _APPOSITION_BEFORE.search(before)
        if apposed:
            role = _role_words(apposed.group(1))
            if role:
                ties.append(Tie(m.start, m.canonical, role))
    return tuple(ties)


def role_holder(ties: Sequence[Tie], wanted: tuple[str, ...], pos: int,
                memo: dict | None = None) -> str | None:
    """The person the article ties the described role (normalised) to: one holder wherever tied; of several,
    the one tied last before pos, else the first after. None when no one is tied to it. `ties` are in
    text order; `memo` keeps each described role's fitting ties, so that a long text with many
    descriptions does not compare every tie with every description."""
    found = memo.get(wanted) if memo is not None else None
    if found is None:
        fits = [t for t in ties if matches(wanted, t.role)]
        fits = [t for t in fits if exactly(wanted, t.role)] or fits  # "the Tory leader": a Tory leader first
        found = (tuple(fits), [t.pos for t in fits])
        if memo is not None:
            memo[wanted] = found
    fits, positions = found
    if not fits:
        return None
    if all(t.person == fits[0].person for t in fits):
        return fits[0].person
    earlier = bisect.bisect_left(positions, pos)
    return fits[earlier - 1].person if earlier else fits[0].person


def is_role_description(phrase: str) -> bool:
    """"the prime minister", "the PM", "the Tory leader": a role the resolver can look up."""
    return _role_words(" ".join(w for w in phrase.split() if w.lower() not in ("the", "a", "an"))) is not None
