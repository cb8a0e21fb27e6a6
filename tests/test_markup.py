"""Spans become elements in the parsed tree; nothing is pasted as a string."""
from generator.markup import Span, markdown_plain_text, render_body


def link(start, end, href="e/"):
    return Span(start, end, "a", (("href", href),), layer=1)


def test_txt_paragraphs_are_escaped():
    assert render_body("a < b & <script>x</script>", None, ()) == "<p>a &lt; b &amp; &lt;script&gt;x&lt;/script&gt;</p>"


def test_quote_spanning_paragraphs_with_mentions_inside():
    text = "“One Ren.\n\nTwo,” said Ren."
    quote = Span(1, text.index("”"), "span", (("class", "quote"),), layer=0)
    html = render_body(text, None, [quote, link(5, 8), link(text.rindex("Ren"), len(text) - 1)])
    assert html == ('<p>“<span class="quote">One <a href="e/">Ren</a>.</span></p>'
                    '<p><span class="quote" data-continued="">Two,</span>” said <a href="e/">Ren</a>.</p>')


def test_markdown_link_code_heading():
    source = "# Ren speaks\n\nSee [Ren here](https://x.org) and `Ren` & Ren."
    text = markdown_plain_text(source)
    assert text == "Ren speaks\n\nSee Ren here and Ren & Ren."
    spans = [link(i, i + 3) for i in range(len(text)) if text.startswith("Ren", i)]
    html = render_body(text, source, spans)
    assert '<h1><a href="e/">Ren</a> speaks</h1>' in html
    assert '<a href="https://x.org"><span>Ren</span> here</a>' in html   # no link inside a link
    assert "<code>Ren</code>" in html                                    # code is verbatim
    assert '&amp; <a href="e/">Ren</a>.' in html


def test_raw_html_in_markdown_is_text():
    source = "Hi <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>"
    html = render_body(markdown_plain_text(source), source, ())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_entities_are_characters_in_plain_text():
    assert markdown_plain_text("A &copy; B &amp; C") == "A © B & C"


def test_span_validation():
    import pytest
    with pytest.raises(ValueError):
        Span(-100, 3, "a")
    with pytest.raises(ValueError):
        Span(5, 5, "a")


def test_quote_over_two_paragraphs_keeps_one_id_and_gets_its_speaker_after_the_end():
    from generator.markup import Insert
    text = "“One.\n\nTwo,” said Ren."
    end = text.index("”")
    quote = Span(1, end, "q", (("id", "q-1"), ("class", "quote")))
    html = render_body(text, None, [quote], [Insert(end, "a", (("href", "s/"),), "Ren")])
    assert html == ('<p>“<q id="q-1" class="quote">One.</q></p>'
                    '<p><q class="quote" data-continued="">Two,</q><a href="s/">Ren</a>” said Ren.</p>')


def test_span_across_inline_markup_in_markdown():
    source = "He said *very* clearly."
    text = markdown_plain_text(source)
    html = render_body(text, source, [Span(3, 20, "q", (("id", "q-1"),))])
    assert html == '<p>He <q id="q-1">said </q><em><q data-continued="">very</q></em><q data-continued=""> clearly</q>.</p>'


def test_one_long_paragraph_is_wrapped_in_linear_time():
    """Twice the spans in one text node, twice the work: no span is looked at again for each piece of text
    (it was: a paragraph of a few MB took minutes). Counted in lines run, not timed."""
    from tests.long_paragraph import lines_run, quote_dense_paragraph, regex_spans

    def work(size):
        text = quote_dense_paragraph(size)
        spans, inserts = regex_spans(text)
        return lines_run(lambda: render_body(text, None, spans, inserts), "generator/markup.py")
    assert work(100_000) < 2.3 * work(50_000)


def test_one_long_paragraph_keeps_every_span_and_character():
    import re
    from tests.long_paragraph import quote_dense_paragraph, regex_spans
    text = quote_dense_paragraph(300_000)
    spans, inserts = regex_spans(text)
    html = render_body(text, None, spans, inserts)
    assert html.count("<q ") == len(inserts) == text.count('"') // 2
    assert html.count('<a class="ent') == sum(1 for s in spans if s.tag == "a")
    shown = re.sub(r'<a class="who"[^>]*>Someone</a>', "", html)
    assert re.sub(r"<[^>]+>", "", shown).replace("&quot;", '"').replace("&amp;", "&") == f"{text}"
