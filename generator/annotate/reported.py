"""Indirect (reported) speech: "X said (that) …", "…, X said.", "…, he says, …", "according to X, …",
and the pull quotes news sites set as a paragraph ending with the speaker's name."""
from __future__ import annotations

import bisect
import re
from operator import attrgetter
from typing import Sequence

from . import lexicon as lx
from .attribution import Attributed, cues
from .entities import Found
from .speakers import (Context, Speaker, inside_quote, mention_at, participle_subject,
                       subject_after, subject_before)
from .tokens import Token, paragraphs, sentence_words, sentences

OBJECT_SKIP = 8
# "…, he said, replacing Clinton would be …": a verb after the -ing word makes it a clause that reports.
FINITE = frozenset("is was are were will would could can should may might must has have had does did".split())
PLACE_OR_TIME = frozenset("in on at during after before via through".split())
QUANTITIES = frozenset("one two three four five six seven eight nine ten".split())
INITIALS_END = re.compile(r"\b(?:[A-Z]\.){2,}\s*$")
# What an organisation publishes: "according to a study released Monday by Civic Action".
AUTHOR = (["by"], ["from"], ["of"])
SOURCES = frozenset("study studies report reports survey surveys poll polls figures data numbers statistics "
                    "research findings analysis estimates review audit forecast".split())
# Cues whose object is usually a noun phrase ("denied the claims"), not a clause.
NOUN_CUES = frozenset("deny confirm announce criticise criticize dismiss describe blame accuse admit reveal".split())
# Sentence openers that put a question, not what was said: "Asked what he would tell the mayor, Brooks says:".
ASKED = ("Asked", "Questioned", "Speaking")
# Cues that report speech only with a clause: "recommended putting …", "agreed with …" are not quotes.
CLAUSE_ONLY = frozenset("recommend propose agree disagree estimate highlight emphasise emphasize comment post "
                        "feel ask".split())


def indirect_quotes(ctx: Context, used_cues: set[int]) -> list[Attributed]:
    """Reported speech: "X said (that) …", "…, X said.", "according to X, …"."""
    text = ctx.text
    forms = cues()
    sources = SourceNames(ctx)
    out: list[Attributed] = []
    for ps, pe in paragraphs(text):
        sents = sentences(text, ps, pe)
        for n, ((ss, se), tokens) in enumerate(zip(sents, sentence_words(text, ps, pe))):
            # A second cue after the first one's clause reports again ("He has denied wrongdoing, and his
            # supporters argue …"; "according to preliminary findings, program users report …").
            done, found_any = -1, False
            if tokens and tokens[0].text in ASKED:  # "Asked what he would tell X, Brooks says:"
                done = text.find(",", ss, se)
            for i, tok in enumerate(tokens):
                if done >= se:
                    break
                if (tok.text not in forms and tok.text not in ("according", "According")) \
                        or tok.start < done or tok.start in used_cues or inside_quote(ctx, tok.start):
                    continue
                if tok.text.lower() == "according" and i + 1 < len(tokens) and tokens[i + 1].text == "to":
                    found = _according(ctx, tokens, i, ss, se, sources)
                elif tok.text in cues():
                    found = _reported(ctx, tokens, i, ss, se)
                else:
                    continue
                if found:
                    found_any = True
                    out.extend(found)
                    done = max(q.end for q in found) if found[-1].start > tok.start else se
            if not found_any and n == len(sents) - 1 and n > 0:
                out.extend(_pull_quote(ctx, tokens, ps, ss, se))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e


def _clip_quotes(ctx: Context, s: int, e: int) -> tuple[int, int]:
    # only a quote opening within 15 characters of s can be the clause: found by bisection (quotes are sorted)
    first = bisect.bisect_left(ctx.quoted, (s + 1,))
    for qs, qe in ctx.quoted[first:bisect.bisect_left(ctx.quoted, (s + 16,), first)]:
        if qs - 1 < e and e - qe < 25:
            return s, s  # the clause is a direct quote: attributed there
    return s, e


def _make(ctx: Context, s: int, e: int, sp: Speaker, verb: str, at: int, least: int = 12) -> list[Attributed]:
    s, e = _clip_quotes(ctx, *_trim(ctx.text, s, e))
    return [Attributed(s, e, "indirect", sp, verb, sp.canonical, at)] if e - s >= least else []


def _reported(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int) -> list[Attributed]:
    verb = cues()[tokens[i].text]
    if i + 1 < len(tokens) and tokens[i + 1].text == "to" and verb != "tell":
        return []  # "promised to", "urged to": an intention, not speech
    return _clause_after(ctx, tokens, i, ss, se, verb) or _clause_before(ctx, tokens, i, ss, se, verb)


def _clause_after(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int, verb: str) -> list[Attributed]:
    """"X said (that) …", "X told reporters …", "X denied the claims"; "…, he says, …" gives both halves."""
    text = ctx.text
    # "A judge chastised the station on Friday, saying …"
    if i > 0 and tokens[i].text.endswith("ing") and text[tokens[i - 1].end:tokens[i].start].strip() == ",":
        # "… in its dispute, noting …": a participle's subject is the sentence's, or the earlier cue's speaker
        sp = participle_subject(ctx, tokens, i, ss) or _earlier_cue(ctx, tokens, i, ss)
    else:
        sp = subject_before(ctx, tokens, i, ss)
    if sp is None or _hypothetical(ctx, tokens, sp, ss):
        return []
    j = i + 1
    # "told reporters (on Tuesday) that …", "said in a statement that …"
    that = next((k for k in range(j, min(len(tokens), j + OBJECT_SKIP)) if tokens[k].text == "that"), None)
    if that is not None and any(t.text in ("something", "anything", "nothing") for t in tokens[j:that]):
        return []  # "would say something to Colton that would …": a thing said, not what was said
    if that is not None:
        j = that + 1
    elif verb in lx.WEAK_CUES or verb in CLAUSE_ONLY or verb in ("respond", "reply"):
        return []  # "Vancouver responded a minute later with …"
    elif verb == "tell" and j < len(tokens):
        j = _addressee_end(ctx, tokens, j)
        if j < len(tokens) and tokens[j].text == "about":
            return []  # "told an audience about the first time …": the topic, not what was said
    if j >= len(tokens) or text[tokens[i].end:tokens[j].start].strip().startswith(("\"", "“")):
        return []
    parenthetical = that is None and text[tokens[i].end:tokens[j].start].strip() == ","
    if that is None and not parenthetical and tokens[j].text in PLACE_OR_TIME and "," in text[ss:tokens[i].start] \
            and len(text[tokens[j].start:se].split()) < 8:
        return []  # "…, the company wrote in a report in December.": the words before the comma were written
    if that is None and verb == "add" and (tokens[j].text.isdigit() or tokens[j].text in QUANTITIES):
        return []  # "Carolina added three more goals"
    if parenthetical:
        j = i + 1  # "Too often, he says, they get it."
    # "Later, during question period, Lametti said that …": what comes before the subject is an opening phrase
    opening = that is not None and "," not in text[tokens[i].end:tokens[that].start]
    before = [] if opening else _parenthetical_before(ctx, sp, ss, verb, tokens[i].start, parenthetical)
    if parenthetical and before and tokens[j].text.endswith("ing") and tokens[j].text.islower() \
            and not any(t.text in FINITE for t in tokens[j + 1:] if t.start < se):
        return before  # "…, the Kenya Red Cross said, raising the possibility …": what follows is no report
    s, e = _trim(text, tokens[j].start, _participle_end(ctx, tokens, j, se))
    if that is None and verb == "claim" and tokens[j].text.lower() in ("responsibility", "credit", "victory"):
        return []  # "al-Shabaab claimed responsibility for the attack": an act, not words
    if that is None and verb in NOUN_CUES:
        comma = text.find(",", s, e)
        # "described her as a carjacking and said she …": the next cue reports on its own
        joined = next((tokens[k - 1].start for k in range(j + 1, len(tokens)) if tokens[k - 1].text == "and"
                       and tokens[k].text in cues() and s < tokens[k - 1].start), -1)
        ends = [x for x in (comma, joined) if x > 0]
        return before + _make(ctx, s, min(ends) if ends else e, sp, verb, tokens[i].start, 5)
    if that is None and not parenthetical and len(text[s:e].split()) < 3:
        return []  # "…, the government said on Wednesday.": the words before are what was said
    return before + _make(ctx, s, e, sp, verb, tokens[i].start, 5 if parenthetical else 12)


def _hypothetical(ctx: Context, tokens: Sequence[Token], sp: Speaker, ss: int) -> bool:
    """"If the judge orders …", "Whenever he accuses …": a condition, not something said."""
    before = [t for t in tokens if t.end <= sp.start][-1:]
    return bool(before) and before[0].text.lower() in ("if", "whenever", "unless")


def _addressee_end(ctx: Context, tokens: Sequence[Token], j: int) -> int:
    """After "told": past who was told ("reporters", "the BBC", "BBC Radio 4's Today programme")."""
    k = j + 1 if tokens[j].text in ("the", "a", "an") and j + 1 < len(tokens) else j
    m = mention_at(ctx, tokens[k].start, tokens[k].end)
    if m is None:  # "told reporters", "told an audience"
        return k + 1 if tokens[k].text[0].islower() else j
    while k < len(tokens) and (tokens[k].start < m.end or tokens[k].text.isdigit()):
        k += 1  # "BBC Radio 4"
    if k < len(tokens) and ctx.text.startswith(("'s", "’s"), tokens[k - 1].end):
        while k < len(tokens) and (tokens[k].text[0].isupper() or tokens[k].text.isdigit()):
            k += 1
        k += 1  # "… 4's Today programme"
    return k


def _participle_end(ctx: Context, tokens: Sequence[Token], j: int, se: int) -> int:
    """A clause ends before ", noting …" / ", adding …": the participle reports on its own."""
    for k in range(j + 1, len(tokens)):
        if tokens[k].text.endswith("ing") and tokens[k].text in cues() \
                and ctx.text[tokens[k - 1].end:tokens[k].start].strip() == ",":
            return tokens[k - 1].end
    return se


def _earlier_cue(ctx: Context, tokens: Sequence[Token], i: int, ss: int) -> Speaker | None:
    """"…,” says the bow-tied maverick, noting that …": a participle after a comma takes the speaker of the
    cue before it in the sentence."""
    for k in range(i - 2, -1, -1):
        if tokens[k].text in cues() and not tokens[k].text.endswith("ing"):
            return subject_before(ctx, tokens, k, ss) or (subject_after(ctx, tokens, k, tokens[i].start)
                                                          if tokens[k + 1].text != "that" else None)
    return None


def _parenthetical_before(ctx: Context, sp: Speaker, ss: int, verb: str, at: int, parenthetical: bool) \
        -> list[Attributed]:
    """The words before ", he says," when the cue sits inside the sentence."""
    text = ctx.text
    comma = text.rfind(",", ss, sp.start)
    if comma < 0 or text[comma + 1:sp.start].strip() not in ("", "the"):  # "…, the Kenya Red Cross said,"
        return []
    # "During his homeless years, …, Brooks says," "Still, McNeely said,": an adverbial, not what was said
    head = text[ss:comma].split()
    first = head[0].strip("\"“‘'(").lower() if head else ""
    if not parenthetical and (len(head) < 4 or first.endswith(("ing", "ly")) or first in lx.OPENERS):
        return []
    return _make(ctx, ss, comma, sp, verb, at, 5)


def _clause_before(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int, verb: str) -> list[Attributed]:
    """"…, the agency said." / "…, said Ren." """
    text = ctx.text
    if verb in lx.WEAK_CUES or verb in CLAUSE_ONLY:
        return []
    comma = text.rfind(",", ss, tokens[i].start)
    if comma < 0 or tokens[0].text in ASKED:  # "Asked about X, he says": the question, not the answer
        return []
    sp = subject_after(ctx, tokens, i, se) or subject_before(ctx, tokens, i, comma + 1)
    if sp is None:
        return []
    if text[comma + 1:min(sp.start, tokens[i].start)].strip(" ").count(" ") > 6:
        return []
    out = _make(ctx, ss, comma, sp, verb, tokens[i].start)
    rest = text.find(",", max(sp.end, tokens[i].end), se)
    tail = text[max(sp.end, tokens[i].end):se].strip(" .")
    if out and rest >= 0 and not text[max(sp.end, tokens[i].end):rest].strip() and len(tail) > 40 \
            and not text[rest + 1:se].lstrip().startswith(("adding", "saying", "according", "who", "which")):
        out += _make(ctx, rest + 1, se, sp, verb, tokens[i].start)  # "…, Rutledge said, for others, …"
    elif len(tail) > 40 and not tail.startswith((",", "in", "on", "at", "of", "who", "adding", "citing")):
        return []
    return out


def _mentions_within(ctx: Context, start: int, end: int) -> Sequence[Found]:
    """The mentions inside text[start:end], by bisection (mentions are sorted and disjoint)."""
    first = bisect.bisect_left(ctx.starts, start)
    found = ctx.mentions[first:bisect.bisect_left(ctx.starts, end, first)]
    return found[:-1] if found and found[-1].end > end else found


class SourceNames:
    """For "the study" after "the Civic Action study": the organisations the text names right before a
    source word, listed in order the first time that word is asked for, so that the last one before a
    position is a bisection away rather than a walk back over every mention."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.named: dict[str, list[Found]] = {}

    def last_before(self, head: str, pos: int) -> Found | None:
        """The last organisation named right before the word `head` that ends before pos."""
        if head not in self.named:
            text = self.ctx.text
            self.named[head] = [m for m in self.ctx.mentions if m.type == "organization"
                                and text[m.end:m.end + len(head) + 2].lower().split()[:1] in ([head], [head + ","])]
        named = self.named[head]
        i = bisect.bisect_left(named, pos, key=attrgetter("end")) - 1
        return named[i] if i >= 0 else None


def _according(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int,
               sources: SourceNames) -> list[Attributed]:
    sp = subject_after(ctx, tokens, i + 1, se) or _source_phrase(ctx, tokens, i + 2, se)
    if sp is None:
        return []
    if sp.canonical is None:  # "the most recent numbers from Statistics Canada": the organisation named
        text, head = ctx.text, sp.text.split()[-1].lower()
        reach = sp.end
        if head in SOURCES:  # "a study which is being released Monday by Civic Action": up to the clause's end
            ends = [x for x in (text.find(",", sp.end, se), se) if x >= 0]
            reach = max(sp.end, min(min(ends), sp.end + 80))
        named = next((m for m in _mentions_within(ctx, sp.start, reach) if m.type == "organization"
                      and (m.end <= sp.end or text[max(0, m.start - 6):m.start].split()[-1:] in AUTHOR)), None)
        if named is None and head in SOURCES:  # "the study" after "the Civic Action study"
            named = sources.last_before(head, sp.start)
        sp = sp._replace(canonical=named.canonical) if named else sp
    text = ctx.text
    comma_after = text.find(",", sp.end, se)
    if tokens[i].start - ss < 3 and comma_after > 0:
        s, e = comma_after + 1, se
    else:
        s, e = ss, tokens[i].start
    return _make(ctx, s, e, sp, "according to", tokens[i].start)


def _source_phrase(ctx: Context, tokens: Sequence[Token], j: int, se: int) -> Speaker | None:
    """"according to preliminary findings, …", "according to the Globe report": a source with no name."""
    if j >= len(tokens) or tokens[j].text.lower() in lx.PRONOUNS:
        return None
    end = ctx.text.find(",", tokens[j].start, se)
    if end < 0 or end - tokens[j].start > 60 or any(c in ctx.text[tokens[j].start:end] for c in "\"“”"):
        return None
    # "the Civic Action study": the organisation named in the phrase is the source
    named = next((m for m in _mentions_within(ctx, tokens[j].start, end) if m.type in ("organization", "person")),
                 None)
    return Speaker(tokens[j].start, end, ctx.text[tokens[j].start:end], named.canonical if named else None)


def _pull_quote(ctx: Context, tokens: Sequence[Token], ps: int, ss: int, se: int) -> list[Attributed]:
    """"It's very bad for our seniors. Rod Peters, Lake Cowichan mayor": a paragraph signed by its speaker."""
    if not tokens:
        return []
    m = mention_at(ctx, tokens[0].start, tokens[0].end)
    if m is None or m.type not in ("person", "organization") or m.start != ss:
        return []
    rest = ctx.text[m.end:se].strip(" .")
    if rest and (not rest.startswith(",") or len(rest) > 60 or any(t.text in cues() for t in tokens)):
        return []
    body = ctx.text[ps:ss]
    if len(body.split()) < 6 or any(c in body for c in "\"“”") or INITIALS_END.search(body):
        return []  # "… in the B.C. Supreme Court.": the name goes on from the sentence before
    sp = Speaker(m.start, m.end, ctx.text[m.start:m.end], m.canonical)
    return _make(ctx, ps, ss, sp, "say", m.start)
