"""What incremental builds keep between runs: one SQLite file, `.cache/memo.sqlite`, beside the output.

One row per table and key. A value is a function of its key under the *envelope* (the generator's
code, the effective config, the registry's bytes: envelope_key); a memo made under another
envelope is dropped whole. Keys are content hashes, never mtimes. The tables:

- `article`: the parsed Article by its source file's path and bytes (source_key);
- `annotations`: an article's Annotations by Article.fingerprint;
- `word-lists`, `country-names`: the annotator's word lists (generator/annotate/gazetteer.py), slow to make;
- `related`, `records`, `search`, `stems`: what the catalog, the open data and the search index made
  of a few articles, by what determines it (their stages take these as `known` tables);
- `templates`: Jinja's compiled templates;
- `build`: the manifest of the last successful build: its inputs' digest, its files, its pages' fingerprints.

A stage asks `memo.get_or_make(table, key, make)`, or takes a whole table (`entries`) and hands its
new one back (`replace`). The build's own process alone writes the file, in one transaction once
the site is written (`save`): the rows this build made, minus the rows of the tables it used that it
no longer needs; nothing when nothing changed (a no-op writes no file). A damaged file is ignored
with a warning and made again. `.cache/` is as trusted as the generator's own code (values are
pickles): it is made by this program on this machine and is safe to delete.
"""
from __future__ import annotations

import marshal
import os
import pickle
import sqlite3
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, TypeVar

from . import __version__
from .fingerprint import digest
from .write import scan

T = TypeVar("T")
FILE = "memo.sqlite"
FORMAT = "quotewire-memo 1"
PACKAGE = Path(__file__).resolve().parent
PROJECT_FILES = (PACKAGE.parent / "pyproject.toml",)   # dependency pins, when installed from a checkout


def folder_fingerprint(folder: Path, pattern: str = "*") -> str:
    """Hash of the names and bytes of every file under `folder` matching `pattern`."""
    files = sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


@cache
def generator_fingerprint() -> str:
    """The version plus every file of the generator (code, vendored assets): computed once per
    process, it describes the code that is running, not what is on disk now."""
    extra = [p.read_bytes() for p in PROJECT_FILES if p.is_file()]
    return digest(__version__, f"python {sys.version_info[:2]}", folder_fingerprint(PACKAGE), *extra)


def envelope_key(config: object, registry_bytes: bytes) -> tuple[str, str, str]:
    """(generator, config, registry) hashes: every entry is valid for this triple only."""
    return generator_fingerprint(), digest(repr(config)), digest(registry_bytes)


def source_key(source_path: str, data: bytes) -> str:
    """A source file's key: the hash of its path and bytes (never its mtime)."""
    return digest(source_path, data)


def _key(key: object) -> bytes:
    return marshal.dumps(key, 0)     # version 0: no references, so equal keys give equal bytes


@dataclass
class Manifest:
    """The last successful build: its inputs hash, what it counted, the files it left."""

    inputs: str
    counts: dict[str, int]
    files: dict[str, tuple[int, int]]      # output path -> (size, mtime_ns)
    pages: dict[str, str] = field(default_factory=dict)   # page path -> fingerprint of its inputs

    def intact(self, state: Mapping[str, tuple[int, int]]) -> set[str]:
        """Output files that are exactly as this build left them (same size and mtime)."""
        return {path for path, stat in state.items() if self.files.get(path) == stat}

    def current(self, inputs: str, state: Mapping[str, tuple[int, int]]) -> bool:
        """The same inputs, and the output (`state`) as this build left it: nothing can differ."""
        return self.inputs == inputs and state == self.files


class Memo:
    """The memo of one build: read a table at a time when first used, written by `save`."""

    def __init__(self, folder: Path | None, key: tuple[str, str, str]):
        self.folder, self.key = folder, key
        self.warnings: list[str] = []
        self.path = folder / FILE if folder is not None else None
        self._db: sqlite3.Connection | None = None
        self._rows: dict[str, dict[bytes, bytes]] = {}        # table → its rows as read
        self._used: dict[str, dict[bytes, object]] = {}       # table → the entries this build used or made
        self._made: dict[str, set[bytes]] = {}
        self._replaced: dict[str, dict[bytes, object]] = {}
        self._fresh = True          # no usable file: every row is new
        if self.path is not None and self.path.is_file():
            self._open()

    def _open(self) -> None:
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            meta = dict(db.execute("SELECT name, value FROM meta"))
        except sqlite3.DatabaseError:
            self._damaged()
            return
        if meta.get("format") != FORMAT:
            self.warnings.append(f"{self.path}: cache made by another version of Quotewire; rebuilding it")
            db.close()
            return
        stored = tuple(meta.get(part, "") for part in ("generator", "config", "registry"))
        if stored[0] != self.key[0]:
            self.warnings.append(f"{self.path}: cache made by another version of the generator; rebuilding it")
        if stored != self.key:
            db.close()
            return
        self._db, self._fresh = db, False

    def _damaged(self) -> None:
        self.warnings.append(f"{self.path}: cache damaged or unreadable; ignoring it and rebuilding it")
        if self._db is not None:
            self._db.close()
        self._db, self._fresh, self._rows = None, True, {}

    def _table(self, table: str) -> dict[bytes, bytes]:
        rows = self._rows.get(table)
        if rows is None:
            rows = {}
            if self._db is not None:
                try:
                    rows = dict(self._db.execute("SELECT key, value FROM memo WHERE tbl = ?", (table,)))
                except sqlite3.DatabaseError:
                    self._damaged()
            self._rows[table] = rows
        return rows

    def _value(self, table: str, raw: bytes | None) -> object | None:
        if raw is None:
            return None
        try:
            return pickle.loads(raw)
        except Exception as exc:       # whole but its classes changed since: never trusted
            self.warnings.append(f"{self.path}: cache entry of {table} incompatible ({type(exc).__name__}); "
                                 "rebuilding it")
            return None

    def get_or_make(self, table: str, key: object, make: Callable[[], T]) -> T:
        """The value of `key` in `table`, made (and kept) when the memo has none."""
        k = _key(key)
        used = self._used.setdefault(table, {})
        if k in used:
            return used[k]
        value = self._value(table, self._table(table).get(k))
        if value is None:
            value = make()
            self._made.setdefault(table, set()).add(k)
        used[k] = value
        return value

    def entries(self, table: str) -> dict:
        """Every entry of `table`, for a stage that takes them as a table of what it knows."""
        found = {}
        for k, raw in self._table(table).items():
            value = self._value(table, raw)
            if value is not None:
                found[marshal.loads(k)] = value
        return found

    def replace(self, table: str, entries: Mapping) -> None:
        """`entries` are the table after this build (a value depends on its key alone: only the
        keys that are new are written)."""
        self._replaced[table] = {_key(key): value for key, value in entries.items()}

    def get(self, table: str, key: object) -> object | None:
        """The value of `key`, or None; marks it used."""
        k = _key(key)
        value = self._used.get(table, {}).get(k)
        if value is None:
            value = self._value(table, self._table(table).get(k))
            if value is not None:
                self._used.setdefault(table, {})[k] = value
        return value

    def put(self, table: str, key: object, value: object) -> None:
        k = _key(key)
        self._used.setdefault(table, {})[k] = value
        self._made.setdefault(table, set()).add(k)

    @property
    def manifest(self) -> Manifest | None:
        value = self.get("build", "manifest")
        return value if isinstance(value, Manifest) else None

    def save(self, manifest: Manifest) -> None:
        """Keep this build's entries and manifest: one transaction, or nothing when nothing changed."""
        if self.path is None:
            return
        if self.manifest != manifest:
            self.put("build", "manifest", manifest)
        writes, drops = [], []
        for table, used in self._used.items():
            rows = self._table(table)
            drops += [(table, k) for k in rows if k not in used and table != "build"]
            writes += [(table, k, used[k]) for k in self._made.get(table, ())]
        for table, entries in self._replaced.items():
            rows = self._table(table)
            drops += [(table, k) for k in rows if k not in entries]
            writes += [(table, k, value) for k, value in entries.items() if k not in rows]
        if writes or drops or (self._fresh and self._used):
            self._write(writes, drops)

    def _write(self, writes: list[tuple[str, bytes, object]], drops: list[tuple[str, bytes]]) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._fresh:
            self.path.unlink(missing_ok=True)
            for extra in ("-journal", "-wal"):
                Path(f"{self.path}{extra}").unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        try:
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS memo (tbl TEXT, key BLOB, value BLOB, PRIMARY KEY (tbl, key))"
                           " WITHOUT ROWID")
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               [("format", FORMAT), *zip(("generator", "config", "registry"), self.key)])
                db.executemany("DELETE FROM memo WHERE tbl = ? AND key = ?", drops)
                db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)",
                               ((table, k, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for table, k, value in writes))
        finally:
            db.close()


def open_memo(folder: Path | None, key: tuple[str, str, str]) -> Memo:
    """The memo in `folder` for this envelope `key`; empty (and warned about) when unusable.
    `folder=None` disables it."""
    return Memo(folder, key)


def output_state(out_dir: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every file under `out_dir`, by POSIX path relative to it."""
    state = {}
    for path, entry in scan(out_dir):
        st = entry.stat(follow_symlinks=False)
        state[path] = (st.st_size, st.st_mtime_ns)
    return state


def state_after_write(before: Mapping[str, tuple[int, int]] | None, out_dir: Path, written: Iterable[str],
                      removed: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The output's state after a write: `before` (a scan made this build) updated for the files
    written and removed, so the folder is not scanned twice; a full scan when there is no `before`."""
    if before is None:
        return output_state(out_dir)
    state = dict(before)
    for path in removed:
        state.pop(path, None)
    for path in written:
        st = (out_dir / path).stat()
        state[path] = (st.st_size, st.st_mtime_ns)
    return state
