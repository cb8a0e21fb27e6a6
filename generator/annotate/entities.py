"""Chunks -> typed mentions with one canonical name per real thing, within one text."""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from typing import NamedTuple

from . import lexicon as lx
from .chunks import ARTICLE_NAME, Chunk, find_chunks, is_acronym
from .gazetteer import countries, first_names, is_common_word, places
from .orgnames import join_short_forms
from .registry import Registry
from .tokens import before_space, last_mark, next_mark

ABBREVIATION = re.compile(r">?\s*\(([^()\s]{2,12})\)")  # "<Nippon Telegraph and Telephone Corp> (NTT)"
AGE = re.compile(r",\s*\d{1,3},")
WORD_BEFORE = re.compile(r"([\w-]+)\W*$")
ORG_AFTER = re.compile(r"\s+(?:said in a statement|shares\b|stock\b|Inc\b|Corp\b|Ltd\b|spokes(?:man|woman)\b"
                       r"|news agency|newspaper|officials\b|executives\b|chairman\b)")


INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _surname_like(word: str) -> bool:
    """A surname has a vowel unless it is short ("Ng"): "Dlr", "Mln" are abbreviations."""
    return len(word) <= 2 or any(c in "aeiouyAEIOUY" for c in word)


class Found(NamedTuple):
    start: int
    end: int
    type: str
    canonical: str
    title: str | None


@functools.lru_cache(maxsize=65536)
def intrinsic_type(surface: str, tokens: tuple[str, ...]) -> str | None:
    """The type a name has whatever its context, or None when only context can tell."""
    if surface in places() or surface.replace("the ", "") in places() \
            or (surface.isupper() and len(surface) > 3 and surface.title() in places()):
        return "place"  # "LONDON 1996-08-30"
    last = tokens[-1]
    if surface in lx.ORG_NAMES or "&" in surface or (len(tokens) > 1 and tokens[0] in lx.CLUB_HEADS
                                                     and tokens[1] in places()):
        return "organization"  # "Reuters", "Douglas & Lomason", "Dynamo Moscow", "Real Madrid"
    if last in lx.OTHER_SUFFIXES and len(tokens) > 1:
        return "other"
    cut = next((n for n, t in enumerate(tokens) if t in ("of", "on", "for")), 0)
    head = tokens[:cut]  # "Bank of Canada", "National Institute on Drug Abuse"
    if last in lx.ORG_SUFFIXES or last in lx.LEGAL_SUFFIXES or any(t in lx.ORG_SUFFIXES for t in head) or last in lx.PARTY_WORDS \
            or (len(tokens) > 1 and tokens[0] in lx.PARTY_WORDS):
        return "organization"
    if last in lx.PLACE_SUFFIXES:
        return "place"
    if len(tokens) > 1 and last in lx.TITLES and last.isupper():
        return "other"  # "Huawei CFO": a company and a title, not a name
    if len(tokens) == 1 and is_acronym(surface):
        return "organization"
    if any(c.isdigit() for c in surface) or (surface[:1].islower() and not ARTICLE_NAME.match(surface)):
        return "other"
    if len(tokens) == 2 and INITIALS.fullmatch(tokens[0]) and not _surname_like(last):
        return None  # "H.K. Dlr": a currency, not initials and a surname
    if len(tokens) == 2 and (len(tokens[0]) == 1 and tokens[0].isupper() or INITIALS.fullmatch(tokens[0])
                             and tokens[0] not in places()) and not is_acronym(last):
        return "person"  # "P. Simmons", "P.S. Tam"
    if tokens[0] in ("St", "St.", "Saint"):
        return None
    named = first_names().get(tokens[0]) in ("male", "female") and len(tokens) in (2, 3) and last[-1:] != "s"
    if len(tokens) >= 2 and tokens[0] in places() and not named \
            and not (tokens[0] in first_names() and not is_common_word(last)):
        return "organization"  # "Vancouver Canucks", "Kenya Red Cross"
    if len(tokens) == 2 and last in countries() and is_common_word(tokens[0]) and tokens[0] not in lx.DEMONYMS \
            and (tokens[0] in lx.AGENCY_WORDS or (tokens[0].endswith("s") and not tokens[0].endswith("ss"))):
        return "organization"  # "Statistics Canada", "Health Canada", "Air Canada": a country's agency or firm
    if len(tokens) >= 2 and tokens[0] in first_names() and "of" not in tokens \
            and (len(tokens) == 2 or not is_common_word(last)):
        return "person"
    if 2 <= len(tokens) <= 3 and not any(is_common_word(t) for t in tokens):
        return "person"
    if len(tokens) == 1 and first_names().get(surface) in ("male", "female") and not is_common_word(surface):
        return "person"  # "Demi", "Colton": people the story calls by their first name
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
    if prev_word.endswith("-based") or ORG_AFTER.match(after) or (prev_word in lx.ORG_CONTEXT_BEFORE
                                                                  and len(chunk.tokens) <= 3):
        votes["organization"] += 2  # "Ontario-based Magna", "X said in a statement", "shares of X"
    if re.match(r",\s+who\b", after):
        votes["person"] += 1
    elif re.match(r",\s+which\b", after):
        votes["organization"] += 1
    if prev_word in ("in", "from", "near", "across", "to", "outside") and chunk.tokens[0].text not in first_names():
        votes["place"] += 1
    nxt_word = re.match(r"\s+(\w+)", after)
    if nxt_word and nxt_word.group(1) in ("said", "says", "told", "added") and len(chunk.tokens) > 1:
        votes["person"] += 1
    return votes


NUMBER_AFTER = re.compile(r"[ \t]+[-+]?\d")
NUMBERS = re.compile(r"(?<![\w.])\d+(?:[-./]\d+)?(?![\w.])")


def _table_cell(text: str, chunk: Chunk) -> bool:
    """A name heading a row of figures ("Puchon 3 1 0 6 1 10", "Wigan 42 Bradford Bulls 36"): a name, whatever
    a dictionary says of the word (results tables name teams "Sale" and "Bath")."""
    if not NUMBER_AFTER.match(text, chunk.end):
        return False
    # Offsets, not copies of the line: a text of one long line would be copied for each name.
    line_start = last_mark(text, "\n", 0, chunk.start) + 1
    before = before_space(text, chunk.start, line_start)  # the end of text[line_start:chunk.start].rstrip()
    if before > line_start and not text[before - 1].isdigit():
        return False
    line_end = next_mark(text, "\n", chunk.end)
    numbers = NUMBERS.finditer(text, line_start, line_end if line_end >= 0 else len(text))
    return next(itertools.islice(numbers, 1, None), None) is not None  # two or more


def _is_junk_single(chunk: Chunk, surface: str, capitalised_mid: set[str], cell: bool = False) -> bool:
    if surface in lx.DEMONYMS or surface.rstrip("s") in lx.DEMONYMS or surface in lx.TIME_WORDS:
        return True
    if surface.lower().replace("’", "'") in lx.FUNCTION_WORDS or surface.lower() in lx.PRONOUNS:
        return True
    if surface in lx.TITLES or surface in lx.HONORIFICS:
        return True
    if surface in places() or is_acronym(surface) or cell or surface in lx.ORG_NAMES:
        return False
    if chunk.initial:
        return surface not in capitalised_mid
    return is_common_word(surface) and surface not in lx.ORG_SUFFIXES


# "Amy Forliti and Todd Richmond, The Associated Press", "Annabelle Liang contributed to this story".
BYLINE = re.compile(r"^[^\S\n]*(?:By\s+)?[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]*){1,7}"
                    r"(?:,\s+(?:The\s+)?[\w ]{0,40}(?:Press|News|Reuters|Post|Times|Star|Staff|Bloomberg|AFP|Writer|Reporter"
                    r"|Correspondent|Service|Wire)\.?|\s+contributed to this (?:story|report)[^\n]*"
                    r"|\s+is an? [^\n]{0,60}(?:editor|reporter|writer|columnist|correspondent)[^\n]*)[^\S\n]*$",
                    re.MULTILINE)


# "READ MORE: Ellen DeGeneres faces backlash …", "WATCH: …": a link to another story, not this one's people.
# "Associated Press researcher Randy Herschaft in New York contributed to this report."
RELATED = re.compile(r"^[^\S\n]*(?:READ MORE|WATCH(?: BELOW| LIVE)?|LOOK|RELATED|MORE|LISTEN|SEE ALSO)\s*:[^\n]*"
                     r"|^[^\n]{0,120}\bcontributed to this (?:story|report|article)[^\n]*"
                     r"|^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3} is an? [^\n]{0,40}(?:editor|reporter|writer|columnist|"
                     r"correspondent|contributor)\b[^\n]*", re.MULTILINE)


def _bylines(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in BYLINE.finditer(text) if m.end() - m.start() < 160] \
        + [m.span() for m in RELATED.finditer(text)]


def detect(text: str, registry: Registry) -> list[Found]:
    """Every mention of `text`, typed and canonical, sorted and without overlaps."""
    bylines = _bylines(text) if "\n" in text else []
    chunks = [c for c in find_chunks(text) if text[c.start:c.end] not in registry.never
              and not any(s <= c.start < e for s, e in bylines)]
    chunks = [c for c in _split_matchups(chunks, text) if not _shouted_words(c)]
    plain = [c for c in chunks if not c.shouting]
    mid_counts = Counter(text[c.start:c.end] for c in plain if not c.initial)
    capitalised_mid = set(mid_counts)
    # A word capitalised inside sentences again and again and never written in lower case is a name
    # ("Leicestershire beat Somerset", "Somerset 83 and 174") even where a dictionary lists it.
    proper = {w for w, n in mid_counts.items() if n >= 2 and " " not in w and w[0].isupper() and not w.isupper()
              and is_common_word(w)}
    proper -= _written_in_lower_case(text, proper)
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
    _merge_short_forms(aliases, types)
    join_short_forms(text, (text[c.start:c.end] for c in plain), aliases)
    # Abbreviations defined in the text: "United States of America (US)".
    for c in plain:
        m = ABBREVIATION.match(text, c.end)
        if m and m.group(1).isupper() and m.group(1) not in aliases and _initials_fit(m.group(1), c):
            long = text[c.start:c.end]
            aliases[m.group(1)] = aliases.get(long, long)
    votes: dict[str, dict[str, int]] = {}
    found: list[tuple[Chunk, str]] = []
    chunk_ends = [c.end for c in chunks]
    for c in chunks:
        surface = text[c.start:c.end]
        if _is_credit(text, c):
            continue
        if c.shouting:
            found.extend(_from_shouting(text, c, aliases, capitalised_mid))
            continue
        cell = _table_cell(text, c)
        if surface not in aliases and len(c.tokens) == 1 and surface not in proper \
                and _is_junk_single(c, surface, capitalised_mid, cell):
            continue
        if surface not in aliases and c.initial and surface not in capitalised_mid and not cell \
                and intrinsic_type(surface, tuple(t.text for t in c.tokens)) is None and len(c.tokens) == 1:
            continue
        canonical = aliases.get(surface, surface)
        if canonical != surface and len(c.tokens) == 1 and canonical.split()[0] == surface:
            kin = KIN_BEFORE.search(text, max(0, c.start - 40), c.start)
            family = canonical.split()[-1]
            if kin and _family_name(chunks, chunk_ends, kin.start()) != family \
                    and family not in text[max(0, c.start - 300):c.start]:
                # "Spindler's father, Joseph, says" is not the Joseph Boinnet named long before; "Ozzy Osbourne …
                # His wife Sharon" is Sharon Osbourne, "Kody Cook … her son Kody" is Kody Cook
                canonical = surface
        found.append((c, canonical))
        tally = votes.setdefault(canonical, {"person": 0, "organization": 0, "place": 0})
        for kind, n in _context_votes(text, c).items():
            tally[kind] += n
    out = []
    for c, canonical in found:
        kind = types.get(canonical) or _decide(canonical, votes.get(canonical, {}), c)
        if kind == "person" and not c.title and text[max(0, c.start - 4):c.start] == "The " \
                and text[c.end:c.end + 1] != "-":
            kind = "other"  # "in The Night Manager": people's names take no article; works and papers do
        out.append(Found(c.start, c.end, kind, canonical, c.title))
    return out


WORD_RUN = re.compile(r"\w+")


def _written_in_lower_case(text: str, words: set[str]) -> set[str]:
    """The words of `words` whose lower-case form the text writes as a whole word. One pass over the text
    for all of them: a search of the whole text for each word grows with the text twice over."""
    if not words:
        return set()
    plain = {w for w in words if WORD_RUN.fullmatch(w.lower())}  # a run of word characters: a word of the text
    runs = set(WORD_RUN.findall(text)) if plain else set()
    return {w for w in plain if w.lower() in runs} \
        | {w for w in words - plain if re.search(r"\b" + re.escape(w.lower()) + r"\b", text)}


CREDIT_AFTER = re.compile(r"\s?/")
KIN_BEFORE = re.compile(r"(?:['’]s|\b(?:his|her|their))\s+(?:" + "|".join(sorted(lx.KIN)) + r"),?\s+$", re.IGNORECASE)


def _family_name(chunks: list[Chunk], ends: list[int], pos: int) -> str | None:
    """The last word of the name right before pos ("Spindler's father", "Ozzy Osbourne … His wife").
    `ends`: the chunks' ends, which grow as the chunks do not overlap."""
    i = bisect.bisect_right(ends, pos) - 1
    return chunks[i].tokens[-1].text if i >= 0 and pos - ends[i] < 300 else None


def _split_matchups(chunks: list[Chunk], text: str) -> list[Chunk]:
    """"the Manchester United-Arsenal game", "a Blair-Brown feud": two names the text also uses on their own,
    joined by a hyphen, are two mentions."""
    if not any("-" in c.tokens[-1].text[1:] and c.tokens[-1].text.partition("-")[2][:1].isupper() for c in chunks):
        return chunks
    names = {text[c.start:c.end] for c in chunks} | {c.tokens[-1].text for c in chunks if len(c.tokens) > 1}
    out = []
    for c in chunks:
        last = c.tokens[-1]
        left, _, right = last.text.partition("-")
        surface = text[c.start:c.end]
        whole_left = surface[:len(surface) - len(right) - 1]
        if right[:1].isupper() and left[:1].isupper() and "-" not in right \
                and (whole_left in names or whole_left in places()) and (right in names or right in places()):
            cut = last.start + len(left)
            head = c.tokens[:-1] + (last._replace(end=cut, text=left),)
            tail = (last._replace(start=cut + 1, text=right, initial=False),)
            out.append(c._replace(end=cut, tokens=head))
            out.append(Chunk(cut + 1, c.end, tail, False, None, c.shouting))
        else:
            out.append(c)
    return out


def _shouted_words(chunk: Chunk) -> bool:
    """"AND OTHER GAFFES", "HOW IT ALL STARTED": a phrase in capitals made of ordinary words names nothing."""
    words = [t.text for t in chunk.tokens]
    return not chunk.shouting and len(words) >= 2 and all(w.isupper() and w.isalpha() for w in words) \
        and all(w.lower() in lx.FUNCTION_WORDS or is_common_word(w) for w in words) \
        and not any(w in places() or w.title() in places() or w in lx.ORG_NAMES for w in words)


def _merge_short_forms(aliases: dict[str, str], types: dict[str, str]) -> None:
    """"Xander Wise" is "Alexander Wise" (a first name that is a part of the other, same surname): one
    person, named by the fullest form."""
    people = [n for n, t in types.items() if t == "person" and " " in n]
    by_last: dict[str, list[str]] = {}
    for name in people:
        by_last.setdefault(name.split()[-1], []).append(name)
    for names in by_last.values():
        for short in names:
            first = short.split()[0]
            longer = [n for n in names if n != short and len(n.split()[0]) > len(first) >= 3
                      and n.split()[0].lower().strip(".").find(first.lower()) >= 0]
            if len(longer) == 1:
                target = aliases.get(longer[0], longer[0])
                for key, value in list(aliases.items()):
                    if value == short:
                        aliases[key] = target
                aliases[short] = target


def _initials_fit(abbreviation: str, chunk: Chunk) -> bool:
    """"World Health Organization (WHO)" defines WHO; "Michael Johnson (U.S.)" does not define U.S."""
    letters = [c for c in abbreviation if c.isalpha()]
    initials = "".join(t.text[0] for t in chunk.tokens if t.text[0].isupper())
    return bool(letters) and letters[0] == initials[:1] and all(c in initials for c in letters)


def _is_credit(text: str, chunk: Chunk) -> bool:
    """A photo credit such as "(Evan Vucci/Associated Press)" or "Tijana Martin / The Canadian Press"
    names no one the article is about."""
    if CREDIT_AFTER.match(text, chunk.end):
        return True
    line_start = text.rfind("\n", max(0, chunk.start - 30), chunk.start) + 1  # only the last 30 characters count
    before = text[max(line_start, chunk.start - 30):chunk.start]
    return "/" in before and len(before[before.rfind("/") + 1:].split()) <= 2


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
