"""Command line: `python -m generator build|annotate|serve …`. The only place that prints or exits."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import BuildOptions, BuildReport, build
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


def options_from(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(content=args.content, output=args.output,
                        config=args.config or Path("site.yaml"), config_required=args.config is not None,
                        base_url=args.base_url, strict=args.strict)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator",
                                   description="Quotewire: a searchable static website for a news archive.")
    main.add_argument("--version", action="version", version=f"quotewire {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="build the site from content/ into _site/",
                                    description="Build the site from the content folder.")
    add_site_arguments(build_cmd)
    serve = commands.add_parser("serve", help="build, then serve the site on 127.0.0.1",
                                description="Build, then serve the output folder on 127.0.0.1 "
                                            "under the configured base path.")
    add_site_arguments(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    annotate = commands.add_parser("annotate", add_help=False,
                                   help="print the annotations of articles as JSON Lines")
    annotate.add_argument("rest", nargs=argparse.REMAINDER)
    return main


def report(result: BuildReport) -> None:
    stats = result.stats
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.timings.items())
    print(f"built {result.articles} articles: {len(stats.written)} files written, "
          f"{stats.unchanged} unchanged, {len(stats.removed)} removed ({stages})")


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.command == "annotate":
        from .annotate.command import main as annotate_main
        return annotate_main(args.rest)
    try:
        result = build(options_from(args))
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        count = len(failed.errors)
        print(f"build failed: {count} error{'s' if count != 1 else ''}; "
              f"{args.output} was left as it was", file=sys.stderr)
        return 1
    report(result)
    if args.command == "serve":
        from .serve import serve_forever
        return serve_forever(args.output, args.port, options_from(args))
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
