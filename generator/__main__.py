"""Command line: `python -m generator build|annotate|serve …`. The only place that prints or exits."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .build import BuildOptions, BuildReport, Progress, build
from .errors import BuildFailed


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="folder holding articles/ and entities.yaml (default: content/)")
    parser.add_argument("--output", type=Path, default=Path("_site"), metavar="DIR",
                        help="folder the site is written to; replaced only by a successful build "
                             "(default: _site/)")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="site settings (default: site.yaml; a missing site.yaml means defaults)")
    parser.add_argument("--base-url", default=None, metavar="PATH",
                        help="path the site is served under, e.g. /quotewire/ for a GitHub Pages "
                             "project site (default: base_url from the config, else /)")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings (e.g. unattributed quotes) as errors")
    parser.add_argument("--site-url", default=None, metavar="URL",
                        help="absolute address for feeds and the sitemap, e.g. https://me.github.io/quotewire "
                             "(default: site_url from the config)")
    parser.add_argument("--cache", type=Path, default=None, metavar="DIR",
                        help="what incremental builds keep (default: .cache/ beside the output folder)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def add_write_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-wait", action="store_true",
                        help="fail at once when another build of the same output folder is running "
                             "(default: wait for it to finish)")
    parser.add_argument("--clean", action="store_true",
                        help="delete the files in the output folder that Quotewire did not make (default: "
                             "refuse to build; put your own files in content/static/)")


def options_from(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(content=args.content, output=args.output,
                        config=args.config or Path("site.yaml"), config_required=args.config is not None,
                        base_url=args.base_url, strict=args.strict, site_url=args.site_url,
                        cache=args.cache, use_cache=not args.no_cache,
                        wait=not getattr(args, "no_wait", False), clean=getattr(args, "clean", False))


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator",
                                   description="Quotewire: a searchable static website for a news archive.")
    main.add_argument("--version", action="version", version=f"quotewire {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="build the site from content/ into _site/",
                                    description="Build the site from the content folder.")
    add_site_arguments(build_cmd)
    add_write_arguments(build_cmd)
    serve = commands.add_parser("serve", help="build, then serve the site on 127.0.0.1",
                                description="Build, then serve the output folder on 127.0.0.1 "
                                            "under the configured base path.")
    add_site_arguments(serve)
    add_write_arguments(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--no-watch", action="store_true",
                       help="serve the built site without watching for changes or reloading pages")
    new = commands.add_parser("new", help="create content/articles/<date>-<slug>.md for a headline",
                              description="Create a Markdown article with its front matter filled in. "
                                          "Never overwrites a file.")
    new.add_argument("title", help="the headline")
    new.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="the article's date (default: today)")
    new.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                     help="content folder (default: content/)")
    check = commands.add_parser("check", help="validate content, settings and registry without writing the site",
                                description="Read and annotate every article as the build would, print errors "
                                            "and warnings; exit 1 on errors (or on warnings with --strict).")
    add_site_arguments(check)
    annotate = commands.add_parser("annotate", add_help=False,
                                   help="print the annotations of articles as JSON Lines")
    annotate.add_argument("rest", nargs=argparse.REMAINDER)
    return main


def report(result: BuildReport) -> None:
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    stats = result.stats
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.timings.items())
    counts = "".join(f", {result.counts[k]} {k}" for k in ("speakers", "entities", "quotes") if k in result.counts)
    print(f"built {result.articles} articles{counts}: {len(stats.written)} files written, "
          f"{stats.unchanged} unchanged, {len(stats.removed)} removed")
    print(f"  time: {stages}; total {sum(result.timings.values()):.2f}s")
    for note in result.notes:
        print(f"  {note}")


class TerminalProgress:
    """A tqdm bar per long stage, shown only when stdout is a terminal."""

    def __call__(self, stage: str, total: int | None):
        from tqdm import tqdm
        return tqdm(total=total, desc=stage, unit="article", leave=False, file=sys.stdout,
                    disable=not sys.stdout.isatty(), mininterval=0.2)


def build_command(options: BuildOptions) -> int:
    def waiting() -> None:
        print(f"waiting for another build of {options.output}/ to finish…", file=sys.stderr, flush=True)

    try:
        result = build(options, TerminalProgress() if sys.stdout.isatty() else Progress(), waiting)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        count = len(failed.errors)
        print(f"build failed: {count} error{'s' if count != 1 else ''}; "
              f"{options.output} was left as it was", file=sys.stderr)
        return 1
    report(result)
    return 0


def run(argv: list[str]) -> int:
    if argv[:1] == ["annotate"]:       # its own options (--jsonl, --registry) are parsed by annotate
        from .annotate.command import main as annotate_main
        return annotate_main(argv[1:])
    args = parser().parse_args(argv)
    if args.command == "new":
        from .authoring import new_command
        return new_command(args.title, args.date, args.content)
    if args.command == "check":
        from .check import check_command
        return check_command(options_from(args))
    if args.command == "serve":
        from .serve import serve_command
        return serve_command(options_from(args), args.port, watch=not args.no_watch,
                             build_once=build_command)
    return build_command(options_from(args))


def main() -> None:
    code = run(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    # Every file is written and closed, every worker joined: leave without freeing a build's
    # millions of objects one by one (a tenth of a second nobody needs to wait for).
    os._exit(code)


if __name__ == "__main__":
    main()
