"""Person-role coreference (personref.py): "the prime minister", "the PM", "the Tory leader" as speakers,
table-driven with made-up sentences."""
import pytest

from generator.annotate import annotate_text
from generator.annotate.lexicon import normalise
from generator.annotate.personref import matches

# text, quoted words, who said them (None: the role stays as written, unresolved)
CASES = [
    # a title before the name
    ('Chancellor Gordon Brown spoke on Monday. The chancellor said: "We will cut taxes."', "cut taxes",
     "Gordon Brown"),
    ('Prime Minister Tony Blair arrived. "We are ready," the prime minister said.', "ready", "Tony Blair"),
    ('Tory leader Michael Howard attacked the plan. "It is wrong," the Tory leader said.', "wrong",
     "Michael Howard"),
    # an apposition after the name, or before it
    ('Tony Blair, the prime minister, arrived. "We are ready," the PM said.', "ready", "Tony Blair"),
    ('Tony Blair, who is prime minister, arrived. "We are ready," the PM said.', "ready", "Tony Blair"),
    ('The chancellor, Gordon Brown, spoke. "That is fine," the chancellor said.', "fine", "Gordon Brown"),
    ('Jose Mourinho, the manager, was calm. "We will win," the manager said.', "will win", "Jose Mourinho"),
    ('Chris Moyles, the DJ, was sorry. "I made a mistake," the DJ said.', "mistake", "Chris Moyles"),
    # an abbreviation of a title
    ('Chief executive Jane Smith was upbeat. "Sales grew," the CEO said.', "Sales grew", "Jane Smith"),
    # of two office holders, the one whose office is described
    ('Health Secretary John Reid and Prime Minister Tony Blair met. "It is wrong," the health secretary said.',
     "wrong", "John Reid"),
    ('Health Secretary John Reid and Prime Minister Tony Blair met. "It is wrong," the prime minister said.',
     "wrong", "Tony Blair"),
    ('Chester chairman Steve Vaughan spoke. "It is wrong," the Chester chairman said.', "wrong", "Steve Vaughan"),
    ('Home Secretary Charles Clarke spoke. "It is wrong," the foreign secretary said.', "wrong", None),
    # no holder named: the role stays as written
    ('"It is wrong," the prime minister said. Analysts agreed.', "wrong", None),
    ('Michael Howard attacked the plan. "It is wrong," the Tory leader said.', "wrong", None),
    # another office: the shadow chancellor is not the chancellor, the minister is not the prime minister
    ('Chancellor Gordon Brown spoke. "It is wrong," the shadow chancellor said.', "wrong", None),
    ('Prime Minister Tony Blair arrived. "It is wrong," the minister said.', "wrong", None),
    ('President George Bush spoke. "It is wrong," the vice president said.', "wrong", None),
    # unnamed sources stay unnamed
    ('Prime Minister Tony Blair arrived. "It is wrong," a spokesman said.', "wrong", None),
    ('Labour spokesman John Smith spoke. "It is wrong," a Labour spokesman said.', "wrong", None),
]


@pytest.mark.parametrize("text, words, speaker", CASES)
def test_role_speaker(text, words, speaker):
    quote = next(q for q in annotate_text(text).quotes if words in text[q.start:q.end])
    assert quote.speaker_canonical == speaker


@pytest.mark.parametrize("description, role, fits", [
    ("the PM", "Prime Minister", True),
    ("the prime minister", "prime minister", True),
    ("the minister", "Home Office minister", True),
    ("the minister", "Prime Minister", False),
    ("the chancellor", "shadow chancellor", False),
    ("the Tory leader", "leader", False),  # a party the tie does not give
    ("the attorney general", "Solicitor General", False),
    ("the Chester chairman", "chairman", True),  # a word the tie does not give
    ("the Labour leader", "Tory leader", False),  # another party
    ("the foreign secretary", "Home Secretary", False),  # another office
    ("the Democrat senator", "New York Senator", False),
    ("the leader", "Conservative leader", True),
    ("the Conservative leader", "Tory leader", True),
    ("the chief executive", "CEO", True),
    ("the founder of Huawei", "founder of Huawei", True),
    ("the founder of Huawei", "founder of Apple", False),
])
def test_description_fits_role(description, role, fits):
    assert matches(normalise(description), normalise(role)) is fits


# Pronoun agreement (coreference.antecedent, unchanged in run 11): the person of the pronoun's gender, an
# organisation for "it" and for "they" when nothing else is named in between.
@pytest.mark.parametrize("text, words, speaker", [
    ('Mr John Reid met Ms Jane Smith. "It is wrong," she said.', "wrong", "Jane Smith"),
    ('Ms Jane Smith met Mr John Reid. "It is wrong," he said.', "wrong", "John Reid"),
    ('Acme Corp cut its forecast. "Sales are weak," it said.', "Sales are weak", "Acme Corp"),
    ('Acme Corp cut its forecast. "Sales are weak," they said.', "Sales are weak", "Acme Corp"),
])
def test_pronoun_agreement(text, words, speaker):
    quote = next(q for q in annotate_text(text).quotes if words in text[q.start:q.end])
    assert quote.speaker_canonical == speaker
