"""Writing the output folder: only what changed, nothing half-written when a file cannot be
written (a full disk), and the build's message for it."""
from __future__ import annotations

import errno
import io
import sqlite3
from pathlib import Path

import pytest

from generator import write
from generator.memo import FILE, open_memo, output_state
from generator.errors import BuildFailed
from generator.ownership import RECORD, TEMPORARY, read_record, record_bytes
from generator.write import write_site
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
    assert stats.written == (RECORD, "c/d/index.html", "index.html")
    assert stats.removed == ("b/index.html",)
    assert snapshot(out) == {".nojekyll": b"", RECORD: record_bytes([".nojekyll", *SECOND]),
                             "a": None, "a/index.html": b"a", "c": None, "c/d": None,
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


def test_a_first_build_on_a_full_disk_leaves_nothing(tmp_path, monkeypatch, capsys):
    """A first build writes its pages into a staging folder (write.Staging): a full disk part-way
    through fails the build with the file's name, and leaves neither an output folder, nor the
    staging folder, nor a memo (written once the site is)."""
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "out" / "_site"
    full_disk_after(monkeypatch, 5)
    assert build_site(site, out) == 1
    err = capsys.readouterr().err
    assert "cannot write the site: No space left on device" in err and "Traceback" not in err
    assert ".staging/" in err.split(": cannot write")[0], "the file that could not be written is named"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["._site.lock"]
    monkeypatch.undo()
    assert build_site(site, out) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["._site.lock", ".cache", "_site"]


def test_a_first_build_stages_its_pages_and_makes_the_same_site_as_a_rebuild(tmp_path):
    """The pages a first build stages are the same files as a build that finds an
    output folder to update writes (here: a build with no cache, over the first build's output,
    after the pages were changed by hand)."""
    site = copy_site("basic", tmp_path / "src")
    out = tmp_path / "_site"
    assert build_site(site, out) == 0
    first = snapshot(out)
    assert len([path for path in first if path.endswith(".html")]) > 20
    with sqlite3.connect(tmp_path / ".cache" / FILE) as db:
        meta = dict(db.execute("SELECT name, value FROM meta"))
    manifest = open_memo(tmp_path / ".cache", (meta["generator"], meta["config"], meta["registry"])).manifest
    assert manifest.files == output_state(out), \
        "the state the staging folder recorded as it wrote is the output's, as a scan finds it"
    for page in out.rglob("*.html"):
        page.write_bytes(b"changed by hand")
    assert build_site(site, out, "--no-cache") == 0
    assert snapshot(out) == first
    assert not (tmp_path / "._site.staging").exists()


HOSTILE = {
    "../victim/index.html": "it has a '..' segment",
    "articles/../../victim/index.html": "it has a '..' segment",
    "..": "it has a '..' segment",
    "/tmp/victim/index.html": "it is absolute",
    "//host/index.html": "it is absolute",
    "articles//index.html": "it has an empty segment",
    "articles/": "it has an empty segment",
    "": "it is empty",
    "./index.html": "it has a '.' segment",
    "articles/x\x00/index.html": "it holds a control character",
    "articles/x\n/index.html": "it holds a control character",
    "..\\..\\victim\\index.html": "it holds a backslash",
}


@pytest.mark.parametrize("path", HOSTILE, ids=repr)
def test_the_writer_names_why_a_path_would_leave_the_output_folder(path):
    from generator.outpath import path_problem
    assert path_problem(path) == HOSTILE[path]


@pytest.mark.parametrize("path", ["index.html", ".nojekyll", "articles/..x/index.html", "a/.b/c...d", "é/ü.html"])
def test_the_writer_accepts_plain_paths(path):
    from generator.outpath import path_problem
    assert path_problem(path) is None


@pytest.mark.parametrize("first", [True, False], ids=["first build", "rebuild"])
@pytest.mark.parametrize("path", HOSTILE, ids=repr)
def test_the_writer_refuses_a_path_outside_the_output_folder_and_writes_nothing(tmp_path, path, first):
    out = tmp_path / "deep" / "_site"
    if not first:
        write_site(FIRST, out)
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        write_site({**SECOND, path: b"hostile"}, out)
    (error,) = failed.value.errors
    assert error.path == str(out)
    assert error.message == (f"refusing to write {path!r}: {HOSTILE[path]}; every file of the site must stay "
                             f"inside the output folder")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("path", HOSTILE, ids=repr)
def test_a_first_build_refuses_to_stage_a_page_outside_the_output_folder(tmp_path, path):
    out = tmp_path / "deep" / "_site"
    with write.Staging(out) as staging:
        with pytest.raises(BuildFailed, match="refusing to write"):
            staging.write(path, b"hostile")
    assert snapshot(tmp_path) == {}


def test_the_writer_refuses_a_folder_that_is_a_link_out_of_the_output_folder(tmp_path):
    out = tmp_path / "_site"
    outside = tmp_path / "outside"
    outside.mkdir()
    write_site(FIRST, out)
    for page in (out / "a").iterdir():
        page.unlink()
    (out / "a").rmdir()
    (out / "a").symlink_to(outside)
    before = snapshot(out)
    with pytest.raises(BuildFailed) as failed:
        write_site(FIRST, out, clean=True)         # even told to delete what the build did not make
    (error,) = failed.value.errors
    assert error.message.startswith(f"refusing to write 'a/index.html': 'a' is a symbolic link to {outside}, "
                                    f"outside the output folder")
    assert list(outside.iterdir()) == [] and snapshot(out) == before


def test_a_link_or_file_where_the_staging_folder_goes_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "._site.staging").symlink_to(outside)
    write_site(FIRST, tmp_path / "_site")
    assert list(outside.iterdir()) == [] and (tmp_path / "_site" / "a" / "index.html").read_bytes() == b"a"
    assert not (tmp_path / "._site.staging").exists()


def test_the_record_is_written_only_when_the_files_change(tmp_path):
    out = tmp_path / "_site"
    write_site(FIRST, out)
    record = out / RECORD
    assert read_record(out) == {".nojekyll", *FIRST}
    stamp = record.stat().st_mtime_ns
    stats = write_site({**FIRST, "index.html": b"home, edited"}, out)
    assert stats.written == ("index.html",) and record.stat().st_mtime_ns == stamp


def test_a_file_not_on_the_record_is_neither_replaced_nor_deleted_unless_clean(tmp_path):
    out = tmp_path / "_site"
    write_site(FIRST, out)
    (out / "CNAME").write_bytes(b"news.example.org")
    (out / "c" / "d").mkdir(parents=True)
    (out / "c" / "d" / "index.html").write_bytes(b"mine")        # where the next build writes a page
    before = snapshot(out)
    with pytest.raises(BuildFailed) as failed:
        write_site(SECOND, out)
    assert [error.path for error in failed.value.errors] == [str(out), str(out / "CNAME"),
                                                             str(out / "c/d/index.html")]
    assert snapshot(out) == before
    stats = write_site(SECOND, out, clean=True)
    assert stats.removed == ("CNAME", "b/index.html")
    assert read_record(out) == {".nojekyll", *SECOND} and (out / "c/d/index.html").read_bytes() == b"new"
