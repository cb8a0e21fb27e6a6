"""Capitalised word runs ("chunks") that may name something, with titles and sentence-openers cut off."""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from . import lexicon as lx
from .gazetteer import first_names, is_common_word, places
from .tokens import Token, paragraphs, sentence_words

CONNECTORS = frozenset("of for on de da del della di du des van von der den la le al bin el y".split())
ARTICLE_NAME = re.compile(r"(?:al|el|as|ash|ad|az|an|ar|abu|bin|ibn)-[A-Z][\w’'-]*")  # "al-Shabaab", "al-Assad"
CAMEL = re.compile(r"[a-z]{1,2}[A-Z]\w*|" + ARTICLE_NAME.pattern)
TECH = re.compile(r"\d+[A-Z][A-Za-z]*")
ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]{1,5}")
TITLE_ABBREVIATIONS = frozenset("Lt Sgt Gen Col Capt Gov Sen Rep Prof Rev Insp Supt Cmdr Maj St Ft Mt Jr Sr".split())
DESCRIBED = re.compile(r"[A-Z][\w.]*-(?:based|controlled|owned|listed|registered|run|backed|born)")
DIRECTIONS = frozenset("North South East West Central Northern Southern Eastern Western".split())
# "Swansea-born", "Labour-run", "Oscar-winning", "Spanish-speaking": a name turned into a modifier.
MODIFIER = re.compile(r"([A-Z][\w.&-]*?)-(?:based|born|bred|run|led|backed|owned|controlled|listed|registered|funded"
                      r"|linked|affiliated|allied|aligned"
                      r"|made|built|style|like|wide|only|speaking|language|winning|nominated|owning|partnered"
                      r"|sized|focused|related|friendly|produced|era|centred|centered|inspired|dominated)")
LETTER_NOUN = re.compile(r"[A-Z]-[a-z]+")  # "X-ray", "U-turn", "T-shirts", "A-list"


class Chunk(NamedTuple):
    start: int
    end: int
    tokens: tuple[Token, ...]
    initial: bool          # its first word opens a sentence or a quotation
    title: str | None      # title words cut off its front ("CEO", "Chinese President")
    shouting: bool         # found in an all-capitals line (a headline, a dateline)


@functools.lru_cache(maxsize=65536)
def is_capitalised(word: str) -> bool:
    c = word[0]
    return c.isupper() or bool(CAMEL.fullmatch(word)) or bool(TECH.fullmatch(word))


def is_acronym(word: str) -> bool:
    return bool(ACRONYM.fullmatch(word))


def _shouting(tokens: list[Token]) -> bool:
    letters = [t.text for t in tokens if t.text[0].isalpha()]
    return len(letters) >= 2 and sum(w.isupper() for w in letters) >= 0.6 * len(letters)


def _runs(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised tokens joined by single spaces, initials or connector words."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if is_capitalised(tok.text):
            if run:
                gap = text[run[-1].end:tok.start]
                prev = run[-1]
                joined = gap == " " or gap == " & " or (gap == ". " and (len(prev.text) == 1 and prev.text.isupper()
                                                                        or prev.text + "." in lx.HONORIFICS
                                                                        or prev.text in TITLE_ABBREVIATIONS)) \
                    or (gap == ", " and len(run) == 1 and bool(AND_CO.match(text, tok.end)))  # "Sears, Roebuck and Co"
                if gap in ("'s ", "’s ") and _company_ahead(text, tokens, i):
                    joined = True  # "Standard and Poor's Corp", "Moody's Investors Service Inc"
                elif not joined or text[prev.end:prev.end + 1] in "'’":
                    runs.append(run)
                    run = []
            run.append(tok)
        elif run and tok.text == "and" and _company_and(text, run, tokens, i):
            run.append(tok)  # "Securities and Exchange Commission", "Miller Tabak Hirsch and Co"
        elif (run and tok.text in CONNECTORS and i + 1 < len(tokens)
              and (tok.text not in ("for", "on") or run[-1].text in lx.ORG_SUFFIXES)  # "Commission on Human Rights"
              and text[run[-1].end:tok.start] == " "
              and (is_capitalised(tokens[i + 1].text) or (tokens[i + 1].text == "the" and i + 2 < len(tokens)
                                                          and is_capitalised(tokens[i + 2].text)))):
            run.append(tok)
        elif run and tok.text.isdigit() and len(tok.text) <= 3 and CAMEL.fullmatch(run[-1].text) \
                and text[run[-1].end:tok.start] == " ":
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
        i += 1
    if run:
        runs.append(run)
    return [_trim_connectors(r) for r in runs if _trim_connectors(r)]


AND_CO = re.compile(r" and (?:Co|Co\.|Cos|Company)\b")
# What an "and" inside a company's name may follow: not a name complete in itself ("Ford Motor Co and …").
COMPLETE = frozenset("Inc Corp Co Ltd Plc PLC Bank Group Company Corporation Holdings Industries Airlines Ministry "
                     "Department Party Union Commission Agency".split())


def _company_and(text: str, run: list[Token], tokens: list[Token], i: int) -> bool:
    """"Nippon Telegraph and Telephone Corp", "LL and E Royalty Trust": an "and" between capitalised words
    whose run, one to three words later, ends with an organisation's suffix."""
    if text[run[-1].end:tokens[i].start] != " " or run[-1].text in COMPLETE or run[0].text in first_names() \
            or " ".join(t.text for t in run) in places() or run[-1].text in CONNECTORS or _is_titleword(run[-1]):
        return False  # "Ambassador John Bolton and Breitbart News": two names
    return _company_ahead(text, tokens, i + 1)


def _company_ahead(text: str, tokens: list[Token], k: int) -> bool:
    """Capitalised words from tokens[k] on, one to three, end with a company's legal form."""
    first = k
    while k < len(tokens) and k <= first + 2 and is_capitalised(tokens[k].text) \
            and (k == first or text[tokens[k - 1].end:tokens[k].start] in (" ", "'s ", "’s ")):
        if tokens[k].text in lx.LEGAL_SUFFIXES or tokens[k].text in ("Commission", "Trust"):
            return True
        k += 1
    return False


def _trim_connectors(run: list[Token]) -> list[Token]:
    while run and (run[-1].text in CONNECTORS or run[-1].text == "the"):
        run = run[:-1]
    return run


def _is_titleword(tok: Token) -> bool:
    return tok.text in lx.TITLES or tok.text in lx.HONORIFICS or tok.text.rstrip(".") in lx.HONORIFICS


def _person_like(run: list[Token]) -> bool:
    if not run or len(run) > 4:
        return False
    last = run[-1].text
    if last in lx.ORG_SUFFIXES or last in lx.PLACE_SUFFIXES or " ".join(t.text for t in run) in places():
        return False
    return not is_acronym(run[0].text) or len(run) > 1


def _split_title(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """Cut leading titles and nationalities: ("Chinese President", "Xi Jinping")."""
    if len(run) > 1 and all(t.text in lx.DEMONYMS or t.text in lx.PARTY_WORDS for t in run):
        return [], run  # "Lib Dems", "Lib Dem": a party's name, not a title
    i = 0
    while i < len(run) - 1:
        w = run[i].text
        if _is_titleword(run[i]) or w in lx.DEMONYMS or w.lower() in lx.ROLE_NOUNS or _describes(run, i):
            i += 1
        elif w in DIRECTIONS and run[i + 1].text in lx.DEMONYMS:
            i += 2
        elif w in ("of", "the") and i > 0 and _is_titleword(run[i - 1]):
            i += 1  # "Secretary of State John Kerry"
        else:
            break
    i = min(i, len(run))
    # "Barron County District Attorney Brian Wright": the name follows the last title word.
    for k in range(len(run) - 2, i - 1, -1):
        if _is_titleword(run[k]) and run[k].text not in lx.ORG_SUFFIXES and _person_like(run[k + 1:]) \
                and (run[k + 1].text in first_names() or len(run) - k - 1 >= 2):
            i = k + 1
            break
    head, rest = run[:i], run[i:]
    if not rest:
        return run, []
    if any(_is_titleword(t) or t.text.lower() in lx.ROLE_NOUNS or t.text.lower() in lx.PERSON_DESCRIPTORS for t in head) \
            and _person_like(rest):
        return head, rest
    # Only nationalities may go: "Chinese Foreign Ministry" -> "Foreign Ministry", not "British Airways".
    j = 0
    while j < len(head) and (head[j].text in lx.DEMONYMS or head[j].text in DIRECTIONS):
        j += 1
    if j and not (len(run) - j == 1 and run[-1].text in lx.ORG_SUFFIXES) and run[-1].text not in lx.LEGAL_SUFFIXES:
        return run[:j], run[j:]
    return [], run


def _describes(run: list[Token], i: int) -> bool:
    """"Investor Sumner Redstone": a word describing the person before a name of two words or more."""
    return run[i].text.lower() in lx.PERSON_DESCRIPTORS and len(run) - i >= 3 and _person_like(run[i + 1:])


def _split_of(rest: list[Token]) -> tuple[list[Token], list[Token]]:
    """"Richard Shelby of Alabama", "P.S. Tam of Morgan Guaranty Trust": a person's name (a first name or
    initials and a surname) and where they are from or work are two names; "Bank of England" is one."""
    at = next((k for k, t in enumerate(rest) if t.text == "of"), None)
    if at is None or at < 2 or at > 3 or at + 1 >= len(rest):
        return rest, []
    name, where = rest[:at], rest[at + 1:]
    first = name[0].text
    if not (first in first_names() or INITIALS.fullmatch(first)) or not _person_like(name) \
            or any(_is_titleword(t) or t.text in lx.ORG_SUFFIXES or is_acronym(t.text) and not INITIALS.fullmatch(t.text)
                   for t in name):
        return rest, []
    if where[0].text == "the":
        where = where[1:]
    return name, where


INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


@functools.lru_cache(maxsize=65536)
def is_function_word(word: str) -> bool:
    """"It", "We'll", "The" - but not "US" or "IT" written in capitals mid-sentence."""
    if len(word) > 1 and word.isupper():
        return False
    return word.lower().replace("’", "'") in lx.FUNCTION_WORDS


def _modifier_head(run: list[Token]) -> list[Token]:
    """"New York-based" -> "New York", "Swansea-born" -> "Swansea"; a modifier made of anything but a place
    ("Oscar-winning", "Spanish-speaking") or of a single letter ("X-ray") names nothing on its own."""
    last = run[-1]
    if len(run) == 1 and LETTER_NOUN.fullmatch(last.text):
        return []
    m = MODIFIER.fullmatch(last.text)
    if not m:
        return run
    head = m.group(1)
    if len(run) == 1 and head not in places() and not is_acronym(head):
        return []
    return run[:-1] + [Token(last.start, last.start + len(head), head, last.initial)]


def _place_prefix(run: list[Token]) -> bool:
    """"New Zealand", "New York Times": a capitalised function word that is part of a place's name."""
    return len(run) > 1 and run[0].text[0].isupper() and f"{run[0].text} {run[1].text}" in places()


def _drop_edges(run: list[Token]) -> list[Token]:
    if len(run) > 1 and (DESCRIBED.fullmatch(run[0].text) or MODIFIER.fullmatch(run[0].text)):
        run = run[1:]  # "Ontario-based Magna", "Family-controlled Douglas & Lomason"
    if run:
        run = _modifier_head(run)
    while len(run) > 1 and run[0].text in lx.DESCRIPTORS:
        run = run[1:]  # "Former England captain", "Veteran Spaniard Conchita Martinez"
    while len(run) > 1 and run[-1].text in lx.COMMON_ACRONYMS:
        run = run[:-1]  # "US TV", "CBS TV"
    if len(run) == 1 and run[0].text in lx.COMMON_ACRONYMS:
        return []
    while run and ((is_function_word(run[0].text) and not (run[0].text in lx.HONORIFICS and len(run) > 1)
                    and not _place_prefix(run))
                   or run[0].text in lx.TIME_WORDS
                   or run[0].text in CONNECTORS or run[0].text == "the"):
        run = run[1:]
    while run and ((is_function_word(run[-1].text) and not _surname_word(run))
                   or run[-1].text in CONNECTORS
                   or (run[-1].text in lx.TIME_WORDS and not (len(run) > 1 and run[-2].text in first_names()))):
        run = run[:-1]
    return run


def _surname_word(run: list[Token]) -> bool:
    """"Theresa May", "Sandra Oh", "Liu He": a capitalised function word right after a given name."""
    if len(run) < 2 or run[-1].initial or not run[-1].text[0].isupper() or run[-1].text.isupper():
        return False
    prev = run[-2].text
    return not is_function_word(prev) and not _is_titleword(run[-2]) and (prev in first_names() or len(run) == 2) \
        and prev not in lx.TIME_WORDS and prev not in lx.DEMONYMS and prev[0].isupper()


def _drop_opener(run: list[Token], text: str, mid_sentence: dict[str, bool]) -> list[Token]:
    """A sentence's first word is capitalised by grammar: "Allowing US companies" -> "US"."""
    if len(run) < 2 or not run[0].initial or (run[-1].text in lx.LEGAL_SUFFIXES
                                                 and (len(run) > 2 or not is_function_word(run[0].text))
                                                 and not any(t.text in CONNECTORS for t in run)):
        return run  # "Pacific Western Airlines Corp said", "Acme Corp said": a company's whole name
    first = run[0].text
    whole = " ".join(t.text for t in run)
    phrase = text[run[0].start:run[-1].end]
    if whole in places() or first in first_names() or not is_common_word(first) or is_acronym(first) \
            or (first not in lx.HONORIFICS and _written_mid_sentence(text, phrase, mid_sentence)):
        return run
    if first in lx.TITLES or first in lx.DEMONYMS or first in DIRECTIONS or first in lx.CLUB_HEADS:
        return run
    return run[1:]


def _written_mid_sentence(text: str, phrase: str, known: dict[str, bool]) -> bool:
    """"Civic Action also has …": the text writes the same words inside a sentence ("by Civic Action").
    `known` keeps the answers for the text: each asks for a search of the whole text, and a long text
    opens many sentences with the same words."""
    if phrase not in known:
        known[phrase] = _search_mid_sentence(text, phrase)
    return known[phrase]


def _search_mid_sentence(text: str, phrase: str) -> bool:
    at = text.find(phrase)
    while at >= 0:
        before = text[max(0, at - 3):at].rstrip()
        if before and (before[-1].islower() or before[-1] == ","):
            return True
        at = text.find(phrase, at + 1)
    return False


def find_chunks(text: str) -> list[Chunk]:
    """Every candidate name of `text`, in order, with no overlaps."""
    out: list[Chunk] = []
    mid_sentence: dict[str, bool] = {}
    for ps, pe in paragraphs(text):
        for tokens in sentence_words(text, ps, pe):
            shouting = _shouting(tokens)
            for run in _runs(text, tokens):
                initial = run[0].initial
                run = _drop_opener(_drop_edges(run), text, mid_sentence)
                run = _drop_edges(run)
                if not run:
                    continue
                head, rest = _split_title(run)
                rest = _drop_edges(rest)
                if not rest:
                    continue
                # "CEO of Civic Action": what follows a title's "of" is where the person works, not a person
                title = text[head[0].start:head[-1].end] if head and head[-1].text not in ("of", "the") else None
                first_initial = initial and not head and rest[0] is run[0] and rest[0].initial
                rest, where = _split_of(rest)
                out.append(Chunk(rest[0].start, rest[-1].end, tuple(rest), first_initial, title, shouting))
                if where:
                    out.append(Chunk(where[0].start, where[-1].end, tuple(where), False, None, shouting))
    return out
