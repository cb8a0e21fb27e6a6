"""content/ → Articles and the entity registry. The only stage that reads input files.

Two article formats: `.txt` as received from the wires (header lines `key value`, then
paragraphs separated by blank lines) and `.md` with YAML front matter. Every problem in every
file is collected and raised together as BuildFailed.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Sequence

import yaml

from .errors import BuildError, BuildFailed, key_line, yaml_error
from .markup import markdown_plain_text
from .models import Article
from .slugs import article_slug, assign_unique_slugs

ARTICLE_SUFFIXES = (".txt", ".md")
TXT_HEADER_KEYS = ("date", "title", "source", "url", "author")
MD_KEYS = {"title", "date", "source", "url", "author", "tags", "slug"}
TERMINAL = tuple(".!?:;…\"”’')]»")
TITLE_LIMIT = 100


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; line endings become \\n."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, utf8_error.start) + 1
            byte = data[utf8_error.start]
            raise BuildFailed([BuildError(path, line, f"undecodable byte 0x{byte:02x}: the file is neither "
                                          "UTF-8 nor Windows-1252 text; re-save it as UTF-8")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: object, path: str, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value).strip())
    if not match:
        raise BuildFailed([BuildError(path, line, f"date '{value}' is not in the form YYYY-MM-DD")])
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError as exc:
        raise BuildFailed([BuildError(path, line, f"impossible date '{value}': {exc}")]) from None


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs separated by blank lines; lines inside one paragraph join with a space."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", body)
    return [" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks
            if block.strip()]


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence with the next one starting in lower case."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and not joined[-1].endswith(TERMINAL) and paragraph[:1].islower():
            joined[-1] = joined[-1] + " " + paragraph
        else:
            joined.append(paragraph)
    return joined


ABBREVIATIONS = frozenset("mr mrs ms dr st prof gen sen rep gov lt col capt sgt jr sr inc co corp ltd "
                          "no vs etc u.s u.k u.n e.g i.e jan feb mar apr aug sept sep oct nov dec".split())


def first_sentence(paragraph: str) -> str:
    """Up to the first full stop that ends a sentence, not an abbreviation or an initial."""
    for match in re.finditer(r"[.!?](?=\s+[\"“‘(A-Z0-9]|\s*$)", paragraph):
        word = paragraph[:match.start()].rsplit(None, 1)[-1] if paragraph[:match.start()].strip() else ""
        if match.group() == "." and (word.lower().strip("(\"“") in ABBREVIATIONS or len(word) == 1):
            continue
        return paragraph[:match.end()]
    return paragraph


def derive_title(text: str) -> str:
    """The first sentence, shortened at a word boundary."""
    sentence = first_sentence(text.split("\n\n", 1)[0]).strip().rstrip(".")
    if len(sentence) <= TITLE_LIMIT:
        return sentence
    cut = sentence[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def read_txt(text: str, path: str) -> dict:
    """Header lines, then the body. The first paragraph may start on the date line."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    header: dict[str, tuple[str, int]] = {}
    body_start: list[str] = []
    while index < len(lines):
        match = re.match(r"\s*(%s)(?:\s+(.*))?$" % "|".join(TXT_HEADER_KEYS), lines[index])
        if not match or match.group(1) in header:
            break
        key, value = match.group(1), (match.group(2) or "").strip()
        if key == "date":
            value, _, rest = value.partition(" ")
            if rest.strip():
                body_start.append(rest.strip())
                header[key] = (value, index + 1)
                index += 1
                break
        header[key] = (value, index + 1)
        index += 1
    body_line = index + 1 - len(body_start)
    if "date" not in header:
        raise BuildFailed([BuildError(path, 1, "missing date: a .txt article starts with a line "
                                      "`date YYYY-MM-DD`")])
    value, line = header["date"]
    fields: dict = {key: v for key, (v, _) in header.items() if key != "date" and v}
    fields["date"] = parse_date(value, path, line)
    paragraphs = join_broken_paragraphs(split_paragraphs("\n".join(body_start + lines[index:])))
    return {**fields, "text": "\n\n".join(paragraphs), "markdown": None, "body_line": body_line}


def read_md(text: str, path: str) -> dict:
    match = re.match(r"\s*---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        raise BuildFailed([BuildError(path, 1, "missing front matter: a .md article starts with a "
                                      "`---` line, YAML (title, date, …), and another `---` line")])
    offset = text.count("\n", 0, match.start(1) if match.group(1) else match.end()) + 1
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise BuildFailed([yaml_error(exc, path, offset, "invalid YAML in front matter")]) from None
    if not isinstance(meta, dict):
        raise BuildFailed([BuildError(path, offset, "front matter must be a mapping (key: value)")])
    errors = [BuildError(path, offset - 1 + (key_line(match.group(1), str(key)) or 1),
                         f"unknown front matter key '{key}' (known keys: "
                         f"{', '.join(sorted(MD_KEYS))})") for key in meta if key not in MD_KEYS]
    if "date" not in meta:
        errors.append(BuildError(path, offset, "missing date: add `date: YYYY-MM-DD` to the front matter"))
    if errors:
        raise BuildFailed(errors)
    tags = meta.get("tags") or ()
    tags = (tags,) if isinstance(tags, str) else tuple(str(t) for t in tags)
    fields = {k: str(v) for k, v in meta.items() if k in {"title", "source", "url", "author", "slug"} and v}
    body = text[match.end():]
    return {**fields, "date": parse_date(meta["date"], path, offset), "tags": tags, "markdown": body,
            "text": markdown_plain_text(body), "body_line": text.count("\n", 0, match.end()) + 1}


def parse_article(data: bytes, source_path: str, path: str | None = None) -> Article:
    """One article file's bytes → Article (slug not yet made unique). `path` names it in errors."""
    path = path or source_path
    text = decode(data, path)
    fields = read_md(text, path) if path.endswith(".md") else read_txt(text, path)
    if not fields["text"].strip():
        raise BuildFailed([BuildError(path, fields["body_line"], "empty body: the article has no text")])
    title = fields.pop("title", None)
    slug = fields.pop("slug", None)
    title_text = title or derive_title(fields["text"])
    return Article(source_path=source_path, slug=slug or article_slug(title_text, fields["date"]),
                   title=title_text, title_derived=title is None, **fields)


def article_files(content: Path) -> list[Path]:
    """Every .txt and .md file under content/articles/, hidden files and folders left out, in path
    order (folders are not entered through symbolic links). Walked with strings: pathlib's rglob
    took a third of a second for 10,000 articles."""
    folder = os.fspath(content / "articles")
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1] in ARTICLE_SUFFIXES:
                path = os.path.join(top, name)
                if os.path.isfile(path):
                    found.append(path)
    found.sort(key=lambda path: path.split(os.sep))      # as Path objects sort: part by part
    return [Path(path) for path in found]


def read_article_file(path: Path | str) -> Article:
    path = Path(path)
    return parse_article(path.read_bytes(), str(path))


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    return display_paths()(path)


def display_paths() -> Callable[[Path], str]:
    """display_path for many files: the working folder and each file's folder resolved once."""
    cwd, folders = os.path.realpath(os.getcwd()), {}
    inside = cwd.rstrip(os.sep) + os.sep

    def show(path: Path) -> str:
        given = os.fspath(path)
        if os.path.islink(given):
            where = os.path.realpath(given)
        else:
            parent, name = os.path.split(given)
            folder = folders.get(parent)
            if folder is None:
                folder = folders[parent] = os.path.realpath(parent or ".")
            where = os.path.join(folder, name)
        if where.startswith(inside):
            return where[len(inside):].replace(os.sep, "/")
        return Path(given).as_posix()
    return show


@dataclass(frozen=True)
class Source:
    """An article file as read: its path relative to the content folder, and its bytes."""

    path: Path
    source_path: str
    data: bytes


def read_sources(content: Path) -> tuple[Source, ...]:
    """The bytes of every article file under content/articles/ (the build's only read of them)."""
    if not (content / "articles").is_dir():
        raise BuildFailed([BuildError(str(content / "articles"), None, "no articles folder: put articles "
                                      "(.txt or .md) in content/articles/")])
    prefix = len(os.fspath(content).rstrip(os.sep)) + 1 if os.fspath(content) not in ("", ".") else 0
    return tuple(Source(file, os.fspath(file)[prefix:].replace(os.sep, "/"), file.read_bytes())
                 for file in article_files(content))


def parse_articles(sources: Sequence[Source], parse: Callable[[bytes, str, str], Article] | None = None
                   ) -> tuple[Article, ...]:
    """The articles of `sources`, with unique slugs; all errors raised together.
    `parse(data, source_path, display_path)` defaults to parse_article (the cache wraps it)."""
    parse = parse or parse_article
    articles, errors, shown = [], [], display_paths()
    for source in sources:
        try:
            articles.append(parse(source.data, source.source_path, shown(source.path)))
        except BuildFailed as failed:
            errors.extend(failed.errors)
    if errors:
        raise BuildFailed(errors)
    return assign_unique_slugs(articles)


def read_articles(content: Path, parse: Callable[[bytes, str, str], Article] | None = None) -> tuple[Article, ...]:
    """Every article under content/articles/ (read_sources, then parse_articles)."""
    return parse_articles(read_sources(content), parse)


REGISTRY_FILE = "entities.yaml"


def read_registry(content: Path):
    """content/entities.yaml → the curated Registry (empty when the file is absent)."""
    from .annotate import EMPTY_REGISTRY, parse_registry

    path = content / REGISTRY_FILE
    if not path.exists():
        return EMPTY_REGISTRY
    display = display_path(path)
    try:
        data = yaml.safe_load(decode(path.read_bytes(), display))
    except yaml.YAMLError as exc:
        raise BuildFailed([yaml_error(exc, display, 1, "invalid YAML in the entity registry")]) from None
    return parse_registry(data, display)
