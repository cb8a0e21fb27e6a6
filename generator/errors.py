"""A user's mistake, reported as `path:line: message` without a traceback.

Any other exception is a bug in Quotewire and keeps its traceback.
"""
from __future__ import annotations

import re
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
        self.errors = tuple(sorted(set(errors), key=lambda e: (e.path, e.line or 0, e.message)))
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self):            # raised in a worker process, raised again in the build's
        return BuildFailed, (self.errors,)


def key_line(text: str, key: str) -> int | None:
    """1-based line of a top-level `key:` in YAML text, for messages that name the key."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def yaml_error(exc: Exception, path: str, first_line: int, what: str) -> BuildError:
    """A PyYAML error as `path:line: what: problem`; `first_line` is where the YAML starts."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    detail = ", ".join(filter(None, (getattr(exc, "context", None), getattr(exc, "problem", None))))
    return BuildError(path, line, f"{what}: {detail or exc}")


def read_utf8(path, shown: str, kind: str, hint: str) -> str:
    """The UTF-8 text of a file the user named (site.yaml, corrections, JSON Lines), or BuildFailed:
    `shown` names it, `kind` says what it should be ("a settings file"), `hint` how to fix bad bytes."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        raise BuildFailed([BuildError(shown, None, f"is a folder, not {kind}")]) from None
    except OSError as exc:
        raise BuildFailed([BuildError(shown, None, f"cannot read {kind}: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BuildFailed([BuildError(shown, line, f"not UTF-8 text: {hint}")]) from None
