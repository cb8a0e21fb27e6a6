"""Canonical person names without titles, qualifiers or places, and never a fragment; table-driven."""
import pytest

from generator.annotate import annotate_text
from generator.annotate.entities import intrinsic_type
from generator.annotate.tokens import sentences

# text, a name that must be an entity (canonical), its type, a canonical that must not appear
CASES = [
    ("NEW YORK, March 3 - Investor Sumner Redstone said he would buy the stake.", "Sumner Redstone", "person",
     "Investor Sumner Redstone"),
    ("The offer came from Billionaire Warren Buffett, who said it was fair.", "Warren Buffett", "person",
     "Billionaire Warren Buffett"),
    ("The land is ours, said Hereditary Chief Phillip Joe.", "Phillip Joe", "person", "Hereditary Chief Phillip Joe"),
    ("Sen. Richard Shelby of Alabama said the bill was bad.", "Richard Shelby", "person",
     "Richard Shelby of Alabama"),
    ("Senators Jake Garn of Utah and John Heinz of Pennsylvania said they might seek an amendment.", "Jake Garn",
     "person", "Jake Garn of Utah"),
    ('"The remarks came late," said P.S. Tam of Morgan Guaranty Trust.', "P.S. Tam", "person", "P.S."),
    ('"The remarks came late," said P.S. Tam of Morgan Guaranty Trust.', "Morgan Guaranty Trust", "organization",
     "Tam of Morgan Guaranty Trust"),
    # a company opening a sentence keeps its first word, a dictionary word: never the fragment "Corp"
    ("Acme Corp cut its forecast on Monday.", "Acme Corp", "organization", "Corp"),
    # one name, not a person and a place
    ("The Bank of England said rates would rise.", "Bank of England", "organization", "England"),
    ("The Duke of Edinburgh opened the hall.", "Duke of Edinburgh", None, "Edinburgh"),
]


@pytest.mark.parametrize("text, name, kind, wrong", CASES)
def test_canonical_name(text, name, kind, wrong):
    ann = annotate_text(text)
    names = {m.canonical: m.type for m in ann.mentions}
    assert name in names, names
    assert kind is None or names[name] == kind
    assert wrong not in names


# text, quoted words, speaker: the person, not where they are from or work
@pytest.mark.parametrize("text, speaker", [
    ("Aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein says the revenues will fall short.",
     "Mike Powell"),
    ("Nicolas Sarkozy of France said he and his colleagues were worried.", "Nicolas Sarkozy"),
    ('"Growth will remain fragile," Emmanuel Ferry, from Exane BNP Paribas told Reuters news agency.',
     "Emmanuel Ferry"),
    ('"The remarks came late," said P.S. Tam of Morgan Guaranty Trust.', "P.S. Tam"),
])
def test_person_of_place_speaks(text, speaker):
    assert [q.speaker_canonical for q in annotate_text(text).quotes] == [speaker]


@pytest.mark.parametrize("text, count", [
    ("J.R. Ewing said so. He left.", 2),  # initials before a surname end no sentence
    ("He lived in the U.S.A. The end came.", 2),
    ("He met P.S. Tam on Monday.", 1),
])
def test_initials_and_sentences(text, count):
    assert len(sentences(text, 0, len(text))) == count


@pytest.mark.parametrize("name, kind", [("P.S. Tam", "person"), ("J.R. Ewing", "person"), ("H.K. Dlr", None)])
def test_initials_make_a_person(name, kind):
    assert intrinsic_type(name, tuple(name.split())) == kind
