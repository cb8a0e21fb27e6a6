"""Work spread over the machine's cores: the same results, in the same order, as one process.

Uses forked worker processes: they inherit the (frozen) inputs of the stage, so nothing but
task numbers and results crosses between processes. Where fork is unavailable, or the work is
small, everything runs in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import time
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


class Beside:
    """`function(*args)` computed in a forked process while this one goes on; `result()` waits.

    Runs in this process, when `result()` is asked, where there is one core or no fork.
    """

    def __init__(self, function: Callable[..., R], *args: Any):
        self._function, self._args, self._pool = function, args, None
        if workers_available() > 1 and "fork" in multiprocessing.get_all_start_methods():
            self._pool = multiprocessing.get_context("fork").Pool(1, _init, ((function, args), None))
            self._async = self._pool.apply_async(_run_beside)

    def result(self) -> tuple[R, float]:
        """The function's value and the seconds it took."""
        if self._pool is None:
            start = time.perf_counter()
            return self._function(*self._args), time.perf_counter() - start
        try:
            return self._async.get()
        finally:
            self._pool.close()
            self._pool.join()


def _run_beside() -> Any:
    (function, args), _ = _SHARED
    start = time.perf_counter()
    return function(*args), time.perf_counter() - start
