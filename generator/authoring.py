"""`new "Headline"`: start a Markdown article with its front matter filled in. Never overwrites."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

from .errors import BuildError, BuildFailed
from .read import parse_date
from .slugs import slugify

HINTS = """\
# source: Reuters            (optional: the wire or paper it came from)
# url: https://…             (optional: where it was published)
# author: …                  (optional)
# tags: [politics, trade]    (optional)
"""


def article_text(title: str, date: dt.date) -> str:
    """The new file: front matter with title and date, commented optional keys, an empty body."""
    heading = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000, default_style=None).strip()
    return f"---\n{heading}\ndate: {date.isoformat()}\n{HINTS}---\n\n"


def article_path(content: Path, title: str, date: dt.date) -> Path:
    return content / "articles" / f"{date.isoformat()}-{slugify(title)}.md"


def new_article(content: Path, title: str, date: dt.date) -> Path:
    """Create the article file and return its path; BuildFailed if the title is empty or the file exists."""
    if not title.strip():
        raise BuildFailed([BuildError("new", None, 'the headline is empty: python -m generator new "Headline"')])
    path = article_path(content, title.strip(), date)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:      # "x": fails rather than overwrite
            file.write(article_text(title.strip(), date))
    except FileExistsError:
        raise BuildFailed([BuildError(str(path), None, "already exists and was left as it is: edit it, "
                                      "or choose another headline or --date")]) from None
    return path


def new_command(title: str, date: str | None, content: Path) -> int:
    try:
        day = parse_date(date, "--date", 1) if date else dt.date.today()
        path = new_article(content, title, day)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        return 1
    print(f"created {path}: write the article below its front matter")
    return 0
