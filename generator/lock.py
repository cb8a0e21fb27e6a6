"""One build at a time for each output folder.

A build holds an exclusive lock (fcntl.flock) on a file beside its output folder
(`._site.lock` for `_site/`) from before it reads anything until it has written everything. The
lock is the output folder's, not the cache's: it holds with `--no-cache`, and for two builds
with different `--cache` folders. The kernel releases it when the build's process ends, however
it ends: a killed build never leaves a stale lock behind. The file stays (deleting it while
another build waits on it would let a third build lock a new file beside).
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import BuildError, BuildFailed


def lock_path(out_dir: Path) -> Path:
    """The lock file of `out_dir`: beside it, hidden. The same folder named another way (a
    relative path, a symbolic link) has the same lock file."""
    real = out_dir.resolve()
    return real.parent / f".{real.name}.lock"


@contextmanager
def output_lock(out_dir: Path, wait: bool = True, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold `out_dir`'s lock for the block. When another build holds it: call `waiting` and wait
    for it (`wait`), or raise BuildFailed at once."""
    path = lock_path(out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise BuildFailed([BuildError(str(path), None, f"cannot lock the output folder: "
                                                       f"{error.strerror or error}")]) from None
    try:
        _acquire(descriptor, out_dir, wait, waiting)
        try:
            yield
        finally:
            # Unlocked explicitly: a worker process forked during the build shares the open file,
            # and would otherwise hold the lock until it has exited too.
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _acquire(descriptor: int, out_dir: Path, wait: bool, waiting: Callable[[], None]) -> None:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not wait:
            raise BuildFailed([BuildError(str(out_dir), None, "another build of this folder is running; "
                                          "run again once it has finished, or without --no-wait to wait "
                                          "for it")]) from None
        waiting()
        fcntl.flock(descriptor, fcntl.LOCK_EX)
