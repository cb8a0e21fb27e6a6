"""Speakers for direct quotes: the cue after or before each, else the speaker it continues."""
from __future__ import annotations

import bisect
import functools
from typing import NamedTuple, Sequence

from . import lexicon as lx
from .quotes import Span
from .speakers import (Context, Speaker, antecedent, inside_quote, mention_at, participle_subject, subject_after,
                       subject_before)
from .tokens import ABBREVIATIONS, Token, before_space, enclosing, last_mark, only_marks, paragraphs, words


class Attributed(NamedTuple):
    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    canonical: str | None = None  # the speaker's canonical name (may be inherited from a neighbour)
    cue_at: int | None = None


# The words after a quote read for its cue: the cue is one of the first 30 and its speaker is named within the
# next ten (subject_after). A quote followed by a long stretch of its paragraph without another quote would
# otherwise have all of it tokenised, in both passes.
AFTER_QUOTE = 100


@functools.cache
def cues() -> dict[str, str]:
    """Inflected speech verb -> its base form."""
    return lx.cue_forms()


def _cue_index(tokens: Sequence[Token], lo: int, hi: int, according: bool = False) -> list[int]:
    forms = cues()
    return [i for i in range(lo, hi) if tokens[i].text in forms
            or (according and tokens[i].text == "according" and i + 1 < len(tokens) and tokens[i + 1].text == "to")]


def _sentence_subject(ctx: Context, tokens: Sequence[Token], pronoun: bool = False) -> Speaker | None:
    """"Martell, the addictions doctor, is more blunt: “…”": the named subject opening the sentence."""
    if not tokens:
        return None
    if pronoun and tokens[0].text in ("He", "She") and len(tokens) > 1 and tokens[1].text.islower():
        return Speaker(tokens[0].start, tokens[0].end, tokens[0].text, antecedent(ctx, tokens[0].start, tokens[0].text))
    m = mention_at(ctx, tokens[0].start, tokens[0].end)
    if m is None or m.start != tokens[0].start or m.type != "person":
        return None
    return Speaker(m.start, m.end, ctx.text[m.start:m.end], m.canonical)


def _speaker_near(ctx: Context, tokens: Sequence[Token], i: int, floor: int, ceiling: int) -> Speaker | None:
    return subject_before(ctx, tokens, i, floor) or subject_after(ctx, tokens, i, ceiling)


def attribute_direct(ctx: Context, spans: Sequence[Span]) -> list[Attributed]:
    """A speaker for each direct quote: the cue after it, else before it, else its neighbour's."""
    text = ctx.text
    paras = paragraphs(text)
    out: list[Attributed] = []
    for n, q in enumerate(spans):
        para_end = (enclosing(paras, q.close_at, closed=True) or (0, len(text)))[1]
        para_start = (enclosing(paras, q.open_at, closed=True) or (0, 0))[0]
        found: tuple[Speaker | None, str | None, int | None] = (None, None, None)
        # After: ,” said Ren.   ,” he added.   ,” Kazianis, director of …, said in a statement.
        nxt_open = spans[n + 1].open_at if n + 1 < len(spans) else para_end
        region_end = min(para_end, nxt_open)
        tokens = words(text, q.close_at, region_end, AFTER_QUOTE)
        if tokens and q.close_at < q.end + 2:
            limit = _sentence_limit(text, tokens)
            if _closed_sentence(text, q) and tokens[0].text[:1].isupper() and not _cue_next(ctx, tokens):
                limit = 0  # “… of the Court.” When asked …, he replied: the next sentence's cue is another quote's
            for i in _cue_index(tokens, 0, min(limit, 30), according=True):
                if i > 12 and "," not in text[q.close_at:tokens[i].start]:
                    break
                if tokens[i].text == "according":
                    sp = subject_after(ctx, tokens, i + 1, region_end) if i < 3 else None
                    cue = "according to"
                else:
                    sp, cue = _speaker_near(ctx, tokens, i, q.close_at, region_end), cues()[tokens[i].text]
                if sp is not None:
                    found = (sp, cue, tokens[i].start)
                    break
        if found[0] is None:
            # Before: Ren said: “…”   He told reporters, “…”
            prev_close = spans[n - 1].close_at + 1 if n > 0 else para_start
            floor = max(para_start, prev_close)
            before = text[floor:q.open_at].rstrip()
            sentence_start = max(floor, *(before.rfind(c) + floor + 1 for c in ".!?"))
            if before and sentence_start < q.open_at:
                tokens = words(text, sentence_start, q.open_at)
                # "Samberg said in the show's opening Sunday night that they are “…”": a quote inside a clause
                reach = 30 if before[-1:].isalnum() or before[-1:] == "," else 8
                for i in reversed(_cue_index(tokens, max(0, len(tokens) - reach), len(tokens))):
                    sp = participle_subject(ctx, tokens, i, floor) or _speaker_near(ctx, tokens, i, floor, q.open_at)
                    if sp is not None:
                        found = (sp, cues()[tokens[i].text], tokens[i].start)
                        break
                if found[0] is None and before.endswith(":"):
                    found = (_sentence_subject(ctx, tokens), None, None)
        sp = found[0]
        out.append(Attributed(q.start, q.end, "direct", sp, found[1], sp.canonical if sp else None, found[2]))
    return out


def _closed_sentence(text: str, q: Span) -> bool:
    """The quote ends its own sentence ("… the order of the Court.”"), not with a comma before its cue."""
    return text[q.start:q.end].rstrip(" \"”’'").endswith(".")


def _cue_next(ctx: Context, tokens: Sequence[Token]) -> bool:
    """“… moved on.” Macharia said: a name or pronoun then the cue right after the quote."""
    if len(tokens) > 1 and tokens[0].text.lower() in ("he", "she", "they") and tokens[1].text in cues():
        return True
    m = mention_at(ctx, tokens[0].start, tokens[0].end)
    if m is None or m.type not in ("person", "organization"):
        return False
    after = [t for t in tokens if t.start >= m.end][:1]
    return bool(after) and after[0].text in cues() and not ctx.text[m.end:after[0].start].strip()


def _sentence_limit(text: str, tokens: Sequence[Token]) -> int:
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1].end:tokens[i].start]
        prev = tokens[i - 1].text
        if gap.startswith(".") and (len(prev) == 1 and prev.isupper() or prev.lower() in ABBREVIATIONS):
            continue  # "Harry J. Kazianis", "Dr. Bowes": not a sentence end
        if any(c in gap for c in ".!?") and tokens[i].text[0].isupper():
            return i
    return len(tokens)


def inherit_speakers(ctx: Context, quotes: Sequence[Attributed]) -> list[Attributed]:
    """A direct quote with no cue of its own continues the last speaker: always when it follows that
    speaker's quote in the same paragraph or opens the next one, else when nobody else is named between."""
    out = list(quotes)
    paras = paragraphs(ctx.text)
    starts = [s for s, _ in paras]
    last: Attributed | None = None
    for n, q in enumerate(out):
        if q.canonical is not None or q.speaker is not None:
            last = q
            continue
        here = bisect.bisect_right(starts, q.start) - 1
        if q.kind != "direct":
            continue
        if last is None or q.start - last.end > 600:
            if len(ctx.text[q.start:q.end].split()) >= 5:
                out[n] = _paragraph_subject(ctx, q, paras[here][0] if here >= 0 else 0)
                last = out[n] if out[n].canonical else last
            continue
        there = bisect.bisect_right(starts, last.start) - 1
        opens = here >= 0 and only_marks(ctx.text, paras[here][0], q.start, " \"“'‘")
        adjacent = n > 0 and out[n - 1] is last and (here == there or (here == there + 1 and opens))
        nearby = ctx.mentions[bisect.bisect_left(ctx.starts, last.end):bisect.bisect_left(ctx.starts, q.start)]
        between = [m for m in nearby if m.type == "person" and m.canonical != last.canonical
                   and not inside_quote(ctx, m.start)]
        if adjacent and here == there + 1:
            between = [m for m in between if _opens_sentence(ctx.text, m.start)]
        if not between or (adjacent and here == there):
            # "the commission said. “…”": a speaker with no name lends its words, not a canonical name
            out[n] = q._replace(canonical=last.canonical) if last.canonical else q._replace(speaker=last.speaker)
        elif len(ctx.text[q.start:q.end].split()) >= 5:
            out[n] = _paragraph_subject(ctx, q, paras[here][0] if here >= 0 else 0)
            last = out[n] if out[n].canonical else last
    return out


def _paragraph_subject(ctx: Context, q: Attributed, para_start: int) -> Attributed:
    """"Durning did not need much coaxing. “I’m thankful …”": a quote with no cue in a paragraph whose
    previous sentence has a named person as its subject is that person's."""
    text = ctx.text
    end = before_space(text, q.start - 1, para_start)  # text[para_start:q.start - 1].rstrip(), not copied
    if end <= para_start or text[end - 1] not in ".!?:":
        return q
    cut = last_mark(text, ".!?", para_start, end - 1)
    sentence = cut + 1 if cut >= 0 else para_start
    tokens = words(text, sentence, q.start - 1)
    sp = _sentence_subject(ctx, tokens, pronoun=True)
    return q._replace(canonical=sp.canonical) if sp is not None and sp.canonical else q


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].strip()
    return not before or before[-1] in ".!?\n"
