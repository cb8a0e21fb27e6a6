"""Work on both cores gives what one process gives, and a process beside never outlives its build."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from generator.parallel import Beside, fork_map, workers_available
from generator.ownership import RECORD, read_record
from tests.conftest import ROOT, build_command, build_site, small_articles


def _square(shared: int, index: int) -> int:
    return shared + index * index


def test_fork_map_gives_the_serial_results_in_order():
    indices = list(range(450))
    chunks = list(fork_map(_square, indices, 7, min_items=1, workers=2))
    assert [value for chunk in chunks for value in chunk] == [7 + i * i for i in indices]


def _add(a: int, b: int) -> int:
    return a + b


def _fail(message: str) -> None:
    raise ValueError(message)


def _die() -> None:
    os._exit(3)


def _sleep() -> None:
    time.sleep(60)


def test_beside_returns_the_value_and_the_seconds_it_took():
    value, seconds = Beside(_add, 2, 3).result()
    assert value == 5 and 0 <= seconds < 10


def test_beside_hands_its_exception_to_the_caller():
    with pytest.raises(ValueError, match="bad input"):
        Beside(_fail, "bad input").result()


def test_a_process_beside_that_dies_is_a_clear_error():
    with pytest.raises(RuntimeError, match="_die ended without a result"):
        Beside(_die).result()


def test_a_process_beside_stops_when_its_build_fails_before_asking():
    start = time.perf_counter()
    with pytest.raises(KeyError):
        with Beside(_sleep) as sleeping:
            raise KeyError("the build failed")
    assert time.perf_counter() - start < 30
    process = sleeping._process
    assert process is None or process.exitcode is not None       # stopped, not left running


def children_of(pid: int) -> set[int]:
    """The live processes whose parent is `pid` (from /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            state, parent = stat.rpartition(")")[2].split()[:2]
            if int(parent) == pid and state != "Z":
                found.add(int(entry))
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie has ended)."""
    running = set()
    for pid in pids:
        try:
            state = open(f"/proc/{pid}/stat").read().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def ended_within(pids: set[int], seconds: float) -> set[int]:
    """Wait up to `seconds` for `pids` to end; those still running then, killed (the test must
    leave no process behind)."""
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = alive(pids)
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return survivors


needs_proc_and_cores = pytest.mark.skipif(not os.path.isdir("/proc") or workers_available() < 2,
                                          reason="needs Linux's /proc and two cores (else nothing is forked)")


@needs_proc_and_cores
def test_the_workers_of_a_build_killed_with_kill_9_exit_with_it(tmp_path):
    """Killed while it works, a first build has processes beside it (the pool's workers, the search
    index) that would otherwise wait for ever to hand their results to it."""
    content = small_articles(tmp_path / "content", 600)
    out = tmp_path / "_site"
    build = subprocess.Popen(build_command(content, out, "--no-cache"), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rendering = tmp_path / "._site.staging"          # made when the site is written
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while not workers and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
            workers = children_of(build.pid)       # kept as found: a pool's workers come and go
        assert workers, "the build was killed while processes worked beside it"
    finally:
        build.kill()                     # SIGKILL: the build gets no chance to stop them
        build.wait()
    assert ended_within(workers, 5) == set(), "every worker ended within seconds of its build"
    assert build_site(content.parent, out, "--no-cache") == 0, "the next build is not kept waiting"
    assert not rendering.exists(), "the killed build's staging folder is gone"
    assert read_record(out) | {RECORD} == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


ORPHANED = """
import os, signal, sys, time
import generator.parallel as parallel
if sys.argv[1] == "watching thread":
    parallel._killed_with_parent = lambda: False
beside = parallel.Beside(time.sleep, 120)
print(beside._process.pid, flush=True)
time.sleep(0.5)
os.kill(os.getpid(), signal.SIGKILL)
"""


@needs_proc_and_cores
@pytest.mark.parametrize("how", ["prctl", "watching thread"])
def test_a_process_beside_exits_when_its_parent_is_killed(how):
    """Linux kills it with its parent (prctl); elsewhere a thread watching its parent ends it."""
    parent = subprocess.run([sys.executable, "-c", ORPHANED, how], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert parent.returncode == -signal.SIGKILL, parent.stderr
    beside = {int(parent.stdout.split()[0])}
    assert ended_within(beside, 5) == set()


def test_a_watcher_ends_its_process_once_its_parent_is_gone():
    from generator.parallel import watch_parent
    with pytest.raises(RuntimeError, match=r"watch_parent ended without a result \(exit code 1\)"):
        Beside(watch_parent, os.getpid() + 1, 0.01).result()     # not its parent: gone, as it were
