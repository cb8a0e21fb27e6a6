"""content/static/: the user's own files, copied as is to the site's root.

`content/static/CNAME` becomes `_site/CNAME`, `content/static/img/logo.png` `_site/img/logo.png`.
A user's `robots.txt` replaces the generated one; any other file at a path the build generates is
an error naming both, so that neither silently wins.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Collection, Mapping

from . import urls
from .errors import BuildError, BuildFailed
from .fingerprint import digest
from .ownership import RECORD

FOLDER = "static"
REPLACEABLE = frozenset({urls.ROBOTS})              # generated files a user's file may replace
RESERVED = frozenset({urls.NOJEKYLL, RECORD})       # files every build writes, whatever it holds


def read_static(content: Path) -> dict[str, bytes]:
    """Every file under content/static/ by its POSIX path relative to that folder; none without
    it. A symbolic link is an error: the file itself belongs there."""
    folder = content / FOLDER
    files: dict[str, bytes] = {}
    errors = []
    for top, folders, names in os.walk(folder):
        for name in sorted(folders + names):
            path = os.path.join(top, name)
            if os.path.islink(path):
                errors.append(BuildError(path, None, "a symbolic link: put the file or folder itself in "
                                                     f"{folder}/, it is copied as is"))
            elif name in names:
                files[Path(path).relative_to(folder).as_posix()] = Path(path).read_bytes()
    if errors:
        raise BuildFailed(errors)
    return dict(sorted(files.items()))


def static_digest(files: Mapping[str, bytes]) -> str:
    """The hash of the paths and bytes of `files` (read_static): an input of the build."""
    return digest(*(part for path, data in sorted(files.items()) for part in (path, data)))


def passthrough_files(files: Mapping[str, bytes], generated: Collection[str], content: Path) -> dict[str, bytes]:
    """`files` (read_static) to write into the site; an error for each that would take the place of
    a file the build generates (`generated`), unless that file may be replaced (robots.txt)."""
    errors = [BuildError(str(content / FOLDER / path), None,
                         f"the build generates {path} too; only {', '.join(sorted(REPLACEABLE))} may be "
                         f"replaced by a file of {content / FOLDER}/: rename or remove this one")
              for path in files
              if path in RESERVED or (path in generated and path not in REPLACEABLE)]
    if errors:
        raise BuildFailed(errors)
    return dict(files)
