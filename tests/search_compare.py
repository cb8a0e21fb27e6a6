"""What a search downloads until its results are complete, Quotewire's and Pagefind's (issue 23).

Both measured the same way in headless Chromium, the site served over http on 127.0.0.1, a fresh
browser context (empty cache) per query: from opening the page until the first page of results
(ten, with their snippets) and the filter counts are shown; bytes are each response gzipped at
level 6, counted for the search's files and code (files Pagefind ships already compressed count
as they are). Quotewire: `search/?q=`; Pagefind (its defaults, over the whole built site): a
page that imports pagefind.js, searches, and loads the first ten results' data.

    .venv/bin/python -m tests.search_compare SITE [--pagefind .venv-compare/bin/python] [--runs 3]
    .venv/bin/python -m tests.search_compare --build 2225 --pagefind .venv-compare/bin/python

`make bench` reports Quotewire's figures; `make compare` installs Pagefind (`pagefind-bin`, pinned
in .ci/install-compare-tools) and prints both with their ratios.
"""
from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

QUERIES = ("today", "government", "market", "blair", "gordon brown", "election campaign", "\"prime minister\"")
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>Pagefind</title><script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('./pagefind/pagefind.js');
const search = await pagefind.search(q);
await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.done = {count: search.results.length};
</script>
"""
PRECOMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind", ".pf_filter")


def _gzip_bytes(request) -> int:
    body = request.response().body()
    path = request.url.split("?")[0]
    return len(body) if path.endswith(PRECOMPRESSED) else len(gzip.compress(body, 6))


def _is_search_file(url: str) -> bool:
    path = url.split("?")[0]
    return ("/search/" in path and not path.endswith(("/search/", "/search/index.html"))) or "/pagefind/" in path


def measure(site: Path, queries=QUERIES, runs: int = 1, pagefind: bool = False) -> dict[str, dict]:
    """{query: {"ms", "bytes", "files", "results"}}, medians over `runs` cold loads each."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import launch_chromium, serve
    if pagefind:
        (site / "pagefind-search.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    figures = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for text in queries:
            runs_of = []
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                fetched = []
                page.on("requestfinished", lambda r: fetched.append(r))
                if pagefind:
                    page.goto(f"{base}pagefind-search.html?q={quote(text)}")
                    page.wait_for_function("() => window.done", timeout=60_000)
                    count = page.evaluate("() => window.done.count")
                else:
                    page.goto(f"{base}search/index.html?q={quote(text)}")
                    page.wait_for_function(
                        "() => !document.getElementById('search').hasAttribute('aria-busy') && "
                        "(document.querySelector('.result') || /Nothing|Cannot|common/.test(document.body.innerText))",
                        timeout=60_000)
                    count = page.locator(".result").count()
                ms = page.evaluate("() => performance.now()")
                # Each file once: the page asks again for what the worker loaded (the test server
                # sends no cache headers; a host that does serves the second from the cache).
                done = list({r.url: r for r in fetched if r.response() and _is_search_file(r.url)}.values())
                runs_of.append({"ms": ms, "bytes": sum(_gzip_bytes(r) for r in done), "files": len(done),
                                "results": count})
                context.close()
            figures[text] = {key: statistics.median(run[key] for run in runs_of) for key in runs_of[0]}
        browser.close()
    return figures


def run_pagefind(site: Path, python: str) -> Path:
    """A copy of `site` with Pagefind's index (its defaults: every page's <body>)."""
    copy = Path(tempfile.mkdtemp(prefix="quotewire-pagefind-")) / "site"
    shutil.copytree(site, copy)
    subprocess.run([python, "-m", "pagefind_bin", "--site", str(copy)], check=True, capture_output=True)
    return copy


def table(ours: dict[str, dict], theirs: dict[str, dict] | None) -> str:
    lines = ["| query | Quotewire kB gzip (files) | ms to complete results |"
             + (" Pagefind kB gzip (files) | ms | bytes ratio |" if theirs else ""),
             "|---|---:|---:|" + ("---:|---:|---:|" if theirs else "")]
    for text, mine in ours.items():
        row = f"| {text} | {mine['bytes'] / 1e3:.0f} ({mine['files']:.0f}) | {mine['ms']:.0f} |"
        if theirs:
            other = theirs[text]
            row += (f" {other['bytes'] / 1e3:.0f} ({other['files']:.0f}) | {other['ms']:.0f} | "
                    f"{mine['bytes'] / other['bytes']:.2f} |")
        lines.append(row)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, nargs="?", help="a site built by Quotewire")
    parser.add_argument("--build", type=int, help="build this many corpus articles (as make bench takes them) first")
    parser.add_argument("--pagefind", help="a Python with pagefind-bin (make compare makes .venv-compare)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    if args.build:
        from tests.bench import CORPUS, extract, run_build
        if not (CORPUS / "bbc.tar.gz").exists():
            print(f"skipped: {CORPUS} is absent")
            return 0
        temp = Path(tempfile.mkdtemp(prefix="quotewire-search-"))
        try:
            args.site = temp / "_site"
            run_build(extract(args.build, temp), args.site)
            return main([str(args.site)] + (["--pagefind", args.pagefind] if args.pagefind else [])
                        + ["--runs", str(args.runs)])
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    if args.pagefind and subprocess.run([args.pagefind, "-c", "import pagefind_bin"], capture_output=True).returncode:
        print(f"Pagefind is not installed in {args.pagefind} (make compare installs it): Quotewire's figures only")
        args.pagefind = None
    ours = measure(args.site, runs=args.runs)
    theirs = None
    if args.pagefind:
        indexed = run_pagefind(args.site, args.pagefind)
        try:
            theirs = measure(indexed, runs=args.runs, pagefind=True)
        finally:
            shutil.rmtree(indexed.parent, ignore_errors=True)
    print(table(ours, theirs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
