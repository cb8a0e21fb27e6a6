"""What incremental builds keep between runs, in `.cache/` beside the output (never inside it).

Three kinds of things are kept:

- **Memo tables**: the parsed Article of each source file and the Annotations of each article,
  so an unchanged article is neither re-parsed nor re-annotated (and, in `office-ties`, whom each
  article ties to an office: holders.resolve_roles). Keys are content hashes, never
  mtimes (git checkouts and copies reset mtimes): an article's key is the hash of its path and
  bytes, its annotations' key the hash of the whole parsed Article. Every table lives under one
  *envelope* key: the generator's version and source code, the effective config and the
  registry's bytes; when any of them changes, every entry is dropped.
- **Side tables**, a file each, read only by the stage that uses them: the search index's shards
  by the hash of their articles' digests or of their documents (`search.pickle`), the stem of
  each word (`stems.pickle`), the annotator's word lists (`word-lists.pickle`), the slug of each
  name (`slugs.pickle`), what each entity appears with by its name and the hashes of the articles
  naming it (`related.pickle`), and the open data's records by what makes each
  (`records.pickle`). An entry's value is a function of its key (under the envelope), so a table
  is written only when its keys change, and then only the changes, to a delta file beside it
  (Entries), until they reach an eighth of it.
- **The plan** of the last successful build (`plan.pickle`, pages.PlanState): enough of its
  articles, entities and links for the planner to tell which pages are unchanged without hashing
  them. Used only with the manifest of the same build.
- **The manifest** of the last successful build: a hash of every input (the envelope, each
  article's key, the templates) and the size and mtime of each file it left in the output.
  When the inputs hash is the same and the output folder is exactly as that build left it,
  nothing can differ, so the build stops there without rendering (a no-op rebuild).

The files are pickles behind a checksum. A damaged, truncated or incompatible file is ignored
with a warning and rebuilt, never trusted. `.cache/` is as trusted as the generator's own code
(unpickling runs code): it is made by this program on this machine and is safe to delete.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, TypeVar

from . import __version__
from .fingerprint import digest
from .models import Article
from .write import scan

T = TypeVar("T")
FORMAT = 2
MAGIC = b"quotewire-cache 1\n"
TABLES = "tables.pickle"
MANIFEST = "manifest.pickle"
PLAN = "plan.pickle"
PACKAGE = Path(__file__).resolve().parent
PROJECT_FILES = (PACKAGE.parent / "pyproject.toml",)   # dependency pins, when installed from a checkout


def folder_fingerprint(folder: Path, pattern: str = "*") -> str:
    """Hash of the names and bytes of every file under `folder` matching `pattern`."""
    files = sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


@cache
def generator_fingerprint() -> str:
    """The version plus every file of the generator (code, vendored assets): any change invalidates the cache.

    Computed once per process: it describes the code that is running, not what is on disk now.
    """
    extra = [p.read_bytes() for p in PROJECT_FILES if p.is_file()]
    return digest(__version__, f"python {sys.version_info[:2]}", folder_fingerprint(PACKAGE), *extra)


def envelope_key(config: object, registry_bytes: bytes) -> tuple[str, str, str]:
    """(generator, config, registry) hashes: every cached entry is valid for this triple only."""
    return generator_fingerprint(), digest(repr(config)), digest(registry_bytes)


def _dump(path: Path, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    os.replace(temp, path)   # atomic: a reader sees the old file or the new one, never half


def _load(path: Path, warnings: list[str]) -> dict | None:
    """The pickled dict at `path`, or None (with a warning unless the file is simply absent)."""
    read = _read(path, warnings)
    return read[0] if read is not None else None


def _read(path: Path, warnings: list[str]) -> tuple[dict, str] | None:
    """_load's dict and the file's checksum (which names this version of the file)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        warnings.append(f"{path}: cache unreadable ({exc.strerror}); ignoring it and rebuilding it")
        return None
    end = data.find(b"\n", len(MAGIC))
    head, payload = data[len(MAGIC):end], memoryview(data)[end + 1:]     # no copy of the payload
    if not data.startswith(MAGIC) or end < 0 or head != hashlib.sha256(payload).hexdigest().encode():
        warnings.append(f"{path}: cache damaged or made by another version of Quotewire; "
                        "ignoring it and rebuilding it")
        return None
    try:
        value = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError) as exc:
        # the checksum matched, so the file is whole but its classes changed since it was written
        warnings.append(f"{path}: cache incompatible ({type(exc).__name__}); ignoring it and rebuilding it")
        return None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        warnings.append(f"{path}: cache in an unknown format; ignoring it and rebuilding it")
        return None
    return value, head.decode()


DELTA_SHARE = 8     # a table is written whole again once more than 1/8 of its keys changed since then
DELTA_LEAST = 64    # ... or more than this many, in a small table


@dataclass(frozen=True)
class Entries:
    """A table's entries as read: those of its file, with the changes in the file's delta (a
    small file beside it, "NAME.delta.pickle") applied. The delta holds what changed since the
    whole file was written, so that adding an article writes a few entries, not the table."""

    entries: dict
    base: str = ""                              # the checksum of the whole file ("": none read)
    base_keys: frozenset = frozenset()          # the keys it holds

    def save(self, path: Path, key: tuple[str, str, str], made: Mapping) -> None:
        """Keep `made` as the table's entries: in the delta when they differ from the whole
        file's by a few keys (a value depends on its key alone), else as a new whole file."""
        delta = _delta_path(path)
        if self.base:
            # By set differences, which take each key's hash as its dict or set holds it: keys that
            # hold long tuples (a speaker's source digests) are slow to hash again.
            made_keys = set(made)
            added = {k: made[k] for k in made_keys - self.base_keys}
            removed = list(self.base_keys - made_keys)
            if len(added) + len(removed) <= max(DELTA_LEAST, len(made) // DELTA_SHARE):
                _dump(delta, {"format": FORMAT, "key": key, "base": self.base, "added": added, "removed": removed})
                return
        _dump(path, {"format": FORMAT, "key": key, "entries": dict(made)})
        delta.unlink(missing_ok=True)          # a delta names its whole file: an old one is ignored anyway


def _delta_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.delta{path.suffix}")


def load_entries(path: Path, key: tuple[str, str, str], warnings: list[str]) -> tuple[Entries, dict | None]:
    """The entries kept at `path` for the envelope `key` (none when absent, damaged or made under
    another key: a problem is told in `warnings`), and the whole file's dict as read (None if unusable)."""
    read = _read(path, warnings)
    if read is None:
        return Entries({}), None
    stored, checksum = read
    if stored.get("key") != key or not isinstance(stored.get("entries"), dict):
        return Entries({}), stored
    entries = stored["entries"]
    base_keys = frozenset(entries)
    delta = _load(_delta_path(path), warnings)
    if (delta is not None and delta.get("key") == key and delta.get("base") == checksum
            and isinstance(delta.get("added"), dict) and isinstance(delta.get("removed"), list)):
        for gone in delta["removed"]:
            entries.pop(gone, None)
        entries.update(delta["added"])
    return Entries(entries, checksum, base_keys), stored


@dataclass
class Manifest:
    """The last successful build: its inputs hash, what it counted, and the files it left."""

    inputs: str
    counts: dict[str, int]
    files: dict[str, tuple[int, int]]      # output path -> (size, mtime_ns)
    pages: dict[str, str] = field(default_factory=dict)   # page path -> fingerprint of its inputs

    def intact(self, state: Mapping[str, tuple[int, int]]) -> set[str]:
        """Output files that are exactly as this build left them (same size and mtime)."""
        return {path for path, stat in state.items() if self.files.get(path) == stat}


def output_state(out_dir: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every file under `out_dir`, by POSIX path relative to it."""
    state = {}
    for path, entry in scan(out_dir):
        st = entry.stat(follow_symlinks=False)
        state[path] = (st.st_size, st.st_mtime_ns)
    return state


@dataclass
class BuildCache:
    """The memo tables of one build. Records which entries it used, so the saved cache holds
    exactly this build's entries (a deleted article's entries are dropped). The tables are read
    when first used: a build that finds nothing changed never reads them."""

    folder: Path | None
    key: tuple[str, str, str]
    warnings: list[str] = field(default_factory=list)
    used: dict[str, dict[str, object]] = field(default_factory=dict)
    misses: dict[str, int] = field(default_factory=dict)
    manifest: Manifest | None = None
    _tables: dict[str, dict[str, object]] | None = None
    _stored: Entries = Entries({})          # the tables' file as read: (table, key) → value

    @property
    def tables(self) -> dict[str, dict[str, object]]:
        if self._tables is None:
            self._tables = _load_tables(self) if self.folder is not None else {}
        return self._tables

    def memo(self, table: str, key: str, compute: Callable[[], T]) -> T:
        """The cached value of `key` in `table`, computing (and remembering) it on a miss."""
        stored = self.tables.setdefault(table, {})
        if key in stored:
            value = stored[key]
        else:
            value = compute()
            self.misses[table] = self.misses.get(table, 0) + 1
        self.used.setdefault(table, {})[key] = value
        return value

    def changed(self) -> bool:
        return any(self.misses.values()) or any(set(self.tables.get(t, {})) != set(self.used.get(t, {}))
                                                for t in set(self.tables) | set(self.used))

    def inputs_digest(self, sources: Iterable[str], extra: Iterable[str]) -> str:
        """Hash of everything a build reads: the envelope (generator, config, registry), the key of
        each source file (source_key: its path and bytes) and `extra`. Known before parsing."""
        return digest(*self.key, *sorted(sources), *extra)

    def output_current(self, inputs: str, state: Mapping[str, tuple[int, int]]) -> bool:
        """True when the last build had the same inputs and its output (`state`) is as it left it."""
        return self.manifest is not None and self.manifest.inputs == inputs and state == self.manifest.files


def open_cache(folder: Path | None, key: tuple[str, str, str]) -> BuildCache:
    """The cache in `folder` for this envelope `key`; empty (and warned about) when unusable.
    `folder=None` disables caching."""
    if folder is None:
        return BuildCache(None, key)
    warnings: list[str] = []
    manifest = _load(folder / MANIFEST, warnings)
    valid = manifest is not None and isinstance(manifest.get("manifest"), Manifest)
    return BuildCache(folder, key, warnings, manifest=manifest["manifest"] if valid else None)


def _load_tables(cache: BuildCache) -> dict[str, dict[str, object]]:
    path = cache.folder / TABLES
    cache._stored, stored = load_entries(path, cache.key, cache.warnings)
    if stored is not None and stored.get("key", ("",))[0] != cache.key[0]:
        cache.warnings.append(f"{path}: cache made by another version of the generator; rebuilding it")
    tables: dict[str, dict[str, object]] = {}
    for entry, value in cache._stored.entries.items():
        if isinstance(entry, tuple) and len(entry) == 2:
            tables.setdefault(entry[0], {})[entry[1]] = value
    return tables


def save_tables(cache: BuildCache) -> None:
    """Keep this build's entries (only when something changed: a no-op writes nothing)."""
    if cache.folder is not None and cache.changed():
        entries = {(table, key): value for table, found in cache.used.items() for key, value in found.items()}
        cache._stored.save(cache.folder / TABLES, cache.key, entries)


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


def load_plan(cache: BuildCache) -> object | None:
    """The last build's plan state (pages.PlanState), if it belongs to the manifest's build."""
    if cache.folder is None or cache.manifest is None:
        return None
    stored = _load(cache.folder / PLAN, cache.warnings)
    if stored is None or stored.get("key") != cache.key or stored.get("inputs") != cache.manifest.inputs:
        return None
    return stored.get("plan")


def save_plan(cache: BuildCache, inputs: str, plan: object | None) -> None:
    """Kept before the manifest: a plan whose build left no manifest is never used."""
    if cache.folder is not None:
        _dump(cache.folder / PLAN, {"format": FORMAT, "key": cache.key, "inputs": inputs, "plan": plan})


def save_manifest(cache: BuildCache, inputs: str, counts: Mapping[str, int], out_dir: Path,
                  pages: Mapping[str, str] = {}, state: Mapping[str, tuple[int, int]] | None = None) -> None:
    if cache.folder is None:
        return
    manifest = Manifest(inputs, dict(counts), dict(state) if state is not None else output_state(out_dir),
                        dict(pages))
    if manifest != cache.manifest:
        _dump(cache.folder / MANIFEST, {"format": FORMAT, "manifest": manifest})


@dataclass(frozen=True)
class SideTable:
    """A memo table in a file of its own, for one stage (the search index: shards by the hash of
    their documents), as this build found it: `known` holds its entries, `keep(made)` saves this
    build's in their place. Only that stage reads and writes it, so a no-op build never loads it.
    Entries are valid under the envelope `key` only; a value depends on its key alone, so the
    file is written only when the keys change."""

    path: Path | None
    key: tuple[str, str, str]
    known: dict
    stored: Entries = Entries({})     # the file as read (known, unless emptied): where a save starts from

    def keep(self, made: Mapping) -> None:
        if set(made) != set(self.known):
            self.save(made)

    def save(self, made: Mapping) -> None:
        if self.path is not None:
            self.stored.save(self.path, self.key, made)


def side_table(cache: BuildCache, name: str, warnings: list[str] | None = None) -> SideTable:
    """The side table `name` of `cache`, loaded (problems go to `warnings`, else the cache's)."""
    path = cache.folder / f"{name}.pickle" if cache.folder is not None else None
    if path is None:
        return SideTable(None, cache.key, {})
    stored, _ = load_entries(path, cache.key, cache.warnings if warnings is None else warnings)
    return SideTable(path, cache.key, stored.entries, stored)


def source_key(source_path: str, data: bytes) -> str:
    """A source file's key: the hash of its path and bytes (never its mtime)."""
    return digest(source_path, data)


def cached_parse(cache: BuildCache, parse: Callable[[bytes, str, str], T]) -> Callable[[bytes, str, str], T]:
    """`parse(data, source_path, display_path)` remembered by the hash of path and bytes.
    Errors are raised, never remembered: a broken article is read again next time."""
    def parse_once(data: bytes, source_path: str, path: str) -> T:
        return cache.memo("article", source_key(source_path, data), lambda: parse(data, source_path, path))
    return parse_once


def annotations_key(article: Article) -> str:
    return article.fingerprint


def has_annotations(cache: BuildCache, key: str) -> bool:
    """Whether annotations under `key` (annotations_key of an article) are in the cache."""
    return key in cache.tables.get("annotations", {})


def cached_annotations(cache: BuildCache, key: str, annotate: Callable[[], T]) -> T:
    """The annotations under `key` (annotations_key of an article: the hash of all its fields)."""
    return cache.memo("annotations", key, annotate)
