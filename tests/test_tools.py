"""The measuring scripts (`make bench`, `make compare`) read the corpus format right and skip cleanly."""
from __future__ import annotations

from tests import compare


def test_an_article_becomes_a_hugo_and_a_pelican_post(tmp_path):
    source = tmp_path / "sport-007.txt"
    source.write_text('date 2004-05-06\ntitle Ali says "I am back"\n\nFirst paragraph.\n\nSecond one.\n',
                      encoding="utf-8")
    hugo = compare.wire_to_markdown(source, compare.hugo_front)
    assert hugo == ('---\ntitle: "Ali says \\"I am back\\""\ndate: 2004-05-06\ncategories: ["sport"]\n---\n'
                    "\nFirst paragraph.\n\nSecond one.\n")
    pelican = compare.wire_to_markdown(source, compare.pelican_front)
    assert pelican.startswith('Title: Ali says "I am back"\nDate: 2004-05-06\nCategory: sport\n\n')


def test_the_comparison_skips_without_its_tools(capsys):
    assert compare.main(["--hugo", "", "--pelican", ""]) == 0
    said = capsys.readouterr().out
    assert said.startswith("skipped:")
