"""A user's mistake, reported as `path:line: message` without a traceback.

Any other exception is a bug in Quotewire and keeps its traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildError:
    """One problem in the user's input. `line` is 1-based, or None when unknown."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class BuildFailed(Exception):
    """Raised with every BuildError of a stage, so they are reported together."""

    def __init__(self, errors: list[BuildError] | tuple[BuildError, ...]):
        self.errors = tuple(sorted(errors, key=lambda e: (e.path, e.line or 0, e.message)))
        super().__init__("\n".join(str(e) for e in self.errors))
