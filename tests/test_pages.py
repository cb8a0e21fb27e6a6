"""The pages built from the seed: speakers, entities, quotes and open data agree."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.__main__ import run
from tests.conftest import ROOT
from tests.crawl import crawl_folder, parse


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("seed") / "site"
    assert run(["build", "--content", str(ROOT / "content"), "--output", str(output),
                "--config", str(ROOT / "site.yaml")]) == 0
    return output


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def article_page(site: Path) -> str:
    (page,) = (site / "articles").glob("*/index.html")
    return page.relative_to(site).as_posix()


def test_one_speaker_ren_zhengfei_with_five_direct_quotes_in_order(seed_site):
    speakers = json.loads(read(seed_site, "data/speakers.json"))
    people = [s for s in speakers if s["type"] == "person"]
    assert [s["name"] for s in people] == ["Ren Zhengfei"]
    assert not (seed_site / "speakers" / "ren").exists()
    html = read(seed_site, "speakers/ren-zhengfei/index.html")
    direct = re.findall(r'<blockquote class="quote-text said-direct" cite="([^"]+)">\s*<p>“([^<]*)”', html)
    assert len(direct) == 5
    assert direct[0][1].startswith("Trade benefits both sides.")
    assert "It’s a win-win situation." in direct[0][1]
    # newest first within one article means text order; each links to an anchor on the article page
    article = read(seed_site, article_page(seed_site))
    ids = set(parse(article).ids)
    for cite, _ in direct:
        assert cite.startswith("../../articles/") and cite.split("#")[1] in ids
    assert "CEO of Huawei" in html and "14 February 2021" in html


def test_multi_paragraph_quote_is_one_quote_marked_in_each_paragraph(seed_site):
    article = read(seed_site, article_page(seed_site))
    first = re.search(r'<q class="quote quote-direct" id="(q-[a-z0-9-]+)" data-n="2">Trade benefits', article)
    assert first
    assert '<q class="quote quote-direct" data-n="2" data-continued="">It’s a win-win situation.' in article
    assert article.count(f'id="{first.group(1)}"') == 1


@pytest.mark.parametrize("slug", ["huawei", "taiyuan", "shanxi", "iphone-12", "5g", "china", "united-states",
                                  "ren-zhengfei"])
def test_entity_pages_exist(seed_site, slug):
    """Speakers and registry entities have pages even when one article names them."""
    assert (seed_site / "entities" / slug / "index.html").is_file()


@pytest.mark.parametrize("slug", ["europe", "asia", "middle-east", "intelligent-mining-innovation-lab"])
def test_a_name_one_article_mentions_has_no_page_but_is_marked_and_in_the_data(seed_site, slug):
    assert not (seed_site / "entities" / slug).exists()
    entities = {e["id"]: e for e in json.loads(read(seed_site, "data/entities.json"))}
    assert entities[slug]["url"] is None and entities[slug]["articles"] == 1
    article = read(seed_site, article_page(seed_site))
    name = entities[slug]["name"]
    assert f'<span class="ent ent-{entities[slug]["type"]}" title="' in article and f">{name}</span>" in article
    assert f"entities/{slug}/" not in article


@pytest.mark.parametrize("junk", ["ren", "trade", "allowing", "it", "as", "we"])
def test_no_junk_pages(seed_site, junk):
    assert not (seed_site / "entities" / junk).exists()
    assert not (seed_site / "speakers" / junk).exists()


def test_every_mention_is_a_typed_link_to_its_entity_page(seed_site):
    article = read(seed_site, article_page(seed_site))
    links = re.findall(r'<a class="ent ent-(\w+)" href="([^"]+)" title="(\w+): ([^"]+)">([^<]+)</a>', article)
    assert len(links) > 20
    for kind, href, label, name, text in links:
        assert href.startswith("../../entities/") and href.endswith("/index.html")
        assert label.lower() == kind
    assert ("organization", "../../entities/huawei/index.html", "Organization", "Huawei", "Huawei") in links
    assert any(text == "Ren" and name == "Ren Zhengfei" for _, _, _, name, text in links)


def test_open_data_agrees_with_pages(seed_site):
    for name in ("articles", "quotes", "speakers", "entities"):
        records = json.loads(read(seed_site, f"data/{name}.json"))
        assert records and all("id" in r and "url" in r for r in records)
        for record in records:
            if record["url"] is None:       # an entity one article names: no page (entity_page_min_articles)
                assert name == "entities" and record["articles"] == 1 and not (seed_site / "entities" / record["id"]).exists()
                continue
            assert (seed_site / record["url"].split("#")[0]).is_file()
    quotes = json.loads(read(seed_site, "data/quotes.json"))
    article = read(seed_site, article_page(seed_site))
    for quote in quotes:
        assert {"article", "speaker", "kind", "text", "date"} <= set(quote)
        assert f'id="{quote["url"].split("#")[1]}"' in article
    ren = [q for q in quotes if q["speaker"] == "Ren Zhengfei"]
    assert sum(q["kind"] == "direct" for q in ren) == 5
    speakers = {s["name"]: s for s in json.loads(read(seed_site, "data/speakers.json"))}
    assert speakers["Ren Zhengfei"]["quotes"] == len(ren)
    entities = {e["name"]: e for e in json.loads(read(seed_site, "data/entities.json"))}
    assert entities["Huawei"]["type"] == "organization" and entities["Taiyuan"]["type"] == "place"


def test_sqlite_and_csv_hold_the_json_values_and_the_mentions(seed_site):
    import csv
    import sqlite3
    with sqlite3.connect(seed_site / "data" / "quotewire.sqlite") as db:
        db.row_factory = sqlite3.Row
        for name in ("articles", "quotes", "speakers", "entities"):
            records = json.loads(read(seed_site, f"data/{name}.json"))
            rows = [dict(row) for row in db.execute(f"SELECT * FROM {name} ORDER BY rowid")]
            assert len(rows) == len(records)
            for row, record in zip(rows, records):
                assert set(row) == set(record)
                for key, value in record.items():
                    assert (json.loads(row[key]) if isinstance(value, (list, dict)) else row[key]) == value
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        entities = {e["id"]: e for e in json.loads(read(seed_site, "data/entities.json"))}
        counts = dict(db.execute("SELECT entity, count(*) FROM mentions GROUP BY entity").fetchall())
        assert counts == {key: entity["mentions"] for key, entity in entities.items()}
        spans = db.execute("SELECT start, end, text FROM mentions WHERE entity = 'huawei'").fetchall()
        assert spans and all(end - start == len(text) for start, end, text in spans)
        top = db.execute("SELECT s.name, count(*) FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
                         "GROUP BY s.id ORDER BY 2 DESC").fetchone()
        assert top[0] == "Ren Zhengfei"
    with open(seed_site / "data" / "quotes.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    quotes = json.loads(read(seed_site, "data/quotes.json"))
    assert [row["id"] for row in rows] == [q["id"] for q in quotes]
    assert [row["text"] for row in rows] == [q["text"] for q in quotes]
    assert [row["speaker"] or None for row in rows] == [q["speaker"] for q in quotes]


class _JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.blocks = False, []

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data):
        if self.inside:
            self.blocks.append(json.loads(data))

    def handle_endtag(self, tag):
        self.inside = False


@pytest.mark.parametrize("page, kind", [("article", "NewsArticle"), ("speakers/ren-zhengfei/index.html", "Person"),
                                        ("entities/huawei/index.html", "Organization"),
                                        ("entities/taiyuan/index.html", "Place")])
def test_json_ld(seed_site, page, kind):
    parser = _JsonLd()
    parser.feed(read(seed_site, article_page(seed_site) if page == "article" else page))
    (block,) = parser.blocks
    assert block["@type"] == kind and block["@context"] == "https://schema.org"
    if kind == "NewsArticle":
        assert block["datePublished"] == "2021-02-14"
        assert sum(part["@type"] == "Quotation" for part in block["hasPart"]) >= 5


def test_seed_site_links_resolve(seed_site):
    seen, broken = crawl_folder(seed_site)
    assert not broken


def test_speakers_named_only_by_description_are_shown_not_linked_and_pronouns_not_at_all():
    import datetime as dt

    from generator.annotate import Annotations, Quote
    from generator.markup import render_body
    from generator.models import Article
    from generator.render import annotation_markup

    text = "“We will win,” the minister said. “Yes,” he added."
    first, second = text.index("We will win,"), text.index("Yes,")
    notes = Annotations(quotes=(
        Quote(first, first + len("We will win,"), "direct", "the minister", text.index("the minister"),
              text.index("the minister") + 12, None, "say"),
        Quote(second, second + 4, "direct", "he", text.index("he added"), text.index("he added") + 2, None, "add")))
    article = Article("a.txt", "a", "t", False, dt.date(2021, 1, 1), text)
    from generator.urls import quote_anchors
    spans, inserts = annotation_markup(article, notes, {}, lambda path: path,
                                       quote_anchors([text[q.start:q.end] for q in notes.quotes]))
    html = render_body(text, None, spans, inserts)
    assert '<span class="who who-unnamed" title="Quote 1, said by the minister">the minister</span>' in html
    assert '<span class="who who-none" title="Quote 2: no speaker found">unattributed</span>' in html


def test_an_articles_mentioned_list_is_by_kind_sorted_ignoring_case():
    """The sidebar's list (made in Python, as the template's unique and sort filters made it)."""
    from functools import partial
    from generator import urls
    from generator.annotate.model import Annotations, Mention
    from generator.catalog import Link
    from generator.render import mentioned
    names = [("zeta corp", "organization"), ("Paris", "place"), ("ZETA Corp", "organization"),
             ("Acme", "organization"), ("Paris", "place"), ("Nobody", "person")]
    notes = Annotations(mentions=tuple(Mention(i * 20, i * 20 + len(name), name, kind, name)
                                       for i, (name, kind) in enumerate(names)))
    links = {name: Link(name, kind, None if name == "Nobody" else name.lower().replace(" ", "-"), None)
             for name, kind in names}
    listed = dict(mentioned(notes, links, partial(urls.relative, "articles/a/index.html")))
    assert listed == {"organization": [("organization", "../../entities/acme/index.html", "Acme"),
                                       ("organization", "../../entities/zeta-corp/index.html", "zeta corp")],
                      "place": [("place", "../../entities/paris/index.html", "Paris")],
                      "person": [("person", None, "Nobody")]}      # no page of its own: listed, not linked


def test_names_are_filed_by_their_letters_without_accents_or_signs():
    from generator.pages import filing
    assert filing("Émile Zola") == "emile zola"
    assert filing("S&P 500") == "s p 500"
    assert filing("O'Neill") == "oneill" and filing("U.S.") == "us" and filing("O’Neill") == "oneill"
    assert filing("北京") == ""


def test_an_a_to_z_index_has_a_shelf_a_letter_and_splits_a_big_letter_by_the_next():
    import datetime as dt
    from generator.pages import NO_LETTER, Row, alphabetical, shelf_label

    def row(name):
        return Row(name.lower().replace(" ", "-"), name, "person", 1, 1, dt.date(2020, 1, 1))
    names = ["Sam Hill", "sally", "Ségolène Royal", "S4C", "Steve Bell", "Anna Ek", "3M", "北京", "Ann Bo"]
    shelves = alphabetical([row(name) for name in names], split=3)
    assert list(shelves) == [NO_LETTER, "a", "s"]
    assert [r.name for r in shelves[NO_LETTER][0].rows] == ["北京", "3M"]      # filed by "" and "3m"
    assert [(s.part, [r.name for r in s.rows]) for s in shelves["a"]] == [("", ["Ann Bo", "Anna Ek"])]
    assert [(s.part, [r.name for r in s.rows]) for s in shelves["s"]] == [
        ("s", ["S4C"]), ("sa", ["sally", "Sam Hill"]), ("se", ["Ségolène Royal"]), ("st", ["Steve Bell"])]
    assert [r.name for r in alphabetical([row("S&P"), row("Sp Ausnet")], split=1)["s"][0].rows] == ["S&P"]
    assert [shelf_label(label) for label in (NO_LETTER, "s", "sa")] == ["#", "S", "Sa"]


def test_the_front_page_shows_the_archive_s_voices_then_the_articles(seed_site):
    home = read(seed_site, "index.html")
    assert home.index("<h1>Who is saying what</h1>") < home.index("Latest quotes") < home.index("Most quoted") \
        < home.index("Most mentioned") < home.index("<h2>Latest articles</h2>")
    assert home.count('<li class="quote-item"') == 8 and home.count('class="permalink"') == 8
    assert '<a href="speakers/ren-zhengfei/index.html">Ren Zhengfei</a> <span class="count">8 quotes</span>' in home
    assert '<time datetime="2021-02-14">14 February 2021</time></span></h2>' in home
