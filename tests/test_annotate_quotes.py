"""Quotations and their speakers, table-driven."""
import pytest

from generator.annotate import annotate_text

# text, the quoted words we expect (a substring of the quote), kind, canonical speaker (None: unattributed)
CASES = [
    ('"We will win," said John Smith.', "We will win", "direct", "John Smith"),
    ('John Smith said: "We will win the election next year."', "We will win", "direct", "John Smith"),
    ('Mary Jones arrived late. "It was a long day," she said.', "It was a long day", "direct", "Mary Jones"),
    ('“A is fine,” Tom Baker said. “B is also fine.”', "B is also fine", "direct", "Tom Baker"),
    ('Tom Baker spoke. “First part of it.\n\n“Second part of it,” he said.', "Second part", "direct", "Tom Baker"),
    ('Anna Berg said the plan would fail within a year.', "the plan would fail", "indirect", "Anna Berg"),
    ('Anna Berg told reporters that the plan would fail.', "the plan would fail", "indirect", "Anna Berg"),
    ('The plan will fail within a year, Anna Berg said.', "The plan will fail", "indirect", "Anna Berg"),
    ('According to Anna Berg, the plan will fail within a year.', "the plan will fail", "indirect", "Anna Berg"),
    ('Then came this: "We have never seen anything like it before."', "never seen", "direct", None),
]


@pytest.mark.parametrize("text, words, kind, speaker", CASES)
def test_quote(text, words, kind, speaker):
    ann = annotate_text(text)
    hits = [q for q in ann.quotes if words in text[q.start:q.end]]
    assert hits, [text[q.start:q.end] for q in ann.quotes]
    assert hits[0].kind == kind
    assert hits[0].speaker_canonical == speaker


def test_scare_quotes_are_not_quotations():
    text = 'The weather was "really awful" all week, and Kim\'s "new way" was unclear.'
    assert annotate_text(text).quotes == ()


def test_multi_paragraph_quote_is_one_quote():
    text = 'Ann Lee spoke.\n\n“One thing.\n\nAnother thing,” said Ann Lee.'
    quotes = [q for q in annotate_text(text).quotes if q.kind == "direct"]
    assert len(quotes) == 1 and "\n\n" in text[quotes[0].start:quotes[0].end]


def test_odd_marks_do_not_pair_across_paragraphs():
    text = 'He said "one two three.\n\nNo quote here at all.\n\nAnd "four five six" ends.'
    quotes = annotate_text(text).quotes
    assert not any("No quote here" in text[q.start:q.end] for q in quotes)


@pytest.mark.parametrize("text, name, kind", [
    ("Prime Minister Tony Blair visited Paris on Monday.", "Tony Blair", "person"),
    ("Prime Minister Tony Blair visited Paris on Monday.", "Paris", "place"),
    ("Shares of Acme Corp rose in London.", "Acme Corp", "organization"),
    ("The World Health Organization (WHO) warned. The WHO said more.", "World Health Organization", "organization"),
])
def test_entity(text, name, kind):
    ann = annotate_text(text)
    assert (name, kind) in {(m.canonical, m.type) for m in ann.mentions}


@pytest.mark.parametrize("text", ["It was late.", "As ever, we won.", "Monday came. In May it rained.",
                                  "“Trade is good,” he said.", "Allowing this is wrong."])
def test_no_junk_entities(text):
    assert annotate_text(text).mentions == ()
