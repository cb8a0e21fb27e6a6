"""Work on both cores gives what one process gives, and a process beside never outlives its build."""
from __future__ import annotations

import os
import time

import pytest

from generator.parallel import Beside, fork_map


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


def _then_write(path: str, text: str):
    yield "handed over"
    time.sleep(0.5)
    with open(path, "w") as file:
        file.write(text)


def _then_fail():
    yield "handed over"
    raise ValueError("the rest failed")


@pytest.fixture(params=["forked", "in this process"])
def where(request, monkeypatch):
    if request.param == "in this process":
        monkeypatch.setattr("generator.parallel.workers_available", lambda: 1)
    return request.param


def test_a_generator_beside_hands_over_its_first_value_then_done_waits_for_its_rest(tmp_path, where):
    target = tmp_path / "kept.txt"
    with Beside(_then_write, str(target), "the rest ran") as beside:
        value, _ = beside.result()
        assert value == "handed over"
        if where == "forked":
            assert not target.exists(), "the value came before the rest ran"
        beside.done()
        assert target.read_text() == "the rest ran"
        beside.done()                               # once done, asking again waits for nothing


def test_a_generator_beside_whose_rest_fails_raises_in_done(where):
    with Beside(_then_fail) as beside:
        assert beside.result()[0] == "handed over"
        with pytest.raises(ValueError, match="the rest failed"):
            beside.done()


def _stamped(seconds: float) -> tuple[float, float]:
    start = time.monotonic()          # one clock for every process of the machine
    time.sleep(seconds)
    return start, time.monotonic()


def test_a_beside_after_another_starts_once_the_others_value_is_computed(where):
    with Beside(_stamped, 0.5) as first, Beside(_stamped, 0.0, after=first) as second:
        (_, first_end), _ = first.result()
        (second_start, _), _ = second.result()
        assert second_start >= first_end


def test_a_beside_after_one_that_failed_still_runs():
    with Beside(_fail, "bad input") as first, Beside(_add, 2, 3, after=first) as second:
        assert second.result()[0] == 5
        with pytest.raises(ValueError, match="bad input"):
            first.result()


def test_a_claim_is_taken_once_by_whichever_process_comes_first():
    from generator.parallel import Beside, Claim

    def second_try(claim):
        return claim.take()
    claim = Claim()
    assert claim.take() is True
    assert Beside(second_try, claim).result()[0] is False      # a forked process comes second
    other = Claim()
    assert Beside(second_try, other).result()[0] is True       # ... or first
    assert other.take() is False
