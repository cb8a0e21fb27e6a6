"""Which files in the output folder the build made: the record it keeps there.

Every build leaves in the output folder a list of the files it made (RECORD), so that it never
deletes a file it did not make: a `CNAME`, a `thesis.txt` put there by hand. The record lives in
the output folder itself, not in `.cache/`: deleting the cache, or `--no-cache`, does not make
the build forget which files are its own.

A folder built before there was a record (it has `.nojekyll`, but no record) is taken over once:
the files this build makes, and those at the places where Quotewire writes (urls.in_site_layout),
are its own; any other file is foreign.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Collection, Iterable

from . import urls
from .errors import BuildError, BuildFailed

RECORD = ".quotewire-files"
TEMPORARY = ".quotewire-new"    # the suffix of a file written beside the one it replaces (write.py)
NAMED = 5                       # foreign files named in the error; the others are counted


def record_bytes(files: Iterable[str]) -> bytes:
    """The record of `files`: a JSON list, one path a line, sorted (the same files, the same bytes)."""
    return (json.dumps(sorted(set(files) - {RECORD}), indent=0) + "\n").encode()


def read_record(out_dir: Path) -> set[str] | None:
    """The files the last build recorded as its own; None when there is no readable record."""
    try:
        files = json.loads((out_dir / RECORD).read_bytes())
    except (OSError, ValueError):
        return None
    return set(files) if isinstance(files, list) and all(isinstance(f, str) for f in files) else None


def is_temporary(path: str) -> bool:
    """A file a killed build left half-written beside the one it was replacing."""
    return path.rpartition("/")[2].startswith(".") and path.endswith(TEMPORARY)


def foreign_files(out_dir: Path, existing: Iterable[str], made: Collection[str]) -> list[str]:
    """The files of `existing` (now in `out_dir`) the build did not make: neither on the record
    nor left half-written by a killed build. `made`: the files this build makes, which are its own
    too in a folder with no record."""
    recorded = read_record(out_dir)
    if recorded is None:
        def ours(path: str) -> bool:
            return path in made or urls.in_site_layout(path)
    else:
        def ours(path: str) -> bool:
            return path in recorded
    return sorted(path for path in existing if path != RECORD and not is_temporary(path) and not ours(path))


def refuse_foreign(out_dir: Path, foreign: list[str]) -> BuildFailed:
    """The error for a build that would delete or replace files it did not make."""
    count = len(foreign)
    some = "" if count <= NAMED else f" (the first {NAMED} below)"
    summary = BuildError(str(out_dir), None,
                         f"holds {count} file{'s' if count != 1 else ''} Quotewire did not make{some}; "
                         f"to publish them with the site, move them to content/static/; "
                         f"to delete them, build with --clean")
    return BuildFailed([summary] + [BuildError(str(out_dir / path), None, "not made by Quotewire")
                                    for path in foreign[:NAMED]])
