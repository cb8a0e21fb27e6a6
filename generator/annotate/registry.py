"""The curated registry (content/entities.yaml): entities with aliases and links, and strings never entities.

Format (see content/entities.yaml):

    entities:
      - name: Ren Zhengfei            # required, the canonical name
        type: person                  # person | organization | place | other
        aliases: [Ren]                # optional, other ways the text names it
        description: Founder of Huawei.   # optional
        links: {wikipedia: https://…}     # optional, label -> URL
        slug: ren-zhengfei                # optional
        roles:                            # optional, offices held, with dates (generator/holders.py)
          - {title: Chief Executive of Huawei, from: 1987-09-15}     # `to:` left out: still held
    never: [Trade]                    # optional, strings that are never entities

Two entities may hold the same title on the same days (senators, co-chairs, a handover day): the
registry then names no holder of that title for those days. One entity holding one title in two
overlapping periods is an error (merge them).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

from generator.errors import BuildError, BuildFailed
from generator.slugs import slug_problem
from generator.urls import RESERVED_SLUGS

from .lexicon import normalise
from .model import TYPES

ENTRY_KEYS = ("name", "type", "aliases", "description", "links", "slug", "roles")
ROLE_KEYS = ("title", "from", "to")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TOP_KEYS = ("entities", "never")


@dataclass(frozen=True)
class RegistryRole:
    """An office the entity held: from `start` to `end`, both days included (None: not bounded)."""

    title: str
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class RegistryEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    slug: str | None = None
    line: int | None = field(default=None, compare=False)    # where content/entities.yaml lists it
    roles: tuple[RegistryRole, ...] = ()


@dataclass(frozen=True)
class Registry:
    """Registry entities, looked up by any surface form (name or alias), and the never-entity strings."""

    entities: tuple[RegistryEntity, ...] = ()
    never: frozenset[str] = frozenset()
    by_surface: Mapping[str, RegistryEntity] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    path: str = field(default="content/entities.yaml", compare=False)     # named in messages

    def lookup(self, surface: str) -> RegistryEntity | None:
        return self.by_surface.get(surface)

    def by_name(self, name: str) -> RegistryEntity | None:
        entity = self.by_surface.get(name)
        return entity if entity is not None and entity.name == name else None


EMPTY_REGISTRY = Registry()


def _strings(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def _entry(raw: object, index: int, errors: list[str], line: int | None = None) -> RegistryEntity | None:
    if not isinstance(raw, dict):
        errors.append(f"entity #{index + 1}: expected a mapping with name and type, got {type(raw).__name__}")
        return None
    name = raw.get("name")
    label = f'entity "{name}"' if isinstance(name, str) and name.strip() else f"entity #{index + 1}"
    before = len(errors)
    unknown = sorted(str(k) for k in raw if k not in ENTRY_KEYS)
    if unknown:
        errors.append(f"{label}: unknown key {', '.join(repr(k) for k in unknown)} "
                      f"(expected some of {', '.join(ENTRY_KEYS)})")
    if not isinstance(name, str) or not name.strip():
        errors.append(f"{label}: missing name (every entity needs `name:`)")
    etype = raw.get("type")
    if etype not in TYPES:
        what = "missing type" if etype is None else f'unknown type "{etype}"'
        errors.append(f"{label}: {what} (expected one of {', '.join(TYPES)})")
    aliases = _strings(raw.get("aliases"))
    if aliases is None:
        errors.append(f"{label}: aliases must be a list of non-empty strings")
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        errors.append(f"{label}: description must be a string")
    links = raw.get("links") or {}
    if not isinstance(links, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in links.items()):
        errors.append(f"{label}: links must map a label to a URL, e.g. {{wikipedia: https://...}}")
        links = {}
    slug = raw.get("slug")
    if slug is not None and (problem := slug_problem(slug)):
        errors.append(f"{label}: {problem}")
    elif slug in RESERVED_SLUGS:
        errors.append(f"{label}: slug '{slug}' is reserved for the index pages ({', '.join(sorted(RESERVED_SLUGS))})")
    roles = _roles(raw.get("roles"), label, errors)
    if roles and etype in TYPES and etype != "person":
        errors.append(f"{label}: roles are offices people hold; this entity's type is {etype}")
    if len(errors) > before:
        return None
    return RegistryEntity(name=name.strip(), type=etype, aliases=aliases, description=description,
                          links=tuple(sorted(links.items())), slug=slug, line=line, roles=roles)


def _date(value: object, key: str, where: str, errors: list[str]) -> dt.date | None:
    """A role's `from:` or `to:` (YAML dates stay text: yamltext); None when absent or wrong."""
    if value is None:
        return None
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            errors.append(f"{where}: `{key}: {value}` is not a real date")
            return None
    errors.append(f"{where}: `{key}:` must be a date, YYYY-MM-DD (e.g. {key}: 1997-05-02), got {value!r}")
    return None


def _roles(raw: object, label: str, errors: list[str]) -> tuple[RegistryRole, ...]:
    """The entry's `roles:`, checked: each a mapping with a title and optional dates in order; one
    title held twice at once by the same entity is an error."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append(f"{label}: roles must be a list, e.g. [{{title: Prime Minister, from: 1997-05-02, "
                      "to: 2007-06-27}]")
        return ()
    roles = []
    for index, item in enumerate(raw):
        where = f"{label}: role #{index + 1}"
        if not isinstance(item, dict):
            errors.append(f"{where}: expected a mapping with title, from and to, got {type(item).__name__}")
            continue
        unknown = sorted(str(k) for k in item if k not in ROLE_KEYS)
        if unknown:
            errors.append(f"{where}: unknown key {', '.join(repr(k) for k in unknown)} "
                          f"(expected some of {', '.join(ROLE_KEYS)})")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            errors.append(f"{where}: missing title (e.g. title: Prime Minister)")
            continue
        where = f'{label}: role "{title.strip()}"'
        start, end = (_date(item.get(key), key, where, errors) for key in ("from", "to"))
        if start and end and end < start:
            errors.append(f"{where}: `to: {end}` is before `from: {start}`")
            continue
        roles.append(RegistryRole(title.strip(), start, end))
    if len(roles) < 2:
        return tuple(roles)
    for index, role in enumerate(roles):
        for other in roles[:index]:
            if normalise(other.title) == normalise(role.title) and _overlap(other, role):
                errors.append(f'{label}: role "{role.title}" is given twice for overlapping dates; '
                              "merge the two into one (from the earlier `from:` to the later `to:`)")
    return tuple(roles)


def _overlap(one: RegistryRole, two: RegistryRole) -> bool:
    return (one.start is None or two.end is None or one.start <= two.end) and \
        (two.start is None or one.end is None or two.start <= one.end)


def parse_registry(data: object, path: str, lines: Sequence[int] = ()) -> Registry:
    """Check and load the registry. Raises BuildFailed listing every invalid entry.
    `lines`: where each entry starts (yamltext.item_lines), for messages that name it."""
    if data is None:
        return EMPTY_REGISTRY
    if not isinstance(data, dict):
        raise BuildFailed([BuildError(path, None, "expected a mapping with `entities:` and `never:` lists")])
    errors = [f"unknown top-level key {k!r} (expected {' or '.join(TOP_KEYS)})"
              for k in sorted(map(str, data)) if k not in TOP_KEYS]
    raw_entities = data.get("entities") or []
    if not isinstance(raw_entities, list):
        errors.append("`entities:` must be a list of entries")
        raw_entities = []
    never = _strings(data.get("never"))
    if never is None:
        errors.append("`never:` must be a list of non-empty strings")
        never = ()
    where: list[int | None] = [None] * len(errors)     # the line of each error, where known
    entities = []
    for index, raw in enumerate(raw_entities):
        before = len(errors)
        line = lines[index] if index < len(lines) else None
        entity = _entry(raw, index, errors, line)
        where.extend([line] * (len(errors) - before))
        if entity is not None:
            entities.append(entity)
    slugs: dict[str, RegistryEntity] = {}
    for entity in entities:
        other = slugs.setdefault(entity.slug, entity) if entity.slug else entity
        if other is not entity:
            errors.append(f'entity "{entity.name}": slug \'{entity.slug}\' is also the slug of entity "{other.name}"'
                          + (f" (line {other.line})" if other.line else ""))
            where.append(entity.line)
    by_surface: dict[str, RegistryEntity] = {}
    for entity in entities:
        for surface in dict.fromkeys((entity.name, *entity.aliases)):
            other = by_surface.get(surface)
            if other is not None and other is not entity:
                errors.append(f'entity "{entity.name}": alias "{surface}" is already claimed by '
                              f'entity "{other.name}" (an alias may name only one entity)')
                where.append(entity.line)
            else:
                by_surface[surface] = entity
    for surface in never:
        if surface in by_surface:
            errors.append(f'never: "{surface}" is also a name or alias of entity "{by_surface[surface].name}"')
    if errors:
        where += [None] * (len(errors) - len(where))
        raise BuildFailed([BuildError(path, line, message) for message, line in zip(errors, where)])
    return Registry(entities=tuple(entities), never=frozenset(never), by_surface=MappingProxyType(by_surface),
                    path=path)
