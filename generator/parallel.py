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
from inspect import isgenerator
from multiprocessing.reduction import ForkingPickler
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


class Claim:
    """Work that whichever process comes to it first does: this one, or a Beside forked after the
    claim was made (shared memory; without fork, the first `take` in this process)."""

    def __init__(self) -> None:
        forking = workers_available() > 1 and "fork" in multiprocessing.get_all_start_methods()
        self._flag = multiprocessing.get_context("fork").Value("b", 0) if forking else None
        self._taken = False

    def take(self) -> bool:
        """True once, in the first process to ask: that one does the work."""
        if self._flag is None:
            taken, self._taken = self._taken, True
            return not taken
        with self._flag.get_lock():
            taken, self._flag.value = self._flag.value, 1
        return not taken


class Beside:
    """`function(*args)` computed in a forked process while this one goes on; `result()` waits.

    The value comes back through a pipe read only when `result()` asks for it: no thread of
    this process receives it meanwhile, competing with the work going on here. Runs in this
    process, when `result()` is asked, where there is one core or no fork.

    A generator function hands over the first value it yields as its result, then goes on to its
    end (work whose value nobody waits for, such as tables saved for the next build); `done()`
    waits for that end, and raises what the rest raised.

    `after`: another Beside whose value is computed first (started at once, this one waits for it):
    two pieces of work that would otherwise share the core left idle, each slowing the other and
    this process, run one after the other on it.
    """

    def __init__(self, function: Callable[..., R], *args: Any, after: "Beside | None" = None):
        self._function, self._args, self._process = function, args, None
        self._rest: Iterator | None = None          # a generator's rest, run here by done()
        self._pending = False                       # a generator's end is still to be received
        if workers_available() > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._computed = context.Event()        # set once the value is computed (or failed)
            self._receiver, sender = context.Pipe(duplex=False)
            wait = after._computed if after is not None and after._process is not None else None
            self._process = context.Process(target=_run_beside, daemon=True,
                                            args=(sender, function, args, self._computed, wait, os.getpid()))
            self._process.start()
            sender.close()

    def result(self, own: bool = True) -> tuple[R, float]:
        """The function's value and the seconds it took; its exception if it raised one.
        Asked once, by the process that started it (`own`), or by a process forked from that one
        after it (`own=False`: another Beside, handed this one, takes its value instead)."""
        if self._process is None:
            start = time.perf_counter()
            value = self._function(*self._args)
            if isgenerator(value):
                self._rest, value = value, next(value)
            return value, time.perf_counter() - start
        failed, value, seconds, more = self._receive()
        self._pending = more and not failed
        if not self._pending:
            self._end(own)
        if failed:
            raise value
        return value, seconds

    def done(self) -> None:
        """Wait until a generator function has run to its end; raise what its rest raised."""
        if self._rest is not None:
            rest, self._rest = self._rest, None
            for _ in rest:
                pass
        elif self._pending:
            self._pending = False
            try:
                failed, error, _, _ = self._receive()
            finally:
                self._end(own=True)
            if failed:
                raise error

    def _receive(self) -> tuple[bool, Any, float, bool]:
        try:
            return self._receiver.recv()
        except EOFError:
            self._end(own=True)
            raise RuntimeError(f"the process computing {self._function.__name__} ended without "
                               f"a result (exit code {self._process.exitcode})") from None

    def _end(self, own: bool) -> None:
        self._receiver.close()
        if own:
            self._process.join()

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc_info) -> None:
        self.cancel()

    def cancel(self) -> None:
        """Stop the process if its result will not be asked for (the build failed meanwhile)."""
        if self._process is not None and self._process.exitcode is None:
            self._process.terminate()
            self._process.join()
        if self._process is not None:
            self._receiver.close()


def _run_beside(sender, function: Callable[..., Any], args: tuple, computed, after, parent: int) -> None:
    """In the forked process: (failed, value or error, seconds, more to come), then for a
    generator, once its rest has run, (failed, error or None, 0.0, False). Waits for `after`
    (an Event) first, and sets `computed` once the value is. Ends if `parent` dies."""
    exit_with_parent(parent)
    if after is not None:
        after.wait()
    start = time.perf_counter()
    rest = None
    try:
        value = function(*args)
        if isgenerator(value):
            rest, value = value, next(value)
        reply = (False, value, time.perf_counter() - start, rest is not None)
    except BaseException as error:          # handed to the parent, which raises it
        reply = (True, error, 0.0, False)
    computed.set()
    if rest is None:
        sender.send(reply)
        sender.close()
        return
    # The value goes through the pipe as the parent reads it, which may be later: meanwhile
    # the rest runs (the thread waits on the pipe without the interpreter's lock).
    data = ForkingPickler.dumps(reply)
    handing = threading.Thread(target=sender.send_bytes, args=(data,))
    handing.start()
    try:
        for _ in rest:
            pass
        reply = (False, None, 0.0, False)
    except BaseException as error:
        reply = (True, error, 0.0, False)
    handing.join()
    sender.send(reply)
    sender.close()
