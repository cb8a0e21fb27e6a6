"""Document-level evidence on people (generator/annotate/people.py) and words in quote marks that are not
quotations, table-driven."""
import pytest

from generator.annotate import annotate_text


def _types(text):
    return {m.canonical: m.type for m in annotate_text(text).mentions}


# text, canonical name, expected type
TYPES = [
    # a first name a gazetteer lists as a town is a person where the story treats it as one
    ("The show went on. Later, wardrobe stylist Tracy described herself as tired. Tracy, who is 31, left.",
     "Tracy", "person"),
    # rows of a nominations list: a person, then a work
    ("Best Actor\n\nLucas Hedges, Boy Erased\n\nRami Malek, Bohemian Rhapsody\n\nJohn David Washington, "
     "BlacKkKlansman\n\nWillem Dafoe, At Eternity's Gate", "Boy Erased", "other"),
    # the names a list of companies introduces are companies
    ("Gunmen attacked offices of international companies including Colgate Palmolive, Reckitt Benckiser "
     "and Pernod Ricard on Tuesday.", "Reckitt Benckiser", "organization"),
    ("The tournament returns to Augusta National next year.", "Augusta National", "organization"),
    # run 9: what the text says a name is; "CEO of" a name is where a person works; "al-" names
    ("Sevaun Palvetzian, CEO of Civic Action, spoke. Civic Action, a non-partisan civic engagement group, "
     "published it.", "Civic Action", "organization"),
    ("Jobs fell, according to the most recent numbers from Statistics Canada.", "Statistics Canada", "organization"),
    ("The loan came from Carlo Parmalat, the Italian dairy company, last year.", "Carlo Parmalat", "organization"),
    ("Ozzy Osbourne sang. His wife Sharon, who also appears in the show, agreed.", "Sharon", "person"),
    ("The attack was carried out by Somali group al-Shabaab, officials said.", "al-Shabaab", "organization"),
    ("Still, 30 per cent of deaths involve the drug, according to the National Institute on Drug Abuse.",
     "National Institute on Drug Abuse", "organization"),
]


@pytest.mark.parametrize("text, name, kind", TYPES)
def test_type_from_document_evidence(text, name, kind):
    assert _types(text).get(name) == kind


# A link to another story names nobody this story is about.
def test_related_story_lines_name_no_one():
    text = "Prices rose on Monday.\n\nREAD MORE: Ellen DeGeneres faces backlash\n\nPrices fell on Tuesday."
    assert "Ellen DeGeneres" not in _types(text)


# text, words that must not be a quote
NOT_QUOTES = [
    ('Federal officials have even issued a "black box warning" about the pills.', "black box warning"),
    ('The legend gets a modern spin in "The Kid Who Would Be King," out this week.', "The Kid Who Would Be King"),
    # an adverbial opening the sentence is not what the speaker said
    ("Mary Jones spoke. During his homeless years, which ended this fall, Dennis Brooks says he slept outside.",
     "During his homeless years"),
]


@pytest.mark.parametrize("text, words", NOT_QUOTES)
def test_not_a_quotation(text, words):
    assert not any(text[q.start:q.end].startswith(words) for q in annotate_text(text).quotes)


def test_participle_cue_takes_the_sentence_subject():
    text = "Jane Porter chastised the board on Friday, saying the station had acted improperly for years."
    quotes = annotate_text(text).quotes
    assert any(q.speaker_canonical == "Jane Porter" and "acted improperly" in text[q.start:q.end] for q in quotes)


# text, words the quote must contain, canonical speaker
CLAUSES = [
    # a few quoted words inside a reported sentence report the whole clause
    ('Later, Tracy Moore described herself as “short of breath” and feeling a little nauseous all day.',
     "feeling a little nauseous", "Tracy Moore"),
    # countries speak in news
    ("Markets were calm. On Wednesday, Japan said its core machinery orders were flat in November.",
     "machinery orders", "Japan"),
    # the subject after an opening phrase, for a coordinated cue
    ("In an interview on Monday, Secretary of State Mike Pompeo praised the deal and said he did not expect "
     "any change.", "did not expect", "Mike Pompeo"),
]


@pytest.mark.parametrize("text, words, speaker", CLAUSES)
def test_reported_clause(text, words, speaker):
    quotes = annotate_text(text).quotes
    assert any(words in text[q.start:q.end] and q.speaker_canonical == speaker for q in quotes), quotes
