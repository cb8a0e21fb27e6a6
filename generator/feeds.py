"""Atom feeds, the sitemap and robots.txt: the files made for machines. Pure: values in, bytes out.

Absolute URLs come from `site_url` (urls.canonical). Without it:
- a feed's links are relative to the feed file, which RFC 4287 allows and readers resolve against
  the feed's own address, and its ids are URNs made from each page's path;
- no sitemap is written (the protocol requires absolute URLs) and robots.txt names none.

Every timestamp is an article's date: the same content gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from . import __version__, urls
from .config import Config
from .models import Article

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_LIMIT = 50_000                      # URLs per sitemap file (sitemaps.org)
EPOCH = dt.date(1970, 1, 1)                 # `updated` of a feed with no entries
SUMMARY_LIMIT = 400
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. `path` is an output path (urls.*); `fragment` an anchor in it."""

    title: str
    path: str
    date: dt.date
    summary: str = ""
    author: str | None = None
    fragment: str | None = None


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def summary(article: Article) -> str:
    """The first paragraph, shortened at a word."""
    first = article.paragraphs[0] if article.text else ""
    if len(first) <= SUMMARY_LIMIT:
        return first
    return first[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + "…"


def article_entry(article: Article) -> FeedEntry:
    return FeedEntry(title=article.title, path=urls.article(article.slug), date=article.date,
                     summary=summary(article), author=article.author)


def atom_feed(entries: Sequence[FeedEntry], *, title: str, feed_path: str, config: Config,
              alternate: str = urls.INDEX, subtitle: str | None = None) -> bytes:
    """An Atom 1.0 document of `entries` (in the order given), to be written at `feed_path`.
    `alternate` is the page the feed mirrors (the home page; a speaker's page for theirs)."""
    def link(path: str, fragment: str | None = None) -> str:
        target = urls.feed_link(config.site_url, config.base_url, feed_path, path)
        return f"{target}#{fragment}" if fragment else target

    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    _add(feed, "title", title)
    if subtitle:
        _add(feed, "subtitle", subtitle)
    _add(feed, "id", urls.permanent_id(config.site_url, config.base_url, feed_path))
    _add(feed, "link", rel="self", type="application/atom+xml", href=link(feed_path))
    _add(feed, "link", rel="alternate", type="text/html", href=link(alternate))
    _add(feed, "updated", _timestamp(max((e.date for e in entries), default=EPOCH)))
    _add(_add(feed, "author"), "name", config.author or config.title)
    _add(feed, "generator", "Quotewire", version=__version__)
    for entry in entries:
        item = _add(feed, "entry")
        _add(item, "title", entry.title)
        _add(item, "link", rel="alternate", type="text/html", href=link(entry.path, entry.fragment))
        anchor = f"#{entry.fragment}" if entry.fragment else ""
        _add(item, "id", urls.permanent_id(config.site_url, config.base_url, entry.path) + anchor)
        _add(item, "published", _timestamp(entry.date))
        _add(item, "updated", _timestamp(entry.date))
        if entry.author:
            _add(_add(item, "author"), "name", entry.author)
        if entry.summary:
            _add(item, "summary", entry.summary)
    return _serialize(feed)


def latest_feed(articles: Sequence[Article], config: Config) -> dict[str, bytes]:
    """feed.xml: the `feed_size` newest articles (`articles` is newest first)."""
    entries = [article_entry(a) for a in articles[: config.feed_size]]
    return {urls.FEED: atom_feed(entries, title=config.title, feed_path=urls.FEED, config=config,
                                 subtitle=config.description)}


def sitemap(pages: Iterable[str], config: Config, lastmod: Mapping[str, dt.date] = {}) -> dict[str, bytes]:
    """sitemap.xml listing every HTML page but 404.html (split with an index past 50,000 URLs);
    nothing without site_url."""
    if not config.site_url:
        return {}
    listed = sorted(p for p in pages if p.endswith(".html") and p != urls.NOT_FOUND)
    parts = [listed[i:i + SITEMAP_LIMIT] for i in range(0, len(listed), SITEMAP_LIMIT)] or [[]]
    files = {}
    for number, part in enumerate(parts, start=1):
        urlset = ET.Element("urlset", {"xmlns": SITEMAP})
        for path in part:
            entry = _add(urlset, "url")
            _add(entry, "loc", urls.canonical(config.site_url, config.base_url, path))
            if path in lastmod:
                _add(entry, "lastmod", lastmod[path].isoformat())
        files[urls.SITEMAP if len(parts) == 1 else urls.sitemap_part(number)] = _serialize(urlset)
    if len(parts) > 1:
        index = ET.Element("sitemapindex", {"xmlns": SITEMAP})
        for name in sorted(files, key=lambda n: int(n.split("-")[1].split(".")[0])):
            _add(_add(index, "sitemap"), "loc", urls.canonical(config.site_url, config.base_url, name))
        files[urls.SITEMAP] = _serialize(index)
    return files


def robots(config: Config) -> dict[str, bytes]:
    """robots.txt allowing everything and naming the sitemap when there is one. Crawlers read it
    only at a host's root: it takes effect for a user site, not under a project site's /<repo>/."""
    lines = ["User-agent: *", "Disallow:"]
    if config.site_url:
        lines.append(f"Sitemap: {urls.canonical(config.site_url, config.base_url, urls.SITEMAP)}")
    return {urls.ROBOTS: ("\n".join(lines) + "\n").encode("utf-8")}


def quote_entry(speaker_name: str, ref) -> FeedEntry:
    """A quote (catalog.QuoteRef) as a feed entry linking to its anchor in its article."""
    words = ref.text if len(ref.text) <= 80 else ref.text[:80].rsplit(" ", 1)[0] + "…"
    return FeedEntry(title=f"{speaker_name}: “{words}”", path=urls.article(ref.article.slug),
                     date=ref.article.date, summary=f"{ref.text} (in “{ref.article.title}”)",
                     author=speaker_name, fragment=ref.anchor)


def speaker_feed(name: str, slug: str, quotes: Sequence, config: Config) -> bytes:
    """speakers/<slug>/feed.xml: `quotes` (catalog.QuoteRef, the newest `feed_size` of a speaker's).
    Planned and rendered as a page (generator/pages.py), so an unchanged feed is not made again."""
    return atom_feed([quote_entry(name, ref) for ref in quotes], title=f"{name} · {config.title}", config=config,
                     feed_path=urls.speaker_feed(slug), alternate=urls.speaker(slug), subtitle=f"Quotes of {name}")


def machine_files(articles: Sequence[Article], config: Config, pages: Iterable[str]) -> dict[str, bytes]:
    """feed.xml, sitemap.xml and robots.txt for a site whose outputs are `pages`."""
    lastmod = {urls.article(a.slug): a.date for a in articles}
    return {**latest_feed(articles, config), **sitemap(pages, config, lastmod), **robots(config)}


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
