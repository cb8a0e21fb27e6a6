"""The writer's guard: every file the build writes stays inside the output folder.

Slugs are validated where they are read (generator/read.py); this is the second line of defence,
applied by every function that writes into the output or its staging folder. A path the writer
accepts is relative, in POSIX form, made of plain segments, and no folder on its way is a symbolic
link leading out of the output folder.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

from .errors import BuildError, BuildFailed

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def path_problem(path: str) -> str | None:
    """Why `path`, relative to the output folder, is refused; None when it is a plain path inside."""
    if not path:
        return "it is empty"
    if not path.isprintable() and _CONTROL.search(path):       # isprintable: the quick look
        return "it holds a control character"
    if "\\" in path:
        return "it holds a backslash"
    if path.startswith("/"):
        return "it is absolute"
    segments = path.split("/")
    if ".." in segments:
        return "it has a '..' segment"
    if "." in segments:
        return "it has a '.' segment"
    if "" in segments:
        return "it has an empty segment"
    return None


def refused(out_dir: Path, path: str, problem: str) -> BuildError:
    return BuildError(str(out_dir), None, f"refusing to write {path!r}: {problem}; every file of the site "
                                          f"must stay inside the output folder")


def check_paths(out_dir: Path, paths: Iterable[str]) -> None:
    """Raise BuildFailed naming every path of `paths` that path_problem refuses."""
    errors = [refused(out_dir, path, problem) for path in paths if (problem := path_problem(path)) is not None]
    if errors:
        raise BuildFailed(errors)


def check_folders(out_dir: Path, paths: Iterable[str]) -> None:
    """Raise BuildFailed when a folder on the way to one of `paths` (checked by check_paths) is a
    symbolic link that leads out of `out_dir`. Each folder is looked at once."""
    root = os.path.realpath(out_dir)
    seen: set[str] = set()
    errors = []
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder and folder not in seen:
            seen.add(folder)
            full = os.path.join(out_dir, folder)
            if os.path.islink(full) and not _inside(os.path.realpath(full), root):
                errors.append(refused(out_dir, path, f"{folder!r} is a symbolic link to "
                                                     f"{os.path.realpath(full)}, outside the output folder"))
            folder = folder.rpartition("/")[0]
    if errors:
        raise BuildFailed(errors)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)
