"""The pipeline, in order: read → annotate → collect → render/search → write."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from dataclasses import replace
from typing import Sequence

from .annotate import Registry, annotate_text
from .collect import collect_site
from .config import Config, load_config, normalize_base_url
from .models import AnnotatedArticle, Article
from .read import read_articles, read_registry
from .render import render_site, static_files
from .write import WriteStats, write_site


@dataclass(frozen=True)
class BuildOptions:
    content: Path = Path("content")
    output: Path = Path("_site")
    config: Path = Path("site.yaml")
    config_required: bool = False
    base_url: str | None = None
    strict: bool = False


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def run(self, name, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        return result


@dataclass(frozen=True)
class BuildReport:
    articles: int
    stats: WriteStats
    timings: dict[str, float]


def site_config(options: BuildOptions) -> Config:
    config = load_config(options.config, required=options.config_required)
    if options.base_url is not None:
        config = replace(config, base_url=normalize_base_url(options.base_url))
    return config


def annotate_articles(articles: Sequence[Article], registry: Registry) -> tuple[AnnotatedArticle, ...]:
    return tuple(AnnotatedArticle(a, annotate_text(a.text, registry)) for a in articles)


def build(options: BuildOptions) -> BuildReport:
    clock = Timings()
    config = clock.run("config", site_config, options)
    registry = clock.run("read", read_registry, options.content)
    articles = clock.run("read", read_articles, options.content)
    annotated = clock.run("annotate", annotate_articles, articles, registry)
    site = clock.run("collect", collect_site, annotated, registry)
    outputs = clock.run("render", render_site, site, config)
    outputs.update(static_files())
    stats = clock.run("write", write_site, outputs, options.output)
    return BuildReport(articles=len(articles), stats=stats, timings=clock.stages)
