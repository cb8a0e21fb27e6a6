"""`make compare`: Quotewire against Hugo and Pelican on the same real articles, on this machine.

The anchors of issue 7: Hugo (one taxonomy, no search) and Pelican (default theme, no search)
build the same BBC articles as plain blog posts. Each tool runs as its users run it, in a fresh
process: a clean build, a rebuild with nothing changed, and a rebuild after adding one article
(the next one in the corpus). Medians of several runs, and each figure as a ratio to Hugo's and
Pelican's. Quotewire also annotates every article, makes 20,000 speaker and entity pages and a
search index; the others make one page per article and their lists.

    make compare                                  # installs Debian's hugo and Pelican 4.12 when missing
    .venv/bin/python -m tests.compare --hugo hugo --pelican .venv-compare/bin/python --runs 3

Skips with a message when ../shared/corpus or a tool is absent.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Callable

from tests.bench import CORPUS, extract, median, run_build, user_environment

HUGO_CONFIG = """baseURL = "http://127.0.0.1/"
title = "BBC"
paginate = 20
[taxonomies]
  category = "categories"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html><head><title>{{ .Title }}</title></head>"
                            "<body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format \"2 January 2006\" }}"
                            "</time>{{ range .Params.categories }} <a href=\"{{ \"categories/\" | relURL }}"
                            "{{ . | urlize }}/\">{{ . }}</a>{{ end }}{{ .Content }}{{ end }}\n",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range (.Paginate .Pages).Pages }}"
                          "<h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}"
                          "{{ template \"_internal/pagination.html\" . }}{{ end }}\n",
    "index.html": "{{ define \"main\" }}{{ range (.Paginate (where .Site.RegularPages \"Type\" \"posts\")).Pages }}"
                  "<h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}"
                  "{{ template \"_internal/pagination.html\" . }}{{ end }}\n",
}
# Slugs from file names: the BBC set has articles of the same title, which Pelican refuses to overwrite.
PELICAN_CONFIG = """AUTHOR = "BBC"
SITENAME = "BBC"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20
SLUGIFY_SOURCE = "basename"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def wire_to_markdown(source: Path, front: Callable[[str, str, str], str]) -> str:
    """A corpus article (`date …`, `title …`, blank line, text) as Markdown with `front` matter."""
    head, _, body = source.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(" ", 1) for line in head.splitlines() if " " in line)
    category = source.name.split("-", 1)[0]
    return front(fields.get("title", source.stem), fields.get("date", "2000-01-01"), category) + "\n" + body


def hugo_front(title: str, date: str, category: str) -> str:
    safe = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{safe}"\ndate: {date}\ncategories: ["{category}"]\n---\n'


def pelican_front(title: str, date: str, category: str) -> str:
    return f"Title: {title}\nDate: {date}\nCategory: {category}\n"


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=user_environment())
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return wall


class Tool:
    """A site generator under test: where its articles go, how it builds, what a clean build removes."""

    def __init__(self, name: str, posts: Path, suffix: str, front, build: Callable[[], float], clean: list[Path]):
        self.name, self.posts, self.suffix, self.front, self.build = name, posts, suffix, front, build
        self.clean = clean
        self.output = clean[0]         # the site it writes

    def add(self, source: Path) -> Path:
        target = self.posts / (source.stem + self.suffix)
        target.write_text(wire_to_markdown(source, self.front) if self.front else source.read_text("utf-8"),
                          encoding="utf-8")
        return target

    def clean_build(self) -> float:
        for path in self.clean:
            shutil.rmtree(path, ignore_errors=True)
        return self.build()


def quotewire(folder: Path, content: Path) -> Tool:
    output = folder / "_site"
    return Tool("Quotewire", content / "articles", ".txt", None, lambda: run_build(content, output).wall,
                [output, folder / ".cache"])                          # the bench's own runner


def hugo(folder: Path, binary: str) -> Tool:
    (folder / "content" / "posts").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text, encoding="utf-8")
    return Tool("Hugo", folder / "content" / "posts", ".md", hugo_front,
                partial(timed, [binary, "--quiet"], folder), [folder / "public", folder / "resources"])


def pelican(folder: Path, python: str, cache: bool) -> Tool:
    (folder / "content").mkdir(parents=True)
    config = PELICAN_CONFIG + ("LOAD_CONTENT_CACHE = True\nCACHE_CONTENT = True\n" if cache else "")
    (folder / "pelicanconf.py").write_text(config, encoding="utf-8")
    name = "Pelican (with its cache)" if cache else "Pelican"
    command = [python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
    return Tool(name, folder / "content", ".md", pelican_front, partial(timed, command, folder),
                [folder / "output", folder / "cache"])


def measure(tool: Tool, articles: list[Path], spare: list[Path], runs: int) -> dict[str, float]:
    for source in articles:
        tool.add(source)
    full = [tool.clean_build() for _ in range(runs)]
    noop = [tool.build() for _ in range(runs)]
    add = []
    for source in spare[:runs]:
        added = tool.add(source)
        add.append(tool.build())
        added.unlink()
        tool.build()
    files = sum(1 for path in tool.output.rglob("*") if path.is_file())
    return {"full": median(full), "noop": median(noop), "add": median(add), "files": files}


def table(results: dict[str, dict[str, float]], n: int, runs: int) -> str:
    lines = [f"{n:,} BBC articles, {runs} runs each, medians (s); ratio = Quotewire's time / the tool's", "",
             "| tool | files made | full build | no-op rebuild | add one article |", "|---|---:|---:|---:|---:|"]
    ours = results["Quotewire"]
    for name, r in results.items():
        cells = [f"{r[k]:.2f}" + ("" if name == "Quotewire" else f" ({ours[k] / r[k]:.1f}×)")
                 for k in ("full", "noop", "add")]
        lines.append(f"| {name} | {r['files']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2225)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo", default=shutil.which("hugo"))
    parser.add_argument("--pelican", help="a Python that has Pelican (make compare makes .venv-compare)")
    args = parser.parse_args(argv)
    if not (CORPUS / "bbc.tar.gz").exists():
        print(f"skipped: {CORPUS} is absent (the comparison needs ../shared/corpus next to the repository)")
        return 0
    missing = [name for name, found in (("hugo", args.hugo), ("Pelican (--pelican)", args.pelican)) if not found]
    if missing:
        print(f"skipped: {' and '.join(missing)} not found (make compare installs them)")
        return 0
    pelican_python = str(Path(args.pelican).absolute()) if os.sep in args.pelican else args.pelican
    with tempfile.TemporaryDirectory(prefix="quotewire-compare-") as temp:
        temp_path = Path(temp)
        content = extract(args.articles, temp_path, spare=args.runs)
        articles = sorted((content / "articles").glob("*.txt"))
        spare = sorted((content / "new").glob("*.txt"))
        results = {}
        for make in (lambda: quotewire(temp_path / "quotewire", content),
                     lambda: hugo(temp_path / "hugo", args.hugo),
                     lambda: pelican(temp_path / "pelican", pelican_python, cache=False),
                     lambda: pelican(temp_path / "pelican-cache", pelican_python, cache=True)):
            tool = make()
            print(f"timing {tool.name}…", flush=True)
            results[tool.name] = measure(tool, [] if tool.name == "Quotewire" else articles, spare, args.runs)
    print(table(results, args.articles, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
