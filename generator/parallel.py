"""Work spread over the machine's cores: the same results, in the same order, as one process.

Uses forked worker processes: they inherit the (frozen) inputs of the stage, so nothing but
task numbers and results crosses between processes. Where fork is unavailable, or the work is
small, everything runs in this process. A worker ends when the process that forked it dies
(a build killed with kill -9 leaves no worker waiting for ever: exit_with_parent).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from typing import Any, Callable, Iterator, Sequence, TypeVar

R = TypeVar("R")
CHUNK = 40
PARALLEL_FROM = 200      # fewer items than this are not worth forking for

_SHARED: tuple[Callable[[Any, int], Any], Any] | None = None


def _init(function: Callable[[Any, int], Any], shared: Any, parent: int) -> None:
    global _SHARED                  # set once in each worker before its first task
    _SHARED = function, shared
    exit_with_parent(parent)


PR_SET_PDEATHSIG = 1        # from <linux/prctl.h>


def exit_with_parent(parent: int) -> None:
    """In a forked process: end when `parent` (the pid of the process that forked it) dies. On
    Linux the kernel kills it then (prctl PR_SET_PDEATHSIG); elsewhere a thread looks every
    second whether its parent is still `parent`. Either way, a parent already gone ends it now.
    (Linux sends the signal when the *thread* that forked it ends: a build's workers all end before
    the build returns, so the thread that ran it is still there.)"""
    if not _killed_with_parent():
        threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _killed_with_parent() -> bool:
    """Ask Linux to send SIGKILL to this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch_parent(parent: int, interval: float = 1.0) -> None:
    """Exit this process as soon as its parent is no longer `parent` (it died: the process was
    handed to another)."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


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
    with multiprocessing.get_context("fork").Pool(workers, _init, (function, shared, os.getpid())) as pool:
        yield from pool.imap(_run, chunks)


class Beside:
    """`function(*args)` computed in one forked process while this one goes on; `result()` waits
    for its value (plain values in, by fork, and out, through a pipe). Runs in this process, when
    `result()` is asked, where there is one core or no fork. Left as a context, it stops the
    process if the build failed before asking."""

    def __init__(self, function: Callable[..., R], *args: Any):
        self._function, self._args, self._process = function, args, None
        if workers_available() > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run_beside, daemon=True,
                                            args=(sender, function, args, os.getpid()))
            self._process.start()
            sender.close()

    def result(self) -> tuple[R, float]:
        """The function's value and the seconds it took; its exception if it raised one."""
        if self._process is None:
            start = time.perf_counter()
            return self._function(*self._args), time.perf_counter() - start
        try:
            failed, value, seconds = self._receiver.recv()
        except EOFError:
            failed, value, seconds = True, None, 0.0
        finally:
            self._receiver.close()
            self._process.join()
        if value is None and failed:
            raise RuntimeError(f"the process computing {self._function.__name__} ended without "
                               f"a result (exit code {self._process.exitcode})")
        if failed:
            raise value
        return value, seconds

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc_info) -> None:
        if self._process is not None and self._process.exitcode is None:
            self._process.terminate()
            self._process.join()
        if self._process is not None:
            self._receiver.close()


def _run_beside(sender, function: Callable[..., Any], args: tuple, parent: int) -> None:
    """In the forked process: (failed, value or error, seconds) sent to the parent. Ends if `parent` dies."""
    exit_with_parent(parent)
    start = time.perf_counter()
    try:
        reply = (False, function(*args), time.perf_counter() - start)
    except BaseException as error:          # handed to the parent, which raises it
        reply = (True, error, 0.0)
    sender.send(reply)
    sender.close()
