"""An editor's corrections of the annotator (content/corrections.yaml): they win over it.

    quotes:
      - id: 2021-02-14-huawei#q-ivhgjgu   # as in data/quotes.json
        text: Trade benefits both sides     # optional: its first words, to find it again
        speaker: Ren Zhengfei               # a name (registry names and aliases resolve); null: unattributed
      - id: 2021-02-14-huawei#q-hwkcpqc
        reject: true                        # not a quotation
      - article: 2021-02-14-huawei          # a quote the annotator missed
        text: It's a win-win situation      # its exact words
        speaker: Ren Zhengfei

Applied to each article's annotations after the annotator (cached or not), so they survive
rebuilds and annotator changes: an entry whose id no longer exists finds its quote by its words
among the same article's quotes. A corrected article gets a new digest, so exactly the pages made
from it are rendered again. An entry that matches no quote is an error naming it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import yaml

from .annotate.model import Quote
from .annotate.registry import Registry
from .errors import BuildError, BuildFailed, read_utf8, yaml_error
from .fingerprint import digest
from .models import AnnotatedArticle
from .urls import quote_anchors, quote_words
from .yamltext import item_lines, load_yaml

FILE = "corrections.yaml"
ENTRY_KEYS = {"id", "article", "text", "speaker", "reject"}
NO_SPEAKER = object()            # an entry that does not name a speaker (keeps the annotator's)
OPENING, CLOSING = "\"“‘'«", "\"”’'»"


@dataclass(frozen=True)
class Correction:
    line: int | None              # where content/corrections.yaml has it
    article: str                  # the article's id (slug)
    anchor: str | None            # the quote's anchor; None: a quote the annotator missed
    text: str | None              # its first words (or, for a missed quote, all of them)
    speaker: object               # a name, None (unattributed) or NO_SPEAKER
    reject: bool = False

    def label(self) -> str:
        return f'quote "{self.article}#{self.anchor}"' if self.anchor else f'missed quote "{self.text}"'


@dataclass(frozen=True)
class Corrections:
    path: str = ""
    entries: tuple[Correction, ...] = ()
    source: bytes = b""           # its text (UTF-8): an input of the build

    def of(self, slug: str) -> tuple[Correction, ...]:
        return tuple(entry for entry in self.entries if entry.article == slug)


NO_CORRECTIONS = Corrections()


def read_corrections(content: Path, display: str | None = None) -> Corrections:
    """content/corrections.yaml, checked; no corrections without the file."""
    path = content / FILE
    if not path.exists():
        return NO_CORRECTIONS
    shown = display or str(path)
    text = read_utf8(path, shown, "a corrections file", "save the corrections as UTF-8")
    try:
        loaded = load_yaml(text)
    except yaml.YAMLError as exc:
        raise BuildFailed([yaml_error(exc, shown, 1, "invalid YAML in the corrections")]) from None
    return Corrections(shown, parse_corrections(loaded, shown, item_lines(text, "quotes")), text.encode("utf-8"))


def parse_corrections(data: object, path: str, lines: Sequence[int] = ()) -> tuple[Correction, ...]:
    if data is None:
        return ()
    if not isinstance(data, dict) or set(data) - {"quotes"}:
        raise BuildFailed([BuildError(path, 1, "expected a mapping with one key, `quotes:`, holding a list")])
    raw = data.get("quotes") or []
    if not isinstance(raw, list):
        raise BuildFailed([BuildError(path, 1, "`quotes:` must be a list of corrections")])
    entries, errors = [], []
    for index, item in enumerate(raw):
        line = lines[index] if index < len(lines) else None
        problem = _problem(item)
        if problem:
            errors.append(BuildError(path, line, f"correction #{index + 1}: {problem}"))
            continue
        article, _, anchor = (item["id"].partition("#") if "id" in item else (item["article"], "", ""))
        entries.append(Correction(line, article, anchor or None, (item.get("text") or "").strip() or None,
                                  item["speaker"] if "speaker" in item else NO_SPEAKER, bool(item.get("reject"))))
    if errors:
        raise BuildFailed(errors)
    return tuple(entries)


def _problem(item: object) -> str | None:
    """Why a correction entry is malformed, or None."""
    if not isinstance(item, dict):
        return "expected a mapping (id: …, speaker: …)"
    unknown = sorted(str(key) for key in item if key not in ENTRY_KEYS)
    if unknown:
        return f"unknown key {', '.join(map(repr, unknown))} (expected some of {', '.join(sorted(ENTRY_KEYS))})"
    if ("id" in item) == ("article" in item):
        return "give either `id:` (a quote of data/quotes.json) or `article:` (with the `text:` of a missed quote)"
    if "id" in item and (not isinstance(item["id"], str) or "#" not in item["id"]):
        return "`id:` is a quote's id as in data/quotes.json: <article id>#<quote anchor>"
    if any(key in item and item[key] is not None and not isinstance(item[key], str) for key in ("article", "text")):
        return "`article:` and `text:` are text"
    if "speaker" in item and item["speaker"] is not None and not (isinstance(item["speaker"], str)
                                                                  and item["speaker"].strip()):
        return "`speaker:` is a name, or null for no speaker"
    if "reject" in item and not isinstance(item["reject"], bool):
        return "`reject:` is true or false"
    if "article" in item and (item.get("reject") or not item.get("text") or "speaker" not in item):
        return "a missed quote (`article:`) needs its exact `text:` and a `speaker:`"
    if "id" in item and not item.get("reject") and "speaker" not in item:
        return "say what to correct: `speaker:` (a name or null) or `reject: true`"
    return None


def apply_corrections(annotated: Sequence[AnnotatedArticle], corrections: Corrections, registry: Registry
                      ) -> tuple[AnnotatedArticle, ...]:
    """`annotated` with the corrections applied; BuildFailed naming each entry that matches no quote."""
    if not corrections.entries:
        return tuple(annotated)
    by_slug = {item.article.slug: item for item in annotated}
    errors = [BuildError(corrections.path, entry.line, f"{entry.label()}: no article has the id '{entry.article}'")
              for entry in corrections.entries if entry.article not in by_slug]
    out = []
    for item in annotated:
        entries = corrections.of(item.article.slug)
        if not entries:
            out.append(item)
            continue
        try:
            quotes = _corrected(item, entries, registry, corrections.path)
        except BuildFailed as failed:
            errors.extend(failed.errors)
            continue
        notes = replace(item.annotations, quotes=quotes)
        out.append(AnnotatedArticle(item.article, notes, digest(item.digest, repr(entries)) if item.digest else ""))
    if errors:
        raise BuildFailed(errors)
    return tuple(out)


def _corrected(item: AnnotatedArticle, entries: Sequence[Correction], registry: Registry, path: str
               ) -> tuple[Quote, ...]:
    text, quotes = item.article.text, list(item.annotations.quotes)
    anchors = quote_anchors([text[q.start:q.end] for q in quotes])
    errors, rejected, changed = [], set(), {}
    for entry in entries:
        if entry.anchor is None:
            quote = _missed(text, entry, registry)
            overlap = next((q for q in quotes if quote and q.start < quote.end and quote.start < q.end), None)
            if quote is None:
                errors.append(BuildError(path, entry.line, f"{entry.label()}: article '{entry.article}' has no such "
                                                           "words (give them exactly as the article has them)"))
            elif overlap is not None:
                errors.append(BuildError(path, entry.line, f"{entry.label()}: overlaps the quote "
                                         f"\"{text[overlap.start:overlap.end][:60]}\": correct that one by its id"))
            else:
                quotes.append(quote)
            continue
        found = _find(entry, anchors, [text[q.start:q.end] for q in quotes])
        if found is None:
            hint = f' or begins with "{entry.text}"' if entry.text else "; add `text:` with its first words"
            errors.append(BuildError(path, entry.line, f"{entry.label()}: no quote of the article has this id{hint}"))
        elif entry.reject:
            rejected.add(found)
        else:
            changed[found] = _with_speaker(quotes[found], entry.speaker, registry)
    if errors:
        raise BuildFailed(errors)
    kept = [changed.get(index, quote) for index, quote in enumerate(quotes) if index not in rejected]
    return tuple(sorted(kept, key=lambda q: (q.start, q.end)))


def _find(entry: Correction, anchors: Sequence[str], texts: Sequence[str]) -> int | None:
    """The index of the quote the entry names: by its anchor, else by its first words."""
    if entry.anchor in anchors:
        return anchors.index(entry.anchor)
    if entry.text:
        words = quote_words(entry.text)
        for index, said in enumerate(texts):
            if quote_words(said).startswith(words):
                return index
    return None


def _with_speaker(quote: Quote, speaker: object, registry: Registry) -> Quote:
    if speaker is NO_SPEAKER:
        return quote
    name = _canonical(speaker, registry)
    return Quote(quote.start, quote.end, quote.kind, None, None, None, name, quote.cue, "editor" if name else None)


def _canonical(name: object, registry: Registry) -> str | None:
    if name is None:
        return None
    entity = registry.lookup(str(name).strip())
    return entity.name if entity is not None else str(name).strip()


def _missed(text: str, entry: Correction, registry: Registry) -> Quote | None:
    start = text.find(entry.text or "\0")
    if start < 0:
        return None
    end = start + len(entry.text)
    direct = start > 0 and text[start - 1] in OPENING or end < len(text) and text[end] in CLOSING
    name = _canonical(entry.speaker, registry)
    return Quote(start, end, "direct" if direct else "indirect", None, None, None, name, None,
                 "editor" if name else None)
