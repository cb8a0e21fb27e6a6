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
