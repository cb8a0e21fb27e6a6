"""The seed article's checks (issue 3), with the shipped registry and with none."""
from pathlib import Path

import pytest
import yaml

from generator.annotate import EMPTY_REGISTRY, annotate_text, parse_registry

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "articles" / "2021-02-14-huawei-ren-zhengfei.txt"
REGISTRY = ROOT / "content" / "entities.yaml"


def seed_body() -> str:
    # The seed's header ("date 2021-02-14") shares the first line with the first paragraph;
    # offsets in these checks are into whatever text is given, so the raw file does.
    return SEED.read_text(encoding="utf-8")


def shipped_registry():
    return parse_registry(yaml.safe_load(REGISTRY.read_text(encoding="utf-8")), str(REGISTRY))


@pytest.fixture(scope="module", params=["shipped registry", "no registry"])
def seed(request):
    registry = shipped_registry() if request.param == "shipped registry" else EMPTY_REGISTRY
    text = seed_body()
    return text, annotate_text(text, registry)


def test_one_speaker_ren_zhengfei(seed):
    text, ann = seed
    speakers = {q.speaker_canonical for q in ann.quotes}
    assert speakers == {"Ren Zhengfei"} or speakers == {"Ren Zhengfei", "Huawei"}
    assert "Ren" not in {m.canonical for m in ann.mentions}


def test_five_direct_quotes_first_spans_two_paragraphs(seed):
    text, ann = seed
    direct = [q for q in ann.quotes if q.kind == "direct"]
    assert len(direct) == 5
    first = text[direct[0].start:direct[0].end]
    assert first.startswith("Trade benefits both sides.") and first.endswith("policies,")
    assert "\n\n" in first and "It’s a win-win situation." in first
    assert all(q.speaker_canonical == "Ren Zhengfei" for q in direct)


@pytest.mark.parametrize("words", ["the company will stick to a globalization strategy",
                                   "Huawei creates value", "he is now even more confident"])
def test_reported_statements(seed, words):
    text, ann = seed
    hits = [q for q in ann.quotes if q.kind == "indirect" and words in text[q.start:q.end]]
    assert hits and hits[0].speaker_canonical == "Ren Zhengfei"


def test_roles(seed):
    _, ann = seed
    roles = {(r.canonical, r.role) for r in ann.roles}
    assert ("Ren Zhengfei", "CEO of Huawei") in roles
    assert ("Ren Zhengfei", "founder of Huawei") in roles


@pytest.mark.parametrize("name, kind", [
    ("Huawei", "organization"), ("Intelligent Mining Innovation Lab", "organization"),
    ("Taiyuan", "place"), ("Shanxi", "place"), ("Europe", "place"), ("Asia", "place"),
    ("Middle East", "place"), ("China", "place"), ("iPhone 12", "other"), ("5G", "other"),
    ("Ren Zhengfei", "person"),
])
def test_entities(seed, name, kind):
    _, ann = seed
    assert (name, kind) in {(m.canonical, m.type) for m in ann.mentions}


def test_united_states_is_a_place(seed):
    _, ann = seed
    assert any(m.type == "place" and "United States" in m.canonical for m in ann.mentions)
    assert len({m.canonical for m in ann.mentions if m.text == "US"}) == 1


@pytest.mark.parametrize("junk", ["Trade", "Allowing", "It", "As", "We", "Oursales", "Chinese"])
def test_no_junk(seed, junk):
    _, ann = seed
    assert junk not in {m.text for m in ann.mentions} | {m.canonical for m in ann.mentions}


def test_speakers_join_mentions(seed):
    _, ann = seed
    canonicals = {m.canonical for m in ann.mentions}
    assert all(q.speaker_canonical in canonicals for q in ann.quotes if q.speaker_canonical)
    assert {e.canonical for e in ann.entities} >= {q.speaker_canonical for q in ann.quotes if q.speaker_canonical}
