"""holders.resolve_roles: an office no article ties to a name is given to its holder on the article's
date, from the registry's dated roles, else from the roles other articles state with a name."""
import datetime as dt

import pytest

from generator.annotate import EMPTY_REGISTRY, annotate_text, parse_registry
from generator.corrections import Corrections, apply_corrections, parse_corrections
from generator.holders import LEAST, WINDOW_DAYS, dominates, resolve_roles
from generator.models import AnnotatedArticle, Article
from generator.urls import quote_anchors

QUOTE = '"Taxes will fall next year," the chancellor said on Monday.'
BROWN = "Chancellor Gordon Brown visited a factory in Leeds on Tuesday."
CLARKE = "Chancellor Ken Clarke visited a factory in Hull on Tuesday."
SCHROEDER = "German Chancellor Gerhard Schroeder visited a factory in Bonn on Tuesday."
DAY = dt.date(2005, 3, 1)


def article(slug: str, text: str, date: dt.date = DAY, registry=EMPTY_REGISTRY) -> AnnotatedArticle:
    found = Article(source_path=f"{slug}.txt", slug=slug, title=slug, title_derived=False, date=date, text=text)
    return AnnotatedArticle(found, annotate_text(text, registry), digest=f"digest-{slug}")


def stating(text: str, count: int, date: dt.date = DAY - dt.timedelta(days=20), first: int = 0):
    return [article(f"tie-{first + n}", text, date) for n in range(count)]


def speaker(items, slug: str = "quote") -> tuple[str | None, str | None]:
    quote = next(item for item in items if item.article.slug == slug).annotations.quotes[0]
    return quote.speaker_canonical, quote.how


def registry_of(*roles: tuple[str, dict]):
    return parse_registry({"entities": [{"name": name, "type": "person", "roles": [role]} for name, role in roles]},
                          "content/entities.yaml")


def test_an_unresolved_office_is_unresolved_by_the_annotator():
    assert speaker([article("quote", QUOTE)]) == (None, None)


@pytest.mark.parametrize("ties, expected", [
    ([(BROWN, LEAST)], ("Gordon Brown", "role")),
    ([(BROWN, LEAST - 1)], (None, None)),                        # too few articles say it
    ([(BROWN, 4), (CLARKE, 1)], ("Gordon Brown", "role")),       # 80 % of the two most named
    ([(BROWN, 3), (CLARKE, 1)], (None, None)),                   # 75 %: no clear holder
    ([(BROWN, 3), (SCHROEDER, 3)], ("Gordon Brown", "role")),    # "German Chancellor" is another office
])
def test_the_holder_most_articles_name_in_the_window(ties, expected):
    others, first = [], 0
    for text, count in ties:
        others += stating(text, count, first=first)
        first += count
    assert speaker(resolve_roles([article("quote", QUOTE), *others], EMPTY_REGISTRY)) == expected


def test_only_articles_within_the_window_count():
    far = DAY - dt.timedelta(days=WINDOW_DAYS + 1)
    assert speaker(resolve_roles([article("quote", QUOTE), *stating(BROWN, 5, far)], EMPTY_REGISTRY)) == (None, None)
    after = DAY + dt.timedelta(days=WINDOW_DAYS)        # both sides of the date, the last day included
    assert speaker(resolve_roles([article("quote", QUOTE), *stating(BROWN, 3, after)], EMPTY_REGISTRY)) == \
        ("Gordon Brown", "role")


def test_an_article_naming_another_holder_is_left_alone():
    quote = article("quote", "Gerhard Schroeder visited Bonn.\n\n" + QUOTE)
    assert speaker([quote]) == (None, None)
    items = [quote, *stating(BROWN, 4), *stating(SCHROEDER, 1, first=4)]
    assert speaker(resolve_roles(items, EMPTY_REGISTRY)) == (None, None)


def test_the_registry_wins_over_the_articles_and_its_dates_count():
    registry = registry_of(("Ken Clarke", {"title": "Chancellor of the Exchequer", "from": "1993-05-27",
                                           "to": "1997-05-02"}),
                           ("Gordon Brown", {"title": "Chancellor of the Exchequer", "from": "1997-05-02",
                                             "to": "2007-06-27"}))
    assert speaker(resolve_roles([article("quote", QUOTE)], registry)) == ("Gordon Brown", "role")
    old = [article("quote", QUOTE, dt.date(1995, 1, 1)), *stating(BROWN, 5, dt.date(1995, 2, 1))]
    assert speaker(resolve_roles(old, registry)) == ("Ken Clarke", "role")
    handover = [article("quote", QUOTE, dt.date(1997, 5, 2)), *stating(BROWN, 5, dt.date(1997, 5, 20))]
    assert speaker(resolve_roles(handover, registry)) == (None, None)     # two holders that day: nobody
    later = [article("quote", QUOTE, dt.date(2008, 1, 1)), *stating(BROWN, 3, dt.date(2008, 2, 1))]
    assert speaker(resolve_roles(later, registry)) == ("Gordon Brown", "role")   # past the registry: the articles


@pytest.mark.parametrize("text", [
    '"Taxes will fall," the former chancellor said.',
    '"Taxes will fall," the German chancellor said.',
    '"Taxes will fall," a chancellor said.',
    '"Taxes will fall," the spokesman said.',
])
def test_descriptions_that_name_another_office_or_no_one_stay_unresolved(text):
    items = [article("quote", text), *stating(BROWN, 5), *stating("Spokesman Jo Bloggs said so on Tuesday.", 5, first=5)]
    assert speaker(resolve_roles(items, EMPTY_REGISTRY)) == (None, None)


def test_only_resolved_articles_change_and_get_a_new_digest():
    items = [article("quote", QUOTE), *stating(BROWN, 3)]
    out = resolve_roles(items, EMPTY_REGISTRY)
    assert out[0].digest != items[0].digest and out[0].article == items[0].article
    assert out[1:] == tuple(items[1:])
    assert resolve_roles(items, EMPTY_REGISTRY) == out                      # deterministic


def test_an_editors_correction_wins():
    items = [article("quote", QUOTE), *stating(BROWN, 3)]
    said = items[0].annotations.quotes[0]
    qid = "quote#" + quote_anchors([QUOTE[said.start:said.end]])[0]      # as data/quotes.json gives it
    for name, expected in ((None, (None, None)), ("Ken Clarke", ("Ken Clarke", "editor"))):
        fixes = Corrections("content/corrections.yaml", parse_corrections({"quotes": [{"id": qid, "speaker": name}]},
                                                                          "content/corrections.yaml"))
        assert speaker(resolve_roles(apply_corrections(items, fixes, EMPTY_REGISTRY), EMPTY_REGISTRY)) == expected


@pytest.mark.parametrize("most, second, expected", [(3, 0, True), (2, 0, False), (4, 1, True), (3, 1, False),
                                                    (8, 2, True), (7, 2, False)])
def test_dominance(most, second, expected):
    assert dominates(most, second) is expected


@pytest.mark.parametrize("said, expected", [("the prime minister", ("Tony Blair", "role")),
                                            ("the PM", ("Tony Blair", "role")),
                                            ("the Israeli prime minister", (None, None))])
def test_a_registry_title_is_the_office_a_description_names_or_not(said, expected):
    registry = registry_of(("Tony Blair", {"title": "Prime Minister", "from": "1997-05-02", "to": "2007-06-27"}))
    assert speaker(resolve_roles([article("quote", f'"We will win," {said} said.')], registry)) == expected
