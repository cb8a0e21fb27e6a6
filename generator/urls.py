"""Every output path and every link. Nothing else in Quotewire builds a path or a URL.

Output paths are POSIX paths relative to the site root ("articles/x/index.html"). Links
between pages are relative and name `index.html` explicitly, so one build works served at
`/`, under a sub-path (`/<repo>/` on GitHub Pages) and opened from disk (file://). Pages
that the server shows at other addresses (404.html) use links absolute from `base_url`.
"""
from __future__ import annotations

import hashlib
import html
import re
import uuid
from collections import Counter
from typing import Sequence

INDEX = "index.html"

LINK_SCHEMES = ("http", "https", "mailto")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")      # browsers drop these around and tabs/newlines inside
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_link(url: object, relative_ok: bool = False) -> str | None:
    """The one check every URL from content passes before it reaches an `href` or `src`: the URL
    when it may become a link, else None (the caller shows text instead). Allowed: http, https
    and mailto, `//host/…` (http or https), and, when `relative_ok` (links inside a Markdown
    body), a relative link with no scheme. Decided on what the browser would see: character
    references decoded (`jav&#x61;script:`), invisible characters (leading spaces, tabs and
    newlines inside the word, controls) removed, the scheme's case ignored."""
    if not isinstance(url, str) or not url.strip():
        return None
    seen = _INVISIBLE.sub("", html.unescape(url)).replace("\\", "/")
    scheme = _SCHEME.match(seen)
    if scheme is not None:
        return url.strip() if scheme.group(1).lower() in LINK_SCHEMES else None
    if seen.startswith("//"):
        return url.strip()
    if relative_ok and ":" not in seen.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return url.strip()
    return None


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


def quote_anchors(quotes: Sequence[str]) -> tuple[str, ...]:
    """The anchor of each quote of an article (`quotes`: their words, in text order), made from
    what it says, not where it is: "q-" and seven letters from a hash of its words (case,
    punctuation and spacing ignored). A quote keeps its anchor when other quotes or paragraphs
    come and go; the same words said twice get "-2", "-3" in order. Letters only, so short (the
    anchor is on every page that lists the quote, and in the search store) and never only digits:
    the positional anchors of older builds ("q-7") stay free."""
    anchors, seen = [], Counter()
    for text in quotes:
        words = quote_words(text)
        number = int.from_bytes(hashlib.sha1(words.encode("utf-8")).digest()[:8], "big")
        letters = []
        for _ in range(ANCHOR_LETTERS):
            number, letter = divmod(number, 26)
            letters.append(chr(ord("a") + letter))
        base = "q-" + "".join(letters)
        seen[base] += 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return tuple(anchors)


def quote_words(text: str) -> str:
    """A quote's words as its anchor is made from them: case, punctuation and spacing ignored."""
    return " ".join(_WORDS.findall(text.casefold()))


ANCHOR_LETTERS = 7        # 26**7: two quotes of one article share an anchor once in billions
_WORDS = re.compile(r"\w+")
LEGACY_ANCHOR = re.compile(r"q-[0-9]+")       # a quote's anchor before anchors were made from its words


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


def quote(article_slug: str, anchor: str) -> str:
    """A quote of an article: its page and the quote's anchor (quote_anchors)."""
    return f"{article(article_slug)}#{anchor}"


def search_asset(name: str) -> str:
    """A file of the search index, next to the search page (its name carries a content hash)."""
    return f"search/{name}"
