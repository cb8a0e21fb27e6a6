"""A link checker: crawl a served site (or a folder as file:// would) and list broken links."""
from __future__ import annotations

import posixpath
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src", "action"):
            if values.get(key) and not (tag == "link" and values.get("rel") in ("alternate",) and key == "href"
                                        and values[key].startswith("http")):
                self.links.append(values[key])


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _is_external(link: str) -> bool:
    return urllib.parse.urlsplit(link).scheme in ("http", "https", "mailto") or link.startswith("//")


def crawl_http(start: str) -> tuple[set[str], list[str]]:
    """Follow every internal link from `start` (a URL ending in /). Returns (visited, broken)."""
    origin = urllib.parse.urlsplit(start)
    base_path = origin.path
    seen, broken, queue = set(), [], [start]
    pages: dict[str, _Links] = {}
    anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            broken.append(f"{url}: HTTP {error.code}")
            continue
        if "html" not in kind:
            continue
        page = pages[url] = parse(body.decode("utf-8"))
        for link in page.links:
            if _is_external(link):
                continue
            target = urllib.parse.urljoin(url, link)
            parts = urllib.parse.urlsplit(target)
            if parts.netloc != origin.netloc or not parts.path.startswith(base_path):
                broken.append(f"{url}: {link} leaves the site's base path {base_path}")
                continue
            clean = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
            if parts.fragment:
                anchors.append((url, clean, parts.fragment))
            queue.append(clean)
    for url, target, fragment in anchors:
        page = pages.get(target) or pages.get(target + "index.html")
        if page is not None and fragment not in page.ids:
            broken.append(f"{url}: #{fragment} not found in {target}")
    return seen, broken


def crawl_folder(root: Path) -> tuple[set[Path], list[str]]:
    """Check every relative link and #anchor of every HTML file as a browser opening it from disk would."""
    pages = {page: parse(page.read_text("utf-8")) for page in sorted(root.rglob("*.html"))
             if not (page.name == "404.html" and page.parent == root)}   # 404: links absolute from base_url
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            if _is_external(link):
                continue
            parts = urllib.parse.urlsplit(link)
            if parts.path.startswith("/"):
                broken.append(f"{page}: {link} is absolute and fails from disk")
                continue
            target = page if not parts.path else Path(posixpath.normpath(
                posixpath.join(page.parent.as_posix(), urllib.parse.unquote(parts.path))))
            if not target.is_file():
                broken.append(f"{page}: {link} → {target} missing")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append(f"{page}: {link} → #{parts.fragment} not found in {target}")
    return set(pages), broken
