"""Work spread over the machine's cores: the same results, in the same order, as one process.

Uses forked worker processes: they inherit the (frozen) inputs of the stage, so nothing but
task numbers and results crosses between processes. Where fork is unavailable, or the work is
small, everything runs in this process.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Iterator, Sequence, TypeVar

R = TypeVar("R")
CHUNK = 40
PARALLEL_FROM = 200      # fewer items than this are not worth forking for

_SHARED: tuple[Callable[[Any, int], Any], Any] | None = None


def _init(function: Callable[[Any, int], Any], shared: Any) -> None:
    global _SHARED                  # set once in each worker before its first task
    _SHARED = function, shared


def _run(indices: Sequence[int]) -> list:
    function, shared = _SHARED
    return [function(shared, i) for i in indices]


def workers_available() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:          # not Linux
        return os.cpu_count() or 1


def fork_map(function: Callable[[Any, int], R], indices: Sequence[int], shared: Any,
             min_items: int = PARALLEL_FROM, workers: int | None = None) -> Iterator[list[R]]:
    """`function(shared, i)` for each i of `indices`, yielded in order as chunks of results.

    `function` must be a module-level function; `shared` is inherited by forked workers.
    """
    workers = workers or min(workers_available(), 4)
    chunks = [indices[i:i + CHUNK] for i in range(0, len(indices), CHUNK)]
    if workers < 2 or len(indices) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield [function(shared, i) for i in chunk]
        return
    with multiprocessing.get_context("fork").Pool(workers, _init, (function, shared)) as pool:
        yield from pool.imap(_run, chunks)
