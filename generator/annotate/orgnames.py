"""One canonical name per organisation within a text: the short forms wire copy uses after the full name.

"Pacific Western Airlines Corp said … Pacific Western said" and "General Motors Corp … GM said": a company
named in full once is named by a prefix of its name or by its initials after, never defined in brackets.
Both join the full name, which stays the canonical (the fullest name the text gives, legal form kept).
"""
from __future__ import annotations

import re
from typing import Iterable

from . import lexicon as lx
from .chunks import is_acronym
from .gazetteer import first_names, is_common_word, places

# Legal forms are not part of the initials ("General Motors Corp" is GM); words of a company's kind are
# ("Trans World Airlines" is TWA).
FORMS = frozenset("Inc Inc. Corp Corp. Corporation Co Co. Cos Ltd Ltd. Limited Plc plc PLC LLC LLP LP AG SA NV BV "
                  "GmbH".split())
SKIPPED = frozenset("and of the & for de".split())


def _is_company(words: tuple[str, ...]) -> bool:
    return len(words) >= 2 and words[-1] in lx.LEGAL_SUFFIXES


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in FORMS and w not in SKIPPED and w[:1].isupper())


# First words many companies share: never a company's short form on their own.
GENERIC = frozenset("""General First National United International American Continental Federal Royal Great New
Standard Central Southern Northern Eastern Western Pacific Atlantic Union Universal Allied Consolidated Associated
Security Commercial Citizens Home Mutual Public Financial Capital Global Chase Bank Trust Investor Investors""".split())


def _may_shorten(short: str, text: str) -> bool:
    """A prefix that can stand for a company: not a place ("Texas Instruments"), a nationality ("American
    Express"), a first word many companies share ("General Motors", "First Chicago"), a given name, or a
    dictionary word the text also writes in lower case ("Apple" is Apple Computer Inc unless "apples" …)."""
    words = short.split()
    if short in places() or short in lx.DEMONYMS or words[0] in lx.DEMONYMS or words[-1] in SKIPPED:
        return False
    if len(words) == 1 and (short in GENERIC or short in first_names() or short in lx.ORG_SUFFIXES
                            or short.lower() in lx.FUNCTION_WORDS
                            or (is_common_word(short) and short.lower() in text)):
        return False
    return True


def join_short_forms(text: str, surfaces: Iterable[str], aliases: dict[str, str]) -> None:
    """Point each company's prefix or initials used in the text at its full name (in `aliases`, which maps a
    surface to its canonical name); a form two full names could take goes to the one named first."""
    surfaces = list(dict.fromkeys(surfaces))
    present = set(surfaces)
    companies = [s for s in surfaces if _is_company(tuple(s.replace(",", "").split())) and s not in aliases]
    claims: dict[str, set[str]] = {}
    exact: dict[str, str] = {}
    for full in companies:
        words = tuple(full.replace(",", "").split())
        core = words
        while len(core) > 1 and core[-1] in FORMS:
            core = core[:-1]
        for k in range(1, len(words)):
            short = " ".join(words[:k])
            if short in present and short not in aliases and _may_shorten(short, text):
                claims.setdefault(short, set()).add(full)
        initials = _initials(words)
        if len(initials) >= 2 and initials in present and initials not in aliases and is_acronym(initials):
            claims.setdefault(initials, set()).add(full)
        if core != words and " ".join(core) in present:  # "Canadian Pacific" is Canadian Pacific Ltd itself
            exact[" ".join(core)] = full
    # "the Bank said", "the Ministry added": a name's kind word alone is the one name the text gives with it
    for short in present:
        if " " not in short and short in lx.ORG_SUFFIXES and short not in aliases and short not in claims \
                and re.search(r"\b[Tt]he " + re.escape(short) + r"\b", text):
            holders = [s for s in surfaces if s != short and short in s.replace(",", "").split()
                       and s.split()[0] not in lx.DEMONYMS]
            if holders:
                exact[short] = holders[0]
    for short in exact.keys() - claims.keys():
        claims[short] = set()
    for short, fulls in claims.items():
        if short in exact:
            aliases[short] = aliases.get(exact[short], exact[short])
        elif fulls:
            # two companies of one prefix ("Pacific Western Airlines Corp", "Pacific Western Airlines Ltd"):
            # wire copy names its main one first
            full = min(fulls, key=surfaces.index)
            aliases[short] = aliases.get(full, full)
