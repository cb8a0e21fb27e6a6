"""The memo: content-hash keys, one SQLite file written in one transaction, a damaged file ignored with a warning."""
from __future__ import annotations

import pytest

from generator.config import Config
from generator.fingerprint import digest
from generator.memo import FILE, Manifest, envelope_key, open_memo, output_state
from generator.read import parse_article

ARTICLE = b"date 2021-01-02\ntitle Cached\n\nBody text.\n"
MANIFEST = Manifest("inputs", {}, {})


def key(**config) -> tuple[str, str, str]:
    return envelope_key(Config(**config), b"")


def parse(memo, data=ARTICLE, path="articles/a.txt", calls=None):
    def make():
        if calls is not None:
            calls.append(path)
        return parse_article(data, path, path)
    return memo.get_or_make("article", digest(path, data), make)


def filled(folder, k=None):
    memo = open_memo(folder, k or key())
    article = parse(memo)
    memo.save(MANIFEST)
    return article


def test_digest_separates_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")


def test_a_missing_memo_is_empty_and_silent(tmp_path):
    memo = open_memo(tmp_path / "nowhere", key())
    assert memo.entries("article") == {} and memo.warnings == [] and memo.manifest is None


def test_hit_does_not_make_again(tmp_path):
    article = filled(tmp_path)
    memo = open_memo(tmp_path, key())
    calls = []
    assert parse(memo, calls=calls) == article and calls == []
    assert memo.manifest == MANIFEST


def test_nothing_changed_writes_nothing(tmp_path):
    filled(tmp_path)
    before = (tmp_path / FILE).stat().st_mtime_ns
    filled(tmp_path)
    assert (tmp_path / FILE).stat().st_mtime_ns == before


def test_unused_entries_are_dropped(tmp_path):
    filled(tmp_path)
    memo = open_memo(tmp_path, key())
    parse(memo, ARTICLE + b"More.\n")
    memo.save(MANIFEST)
    assert len(open_memo(tmp_path, key()).entries("article")) == 1


def test_a_replaced_table_keeps_only_the_new_entries(tmp_path):
    memo = open_memo(tmp_path, key())
    memo.replace("stems", {"running": "run", "walked": "walk"})
    memo.save(MANIFEST)
    memo = open_memo(tmp_path, key())
    assert memo.entries("stems") == {"running": "run", "walked": "walk"}
    memo.replace("stems", {"running": "run", ("a", 1): "tuple keys too"})
    memo.save(MANIFEST)
    assert open_memo(tmp_path, key()).entries("stems") == {"running": "run", ("a", 1): "tuple keys too"}


def test_config_or_registry_change_drops_entries_quietly(tmp_path):
    filled(tmp_path)
    memo = open_memo(tmp_path, key(title="Another"))
    assert memo.entries("article") == {} and memo.warnings == [] and memo.manifest is None


def test_other_generator_version_is_ignored_with_a_warning(tmp_path):
    filled(tmp_path, ("another generator", *key()[1:]))
    memo = open_memo(tmp_path, key())
    assert memo.entries("article") == {} and "another version of the generator" in memo.warnings[0]


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_damaged_memo_is_ignored_with_a_warning_and_made_again(tmp_path, damage):
    filled(tmp_path)
    path = tmp_path / FILE
    path.write_bytes(path.read_bytes()[:200] if damage is None else damage)
    memo = open_memo(tmp_path, key())
    calls = []
    parse(memo, calls=calls)
    assert calls and memo.manifest is None
    assert any("damaged" in warning for warning in memo.warnings)
    memo.save(MANIFEST)
    assert parse(open_memo(tmp_path, key()), calls=calls) and len(calls) == 1


def test_memo_disabled(tmp_path):
    memo = open_memo(None, key())
    calls = []
    parse(memo, calls=calls)
    memo.save(MANIFEST)
    assert calls and list(tmp_path.iterdir()) == []


def test_output_state_lists_files_with_size(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_bytes(b"12345")
    (tmp_path / "y.txt").write_bytes(b"")
    state = output_state(tmp_path)
    assert sorted(state) == ["a/x.html", "y.txt"] and state["a/x.html"][0] == 5
