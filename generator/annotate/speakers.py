"""Who a speech cue belongs to: the subject next to the cue verb, resolved to a canonical name."""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple, Sequence

from . import lexicon as lx
from .coreference import (OWNERS, PREPOSITIONS, Context, antecedent, holder_memo, inside_quote, make_context,
                          ties_of)
from .entities import Found
from .gazetteer import countries, first_names, regions
from .orgref import KIND_WORDS, salient_organization
from .lexicon import normalise
from .personref import matches, role_heads, role_holder, title_words
from .tokens import Token, last_mark, next_mark

__all__ = ["Context", "Speaker", "antecedent", "inside_quote", "make_context", "mention_at", "participle_subject", "subject_after",
           "subject_before", "sentence_subject"]

AUXILIARIES = frozenset("""has have had also later then repeatedly previously again further once recently publicly
not never always would will could may might did does do was were is are be been reportedly quickly simply
meanwhile however now instead too though still yet ultimately initially subsequently separately
""".split())
ARTICLES = frozenset("the a an this that".split())
ORG_REFERENCES = frozenset("company firm group agency utility organization organisation team club league carrier "
                           "retailer airline bank broadcaster network charity party department ministry union "
                           "board commission embassy concern corporation insurer partnership trust".split())
# Documents that speak for who issued them: "The report said", "the embassy report says".
ISSUED = frozenset("report reports survey study".split())
PERSON_REFERENCES = frozenset("official spokesman spokeswoman spokesperson commissioner".split())
SPEAKING = ("person", "organization")
NOUN_AFTER = frozenset("is was are were will would could can should may might has had".split())
PASSIVE = frozenset("was were is are be been being".split())
DESCRIPTION_HEADS = lx.PERSON_HEADS | lx.ROLE_NOUNS
# "A Superior Court of Ontario judge", "One former director": people the next sentences name; not these.
INDEFINITE = ("A", "An", "One")
INDEFINITE_HEADS = DESCRIPTION_HEADS | {"judge", "justice"}
UNNAMED = frozenset("""man woman boy girl teen teenager youngster victim survivor resident native spokesman
spokeswoman spokesperson""".split())
NARROWING = frozenset("familiar close with from in at for".split())


DOCUMENTS = frozenset("statement letter memo tweet post note email e-mail website blog".split())
class Speaker(NamedTuple):
    start: int
    end: int
    text: str
    canonical: str | None


def _as_speaker(ctx: Context, m: Found) -> Speaker | None:
    """A named speaker; a place standing where speakers stand is a person named like one ("said Colton")."""
    if m.type in SPEAKING or (m.type in ("place", "other") and " " not in m.canonical and m.canonical in first_names()):
        return Speaker(m.start, m.end, ctx.text[m.start:m.end], m.canonical)
    return None


def _description(ctx: Context, tokens: Sequence[Token], j: int) -> Speaker | None:
    """"The 26-year-old right wing", "the affable proprietor": the person the story is about."""
    head = tokens[j].text.lower()
    if head not in lx.PERSON_HEADS and not head.endswith("-old"):
        return None
    k = j
    while k > 0 and j - k < 6 and tokens[k - 1].text.lower() not in ("the", "a", "an") \
            and not ctx.text[tokens[k - 1].end:tokens[k].start].strip() \
            and tokens[k - 1].text.lower() not in lx.FUNCTION_WORDS:
        k -= 1
    if k == 0 or tokens[k - 1].text.lower() != "the" or ctx.text[tokens[k - 1].end:tokens[k].start].strip():
        return None
    s, e = tokens[k - 1].start, tokens[j].end
    if head in OWNERS:  # "the affable proprietor": the one person the text calls founder or owner of something
        if len(ctx.owners) == 1:
            return Speaker(s, e, ctx.text[s:e], next(iter(ctx.owners)))
    return Speaker(s, e, ctx.text[s:e], antecedent(ctx, s, "_person"))


def _named_description(ctx: Context, tokens: Sequence[Token], j: int) -> Speaker | None:
    """"The Billy on the Street star said": a description opening the sentence that holds a person's name."""
    head = tokens[j].text.lower()
    if j < 2 or j > 8 or tokens[0].text != "The" or head not in DESCRIPTION_HEADS:
        return None
    for tok in tokens[1:j]:
        m = mention_at(ctx, tok.start, tok.end)
        if m is not None and m.type == "person" and m.start == tok.start and m.end <= tokens[j - 1].end \
                and not ctx.text.startswith(("'s", "’s"), m.end):
            s, e = tokens[0].start, tokens[j].end
            return Speaker(s, e, ctx.text[s:e], m.canonical)
    return None


def _opens(text: str, pos: int) -> bool:
    """The name at pos opens its sentence, perhaps after a title ("Justice Sean Dunphy directed")."""
    cut = last_mark(text, ".!?\n", 0, pos)
    return all(w[:1].isupper() for w in text[cut + 1:pos].split())


def _indefinite(ctx: Context, tokens: Sequence[Token], j: int) -> Speaker | None:
    """"A Superior Court of Ontario judge chastised …", "One former director indicated …": a person the
    next sentences name ("Justice Sean Dunphy directed …", "Joseph Manzoli told the Globe …")."""
    head = tokens[j].text.lower()
    if j < 1 or j > 8 or tokens[0].text not in INDEFINITE or head in UNNAMED \
            or head not in INDEFINITE_HEADS:
        return None
    text = ctx.text
    for k in range(1, j + 1):
        if text[tokens[k - 1].end:tokens[k].start].strip() or tokens[k].text in cues() \
                or (tokens[k].text.lower() in lx.FUNCTION_WORDS and tokens[k].text != "of"):
            return None
    s, e = tokens[0].start, tokens[j].end
    end = next_mark(text, ".", e)
    after = bisect.bisect_right(ctx.starts, end)
    later = (m for m in ctx.mentions[after:bisect.bisect_left(ctx.starts, end + 400, after)]
             if m.type == "person" and _opens(text, m.start))
    # a person the text introduces there, by their full name, not named before
    new = next(later, None)
    who = new.canonical if new is not None and ctx.first_seen[new.canonical] >= s and " " in new.canonical else None
    return Speaker(s, e, text[s:e], who)


def mention_at(ctx: Context, start: int, end: int) -> Found | None:
    """The mention overlapping [start, end), if any."""
    i = bisect.bisect_right(ctx.starts, end - 1) - 1
    while i >= 0 and ctx.mentions[i].end > start:
        if ctx.mentions[i].start < end:
            return ctx.mentions[i]
        i -= 1
    return None


def _role_phrase(ctx: Context, tokens: Sequence[Token], j: int) -> tuple[int, str | None] | None:
    """'the founder of Huawei' ending at tokens[j] -> (start token, canonical person)."""
    if j >= 2 and tokens[j - 1].text == "of" and tokens[j - 2].text.lower() in lx.ROLE_NOUNS:
        k = j - 2
        role = f"{tokens[k].text.lower()} of {ctx.text[tokens[j].start:tokens[j].end]}"
        m = mention_at(ctx, tokens[j].start, tokens[j].end)
        if m:
            role = f"{tokens[k].text.lower()} of {m.canonical}"
        if k >= 1 and tokens[k - 1].text.lower() in ARTICLES:
            k -= 1
        return k, ctx.roles.get(role)
    return None


def _noun_phrase(ctx: Context, tokens: Sequence[Token], j: int) -> Speaker | None:
    word = tokens[j].text.lower()
    role = word in role_heads()
    if role or word in lx.SPEAKER_NOUNS:
        k = j
        # "the Tory leader", and for a role its lower-case words too: "the prime minister", "the shadow chancellor"
        while k > 0 and j - k < 4 and (tokens[k - 1].text[0].isupper() or role and tokens[k - 1].text in title_words()) \
                and tokens[k - 1].text.lower() not in lx.FUNCTION_WORDS:
            k -= 1
        if k > 0 and tokens[k - 1].text.lower() in ARTICLES:
            k -= 1
        canonical = None
        if word in ORG_REFERENCES:
            # "the Interfax news agency": the name before the noun, else the nearest organisation
            i = bisect.bisect_left(ctx.starts, tokens[k].start) - 1
            named = ctx.mentions[i] if i >= 0 and tokens[k].start - ctx.mentions[i].end < 20 else None
            gap = ctx.text[named.end:tokens[j].start].split() if named is not None else []
            if named is not None and named.type == "organization" and len(gap) <= 1 and all(w.islower() for w in gap):
                canonical = named.canonical
            else:
                canonical = salient_organization(ctx.text, ctx.mentions, ctx.starts, lambda at: inside_quote(ctx, at),
                                                 tokens[k].start, word)
        elif word in ISSUED and tokens[k].text.lower() in ("the", "a", "its"):
            # "The embassy report said": the organisation of the modifier's kind, else the story's main one
            kind = next((t.text.lower() for t in tokens[k + 1:j] if t.text.lower() in KIND_WORDS), None)
            named = [m for t in tokens[k + 1:j] for m in [mention_at(ctx, t.start, t.end)] if m is not None]
            canonical = named[0].canonical if named else salient_organization(
                ctx.text, ctx.mentions, ctx.starts, lambda at: inside_quote(ctx, at), tokens[k].start, kind, True)
        elif word in ("city", "town") and tokens[k].text.lower() == "the" and k == j - 1:
            # "according to the city's Street Needs Assessment": the city the text names last
            i = bisect.bisect_left(ctx.starts, tokens[k].start) - 1
            # mentions are disjoint, so their ends grow too: the search stops 2,000 characters back
            while i >= 0 and tokens[k].start - ctx.mentions[i].end < 2000 \
                    and not (ctx.mentions[i].type == "place" and ctx.mentions[i].canonical not in regions()):
                i -= 1
            canonical = ctx.mentions[i].canonical if i >= 0 and tokens[k].start - ctx.mentions[i].end < 2000 else None
        elif role or word in PERSON_REFERENCES:
            # "the prime minister" after "Prime Minister Tony Blair"; "the spokesperson" after "the agency's
            # spokesperson Jane Doe"; never "the minister" for the prime minister, nor a role no one is tied to
            wanted = normalise(ctx.text[tokens[k].start:tokens[j].end])
            # "a Labour spokesman" is someone the text does not name, whoever else it calls a spokesman
            canonical = None if tokens[k].text.lower() in ("a", "an") else role_holder(ties_of(ctx), wanted, tokens[k].start, holder_memo(ctx)) or next(
                (p for r, p in reversed(ctx.roles.items()) if matches(wanted, normalise(r))), None)
        s, e = tokens[k].start, tokens[j].end
        return Speaker(s, e, ctx.text[s:e], canonical)
    return None


def sentence_subject(ctx: Context, tokens: Sequence[Token], floor: int) -> Speaker | None:
    """The subject that opens the sentence: a name, a pronoun or a speaking noun ("Authorities")."""
    if not tokens or tokens[0].start < floor:
        return None
    first = tokens[0]
    if first.text in INDEFINITE:
        head = next((j for j in range(1, min(9, len(tokens))) if not tokens[j].text[:1].isupper()
                     and tokens[j].text.lower() not in ("of", "former")), None)
        sp = _indefinite(ctx, tokens, head) if head is not None else None
        if sp is not None:
            return sp
    if first.text == "The":
        head = next((j for j in range(2, min(9, len(tokens))) if not tokens[j].text[:1].isupper()
                     and tokens[j].text.lower() in DESCRIPTION_HEADS), None)
        sp = _named_description(ctx, tokens, head) if head is not None else None
        if sp is not None:
            return sp
    if first.text.lower() in ("he", "she", "they"):
        return Speaker(first.start, first.end, first.text, antecedent(ctx, first.start, first.text))
    m = mention_at(ctx, first.start, first.end)
    if (m is None or m.type not in SPEAKING) and first.text[:1].isupper() and first.text.lower() not in lx.FUNCTION_WORDS:
        # "U.S. Secretary of State Mike Pompeo praised …": titles before the name
        for tok in tokens[1:8]:
            if not tok.text[:1].isupper() and tok.text != "of":
                break
            n = mention_at(ctx, tok.start, tok.end)
            if n is not None and n.type == "person" and n.start == tok.start:
                return Speaker(n.start, n.end, ctx.text[n.start:n.end], n.canonical)
    if m is not None and ctx.text.startswith(("'s ", "’s "), m.end):
        # "Norman's lawyers have alleged": the lawyers speak, not Norman
        nxt = next((t for t in tokens if t.start > m.end + 2), None)
        if nxt is not None and nxt.text.lower() in lx.SPEAKER_NOUNS | lx.ROLE_NOUNS:
            return Speaker(m.start, nxt.end, ctx.text[m.start:nxt.end], None)
        return None
    if m is not None:
        return Speaker(m.start, m.end, ctx.text[m.start:m.end], m.canonical) \
            if m.type in SPEAKING and m.start == first.start else None
    for j in range(min(4, len(tokens))):
        if tokens[j].text.lower() in lx.SPEAKER_NOUNS:
            return _noun_phrase(ctx, tokens, j)
    return None


def participle_subject(ctx: Context, tokens: Sequence[Token], i: int, floor: int) -> Speaker | None:
    """"She had earlier declined comment, saying the matter “…”", "Later that month, SNC-Lavalin applied …,
    arguing …": a participle cue after a comma takes the sentence's subject, after an opening phrase too."""
    if not tokens[i].text.endswith("ing") or i < 2 or ctx.text[tokens[i - 1].end:tokens[i].start].strip() != ",":
        return None
    for k in range(0, min(i - 1, 8)):
        if k == 0 or ctx.text[tokens[k - 1].end:tokens[k].start].strip() == ",":
            sp = sentence_subject(ctx, tokens[k:], floor)
            if sp is not None:
                return sp
    return None


def subject_before(ctx: Context, tokens: Sequence[Token], cue: int, floor: int) -> Speaker | None:
    """The speaker written before the cue verb at tokens[cue] ("Ren added", "Kazianis, director..., said")."""
    j = cue - 1
    while j >= 0 and (tokens[j].text.lower() in AUXILIARIES or (tokens[j].text.endswith("ly") and tokens[j].text.islower())):
        if tokens[j].text.lower() in PASSIVE and not tokens[cue].text.endswith("ing"):
            return None  # "SNC-Lavalin was informed that …", "he was told": who hears, not who speaks
        j -= 1
    if j < 0 or tokens[j].start < floor:
        return None
    text = ctx.text
    if j == cue - 1 and text.startswith(("'s ", "’s "), tokens[j].end) and cue + 1 < len(tokens) \
            and tokens[cue + 1].text in NOUN_AFTER:
        return None  # "the Commission's report will be released": a noun, not a cue ("Trump's claim that" is)
    gap = text[tokens[j].end:tokens[j + 1].start] if j + 1 < len(tokens) else ""
    if "," in gap:  # an apposition: "His father, Ernie LeBlanc, says"; "X, director of Y, said"
        m = mention_at(ctx, tokens[j].start, tokens[j].end)
        # "Nadia Jamil, principal researcher at Dixon Hall, says": a name after a preposition is no subject
        after_of = m is not None and text[max(0, m.start - 5):m.start].split()[-1:] in (["at"], ["of"], ["with"], ["for"])
        if m and m.type == "person" and m.end == tokens[j].end and not after_of:
            return Speaker(m.start, m.end, text[m.start:m.end], m.canonical)
        # "Sen. Debbie Stabenow, D-Mich., a member of the leadership team, said": back over the commas
        comma = text.rfind(",", floor, tokens[j].start)
        for _ in range(4):
            if comma < 0 or tokens[j].start - comma > 200:
                return None
            k = max((i for i, t in enumerate(tokens) if t.end <= comma), default=-1)
            if k < 0:
                return None
            m = mention_at(ctx, tokens[k].start, tokens[k].end)
            # "Ernie LeBlanc, father of Jason LeBlanc, 42, says": not the name after a preposition
            if m and m.type in SPEAKING and m.end == tokens[k].end \
                    and text[max(0, m.start - 6):m.start].split()[-1:] not in (["of"], ["at"], ["for"], ["with"]):
                return _as_speaker(ctx, m)
            if tokens[k].text.lower() == "who":
                return None
            if tokens[k].text in ("and", "but") or (tokens[k].text == "then" and k > 0 and tokens[k - 1].text == "and"):
                # "Demi apologized … and then, behind her back, sniffed that": the coordinated verb's subject
                return _coordinated_subject(ctx, tokens, k, floor)
            comma = text.rfind(",", floor, comma)
        return None
    if any(ch in gap for ch in "\"“”;:()"):
        return None
    tok = tokens[j]
    if tok.text == "and" and j > 0:  # "Pompeo praised China's support and said …"
        return _coordinated_subject(ctx, tokens, j, floor)
    if tok.text == "who" and j > 0 and text[tokens[j - 1].end:tok.start].strip() == ",":
        m = mention_at(ctx, tokens[j - 1].start, tokens[j - 1].end)  # "Heather, who finally confessed"
        return _as_speaker(ctx, m) if m and m.type == "person" else None
    if j > 0 and tokens[j - 1].text.lower() in ("his", "her") and tok.text.lower() in DOCUMENTS:
        s = tokens[j - 1].start  # "her statement said": the person's own words
        return Speaker(s, tok.end, text[s:tok.end], antecedent(ctx, s, tokens[j - 1].text))
    if tok.text.lower() in ("he", "she", "they", "it"):
        return Speaker(tok.start, tok.end, tok.text, antecedent(ctx, tok.start, tok.text))
    if j > 0 and tokens[j - 1].text.lower() in ("his", "her") and tok.text.lower() in lx.KIN:
        s = tokens[j - 1].start  # "His father said": the relative the text named ("Spindler's father, Joseph")
        owner = antecedent(ctx, s, tokens[j - 1].text)
        return Speaker(s, tok.end, text[s:tok.end], ctx.roles.get(f"{tok.text.lower()} of {owner}"))
    role = _role_phrase(ctx, tokens, j)
    if role is not None:
        s = tokens[role[0]].start
        return Speaker(s, tok.end, text[s:tok.end], role[1])
    m = mention_at(ctx, tok.start, tok.end)
    m = _person_of(ctx, m) or m if m is not None else None
    if m is not None and m.type == "place" and m.canonical in countries() and j == cue - 1 and m.end == tok.end:
        return Speaker(m.start, m.end, text[m.start:m.end], m.canonical)  # "Japan said", "The U.S. alleges"
    if m is not None:
        return _as_speaker(ctx, m)
    if tok.text[:1].isupper() and tok.text.isalpha() and j == cue - 1 and not text.startswith(("'", "’"), tok.end) \
            and not (j > 0 and tokens[j - 1].text.lower() in PREPOSITIONS):  # "Canadian actor Oh said": a surname
        surname_of = ctx.surnames.get(tok.text)
        if surname_of is not None:
            return Speaker(tok.start, tok.end, tok.text, surname_of)
    return _indefinite(ctx, tokens, j) or _named_description(ctx, tokens, j) or _noun_phrase(ctx, tokens, j) \
        or _description(ctx, tokens, j) or _modified_noun(ctx, tokens, j)


WORKS_AT = re.compile(r",?\s+(?:of|from|at)\s+(?:the\s+)?$")


def _person_of(ctx: Context, m: Found) -> Found | None:
    """"Mike Powell of Dresdner Kleinwort Wasserstein says", "Emmanuel Ferry, from Exane BNP Paribas told":
    the person before "of", "from" or "at", not where they work."""
    i = bisect.bisect_left(ctx.starts, m.start) - 1
    before = ctx.mentions[i] if i >= 0 else None
    if before is None or before.type != "person" or not WORKS_AT.fullmatch(ctx.text, before.end, m.start):
        return None
    return before


def _coordinated_subject(ctx: Context, tokens: Sequence[Token], j: int, floor: int) -> Speaker | None:
    """The subject of the sentence whose verb tokens[j] ("and") joins another: "In an interview on Monday, Mike
    Pompeo praised … and said", "Nonetheless, she played nice … and, without meaning a word of it, told"."""
    sp = sentence_subject(ctx, tokens, floor)
    for k in range(1, min(j, 12)):
        if sp is not None:
            break
        if ctx.text[tokens[k - 1].end:tokens[k].start].strip() == ",":
            sp = sentence_subject(ctx, tokens[k:], floor)  # after an opening phrase
    return sp


@functools.cache
def _addressed() -> frozenset[str]:
    """Cues whose object is who hears: "told Tracy", "informed the board"."""
    return frozenset(f for f, base in lx.cue_forms().items() if base in ("tell", "inform", "assure", "remind",
                                                                            "advise"))


def _modified_noun(ctx: Context, tokens: Sequence[Token], j: int) -> Speaker | None:
    """"sources familiar with the negotiations have said": a speaking noun and the words that narrow it."""
    for k in range(j - 1, max(-1, j - 6), -1):
        if ctx.text[tokens[k].end:tokens[k + 1].start].strip() or tokens[k].text in cues():
            return None
        if tokens[k + 1].text.lower() in NARROWING and tokens[k].text.lower() in lx.SPEAKER_NOUNS:
            sp = _noun_phrase(ctx, tokens, k)
            return sp and Speaker(sp.start, tokens[j].end, ctx.text[sp.start:tokens[j].end], sp.canonical)
    return None


def subject_after(ctx: Context, tokens: Sequence[Token], cue: int, ceiling: int) -> Speaker | None:
    """The speaker written after the cue verb ("said Ren", "said the founder of Huawei")."""
    j = cue + 1
    if j >= len(tokens) or tokens[j].start >= ceiling or tokens[cue].text in _addressed():
        return None  # "told Tracy she was …": who is told, never who tells
    text = ctx.text
    if text[tokens[cue].end:tokens[j].start].strip():
        return None
    tok = tokens[j]
    if tok.text.lower() in ("he", "she", "they"):
        return Speaker(tok.start, tok.end, tok.text, antecedent(ctx, tok.start, tok.text))
    if tok.text in PREPOSITIONS:
        return None  # "the company wrote in a report": where, not who
    k = j + 1 if tok.text.lower() in ARTICLES else j
    if k >= len(tokens):
        return None
    # "says Dr. Matthew Bowes", "said police Chief Joseph Boinnet": titles before the name
    for e in range(k, min(len(tokens), k + 5)):
        m = mention_at(ctx, tokens[e].start, tokens[e].end)
        if m is not None and text.startswith(("'s", "’s"), m.end):
            # "arguing Roussel's refusal …": a possessive is not who speaks, but its apposition may be
            comma = text.find(",", m.end, m.end + 40)  # "says Campbell's partner, Jason Louth"
            n = mention_at(ctx, comma + 2, comma + 3) if comma > 0 else None
            if n is not None and n.type == "person" and n.start == comma + 2:
                return Speaker(n.start, n.end, text[n.start:n.end], n.canonical)
            return None
        if m is not None and m.type == "person" and m.start == tokens[e].start:
            # "says Cambridge cartoonist Andre Campbell": words describing the name, no verb or clause between
            if e == k or all(tokens[x].text in lx.TITLES or tokens[x].text in lx.HONORIFICS
                             or tokens[x].text.lower() in lx.ROLE_NOUNS or tokens[x].text.lower() == "police"
                             or (tokens[x].text.lower() not in lx.FUNCTION_WORDS and tokens[x].text not in cues()
                                 and not text[tokens[x].end:tokens[x + 1].start].strip())
                             for x in range(k, e)):
                return Speaker(m.start, m.end, text[m.start:m.end], m.canonical)
        if text[tokens[e].end:tokens[e].end + 1] in ",;:":
            break
    # the longest phrase up to the sentence's next punctuation, at most six words
    end = k
    while end + 1 < len(tokens) and end - k < 6 and not text[tokens[end].end:tokens[end + 1].start].strip():
        end += 1
    for e in range(end, k - 1, -1):
        m = mention_at(ctx, tokens[e].start, tokens[e].end)
        role = _role_phrase(ctx, tokens, e)
        if role is not None and role[0] >= j:
            s = tokens[j].start
            return Speaker(s, tokens[e].end, text[s:tokens[e].end], role[1])
        if e == k and m is not None and _as_speaker(ctx, m) is not None:
            return _as_speaker(ctx, m)
    for e in range(k, end + 1):
        sp = _noun_phrase(ctx, tokens, e) or _description(ctx, tokens, e)
        if sp is not None and sp.start >= tokens[j].start:
            return sp
    if tokens[j].text.lower() == "the" and end > j and text[tokens[end].end:tokens[end].end + 1] in ".,;" \
            and tokens[end].text.islower() and not any(tokens[x].text in cues() for x in range(j, end + 1)):
        # "says the laid-back Cambridge resident": a description of the person the story is about
        s, e = tokens[j].start, tokens[end].end
        return Speaker(s, e, text[s:e], antecedent(ctx, s, "_person"))
    return None


@functools.cache
def cues() -> frozenset[str]:
    return frozenset(lx.cue_forms())
