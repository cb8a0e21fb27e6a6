"""Every output path and every link. Nothing else in Quotewire builds a path or a URL.

Output paths are POSIX paths relative to the site root ("articles/x/index.html"). Links
between pages are relative and name `index.html` explicitly, so one build works served at
`/`, under a sub-path (`/<repo>/` on GitHub Pages) and opened from disk (file://). Pages
that the server shows at other addresses (404.html) use links absolute from `base_url`.
"""
from __future__ import annotations

import re
import uuid

INDEX = "index.html"


def home(page: int = 1) -> str:
    return INDEX if page == 1 else f"page/{page}/{INDEX}"


def article(slug: str) -> str:
    return f"articles/{slug}/{INDEX}"


def archive(year: int | None = None, month: int | None = None) -> str:
    if year is None:
        return f"archive/{INDEX}"
    if month is None:
        return f"archive/{year:04d}/{INDEX}"
    return f"archive/{year:04d}/{month:02d}/{INDEX}"


RESERVED_SLUGS = frozenset({"page", "a-z", "types"})   # folders the index pages use


def speakers_index() -> str:
    return f"speakers/{INDEX}"


def speakers_by_name(letter: str, part: str = "") -> str:
    """A page of the speakers' A–Z index: a letter's (pages.alphabetical), or one part of it."""
    return f"speakers/a-z/{letter}/{part + '/' if part else ''}{INDEX}"


def speaker(slug: str) -> str:
    return f"speakers/{slug}/{INDEX}"


def entities_index(page: int = 1) -> str:
    return f"entities/{INDEX}" if page == 1 else f"entities/page/{page}/{INDEX}"


def entities_of_type(kind: str) -> str:
    return f"entities/types/{kind}/{INDEX}"


def entities_by_name(kind: str, letter: str, part: str = "") -> str:
    """A page of the A–Z index of one type of entity: a letter's (pages.alphabetical), or one part of it."""
    return f"entities/types/{kind}/a-z/{letter}/{part + '/' if part else ''}{INDEX}"


def entity(slug: str, page: int = 1) -> str:
    return f"entities/{slug}/{INDEX}" if page == 1 else f"entities/{slug}/page/{page}/{INDEX}"


def search_page() -> str:
    return f"search/{INDEX}"


def static(name: str) -> str:
    return f"static/{name}"


def data(name: str) -> str:
    return f"data/{name}"


NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOJEKYLL = ".nojekyll"     # every Quotewire site has it: GitHub Pages must not run Jekyll on it


# Where a Quotewire build writes: its folders, and the files at the site's root. A folder built
# before the build kept a record of its files (generator/ownership.py) is taken over by this layout.
SITE_FOLDERS = frozenset({"archive", "articles", "data", "entities", "page", "search", "speakers", "static"})
SITE_ROOT_FILES = frozenset({NOJEKYLL, INDEX, NOT_FOUND, FEED, SITEMAP, ROBOTS})


def in_site_layout(path: str) -> bool:
    """Whether `path` is at a place where Quotewire writes its files."""
    folder, slash, _ = path.partition("/")
    if slash:
        return folder in SITE_FOLDERS
    return path in SITE_ROOT_FILES or re.fullmatch(r"sitemap-\d+\.xml", path) is not None


def quote_anchor(number: int) -> str:
    return f"q-{number}"


def relative(from_path: str, to_path: str, fragment: str | None = None) -> str:
    """A link from the page at `from_path` to `to_path`, both normalised output paths."""
    here = from_path.split("/")[:-1]
    there = to_path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    link = "../" * (len(here) - common) + "/".join(there[common:])
    return f"{link}#{fragment}" if fragment else link


def top_links_key(from_path: str) -> tuple[str, int]:
    """What the links from the page at `from_path` to the site's top pages depend on (a page at most
    one folder deep: index.html, speakers/index.html; or a file in static/, where no page is):
    the page's first folder and its depth. Pages of the same key have the same such links."""
    here = from_path.split("/")[:-1]
    return (here[0] if here else "", len(here))


def absolute(base_url: str, to_path: str, fragment: str | None = None) -> str:
    """A link from the site's base path: for pages served at other addresses (404)."""
    target = to_path[: -len(INDEX)] if to_path.endswith(INDEX) else to_path
    return base_url + target + (f"#{fragment}" if fragment else "")


def canonical(site_url: str, base_url: str, to_path: str) -> str:
    """Full URL for feeds and the sitemap; empty when site_url is not configured."""
    if not site_url:
        return ""
    origin = site_url.rstrip("/")
    if not origin.endswith(base_url.rstrip("/")):
        origin += base_url.rstrip("/")
    return origin + absolute("/", to_path)


def speaker_feed(slug: str) -> str:
    return f"speakers/{slug}/{FEED}"


def sitemap_part(number: int) -> str:
    """One file of a sitemap split in parts (a sitemap holds at most 50,000 URLs)."""
    return f"sitemap-{number}.xml"


def feed_link(site_url: str, base_url: str, feed_path: str, to_path: str) -> str:
    """A link inside a feed: absolute from site_url, else relative to the feed file (RFC 4287 §2:
    feed readers resolve it against the feed's own address)."""
    return canonical(site_url, base_url, to_path) or relative(feed_path, to_path)


def permanent_id(site_url: str, base_url: str, to_path: str) -> str:
    """An Atom id: the page's full URL, or a URN made from its path when site_url is empty."""
    return canonical(site_url, base_url, to_path) or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, to_path)}"


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")        # English whatever the machine's locale, as the site's text


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def quote(article_slug: str, number: int) -> str:
    """Quote `number` of an article: its page and the quote's anchor."""
    return f"{article(article_slug)}#{quote_anchor(number)}"


def search_asset(name: str) -> str:
    """A file of the search index, next to the search page (its name carries a content hash)."""
    return f"search/{name}"
