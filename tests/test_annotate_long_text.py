"""One long quote-dense paragraph (issue 19): annotated in linear time, and as well as short ones."""
import re

from generator.annotate import annotate_text
from tests.long_paragraph import lines_run, quote_dense_paragraph


def test_twice_the_text_is_twice_the_work():
    """No stage looks back over every earlier mention, quote or pronoun for each new one (pronouns,
    attribution and reported speech did: 0.6 MB took minutes). Counted in lines run, not timed; the
    first call loads the word lists."""
    annotate_text(quote_dense_paragraph(2_000))

    def work(size):
        text = quote_dense_paragraph(size)
        return lines_run(lambda: annotate_text(text), "generator/annotate/")
    assert work(80_000) < 2.3 * work(40_000)


def test_a_long_paragraph_is_attributed_as_its_sentences_are():
    text = quote_dense_paragraph(400_000)
    assert "\n" not in text
    notes = annotate_text(text)
    by_start = {q.start: q for q in notes.quotes}
    named = list(re.finditer(r'"(We will win this fight,)" said (\w+ \w+)\. (He|She) added: "(It is good)', text))
    assert len(named) > 600
    for m in named:
        assert by_start[m.start(1)].speaker_canonical == m.group(2)         # the cue after the quote
        assert by_start[m.start(4)].speaker_canonical == m.group(2)         # the pronoun before the next one
