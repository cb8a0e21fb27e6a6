"""The cache: content-hash keys, damaged or incompatible files ignored with a warning, no-op saves nothing."""
from __future__ import annotations

import pickle

import pytest

from generator import cache as cache_module
from generator.cache import (MAGIC, TABLES, cached_parse, digest, envelope_key, open_cache, output_state,
                             save_tables)
from generator.config import Config
from generator.read import parse_article

ARTICLE = b"date 2021-01-02\ntitle Cached\n\nBody text.\n"


def key(**config) -> tuple[str, str, str]:
    return envelope_key(Config(**config), b"")


def filled(folder, k=None):
    cache = open_cache(folder, k or key())
    article = cached_parse(cache, parse_article)(ARTICLE, "articles/a.txt", "a.txt")
    save_tables(cache)
    return article


def test_digest_separates_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")


def test_a_missing_cache_is_empty_and_silent(tmp_path):
    cache = open_cache(tmp_path / "nowhere", key())
    assert cache.tables == {} and cache.warnings == [] and cache.manifest is None


def test_hit_does_not_compute_again(tmp_path):
    article = filled(tmp_path)
    cache = open_cache(tmp_path, key())
    calls = []
    again = cached_parse(cache, lambda *a: calls.append(a))(ARTICLE, "articles/a.txt", "a.txt")
    assert again == article and calls == []
    assert not cache.changed()


@pytest.mark.parametrize("source_path, data", [("articles/b.txt", ARTICLE), ("articles/a.txt", ARTICLE + b"More.\n")])
def test_key_is_path_and_content(tmp_path, source_path, data):
    filled(tmp_path)
    cache = open_cache(tmp_path, key())
    cached_parse(cache, parse_article)(data, source_path, source_path)
    assert cache.misses == {"article": 1}


def test_no_op_does_not_rewrite_the_file(tmp_path):
    filled(tmp_path)
    before = (tmp_path / TABLES).stat().st_mtime_ns
    filled(tmp_path)
    assert (tmp_path / TABLES).stat().st_mtime_ns == before


def test_unused_entries_are_dropped(tmp_path):
    filled(tmp_path)
    cache = open_cache(tmp_path, key())
    cached_parse(cache, parse_article)(ARTICLE, "articles/other.txt", "other.txt")
    save_tables(cache)
    assert len(open_cache(tmp_path, key()).tables["article"]) == 1


def test_config_or_registry_change_drops_entries_quietly(tmp_path):
    filled(tmp_path)
    for other in (key(title="Other"), envelope_key(Config(), b"entities: []")):
        cache = open_cache(tmp_path, other)
        assert cache.tables == {} and cache.warnings == []


def test_other_generator_version_is_ignored_with_a_warning(tmp_path):
    filled(tmp_path)
    cache = open_cache(tmp_path, ("another generator",) + key()[1:])
    assert cache.tables == {}
    assert "another version of the generator" in cache.warnings[0]


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                           # truncated
    lambda data: data[:-5] + b"XXXXX",                             # bytes changed
    lambda data: b"not a cache at all",                            # foreign file
    lambda data: b"",                                              # empty
])
def test_damaged_cache_is_ignored_with_a_warning(tmp_path, damage):
    filled(tmp_path)
    path = tmp_path / TABLES
    path.write_bytes(damage(path.read_bytes()))
    cache = open_cache(tmp_path, key())
    assert cache.tables == {}
    assert "damaged" in cache.warnings[0]
    filled(tmp_path)                                              # and it is rebuilt
    assert open_cache(tmp_path, key()).warnings == []


def test_whole_but_incompatible_pickle_is_ignored_with_a_warning(tmp_path):
    import hashlib
    article = parse_article(ARTICLE, "articles/a.txt")
    payload = pickle.dumps({"format": cache_module.FORMAT, "key": key(), "tables": {"article": {"k": article}}})
    payload = payload.replace(b"generator.models", b"generator.modelz")   # a module that no longer exists
    (tmp_path / TABLES).write_bytes(MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    cache = open_cache(tmp_path, key())
    assert cache.tables == {} and "incompatible" in cache.warnings[0]


def test_cache_disabled(tmp_path):
    cache = open_cache(None, key())
    cached_parse(cache, parse_article)(ARTICLE, "articles/a.txt", "a.txt")
    save_tables(cache)
    assert list(tmp_path.iterdir()) == []


def test_output_state_lists_files_with_size(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.html").write_bytes(b"12345")
    (tmp_path / "x.txt").write_bytes(b"")
    state = output_state(tmp_path)
    assert sorted(state) == ["a/b/c.html", "x.txt"] and state["a/b/c.html"][0] == 5


def articles_kept(folder, names, k=None):
    """A build of the articles `names` (each its own source): the cache as it read them, saved."""
    cache = open_cache(folder, k or key())
    for name in names:
        cached_parse(cache, parse_article)(ARTICLE + name.encode(), f"articles/{name}.txt", f"{name}.txt")
    save_tables(cache)
    return cache


def test_a_few_changed_entries_go_to_the_delta_the_whole_file_stays(tmp_path):
    articles_kept(tmp_path, [f"a{i}" for i in range(20)])
    whole = (tmp_path / TABLES).read_bytes()
    names = [f"a{i}" for i in range(1, 20)] + ["new"]               # one removed, one added
    articles_kept(tmp_path, names)
    assert (tmp_path / TABLES).read_bytes() == whole
    assert (tmp_path / "tables.delta.pickle").is_file()
    again = articles_kept(tmp_path, names)                           # read back: nothing to compute
    assert again.misses == {} and not again.changed()
    assert len(again.tables["article"]) == 20


def test_past_a_share_of_changes_the_whole_file_is_written_and_the_delta_goes(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "DELTA_LEAST", 2)
    articles_kept(tmp_path, [f"a{i}" for i in range(8)])
    articles_kept(tmp_path, [f"a{i}" for i in range(9)])             # 1 change: the delta
    assert (tmp_path / "tables.delta.pickle").is_file()
    whole = (tmp_path / TABLES).read_bytes()
    cache = articles_kept(tmp_path, [f"a{i}" for i in range(11)])    # 3 changes since the whole file
    assert (tmp_path / TABLES).read_bytes() != whole
    assert not (tmp_path / "tables.delta.pickle").exists()
    assert cache.misses == {"article": 2}
    assert len(open_cache(tmp_path, key()).tables["article"]) == 11


def test_a_delta_of_another_whole_file_is_ignored(tmp_path):
    articles_kept(tmp_path, ["a", "b"])
    articles_kept(tmp_path, ["a", "b", "c"])
    delta = (tmp_path / "tables.delta.pickle").read_bytes()
    (tmp_path / TABLES).unlink()
    articles_kept(tmp_path, ["a"])                                   # a new whole file
    (tmp_path / "tables.delta.pickle").write_bytes(delta)            # an old delta left beside it
    cache = open_cache(tmp_path, key())
    assert len(cache.tables["article"]) == 1 and cache.warnings == []


def test_a_damaged_delta_is_ignored_with_a_warning(tmp_path):
    articles_kept(tmp_path, ["a", "b"])
    articles_kept(tmp_path, ["a", "b", "c"])
    (tmp_path / "tables.delta.pickle").write_bytes(b"damaged")
    cache = articles_kept(tmp_path, ["a", "b", "c"])
    assert cache.misses == {"article": 1} and "damaged" in cache.warnings[0]
    assert len(open_cache(tmp_path, key()).tables["article"]) == 3
