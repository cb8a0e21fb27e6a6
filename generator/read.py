"""content/ → Articles and the entity registry. The only stage that reads input files.

Two article formats: `.txt` as received from the wires (header lines `key value`, then
paragraphs separated by blank lines) and `.md` with YAML front matter. Every problem in every
file is collected and raised together as BuildFailed.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Sequence

import yaml

from .errors import BuildError, BuildFailed, key_line, yaml_error
from .markup import markdown_plain_text
from .models import Article
from .slugs import article_slug, assign_unique_slugs, slug_problem
from .yamltext import CONTROL_CHARACTERS, item_lines, load_yaml

ARTICLE_SUFFIXES = (".txt", ".md")
TXT_HEADER_KEYS = ("date", "title", "source", "url", "author")
MD_KEYS = {"title", "date", "source", "url", "author", "tags", "slug"}
TERMINAL = tuple(".!?:;…\"”’')]»")
TITLE_LIMIT = 100


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1252; line endings become
    \\n and control characters are dropped."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BuildFailed([BuildError(path, None, f"broken UTF-16 text ({exc.reason}); re-save the file "
                                          "as UTF-8")]) from None
    elif _looks_like_utf16(data):
        raise BuildFailed([BuildError(path, 1, "the file looks like UTF-16 text without a byte-order mark; "
                                      "re-save it as UTF-8")])
    else:
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
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 has a NUL in every other byte of its ASCII letters."""
    head = data[:4096]
    return len(head) >= 4 and head.count(0) * 3 >= len(head)


def parse_date(value: object, path: str, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?)?)?",
                         str(value).strip())
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


TEXT_KEYS = ("title", "source", "url", "author", "slug")


def _front_matter_fields(meta: dict, path: str, line_of: Callable[[str], int]) -> tuple[dict, list[BuildError]]:
    """The text fields and tags of front matter, each checked for its type (never coerced)."""
    fields: dict = {}
    errors: list[BuildError] = []
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            hint = f"; put it in quotes: {key}: \"{value}\"" if isinstance(value, (int, float)) else ""
            errors.append(BuildError(path, line_of(key), f"{key} must be text, not {_yaml_kind(value)}{hint}"))
        elif key == "slug" and (problem := slug_problem(value)):
            errors.append(BuildError(path, line_of(key), problem))
        else:
            fields[key] = value
    tags = meta.get("tags")
    if tags is None:
        fields["tags"] = ()
    elif isinstance(tags, str):
        fields["tags"] = (tags,)
    elif isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
        fields["tags"] = tuple(tags)
    else:
        errors.append(BuildError(path, line_of("tags"), f"tags must be a list of strings, e.g. tags: [economy, "
                                 f"trade], not {_yaml_kind(tags)}"))
    return fields, errors


def _yaml_kind(value: object) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return f"{kinds.get(type(value), type(value).__name__)} ({value!r})"


def read_md(text: str, path: str) -> dict:
    match = re.match(r"\s*---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        raise BuildFailed([BuildError(path, 1, "missing front matter: a .md article starts with a "
                                      "`---` line, YAML (title, date, …), and another `---` line")])
    offset = text.count("\n", 0, match.start(1) if match.group(1) else match.end()) + 1
    try:
        meta = load_yaml(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise BuildFailed([yaml_error(exc, path, offset, "invalid YAML in front matter")]) from None
    if not isinstance(meta, dict):
        raise BuildFailed([BuildError(path, offset, "front matter must be a mapping (key: value)")])

    def line_of(key: str) -> int:
        return offset - 1 + (key_line(match.group(1) or "", str(key)) or 1)

    errors = [BuildError(path, line_of(str(key)), f"unknown front matter key '{key}' (known keys: "
                         f"{', '.join(sorted(MD_KEYS))})") for key in meta if key not in MD_KEYS]
    if "date" not in meta or meta["date"] is None:
        errors.append(BuildError(path, offset, "missing date: add `date: YYYY-MM-DD` to the front matter"))
    fields, field_errors = _front_matter_fields(meta, path, line_of)
    errors.extend(field_errors)
    if errors:
        raise BuildFailed(errors)
    body = text[match.end():]
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        plain = markdown_plain_text(body)
    except RecursionError:          # Python-Markdown recurses once per level of nesting
        raise BuildFailed([BuildError(path, body_line, "the Markdown nests too deeply (quotes or lists inside "
                                      "each other hundreds of levels down): flatten it")]) from None
    return {**fields, "date": parse_date(meta["date"], path, line_of("date")), "markdown": body,
            "text": plain, "body_line": body_line, "slug_given": "slug" in fields}


def parse_article(data: bytes, source_path: str, path: str | None = None, markdown: bool | None = None) -> Article:
    """One article file's bytes → Article (slug not yet made unique). `path` names it in errors;
    `markdown` says the format when the name cannot (else a `.md` name is Markdown)."""
    path = path or source_path
    text = decode(data, path)
    markdown = path.endswith(".md") if markdown is None else markdown
    fields = read_md(text, path) if markdown else read_txt(text, path)
    if not fields["text"].strip():
        raise BuildFailed([BuildError(path, fields["body_line"], "empty body: the article has no text")])
    title = fields.pop("title", None)
    slug = fields.pop("slug", None)
    title_text = title or derive_title(fields["text"])
    return Article(source_path=source_path, slug=slug or article_slug(title_text, fields["date"]),
                   title=title_text, title_derived=title is None, **fields)


def article_files(content: Path, follow_symlinks: bool = False) -> list[Path]:
    """Every .txt and .md file under content/articles/, hidden files and folders left out, in path
    order. Symbolic links are checked, never skipped silently: a broken one, and one that leaves
    content/ or links a folder, is an error unless `follow_symlinks` (site.yaml) says to read
    through it. A file name that is not UTF-8 is an error. Raises BuildFailed with every problem.
    Walked with strings: pathlib's rglob took a third of a second for 10,000 articles."""
    folder = os.fspath(content / "articles")
    inside = os.path.realpath(content).rstrip(os.sep) + os.sep
    found, errors, seen = [], [], {os.path.realpath(folder)}
    for top, folders, files in os.walk(folder, followlinks=follow_symlinks):
        folders[:] = [name for name in folders if not name.startswith(".")
                      and _readable(os.path.join(top, name), inside, follow_symlinks, errors, seen)]
        for name in files:
            if name.startswith(".") or os.path.splitext(name)[1] not in ARTICLE_SUFFIXES:
                continue
            path = os.path.join(top, name)
            if _readable(path, inside, follow_symlinks, errors, seen):
                found.append(path)
    if errors:
        raise BuildFailed(errors)
    found.sort(key=lambda path: path.split(os.sep))      # as Path objects sort: part by part
    return [Path(path) for path in found]


def _readable(path: str, inside: str, follow_symlinks: bool, errors: list[BuildError], seen: set[str]) -> bool:
    """Whether the walk reads the file or enters the folder at `path`; a problem joins `errors`."""
    if not _utf8(path):
        errors.append(BuildError(path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), None,
                                 "the file name is not valid UTF-8: rename it"))
        return False
    if not os.path.islink(path):
        if follow_symlinks and os.path.isdir(path):    # links may reach this folder too: read it once
            target = os.path.realpath(path)
            if target in seen:
                return False
            seen.add(target)
        return True
    target = os.path.realpath(path)
    if not os.path.exists(target):
        errors.append(BuildError(path, None, f"broken symbolic link to {os.readlink(path)}: remove it or fix it"))
        return False
    if os.path.isdir(target) and target in seen:
        return False                       # a folder reached twice through links (a loop): read it once
    if not follow_symlinks and (os.path.isdir(target) or not target.startswith(inside)):
        what = "a folder" if os.path.isdir(target) else "a file outside the content folder"
        errors.append(BuildError(path, None, f"symbolic link to {what} ({target}): copy what it links to into "
                                 "content/, or set `follow_symlinks: true` in site.yaml to read through links"))
        return False
    seen.add(target)
    return os.path.isdir(target) or os.path.isfile(target)


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_article_file(path: Path | str) -> Article:
    """The article in one file named on the command line; `-` reads standard input (Markdown when
    it starts with a `---` line, else the .txt format)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return parse_article(data, "stdin", "<stdin>", markdown=data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"---"))
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise BuildFailed([BuildError(str(path), None, "is a folder: name article files (.txt or .md)")]) from None
    except FileNotFoundError:
        raise BuildFailed([BuildError(str(path), None, "no such file")]) from None
    except OSError as exc:
        raise BuildFailed([BuildError(str(path), None, f"cannot read the file: {exc.strerror}")]) from None
    return parse_article(data, str(path))


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


def read_sources(content: Path, follow_symlinks: bool = False) -> tuple[Source, ...]:
    """The bytes of every article file under content/articles/ (the build's only read of them)."""
    if not (content / "articles").is_dir():
        raise BuildFailed([BuildError(str(content / "articles"), None, "no articles folder: put articles "
                                      "(.txt or .md) in content/articles/")])
    prefix = len(os.fspath(content).rstrip(os.sep)) + 1 if os.fspath(content) not in ("", ".") else 0
    return tuple(Source(file, os.fspath(file)[prefix:].replace(os.sep, "/"), file.read_bytes())
                 for file in article_files(content, follow_symlinks))


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
    by_source = {source.source_path: source.path for source in sources}
    return assign_unique_slugs(articles, lambda source_path: shown(by_source[source_path]))


def read_articles(content: Path, parse: Callable[[bytes, str, str], Article] | None = None,
                  follow_symlinks: bool = False) -> tuple[Article, ...]:
    """Every article under content/articles/ (read_sources, then parse_articles)."""
    return parse_articles(read_sources(content, follow_symlinks), parse)


REGISTRY_FILE = "entities.yaml"


def read_registry(content: Path):
    """content/entities.yaml → the curated Registry (empty when the file is absent)."""
    from .annotate import EMPTY_REGISTRY

    path = content / REGISTRY_FILE
    if not path.exists():
        return EMPTY_REGISTRY
    return read_registry_file(path, display_path(path))


def read_registry_file(path: Path, display: str):
    """A registry file → Registry; BuildFailed (never a traceback) when it cannot be read or is wrong."""
    from .annotate import parse_registry

    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise BuildFailed([BuildError(display, None, "is a folder, not a registry file")]) from None
    except OSError as exc:
        raise BuildFailed([BuildError(display, None, f"cannot read the registry: {exc.strerror}")]) from None
    text = decode(data, display)
    try:
        loaded = load_yaml(text)
    except yaml.YAMLError as exc:
        raise BuildFailed([yaml_error(exc, display, 1, "invalid YAML in the entity registry")]) from None
    return parse_registry(loaded, display, item_lines(text, "entities"))
