"""The curated registry (content/entities.yaml): entities with aliases and links, and strings never entities.

Format (see content/entities.yaml):

    entities:
      - name: Ren Zhengfei            # required, the canonical name
        type: person                  # person | organization | place | other
        aliases: [Ren]                # optional, other ways the text names it
        description: Founder of Huawei.   # optional
        links: {wikipedia: https://…}     # optional, label -> URL
        slug: ren-zhengfei                # optional
    never: [Trade]                    # optional, strings that are never entities
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

from generator.errors import BuildError, BuildFailed
from generator.slugs import slug_problem
from generator.urls import RESERVED_SLUGS

from .model import TYPES

ENTRY_KEYS = ("name", "type", "aliases", "description", "links", "slug")
TOP_KEYS = ("entities", "never")


@dataclass(frozen=True)
class RegistryEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    slug: str | None = None
    line: int | None = field(default=None, compare=False)    # where content/entities.yaml lists it


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
    if len(errors) > before:
        return None
    return RegistryEntity(name=name.strip(), type=etype, aliases=aliases, description=description,
                          links=tuple(sorted(links.items())), slug=slug, line=line)


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
