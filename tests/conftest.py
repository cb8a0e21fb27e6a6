"""Shared helpers: build a fixture site in-process, serve a folder on 127.0.0.1, find Chromium."""
from __future__ import annotations

import contextlib
import functools
import gzip
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Iterator

import pytest

from generator.__main__ import run

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


def build_site(site: Path, output: Path, *extra: str, capsys=None) -> int:
    """Build the fixture site folder `site` (content/ + optional site.yaml) into `output`."""
    config = site / "site.yaml"
    args = ["build", "--content", str(site / "content"), "--output", str(output),
            "--config", str(config if config.exists() else os.devnull), *extra]
    return run(args)


@contextlib.contextmanager
def serve(folder: Path, base: str = "/") -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:<port><base>; stops when the block ends."""
    from generator.serve import LocalServer, _Handler

    handler = type("H", (_Handler,), {"base_url": base})
    server = LocalServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright; skips when Chromium is absent."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (make test installs it with apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = launch_chromium(p)
        yield instance
        instance.close()


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the flags this machine needs (no sandbox, no GPU, no updates)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def first_results(page, url: str, timeout_ms: int = 30_000) -> tuple[float, int]:
    """Open `url` (a search page with ?q=) in a fresh cache; ms until the first result shows, gzipped bytes fetched by then."""
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r))
    page.goto(url)
    page.wait_for_selector(".result", timeout=timeout_ms)
    ms = page.evaluate("() => performance.now()")
    urls = {r.url for r in fetched if r.response()}
    gz = sum(len(gzip.compress(r.response().body(), 6)) for r in fetched if r.url in urls and r.response())
    return ms, gz


@pytest.fixture(scope="session")
def bbc_content(tmp_path_factory) -> Path:
    """The 2,225 BBC articles extracted to a temporary content/ folder (skips without ../shared)."""
    archive = SHARED / "corpus" / "bbc.tar.gz"
    if not archive.exists():
        pytest.skip(f"{archive} is absent: the corpus tests need ../shared/corpus next to the repo")
    import tarfile

    content = tmp_path_factory.mktemp("bbc") / "content"
    with tarfile.open(archive) as tar:
        tar.extractall(content, filter="data")
    (content / "bbc").rename(content / "articles")
    return content


def copy_site(name: str, target: Path) -> Path:
    shutil.copytree(FIXTURES / "sites" / name, target)
    return target


SPEAKERS = ("Ann Lee", "Bob Stone", "Carla Diaz", "Dev Patel", "Eva Moreau")
PLACES = ("Paris", "London", "Lagos", "Lima")


def small_articles(content: Path, count: int) -> Path:
    """A content folder of `count` short articles, each with a quote, for builds that take a few
    seconds and use every core (tests of concurrent and killed builds)."""
    folder = content / "articles"
    folder.mkdir(parents=True)
    for i in range(count):
        speaker, place = SPEAKERS[i % len(SPEAKERS)], PLACES[i % len(PLACES)]
        (folder / f"report-{i:04d}.txt").write_text(
            f"date 2021-{1 + i % 12:02d}-{1 + i % 28:02d}\ntitle Report number {i} from {place}\n\n"
            f"{speaker} said \"the plan for {place} is working\" on Monday. The council in {place} met "
            f"{SPEAKERS[(i + 1) % len(SPEAKERS)]}.\n", "utf-8")
    return content


def build_command(content: Path, output: Path, *extra: str) -> list[str]:
    """The command line of a build run as a process of its own."""
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(output),
            "--config", os.devnull, *extra]
