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


class CountingPattern:
    """A compiled pattern that counts the matches its finditer yields."""

    def __init__(self, pattern):
        self.pattern, self.found = pattern, 0

    def finditer(self, *args):
        for match in self.pattern.finditer(*args):
            self.found += 1
            yield match


def test_each_word_of_a_long_paragraph_is_tokenised_about_once(monkeypatch):
    """Finding names, genders and reported speech share one tokenisation of each paragraph, and a quote's
    cue is looked for in the words just after it, not in all of its paragraph up to the next quote. With a
    cache of single sentences, a paragraph of more sentences than the cache held (here about 5,000) was
    tokenised three times over, and the stretch after the last quote of each round twice more: 4.0 times
    its words, where it is now 1.4."""
    from generator.annotate import tokens

    text = quote_dense_paragraph(300_000, background=40)
    assert len(tokens.sentences(text, 0, len(text))) > 4_096
    words_in_text = len(tokens.WORD.findall(text))
    counting = CountingPattern(tokens.WORD)
    monkeypatch.setattr(tokens, "WORD", counting)
    for cache in (tokens.sentences, tokens.words, tokens.sentence_words):
        cache.cache_clear()
    annotate_text(text)
    assert counting.found < 1.5 * words_in_text
