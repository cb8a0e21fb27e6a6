"""`check`: validate settings, content and registry as the build would, without writing the site,
and add the warnings a curator wants: unattributed quotes, very long quotes (often a missing
closing quote mark), and detected entities that look like a registry name or alias but are not one.
"""
from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .options import BuildOptions, site_config
from .errors import BuildError, BuildFailed
from .catalog import build_catalog
from .collect import gather
from .corrections import apply_corrections, read_corrections
from .markup import refused_links
from .models import AnnotatedArticle, Article
from .passthrough import read_static
from .read import REGISTRY_FILE, display_path, read_articles
from .urls import safe_link

LONG_QUOTE_WORDS = 120
SIMILARITY = 0.8          # difflib ratio above which a detected name "looks like" a registry alias
SNIPPET = 60


@dataclass(frozen=True)
class CheckResult:
    articles: int
    warnings: tuple[BuildError, ...]
    annotated: bool                       # False when the annotation engine is not available


def _annotation_api() -> tuple[Callable, Callable] | None:
    """(annotate_text, read_registry) when the annotation engine is installed, else None."""
    try:
        from .annotate import annotate_text
        from .read import read_registry
    except ImportError:
        return None
    return annotate_text, read_registry


def _fold(name: str) -> str:
    """Case, accents, punctuation and spacing removed: 'Ren  Zhengfei.' → 'ren zhengfei'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", plain.casefold()).split())


def registry_surfaces(registry) -> dict[str, tuple[str, str]]:
    """Folded name or alias → (that name or alias, the registry entity's name)."""
    return {_fold(surface): (surface, entity.name) for entity in getattr(registry, "entities", ())
            for surface in (entity.name, *entity.aliases) if _fold(surface)}


def resembling(surface: str, known: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(registry surface, entity name) that `surface` nearly matches, or None."""
    folded = _fold(surface)
    if not folded:
        return None
    if folded in known:
        return known[folded]
    close = difflib.get_close_matches(folded, list(known), n=1, cutoff=SIMILARITY)
    return known[close[0]] if close else None


def _line(source: str, article: Article, offset: int, snippet: str) -> int:
    """The file line of text[offset]: found by its words in the source, else counted from the body."""
    probe = snippet.strip()[:30]
    body = sum(len(line) + 1 for line in source.split("\n")[: article.body_line - 1])
    found = source.find(probe, body) if probe else -1
    if found >= 0:
        return source.count("\n", 0, found) + 1
    return article.body_line + article.text.count("\n", 0, offset)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + "…"


UNSAFE_LINK = "is shown as text, not as a link: only http, https and mailto addresses (and, in a Markdown body, " \
              "relative links) become links"


def link_warnings(article: Article, path: str, source: str) -> list[BuildError]:
    """The article's addresses that urls.safe_link refuses: its `url`, and its Markdown body's links."""
    warnings = []
    if article.url and not safe_link(article.url):
        warnings.append(BuildError(path, _line_of(source, article.url), f"url {article.url!r} {UNSAFE_LINK}"))
    for address in refused_links(article.markdown) if article.markdown is not None else ():
        warnings.append(BuildError(path, _line_of(source, address), f"link {address!r} {UNSAFE_LINK}"))
    return warnings


def registry_link_warnings(registry, path: str) -> list[BuildError]:
    return [BuildError(path, entity.line, f"entity \"{entity.name}\": {label} link {address!r} {UNSAFE_LINK}")
            for entity in getattr(registry, "entities", ()) for label, address in entity.links
            if not safe_link(address)]


def _line_of(source: str, words: str) -> int | None:
    found = source.find(words)
    return source.count("\n", 0, found) + 1 if found >= 0 else None


def far_resolved(text: str, quote) -> bool:
    """Whether the quote's speaker was resolved (a pronoun, a description, the quote before, an office
    across the archive) to a name that neither its paragraph nor the one before mentions: an
    attribution worth a look."""
    if quote.how not in ("pronoun", "description", "inherited", "role") or not quote.speaker_canonical:
        return False
    paragraphs = text.split("\n\n")
    here = text.count("\n\n", 0, quote.start)
    near = "\n\n".join(paragraphs[max(here - 1, 0):here + 1])
    surname = quote.speaker_canonical.split()[-1]
    return surname not in near


def article_warnings(article: Article, annotations, known: dict[str, tuple[str, str]], path: str,
                     source: str) -> list[BuildError]:
    """What a curator should look at in one annotated article."""
    warnings = link_warnings(article, path, source)
    text = article.text
    for q in annotations.quotes:
        quoted = text[q.start:q.end]
        line = _line(source, article, q.start, quoted)
        if q.speaker_canonical is None:
            warnings.append(BuildError(path, line, f"quote left unattributed: “{_short(quoted)}”; name the speaker "
                                       "near it (…, said Jane Doe) or add the name to content/entities.yaml"))
        if far_resolved(text, q):
            how = f"“{q.speaker}”" if q.speaker else "the quote before"
            if q.how == "role":
                how += f" (the holder of that office on {article.date}, as the archive knows it)"
            warnings.append(BuildError(path, line, f"quote “{_short(quoted)}” is given to {q.speaker_canonical} from "
                                       f"{how}, and the name is not near it: check it, or correct it in "
                                       "content/corrections.yaml"))
        words = len(quoted.split())
        if words > LONG_QUOTE_WORDS:
            warnings.append(BuildError(path, line, f"very long quote ({words} words): “{_short(quoted)}”; "
                                       "is a closing quote mark missing?"))
    seen, names = set(), {name for _, name in known.values()}
    for m in annotations.mentions:
        if m.canonical in names or m.text in seen:
            continue                    # resolved to a registry entity, or already reported
        seen.add(m.text)
        match = resembling(m.text, known)
        if match:
            warnings.append(BuildError(path, _line(source, article, m.start, m.text),
                                       f"detected {m.type} “{m.text}” looks like “{match[0]}” of registry entity "
                                       f"“{match[1]}”: add it to that entity's aliases, or to `never`"))
    return warnings


def as_attributed(annotated, registry, gathered=None) -> list[AnnotatedArticle]:
    """The articles with their quotes attributed as the site shows them (collect.gather: names
    unified, offices given to their holders; `gathered`: its result when the caller has it), the
    mentions as the annotator found them."""
    quotes = {item.article.slug: item.annotations.quotes
              for item in (gather(annotated, registry) if gathered is None else gathered)}
    return [replace(item, annotations=replace(item.annotations, quotes=quotes[item.article.slug]))
            for item in annotated]


def curator_warnings(content: Path, annotated, registry, gathered=None) -> list[BuildError]:
    """The warnings of `check` for articles already annotated (`build --strict` turns them into
    errors; `gathered`: collect.gather's result, when the build has it)."""
    annotated = as_attributed(annotated, registry, gathered)
    known = registry_surfaces(registry)
    warnings: list[BuildError] = registry_link_warnings(registry, display_path(content / REGISTRY_FILE))
    for item in annotated:
        file = content / item.article.source_path
        source = file.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
        warnings.extend(article_warnings(item.article, item.annotations, known, display_path(file), source))
    return sorted(warnings, key=lambda w: (w.path, w.line or 0))


def check_site(options: BuildOptions) -> CheckResult:
    """Every error of settings, content and registry (raised together), then the warnings."""
    errors: list[BuildError] = []
    api = _annotation_api()

    def attempt(stage: Callable[[], object]) -> object:
        try:
            return stage()
        except BuildFailed as failed:
            errors.extend(failed.errors)
            return None

    config = attempt(lambda: site_config(options))
    follow = bool(config and config.follow_symlinks)
    articles = attempt(lambda: read_articles(options.content, follow_symlinks=follow)) or ()
    attempt(lambda: read_static(options.content))
    registry = attempt(lambda: api[1](options.content)) if api else None
    if errors:
        raise BuildFailed(errors)
    if api is None:
        return CheckResult(len(articles), (), annotated=False)
    annotated = [AnnotatedArticle(article, api[0](article.text, registry)) for article in articles]
    annotated = apply_corrections(annotated, read_corrections(options.content), registry)   # stale ones: errors
    build_catalog(annotated, registry)           # what only the whole archive shows: slugs that clash
    return CheckResult(len(articles), tuple(curator_warnings(options.content, annotated, registry)), annotated=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def check_command(options: BuildOptions) -> int:
    try:
        result = check_site(options)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        print(f"check failed: {_plural(len(failed.errors), 'error')}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        where = warning.path if warning.line is None else f"{warning.path}:{warning.line}"
        print(f"{where}: {'error' if options.strict else 'warning'}: {warning.message}", file=sys.stderr)
    if not result.annotated:
        print("note: the annotation engine is not available; quotes and entities were not checked", file=sys.stderr)
    failed = options.strict and result.warnings
    summary = f"checked {_plural(result.articles, 'article')}: {_plural(len(result.warnings), 'warning')}"
    print(summary + (" (errors with --strict)" if failed else ""), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0
