"""annotate_text: plain text in, Annotations out. Pure and deterministic."""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Sequence

from . import lexicon as lx
from .attribution import Attributed, attribute_direct, inherit_speakers
from .entities import Found, detect
from .provenance import attribution
from .model import Annotations, EntityInfo, Mention, Quote, Role
from .people import refine_people
from .quotes import direct_quotes
from .tokens import enclosing, paragraphs, sentences
from .reported import indirect_quotes
from .registry import EMPTY_REGISTRY, Registry
from .roles import find_roles
from .speakers import make_context
from .sports import retype_teams
from .typer import retype as learned_types


FIRST_WORD = re.compile(r"\s*\S+")


def annotate_text(text: str, registry: Registry = EMPTY_REGISTRY) -> Annotations:
    """Entities, quotes (with speakers) and roles of `text` (paragraphs separated by blank lines)."""
    found = learned_types(text, *rule_mentions(text, registry))
    spans = direct_quotes(text)
    pairs, by_role = find_roles(text, found)
    ctx = make_context(text, found, [(q.start, q.end) for q in spans], by_role)
    direct = attribute_direct(ctx, spans)
    # Who was named as a speaker makes a pronoun's antecedent: a second pass uses it.
    named = frozenset(a.canonical for a in direct if a.canonical and a.speaker and a.speaker.text.lower()
                      not in lx.PRONOUNS)
    ctx = make_context(text, found, ctx.quoted, by_role, named, like=ctx)
    direct = attribute_direct(ctx, spans)
    # A few quoted words inside a clause ("as a "litmus test" for …") leave the cue to the clause.
    used = {a.cue_at for a in direct if a.cue_at is not None and not _mid_clause(text, a)}
    indirect = indirect_quotes(ctx, used)
    # A few quoted words inside a reported clause are part of it ("he spent Saturday "running around" town").
    clauses = Reach(indirect)
    direct = _widen_fragments(text, [d for d in direct if not _embedded(text, d, clauses)])
    reach = Reach(direct)
    indirect = [q for q in indirect if not reach.any_overlapping(q.start, q.end)]
    attributed = inherit_speakers(ctx, sorted(direct + indirect, key=lambda q: (q.start, q.end)))
    # A few unattributed words in quote marks are a title or scare quotes ("new way"), not a quotation.
    quotes = [_quote(a) for a in attributed if not _scare_quote(text, a)]
    mentions = tuple(Mention(f.start, f.end, text[f.start:f.end], f.type, f.canonical) for f in found)
    roles = tuple(Role(person, role) for person, role in pairs)
    annotations = Annotations(mentions, tuple(quotes), roles, _entities(found, quotes, registry))
    return annotations.check(text)


def rule_mentions(text: str, registry: Registry = EMPTY_REGISTRY) -> tuple[list[Found], frozenset[str]]:
    """The mentions of `text` typed by the rules alone (what the learned typer is trained to correct), and
    the canonical names whose type is settled: the registry's, and those the document's own evidence typed
    (a nominations list, "companies including …", "X, a non-profit group": patterns the model never saw)."""
    detected = detect(text, registry)
    refined = refine_people(text, detected, _cue_words())
    settled = {f.canonical for f, g in zip(detected, refined) if f.type != g.type}
    if registry.by_surface:
        settled.update(f.canonical for f in refined if registry.by_name(f.canonical) is not None)
    return retype_teams(text, _one_type_per_entity(refined)), frozenset(settled)


@functools.cache
def _cue_words() -> frozenset[str]:
    return frozenset(lx.cue_forms())


def _one_type_per_entity(found: list[Found]) -> list[Found]:
    types: dict[str, str] = {}
    for f in found:
        types.setdefault(f.canonical, f.type)
    return [f._replace(type=types[f.canonical]) for f in found]


def _scare_quote(text: str, a: Attributed) -> bool:
    """Words in quote marks with no cue of their own that are not a quotation: a title ("The Kid Who Would
    Be King"), or a few words inside a sentence ("issued a "black box warning"")."""
    if a.kind != "direct" or a.cue is not None:
        return False
    words = text[a.start:a.end].split()
    if all(w[:1].isupper() or not w[:1].isalpha() or w in lx.TITLE_LINKS for w in words) and len(words) <= 10 \
            and not text[a.start:a.end].rstrip("”\"").endswith(("!", "?")):
        return True
    if a.speaker is None and a.canonical is None:
        return len(words) < 5
    return len(words) < 8 and _mid_sentence(text, a.start)


def _mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):max(0, start - 1)].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def _widen_fragments(text: str, direct: list[Attributed]) -> list[Attributed]:
    """A few quoted words inside a reported sentence stand for the sentence: "Tracy described herself as
    “short of breath” and …", "the attackers shot at them "like snipers," he said" report the clause."""
    out: list[Attributed] = []
    for d in direct:
        if d.cue_at is None or len(text[d.start:d.end].split()) >= 8 or not _mid_sentence(text, d.start):
            out.append(d)
            continue
        para = enclosing(paragraphs(text), d.start) or (0, len(text))
        ss, se = enclosing(sentences(text, *para), d.start) or para
        if d.cue_at > d.end:
            start, end = ss, d.end
        else:
            cue_end = FIRST_WORD.match(text, d.cue_at).end()  # not text[cue_at:].split(): a copy of the rest
            start, end = cue_end, max(d.end, se)
        while start < end and (text[start].isspace() or text[start] in ",:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,"):
            end -= 1
        if start < d.start and (not out or out[-1].end <= start) and end - start > 12:
            out.append(d._replace(start=start, end=end, kind="indirect"))
        else:
            out.append(d)
    return out


def _mid_clause(text: str, quote: Attributed) -> bool:
    before = text[max(0, quote.start - 40):max(0, quote.start - 1)].rstrip()
    return bool(before) and before[-1].isalnum() and len(text[quote.start:quote.end].split()) <= 12


class Reach:
    """Quotes sorted by start, with the furthest end reached by any of the first n: "does a quote starting
    before x end after y" is then a bisection, not a look at every quote (a long text has thousands)."""

    def __init__(self, quotes: Sequence[Attributed]):
        ordered = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in ordered]
        self.furthest = list(itertools.accumulate((q.end for q in ordered), max))

    def any_from(self, before: int, after: int) -> bool:
        """Some quote starts before `before` and ends after `after`."""
        n = bisect.bisect_left(self.starts, before)
        return n > 0 and self.furthest[n - 1] > after

    def any_overlapping(self, start: int, end: int) -> bool:
        return self.any_from(end, start)


def _embedded(text: str, fragment: Attributed, clauses: Reach) -> bool:
    """A few quoted words inside a reported clause: one that starts at most a character after the fragment
    and ends at most two before it, and goes on 10 characters before it or 20 after it."""
    if len(text[fragment.start:fragment.end].split()) > 12:
        return False
    return clauses.any_from(fragment.start - 10, fragment.end - 3) \
        or clauses.any_from(fragment.start + 2, fragment.end + 20)


def _quote(a: Attributed) -> Quote:
    sp = a.speaker
    if sp is None:
        return Quote(a.start, a.end, a.kind, None, None, None, a.canonical, a.cue, attribution(None, a.canonical))
    return Quote(a.start, a.end, a.kind, sp.text, sp.start, sp.end, a.canonical, a.cue,
                 attribution(sp.text, a.canonical))


def _entities(found: list[Found], quotes: list[Quote], registry: Registry) -> tuple[EntityInfo, ...]:
    types = {f.canonical: f.type for f in found}
    names = dict.fromkeys([f.canonical for f in found] + [q.speaker_canonical for q in quotes if q.speaker_canonical])
    out = []
    for name in names:
        entity = registry.by_name(name)
        if entity is not None:
            out.append(EntityInfo(name, entity.type, entity.slug, entity.description, entity.links, entity.aliases))
        else:
            out.append(EntityInfo(name, types.get(name, "person")))
    return tuple(sorted(out, key=lambda e: e.canonical))
