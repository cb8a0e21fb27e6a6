"""Which organisation "the company", "the bank", "the ministry", "it" and "the report" stand for.

Wire copy names its main actor once ("Neutrogena Corp said …") and then says "The company said …", "It said
…", often after naming others in passing ("… filed with the Securities and Exchange Commission"). The nearest
organisation is then the wrong one. This ranks the organisations named before by salience: being the subject
of a sentence or of a speech verb, opening the story, being named often and recently, and by agreement with
the noun: "the bank" is a name with Bank in it, "the company" no ministry, regulator or exchange.
"""
from __future__ import annotations

import bisect
import math
import re
from typing import Sequence

from . import lexicon as lx
from .tokens import last_mark

# What a description's noun says about the name it stands for: words the name holds.
KIND_WORDS = {
    "bank": ("Bank", "Bancorp", "Banc", "Bancshares", "Banking", "Bankers", "Banque", "Banco"),
    "ministry": ("Ministry",), "department": ("Department", "Dept"),
    "agency": ("Agency", "Administration", "Department", "Bureau", "Office", "Service", "Commission", "Authority"),
    "union": ("Union", "Federation", "Workers"), "commission": ("Commission",), "board": ("Board",),
    "exchange": ("Exchange",), "embassy": ("Embassy",), "trust": ("Trust",), "party": ("Party",),
    "airline": ("Airlines", "Airways", "Air"), "carrier": ("Airlines", "Airways", "Air"),
    "council": ("Council",), "court": ("Court",), "fund": ("Fund",), "institute": ("Institute",),
    "office": ("Office",), "bureau": ("Bureau",), "partnership": ("Partnership", "Partners", "LP"),
}
# Kinds a name need not spell out ("the bank" is Wells Fargo too); the other kinds must be in the name.
LOOSE_KINDS = frozenset("bank airline carrier trust partnership".split())
COMPANY_NOUNS = frozenset("company firm group concern corporation retailer maker manufacturer producer utility "
                          "subsidiary unit parent insurer brewer chain operator developer publisher".split())
# Names that are no company: government, regulators, markets, parties, news agencies.
PUBLIC_WORDS = frozenset("""Ministry Department Commission Agency Administration Reserve Treasury Congress Senate House
Court Exchange Board Office Bureau Council Committee Party Government Parliament Embassy Authority Fed NASDAQ Nasdaq
Union Community Organisation Organization Police Army Navy Cabinet""".split())
# A name standing after these is the object of the sentence, not who the story is about.
OBJECT_BEFORE = frozenset("with of from to by at for against in into on over than".split())
SPEECH = re.compile(r"\s*(?:<[^>]*>\s*)?(?:\([^)]*\)\s*)?(?:,[^,.]{0,80},\s*)?(?:also\s+)?"
                    r"(?:said|says|reported|announced|added|told|expects|expected|forecast|estimated|noted|stated)\b")


def _agrees(noun: str | None, name: str) -> float:
    """+ when the name is of the noun's kind, - when it cannot be ("the company" is no ministry)."""
    if noun is None:
        return 0.0
    words = set(name.replace(",", " ").split())
    kind = KIND_WORDS.get(noun)
    if kind is not None:
        if words & set(kind) or (noun == "party" and words & lx.PARTY_WORDS):
            return 3.0
        return -1.5 if noun in LOOSE_KINDS else -100.0  # "the board" is never the Washington Post
    if noun in COMPANY_NOUNS:
        if words & lx.LEGAL_SUFFIXES:
            return 1.5
        return -3.0 if words & PUBLIC_WORDS or name in lx.ORG_NAMES else 0.0
    return 0.0


def _leading(text: str, start: int) -> bool:
    """The name opens its sentence or follows a dateline ("CHICAGO, March 2 - Sears … said")."""
    cut = last_mark(text, ".!?\n", 0, start)   # not text.rfind: a mark the text lacks would be looked for back to 0
    before = text[cut + 1:start].strip(" <\"“")
    if not before:
        return True
    return bool(re.search(r"\s[-–—]$", " " + before)) or before.endswith(("-", "–", "—"))


def salient_organization(text: str, mentions: Sequence, starts: Sequence[int], quoted_at, pos: int,
                         noun: str | None = None, speaker: bool = False) -> str | None:
    """The organisation named before `pos` that a description with head `noun` (None for "it") most likely
    stands for, or None when nothing fits. `quoted_at(pos)` tells a position inside a direct quotation;
    `speaker` asks for an organisation that spoke or led a sentence (who issued "the report")."""
    i = bisect.bisect_left(starts, pos) - 1
    lowest = max(-1, i - 80)
    seen: dict[str, list[float]] = {}  # canonical -> [count, subject, last end, lead, first start]
    first_subject = None
    while i > lowest:
        m = mentions[i]
        i -= 1
        if m.type != "organization" or pos - m.end > 4000 or quoted_at(m.start):
            continue
        entry = seen.setdefault(m.canonical, [0.0, 0.0, float(m.end), 0.0, float(m.start)])
        entry[0] += 1
        entry[4] = float(m.start)
        prev = text[max(0, m.start - 12):m.start].split()
        object_of = bool(prev) and prev[-1].lower() in OBJECT_BEFORE
        speaks = bool(SPEECH.match(text, m.end))
        if not object_of and (speaks or _leading(text, m.start)):
            entry[1] = max(entry[1], 2.5 if speaks else 1.5)
            first_subject = m.canonical  # read backwards: the last found opens the story
    best: tuple[float, str] | None = None
    for name, (count, subject, last_end, _, first) in seen.items():
        if speaker and not subject:
            continue
        score = subject + 0.8 * math.log2(1 + count) - (pos - last_end) / 600 + _agrees(noun, name)
        if name == first_subject:
            score += 1.0  # the story's first subject: wire copy's main actor
        if best is None or score > best[0]:
            best = (score, name)
    if best is None or (noun is not None and best[0] < -3.0):
        return None
    return best[1]
