"""Atom feeds, the sitemap and robots.txt: valid XML, absolute URLs from site_url, sensible without it."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET


from generator import feeds, urls
from generator.config import Config
from generator.feeds import FeedEntry, atom_feed, machine_files, robots, sitemap
from tests.conftest import build_site
from tests.golden import SITE

A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
WITH_URL = Config(title="Gazette", site_url="https://me.github.io/quotewire", base_url="/quotewire/")
WITHOUT_URL = Config(title="Gazette", base_url="/quotewire/")
ENTRIES = [
    FeedEntry("Budget & <Taxes>: a \"fair\" deal", "articles/b/index.html", dt.date(2021, 3, 2), "Sums\x0c & more.",
              author="Jo"),
    FeedEntry("Older", "articles/a/index.html", dt.date(2020, 1, 5), fragment="q-2"),
]


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def test_feed_with_site_url_has_absolute_links_and_ids():
    feed = parse(atom_feed(ENTRIES, title="Gazette", feed_path=urls.FEED, config=WITH_URL))
    assert feed.tag == f"{A}feed"
    assert feed.find(f"{A}id").text == "https://me.github.io/quotewire/feed.xml"
    assert feed.find(f"{A}updated").text == "2021-03-02T00:00:00Z"             # the newest entry, no clock
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}title").text for e in entries] == ['Budget & <Taxes>: a "fair" deal', "Older"]
    assert entries[0].find(f"{A}link").get("href") == "https://me.github.io/quotewire/articles/b/"
    assert entries[1].find(f"{A}link").get("href") == "https://me.github.io/quotewire/articles/a/#q-2"
    assert entries[0].find(f"{A}summary").text == "Sums & more."                # control character dropped
    assert entries[0].find(f"{A}author/{A}name").text == "Jo"


def test_feed_without_site_url_links_relative_to_itself_with_urn_ids():
    feed = parse(atom_feed(ENTRIES, title="Gazette", feed_path=urls.speaker_feed("jo"), config=WITHOUT_URL,
                           alternate=urls.speaker("jo")))
    links = {l.get("rel"): l.get("href") for l in feed.findall(f"{A}link")}
    assert links == {"self": "feed.xml", "alternate": "index.html"}
    entry = feed.find(f"{A}entry")
    assert entry.find(f"{A}link").get("href") == "../../articles/b/index.html"
    assert entry.find(f"{A}id").text.startswith("urn:uuid:")
    assert feed.find(f"{A}author/{A}name").text == "Gazette"                   # Atom needs an author


def test_empty_feed_is_valid_and_deterministic():
    one = atom_feed([], title="Gazette", feed_path=urls.FEED, config=WITH_URL)
    assert parse(one).find(f"{A}updated").text == "1970-01-01T00:00:00Z"
    assert one == atom_feed([], title="Gazette", feed_path=urls.FEED, config=WITH_URL)


PAGES = ["index.html", "404.html", "articles/a/index.html", "static/style.css", "feed.xml"]


def test_sitemap_lists_pages_but_not_404_with_lastmod():
    files = sitemap(PAGES, WITH_URL, {"articles/a/index.html": dt.date(2020, 1, 5)})
    root = parse(files[urls.SITEMAP])
    locs = [u.find(f"{S}loc").text for u in root.findall(f"{S}url")]
    assert locs == ["https://me.github.io/quotewire/articles/a/", "https://me.github.io/quotewire/"]
    assert root.find(f"{S}url/{S}lastmod").text == "2020-01-05"


def test_no_sitemap_without_site_url():
    assert sitemap(PAGES, WITHOUT_URL) == {}
    assert robots(WITHOUT_URL)[urls.ROBOTS] == b"User-agent: *\nDisallow:\n"


def test_robots_names_the_sitemap():
    assert b"Sitemap: https://me.github.io/quotewire/sitemap.xml\n" in robots(WITH_URL)[urls.ROBOTS]


def test_big_sitemap_is_split_with_an_index(monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 2)
    pages = [f"articles/{n}/index.html" for n in range(5)]
    files = sitemap(pages, WITH_URL)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = parse(files["sitemap.xml"])
    assert index.tag == f"{S}sitemapindex"
    assert [l.text for l in index.iter(f"{S}loc")][-1] == "https://me.github.io/quotewire/sitemap-3.xml"


def test_feed_holds_feed_size_newest_articles(tmp_path):
    site = tmp_path / "site"
    assert build_site(SITE, site) == 0
    feed = parse((site / "feed.xml").read_bytes())
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 9                                                     # fewer than feed_size
    dates = [e.find(f"{A}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    for name in ("sitemap.xml", "robots.txt", ".nojekyll", "404.html"):
        assert (site / name).is_file()


def test_machine_files_respect_feed_size():
    from generator.read import parse_article
    articles = [parse_article(f"date 2021-01-{d:02d}\ntitle Day {d}\n\nText.\n".encode(), f"articles/{d}.txt")
                for d in range(9, 0, -1)]
    files = machine_files(articles, Config(feed_size=3), ["index.html"])
    assert len(parse(files["feed.xml"]).findall(f"{A}entry")) == 3
    assert set(files) == {"feed.xml", "robots.txt"}


def test_one_feed_per_speaker_links_to_the_quote():
    from types import SimpleNamespace
    from generator.feeds import speaker_feed
    from generator.read import parse_article
    article = parse_article(b"date 2021-01-02\ntitle Talks\n\nShe said \"yes & no\".\n", "articles/t.txt")
    ref = SimpleNamespace(article=article, number=1, text="yes & no", anchor="q-yesnoab")
    feed = parse(speaker_feed("Jo Doe", "jo-doe", (ref,), WITH_URL))
    assert feed.find(f"{A}title").text == "Jo Doe · Gazette"
    links = {l.get("rel"): l.get("href") for l in feed.findall(f"{A}link")}
    assert links["alternate"] == "https://me.github.io/quotewire/speakers/jo-doe/"
    entry = feed.find(f"{A}entry")
    assert entry.find(f"{A}title").text == "Jo Doe: “yes & no”"
    assert entry.find(f"{A}link").get("href").endswith(f"articles/{article.slug}/#q-yesnoab")
