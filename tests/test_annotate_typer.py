"""The learned entity typer (generator/annotate/typer.py): committed weights, deterministic training, and the
types it gives where the rules alone went wrong."""
import json

import pytest

from generator.annotate import typer
from generator.annotate.entities import Found
from generator.annotate.pipeline import annotate_text, rule_mentions
from generator.annotate.train_typer import train


def types_of(text):
    return {(m.canonical, m.type) for m in annotate_text(text).mentions}


def test_weights_are_committed_and_load_without_download():
    with open(typer.WEIGHTS, encoding="utf-8") as fh:
        data = json.load(fh)
    assert data["labels"] == list(typer.LABELS)
    assert typer.trained() is not None and len(typer.trained().weights) > 1000


def test_training_is_deterministic():
    data = [(["bias", "rule=person", "last=corp"], 1), (["bias", "rule=person", "first=john"], 0),
            (["bias", "rule=place", "p1=in"], 2), (["bias", "rule=other", "last=cup"], 3)] * 5
    assert train(data, epochs=3, min_count=1).weights == train(data, epochs=3, min_count=1).weights


def test_the_model_can_only_retype_not_add_or_move_mentions():
    text = ("Ajax 2 Feyenoord 1\n\nPSV Eindhoven 3 Twente 0\n\nAMSTERDAM 1996-08-30\n\n"
            "Ajax coach Louis van Gaal said his side had played well.")
    found, settled = rule_mentions(text)
    typed = typer.retype(text, found, settled)
    assert [(f.start, f.end, f.canonical) for f in typed] == [(f.start, f.end, f.canonical) for f in found]


@pytest.mark.parametrize("text, name, kind", [
    # Clubs named after their town are teams, not places (the rules alone typed both places).
    ("Kenny Dalglish had been with Blackburn for nearly five years as manager. Blackburn announced on Wednesday"
     " that he had left the club.", "Blackburn", "organization"),
    ("Chelsea manager Jose Mourinho said his players were tired. Chelsea have won their last five games.",
     "Chelsea", "organization"),
    # A player in a bowling card is a person ("Gough 8-0-39-3").
    ("CRICKET - ENGLAND V PAKISTAN SCOREBOARD.\n\nLONDON 1996-08-24\n\nBowling: Gough 8-0-39-3, Mullally 6-0-30-1,"
     " Croft 7-0-32-0", "Mullally", "person"),
])
def test_learned_types(text, name, kind):
    assert (name, kind) in types_of(text)


@pytest.mark.parametrize("text, name, kind", [
    ("Mr Howard said the Tories would cut taxes. Mr Howard spoke in Leeds.", "Mr Howard", "person"),
    ("The Liberal Democrats said the plan was unfair, and the Liberal Democrats would vote against it.",
     "Liberal Democrats", "organization"),
    ("Ireland: G Murphy; S Horgan, B O'Driscoll, G D'Arcy, D Hickie; R O'Gara, P Stringer.", "S Horgan", "person"),
    ("She won for her role in The Night Manager in 2017.", "Night Manager", "other"),
])
def test_rules_certain_types_stay(text, name, kind):
    assert (name, kind) in types_of(text)


def test_settled_names_keep_their_type():
    text = "Acme Widgets rose 5 pct. Acme Widgets said profit rose."
    found = [Found(0, 12, "person", "Acme Widgets", None)]
    assert typer.retype(text, found, frozenset({"Acme Widgets"}))[0].type == "person"
