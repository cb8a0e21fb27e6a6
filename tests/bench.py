"""`make bench`: build sites of 1,000 / 2,225 / 5,000 / 10,000 real articles and time everything.

Articles come from ../shared/corpus (BBC first, then Reuters), extracted to a temporary folder,
never into the repository. Each measurement runs the real command line in a fresh process;
figures are medians of several runs. Writes docs/benchmarks.md.

    make bench                       # all sizes, 3 runs each
    make bench ARGS="--sizes 2225 --runs 5"
    make bench ARGS="--long"         # only one long quote-dense paragraph: render, annotate, build
"""
from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REPORT = ROOT / "docs" / "benchmarks.md"
STAGE = re.compile(r"(\w+) (\d+\.\d+)s")


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    stages: dict[str, float]
    written: int


def user_environment() -> dict[str, str]:
    """The environment a timed build runs in: this one, with Python keeping compiled modules as a
    user's does by default (a PYTHONDONTWRITEBYTECODE here would make every build compile every
    module of a fresh clone again: 0.05 s a build)."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_build(content: Path, output: Path) -> Run:
    """One build in a fresh process; its cache is .cache/ beside `output`."""
    env = {**user_environment(), "PYTHONHASHSEED": "0"}
    os.sync()        # the last run's writes and deletions reach the disk before this one is timed
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(content),
                                "--output", str(output), "--config", os.devnull],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    usage = _usage_of_last_child()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{out}\n{err}")
    stages = {name: float(value) for name, value in STAGE.findall(out.split("time:", 1)[-1])}
    written = int(re.search(r"(\d+) files? written", out).group(1)) if "written" in out else -1
    return Run(wall, usage[0], usage[1], stages, written)


_last = [0.0]


def _usage_of_last_child() -> tuple[float, float]:
    """CPU seconds of the child that just ended, and the peak RSS (MB) of any child so far."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    delta = cpu - _last[0]
    _last[0] = cpu
    return delta, usage.ru_maxrss / 1024


def extract(n: int, folder: Path, spare: int = 0) -> Path:
    """`n` articles into content-N/articles, and the `spare` articles that follow them in the
    corpus into content-N/new (articles to add: new titles, not copies of the site's own)."""
    content = folder / f"content-{n}"
    articles = content / "articles"
    articles.mkdir(parents=True)
    n += spare
    taken = 0
    order: list[str] = []
    for name in ("bbc", "reuters"):
        with tarfile.open(CORPUS / f"{name}.tar.gz") as tar:
            members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")),
                             key=lambda m: m.name)
            for member in members[: n - taken]:
                member.name = Path(member.name).name
                tar.extract(member, articles, filter="data")
                order.append(member.name)
                taken += 1
        if taken >= n:
            break
    (content / "new").mkdir()
    for name in order[n - spare:]:
        (articles / name).rename(content / "new" / name)
    return content


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def median(values: list[float]) -> float:
    return statistics.median(values)


def search_figures(site: Path, runs: int) -> dict[str, dict] | None:
    """tests/search_compare.py's figures for its queries: bytes (gzip) and ms until a search's
    results are complete, in headless Chromium with an empty cache. None without Chromium."""
    from tests.conftest import CHROMIUM
    if not CHROMIUM.exists():
        return None
    from tests.search_compare import measure
    return measure(site, runs=runs)


def bench_size(n: int, runs: int, temp: Path) -> dict:
    content = extract(n, temp, spare=runs)
    output = temp / f"site-{n}" / "_site"
    cache = output.parent / ".cache"
    clean = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
        clean.append(run_build(content, output))
    noop = [run_build(content, output) for _ in range(runs)]
    articles = sorted((content / "articles").glob("*.txt"))
    add, edit = [], []
    for i in range(runs):
        extra = content / "articles" / f"zz-bench-added-{i}.txt"
        shutil.copy(sorted((content / "new").glob("*.txt"))[i], extra)
        add.append(run_build(content, output))
        extra.unlink()
        run_build(content, output)
        target = articles[-1 - i]
        original = target.read_bytes()
        target.write_bytes(original.replace(b" the ", b" THE ", 1) + b"\n\nAn added closing line.\n")
        edit.append(run_build(content, output))
        target.write_bytes(original)
        run_build(content, output)
    files, size = folder_size(output)
    searches = search_figures(output, runs)
    stages = {name: median([r.stages.get(name, 0.0) for r in clean]) for name in clean[0].stages}
    return {"n": n, "full": median([r.wall for r in clean]), "cpu": median([r.cpu for r in clean]),
            "rss": max(r.rss_mb for r in clean), "stages": stages, "noop": median([r.wall for r in noop]),
            "noop_written": max(r.written for r in noop), "add": median([r.wall for r in add]),
            "edit": median([r.wall for r in edit]), "files": files, "size": size,
            "searches": searches}


def versions() -> str:
    def npm_version(package: str) -> str:
        path = ROOT / "node_modules" / package / "package.json"
        return re.search(r'"version":\s*"([^"]+)"', path.read_text()).group(1) if path.exists() else "absent"
    from importlib.metadata import version
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1) if match else cpu
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"Jinja2 {version('jinja2')}, Markdown {version('markdown')}, lunr.js {npm_version('lunr')}")


def report(results: list[dict], runs: int) -> str:
    stage_names = list(results[0]["stages"])
    lines = [
        "# Benchmarks", "",
        f"Produced by `make bench` ({runs} runs per figure, medians; peak RSS is the maximum).",
        f"Machine: {versions()}.", "",
        "| articles | full build (s) | CPU (s) | peak RSS (MB) | no-op rebuild (s) | add one (s) | edit one (s) "
        "| files | output (MB) | ?q=today: search kB gzip until complete | page open → complete results (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        today = (r["searches"] or {}).get("today")
        bytes_shown = "no Chromium" if today is None else f"{today['bytes'] / 1e3:,.0f}"
        ms_shown = "no Chromium" if today is None else f"{today['ms']:.0f}"
        lines.append(f"| {r['n']:,} | {r['full']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | {r['noop']:.2f} "
                     f"({r['noop_written']} written) | {r['add']:.2f} | {r['edit']:.2f} | {r['files']:,} "
                     f"| {r['size'] / 1e6:.0f} | {bytes_shown} | {ms_shown} |")
    lines += ["", "Time per stage of a clean build (s, median):", "",
              "| articles | " + " | ".join(stage_names) + " |", "|---:|" + "---:|" * len(stage_names)]
    for r in results:
        lines.append(f"| {r['n']:,} | " + " | ".join(f"{r['stages'].get(s, 0):.2f}" for s in stage_names) + " |")
    from tests.search_compare import table
    for r in results:
        if r["searches"]:
            lines += ["", f"Searches at {r['n']:,} articles (tests/search_compare.py):", "", table(r["searches"], None).rstrip()]
    return "\n".join(lines) + "\n"


def bench_long_paragraph(render_mb: list[float], annotate_mb: list[float], build_mb: list[float], background: int,
                         runs: int) -> str:
    """Time one quote-dense paragraph (tests/long_paragraph.py): rendering it with a quote and entity
    spans made by regular expressions (so that the render time is the markup's alone), annotating it,
    and whole builds of an article that is that paragraph (one build a size). A stage that looks back over the paragraph
    for each quote or each piece of text shows here as time growing faster than the size."""
    from generator.annotate import annotate_text
    from generator.markup import render_body
    from tests.long_paragraph import long_article, quote_dense_paragraph, regex_spans

    lines = [f"| stage | size (MB) | CPU time (s, best of {runs}) |", "|---|---:|---:|"]
    for mb in render_mb:
        text = quote_dense_paragraph(int(mb * 1e6))
        spans, inserts = regex_spans(text)
        best = min(_timed(lambda: render_body(text, None, spans, inserts)) for _ in range(runs))
        lines.append(f"| render ({len(spans):,} spans) | {mb:g} | {best:.2f} |")
        print(lines[-1], flush=True)
    for mb in annotate_mb:
        text = quote_dense_paragraph(int(mb * 1e6))
        annotate_text(text[:2000])                     # word lists loaded before the clock starts
        best = min(_timed(lambda: annotate_text(text)) for _ in range(runs))
        lines.append(f"| annotate | {mb:g} | {best:.2f} |")
        print(lines[-1], flush=True)
    for mb in build_mb:
        with tempfile.TemporaryDirectory(prefix="quotewire-bench-long-") as temp:
            articles = Path(temp) / "content" / "articles"
            articles.mkdir(parents=True)
            (articles / "long.txt").write_text(long_article(int(mb * 1e6), background), "utf-8")
            run = run_build(articles.parent, Path(temp) / "site" / "_site")
            stages = ", ".join(f"{name} {run.stages[name]:.1f}" for name in ("annotate", "render", "search")
                               if name in run.stages)
            lines.append(f"| whole build (`generator build`, 1 article, {background} background sentences a round; "
                         f"wall {run.wall:.1f} s, of which {stages}; peak RSS {run.rss_mb:,.0f} MB) | {mb:g} | "
                         f"{run.cpu:.2f} |")
            print(lines[-1], flush=True)
    return "\n".join(lines) + "\n"


def _timed(action) -> float:
    """CPU seconds: on a machine shared with other work, wall time measures the neighbours too."""
    start = time.process_time()
    action()
    return time.process_time() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,2225,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print the table, leave docs/benchmarks.md")
    parser.add_argument("--long", action="store_true",
                        help="time only one long quote-dense paragraph (render, annotate, build); writes nothing")
    parser.add_argument("--render-mb", default="1,2,4", help="with --long: paragraph sizes to render")
    parser.add_argument("--annotate-mb", default="0.15,0.3,0.6", help="with --long: paragraph sizes to annotate")
    parser.add_argument("--build-mb", default="20", help="with --long: sizes of the article to build, comma-separated (0: none)")
    parser.add_argument("--build-background", type=int, default=40,
                        help="with --long: sentences without quotes after each round of quoted ones in the built "
                             "article (40: about the quotes a KB of BBC news; 0: quote-dense, over 100 MB of quotes.json "
                             "at 20 MB, which the build refuses as too big for GitHub Pages)")
    args = parser.parse_args(argv)
    if args.long:
        print(bench_long_paragraph([float(s) for s in args.render_mb.split(",") if s],
                                   [float(s) for s in args.annotate_mb.split(",") if s],
                                   [float(s) for s in args.build_mb.split(",") if s and float(s)],
                                   args.build_background, args.runs))
        return 0
    if not (CORPUS / "bbc.tar.gz").exists():
        print(f"skipped: {CORPUS} is absent (the benchmark needs ../shared/corpus next to the repository)")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="quotewire-bench-") as temp:
        for n in (int(s) for s in args.sizes.split(",")):
            print(f"benchmarking {n} articles…", flush=True)
            results.append(bench_size(n, args.runs, Path(temp)))
            print(report(results[-1:], args.runs).split("\n\n", 2)[2], flush=True)
    table = report(results, args.runs)
    print(table)
    if not args.no_write:
        previous = REPORT.read_text("utf-8") if REPORT.exists() else ""
        notes = previous.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in previous else "\n"
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(table + "\n<!-- notes -->" + notes, "utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
