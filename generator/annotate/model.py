"""The annotation data: frozen dataclasses whose spans are checked when they are made."""
from __future__ import annotations

from dataclasses import dataclass

TYPES = ("person", "organization", "place", "other")
KINDS = ("direct", "indirect")


def _check_span(start: int, end: int, what: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError(f"{what}: bad span [{start}, {end})")


@dataclass(frozen=True)
class Mention:
    """A named thing at text[start:end]; `canonical` joins every mention of one entity."""

    start: int
    end: int
    text: str
    type: str
    canonical: str

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "mention")
        if self.type not in TYPES:
            raise ValueError(f"mention {self.text!r}: unknown type {self.type!r}")
        if len(self.text) != self.end - self.start or not self.canonical:
            raise ValueError(f"mention {self.text!r}: text does not fit its span")


@dataclass(frozen=True)
class Quote:
    """Quoted content text[start:end] (without the quote marks) and who said it, if known."""

    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    cue: str | None = None

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "quote")
        if self.kind not in KINDS:
            raise ValueError(f"quote: unknown kind {self.kind!r}")
        if self.speaker is None:
            if self.speaker_start is not None or self.speaker_end is not None:
                raise ValueError("quote: speaker offsets without a speaker")
        else:
            _check_span(self.speaker_start, self.speaker_end, "speaker")
            if len(self.speaker) != self.speaker_end - self.speaker_start:
                raise ValueError(f"quote: speaker {self.speaker!r} does not fit its span")


@dataclass(frozen=True)
class Role:
    """A title the article gives a person, e.g. ("Ren Zhengfei", "CEO of Huawei")."""

    canonical: str
    role: str


@dataclass(frozen=True)
class EntityInfo:
    """What is known about one canonical entity of an article (registry data when it has any)."""

    canonical: str
    type: str
    slug: str | None = None
    description: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"entity {self.canonical!r}: unknown type {self.type!r}")


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
