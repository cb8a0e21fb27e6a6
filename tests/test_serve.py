"""Serving: the site under /quotewire/ crawls clean with valid feeds and sitemap; `serve` rebuilds
on a change, reloads the open page, and stops cleanly on Ctrl-C."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from generator.serve import RELOAD_ENDPOINT, Generation, make_server
from tests.conftest import ROOT, build_site, copy_site, serve
from tests.crawl import crawl_http
from tests.golden import SITE, tree

SITE_URL = "https://me.github.io/quotewire"
A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


def test_served_under_base_path_crawls_clean_with_valid_feeds(tmp_path):
    output = tmp_path / "site"
    assert build_site(SITE, output, "--base-url", "/quotewire/", "--site-url", SITE_URL) == 0
    with serve(output, "/quotewire/") as url:
        seen, broken = crawl_http(url)
        assert not broken and len(seen) > 10
        local = lambda absolute: url + absolute.removeprefix(SITE_URL + "/")
        feeds = [p for p in tree(output) if p.endswith("feed.xml")]
        assert feeds
        for feed_path in feeds:
            feed = ET.fromstring(fetch(url + feed_path))
            assert feed.tag == f"{A}feed"
            for link in feed.iter(f"{A}link"):
                fetch(local(link.get("href").split("#")[0]))          # every link of the feed resolves
        sitemap = ET.fromstring(fetch(url + "sitemap.xml"))
        locs = [loc.text for loc in sitemap.iter(f"{S}loc")]
        assert len(locs) == len([p for p in tree(output) if p.endswith(".html")]) - 1   # all but 404.html
        for loc in locs:
            fetch(local(loc))
        assert f"Sitemap: {SITE_URL}/sitemap.xml" in fetch(url + "robots.txt").decode()


def test_live_server_adds_the_reload_script_only_when_serving(tmp_path):
    output = tmp_path / "site"
    assert build_site(SITE, output, "--base-url", "/quotewire/") == 0
    assert not any(b"__quotewire" in data or b"<script>" in data
                   for path, data in tree(output).items() if path.endswith(".html"))
    generation = Generation()
    server = make_server(output, "/quotewire/", 0, generation)
    import threading
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/quotewire/"
        page = fetch(base).decode()
        assert page.count(RELOAD_ENDPOINT) == 1 and page.rstrip().endswith("</html>")
        assert fetch(base + "archive/index.html").decode().count("<script>/* added by") == 1
        assert fetch(base + "static/style.css") == (output / "static" / "style.css").read_bytes()
        assert fetch(base + RELOAD_ENDPOINT) == b"0"
        import urllib.error
        with pytest.raises(urllib.error.HTTPError) as outside:           # e.g. /favicon.ico
            fetch(f"http://127.0.0.1:{server.server_address[1]}/favicon.ico")
        assert outside.value.code == 404
        generation.bump()
        assert fetch(base + RELOAD_ENDPOINT) == b"1"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def running(tmp_path):
    """`python -m generator serve` on a copy of the fixture site, on a free port."""
    site = copy_site("basic", tmp_path / "src")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0", "--base-url", "/quotewire/",
         "--content", str(site / "content"), "--config", str(site / "site.yaml"), "--output", str(tmp_path / "out")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        # Ctrl-C as in a terminal: tests run by a shell in the background inherit SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    line = ""
    deadline = time.monotonic() + 60
    while "serving" not in line and time.monotonic() < deadline:
        line = process.stdout.readline()
    url = re.search(r"http://\S+/", line).group()
    time.sleep(1)                      # the watcher starts just after the line is printed
    yield site, url, process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_rebuilds_reloads_and_stops_on_ctrl_c(running, browser):
    site, url, process = running
    page = browser.new_page()
    page.goto(url)
    assert page.locator("h1").inner_text() == "Latest articles"
    page.goto(url + "archive/index.html")
    page.evaluate("window.__kept = 'before reload'")
    (site / "content" / "articles" / "added-while-serving.txt").write_text(
        "date 2021-03-05\ntitle Added while serving\n\nA new article.\n", "utf-8")
    page.wait_for_function("window.__kept === undefined", timeout=20_000)   # the page reloaded itself
    assert "Added while serving" in fetch(url).decode()
    page.close()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Traceback" not in err and out.rstrip().endswith("stopped"), err[-1500:]
    assert "1 files written" not in out or "built 10 articles" in out


def test_serve_keeps_serving_after_a_broken_edit(running):
    site, url, process = running
    (site / "content" / "articles" / "broken.txt").write_bytes(b"date 2021-02-31\n\nBad.\n")
    time.sleep(2.5)
    assert b"Latest articles" in fetch(url)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert "impossible date" in err and process.returncode == 0
