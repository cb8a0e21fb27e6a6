"""Any Unicode text gives valid annotations and never an exception."""
from hypothesis import given, settings, strategies as st

from generator.annotate import annotate_text

PIECES = st.sampled_from(['"', "“", "”", "'", "’", "\n\n", " said ", " Ren ", "Mr. ", "(US)", ", ", ". ",
                          "According to ", " he added", "Huawei’s CEO ", "A", "ä", "\x00", "\u200b"])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_valid_annotations(text):
    ann = annotate_text(text)
    ann.check(text)
    canonicals = {m.canonical for m in ann.mentions}
    for q in ann.quotes:
        assert 0 <= q.start < q.end <= len(text)
        if q.speaker_canonical and q.speaker is not None and q.speaker_canonical not in canonicals:
            assert q.speaker.lower() in ("he", "she", "they") or q.speaker_canonical is None


def test_edge_cases():
    for text in ["", '"' * 1000, "x" * 200_000, "\n\n" * 100, "“”" * 50, "A " * 5000]:
        annotate_text(text).check(text)
