"""The 2,225 BBC articles of ../shared/corpus: every page written, no overwrite, no broken link."""
from __future__ import annotations

import json

from generator.__main__ import run
from tests.crawl import crawl_folder, parse


def test_bbc_corpus_builds_every_page(bbc_content, tmp_path, capsys):
    output = tmp_path / "site"
    assert run(["build", "--content", str(bbc_content), "--output", str(output), "--config", "/dev/null"]) == 0
    assert "built 2225 articles" in capsys.readouterr().out
    pages = list((output / "articles").glob("*/index.html"))
    assert len(pages) == 2225                      # 129 duplicate titles, none overwritten
    home_pages = 1 + len(list((output / "page").glob("*/index.html")))
    assert home_pages == 10                        # home_pages; the older articles are in the archive:
    months = list((output / "archive").glob("*/*/index.html"))
    listed = {(page.parent / link).resolve() for page in months for link in parse(page.read_text("utf-8")).links}
    assert {page.resolve() for page in pages} <= listed       # every article, by month
    seen, broken = crawl_folder(output)           # every link and #anchor, as from disk
    assert broken == []
    assert len(seen) > 2225
    speakers = json.loads((output / "data" / "speakers.json").read_text("utf-8"))
    assert len({s["id"] for s in speakers}) == len(speakers)
    assert all((output / s["url"]).is_file() for s in speakers)
    top = sorted(speakers, key=lambda s: (-s["quotes"], s["name"]))[:10]
    print("top speakers:", ", ".join(f"{s['name']} ({s['quotes']})" for s in top))
    assert all(s["type"] == "person" and len(s["name"].split()) >= 2 for s in top)   # real people, full names
