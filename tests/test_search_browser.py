"""Search in a real browser: Playwright driving Debian's Chromium over the built site.

Every test collects console errors and uncaught page errors and fails on any: a bad query
must show a message, never break the page.
"""
from __future__ import annotations

import gzip
import re
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site, first_results, serve

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=window.__pwned=1>"
QUOTE = re.compile(r"#(q-[a-z0-9-]+)$")


def build(content: Path, output: Path, *extra: str) -> Path:
    site = content.parent
    assert build_site(site, output, "--cache", str(site / ".cache"), *extra) == 0
    return output


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("seed")
    (site / "content").symlink_to(ROOT / "content")
    return build(site / "content", site / "out")


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("sub")
    (site / "content").symlink_to(ROOT / "content")
    return build(site / "content", site / "out", "--base-url", "/quotewire/")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hostile")
    articles = site / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "hostile-title.txt").write_text(
        f"title {HOSTILE}\ndate 2021-03-01\n\n"
        f"Officials met on Monday. “We will not run {HOSTILE} scripts,” said Jane Doe.\n", encoding="utf-8")
    return build(site / "content", site / "out")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error"      # the icon loads last, maybe as the test's server stops
            and not m.location.get("url", "").endswith(("/favicon.ico", "/favicon.svg"))
            and page.problems.append(f"console: {m.text} at {m.location}"))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"))
    yield page
    problems = page.problems
    context.close()
    assert not problems, problems


def search(page, base: str, text: str):
    """Open the search page at `base`, type `text`, wait for the answer; the result elements."""
    page.goto(base + "search/index.html")
    page.fill("#search-q", text)
    return settle(page)


def settle(page):
    page.wait_for_function(
        "() => !document.getElementById('search').hasAttribute('aria-busy') && "
        "(document.querySelector('.result') || /Nothing|Cannot|common/.test(document.body.innerText))")
    page.wait_for_timeout(100)    # a newer keystroke's answer may still be on its way
    page.wait_for_function("() => !document.getElementById('search').hasAttribute('aria-busy')")
    return page.locator(".result")


def results(page) -> list[dict]:
    return page.eval_on_selector_all(".result", """items => items.map(li => ({
        type: li.querySelector('.result-type').textContent, title: li.querySelector('.result-title').textContent,
        meta: (li.querySelector('.result-meta') || {}).textContent || '',
        snippet: (li.querySelector('.result-snippet') || {}).textContent || '',
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        href: li.querySelector('a').href }))""")


def test_globalization_lists_the_article(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, "globalization")
        found = results(page)
        articles = [r for r in found if r["type"] == "Article"]
        assert articles and articles[0]["title"].startswith("Chinese Telecommunication giant")
        assert "globalization" in [m.lower() for r in found for m in r["marks"]]
        assert page.evaluate("() => typeof self.quotewireData") == "undefined"    # the index is in the worker


def test_win_win_opens_ren_zhengfei_quote_highlighted(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, "win-win")
        quotes = [r for r in results(page) if r["type"] == "Quote"]
        assert quotes and "Ren Zhengfei" in quotes[0]["meta"] and "win-win" in quotes[0]["snippet"]
        page.locator(".result-quote a").first.click()
        page.wait_for_load_state()
        anchor = QUOTE.search(page.url).group(0)[1:]
        assert "hl=" in page.url
        page.wait_for_function(f"() => document.getElementById('{anchor}').classList.contains('hit')")
        quote = page.locator(".quote.hit")         # the quote runs over two paragraphs
        assert "win-win" in " ".join(quote.all_inner_texts())
        assert [m.lower() for m in page.locator(".quote.hit mark.search-hl").all_inner_texts()] == ["win", "win"]
        assert page.evaluate(f"() => {{ const r = document.getElementById('{anchor}').getBoundingClientRect();"
                             " return r.bottom > 0 && r.top < innerHeight }")


def test_iphone_finds_the_quote_about_the_iphone_12(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, "iphone")
        quotes = [r for r in results(page) if r["type"] == "Quote"]
        assert any("iPhone 12" in q["snippet"] for q in quotes)


def test_speaker_ren_lists_his_quotes(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, "speaker:ren")
        page.check("input[name=type][value=quote]")
        quotes = results(page)
        assert len(quotes) >= 5 and all("Ren Zhengfei" in q["meta"] for q in quotes)
        assert "type=quote" in page.url


def test_hostile_title_does_not_execute(page, hostile_site):
    with serve(hostile_site) as base:
        search(page, base, "scripts")
        found = results(page)
        assert any(r["title"] == HOSTILE for r in found)
        assert any(HOSTILE in r["snippet"] for r in found if r["type"] == "Quote")
        assert page.locator("#search-results img").count() == 0
        page.locator(".result-quote a").first.click()
        page.wait_for_load_state()
        page.wait_for_selector("mark.search-hl")
        assert page.locator("main img").count() == 0
        assert page.evaluate("() => window.__pwned") is None


def test_works_under_a_sub_path(page, sub_path_site):
    with serve(sub_path_site, "/quotewire/") as base:
        assert base.endswith("/quotewire/")
        page.goto(base + "search/?q=win-win")
        settle(page)
        assert any(r["type"] == "Quote" for r in results(page))
        page.locator(".result-quote a").first.click()
        page.wait_for_load_state("networkidle")      # the favicon too, before the server stops
        assert "/quotewire/articles/" in page.url and QUOTE.search(page.url)


def test_works_from_file_url(page, seed_site):
    page.goto((seed_site / "search" / "index.html").as_uri() + "?q=win-win")
    settle(page)
    assert any(r["type"] == "Quote" for r in results(page))
    loaded = page.evaluate("() => Object.keys(self.quotewireData).sort()")          # as scripts
    assert "meta" in loaded and any(name.startswith("terms-") for name in loaded)
    assert "store-0" in loaded and len([p for p in (seed_site / "search").glob("terms-*")]) > \
        len([name for name in loaded if name.startswith("terms-")])               # only what the query needs
    page.locator(".result-quote a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and QUOTE.search(page.url)
    page.wait_for_selector(".quote.hit mark.search-hl")


@pytest.mark.parametrize("text, hint", [("title:", "after the colon"), ("speaker:ren~", "number after ~"),
                                        ("colour:red", "Fields you can search")])
def test_syntax_error_shows_a_message(page, seed_site, text, hint):
    with serve(seed_site) as base:
        search(page, base, text)
        error = page.locator("#search-error")
        assert error.is_visible() and hint in error.inner_text()
        assert page.locator(".result").count() == 0


def test_zero_results_retry_with_fuzziness_and_say_so(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, "huwaei ")
        assert "similar" in page.locator("#search-status").inner_text()
        assert results(page)


def test_and_across_words_and_prefix_of_the_last(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, "huawei glob")
        assert any(r["type"] == "Article" for r in results(page))
        search(page, base, "huawei zebra")
        assert "Nothing found" in page.locator("#search-status").inner_text()


def test_keyboard_and_back_button(page, seed_site):
    with serve(seed_site) as base:
        page.goto(base + "index.html")
        page.keyboard.press("/")
        assert page.evaluate("() => document.activeElement.name") == "q"
        page.keyboard.type("win-win")
        page.keyboard.press("Enter")                      # the header form submits to the search page
        page.wait_for_url(re.compile(r"search/index\.html\?q=win-win"))
        settle(page)
        page.focus("#search-q")
        page.keyboard.press("ArrowDown")
        first = results(page)[0]["href"]
        assert page.locator(".result.active").count() == 1
        page.keyboard.press("Enter")
        page.wait_for_url(first)
        page.go_back()
        settle(page)
        assert page.input_value("#search-q") == "win-win" and results(page)


def test_search_form_works_without_javascript(browser, seed_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(seed_site) as base:
        page.goto(base + "index.html")
        page.fill("input[name=q]", "huawei")
        page.press("input[name=q]", "Enter")
        page.wait_for_url(re.compile(r"search/index\.html\?q=huawei"))
        assert "needs JavaScript" in page.inner_text("main")
    context.close()


@pytest.mark.corpus
def test_bbc_words_find_every_article_that_holds_them(page, bbc_content, tmp_path):
    """The issue's check on the 2,225 BBC articles, with what a search downloads."""
    from generator.read import read_articles

    started = time.perf_counter()
    output = build(bbc_content, tmp_path / "out")
    build_seconds = time.perf_counter() - started
    articles = read_articles(bbc_content)
    with serve(output) as base:
        ms, gzipped, files = complete_results(page, base + "search/index.html?q=today")
        for word in ("today", "Monday", "money", "Murray"):
            holding = {a.slug for a in articles if re.search(rf"\b{word}\b", f"{a.title}\n{a.text}", re.I)}
            page.goto(base + f"search/index.html?q={word.lower()}%20&type=article")
            settle(page)
            while page.locator("#search-more").is_visible():
                page.click("#search-more")
                settle(page)
            found = {re.search(r"/articles/([^/]+)/", r["href"]).group(1) for r in results(page)}
            assert holding and holding <= found, (word, sorted(holding - found)[:5])
    print(f"\nBBC: build {build_seconds:.1f} s; ?q=today complete after {ms:.0f} ms, {gzipped / 1e3:.0f} kB gzipped "
          f"in {files} files, code included")
    assert gzipped <= 260_000          # Pagefind 1.5.2's for the same query on the same site (issue 23)


def complete_results(page, url: str) -> tuple[float, int, int]:
    """Open `url` (the search page with ?q=) with an empty cache: ms until its first page of results
    is complete, and the gzipped bytes and number of files fetched by then."""
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r))
    page.goto(url)
    settle(page)
    ms = page.evaluate("() => performance.now()")
    done = [r for r in fetched if r.response() and "favicon" not in r.url]
    return ms, sum(len(gzip.compress(r.response().body(), 6)) for r in done), len(done)


@pytest.fixture(scope="module")
def resolved_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("resolved")
    articles = site / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "leeds.txt").write_text(
        "date 2021-03-01\ntitle Leeds visit\n\nTony Blair visited Leeds on Monday. “We will win the vote,” he said.\n\n"
        "“The vote is good for Leeds,” Mr Blair added.\n", encoding="utf-8")
    return build(site / "content", site / "out")


def test_a_filter_keeps_only_quotes_whose_speaker_is_named_in_the_sentence(page, resolved_site):
    with serve(resolved_site) as base:
        search(page, base, "vote")
        quotes = [r for r in results(page) if r["type"] == "Quote"]
        assert len(quotes) == 2                                        # "he said" and "Mr Blair added"
        page.check("#search-named")
        page.wait_for_function("() => document.querySelectorAll('.result').length === 1")
        (only,) = results(page)
        assert only["type"] == "Quote" and "good for Leeds" in only["snippet"]
        assert "named=1" in page.url
        page.reload()                                                  # the address keeps the filter
        settle(page)
        assert page.is_checked("#search-named") and len(results(page)) == 1


def test_a_quoted_phrase_finds_its_words_next_to_each_other(page, seed_site):
    with serve(seed_site) as base:
        search(page, base, '"win-win situation"')
        found = results(page)
        assert {r["type"] for r in found} == {"Quote", "Article"}                 # the quote, its article
        quote = next(r for r in found if r["type"] == "Quote")
        assert "win-win situation" in quote["snippet"] and "Ren Zhengfei" in quote["meta"]
        assert [m.lower() for m in quote["marks"]] == ["win", "win", "situation"]
        search(page, base, '"situation win-win"')                                  # the same words, apart
        assert "Nothing found" in page.locator("#search-status").inner_text()
        search(page, base, '"new administration"')          # adjacent in a quote ("the new US administration" in the text)
        quotes = [r for r in results(page) if r["type"] == "Quote"]
        assert len(quotes) == 1 and "new administration" in quotes[0]["snippet"]
        search(page, base, '"administration new"')
        assert "Nothing found" in page.locator("#search-status").inner_text()
    page.goto((seed_site / "search" / "index.html").as_uri() + '?q="win-win situation"')    # from disk too
    settle(page)
    assert any(r["type"] == "Quote" for r in results(page))
    assert any(name.startswith("positions-") for name in page.evaluate("() => Object.keys(self.quotewireData)"))


def test_filters_by_type_year_and_speaker_show_counts_and_work_from_the_keyboard(page, seed_site):
    loaded = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    with serve(seed_site) as base:
        page.goto(base + "search/index.html?q=huawei")
        settle(page)
        assert not any("/speakers-" in url for url in loaded)         # the speaker filter loads on demand
        everything = len(results(page))
        counts = {node.get_attribute("data-count"): node.inner_text()
                  for node in page.locator("[data-count]").all()}
        assert counts[""] == f"({everything})" and int(counts["quote"].strip("()")) > 0
        assert re.fullmatch(r"20\d\d \(\d+\)", page.locator("#search-year option").nth(1).inner_text())
        page.focus("#search-speaker")
        page.keyboard.type("zheng")                                    # any word of the name
        page.wait_for_selector("#search-speakers li[role=option]")
        option = page.locator("#search-speakers li[role=option]").first.inner_text()
        assert re.fullmatch(r"Ren Zhengfei \(\d+\)", option)
        assert any("/speakers-" in url for url in loaded)
        page.keyboard.press("ArrowDown")
        assert page.get_attribute("#search-speaker", "aria-activedescendant") == "speaker-0"
        page.keyboard.press("Enter")
        page.wait_for_function("() => new URLSearchParams(location.search).get('speaker') === 'Ren Zhengfei'")
        settle(page)
        kept = results(page)
        assert len(kept) == int(option.split("(")[1].rstrip(")")) < everything
        assert all(r["type"] != "Quote" or "Ren Zhengfei" in r["meta"] for r in kept)
        assert page.locator("[data-count='']").inner_text() == f"({len(kept)})"    # counts follow the filter
        page.reload()                                                  # the address keeps the filter
        settle(page)
        assert page.input_value("#search-speaker") == "Ren Zhengfei" and len(results(page)) == len(kept)
        page.fill("#search-speaker", "")                               # emptied: every result again
        page.wait_for_function(f"() => document.querySelectorAll('.result').length === {everything}")
