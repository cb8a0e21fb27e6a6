"""How a quote's speaker was found (Quote.how): in open data, on the page, and in `check`'s suggestions."""
from __future__ import annotations

import pytest

from generator.annotate import EMPTY_REGISTRY, annotate_text
from generator.annotate.provenance import attribution
from generator.check import far_resolved


@pytest.mark.parametrize("as_written, canonical, how", [
    ("Tony Blair", "Tony Blair", "named"), ("Blair", "Tony Blair", "named"), ("Mr Blair", "Tony Blair", "named"),
    ("he", "Tony Blair", "pronoun"), ("She", "Jane Doe", "pronoun"), ("It", "Acme Corp", "pronoun"),
    ("the company", "Acme Corp", "description"), ("The minister", "Jane Doe", "description"),
    ("GM", "General Motors Corp", "abbreviation"), ("TWA", "Trans World Airlines Inc", "abbreviation"),
    (None, "Jane Doe", "inherited"), ("Jane Doe", None, None), (None, None, None),
])
def test_attribution_says_how_the_speaker_was_written(as_written, canonical, how):
    assert attribution(as_written, canonical) == how


def test_the_annotator_records_how_each_speaker_was_found():
    text = ('Tony Blair visited Leeds. "We will win," he said. "It is good," Mr Blair added.\n\n'
            'General Motors Corp (GM) said sales fell. GM said it was "very happy". "Next year will be better."')
    quotes = annotate_text(text, EMPTY_REGISTRY).quotes
    assert [(q.speaker_canonical, q.how) for q in quotes] == [
        ("Tony Blair", "pronoun"), ("Tony Blair", "named"), ("General Motors Corp", "abbreviation"),
        ("General Motors Corp", "inherited")]


@pytest.mark.parametrize("text, far", [
    ('Tony Blair visited Leeds.\n\n"We will win," he said.', False),
    ('Tony Blair visited Leeds.\n\nIt rained.\n\nThe streets were wet.\n\n"We will win," he said.', True),
    ('Tony Blair visited Leeds.\n\nIt rained.\n\nThe streets were wet.\n\n"We will win," Blair said.', False),
])
def test_check_suggests_a_look_at_a_speaker_resolved_far_from_the_name(text, far):
    (quote,) = annotate_text(text, EMPTY_REGISTRY).quotes
    assert far_resolved(text, quote) is far
