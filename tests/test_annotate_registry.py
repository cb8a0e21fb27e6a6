"""parse_registry: valid files load, every invalid entry is reported, naming the entry."""
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
