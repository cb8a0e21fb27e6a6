"""Speakers for direct quotes, and indirect (reported) speech with its speaker."""
from __future__ import annotations

import functools
from typing import NamedTuple, Sequence

from . import lexicon as lx
from .quotes import Span
from .speakers import Context, Speaker, inside_quote, subject_after, subject_before
from .tokens import Token, paragraphs, sentences, words

CLAUSE_STARTS = frozenset({"that"})
OBJECT_SKIP = 8
# Cues whose object is usually a noun phrase ("denied the claims"), not a clause.
NOUN_CUES = frozenset("deny confirm announce criticise criticize dismiss describe blame accuse admit reveal".split())


class Attributed(NamedTuple):
    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    canonical: str | None = None  # the speaker's canonical name (may be inherited from a neighbour)
    cue_at: int | None = None


@functools.cache
def _cues() -> dict[str, str]:
    return lx.cue_forms()


def _cue_index(tokens: Sequence[Token], lo: int, hi: int) -> list[int]:
    cues = _cues()
    return [i for i in range(lo, hi) if tokens[i].text in cues]


def _speaker_near(ctx: Context, tokens: Sequence[Token], i: int, floor: int, ceiling: int) -> Speaker | None:
    return subject_before(ctx, tokens, i, floor) or subject_after(ctx, tokens, i, ceiling)


def attribute_direct(ctx: Context, spans: Sequence[Span]) -> list[Attributed]:
    """A speaker for each direct quote: the cue after it, else before it, else its neighbour's."""
    text = ctx.text
    paras = paragraphs(text)
    out: list[Attributed] = []
    for n, q in enumerate(spans):
        para_end = next((e for s, e in paras if s <= q.close_at <= e), len(text))
        para_start = next((s for s, e in paras if s <= q.open_at <= e), 0)
        found: tuple[Speaker | None, str | None, int | None] = (None, None, None)
        # After: ,” said Ren.   ,” he added.   ,” Kazianis, director of …, said in a statement.
        nxt_open = spans[n + 1].open_at if n + 1 < len(spans) else para_end
        region_end = min(para_end, nxt_open)
        tokens = words(text, q.close_at, region_end)
        if tokens and q.close_at < q.end + 2:
            limit = _sentence_limit(text, tokens)
            for i in _cue_index(tokens, 0, min(limit, 30)):
                if i > 12 and "," not in text[q.close_at:tokens[i].start]:
                    break
                sp = _speaker_near(ctx, tokens, i, q.close_at, region_end)
                if sp is not None:
                    found = (sp, _cues()[tokens[i].text], tokens[i].start)
                    break
        if found[0] is None:
            # Before: Ren said: “…”   He told reporters, “…”
            prev_close = spans[n - 1].close_at + 1 if n > 0 else para_start
            floor = max(para_start, prev_close)
            before = text[floor:q.open_at].rstrip()
            sentence_start = max(floor, *(before.rfind(c) + floor + 1 for c in ".!?"))
            if before and sentence_start < q.open_at:
                tokens = words(text, sentence_start, q.open_at)
                for i in reversed(_cue_index(tokens, max(0, len(tokens) - 8), len(tokens))):
                    sp = _speaker_near(ctx, tokens, i, floor, q.open_at)
                    if sp is not None:
                        found = (sp, _cues()[tokens[i].text], tokens[i].start)
                        break
        sp = found[0]
        out.append(Attributed(q.start, q.end, "direct", sp, found[1], sp.canonical if sp else None, found[2]))
    return out


def _sentence_limit(text: str, tokens: Sequence[Token]) -> int:
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1].end:tokens[i].start]
        if any(c in gap for c in ".!?") and tokens[i].text[0].isupper():
            return i
    return len(tokens)


def inherit_speakers(ctx: Context, quotes: Sequence[Attributed]) -> list[Attributed]:
    """A direct quote with no cue of its own continues the last speaker, when nobody else is named between."""
    out = list(quotes)
    last: Attributed | None = None
    for n, q in enumerate(out):
        if q.canonical is not None:
            last = q
            continue
        if q.kind != "direct" or last is None or q.start - last.end > 600:
            continue
        between = [m for m in ctx.mentions if last.end <= m.start < q.start and m.type == "person"
                   and m.canonical != last.canonical and not inside_quote(ctx, m.start)]
        if not between:
            out[n] = q._replace(canonical=last.canonical)
    return out


def indirect_quotes(ctx: Context, used_cues: set[int]) -> list[Attributed]:
    """Reported speech: "X said (that) …", "…, X said.", "according to X, …"."""
    text = ctx.text
    out: list[Attributed] = []
    for ps, pe in paragraphs(text):
        for ss, se in sentences(text, ps, pe):
            tokens = words(text, ss, se)
            for i, tok in enumerate(tokens):
                if tok.start in used_cues or inside_quote(ctx, tok.start):
                    continue
                if tok.text.lower() == "according" and i + 1 < len(tokens) and tokens[i + 1].text == "to":
                    found = _according(ctx, tokens, i, ss, se)
                elif tok.text in _cues():
                    found = _reported(ctx, tokens, i, ss, se)
                else:
                    continue
                if found is not None:
                    out.append(found)
                    break
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e


def _clip_quotes(ctx: Context, s: int, e: int) -> tuple[int, int]:
    for qs, qe in ctx.quoted:
        if s <= qs - 1 < e and qs - 1 - s < 15:
            return s, s  # the clause is a direct quote: attributed there
    return s, e


def _reported(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int) -> Attributed | None:
    verb = _cues()[tokens[i].text]
    if i + 1 < len(tokens) and tokens[i + 1].text == "to":
        return None  # "promised to", "urged to": an intention, not speech
    return _clause_after(ctx, tokens, i, ss, se, verb) or _clause_before(ctx, tokens, i, ss, se, verb)


def _clause_after(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int, verb: str) -> Attributed | None:
    """"X said (that) …", "X told reporters …", "X denied the claims"."""
    text = ctx.text
    sp = subject_before(ctx, tokens, i, ss)
    if sp is None:
        return None
    j = i + 1
    # "told reporters (on Tuesday) that …", "said in a statement that …"
    that = next((k for k in range(j, min(len(tokens), j + OBJECT_SKIP)) if tokens[k].text == "that"), None)
    if that is not None:
        j = that + 1
    elif verb in lx.WEAK_CUES:
        return None
    elif verb == "tell":
        j += 1
    if j >= len(tokens) or text[tokens[i].end:tokens[j].start].strip().startswith(("\"", "“")):
        return None
    s, e = _clip_quotes(ctx, *_trim(text, tokens[j].start, se))
    if that is None and verb in NOUN_CUES:
        comma = text.find(",", s, e)
        e = comma if comma > 0 else e
        return Attributed(s, e, "indirect", sp, verb, sp.canonical, tokens[i].start) if e - s >= 5 else None
    if e - s < 12:
        return None
    return Attributed(s, e, "indirect", sp, verb, sp.canonical, tokens[i].start)


def _clause_before(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int, verb: str) -> Attributed | None:
    """"…, the agency said." / "…, said Ren." """
    text = ctx.text
    if verb in lx.WEAK_CUES:
        return None
    comma = text.rfind(",", ss, tokens[i].start)
    if comma < 0:
        return None
    sp = subject_after(ctx, tokens, i, se) or subject_before(ctx, tokens, i, comma + 1)
    if sp is None:
        return None
    tail = text[max(sp.end, tokens[i].end):se].strip(" .")
    if len(tail) > 40 or text[comma + 1:min(sp.start, tokens[i].start)].strip(" ").count(" ") > 6:
        return None
    s, e = _clip_quotes(ctx, *_trim(text, ss, comma))
    if e - s < 12:
        return None
    return Attributed(s, e, "indirect", sp, verb, sp.canonical, tokens[i].start)


def _according(ctx: Context, tokens: Sequence[Token], i: int, ss: int, se: int) -> Attributed | None:
    text = ctx.text
    sp = subject_after(ctx, tokens, i + 1, se)
    if sp is None:
        return None
    comma_after = text.find(",", sp.end, se)
    if tokens[i].start - ss < 3 and comma_after > 0:
        s, e = _trim(text, comma_after + 1, se)
    else:
        s, e = _trim(text, ss, tokens[i].start)
    if e - s < 12:
        return None
    return Attributed(s, e, "indirect", sp, "according to", sp.canonical, tokens[i].start)
