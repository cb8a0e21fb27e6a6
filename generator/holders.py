"""Who held an office on an article's date, across the archive.

The annotator resolves "the prime minister" only when its article ties the role to a name
("Prime Minister Tony Blair", "Gordon Brown, the chancellor,"); otherwise the quote keeps the
description as its speaker and no name. This step, run once the archive is gathered (after the
editor's corrections and names.unify_names, never in `annotate`'s output), gives such a quote to
the holder the archive knows for its article's date, marked Quote.how "role":

1. The registry's dated roles (content/entities.yaml, `roles:`): the one entity holding a fitting
   title that day. Two entities holding it that day (co-holders, a handover day) name nobody, and
   the articles are not asked: the curator said the office was shared.
2. Else the roles other articles state with a name: of the articles dated within WINDOW_DAYS
   either side that tie a person to the same office, the person named by at least LEAST of them
   and by at least DOMINANCE of those naming either of the two most named (dominates). Offices
   change hands rarely, so a year around the date gathers enough articles in a sparse archive;
   the foreign holders each named once ("Prime Minister Manmohan Singh") do not hide the one the
   archive is about, while near a handover the two holders share the window, neither reaches
   DOMINANCE, and the step names nobody rather than guess. Each article counts once a person (an
   article writing "Prime Minister Tony Blair" ten times is one vote).

Never when the article names another person the archive gives a fitting office (an article naming
Gerhard Schroeder, whom another article calls "German Chancellor", may mean him by "the
chancellor"), nor for an office many hold at once ("the spokesman") or a time-relative one ("the
former prime minister"). Each resolved article gets a new digest, so exactly the pages that show
its quotes are rendered again when a holder changes.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections import Counter
from dataclasses import replace
from typing import Callable, Iterable, Sequence, TypeVar

from .annotate.model import Quote
from .annotate.lexicon import TITLE_SYNONYMS, normalise
from .annotate.personref import is_role_description, matches, role_ties
from .annotate.registry import Registry
from .fingerprint import digest
from .models import AnnotatedArticle

WINDOW_DAYS = 183
DOMINANCE = 0.8
LEAST = 3
# Offices many people hold at once, and words that make the office another one or another time.
MANY_HOLDERS = frozenset("spokesman spokeswoman spokesperson official officer analyst member".split())
TIME_WORDS = frozenset("former ex late outgoing incoming then new acting interim".split())
NEAR = 60          # characters around a name where a role tied to it is written (personref.role_ties)
T = TypeVar("T")
Memo = Callable[[str, Callable[[], T]], T]


def _parts(role: Sequence[str]) -> tuple[str, frozenset[str]]:
    """The head (the last word before "of") and the words before it."""
    cut = role.index("of") if "of" in role else len(role)
    return (role[cut - 1] if cut else ""), frozenset(role[:cut - 1] if cut else ())


def fits(description: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """Whether a tie or registry title may be the office the description names: personref.matches,
    and every word of the description is in the role ("the Israeli prime minister" is not "Prime
    Minister")."""
    words = set(role)
    return matches(description, role) and all(word in words for word in description)


def same_office(description: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """A fitting role that adds no word before its head: "Chancellor of the Exchequer" is "the
    chancellor", "German Chancellor" is another office."""
    return fits(description, role) and _parts(role)[1] <= _parts(description)[1]


def wanted(quote: Quote) -> tuple[str, ...] | None:
    """The office a quote's unresolved speaker names ("the prime minister", "the PM"), normalised; None
    when it names none this step resolves."""
    written = quote.speaker
    if quote.speaker_canonical is not None or quote.how is not None or not written:
        return None
    first, _, rest = written.partition(" ")
    if first.casefold() != "the" or not is_role_description(written):
        return None
    role = normalise(rest)
    head, before = _parts(role)
    if not head or head in MANY_HOLDERS or head.endswith("s") and head[:-1] in MANY_HOLDERS or before & TIME_WORDS:
        return None
    return role


def _spellings(heads: Iterable[str]) -> tuple[str, ...]:
    """How the heads may be written before or after a name, in lower case: themselves and their short
    forms ("pm")."""
    heads = set(heads)
    return tuple(sorted(heads | {short for short, full in TITLE_SYNONYMS.items() if heads & set(full.split())}))


def _ties(item: AnnotatedArticle, heads: frozenset[str], spellings: tuple[str, ...]
          ) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The article's distinct ties of a person to a role with one of `heads` (personref.role_ties), by
    head, looked for only at the names with one of the heads' `spellings` near them: most names have
    none, and role_ties reads three patterns a name. A head's ties are the same whichever other heads
    are asked: its own spellings are near each of them."""
    found = sorted(_places(item.article.text.lower(), spellings))
    if not found:
        return {}
    near = [m for m in item.annotations.mentions if m.type == "person"
            and (at := bisect.bisect_left(found, m.start - NEAR)) < len(found) and found[at] <= m.end + NEAR]
    by_head: dict[str, list] = {}
    for tie in dict.fromkeys((t.person, t.role) for t in role_ties(item.article.text, near)) if near else ():
        if (head := _parts(tie[1])[0]) in heads:
            by_head.setdefault(head, []).append(tie)
    return {head: tuple(ties) for head, ties in by_head.items()}


def _places(text: str, words: Sequence[str]) -> Iterable[int]:
    """Where each of `words` occurs in `text` (str.find: a regex of alternatives is ten times slower)."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            yield at
            at = text.find(word, at + 1)


class Archive:
    """The ties the articles state (by date) and the registry's dated roles, asked per description."""

    def __init__(self, annotated: Sequence[AnnotatedArticle], registry: Registry, heads: Iterable[str],
                 memo: Memo = lambda key, compute: compute()):
        # head → the dates of the articles tying someone to a role with that head (oldest first), and those ties
        self.by_head: dict[str, tuple[list[dt.date], list[tuple[tuple[str, tuple[str, ...]], ...]]]] = {}
        heads = frozenset(heads)
        spellings = _spellings(heads)
        for item in sorted(annotated, key=lambda item: (item.article.date, item.article.slug)):
            every = functools.cache(functools.partial(_ties, item, heads, spellings))   # found at the first miss
            for head in sorted(heads):
                find = functools.partial(lambda every, head: every().get(head, ()), every, head)
                found = memo(f"{item.digest} {head}", find) if item.digest else find()
                if found:
                    dates, tied = self.by_head.setdefault(head, ([], []))
                    dates.append(item.article.date)
                    tied.append(found)
        self.registry = [(entity.name, normalise(role.title), role) for entity in registry.entities
                         for role in entity.roles]
        self.fitting: dict[tuple, tuple[bool, bool]] = {}    # (description, role) → (fits, same_office)

    def _fit(self, description: tuple[str, ...], role: tuple[str, ...]) -> tuple[bool, bool]:
        pair = (description, role)
        if pair not in self.fitting:
            self.fitting[pair] = (fits(description, role), same_office(description, role))
        return self.fitting[pair]

    def holder(self, description: tuple[str, ...], day: dt.date, named: set[str]) -> str | None:
        """Who held the described office on `day`, when the archive clearly knows; None when it does not,
        or when the article naming `named` people names another holder of a fitting office."""
        on_day = [(name, title) for name, title, role in self.registry if role.held_on(day)]
        others = {name for name, title in on_day if fits(description, title)}
        registered = {name for name, title in on_day if same_office(description, title)}
        if len(registered) > 1:
            return None                        # a shared office that day: the registry names nobody
        dates, tied = self.by_head.get(_parts(description)[0], ([], []))
        lo = bisect.bisect_left(dates, day - dt.timedelta(days=WINDOW_DAYS))
        hi = bisect.bisect_right(dates, day + dt.timedelta(days=WINDOW_DAYS))
        votes: Counter = Counter()
        for ties in tied[lo:hi]:
            voters = set()
            for person, role in ties:
                fitting, same = self._fit(description, role)
                if fitting:
                    others.add(person)
                    if same:
                        voters.add(person)
            votes.update(voters)
        if registered:
            holder = next(iter(registered))
        else:
            ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            if not ranked or not dominates(ranked[0][1], ranked[1][1] if len(ranked) > 1 else 0):
                return None
            holder = ranked[0][0]
        return None if named & (others - {holder}) else holder


def dominates(most: int, second: int) -> bool:
    """Whether the person most articles of the window name holds the office clearly: named by at least
    LEAST articles, and by at least DOMINANCE of the articles naming either of the two most named."""
    return most >= LEAST and most >= DOMINANCE * (most + second)


def resolve_roles(annotated: Sequence[AnnotatedArticle], registry: Registry, memo: Memo | None = None
                  ) -> tuple[AnnotatedArticle, ...]:
    """The articles with each quote whose speaker is an unresolved office given to its holder on the
    article's date, when the archive knows one (see the module's docstring). `memo(key, compute)` may
    keep each article's ties to an office between builds (Memo.get_or_make), by the article's digest
    and the office's head word: they depend on nothing else."""
    asked = {item.article.slug: [(i, role) for i, q in enumerate(item.annotations.quotes) if (role := wanted(q))]
             for item in annotated}
    if not any(asked.values()):
        return tuple(annotated)
    heads = {_parts(role)[0] for found in asked.values() for _, role in found}
    archive = Archive(annotated, registry, heads, memo) if memo else Archive(annotated, registry, heads)
    out = []
    for item in annotated:
        found = asked[item.article.slug]
        named = {m.canonical for m in item.annotations.mentions if m.type == "person"} if found else set()
        given = [(i, holder) for i, role in found if (holder := archive.holder(role, item.article.date, named))]
        if not given:
            out.append(item)
            continue
        quotes = list(item.annotations.quotes)
        for i, holder in given:
            quotes[i] = quotes[i]._replace(speaker_canonical=holder, how="role")
        out.append(replace(item, annotations=replace(item.annotations, quotes=tuple(quotes)),
                           digest=digest(item.digest, "roles", repr(given)) if item.digest else ""))
    return tuple(out)
