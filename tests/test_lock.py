"""One build at a time: two builds of one output folder (real processes) make the site one build
makes; a second build waits with a message, or fails at once with --no-wait; a killed build's
leftovers are cleaned by the next one."""
from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

import pytest

import generator.build as build_module
from generator.lock import lock_path, output_lock
from tests.conftest import ROOT, build_command, build_site, copy_site, small_articles
from tests.golden import tree


def held_by_another(out: Path) -> bool:
    """Whether a build holds `out`'s lock now (probed without waiting; a free lock is let go at once)."""
    path = lock_path(out)
    if not path.exists():
        return False
    with open(path, "rb") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(file, fcntl.LOCK_UN)
        return False


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def test_two_builds_of_one_folder_at_once_make_what_one_build_makes(tmp_path):
    """A second build, started while the first holds the lock (with no cache; the first with its
    own --cache folder), waits for it, then finds the site as one clean build makes it."""
    content = small_articles(tmp_path / "content", 300)
    out = tmp_path / "out" / "_site"
    logs = [tmp_path / "first.err", tmp_path / "second.err"]
    commands = [build_command(content, out, "--cache", str(tmp_path / "cache-a")),
                build_command(content, out, "--no-cache")]
    builds = []
    try:
        with open(logs[0], "w") as log:
            builds.append(subprocess.Popen(commands[0], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log))
        wait_for(lambda: held_by_another(out) or builds[0].poll() is not None, 60, "the first build to lock")
        assert builds[0].poll() is None, "the first build ended before the second started"
        with open(logs[1], "w") as log:
            builds.append(subprocess.Popen(commands[1], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log))
        codes = [build.wait(timeout=300) for build in builds]
    finally:
        for build in builds:
            build.kill()
            build.wait()
    errors = [log.read_text("utf-8") for log in logs]
    assert codes == [0, 0], errors
    assert f"waiting for another build of {out}/ to finish…" in errors[1]
    assert "Traceback" not in errors[0] + errors[1]
    clean = tmp_path / "clean" / "_site"
    assert build_site(content.parent, clean, "--no-cache") == 0
    assert tree(out) == tree(clean), "the same files, the same bytes: no page missing, no stray file"
    assert sorted(p.name for p in out.parent.iterdir()) == ["._site.lock", "_site"], \
        "no staging folder or temporary file left beside the output"


def test_with_no_wait_a_second_build_fails_at_once_and_changes_nothing(tmp_path, capsys):
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "out" / "_site"
    assert build_site(site, out) == 0
    before = tree(out)
    (site / "content" / "articles" / "late.txt").write_text("date 2021-02-10\n\nA late article.\n", "utf-8")
    capsys.readouterr()
    with output_lock(out):                          # another build of the folder is running
        start = time.monotonic()
        assert build_site(site, out, "--no-wait") == 1
        assert time.monotonic() - start < 30
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{out}: another build of this folder is running; run again once it has finished, or without "
        f"--no-wait to wait for it",
        f"build failed: 1 error; {out} was left as it was"]
    assert tree(out) == before
    assert build_site(site, out, "--no-wait") == 0, "once the other build is done, it builds"


def test_a_second_build_says_it_waits_then_builds_once_the_first_is_done(tmp_path):
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "_site"
    log = tmp_path / "build.err"
    with output_lock(out):
        with open(log, "w") as err:
            waiting = subprocess.Popen(build_command(site / "content", out), cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=err)
        try:
            wait_for(lambda: "waiting" in log.read_text("utf-8") or waiting.poll() is not None, 60,
                     "the message")
            assert log.read_text("utf-8") == f"waiting for another build of {out}/ to finish…\n"
            time.sleep(0.5)
            assert waiting.poll() is None and not out.exists(), "it waits, and writes nothing meanwhile"
        except BaseException:
            waiting.kill()
            waiting.wait()
            raise
    assert waiting.wait(timeout=300) == 0
    assert (out / "index.html").is_file()


def test_every_build_holds_the_lock_while_it_runs(tmp_path, monkeypatch):
    """build() locks, whoever calls it: the command line, and serve's rebuilds (serve_command
    rebuilds with the command line's build_command)."""
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "_site"
    seen = []
    real = build_module._build

    def probed(options, progress):
        seen.append(held_by_another(out))
        return real(options, progress)
    monkeypatch.setattr(build_module, "_build", probed)
    assert build_site(site, out) == 0
    assert seen == [True] and not held_by_another(out)


def test_a_killed_builds_leftovers_are_removed_by_the_next_build(tmp_path):
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "_site"
    assert build_site(site, out) == 0
    expected = tree(out)
    for leftover in ("._site.staging/index.html", "._site.old/articles/x/index.html"):
        (tmp_path / leftover).parent.mkdir(parents=True)
        (tmp_path / leftover).write_bytes(b"half written")
    (out / "articles" / ".index.html.quotewire-new").write_bytes(b"half written")
    (out / "..quotewire-files.quotewire-new").write_bytes(b"half written")
    assert build_site(site, out) == 0
    assert tree(out) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.lock", ".cache", "_site", "src"]


def test_the_lock_is_the_folders_whatever_its_name(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    assert lock_path(Path("real")) == lock_path(tmp_path / "real") == lock_path(Path("link/../real")) \
        == lock_path(Path("link")) == tmp_path / ".real.lock"
    assert not os.path.exists(tmp_path / ".real.lock"), "naming the lock file creates nothing"
