import re

import pytest

from generator import urls


@pytest.mark.parametrize("source, target, expected", [
    ("index.html", "articles/a/index.html", "articles/a/index.html"),
    ("articles/a/index.html", "index.html", "../../index.html"),
    ("articles/a/index.html", "articles/b/index.html", "../b/index.html"),
    ("page/2/index.html", "static/style.css", "../../static/style.css"),
    ("archive/2021/02/index.html", "archive/index.html", "../../index.html"),
])
def test_relative_links(source, target, expected):
    assert urls.relative(source, target) == expected


def test_fragments_and_absolute_links():
    assert urls.relative("speakers/x/index.html", urls.article("a"), "q-wewonab") == \
        "../../articles/a/index.html#q-wewonab"
    assert urls.absolute("/quotewire/", urls.article("a")) == "/quotewire/articles/a/"
    assert urls.absolute("/", urls.home()) == "/"
    assert urls.canonical("https://me.github.io/quotewire", "/quotewire/", urls.article("a")) == \
        "https://me.github.io/quotewire/articles/a/"
    assert urls.canonical("https://example.org", "/quotewire/", "feed.xml") == "https://example.org/quotewire/feed.xml"
    assert urls.canonical("", "/", "feed.xml") == ""


def test_relative_agrees_with_posixpath():
    import posixpath

    from hypothesis import given, strategies as st

    segment = st.sampled_from(["a", "b", "ab", "page", "2"])
    path = st.lists(segment, max_size=4).map(lambda parts: "/".join(parts + ["index.html"]))

    @given(path, path)
    def check(source, target):
        assert urls.relative(source, target) == posixpath.relpath(target, posixpath.dirname(source) or ".")

    check()


def test_pages_of_the_same_top_links_key_link_alike_to_every_page_of_the_chrome():
    """render.Renderer makes the links every page has (render.CHROME) once per urls.top_links_key:
    any two pages of the same key must get the same links, whatever their other folders."""
    from hypothesis import given, strategies as st

    from generator.render import CHROME

    segment = st.sampled_from(["articles", "speakers", "entities", "archive", "search", "search-x", "a", "page",
                               "2", "a-z", "s"])
    page = st.lists(segment, max_size=5).map(lambda parts: "/".join(parts + ["index.html"]))

    @given(page, page)
    def check(one, other):
        if urls.top_links_key(one) == urls.top_links_key(other):
            assert [urls.relative(one, target) for target in CHROME] == \
                [urls.relative(other, target) for target in CHROME]

    check()
    assert urls.top_links_key("entities/bank-of-england/index.html") == ("entities", 2)
    assert urls.top_links_key("index.html") == ("", 0)


def test_quote_anchors_are_made_from_the_words_and_stay_when_other_quotes_come_and_go():
    quotes = ["Trade benefits both sides.", "We will win.", "José Núñez said it", "北京 欢迎你"]
    anchors = urls.quote_anchors(quotes)
    assert all(re.fullmatch(r"q-[a-z]{7}", anchor) for anchor in anchors) and len(set(anchors)) == 4
    assert urls.quote_anchors(["A new first quote.", *quotes])[1:] == anchors          # one inserted before
    assert urls.quote_anchors(quotes[1:]) == anchors[1:]                                 # one removed
    assert urls.quote_anchors(["trade  BENEFITS, both sides"])[0] == anchors[0]          # case, spacing, marks
    assert urls.quote_anchors(["We will win.", "Other.", "we will win"]) == \
        (anchors[1], urls.quote_anchors(["Other."])[0], anchors[1] + "-2")               # the same words twice
    assert not any(urls.LEGACY_ANCHOR.fullmatch(anchor) for anchor in urls.quote_anchors(["7", "12 3"]))


@pytest.mark.parametrize("path, ours", [
    ("index.html", True), (".nojekyll", True), ("404.html", True), ("robots.txt", True), ("sitemap-3.xml", True),
    ("articles/2021-01-01-x/index.html", True), ("search/shard-7.0123abcd.json", True), ("static/style.css", True),
    ("CNAME", False), ("thesis.txt", False), ("favicon.ico", False), ("img/logo.png", False), ("sitemap-x.xml", False),
])
def test_the_site_layout_names_the_places_quotewire_writes(path, ours):
    assert urls.in_site_layout(path) is ours
