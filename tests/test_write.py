"""Writing the output folder: only what changed, nothing half-written when a file cannot be
written (a full disk), and the build's message for it."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from generator.errors import BuildFailed
from generator.write import TEMPORARY, write_site
from tests.conftest import build_site, copy_site

FIRST = {"index.html": b"home", "a/index.html": b"a", "b/index.html": b"b", "data/x.json": b"{}"}
SECOND = {"index.html": b"home, again", "a/index.html": b"a", "c/d/index.html": b"new", "data/x.json": b"{}"}


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`, hidden ones included."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def full_disk_after(monkeypatch, count: int) -> None:
    """Path.write_bytes fails as a full disk does from its `count`-th call on, part-way through the file."""
    original = Path.write_bytes
    calls = []

    def write_bytes(self, data):
        calls.append(self)
        if len(calls) >= count:
            original(self, data[:1])
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_rebuild_replaces_what_changed_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "_site"
    write_site(FIRST, out)
    stats = write_site(SECOND, out)
    assert stats.written == ("c/d/index.html", "index.html")
    assert stats.removed == ("b/index.html",)
    assert snapshot(out) == {".nojekyll": b"", "a": None, "a/index.html": b"a", "c": None, "c/d": None,
                             "c/d/index.html": b"new", "data": None, "data/x.json": b"{}",
                             "index.html": b"home, again"}
    assert not list(tmp_path.glob(".*")), "no staging folder is left beside the output"


@pytest.mark.parametrize("count", [1, 2])
def test_a_rebuild_that_cannot_write_leaves_the_site_as_it_was(tmp_path, monkeypatch, count):
    out = tmp_path / "_site"
    write_site(FIRST, out)
    before = snapshot(out)
    full_disk_after(monkeypatch, count)
    with pytest.raises(BuildFailed) as failed:
        write_site(SECOND, out)
    (error,) = failed.value.errors
    assert error.path.endswith(TEMPORARY) and error.message == "cannot write the site: No space left on device"
    assert snapshot(out) == before, "no file replaced, no temporary file or new folder left"


def test_a_first_build_that_cannot_write_leaves_nothing(tmp_path, monkeypatch):
    out = tmp_path / "_site"
    full_disk_after(monkeypatch, 3)
    with pytest.raises(BuildFailed):
        write_site(FIRST, out)
    assert list(tmp_path.iterdir()) == []


def test_the_build_reports_a_full_disk_as_an_error_and_keeps_the_site(tmp_path, monkeypatch, capsys):
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "out" / "_site"
    assert build_site(site, out) == 0
    before = snapshot(out)
    page = next((site / "content" / "articles").rglob("*.txt"))
    page.write_text(page.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    original = Path.write_bytes

    def write_bytes(self, data):
        if self.name.endswith(TEMPORARY):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    capsys.readouterr()
    assert build_site(site, out) == 1
    err = capsys.readouterr().err
    assert "cannot write the site: No space left on device" in err and "Traceback" not in err
    assert f"{out} was left as it was" in err
    assert snapshot(out) == before
    monkeypatch.undo()
    assert build_site(site, out) == 0, "the next build, with room on the disk, writes the change"
    assert any(b"One more line." in data for data in snapshot(out).values() if data)
