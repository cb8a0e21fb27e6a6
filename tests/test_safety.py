"""Hostile content (tests/fixtures/sites/hostile): addresses that would run script never become
links, in the HTML as a browser reads it and in the data beside it; paths never leave content/."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.__main__ import run
from generator.urls import safe_link
from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "sites" / "hostile"
ALLOWED_PROTOCOLS = {"http:", "https:", "mailto:", "file:"}


@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a?b=1&c=2", True),
    ("HTTP://EXAMPLE.ORG", True),
    ("mailto:desk@example.org", True),
    ("//example.org/path", True),
    ("javascript:alert(1)", False),
    (" JaVaScRiPt:alert(1)", False),
    ("\tjavascript:alert(1)", False),
    ("java\nscript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("\x00javascript:alert(1)", False),
    ("jav&#x61;script:alert(1)", False),
    ("&#106;avascript:alert(1)", False),
    ("javascript&colon;alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False),
    ("file:///etc/passwd", False),
    ("", False),
    (None, False),
    ("relative/page.html", False),         # not in front matter or the registry: a full address is expected
])
def test_safe_link_allows_only_web_and_mail_addresses(url, linked):
    assert (safe_link(url) is not None) == linked


@pytest.mark.parametrize("url, linked", [
    ("../other/", True), ("chart.png", True), ("#section", True), ("?q=1", True), ("/top", True),
    ("javascript:alert(1)", False), ("a:b", False),
])
def test_relative_links_are_allowed_inside_markdown_bodies(url, linked):
    assert (safe_link(url, relative_ok=True) is not None) == linked


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("hostile") / "site"
    assert run(["build", "--content", str(HOSTILE / "content"), "--output", str(output), "--no-cache",
                "--config", os.devnull]) == 0
    return output


def test_hostile_addresses_are_shown_as_text(hostile_site):
    article = next(p for p in (hostile_site / "articles").glob("*/index.html") if "links-of-every-kind" in str(p))
    html = article.read_text("utf-8")
    for words in ("inline link", "spaced one", "mixed-case one", "encoded one", "decimal one", "tabbed one",
                  "reference link", "data link", "vbscript link", "a picture"):
        assert f'<span class="unlinked" title="not linked: only http, https and mailto addresses become links">' \
               f'{words}</span>' in html, words
    for href in ("https://www.bbc.co.uk/news", "mailto:desk@example.org", "../other/", "//example.org/path"):
        assert f'href="{href}"' in html
    assert 'src="chart.png"' in html
    assert "original article: " in html                              # the front matter's url, as text


def test_json_ld_carries_no_hostile_address(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text("utf-8")
        for block in html.split('<script type="application/ld+json">')[1:]:
            data = json.loads(block.split("</script>", 1)[0])
            addresses = [data.get("isBasedOn"), *data.get("sameAs", ())]
            assert all(safe_link(a) for a in addresses if a), page


def test_check_warns_about_every_address_shown_as_text(capsys, monkeypatch):
    monkeypatch.chdir(HOSTILE)
    assert run(["check", "--content", "content", "--config", os.devnull]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if "is shown as text, not as a link" in line]
    assert len([w for w in warned if "markdown-links.md" in w]) == 11       # ten in the body, the url
    assert any("wire-url.txt:3: warning: url" in w for w in warned)
    assert len([w for w in warned if "entities.yaml" in w]) == 3
    assert any('entities.yaml:2: warning: entity "Jane Doe": wikipedia link' in w for w in warned)


@pytest.mark.browser
def test_no_page_of_a_hostile_site_holds_a_script_link(hostile_site, browser):
    """Every page opened in Chromium: every link, image and frame address resolves to http(s),
    mailto or a file of the site, and no dialog opens (an alert would mean script ran)."""
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page.goto(path.as_uri())
        addresses = page.evaluate("""() => [...document.querySelectorAll('[href], [src], [action], [formaction]')]
            .map(e => e.href || e.src || e.action || e.formAction || '')""")
        protocols = {address.split(":", 1)[0] + ":" for address in addresses if address}
        assert protocols <= ALLOWED_PROTOCOLS, (path, protocols)
        for link in page.locator(".body a, .links a, .meta a").all():     # follow the content's own links
            href = link.get_attribute("href") or ""
            assert safe_link(href, relative_ok=True), (path, href)
    page.close()
    assert dialogs == []
