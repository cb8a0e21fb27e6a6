"""parse_registry: valid files load, every invalid entry is reported, naming the entry."""
import datetime as dt

import pytest

from generator.annotate import EMPTY_REGISTRY, annotate_text, parse_registry
from generator.errors import BuildFailed

PATH = "content/entities.yaml"


def test_empty_file_is_empty_registry():
    assert parse_registry(None, PATH) == EMPTY_REGISTRY


def test_entry_loads_with_aliases_and_links():
    reg = parse_registry({"entities": [{"name": "Ren Zhengfei", "type": "person", "aliases": ["Ren"],
                                        "links": {"wikipedia": "https://w/Ren"}, "slug": "ren"}],
                          "never": ["Trade"]}, PATH)
    assert reg.lookup("Ren").name == "Ren Zhengfei" and reg.lookup("Ren").slug == "ren"
    assert reg.never == frozenset({"Trade"})


@pytest.mark.parametrize("data, message", [
    ({"entities": [{"name": "Huawei", "type": "company"}]},
     'entity "Huawei": unknown type "company" (expected one of person, organization, place, other)'),
    ({"entities": [{"type": "person"}]}, "entity #1: missing name"),
    ({"entities": [{"name": "X", "type": "person", "colour": "red"}]}, "entity \"X\": unknown key 'colour'"),
    ({"entities": [{"name": "A", "type": "person", "aliases": ["AB"]},
                   {"name": "B", "type": "person", "aliases": ["AB"]}]},
     'entity "B": alias "AB" is already claimed by entity "A"'),
    ({"entities": [], "colour": 1}, "unknown top-level key 'colour'"),
    ({"entities": [{"name": "X", "type": "person", "aliases": "Y", "links": ["a"]}]}, 'entity "X": links must map'),
    ([1, 2], "expected a mapping"),
    ({"entities": [{"name": "X", "type": "person", "roles": {"title": "Mayor"}}]}, 'entity "X": roles must be a list'),
    ({"entities": [{"name": "X", "type": "person", "roles": [{"from": "2001-01-01"}]}]},
     'entity "X": role #1: missing title'),
    ({"entities": [{"name": "X", "type": "person", "roles": [{"title": "Mayor", "since": "2001-01-01"}]}]},
     'entity "X": role #1: unknown key \'since\' (expected some of title, from, to)'),
    ({"entities": [{"name": "X", "type": "person", "roles": [{"title": "Mayor", "from": "2001-02-30"}]}]},
     'entity "X": role "Mayor": `from: 2001-02-30` is not a real date'),
    ({"entities": [{"name": "X", "type": "person", "roles": [{"title": "Mayor", "to": 2007}]}]},
     'entity "X": role "Mayor": `to:` must be a date, YYYY-MM-DD'),
    ({"entities": [{"name": "X", "type": "person", "roles": [{"title": "Mayor", "from": "2005-01-01",
                                                              "to": "2001-01-01"}]}]},
     'entity "X": role "Mayor": `to: 2001-01-01` is before `from: 2005-01-01`'),
    ({"entities": [{"name": "X", "type": "person", "roles": [{"title": "Prime Minister", "from": "2001-01-01"},
                                                             {"title": "PM", "to": "2002-01-01"}]}]},
     'entity "X": role "PM" is given twice for overlapping dates'),
    ({"entities": [{"name": "X", "type": "organization", "roles": [{"title": "Mayor"}]}]},
     'entity "X": roles are offices people hold'),
])
def test_invalid_entries_are_build_errors(data, message):
    with pytest.raises(BuildFailed) as caught:
        parse_registry(data, PATH)
    assert any(message in str(e) and e.path == PATH for e in caught.value.errors), caught.value


def test_all_errors_reported_together():
    with pytest.raises(BuildFailed) as caught:
        parse_registry({"entities": [{"name": "A", "type": "x"}, {"name": "B", "type": "y"}]}, PATH)
    assert len(caught.value.errors) == 2


def test_registry_wins_and_never_drops():
    reg = parse_registry({"entities": [{"name": "Acme Widgets", "type": "organization", "aliases": ["Acme"]}],
                          "never": ["Zorblat"]}, PATH)
    ann = annotate_text("Zorblat met Jane Doe at Acme on Tuesday. Acme denied the report.", reg)
    assert {(m.text, m.canonical, m.type) for m in ann.mentions if m.text == "Acme"} == {
        ("Acme", "Acme Widgets", "organization")}
    assert "Zorblat" not in {m.text for m in ann.mentions}
    info = {e.canonical: e for e in ann.entities}
    assert info["Acme Widgets"].aliases == ("Acme",)


def test_roles_load_with_their_dates_and_two_people_may_share_a_title():
    reg = parse_registry({"entities": [
        {"name": "Tony Blair", "type": "person", "roles": [{"title": "Prime Minister", "from": "1997-05-02",
                                                           "to": "2007-06-27"}]},
        {"name": "Gordon Brown", "type": "person", "roles": [{"title": "Prime Minister", "from": "2007-06-27"},
                                                             {"title": "Chancellor of the Exchequer",
                                                              "from": "1997-05-02", "to": "2007-06-27"}]}]}, PATH)
    blair, brown = reg.entities
    assert blair.roles[0].held_on(dt.date(2007, 6, 27)) and brown.roles[0].held_on(dt.date(2007, 6, 27))
    assert not blair.roles[0].held_on(dt.date(2007, 6, 28)) and brown.roles[0].end is None
