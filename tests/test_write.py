"""Writing the output folder: only what changed, nothing half-written when a file cannot be
written (a full disk), and the build's message for it."""
from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest

from generator import write
from generator.cache import open_cache, output_state
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
    """Writing a file (Path.write_bytes, or open() in generator/write.py) fails as a full disk does
    from the `count`-th file on, part-way through the file."""
    original = Path.write_bytes
    calls = []

    def write_bytes(self, data):
        calls.append(self)
        if len(calls) >= count:
            original(self, data[:1])
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return original(self, data)

    class FullFile(io.FileIO):
        def write(self, data):
            calls.append(self.name)
            if len(calls) >= count:
                super().write(data[:1])
                raise OSError(errno.ENOSPC, "No space left on device", self.name)
            return super().write(data)

    def open_file(path, mode="r", *args, **kwargs):
        return FullFile(path, mode.replace("b", "")) if "w" in mode else open(path, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(write, "open", open_file, raising=False)


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


def test_a_first_build_writes_its_pages_as_they_render_and_leaves_nothing_on_a_full_disk(tmp_path, monkeypatch,
                                                                                         capsys):
    """A first build writes each page into a staging folder as it is rendered (write.Staging): a full
    disk part-way through fails the build with the file's name, and leaves neither an output folder
    nor the staging folder."""
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "out" / "_site"
    full_disk_after(monkeypatch, 5)
    assert build_site(site, out) == 1
    err = capsys.readouterr().err
    assert "cannot write the site: No space left on device" in err and "Traceback" not in err
    assert ".staging/" in err.split(": cannot write")[0], "the file that could not be written is named"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cache"]
    monkeypatch.undo()
    assert build_site(site, out) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cache", "_site"]


def test_a_first_build_stages_its_pages_and_makes_the_same_site_as_a_rebuild(tmp_path):
    """The pages a first build stages as they render are the same files as a build that finds an
    output folder to update writes (here: a build with no cache, over the first build's output,
    after the pages were changed by hand)."""
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "_site"
    assert build_site(site, out) == 0
    first = snapshot(out)
    assert len([path for path in first if path.endswith(".html")]) > 20
    manifest = open_cache(tmp_path / ".cache", None).manifest
    assert manifest.files == output_state(out), \
        "the state the staging folder recorded as it wrote is the output's, as a scan finds it"
    for page in out.rglob("*.html"):
        page.write_bytes(b"changed by hand")
    assert build_site(site, out, "--no-cache") == 0
    assert snapshot(out) == first
    assert not (tmp_path / "._site.staging").exists()
