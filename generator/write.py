"""Apply the rendered site to the output folder: write only what changed, remove what is gone.

Called only after every page rendered without error, so a failed build never touches the
output. Every changed file is first written in full, then all are moved in with atomic renames:
a full disk fails before the site is half-updated. A first build writes a staging folder beside
the output and moves it in with one rename; a rebuild writes each file beside the one it replaces
(a hidden temporary name in the same folder), which spares a staging tree of folders and
renames nothing until all are written.

Every path is checked to stay inside the output folder (generator/outpath.py), and a file the
build did not make is never deleted or replaced unless asked (`clean`; generator/ownership.py).
The record of the files the build made is widened before the new files move in and narrowed once
the old ones are removed: a build killed in between never leaves a file of its own off it.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from . import urls
from .errors import BuildError, BuildFailed
from .outpath import check_folders, check_paths, path_problem, refused
from .ownership import RECORD, TEMPORARY, foreign_files, is_temporary, record_bytes, refuse_foreign

MARKER = urls.NOJEKYLL   # every Quotewire site has it
MB = 1024 * 1024


@dataclass(frozen=True)
class SizeLimits:
    """GitHub Pages refuses a file over 100 MB and a published site over 1 GB."""

    file: int = 100 * MB
    site: int = 1024 * MB


PAGES_LIMITS = SizeLimits()


@dataclass(frozen=True)
class WriteStats:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def scan(out_dir: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every file under `out_dir`: its POSIX path relative to it, and its directory entry."""
    stack = [(str(out_dir), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                yield prefix + entry.name, entry


def existing_files(out_dir: Path) -> set[str]:
    """Every file under `out_dir`, as POSIX paths relative to it."""
    return {path for path, _ in scan(out_dir)}


def check_output_folder(out_dir: Path) -> None:
    """Refuse to empty a folder that Quotewire did not make (a typo in --output)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildFailed([BuildError(str(out_dir), None, "output path exists and is not a folder")])
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BuildFailed([BuildError(str(out_dir), None, f"refusing to replace a folder Quotewire did not "
                                      f"build (it has no {MARKER}); choose an empty or new --output")])


def check_sizes(outputs: Mapping[str, bytes], out_dir: Path, limits: SizeLimits,
                kept: Mapping[str, int] = {}) -> None:
    """Fail before writing anything when the site would break GitHub Pages' limits."""
    errors = [BuildError(str(out_dir / path), None, f"{len(data) / MB:.1f} MB: GitHub Pages refuses files over "
                         f"{limits.file / MB:.0f} MB; split the data or leave it out of the site")
              for path, data in sorted(outputs.items()) if len(data) > limits.file]
    total = sum(len(data) for data in outputs.values()) + sum(kept.values())
    if total > limits.site:
        errors.append(BuildError(str(out_dir), None, f"the site is {total / MB:.1f} MB: GitHub Pages publishes at "
                                 f"most {limits.site / MB:.0f} MB; split the archive into several sites"))
    if errors:
        raise BuildFailed(errors)


def _changed(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size != len(data) or target.read_bytes() != data
    except OSError:
        return True


def write_site(outputs: Mapping[str, bytes], out_dir: Path, limits: SizeLimits = PAGES_LIMITS,
               kept: Mapping[str, int] = {}, existing: Iterable[str] | None = None,
               clean: bool = False) -> WriteStats:
    """Make `out_dir` hold exactly `outputs` plus the `kept` files (path → size) already there,
    and the record of them (ownership.RECORD).
    `existing`: the files now in `out_dir`, when the caller has just scanned it (else scanned here).
    `clean`: delete the files in `out_dir` the build did not make, instead of refusing to go on."""
    check_output_folder(out_dir)
    check_paths(out_dir, outputs)
    check_sizes(outputs, out_dir, limits, kept)
    outputs = {**outputs, MARKER: outputs.get(MARKER, b"")}
    outputs[RECORD] = record_bytes({*outputs, *kept})
    existing = set(existing) if existing is not None else existing_files(out_dir)
    if not existing:
        with _unwritable(out_dir):
            _write_new_site(outputs, out_dir)
        return WriteStats(written=tuple(sorted(outputs)), unchanged=0, removed=())
    return _update_site(outputs, out_dir, kept, existing, clean)


def _update_site(outputs: Mapping[str, bytes], out_dir: Path, kept: Mapping[str, int], existing: set[str],
                 clean: bool) -> WriteStats:
    """write_site for an output folder that holds files: write what changed, remove what is gone."""
    foreign = foreign_files(out_dir, existing, {*outputs, *kept})
    if foreign and not clean:
        raise refuse_foreign(out_dir, foreign)
    existing = existing - _remove_temporaries(out_dir, existing)
    stale = sorted(existing - set(outputs) - set(kept))
    record = outputs[RECORD]
    batch = {**outputs, RECORD: record_bytes({*outputs, *kept, *stale}) if stale else record}   # widened
    changed = sorted((path for path, data in batch.items() if path not in existing or _changed(out_dir / path, data)),
                     key=lambda path: (path != RECORD, path))                  # the record moves in first
    check_folders(out_dir, changed)
    with _unwritable(out_dir):
        written = _write_beside(batch, changed, out_dir)
    for temp, final in written:
        if final.is_dir() and not final.is_symlink():
            shutil.rmtree(final)
        os.replace(temp, final)
    for path in stale:
        (out_dir / path).unlink()
    _remove_empty_folders(out_dir, stale)
    if batch[RECORD] != record:                                               # narrowed, the old files gone
        # The site is in place: a record that cannot be narrowed stays wide, which is still true
        # (it names files that are gone too), and is written again by the next build.
        with suppress(OSError):
            _replace(out_dir / RECORD, record)
            changed = sorted({*changed, RECORD})
    return WriteStats(written=tuple(changed), unchanged=len(outputs) + len(kept) - len(changed),
                      removed=tuple(stale))


def _remove_temporaries(out_dir: Path, existing: Iterable[str]) -> set[str]:
    """Remove the half-written files a killed build left (their names may be the ones this build
    is about to write under); the paths removed."""
    temporaries = {path for path in existing if is_temporary(path)}
    for path in temporaries:
        (out_dir / path).unlink(missing_ok=True)
    return temporaries


def _replace(target: Path, data: bytes) -> None:
    temp = target.parent / f".{target.name}{TEMPORARY}"
    temp.write_bytes(data)
    os.replace(temp, target)


@contextmanager
def _unwritable(out_dir: Path) -> Iterator[None]:
    """A file that cannot be written (a full disk, a read-only folder) fails the build, which
    leaves the output as it was."""
    try:
        yield
    except OSError as error:
        raise cannot_write(error, out_dir) from None


def cannot_write(error: OSError, where: Path | str) -> BuildFailed:
    return BuildFailed([BuildError(str(error.filename or where), None,
                                   f"cannot write the site: {error.strerror or error}")])


def _write_beside(outputs: Mapping[str, bytes], paths: Sequence[str], out_dir: Path) -> list[tuple[Path, Path]]:
    """Write each of `paths` under a temporary name beside its final place: (temporary, final) pairs.
    On an error, the temporary files and the folders made for them are removed before it is raised."""
    written: list[tuple[Path, Path]] = []
    made: list[Path] = []            # folders made here, each after its parent
    ready: set[Path] = set()
    try:
        for path in paths:
            final = out_dir / path
            if final.parent not in ready:
                _make_folders(final.parent, made)
                ready.add(final.parent)
            temp = final.parent / f".{final.name}{TEMPORARY}"
            written.append((temp, final))
            temp.write_bytes(outputs[path])
    except BaseException:
        for temp, _ in written:
            temp.unlink(missing_ok=True)
        for folder in reversed(made):
            with suppress(OSError):
                folder.rmdir()
        raise
    return written


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make `folder` and its missing parents, outermost first, each added to `made` once made."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for parent in reversed(missing):
        parent.mkdir()
        made.append(parent)


class Staging:
    """A first build's output, written into a folder beside `out_dir` (same file system: it moves
    in with one rename). Left as a context: leaving it removes the folder, unless `move_in` made
    it the output."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.folder = _beside(out_dir, "staging")
        self._made: set[str] = set()           # folders known to exist
        remove_leftovers(out_dir)

    def write(self, path: str, data: bytes) -> None:
        problem = path_problem(path)
        if problem is not None:
            raise BuildFailed([refused(self.out_dir, path, problem)])
        target = os.path.join(self.folder, path)
        folder = os.path.dirname(target)
        try:
            if folder not in self._made:
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            with open(target, "wb") as file:
                file.write(data)
        except OSError as error:       # a full disk: the build fails, the output folder untouched
            raise cannot_write(error, target) from None

    def move_in(self, outputs: Mapping[str, bytes]) -> None:
        """Write `outputs`, then make the staging folder the output folder. The output folder,
        if any, held no file when the build began; whatever it holds now is replaced."""
        for path in sorted(outputs):
            self.write(path, outputs[path])
        out_dir = self.out_dir
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        if out_dir.exists():
            old = _beside(out_dir, "old")
            _remove(old)
            os.replace(out_dir, old)
            os.replace(self.folder, out_dir)
            _remove(old)
        else:
            os.replace(self.folder, out_dir)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc_info) -> None:
        with suppress(OSError):       # gone once moved in; else removed by the next build
            _remove(self.folder)


def _beside(out_dir: Path, kind: str) -> Path:
    """A hidden folder beside `out_dir` used while a build replaces it: "staging" or "old"."""
    return out_dir.parent / f".{out_dir.name}.{kind}"


def remove_leftovers(out_dir: Path) -> None:
    """Remove the folders a killed build may have left beside `out_dir` (its own half-written
    files inside are removed by the next write_site: they are not part of the site)."""
    for kind in ("staging", "old"):
        _remove(_beside(out_dir, kind))


def _remove(path: Path) -> None:
    """Remove a folder and what it holds; a symbolic link or a file in its place, just itself."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _write_new_site(outputs: Mapping[str, bytes], out_dir: Path) -> None:
    """A first build: write everything beside `out_dir`, then move it in with one rename."""
    with Staging(out_dir) as staging:
        staging.move_in(outputs)


def _remove_empty_folders(out_dir: Path, removed: Sequence[str]) -> None:
    """Remove the folders that held only removed files (deepest first, never `out_dir`)."""
    folders = {parent for path in removed for parent in Path(path).parents if parent != Path(".")}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        target = out_dir / folder
        if target.is_dir() and not any(target.iterdir()):
            target.rmdir()
