"""The annotation data: frozen records (named tuples) whose spans are checked when they are made."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

TYPES = ("person", "organization", "place", "other")
KINDS = ("direct", "indirect")
# How a quote's speaker was found (Quote.how): named in its sentence (in full or in part: "Blair"), a
# pronoun or a description resolved to a name, an abbreviation joined to its full name, inherited from
# the quote before, set by an editor (content/corrections.yaml), or an office resolved to its holder on the
# article's date across the archive (generator/holders.py: never by the annotator).
HOW = ("named", "pronoun", "description", "abbreviation", "inherited", "editor", "role")


def _check_span(start: int, end: int, what: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError(f"{what}: bad span [{start}, {end})")


def _rebuilt(record: tuple) -> tuple:
    """How a record pickles: as its values, rebuilt by tuple.__new__ (in C, without checks: it was
    checked when made). The cache holds about fifty records an article; as dataclasses, their
    dicts of fields made loading them three times slower."""
    return tuple.__new__, (type(record), tuple(record))


class _MentionFields(NamedTuple):
    start: int
    end: int
    text: str
    type: str
    canonical: str


class Mention(_MentionFields):
    """A named thing at text[start:end]; `canonical` joins every mention of one entity."""

    __slots__ = ()
    __reduce__ = _rebuilt

    def __new__(cls, start: int, end: int, text: str, type: str, canonical: str) -> "Mention":
        _check_span(start, end, "mention")
        if type not in TYPES:
            raise ValueError(f"mention {text!r}: unknown type {type!r}")
        if len(text) != end - start or not canonical:
            raise ValueError(f"mention {text!r}: text does not fit its span")
        return tuple.__new__(cls, (start, end, text, type, canonical))


class _QuoteFields(NamedTuple):
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    cue: str | None = None
    how: str | None = None          # HOW the speaker was found; None when there is none


class Quote(_QuoteFields):
    """Quoted content text[start:end] (without the quote marks) and who said it, if known."""

    __slots__ = ()
    __reduce__ = _rebuilt

    def __new__(cls, start: int, end: int, kind: str, speaker: str | None = None, speaker_start: int | None = None,
                speaker_end: int | None = None, speaker_canonical: str | None = None, cue: str | None = None,
                how: str | None = None) -> "Quote":
        _check_span(start, end, "quote")
        if kind not in KINDS:
            raise ValueError(f"quote: unknown kind {kind!r}")
        if how is not None and how not in HOW:
            raise ValueError(f"quote: unknown attribution {how!r}")
        if speaker is None:
            if speaker_start is not None or speaker_end is not None:
                raise ValueError("quote: speaker offsets without a speaker")
        else:
            _check_span(speaker_start, speaker_end, "speaker")
            if len(speaker) != speaker_end - speaker_start:
                raise ValueError(f"quote: speaker {speaker!r} does not fit its span")
        return tuple.__new__(cls, (start, end, kind, speaker, speaker_start, speaker_end, speaker_canonical, cue, how))


class Role(NamedTuple):
    """A title the article gives a person, e.g. ("Ren Zhengfei", "CEO of Huawei")."""

    canonical: str
    role: str

    __reduce__ = _rebuilt


class _EntityInfoFields(NamedTuple):
    canonical: str
    type: str
    slug: str | None = None
    description: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()


class EntityInfo(_EntityInfoFields):
    """What is known about one canonical entity of an article (registry data when it has any)."""

    __slots__ = ()
    __reduce__ = _rebuilt

    def __new__(cls, canonical: str, type: str, slug: str | None = None, description: str | None = None,
                links: tuple[tuple[str, str], ...] = (), aliases: tuple[str, ...] = ()) -> "EntityInfo":
        if type not in TYPES:
            raise ValueError(f"entity {canonical!r}: unknown type {type!r}")
        return tuple.__new__(cls, (canonical, type, slug, description, links, aliases))


@dataclass(frozen=True)
class Annotations:
    """Everything found in one text. Mentions sorted and non-overlapping; quotes sorted by start."""

    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()
    entities: tuple[EntityInfo, ...] = ()

    def check(self, text: str) -> "Annotations":
        """Raise ValueError unless every span lies in `text` and the ordering rules hold."""
        end = 0
        for m in self.mentions:
            if m.start < end or m.end > len(text) or text[m.start:m.end] != m.text:
                raise ValueError(f"mention {m.text!r} at {m.start} overlaps or leaves the text")
            end = m.end
        starts = [q.start for q in self.quotes]
        if starts != sorted(starts):
            raise ValueError("quotes are not sorted")
        for q in self.quotes:
            if q.end > len(text) or (q.speaker_end or 0) > len(text):
                raise ValueError(f"quote at {q.start} leaves the text")
            if q.speaker is not None and text[q.speaker_start:q.speaker_end] != q.speaker:
                raise ValueError(f"quote at {q.start}: speaker does not match the text")
        return self
