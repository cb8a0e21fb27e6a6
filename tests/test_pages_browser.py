"""The pages as a person meets them: Chromium at phone and desktop widths, axe-core, no JavaScript."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.__main__ import run
from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "index.html",
    "article": None,   # the seed article's page
    "speaker": "speakers/ren-zhengfei/index.html",
    "entity": "entities/huawei/index.html",
    "speakers": "speakers/index.html",
    "entities": "entities/index.html",
    "entity-type": "entities/types/place/index.html",
    "entity-letter": "entities/types/organization/a-z/h/index.html",
    "speaker-letter": "speakers/a-z/r/index.html",
    "archive": "archive/index.html",
    "month": "archive/2021/02/index.html",
}


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("seed-browser") / "site"
    assert run(["build", "--content", str(ROOT / "content"), "--output", str(output),
                "--config", str(ROOT / "site.yaml")]) == 0
    return output


def page_uri(site: Path, name: str) -> str:
    path = PAGES[name] or next((site / "articles").glob("*/index.html")).relative_to(site).as_posix()
    return (site / path).as_uri()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", ["article", "speaker", "entity", "speaker-letter"])
def test_screenshots_fit_the_screen(seed_site, browser, tmp_path, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_uri(seed_site, name))
    shot = tmp_path / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # nothing wider than the screen: no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("h1").count() == 1
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violations(seed_site, browser, name, scheme):
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing (make test runs npm ci)")
    page = browser.new_page(color_scheme=scheme)
    page.goto(page_uri(seed_site, name))
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['html'][:80]})"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious
    page.close()


def test_pages_read_without_javascript(seed_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_uri(seed_site, "article"))
    assert "Trade benefits both sides." in page.locator("article.story").inner_text()
    assert page.locator("a.who", has_text="Ren Zhengfei").count() >= 5
    context.close()


def test_keyboard_reaches_the_skip_link_first(seed_site, browser):
    page = browser.new_page()
    page.goto(page_uri(seed_site, "speaker"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_quote_links_land_on_the_highlighted_quote(seed_site, browser):
    page = browser.new_page()
    page.goto(page_uri(seed_site, "speaker"))
    page.locator(".quote-item a[href*='#q-']").first.click()
    page.wait_for_load_state("load")        # the click only waits for the article to start loading: its CSS too
    target = page.evaluate("location.hash")
    assert target.startswith("#q-")
    outline = page.evaluate(f"getComputedStyle(document.querySelector('{target}')).outlineStyle")
    assert outline == "solid"
    page.close()


def test_prints_without_navigation(seed_site, browser):
    page = browser.new_page()
    page.goto(page_uri(seed_site, "article"))
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar')).display") == "none"
    page.close()


def _cited(page, button) -> str:
    button.focus()
    page.keyboard.press("Enter")                          # a real button: the keyboard works
    page.wait_for_function("b => b.getAttribute('data-copied')", arg=button.element_handle())
    return button.get_attribute("data-copied")


def test_cite_copies_quote_speaker_title_source_date_and_permalink(seed_site, browser):
    """From file://: the button appears with the script, copies the citation (the page keeps what
    it copied in data-copied, as the clipboard may be closed to a file:// page), and the address
    at its end opens the quote."""
    page = browser.new_page()
    page.goto(page_uri(seed_site, "article"))
    buttons = page.locator("button.cite")
    assert buttons.count() == page.locator(".body .quote[id]").count() > 0
    second = buttons.nth(1)
    assert second.is_visible()
    text = _cited(page, second)
    anchor = second.locator("xpath=preceding-sibling::a[1]").get_attribute("href")[1:]
    assert text.startswith("“Trade benefits both sides.") and "It’s a win-win situation." in text   # both paragraphs
    assert "” — Ren Zhengfei, “Chinese Telecommunication giant" in text and ", 14 February 2021, file://" in text
    assert text.endswith(f"/index.html#{anchor}") and text.split(", ")[-1].startswith("file://")
    page.goto(text.split(", ")[-1])
    assert page.evaluate("location.hash") == f"#{anchor}"
    page.goto(page_uri(seed_site, "speaker"))
    text = _cited(page, page.locator(".quote-item button.cite").first)
    assert " — Ren Zhengfei, “" in text and "#q-" in text
    page.close()


def test_an_old_positional_anchor_leads_to_its_quote(seed_site, browser):
    page = browser.new_page()
    page.goto(page_uri(seed_site, "article") + "#q-2")
    page.wait_for_function("location.hash !== '#q-2'")
    assert page.evaluate("location.hash") == "#" + page.locator(".quote[data-n='2']").first.get_attribute("id")
    page.close()


def test_the_404_page_offers_a_search_for_the_missing_name(seed_site, browser):
    from tests.conftest import serve
    with serve(seed_site) as root:
        page = browser.new_page()
        page.goto(root + "entities/tony-blair/")
        link = page.locator("#missing-search a")
        link.wait_for()
        assert link.text_content() == "Search the archive for “tony blair”"
        assert link.get_attribute("href") == "/search/?q=tony%20blair"
        page.close()
