"""The pipeline, in order: read → annotate → collect → render/search → write."""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Mapping, NamedTuple, Sequence

from .annotate import Annotations, Registry, preload_word_lists, word_lists
from .fingerprint import digest
from .memo import Manifest, Memo, envelope_key, folder_fingerprint, open_memo, output_state, source_key, state_after_write
from .catalog import related_memo
from .check import curator_warnings
from .collect import Site, gather, site_of
from .config import Config
from .corrections import Corrections, apply_corrections, read_corrections
from .errors import BuildError, BuildFailed
from .feeds import machine_files
from .lock import output_lock
from .models import AnnotatedArticle, Article
from .opendata import data_files
from .options import BuildOptions, site_config
from .pages import Plan, outdated
from .parallel import CHUNK, PARALLEL_FROM, Beside, fork_map
from .passthrough import passthrough_files, read_static, static_digest
from .read import REGISTRY_FILE, Source, parse_article, parse_articles, read_registry, read_sources
from .render import TEMPLATES, MemoTemplates, Renderer, environment, plan_site, render_pages, static_files
from .search.index import build_index
from .search.site import SearchFiles, articles_indexed, names_indexed, search_files
from .write import PAGES_LIMITS, WriteStats, remove_leftovers, write_site

__all__ = ["BuildOptions", "BuildReport", "Progress", "build", "site_config"]


class Progress:
    """What a stage reports as it goes; the command line shows a bar, tests and pipes nothing."""

    def __call__(self, stage: str, total: int | None) -> "Progress":
        return self

    def update(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def run(self, name, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.add(name, time.perf_counter() - start)
        return result

    def add(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds


@dataclass(frozen=True)
class BuildReport:
    articles: int
    stats: WriteStats
    timings: dict[str, float]
    counts: dict[str, int] = field(default_factory=dict)     # articles, speakers, entities, quotes
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()                              # e.g. the search index sizes


def load_memo(options: BuildOptions, config: Config) -> Memo:
    folder = options.cache_folder
    if folder is not None and folder.exists() and not folder.is_dir():
        raise BuildFailed([BuildError(str(folder), None, "the cache folder is a file: remove it, choose another "
                                      "folder with --cache, or build with --no-cache")])
    registry = options.content / REGISTRY_FILE
    return open_memo(options.cache_folder, envelope_key(config, registry.read_bytes() if registry.is_file() else b""))


def memo_parse(memo: Memo) -> Callable[[bytes, str, str], Article]:
    """parse_article(data, source_path, display_path), remembered by the hash of path and bytes.
    Errors are raised, never remembered: a broken article is read again next time."""
    def parse(data: bytes, source_path: str, path: str) -> Article:
        return memo.get_or_make("article", source_key(source_path, data), lambda: parse_article(data, source_path, path))
    return parse


def _annotate_one(shared: tuple[Sequence[Article], Registry], index: int):
    from .annotate import annotate_text      # imported when an article is annotated (generator/annotate/__init__.py)
    articles, registry = shared
    return annotate_text(articles[index].text, registry)


def annotate_articles(articles: Sequence[Article], registry: Registry, memo: Memo,
                      progress: Progress = Progress()) -> tuple[AnnotatedArticle, ...]:
    """Annotations from the memo (by Article.fingerprint), the missing ones computed through the pool."""
    keys = [a.fingerprint for a in articles]
    missing = [i for i, key in enumerate(keys) if memo.get("annotations", key) is None]
    found = annotate_missing(articles, missing, registry, memo, progress) if missing else {}
    return tuple(AnnotatedArticle(a, memo.get_or_make("annotations", keys[i], lambda i=i: found[i]), keys[i])
                 for i, a in enumerate(articles))


def annotate_missing(articles: Sequence[Article], missing: Sequence[int], registry: Registry, memo: Memo,
                     progress: Progress = Progress()) -> dict[int, Annotations]:
    """The annotations of each article of `missing` (indices in `articles`). The annotator's word
    lists are kept in the memo too: making them takes longer than annotating a few articles."""
    preload_word_lists(memo.entries("word-lists"))
    found = {}
    bar = progress("annotate", len(missing))
    if len(missing) >= PARALLEL_FROM:
        from .annotate import annotate_text
        annotate_text("Warm-up: Ann Lee said “yes” in Paris.", registry)   # load word lists before forking
    for start, chunk in zip(range(0, len(missing), CHUNK), fork_map(_annotate_one, missing, (articles, registry))):
        found.update(zip(missing[start:start + len(chunk)], chunk))
        bar.update(len(chunk))
    bar.close()
    memo.replace("word-lists", word_lists())
    return found


class Inputs(NamedTuple):
    """Everything the build reads from the content folder, and their digest (with the envelope,
    the templates and where the site goes): known before anything is parsed."""

    sources: Sequence[Source]
    static: dict[str, bytes]
    corrections: Corrections
    templates: str          # the templates' fingerprint
    digest: str


def read_inputs(options: BuildOptions, config: Config, memo: Memo) -> Inputs:
    sources = read_sources(options.content, config.follow_symlinks)
    static = read_static(options.content)
    corrections = read_corrections(options.content)
    templates = folder_fingerprint(TEMPLATES)
    extra = [templates, digest(static_digest(static), corrections.source), str(options.output.resolve())]
    return Inputs(sources, static, corrections, templates,
                  digest(*memo.key, *sorted(source_key(s.source_path, s.data) for s in sources), *extra))


def site_counts(site: Site) -> dict[str, int]:
    catalog = site.catalog
    return {"articles": len(site.articles), "speakers": len(catalog.speakers),
            "entities": len(catalog.entities), "quotes": len(catalog.quotes)}


def unchanged_report(memo: Memo, clock: Timings) -> BuildReport:
    counts = memo.manifest.counts
    return BuildReport(articles=counts.get("articles", 0), stats=WriteStats((), len(memo.manifest.files), ()),
                       timings=clock.stages, counts=counts, warnings=tuple(memo.warnings))


def fail_on_warnings(warnings) -> None:
    """With --strict, a warning stops the build before anything is written."""
    if warnings:
        raise BuildFailed(list(warnings))


def annotated_site(options: BuildOptions, config: Config, memo: Memo, inputs: Inputs,
                   progress: Progress, clock: Timings) -> Site:
    """Parse, annotate, correct and collect the articles."""
    registry = clock.run("read", read_registry, options.content)
    articles = clock.run("read", parse_articles, inputs.sources, memo_parse(memo))
    annotated = clock.run("annotate", annotate_articles, articles, registry, memo, progress)
    annotated = clock.run("annotate", apply_corrections, annotated, inputs.corrections, registry)
    preload_word_lists(memo.entries("country-names"))     # the names gather joins (UK, Britain): made
    newest = clock.run("collect", gather, annotated, registry,      # from pycountry in 0.7 s, kept
                       partial(memo.get_or_make, "office-ties"))  # whom each article ties to an office
    memo.replace("country-names", {name: table for name, table in word_lists().items() if name == "country_variants"})
    if options.strict:
        clock.run("check", lambda: fail_on_warnings(curator_warnings(options.content, annotated, registry, newest)))
    site = clock.run("collect", site_of, newest, registry, memo.entries("related"), config.entity_page_min_articles)
    memo.replace("related", related_memo(site.catalog))
    return site


MOST_STEMS = 500_000     # words kept stemmed between builds; past this many, the list starts over


class Search(NamedTuple):
    """The search stage's result: the files to write, those kept as they are, and its memo entries."""

    files: SearchFiles
    kept: frozenset[str]
    shards: dict
    stems: dict | None       # None: unchanged


def search_site(site: Site, known: Mapping, stems: dict, intact: set[str]) -> Search:
    """The search index of the site (beside the main line). `known`: the search shards by digest,
    `stems`: the stem of each word, from the last build. A search file whose name (its content's
    hash) is intact in the output is not handed back."""
    before = len(stems)
    items, made = articles_indexed(site.articles, site.annotations, site.digests, known, stems)
    names, counts, places, made_names = names_indexed(site.catalog, known, stems)
    search = search_files(build_index(items, names, counts, places))
    kept = frozenset(path for path in search.files if path in intact)
    files = {path: data for path, data in search.files.items() if path not in kept}
    changed = (stems if len(stems) < MOST_STEMS else {}) if len(stems) != before else None
    return Search(SearchFiles(files, search.assets, search.index, search.summary, search.warnings), kept,
                  {**made, **made_names}, changed)


def render_site(site: Site, config: Config, last: Manifest | None, intact: set[str], salt: str, env
                ) -> tuple[dict[str, bytes], Plan]:
    """Render the pages whose inputs changed since the last build (pages.outdated); keep the others' files."""
    plan = outdated(plan_site(site, config), last.pages if last is not None else {}, intact, salt)
    return render_pages(plan.todo, config, env), plan


def build(options: BuildOptions, progress: Progress = Progress(),
          waiting: Callable[[], None] = lambda: None) -> BuildReport:
    """Build the site, holding the output folder's lock (generator/lock.py; `waiting` is called
    when another build holds it and this one waits)."""
    with output_lock(options.output, options.wait, waiting):
        remove_leftovers(options.output)         # of a build that was killed
        with gc_paused():
            return _build(options, progress)


@contextmanager
def gc_paused() -> Iterator[None]:
    """A build makes millions of objects and hardly any cycle: no collector passes."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Every object the build made joins the oldest generation, unexamined: else the collector's
        # next young pass, once enabled, would walk them all (0.12 s at 2,225 articles).
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def _build(options: BuildOptions, progress: Progress) -> BuildReport:
    clock = Timings()
    config = clock.run("config", site_config, options)
    memo = clock.run("cache", load_memo, options, config)
    with Beside(output_state, options.output) as scanning:      # on the other core while the inputs are read
        inputs = clock.run("read", read_inputs, options, config, memo)
        last = clock.run("cache", lambda: memo.manifest)
        state = clock.run("compare", lambda: scanning.result()[0]) if last is not None else {}
    if last is not None and last.current(inputs.digest, state):
        return unchanged_report(memo, clock)        # same inputs, output as the last build left it
    intact = last.intact(state) if last is not None else set()
    site = annotated_site(options, config, memo, inputs, progress, clock)
    gc.freeze()   # the articles and annotations live until the build ends: the collector need not scan them again
    salt = digest(*memo.key, inputs.templates)
    env = clock.run("render", environment, TEMPLATES, MemoTemplates(memo))
    with Beside(search_site, site, memo.entries("search"), memo.entries("stems"), intact) as searching:
        rendered, plan = clock.run("render", render_site, site, config, last, intact, salt, env)
        data, records = clock.run("data", data_files, site, memo.entries("records"))
        search, seconds = searching.result()
    clock.add("search", seconds)
    if options.strict:
        fail_on_warnings([BuildError("search", None, warning) for warning in search.files.warnings])
    kept = {path: state[path][0] for path in (*plan.kept, *search.kept)}
    outputs = {**rendered, **static_files(), **data, **search.files.files}
    outputs.update(clock.run("search", Renderer(config, env).search_page, search.files.assets))
    outputs.update(clock.run("feeds", machine_files, site.articles, config, sorted({*outputs, *kept})))
    outputs.update(passthrough_files(inputs.static, {*outputs, *kept}, options.content))
    stats = clock.run("write", write_site, outputs, options.output, PAGES_LIMITS, kept,
                      state.keys() if last is not None else None, options.clean)
    counts = site_counts(site)
    after = clock.run("cache", state_after_write, state if last is not None else None, options.output,
                      stats.written, stats.removed)
    manifest = Manifest(inputs.digest, counts, after, plan.fingerprints)
    clock.run("cache", keep_memo, memo, manifest, records, search)
    return BuildReport(articles=len(site.articles), stats=stats, timings=clock.stages, counts=counts,
                       warnings=tuple(memo.warnings) + search.files.warnings, notes=(search.files.summary,))


def keep_memo(memo: Memo, manifest: Manifest, records, search: Search) -> None:
    """This build's memo entries and manifest, kept for the next build in one transaction."""
    memo.replace("records", records)
    memo.replace("search", search.shards)
    if search.stems is not None:
        memo.replace("stems", search.stems)
    memo.save(manifest)
