"""The pipeline, in order: read → annotate → collect → render/search → write."""
from __future__ import annotations

import gc
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from .annotate import Annotations, Registry, preload_word_lists, word_lists
from .cache import (BuildCache, SideTable, cached_annotations, cached_parse, digest, envelope_key, folder_fingerprint,
                    annotations_key, has_annotations, load_plan, open_cache, output_state, save_manifest,
                    save_plan, save_tables, side_table, source_key, state_after_write)
from .catalog import related_memo
from .collect import Site, gather, site_of
from .config import Config
from .errors import BuildError, BuildFailed
from .feeds import machine_files
from .lock import output_lock
from .models import AnnotatedArticle, Article
from .opendata import data_files
from .options import BuildOptions, site_config
from .pages import PlanState, Reuse, plan_state
from .parallel import CHUNK, PARALLEL_FROM, Beside, Claim, fork_map
from .check import curator_warnings
from .corrections import apply_corrections, read_corrections
from .passthrough import passthrough_files, read_static, static_digest
from .read import REGISTRY_FILE, Source, parse_article, parse_articles, read_registry, read_sources
from .render import TEMPLATES, Rendered, Renderer, environment, plan_site, render_lists, render_pages, static_files
from .search.index import build_index
from .search.site import articles_indexed, names_indexed, search_files
from .write import PAGES_LIMITS, Staging, WriteStats, holds_files, remove_leftovers, write_site


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
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        return result


@dataclass(frozen=True)
class BuildReport:
    articles: int
    stats: WriteStats
    timings: dict[str, float]
    counts: dict[str, int] = field(default_factory=dict)     # articles, speakers, entities, quotes
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()                              # e.g. the search index sizes


def load_cache(options: BuildOptions, config: Config) -> BuildCache:
    folder = options.cache_folder
    if folder is not None and folder.exists() and not folder.is_dir():
        raise BuildFailed([BuildError(str(folder), None, "the cache folder is a file: remove it, choose another "
                                      "folder with --cache, or build with --no-cache")])
    registry = options.content / REGISTRY_FILE
    return open_cache(options.cache_folder, envelope_key(config, registry.read_bytes() if registry.is_file() else b""))


def _annotate_one(shared: tuple[Sequence[Article], Registry], index: int):
    from .annotate import annotate_text      # imported when an article is annotated (generator/annotate/__init__.py)
    articles, registry = shared
    return annotate_text(articles[index].text, registry)


def annotate_articles(articles: Sequence[Article], registry: Registry, cache: BuildCache,
                      progress: Progress) -> tuple[AnnotatedArticle, ...]:
    """Annotations from the cache, the missing ones computed on every core."""
    with ExitStack() as running:
        return begin_annotating(articles, registry, cache, progress, running)()


def begin_annotating(articles: Sequence[Article], registry: Registry, cache: BuildCache, progress: Progress,
                     running: ExitStack) -> Callable[[], tuple[AnnotatedArticle, ...]]:
    """annotate_articles, ended by calling the result. A few missing articles are annotated on
    another core meanwhile (loading the annotator's word lists takes longer than annotating them);
    many on every core, with a progress bar, when the result is asked."""
    keys = [annotations_key(a) for a in articles]
    missing = [i for i, key in enumerate(keys) if not has_annotations(cache, key)]

    def annotated(found: dict[int, Annotations]) -> tuple[AnnotatedArticle, ...]:
        return tuple(AnnotatedArticle(a, cached_annotations(cache, keys[i], lambda i=i: found[i]), keys[i])
                     for i, a in enumerate(articles))

    if not missing:
        return lambda: annotated({})
    if len(missing) < PARALLEL_FROM:
        beside = running.enter_context(Beside(annotate_missing, articles, missing, registry, cache))
        return lambda: annotated(beside.result()[0])
    return lambda: annotated(annotate_missing(articles, missing, registry, cache, progress))


def annotate_missing(articles: Sequence[Article], missing: Sequence[int], registry: Registry, cache: BuildCache,
                     progress: Progress = Progress()) -> dict[int, Annotations]:
    """The annotations of each article of `missing` (indices in `articles`). The annotator's word
    lists are kept in the cache too: making them takes longer than annotating a few articles."""
    lists = side_table(cache, "word-lists")
    preload_word_lists(lists.known)
    found = {}
    bar = progress("annotate", len(missing))
    if len(missing) >= PARALLEL_FROM:
        from .annotate import annotate_text
        annotate_text("Warm-up: Ann Lee said “yes” in Paris.", registry)   # load word lists before forking
    for start, chunk in zip(range(0, len(missing), CHUNK), fork_map(_annotate_one, missing, (articles, registry))):
        found.update(zip(missing[start:start + len(chunk)], chunk))
        bar.update(len(chunk))
    bar.close()
    lists.keep(word_lists())
    return found


def inputs_digest(cache: BuildCache, options: BuildOptions, sources: Sequence[Source], templates: str,
                  static: str) -> str:
    """Everything the build reads: the envelope (generator, config, registry), each article file,
    the templates, the user's static files and corrections (`static`: their digest), and where the site
    goes. Known before anything is parsed."""
    return cache.inputs_digest([source_key(s.source_path, s.data) for s in sources],
                               [templates, static, str(options.output.resolve())])


def site_counts(site: Site) -> dict[str, int]:
    catalog = site.catalog
    return {"articles": len(site.articles), "speakers": len(catalog.speakers),
            "entities": len(catalog.entities), "quotes": len(catalog.quotes)}


def unchanged_report(cache: BuildCache, clock: Timings) -> BuildReport:
    counts = cache.manifest.counts
    return BuildReport(articles=counts.get("articles", 0), stats=WriteStats((), len(cache.manifest.files), ()),
                       timings=clock.stages, counts=counts, warnings=tuple(cache.warnings))


def fail_on_warnings(warnings_of, *args) -> None:
    """With --strict, a warning stops the build before anything is written."""
    warnings = warnings_of(*args)
    if warnings:
        raise BuildFailed(warnings)


MOST_STEMS = 500_000     # words kept stemmed between builds; past this many, the list starts over


def search_articles(newest: Sequence[AnnotatedArticle], cache: BuildCache):
    """On another core, while the catalog is collected: this build's memo table kept, and each
    article's search documents with their term counts. An article whose digest is in the search
    table (the last build's) is taken from there, and so are the stems of the words met before.
    For search_names, which takes over: the articles' documents, the table's entries by digest
    for the next build, the table (holding the names' counts), every stem, the stems' table
    (emptied: the stems are handed over) and how many it held (whether any stem is new), and the
    warnings."""
    warnings: list[str] = []
    table, words = side_table(cache, "search", warnings), side_table(cache, "stems", warnings)
    stems = dict(words.known)
    items, made = articles_indexed([item.article for item in newest],
                                   {item.article.slug: item.annotations for item in newest},
                                   {item.article.slug: item.digest for item in newest}, table.known, stems)
    names = replace(table, known={key: value for key, value in table.known.items() if key.startswith("name ")},
                    stored=replace(table.stored, entries={}))
    emptied = replace(words, known={}, stored=replace(words.stored, entries={}))
    save_tables(cache)
    return items, made, names, stems, emptied, len(words.known), warnings


def search_names(site: Site, articles: Beside, intact: set[str]):
    """On another core, while pages render: the speaker and entity pages' documents, then the
    index of the whole archive. `articles`: the Beside making search_articles. `intact`: the
    output files as the last build left them; a search file there is not handed back (its name
    is its content's hash: the same name, the same bytes). Returns what the build takes, and a
    function that keeps the search tables for the next build (called once it is taken)."""
    (items, made, table, stems, words, stems_before, warnings), seconds = articles.result(own=False)
    start = time.perf_counter()
    names, counts, made_names = names_indexed(site.catalog, table.known, stems)
    search = search_files(build_index(items, names, counts))
    kept = {path for path in search.files if path in intact}
    files = {path: data for path, data in search.files.items() if path not in kept}
    seconds += time.perf_counter() - start

    def keep_tables() -> None:
        table.keep({**made, **made_names})
        if len(stems) != stems_before:
            words.save(stems if len(stems) < MOST_STEMS else {})

    # What crosses back to the build: the files to write; the index without its files' bytes.
    index = replace(search.index, files={})
    return (replace(search, files=files, index=index), kept, warnings, seconds), keep_tables


def beside_pages(site: Site, indexing: Beside, intact: set[str], plan: Claim,
                 keep: Callable[[], None]):
    """On another core, while pages render: the search (search_names), handed over at once; then
    this build's search tables kept, and the plan (`keep`) unless the build's process
    came to it first; the manifest saved after them (Beside.done) will vouch for them."""
    search, keep_search_tables = search_names(site, indexing, intact)
    yield search
    keep_search_tables()
    if plan.take():
        keep()


def keep_plan(site: Site, cache: BuildCache, inputs: str, salt: str, related: SideTable) -> None:
    """This build's related entities and plan kept for the next build (build_catalog, pages.Reuse):
    by whichever process is done first with its share (the pages and open data, or the search)."""
    related.keep(related_memo(site.catalog))
    save_plan(cache, inputs, plan_state(site, salt))


def render_changed_pages(site: Site, config: Config, cache: BuildCache, intact: set[str], salt: str, env,
                         staging: Staging | None) -> Rendered:
    """Render the pages whose inputs changed since the last build; keep the others' files. The last
    build's plan (pages.Reuse) tells its pages unchanged since then without hashing them.
    `staging`: where a first build's pages go as they are rendered."""
    manifest = cache.manifest
    before = load_plan(cache)
    reuse = Reuse(before, site, salt, manifest.pages, intact) if isinstance(before, PlanState) else None
    specs, kept = plan_site(site, config, reuse)
    return render_pages(specs, config, manifest.pages if manifest else {}, salt, intact, env=env, kept=kept,
                        staging=staging)


def build(options: BuildOptions, progress: Progress = Progress(),
          waiting: Callable[[], None] = lambda: None) -> BuildReport:
    """Build the site, holding the output folder's lock (generator/lock.py; `waiting` is called
    when another build holds it and this one waits). The build's objects (articles, annotations,
    catalog, pages) are freed when it returns."""
    with output_lock(options.output, options.wait, waiting):
        remove_leftovers(options.output)         # of a build that was killed
        return _build_with_gc_paused(options, progress)


def _build_with_gc_paused(options: BuildOptions, progress: Progress) -> BuildReport:
    collecting = gc.isenabled()
    gc.disable()     # a build makes millions of objects and hardly any cycle: no collector passes
    try:
        with ExitStack() as running:     # processes working beside this one stop if the build fails
            return _build(options, progress, running)
    finally:
        # Every object the build made joins the oldest generation, unexamined: else the collector's
        # next young pass, once enabled, would walk them all (0.12 s at 2,225 articles).
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def _build(options: BuildOptions, progress: Progress, running: ExitStack) -> BuildReport:
    clock = Timings()
    scanning = running.enter_context(Beside(output_state, options.output))   # on another core, while inputs are read
    config = clock.run("config", site_config, options)
    cache = clock.run("cache", load_cache, options, config)
    sources = clock.run("read", read_sources, options.content, config.follow_symlinks)
    static = clock.run("read", read_static, options.content)
    corrections = clock.run("read", read_corrections, options.content)
    templates = clock.run("cache", folder_fingerprint, TEMPLATES)
    inputs = clock.run("cache", inputs_digest, cache, options, sources, templates,
                       digest(static_digest(static), corrections.source))
    state: dict[str, tuple[int, int]] | None = None     # the output as it is now: the scan's result
    if cache.manifest is None:
        scanning.cancel()           # no last build to compare with
        state = {}
    elif cache.manifest.inputs == inputs:         # maybe nothing changed: then the output decides
        state = clock.run("compare", lambda: scanning.result()[0])
        if clock.run("compare", cache.output_current, inputs, state):
            return unchanged_report(cache, clock)        # same inputs, output as the last build left it
    registry = clock.run("read", read_registry, options.content)
    articles = clock.run("read", parse_articles, sources, cached_parse(cache, parse_article))
    annotating = clock.run("annotate", begin_annotating, articles, registry, cache, progress, running)
    related = clock.run("cache", side_table, cache, "related")     # values a few articles determine
    annotated = clock.run("annotate", apply_corrections, clock.run("annotate", annotating), corrections, registry)
    gc.freeze()   # the articles and annotations live until the build ends: the collector need not scan them again
    if options.strict:
        clock.run("check", fail_on_warnings, curator_warnings, options.content, annotated, registry)
    countries = clock.run("cache", side_table, cache, "country-names")   # the names gather joins (UK, Britain):
    preload_word_lists(countries.known)                                  # made from pycountry in 0.7 s, kept
    newest = clock.run("collect", gather, annotated, registry)
    countries.keep({name: table for name, table in word_lists().items() if name == "country_variants"})
    indexing = running.enter_context(Beside(search_articles, newest, cache))    # while the catalog is made
    if state is None:               # the scan went on while the articles were read and gathered
        state = clock.run("compare", lambda: scanning.result()[0])
    intact = cache.manifest.intact(state) if cache.manifest is not None else set()   # files as the last build left them
    salt = digest(*cache.key, templates)
    env = environment(compiled=cache.folder / "templates" if cache.folder is not None else None)
    first = not state if cache.manifest is not None else not holds_files(options.output)   # no file to keep
    staging = running.enter_context(Staging(options.output)) if first else None   # pages written as rendered
    listing = running.enter_context(Beside(   # on the other core too, once the search's article shards are made
        render_lists, tuple(item.article for item in newest), config,
        cache.manifest.pages if cache.manifest is not None else {}, salt, intact, env, staging, after=indexing))
    site = clock.run("collect", site_of, newest, registry, related.known, config.entity_page_min_articles)
    plan = Claim()
    keep = partial(keep_plan, site, cache, inputs, salt, related)
    beside = running.enter_context(Beside(beside_pages, site, indexing, intact, plan, keep))
    rendered = clock.run("render", render_changed_pages, site, config, cache, intact, salt, env, staging)
    listed, seconds = listing.result()
    clock.stages["render"] += seconds          # the list pages' rendering, done meanwhile
    rendered = rendered.joined(listed)
    if staging is not None:
        staging.add(rendered.staged)
    kept = {path: state[path][0] for path in rendered.kept}
    outputs = dict(rendered.outputs)
    outputs.update(static_files())
    records = clock.run("cache", side_table, cache, "records")   # here, not before the catalog: on its way
    data, made_records = clock.run("data", data_files, site, records.known)   # while the search index is made
    records.keep(made_records)
    if plan.take():
        clock.run("cache", keep)
    (search, search_kept, search_cache_warnings, clock.stages["search"]), _ = beside.result()
    kept.update({path: state[path][0] for path in search_kept})
    cache.warnings.extend(search_cache_warnings)
    if options.strict:
        fail_on_warnings(lambda: [BuildError("search", None, warning) for warning in search.warnings])
    outputs.update(data)
    outputs.update(search.files)
    outputs.update(clock.run("search", Renderer(config, env).search_page, search.assets))
    outputs.update(clock.run("feeds", machine_files, site.articles, config,
                             sorted(set(outputs) | set(kept) | set(rendered.staged))))
    outputs.update(passthrough_files(static, {*outputs, *kept, *rendered.staged}, options.content))
    stats = clock.run("write", write_site, outputs, options.output, PAGES_LIMITS, kept,
                      state.keys() if cache.manifest is not None else None, staging, options.clean)
    counts = site_counts(site)
    after = staging.state if staging is not None else clock.run(   # the output's state, for the manifest
        "cache", state_after_write, state if cache.manifest is not None else None, options.output,
        stats.written, stats.removed)
    clock.run("cache", beside.done)        # the tables the manifest vouches for are saved
    clock.run("cache", save_manifest, cache, inputs, counts, options.output, rendered.fingerprints, after)
    return BuildReport(articles=len(articles), stats=stats, timings=clock.stages, counts=counts,
                       warnings=tuple(cache.warnings) + search.warnings, notes=(search.summary,))
